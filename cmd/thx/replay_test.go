package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReplayLobsterPrintsSummary(t *testing.T) {
	dir := t.TempDir()
	messages := writeFile(t, dir, "m.csv", "1.0,1,10,5,101,1\n2.0,4,10,5,101,1\n")
	orderbook := writeFile(t, dir, "o.csv", "105,40,101,5\n105,40,100,30\n")
	app := newApp()
	var out bytes.Buffer
	app.Writer = &out
	if err := app.Run([]string{"thx", "replay", "lobster", "--messages", messages, "--orderbook", orderbook}); err != nil {
		t.Fatalf("replay lobster: %v\n%s", err, out.String())
	}
	for _, want := range []string{"lobster: 2/2 rows match\n", "lobster: 1 reconstructions", "lobster: 1/1 executions (100.0%) filled the named order first\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output %q lacks %q", out.String(), want)
		}
	}
}

func TestReplayLobsterFailsOnMismatch(t *testing.T) {
	dir := t.TempDir()
	messages := writeFile(t, dir, "m.csv", "1.0,1,10,5,101,1\n2.0,1,11,5,101,1\n")
	orderbook := writeFile(t, dir, "o.csv", "105,40,101,5\n105,40,101,9\n")
	app := newApp()
	var out bytes.Buffer
	app.Writer = &out
	err := app.Run([]string{"thx", "replay", "lobster", "--messages", messages, "--orderbook", orderbook})
	if err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Fatalf("error %v, expected a mismatch naming row 2", err)
	}
	if !strings.Contains(out.String(), "lobster: 1/2 rows match") {
		t.Errorf("output %q lacks the row count", out.String())
	}
}

func TestReplayLobsterMissingFile(t *testing.T) {
	app := newApp()
	app.Writer = &bytes.Buffer{}
	err := app.Run([]string{"thx", "replay", "lobster", "--messages", "/nonexistent/m.csv", "--orderbook", "/nonexistent/o.csv"})
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/m.csv") {
		t.Fatalf("error %v, expected one naming the missing file", err)
	}
}

func TestBenchEnginePrintsSummary(t *testing.T) {
	app := newApp()
	var out bytes.Buffer
	app.Writer = &out
	if err := app.Run([]string{"thx", "bench", "engine", "--commands", "2000"}); err != nil {
		t.Fatalf("bench engine: %v", err)
	}
	for _, shape := range []string{"mixed", "wide-book", "flash-crash", "oscillating", "engine: worst of 4 shapes:"} {
		if !strings.Contains(out.String(), shape) {
			t.Errorf("output lacks %q:\n%s", shape, out.String())
		}
	}
}

func TestReplayLobsterSwappedFiles(t *testing.T) {
	dir := t.TempDir()
	messages := writeFile(t, dir, "m.csv", "1.0,1,10,5,101,1\n2.0,4,10,5,101,1\n")
	orderbook := writeFile(t, dir, "o.csv", "105,40,101,5\n105,40,100,30\n")
	app := newApp()
	var out bytes.Buffer
	app.Writer = &out
	err := app.Run([]string{"thx", "replay", "lobster", "--messages", orderbook, "--orderbook", messages})
	if err == nil {
		t.Fatalf("swapped files replayed without an error:\n%s", out.String())
	}
	if out.Len() != 0 {
		t.Errorf("swapped files printed a summary before the error %v:\n%s", err, out.String())
	}
}
