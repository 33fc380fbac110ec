package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
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
