// Command thx is the ThaliumX node and its operator and trader tools.
package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
)

func main() {
	if err := newApp().Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "thx:", explainRequired(err))
		os.Exit(1)
	}
}

// requiredPattern matches urfave/cli's error for missing required flags,
// such as `Required flags "messages, orderbook" not set`.
var requiredPattern = regexp.MustCompile(`^Required flags? "([^"]+)" not set$`)

// explainRequired restates a missing required flag error with the flags
// as typed; other errors are returned unchanged.
func explainRequired(err error) error {
	m := requiredPattern.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	names := strings.Split(m[1], ", ")
	for i, n := range names {
		names[i] = "--" + n
	}
	return fmt.Errorf("missing %s: the command needs it; the help above lists every flag", strings.Join(names, " and "))
}
