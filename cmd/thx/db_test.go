package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/thaliumx/thaliumx/node"
	"github.com/thaliumx/thaliumx/node/store"
)

// makeDataDir writes 120 log entries, a snapshot at seq 100 and index
// records through seq 110.
func makeDataDir(t *testing.T) (string, store.StateHash) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	s, err := store.Open(dir, store.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for seq := uint64(1); seq <= 120; seq++ {
		if err := s.Append(context.Background(), store.Entry{Seq: seq, Payload: []byte(fmt.Sprintf("entry %d", seq))}); err != nil {
			t.Fatal(err)
		}
	}
	hash := sha256.Sum256([]byte("state at 100"))
	if err := s.SaveSnapshot(store.Snapshot{Seq: 100, StateHash: hash, Payload: []byte("state at 100")}); err != nil {
		t.Fatal(err)
	}
	var b store.IndexBatch
	for seq := uint64(1); seq <= 110; seq++ {
		if err := b.PutOrder(store.OrderRecord{Seq: seq, Value: []byte("order")}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CommitIndexBatch(110, &b); err != nil {
		t.Fatal(err)
	}
	return dir, hash
}

func runThx(t *testing.T, args ...string) (string, error) {
	t.Helper()
	app := newApp()
	var out, errOut bytes.Buffer
	app.Writer, app.ErrWriter = &out, &errOut
	err := app.Run(append([]string{"thx"}, args...))
	return out.String() + errOut.String(), err
}

func TestDBInspectPrintsSummary(t *testing.T) {
	dir, hash := makeDataDir(t)
	out, err := runThx(t, "db", "inspect", "--datadir", dir, "--verify")
	if err != nil {
		t.Fatalf("thx db inspect: %v\n%s", err, out)
	}
	for _, want := range []string{
		"seq 1 to 120 (120 entries)",
		"seq 110\n",
		fmt.Sprintf("0x%x (snapshot seq 100)", hash),
		"orders by trader",
		"ok, every checksum matches",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect output lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`(?m)^format +3$`).MatchString(out) {
		t.Errorf("inspect output lacks the line \"format 3\", the format this build writes:\n%s", out)
	}
}

func TestDBInspectJSON(t *testing.T) {
	dir, hash := makeDataDir(t)
	out, err := runThx(t, "db", "inspect", "--datadir", dir, "--json")
	if err != nil {
		t.Fatalf("thx db inspect --json: %v\n%s", err, out)
	}
	var got inspectionJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if got.Format != 3 {
		t.Errorf("inspect JSON format %d, expected 3, the format this build writes", got.Format)
	}
	if got.FirstSeq != 1 || got.LastSeq != 120 || got.LogEntries != 120 || got.IndexedThrough != 110 ||
		got.LatestStateHash != fmt.Sprintf("0x%x", hash) || got.IndexRecords["orders by trader"] != 110 || len(got.Snapshots) != 1 {
		t.Fatalf("inspect JSON %+v", got)
	}
}

func TestDBInspectMissingDir(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nothing-here")
	_, err := runThx(t, "db", "inspect", "--datadir", missing)
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("inspect of a missing directory: %v", err)
	}
	if _, statErr := os.Stat(missing); statErr == nil {
		t.Fatal("inspect created the missing directory")
	}
}

func TestDBInspectDataDirWithoutStore(t *testing.T) {
	// A --dev node killed before it opened its store leaves devchain/ alone.
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "devchain"), 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := runThx(t, "db", "inspect", "--datadir", dir)
	if err == nil {
		t.Fatal("inspect of a data directory without a store succeeded")
	}
	if !strings.Contains(err.Error(), filepath.Join(dir, "store")) {
		t.Errorf("error does not name the missing store directory: %v", err)
	}
	if !strings.Contains(err.Error(), "starting the node there once creates it") {
		t.Errorf("error does not say how to create the store: %v", err)
	}
	if _, statErr := os.Stat(filepath.Join(dir, "store")); statErr == nil {
		t.Error("inspect created the store directory")
	}
}

func TestDBBackupRestore(t *testing.T) {
	dir, _ := makeDataDir(t)
	file := filepath.Join(t.TempDir(), "node.bak")
	out, err := runThx(t, "db", "backup", "--datadir", dir, "--out", file)
	if err != nil || !strings.Contains(out, "log through seq 120") {
		t.Fatalf("thx db backup: %v\n%s", err, out)
	}
	if _, err := runThx(t, "db", "backup", "--datadir", dir, "--out", file); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("backup over an existing file: %v", err)
	}

	target := filepath.Join(t.TempDir(), "restored")
	out, err = runThx(t, "db", "restore", "--datadir", target, "--in", file)
	if err != nil || !strings.Contains(out, "log through seq 120") {
		t.Fatalf("thx db restore: %v\n%s", err, out)
	}
	before, _ := runThx(t, "db", "inspect", "--datadir", dir)
	after, _ := runThx(t, "db", "inspect", "--datadir", target)
	// A restore into a new directory lays it out as a node's data
	// directory, with the store in its store subdirectory.
	if strip(before, dir) != strip(after, node.StoreDir(target)) {
		t.Fatalf("restored directory differs:\n%s\n%s", before, after)
	}

	// The restored directory is not empty now.
	if _, err := runThx(t, "db", "restore", "--datadir", target, "--in", file); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("restore into a non-empty directory: %v", err)
	}
	if out, err := runThx(t, "db", "restore", "--datadir", target, "--in", file, "--force"); err != nil {
		t.Fatalf("restore --force: %v\n%s", err, out)
	}
}

func TestDBRestoreRejectsDamagedFile(t *testing.T) {
	dir, _ := makeDataDir(t)
	file := filepath.Join(t.TempDir(), "node.bak")
	if out, err := runThx(t, "db", "backup", "--datadir", dir, "--out", file); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	data, _ := os.ReadFile(file)
	data[len(data)/2] ^= 0x20
	os.WriteFile(file, data, 0o600)

	target := filepath.Join(t.TempDir(), "restored")
	_, err := runThx(t, "db", "restore", "--datadir", target, "--in", file)
	if err == nil || !strings.Contains(err.Error(), "invalid backup") {
		t.Fatalf("restore of a damaged file: %v", err)
	}
	if _, statErr := os.Stat(node.StoreDir(target)); statErr == nil {
		t.Fatal("failed restore created the target store")
	}
}

// strip removes the directory name and the disk sizes, which differ
// between two copies of the same data.
func strip(out, dir string) string {
	var lines []string
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "disk") {
			lines = append(lines, strings.ReplaceAll(line, dir, "DIR"))
		}
	}
	return strings.Join(lines, "\n")
}

// hashFiles returns the SHA-256 of every file under dir by path.
func hashFiles(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	sums := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sums[path] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

func TestDBInspectWritesNothing(t *testing.T) {
	dir, _ := makeDataDir(t)
	before := hashFiles(t, dir)
	for _, args := range [][]string{{"--verify"}, {"--json"}} {
		if out, err := runThx(t, append([]string{"db", "inspect", "--datadir", dir}, args...)...); err != nil {
			t.Fatalf("thx db inspect %v: %v\n%s", args, err, out)
		}
	}
	after := hashFiles(t, dir)
	for path, sum := range before {
		if got, ok := after[path]; !ok {
			t.Errorf("inspect removed %s", path)
		} else if got != sum {
			t.Errorf("inspect changed %s", path)
		}
	}
	for path := range after {
		if _, ok := before[path]; !ok {
			t.Errorf("inspect created %s", path)
		}
	}
}

func TestDBRestoreTruncatedFileLeavesNoDirectory(t *testing.T) {
	dir, _ := makeDataDir(t)
	file := filepath.Join(t.TempDir(), "node.bak")
	if out, err := runThx(t, "db", "backup", "--datadir", dir, "--out", file); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data[:len(data)/3], 0o600); err != nil {
		t.Fatal(err)
	}

	target := filepath.Join(t.TempDir(), "new", "restored")
	if _, err := runThx(t, "db", "restore", "--datadir", target, "--in", file); err == nil {
		t.Fatal("restore of a truncated file succeeded")
	}
	if _, err := os.Stat(filepath.Dir(target)); err == nil {
		t.Fatalf("failed restore left %s behind", filepath.Dir(target))
	}
}
