// Command thx is the ThaliumX node and its operator and trader tools.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := newApp().Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "thx:", err)
		os.Exit(1)
	}
}
