package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/node"
	"github.com/thaliumx/thaliumx/node/store"
)

func dbCommand() *cli.Command {
	datadir := &cli.StringFlag{Name: "datadir", Usage: "node data directory `DIR`", Required: true}
	return &cli.Command{
		Name:  "db",
		Usage: "back up, restore and inspect the store of a node's data directory (stop the node first)",
		Subcommands: []*cli.Command{
			{
				Name:      "backup",
				Usage:     "write a checksummed backup of a data directory's store (log, snapshots, indexes) to a file, without keystore/, devchain/ and watcher/",
				UsageText: "thx db backup --datadir DIR --out FILE [--force]",
				Flags: []cli.Flag{
					datadir,
					&cli.StringFlag{Name: "out", Usage: "backup `FILE` to write", Required: true},
					&cli.BoolFlag{Name: "force", Usage: "replace FILE if it exists"},
				},
				Action: runDBBackup,
			},
			{
				Name:      "restore",
				Usage:     "rebuild a data directory's store from a backup file, checking it before it replaces anything",
				UsageText: "thx db restore --datadir DIR --in FILE [--force]",
				Flags: []cli.Flag{
					datadir,
					&cli.StringFlag{Name: "in", Usage: "backup `FILE` to read", Required: true},
					&cli.BoolFlag{Name: "force", Usage: "replace DIR if it is not empty"},
				},
				Action: runDBRestore,
			},
			{
				Name:      "inspect",
				Usage:     "print the sequence range, snapshots, latest state hash and record counts of a data directory's store, without writing to it",
				UsageText: "thx db inspect --datadir DIR [--verify] [--json]",
				Flags: []cli.Flag{
					datadir,
					&cli.BoolFlag{Name: "verify", Usage: "also read every record and check its checksum"},
					&cli.BoolFlag{Name: "json", Usage: "print JSON instead of text"},
				},
				Action: runDBInspect,
			},
		},
	}
}

// dbLogger writes the store's warnings and errors to stderr; its
// lifecycle lines would only clutter a one-shot command.
func dbLogger(c *cli.Context) *slog.Logger {
	return slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// openExisting opens the store in dir, which must exist. A read-write open
// runs the same recovery as the node's start: Badger drops an unfinished
// transaction at the end of its write-ahead log, one that was never
// acknowledged. A read-only open writes nothing and fails on such a store.
func openExisting(c *cli.Context, dir string, readOnly bool) (*store.Store, error) {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("data directory %s does not exist or is not a directory", dir)
	}
	dir = storeDir(dir)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("data directory %s has no store (%s): pass the data directory of a node that has run, or its store/ directory. "+
			"A node killed during its first start, before it opened its store, leaves none, and starting the node there once creates it",
			filepath.Dir(dir), dir)
	}
	return store.Open(dir, store.Options{Logger: dbLogger(c), ReadOnly: readOnly})
}

// storeDir returns the store inside a node's data directory, or dir itself
// when it is a store (a Badger directory with a MANIFEST file).
func storeDir(dir string) string {
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err == nil {
		return dir
	}
	return node.StoreDir(dir)
}

func runDBBackup(c *cli.Context) error {
	out := c.String("out")
	if _, err := os.Stat(out); err == nil && !c.Bool("force") {
		return fmt.Errorf("backup file %s exists; choose another name or pass --force to replace it", out)
	}
	if dir := filepath.Dir(out); !isDir(dir) {
		return fmt.Errorf("invalid --out %s: directory %s does not exist; create it first", out, dir)
	}
	s, err := openExisting(c, c.String("datadir"), false)
	if err != nil {
		return err
	}
	defer s.Close()

	// Write beside the target and rename, so a failed backup never leaves
	// a truncated file under the requested name.
	tmp, err := os.CreateTemp(filepath.Dir(out), filepath.Base(out)+".partial-")
	if err != nil {
		return fmt.Errorf("create backup file beside %s: %w", out, err)
	}
	defer os.Remove(tmp.Name())
	stats, err := s.Backup(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("write backup %s: %w", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("move backup into place at %s: %w", out, err)
	}
	fmt.Fprintf(c.App.Writer, "backup %s: %d records, %d bytes, log through seq %d\n", out, stats.Records, stats.Bytes, stats.LastSeq)
	return nil
}

func runDBRestore(c *cli.Context) error {
	in := c.String("in")
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("open backup file: %w", err)
	}
	defer f.Close()
	dir := storeDir(c.String("datadir"))
	created := missingDirs(dir)
	stats, err := store.Restore(dir, f, store.RestoreOptions{Overwrite: c.Bool("force"), Logger: dbLogger(c)})
	if err != nil {
		removeEmptyDirs(created)
	}
	if errors.Is(err, store.ErrTargetNotEmpty) {
		return fmt.Errorf("%w (pass --force to replace its contents)", err)
	}
	if err != nil {
		return fmt.Errorf("restore %s from %s: %w", dir, in, err)
	}
	fmt.Fprintf(c.App.Writer, "restored %s from %s: %d records, log through seq %d\n", dir, in, stats.Records, stats.LastSeq)
	return nil
}

// missingDirs returns dir and those of its parents that do not exist,
// deepest first.
func missingDirs(dir string) []string {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); !errors.Is(err, fs.ErrNotExist) {
			return missing
		}
		missing = append(missing, d)
		if d == filepath.Dir(d) {
			return missing
		}
	}
}

// removeEmptyDirs removes the directories a failed restore created, deepest
// first, leaving any that is not empty.
func removeEmptyDirs(dirs []string) {
	for _, d := range dirs {
		_ = os.Remove(d) // fails on a directory that is not empty, which stays
	}
}

func runDBInspect(c *cli.Context) error {
	s, err := openExisting(c, c.String("datadir"), true)
	if err != nil {
		return err
	}
	defer s.Close()
	in, err := s.Inspect()
	if err != nil {
		return err
	}
	var verifyErr error
	if c.Bool("verify") {
		verifyErr = s.Verify(context.Background())
	}

	if c.Bool("json") {
		err = printInspectionJSON(c.App.Writer, in, c.Bool("verify"), verifyErr)
	} else {
		err = printInspection(c.App.Writer, in, c.Bool("verify"), verifyErr)
	}
	if err != nil {
		return err
	}
	if verifyErr != nil {
		return fmt.Errorf("data directory %s failed verification: %w", in.Dir, verifyErr)
	}
	return nil
}

func printInspection(w io.Writer, in store.Inspection, verified bool, verifyErr error) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "data directory\t%s\n", in.Dir)
	fmt.Fprintf(tw, "format\t%d\n", in.Format)
	if in.LastSeq >= in.FirstSeq {
		fmt.Fprintf(tw, "log\tseq %d to %d (%d entries)\n", in.FirstSeq, in.LastSeq, in.LogEntries)
	} else {
		fmt.Fprintf(tw, "log\tempty, next seq %d\n", in.FirstSeq)
	}
	fmt.Fprintf(tw, "indexed through\tseq %d\n", in.IndexedThrough)

	if in.LatestSnapshotSeq > 0 {
		fmt.Fprintf(tw, "latest state hash\t0x%x (snapshot seq %d)\n", in.LatestStateHash, in.LatestSnapshotSeq)
	} else {
		fmt.Fprintf(tw, "latest state hash\tnone (no snapshot)\n")
	}
	fmt.Fprintf(tw, "snapshots\t%d\n", len(in.Snapshots))
	for _, snap := range in.Snapshots {
		if snap.Err != nil {
			fmt.Fprintf(tw, "  seq %d\tdamaged: %v\n", snap.Seq, snap.Err)
			continue
		}
		fmt.Fprintf(tw, "  seq %d\t%d bytes, state hash 0x%x\n", snap.Seq, snap.PayloadBytes, snap.StateHash)
	}

	fmt.Fprintf(tw, "index records\t\n")
	for _, count := range in.IndexRecords {
		fmt.Fprintf(tw, "  %s\t%d\n", count.Index, count.Records)
	}
	fmt.Fprintf(tw, "disk\tLSM tree %d bytes, value log %d bytes\n", in.LSMBytes, in.ValueLogBytes)
	if verified {
		fmt.Fprintf(tw, "verify\t%s\n", verifyResult(verifyErr))
	}
	return tw.Flush()
}

func verifyResult(err error) string {
	if err != nil {
		return "FAILED: " + err.Error()
	}
	return "ok, every checksum matches"
}

type snapshotJSON struct {
	Seq          uint64 `json:"seq"`
	PayloadBytes uint64 `json:"payloadBytes"`
	StateHash    string `json:"stateHash,omitempty"`
	Error        string `json:"error,omitempty"`
}

type inspectionJSON struct {
	Dir               string            `json:"dir"`
	Format            uint64            `json:"format"`
	FirstSeq          uint64            `json:"firstSeq"`
	LastSeq           uint64            `json:"lastSeq"`
	LogEntries        uint64            `json:"logEntries"`
	IndexedThrough    uint64            `json:"indexedThrough"`
	LatestSnapshotSeq uint64            `json:"latestSnapshotSeq"`
	LatestStateHash   string            `json:"latestStateHash,omitempty"`
	Snapshots         []snapshotJSON    `json:"snapshots"`
	IndexRecords      map[string]uint64 `json:"indexRecords"`
	LSMBytes          int64             `json:"lsmBytes"`
	ValueLogBytes     int64             `json:"valueLogBytes"`
	Verify            string            `json:"verify,omitempty"`
}

func printInspectionJSON(w io.Writer, in store.Inspection, verified bool, verifyErr error) error {
	out := inspectionJSON{
		Dir: in.Dir, Format: in.Format, FirstSeq: in.FirstSeq, LastSeq: in.LastSeq, LogEntries: in.LogEntries,
		IndexedThrough: in.IndexedThrough, LatestSnapshotSeq: in.LatestSnapshotSeq,
		Snapshots: []snapshotJSON{}, IndexRecords: map[string]uint64{},
		LSMBytes: in.LSMBytes, ValueLogBytes: in.ValueLogBytes,
	}
	if in.LatestSnapshotSeq > 0 {
		out.LatestStateHash = "0x" + hex.EncodeToString(in.LatestStateHash[:])
	}
	for _, snap := range in.Snapshots {
		js := snapshotJSON{Seq: snap.Seq, PayloadBytes: snap.PayloadBytes}
		if snap.Err != nil {
			js.Error = snap.Err.Error()
		} else {
			js.StateHash = "0x" + hex.EncodeToString(snap.StateHash[:])
		}
		out.Snapshots = append(out.Snapshots, js)
	}
	for _, count := range in.IndexRecords {
		out.IndexRecords[count.Index.String()] = count.Records
	}
	if verified {
		out.Verify = verifyResult(verifyErr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// isDir reports whether path names an existing directory.
func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
