package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// populate writes log entries, a snapshot and index records.
func populate(t *testing.T, s *Store) {
	t.Helper()
	appendRange(t, s, 1, 300)
	if err := s.SaveSnapshot(testSnapshot(200, 6<<20)); err != nil {
		t.Fatal(err)
	}
	var b IndexBatch
	for seq := uint64(1); seq <= 250; seq++ {
		if err := b.PutOrder(OrderRecord{Trader: trader(byte(seq % 4)), Seq: seq, Value: []byte("o")}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CommitIndexBatch(250, &b); err != nil {
		t.Fatal(err)
	}
}

func backupToBytes(t *testing.T, s *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	stats, err := s.Backup(&buf)
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if stats.LastSeq != s.LastSeq() || stats.Bytes != uint64(buf.Len()) || stats.Records == 0 {
		t.Fatalf("Backup stats %+v for %d bytes and last seq %d", stats, buf.Len(), s.LastSeq())
	}
	return buf.Bytes()
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	populate(t, s)
	backup := backupToBytes(t, s)
	before, err := s.Inspect()
	if err != nil {
		t.Fatal(err)
	}

	target := filepath.Join(t.TempDir(), "restored")
	stats, err := Restore(target, bytes.NewReader(backup), RestoreOptions{Logger: quietLogger()})
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if stats.LastSeq != 300 {
		t.Fatalf("Restore stats %+v, expected last seq 300", stats)
	}
	r := openTestStore(t, target, Options{})
	after, err := r.Inspect()
	if err != nil {
		t.Fatal(err)
	}
	if after.FirstSeq != before.FirstSeq || after.LastSeq != before.LastSeq || after.LogEntries != before.LogEntries ||
		after.IndexedThrough != before.IndexedThrough || after.LatestStateHash != before.LatestStateHash ||
		len(after.Snapshots) != len(before.Snapshots) || after.IndexRecords[0] != before.IndexRecords[0] {
		t.Fatalf("restored store differs:\nbefore %+v\nafter  %+v", before, after)
	}
	if seqs := replayAll(t, r, 1); len(seqs) != 300 {
		t.Fatalf("restored log replays %d entries", len(seqs))
	}
	if err := r.Verify(context.Background()); err != nil {
		t.Fatalf("Verify of the restored store: %v", err)
	}
	appendRange(t, r, 301, 1)

	// Leftover temporary directories would confuse operators.
	leftovers, _ := filepath.Glob(target + ".*")
	if len(leftovers) != 0 {
		t.Fatalf("restore left %v", leftovers)
	}
}

func TestRestoreRejectsNonEmptyTarget(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 10)
	backup := backupToBytes(t, s)

	target := t.TempDir()
	keep := filepath.Join(target, "operator-file")
	os.WriteFile(keep, []byte("keep me"), 0o600)
	if _, err := Restore(target, bytes.NewReader(backup), RestoreOptions{Logger: quietLogger()}); !errors.Is(err, ErrTargetNotEmpty) {
		t.Fatalf("Restore into a non-empty directory: %v", err)
	}
	if data, err := os.ReadFile(keep); err != nil || string(data) != "keep me" {
		t.Fatalf("rejected restore touched the target: %q, %v", data, err)
	}

	if _, err := Restore(target, bytes.NewReader(backup), RestoreOptions{Overwrite: true, Logger: quietLogger()}); err != nil {
		t.Fatalf("Restore with Overwrite: %v", err)
	}
	if _, err := os.Stat(keep); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("overwritten target still has the old file: %v", err)
	}
	r := openTestStore(t, target, Options{})
	if r.LastSeq() != 10 {
		t.Fatalf("restored LastSeq %d", r.LastSeq())
	}
}

func TestRestoreRejectsDamagedBackup(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	populate(t, s)
	backup := backupToBytes(t, s)

	damaged := map[string][]byte{
		"empty":          {},
		"wrong magic":    append([]byte("NOTTHX!!"), backup[8:]...),
		"truncated":      backup[:len(backup)/2],
		"no end record":  backup[:len(backup)-17],
		"trailing bytes": append(append([]byte(nil), backup...), 0),
		"flipped body":   flipAt(backup, len(backup)/3),
		"flipped end":    flipAt(backup, len(backup)-5),
		"flipped length": flipAt(backup, 12+3),
		"newer version":  flipAt(backup, 9),
	}
	for name, data := range damaged {
		t.Run(name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "restored")
			_, err := Restore(target, bytes.NewReader(data), RestoreOptions{Logger: quietLogger()})
			if !errors.Is(err, ErrInvalidBackup) && !errors.Is(err, ErrUnsupportedFormat) {
				t.Fatalf("Restore: %v, expected ErrInvalidBackup", err)
			}
			if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("failed restore created the target: %v", err)
			}
			if leftovers, _ := filepath.Glob(target + ".*"); len(leftovers) != 0 {
				t.Fatalf("failed restore left %v", leftovers)
			}
		})
	}
}

func TestRestoreRejectsDamagedStoreInBackup(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 20)
	flipEntryByte(t, s, 5)
	backup := backupToBytes(t, s)
	target := filepath.Join(t.TempDir(), "restored")
	if _, err := Restore(target, bytes.NewReader(backup), RestoreOptions{Logger: quietLogger()}); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Restore of a backup holding a damaged entry: %v, expected ErrCorrupt", err)
	}
	if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("failed restore created the target: %v", err)
	}
}

func flipAt(data []byte, i int) []byte {
	out := append([]byte(nil), data...)
	out[i] ^= 0x10
	return out
}

func TestInspect(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	populate(t, s)
	in, err := s.Inspect()
	if err != nil {
		t.Fatal(err)
	}
	snap := testSnapshot(200, 6<<20)
	if in.FirstSeq != 1 || in.LastSeq != 300 || in.LogEntries != 300 || in.IndexedThrough != 250 {
		t.Fatalf("Inspect: %+v", in)
	}
	if len(in.Snapshots) != 1 || in.LatestSnapshotSeq != 200 || in.LatestStateHash != snap.StateHash || in.Snapshots[0].PayloadBytes != 6<<20 {
		t.Fatalf("Inspect snapshots: %+v", in.Snapshots)
	}
	if in.Format != formatVersion {
		t.Errorf("Inspect format %d, expected %d", in.Format, formatVersion)
	}
	want := []IndexCount{{IndexOrdersByTrader, 250}, {IndexTradesByTraderMarket, 0}, {IndexPostingsByAccount, 0},
		{IndexOrdersByHash, 0}, {IndexTradesByMarket, 0}, {IndexDepositsByTrader, 0}, {IndexWithdrawalsByTrader, 0}, {IndexPostingsByOwner, 0}}
	if len(in.IndexRecords) != len(want) {
		t.Fatalf("Inspect index counts %+v", in.IndexRecords)
	}
	for i := range want {
		if in.IndexRecords[i] != want[i] {
			t.Fatalf("Inspect index counts %+v, expected %+v", in.IndexRecords, want)
		}
	}
}

func TestInspectFormat2(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 10)
	if err := s.db.Update(func(txn *badger.Txn) error { return setMeta(txn, keyFormat, 2) }); err != nil {
		t.Fatal(err)
	}
	in, err := s.Inspect()
	if err != nil {
		t.Fatal(err)
	}
	if in.Format != 2 {
		t.Errorf("Inspect format %d of a store marked as format 2", in.Format)
	}
}

func FuzzRestore(f *testing.F) {
	dir := f.TempDir()
	s, err := Open(filepath.Join(dir, "src"), Options{Logger: quietLogger()})
	if err != nil {
		f.Fatal(err)
	}
	if err := s.Append(context.Background(), makeEntries(1, 3)...); err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := s.Backup(&buf); err != nil {
		f.Fatal(err)
	}
	s.Close()
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		br := &backupReader{r: bufioReader(data), body: newCRC()}
		if br.readHeader() != nil {
			return
		}
		for i := 0; i < 1000; i++ {
			_, _, done, err := br.next()
			if err != nil || done {
				return
			}
		}
	})
}
