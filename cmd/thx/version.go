package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// version is set at link time with -ldflags "-X main.version=...";
// without it the module version from the build info is used.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" {
		return "devel"
	}
	return info.Main.Version
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version of thx and the Go toolchain that built it",
		Action: func(c *cli.Context) error {
			fmt.Fprintf(c.App.Writer, "thx %s\n", versionString())
			fmt.Fprintf(c.App.Writer, "go %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
