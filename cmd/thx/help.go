package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/urfave/cli/v2"
	"github.com/urfave/cli/v2/altsrc"
)

// commandHelpTemplate is urfave/cli's help page of a command without flag
// categories, with each flag as flagString formats it.
const commandHelpTemplate = `NAME:
   {{template "helpNameTemplate" .}}

USAGE:
   {{template "usageTemplate" .}}{{if .Description}}

DESCRIPTION:
   {{template "descriptionTemplate" .}}{{end}}{{if .VisibleFlags}}

OPTIONS:{{range .VisibleFlags}}
   {{.}}{{end}}{{end}}
`

// subcommandHelpTemplate is the help page of a command group.
const subcommandHelpTemplate = `NAME:
   {{template "helpNameTemplate" .}}

USAGE:
   {{if .UsageText}}{{wrap .UsageText 3}}{{else}}{{.HelpName}} command [command options]{{end}}{{if .Description}}

DESCRIPTION:
   {{template "descriptionTemplate" .}}{{end}}

COMMANDS:{{template "visibleCommandTemplate" .}}{{if .VisibleFlags}}

OPTIONS:{{range .VisibleFlags}}
   {{.}}{{end}}{{end}}
`

// appHelpTemplate is the help page of thx itself.
const appHelpTemplate = `NAME:
   {{template "helpNameTemplate" .}}

USAGE:
   {{.HelpName}} [global options] command [command options]{{if .Version}}{{if not .HideVersion}}

VERSION:
   {{.Version}}{{end}}{{end}}

COMMANDS:{{template "visibleCommandTemplate" .}}{{if .VisibleFlags}}

GLOBAL OPTIONS:{{range .VisibleFlags}}
   {{.}}{{end}}{{end}}
`

// configureHelp sets the help layout of thx. When go-ethereum's internal
// flags package initializes (the dev chain links it in), it replaces
// urfave/cli's flag formatter and puts --help under a MISC heading. This
// function restores one layout for every page.
func configureHelp(app *cli.App) {
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "show help"}
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "print the version"}
	cli.FlagStringer = flagString
	cli.AppHelpTemplate = appHelpTemplate
	cli.CommandHelpTemplate = commandHelpTemplate
	cli.SubcommandHelpTemplate = subcommandHelpTemplate

	app.Action = groupAction
	app.OnUsageError = usageError
	for _, c := range app.Commands {
		configureCommand(c)
	}
}

// configureCommand gives c and its subcommands the usage error handler,
// and each command group an action that rejects an unknown subcommand.
func configureCommand(c *cli.Command) {
	c.OnUsageError = usageError
	if len(c.Subcommands) > 0 && c.Action == nil {
		c.Action = groupAction
	}
	for _, sub := range c.Subcommands {
		configureCommand(sub)
	}
}

// groupAction shows the help of a command group called without a
// command, and rejects an argument that names none of its commands.
func groupAction(c *cli.Context) error {
	commands, path := c.App.VisibleCommands(), c.App.Name
	if c.Command != nil && c.Command.Name != "" {
		commands, path = c.Command.VisibleCommands(), c.Command.HelpName
	}
	if c.NArg() == 0 {
		return cli.ShowSubcommandHelp(c)
	}
	var names []string
	for _, cmd := range commands {
		if cmd.Name != "help" {
			names = append(names, cmd.Name)
		}
	}
	return fmt.Errorf("unknown command %q for %s; the commands are %s (run %s --help for more)",
		c.Args().First(), path, strings.Join(names, ", "), path)
}

// invalidValuePattern and undefinedFlagPattern match the errors of Go's
// flag package, such as `invalid value "5" for flag -batch-interval: parse
// error` and "flag provided but not defined: -password".
var (
	invalidValuePattern  = regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]+): (.*)$`)
	undefinedFlagPattern = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
)

// usageError restates a flag parsing error with the flag's name as typed,
// what kind of value it takes and, for an unknown flag, the flags whose
// names start with it.
func usageError(c *cli.Context, err error, _ bool) error {
	name := c.App.Name
	var flags []cli.Flag
	if c.Command != nil && c.Command.Name != "" {
		name, flags = c.Command.HelpName, c.Command.Flags
	} else {
		flags = c.App.Flags
	}

	if m := invalidValuePattern.FindStringSubmatch(err.Error()); m != nil {
		value, flagName := m[1], m[2]
		return fmt.Errorf("invalid --%s %q: %s", flagName, value, expectedValue(findFlag(flags, flagName), m[3]))
	}
	if m := undefinedFlagPattern.FindStringSubmatch(err.Error()); m != nil {
		flagName := strings.TrimPrefix(m[1], "-")
		if similar := similarFlags(flags, flagName); len(similar) > 0 {
			return fmt.Errorf("unknown flag --%s for %s; did you mean %s? (run %s --help for the flags)",
				flagName, name, strings.Join(similar, " or "), name)
		}
		return fmt.Errorf("unknown flag --%s for %s; run %s --help for the flags", flagName, name, name)
	}
	return fmt.Errorf("%w; run %s --help for the usage", err, name)
}

// expectedValue returns the kind of value a flag takes, for its error.
func expectedValue(f cli.Flag, parseError string) string {
	switch f.(type) {
	case *cli.DurationFlag, *altsrc.DurationFlag:
		return "use a duration with a unit, such as 5s, 500ms or 2m"
	case *cli.IntFlag, *cli.Int64Flag, *altsrc.IntFlag, *altsrc.Int64Flag:
		return "use an integer"
	case *cli.UintFlag, *cli.Uint64Flag, *altsrc.UintFlag, *altsrc.Uint64Flag:
		return "use a non-negative integer"
	case *cli.Float64Flag, *altsrc.Float64Flag:
		return "use a number"
	case *cli.BoolFlag, *altsrc.BoolFlag:
		return "use true or false"
	}
	return parseError
}

func findFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

// similarFlags returns the flags, as --name, whose names start with name
// or contain it after a dot or a dash.
func similarFlags(flags []cli.Flag, name string) []string {
	var out []string
	for _, f := range flags {
		n := f.Names()[0]
		if strings.HasPrefix(n, name) || strings.Contains(n, "."+name) || strings.Contains(n, "-"+name) {
			out = append(out, "--"+n)
		}
	}
	return out
}

// backquoted finds the placeholder of a flag's usage, the word in backquotes.
var backquoted = regexp.MustCompile("`([^`]+)`")

// flagString formats a flag for help: its names with the placeholder, the
// usage, the default value, whether it is required and its environment
// variables.
func flagString(f cli.Flag) string {
	df, ok := f.(cli.DocGenerationFlag)
	if !ok {
		return ""
	}
	usage := df.GetUsage()
	placeholder := ""
	if df.TakesValue() {
		placeholder = "value"
		if m := backquoted.FindStringSubmatch(usage); m != nil {
			placeholder = m[1]
		}
	}
	usage = backquoted.ReplaceAllString(usage, "$1")

	var notes []string
	if rf, ok := f.(cli.RequiredFlag); ok && rf.IsRequired() && !strings.Contains(usage, "(required)") {
		notes = append(notes, "required")
	}
	if text := df.GetDefaultText(); text != "" && (df.TakesValue() || text == "true") {
		notes = append(notes, "default: "+text)
	}
	if env := df.GetEnvVars(); len(env) > 0 {
		notes = append(notes, "$"+strings.Join(env, ", $"))
	}
	if len(notes) > 0 {
		usage += " (" + strings.Join(notes, "; ") + ")"
	}
	names := cli.FlagNamePrefixer(df.Names(), placeholder)
	return names + "\n        " + wrapText(usage, 80-8, "\n        ")
}

// wrapText breaks text into lines of at most width characters, joined by
// sep, at spaces.
func wrapText(text string, width int, sep string) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, sep)
}
