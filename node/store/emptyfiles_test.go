package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenAfterCrashLeftEmptyFile recreates what a kill between Badger's
// creation of a memtable or value log file and its first write leaves: an
// empty .mem or .vlog file. Badger refuses that directory on its own, so
// Open must get past the file, which holds nothing, and keep every entry.
func TestOpenAfterCrashLeftEmptyFile(t *testing.T) {
	for _, name := range []string{"99999.mem", "000099.vlog"} {
		t.Run(name, func(t *testing.T) { testOpenWithEmptyFile(t, name) })
	}
}

func testOpenWithEmptyFile(t *testing.T, name string) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	appendRange(t, s, 1, 20)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, name)
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	reopened := openTestStore(t, dir, Options{})
	if got := reopened.LastSeq(); got != 20 {
		t.Fatalf("last seq %d after the reopen, expected 20", got)
	}
	if seqs := replayAll(t, reopened, 1); len(seqs) != 20 {
		t.Fatalf("replayed %d entries after the reopen, expected 20", len(seqs))
	}
}

// TestReadOnlyOpenNamesEmptyFile checks that a read-only open, which may
// not remove files, fails with ErrNeedsRecovery naming the file.
func TestReadOnlyOpenNamesEmptyFile(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	appendRange(t, s, 1, 5)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "99999.mem")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir, Options{ReadOnly: true, Logger: quietLogger()})
	if !errors.Is(err, ErrNeedsRecovery) || !strings.Contains(err.Error(), empty) || !strings.Contains(err.Error(), "read-write") {
		t.Fatalf("read-only open with an empty .mem file: %v, expected an error naming %s and a read-write open", err, empty)
	}
}
