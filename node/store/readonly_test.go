package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadOnlyOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s := openTestStore(t, dir, Options{})
	if err := s.Append(context.Background(), makeEntries(1, 5)...); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	ro := openTestStore(t, dir, Options{ReadOnly: true})
	if ro.LastSeq() != 5 {
		t.Fatalf("read-only LastSeq %d, expected 5", ro.LastSeq())
	}
	entries, err := ro.ReadLog(1, 10, 1<<20)
	if err != nil || len(entries) != 5 {
		t.Fatalf("read-only ReadLog: %d entries, %v", len(entries), err)
	}
	if err := ro.Append(context.Background(), makeEntries(6, 1)...); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("read-only Append: %v, expected %v", err, ErrReadOnly)
	}
}

func TestReadOnlyOpenMissingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nothing")
	if _, err := Open(dir, Options{ReadOnly: true, Logger: quietLogger()}); err == nil {
		t.Fatal("read-only open of a missing directory succeeded")
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("read-only open created %s: %v", dir, err)
	}
}

// TestReadOnlyOpenAfterKill checks a read-only open of the files that a
// kill of a running store leaves, whose write-ahead file is longer than
// its entries: it fails with ErrNeedsRecovery and names the fix, and a
// read-write open recovers every entry.
func TestReadOnlyOpenAfterKill(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s := openTestStore(t, dir, Options{})
	if err := s.Append(context.Background(), makeEntries(1, 5)...); err != nil {
		t.Fatal(err)
	}
	// The appended entries are synced, so a copy of the files of the open
	// store is what a kill leaves on disk. Badger's lock file stays out.
	killed := filepath.Join(t.TempDir(), "store")
	if err := os.CopyFS(killed, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(killed, "LOCK")); err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}

	_, err := Open(killed, Options{ReadOnly: true, Logger: quietLogger()})
	if !errors.Is(err, ErrNeedsRecovery) {
		t.Fatalf("read-only open after a kill: %v, expected %v", err, ErrNeedsRecovery)
	}
	if !strings.Contains(err.Error(), "start the node on it once") {
		t.Errorf("read-only open after a kill: %q does not say how to recover", err)
	}

	rw := openTestStore(t, killed, Options{})
	if rw.LastSeq() != 5 {
		t.Fatalf("read-write open after a kill: LastSeq %d, expected 5", rw.LastSeq())
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	ro := openTestStore(t, killed, Options{ReadOnly: true})
	if ro.LastSeq() != 5 {
		t.Fatalf("read-only open after recovery: LastSeq %d, expected 5", ro.LastSeq())
	}
}
