package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"testing"
)

func testSnapshot(seq uint64, size int) Snapshot {
	payload := make([]byte, size)
	for i := range payload {
		payload[i] = byte(seq) ^ byte(i*31)
	}
	return Snapshot{Seq: seq, StateHash: sha256.Sum256(payload), Payload: payload}
}

func TestSnapshotSaveLoad(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	appendRange(t, s, 1, 20)
	// 9 MiB spans three chunks; the empty payload has none.
	for _, snap := range []Snapshot{testSnapshot(5, 100), testSnapshot(10, 9<<20), testSnapshot(20, 0)} {
		if err := s.SaveSnapshot(snap); err != nil {
			t.Fatalf("SaveSnapshot seq %d: %v", snap.Seq, err)
		}
	}
	s.Close()
	s = openTestStore(t, dir, Options{})

	for _, want := range []Snapshot{testSnapshot(5, 100), testSnapshot(10, 9<<20), testSnapshot(20, 0)} {
		got, err := s.LoadSnapshot(want.Seq)
		if err != nil {
			t.Fatalf("LoadSnapshot(%d): %v", want.Seq, err)
		}
		if got.Seq != want.Seq || got.StateHash != want.StateHash || !bytes.Equal(got.Payload, want.Payload) {
			t.Fatalf("LoadSnapshot(%d) returned seq %d, %d bytes, a different hash or payload", want.Seq, got.Seq, len(got.Payload))
		}
	}
	latest, skipped, err := s.LatestSnapshot()
	if err != nil || latest.Seq != 20 || len(skipped) != 0 {
		t.Fatalf("LatestSnapshot: seq %d, skipped %v, err %v", latest.Seq, skipped, err)
	}
}

// lowerSnapshotLimit sets snapshotPayloadBytesMax to limit until the test
// ends.
func lowerSnapshotLimit(t *testing.T, limit uint64) {
	saved := snapshotPayloadBytesMax
	snapshotPayloadBytesMax = limit
	t.Cleanup(func() { snapshotPayloadBytesMax = saved })
}

func TestSnapshotRejectsBadSeq(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 5)
	for _, seq := range []uint64{0, 6, 100} {
		if err := s.SaveSnapshot(testSnapshot(seq, 10)); !errors.Is(err, ErrSnapshotSeq) {
			t.Errorf("SaveSnapshot seq %d with last seq 5: %v, expected ErrSnapshotSeq", seq, err)
		}
	}

	// A payload above the real limit of 16 GiB stays cheap only while its
	// pages are untouched. With -count 2 the runtime zeroes the reused
	// memory, and a 24 GiB machine runs out of memory.
	lowerSnapshotLimit(t, 1<<20)
	if err := s.SaveSnapshot(Snapshot{Seq: 5, Payload: make([]byte, snapshotPayloadBytesMax+1)}); !errors.Is(err, ErrPayloadTooLarge) {
		t.Errorf("SaveSnapshot above the size limit: %v", err)
	}
	w, err := s.CreateSnapshot(5)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(make([]byte, snapshotPayloadBytesMax)); err != nil {
		t.Fatalf("SnapshotWriter.Write up to the size limit: %v", err)
	}
	if _, err := w.Write([]byte{1}); !errors.Is(err, ErrPayloadTooLarge) {
		t.Errorf("SnapshotWriter.Write past the size limit: %v", err)
	}
	w.Discard()

	if infos, _ := s.Snapshots(); len(infos) != 0 {
		t.Fatalf("rejected snapshots were stored: %+v", infos)
	}
	if _, _, err := s.LatestSnapshot(); !errors.Is(err, ErrNoSnapshot) {
		t.Fatalf("LatestSnapshot with none stored: %v", err)
	}
}

func TestSnapshotKeepsNewestK(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{SnapshotsKept: 2})
	appendRange(t, s, 1, 40)
	for _, seq := range []uint64{10, 30, 20, 40} {
		if err := s.SaveSnapshot(testSnapshot(seq, 5<<20)); err != nil {
			t.Fatalf("SaveSnapshot %d: %v", seq, err)
		}
	}
	infos, err := s.Snapshots()
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 2 || infos[0].Seq != 40 || infos[1].Seq != 30 {
		t.Fatalf("kept snapshots %+v, expected seq 40 and 30", infos)
	}
	// The files of pruned snapshots are deleted too.
	for _, seq := range []uint64{10, 20} {
		if _, err := os.Stat(s.snapshotPath(seq)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("snapshot %d file still exists (%v)", seq, err)
		}
	}
}

func TestLatestSnapshotSkipsDamaged(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 30)
	for _, seq := range []uint64{10, 20, 30} {
		if err := s.SaveSnapshot(testSnapshot(seq, 1000)); err != nil {
			t.Fatal(err)
		}
	}
	// Flip a payload byte of the newest snapshot and the header of the
	// next one.
	flipFileByte(t, s.snapshotPath(30), int64(snapshotHeaderBytes)+500)
	flipFileByte(t, s.snapshotPath(20), 12)

	snap, skipped, err := s.LatestSnapshot()
	if err != nil {
		t.Fatalf("LatestSnapshot: %v", err)
	}
	if snap.Seq != 10 || len(skipped) != 2 {
		t.Fatalf("LatestSnapshot returned seq %d with %d skipped, expected seq 10 with 2 skipped", snap.Seq, len(skipped))
	}
	var corrupt *CorruptionError
	if !errors.As(skipped[0], &corrupt) || corrupt.Seq != 30 || corrupt.Dir != s.Dir() {
		t.Fatalf("first skipped error %v does not name seq 30 and the directory", skipped[0])
	}
	if !errors.As(skipped[1], &corrupt) || corrupt.Seq != 20 {
		t.Fatalf("second skipped error %v does not name seq 20", skipped[1])
	}
	infos, _ := s.Snapshots()
	if len(infos) != 3 || infos[1].Err == nil || infos[0].Err != nil {
		t.Fatalf("Snapshots lists %+v, expected only seq 20's header flagged", infos)
	}
}

func TestInstallSnapshot(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	snap := testSnapshot(1000, 64)
	if err := s.InstallSnapshot(snap); err != nil {
		t.Fatalf("InstallSnapshot into an empty store: %v", err)
	}
	if s.FirstSeq() != 1001 || s.LastSeq() != 1000 || s.NextSeq() != 1001 || s.IndexedThrough() != 1000 {
		t.Fatalf("after install: first %d last %d next %d indexed %d", s.FirstSeq(), s.LastSeq(), s.NextSeq(), s.IndexedThrough())
	}
	if err := s.Append(t.Context(), makeEntries(1, 1)...); !errors.Is(err, ErrSeqNotNext) {
		t.Fatalf("Append seq 1 after install at 1000: %v", err)
	}
	appendRange(t, s, 1001, 5)
	if err := s.InstallSnapshot(testSnapshot(2000, 64)); !errors.Is(err, ErrLogNotEmpty) {
		t.Fatalf("InstallSnapshot into a non-empty log: %v", err)
	}
	if _, err := s.ReadLog(1000, 10, 1<<20); !errors.Is(err, ErrNotStored) {
		t.Fatalf("ReadLog at the base: %v", err)
	}
	s.Close()

	s = openTestStore(t, dir, Options{})
	if seqs := replayAll(t, s, 1001); len(seqs) != 5 {
		t.Fatalf("replay after install and reopen: %v", seqs)
	}
	got, _, err := s.LatestSnapshot()
	if err != nil || got.Seq != 1000 || got.StateHash != snap.StateHash {
		t.Fatalf("LatestSnapshot after install: seq %d err %v", got.Seq, err)
	}
}

func TestSnapshotHeaderDecodeRejectsDamage(t *testing.T) {
	h := snapshotHeader{seq: 7, payloadBytes: 10, chunks: 1, payloadCRC: 99}
	good := encodeSnapshotHeader(h)
	if got, err := decodeSnapshotHeader(7, good); err != nil || got != h {
		t.Fatalf("decode of a good header: %+v, %v", got, err)
	}
	if _, err := decodeSnapshotHeader(8, good); err == nil {
		t.Fatal("header stored under another seq was accepted")
	}
	if _, err := decodeSnapshotHeader(7, good[:10]); err == nil {
		t.Fatal("short header was accepted")
	}
	for i := range good {
		bad := append([]byte(nil), good...)
		bad[i] ^= 0x40
		if _, err := decodeSnapshotHeader(7, bad); err == nil {
			t.Fatalf("header with byte %d flipped was accepted", i)
		}
	}
}

// flipFileByte flips one byte of a file, as disk damage would.
func flipFileByte(t *testing.T, path string, offset int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, offset); err != nil {
		t.Fatalf("read byte %d of %s: %v", offset, path, err)
	}
	b[0] ^= 0x01
	if _, err := f.WriteAt(b, offset); err != nil {
		t.Fatalf("write byte %d of %s: %v", offset, path, err)
	}
}

func FuzzDecodeSnapshotHeader(f *testing.F) {
	f.Add(uint64(7), encodeSnapshotHeader(snapshotHeader{seq: 7, payloadBytes: 10, chunks: 1}))
	f.Fuzz(func(t *testing.T, seq uint64, b []byte) {
		h, err := decodeSnapshotHeader(seq, b)
		if err != nil {
			return
		}
		if !bytes.Equal(encodeSnapshotHeader(h), b) {
			t.Fatal("an accepted header does not re-encode to the same bytes")
		}
	})
}
