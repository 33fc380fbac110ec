package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestVersionCommandPrintsVersion(t *testing.T) {
	app := newApp()
	var out bytes.Buffer
	app.Writer = &out
	if err := app.Run([]string{"thx", "version"}); err != nil {
		t.Fatalf("thx version: %v", err)
	}
	if !strings.HasPrefix(out.String(), "thx "+versionString()+"\n") {
		t.Fatalf("thx version printed %q, expected a first line naming version %q", out.String(), versionString())
	}
	if !strings.Contains(out.String(), "go go1.") {
		t.Fatalf("thx version printed %q, expected the Go toolchain version", out.String())
	}
}
