package main

import (
	"github.com/urfave/cli/v2"
)

// newApp builds the command tree. Each subcommand lives in its own file.
func newApp() *cli.App {
	app := &cli.App{
		Name:                 "thx",
		Usage:                "ThaliumX exchange node and tools",
		Version:              versionString(),
		EnableBashCompletion: true,
		Commands: []*cli.Command{
			versionCommand(),
			replayCommand(),
			benchCommand(),
			dbCommand(),
			accountCommand(),
			nodeCommand(),
			marketsCommand(),
			orderCommand(),
			balancesCommand(),
			testnetCommand(),
		},
	}
	configureHelp(app)
	return app
}
