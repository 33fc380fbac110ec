package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

func TestSnapshotWriterStreams(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 10)
	want := testSnapshot(10, 3<<20)

	w, err := s.CreateSnapshot(10)
	if err != nil {
		t.Fatal(err)
	}
	for rest := want.Payload; len(rest) > 0; {
		n := min(len(rest), 100_000)
		if _, err := w.Write(rest[:n]); err != nil {
			t.Fatalf("Write: %v", err)
		}
		rest = rest[n:]
	}
	if infos, _ := s.Snapshots(); len(infos) != 0 {
		t.Fatalf("an uncommitted snapshot is listed: %+v", infos)
	}
	if err := w.Commit(want.StateHash); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	got, err := s.LoadSnapshot(10)
	if err != nil || got.StateHash != want.StateHash || !bytes.Equal(got.Payload, want.Payload) {
		t.Fatalf("LoadSnapshot after a streamed write: %d bytes, err %v", len(got.Payload), err)
	}
	if names := tempFiles(t, s); len(names) != 0 {
		t.Fatalf("temporary files left after Commit: %v", names)
	}
}

func TestSnapshotCommitRejectsNonDurableSeq(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 5)
	w, err := s.CreateSnapshot(6)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("state after 6"))
	if err := w.Commit(StateHash{1}); !errors.Is(err, ErrSnapshotSeq) {
		t.Fatalf("Commit of seq 6 with the log at 5: %v, expected ErrSnapshotSeq", err)
	}
	if infos, _ := s.Snapshots(); len(infos) != 0 {
		t.Fatalf("rejected snapshot is listed: %+v", infos)
	}
	if names := tempFiles(t, s); len(names) != 0 {
		t.Fatalf("temporary files left after a rejected Commit: %v", names)
	}
	if _, err := s.CreateSnapshot(0); !errors.Is(err, ErrSnapshotSeq) {
		t.Fatalf("CreateSnapshot(0): %v, expected ErrSnapshotSeq", err)
	}
}

func TestSnapshotDiscardLeavesNothing(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 5)
	w, err := s.CreateSnapshot(5)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(bytes.Repeat([]byte{7}, 1000))
	w.Discard()
	w.Discard()
	if names := tempFiles(t, s); len(names) != 0 {
		t.Fatalf("temporary files left after Discard: %v", names)
	}
	if _, _, err := s.LatestSnapshot(); !errors.Is(err, ErrNoSnapshot) {
		t.Fatalf("LatestSnapshot after Discard: %v", err)
	}
}

// TestOpenCleansSnapshotDir checks that Open deletes a temporary file and
// a snapshot beyond the log's end, which a crash during InstallSnapshot
// leaves, and keeps the valid snapshots.
func TestOpenCleansSnapshotDir(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	appendRange(t, s, 1, 20)
	if err := s.SaveSnapshot(testSnapshot(20, 100)); err != nil {
		t.Fatal(err)
	}
	w, err := s.CreateSnapshot(20)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("interrupted"))
	beyond, err := s.newSnapshotWriter(500)
	if err != nil {
		t.Fatal(err)
	}
	beyond.Write([]byte("installed before a crash"))
	if err := beyond.finish(StateHash{5}); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(beyond.f.Name(), s.snapshotPath(500)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openTestStore(t, dir, Options{})
	if names := tempFiles(t, s); len(names) != 0 {
		t.Fatalf("temporary files left after Open: %v", names)
	}
	infos, err := s.Snapshots()
	if err != nil || len(infos) != 1 || infos[0].Seq != 20 || infos[0].Err != nil {
		t.Fatalf("Snapshots after Open: %+v, %v; expected only seq 20", infos, err)
	}
}

// TestOpenMovesSnapshotRecords writes snapshots as format-1 records, one
// of them damaged, and checks that Open moves the good ones into files,
// deletes the records and marks the directory as format 2.
func TestOpenMovesSnapshotRecords(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	appendRange(t, s, 1, 30)
	good, bad := testSnapshot(10, 9<<20), testSnapshot(20, 1000)
	bad.Payload[0] ^= 1 // the header's CRC is of the original payload
	err := s.db.Update(func(txn *badger.Txn) error {
		putLegacySnapshot(t, txn, good, crc32.Checksum(good.Payload, castagnoli))
		putLegacySnapshot(t, txn, bad, crc32.Checksum(testSnapshot(20, 1000).Payload, castagnoli))
		return setMeta(txn, keyFormat, legacyFormatVersion)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openTestStore(t, dir, Options{})
	infos, err := s.Snapshots()
	if err != nil || len(infos) != 1 || infos[0].Seq != 10 {
		t.Fatalf("Snapshots after the move: %+v, %v; expected only seq 10", infos, err)
	}
	got, err := s.LoadSnapshot(10)
	if err != nil || got.StateHash != good.StateHash || !bytes.Equal(got.Payload, good.Payload) {
		t.Fatalf("LoadSnapshot(10) after the move: %v", err)
	}
	err = s.db.View(func(txn *badger.Txn) error {
		if n := countKeys(txn, []byte{prefixSnapshot}); n != 0 {
			t.Errorf("%d snapshot records left in the database", n)
		}
		format, err := s.readMeta(txn, keyFormat)
		if err == nil && format != formatVersion {
			t.Errorf("format %d after the move, expected %d", format, formatVersion)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func putLegacySnapshot(t *testing.T, txn *badger.Txn, snap Snapshot, payloadCRC uint32) {
	t.Helper()
	h := snapshotHeader{seq: snap.Seq, stateHash: snap.StateHash, payloadBytes: uint64(len(snap.Payload)),
		chunks: uint32(chunkCount(uint64(len(snap.Payload)))), payloadCRC: payloadCRC}
	for i := uint32(0); i < h.chunks; i++ {
		start := uint64(i) * snapshotChunkBytes
		end := min(start+snapshotChunkBytes, h.payloadBytes)
		if err := txn.Set(snapshotChunkKey(snap.Seq, i), snap.Payload[start:end]); err != nil {
			t.Fatal(err)
		}
	}
	if err := txn.Set(snapshotHeaderKey(snap.Seq), encodeSnapshotHeader(h)); err != nil {
		t.Fatal(err)
	}
}

func TestSnapshotFrameRejectsDamage(t *testing.T) {
	hash := StateHash(sha256.Sum256([]byte("state")))
	header := encodeSnapshotFileHeader(7)
	trailer := encodeSnapshotTrailer(7, 10, hash, 99)
	size := int64(len(header) + 10 + len(trailer))
	got, err := decodeSnapshotFrame(7, size, header, trailer)
	if err != nil || got.payloadBytes != 10 || got.stateHash != hash || got.payloadCRC != 99 {
		t.Fatalf("decode of a good frame: %+v, %v", got, err)
	}
	if _, err := decodeSnapshotFrame(8, size, header, trailer); err == nil {
		t.Fatal("frame of seq 7 accepted as seq 8")
	}
	if _, err := decodeSnapshotFrame(7, size+1, header, trailer); err == nil {
		t.Fatal("frame accepted for a file one byte longer than its payload")
	}
	frame := append(append([]byte(nil), header...), trailer...)
	for i := range frame {
		bad := append([]byte(nil), frame...)
		bad[i] ^= 0x40
		if _, err := decodeSnapshotFrame(7, size, bad[:len(header)], bad[len(header):]); err == nil {
			t.Fatalf("frame with byte %d flipped was accepted", i)
		}
	}
}

func FuzzDecodeSnapshotFrame(f *testing.F) {
	f.Add(uint64(7), int64(snapshotHeaderBytes+snapshotTrailerBytes+10),
		append(encodeSnapshotFileHeader(7), encodeSnapshotTrailer(7, 10, StateHash{1}, 5)...))
	f.Fuzz(func(t *testing.T, seq uint64, size int64, frame []byte) {
		if len(frame) < snapshotHeaderBytes {
			return
		}
		header, trailer := frame[:snapshotHeaderBytes], frame[snapshotHeaderBytes:]
		got, err := decodeSnapshotFrame(seq, size, header, trailer)
		if err != nil {
			return
		}
		if !bytes.Equal(encodeSnapshotTrailer(seq, got.payloadBytes, got.stateHash, got.payloadCRC), trailer) {
			t.Fatal("an accepted trailer does not re-encode to the same bytes")
		}
	})
}

// tempFiles lists the temporary files in the snapshot directory.
func tempFiles(t *testing.T, s *Store) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(s.snapshotDir(), "*"+snapshotTempSuffix))
	if err != nil {
		t.Fatal(err)
	}
	return names
}
