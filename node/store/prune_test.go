package store

import (
	"errors"
	"testing"
)

// appendSegments appends n batches of size entries each, one segment per
// Append call, starting at seq first.
func appendSegments(t *testing.T, s *Store, first uint64, n, size int) {
	t.Helper()
	for i := range n {
		appendRange(t, s, first+uint64(i*size), size)
	}
}

func TestPruneLogDeletesWholeSegments(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	appendSegments(t, s, 1, 10, 10) // segments 1-10, 11-20, ..., 91-100
	if err := s.CommitIndexBatch(100, &IndexBatch{}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSnapshot(testSnapshot(80, 100)); err != nil {
		t.Fatal(err)
	}

	// Seq 45 lies inside the segment 41-50, which stays whole.
	pruned, err := s.PruneLog(45)
	if err != nil {
		t.Fatalf("PruneLog(45): %v", err)
	}
	if pruned != 40 {
		t.Errorf("PruneLog(45) deleted %d entries, expected the 40 of four whole segments", pruned)
	}
	if s.FirstSeq() != 41 {
		t.Errorf("first seq %d after pruning through 40, expected 41", s.FirstSeq())
	}
	if _, err := s.ReadLog(40, 10, 1<<20); !errors.Is(err, ErrNotStored) {
		t.Errorf("ReadLog(40) after pruning: %v, expected ErrNotStored", err)
	}
	seqs := replayAll(t, s, 41)
	if len(seqs) != 60 || seqs[0] != 41 || seqs[59] != 100 {
		t.Errorf("replay after pruning gave %d entries, expected 41 to 100", len(seqs))
	}

	// A reopened store keeps the pruned base and the rest of the log.
	s.Close()
	s = openTestStore(t, dir, Options{})
	if s.FirstSeq() != 41 || s.LastSeq() != 100 {
		t.Fatalf("reopened store holds seq %d to %d, expected 41 to 100", s.FirstSeq(), s.LastSeq())
	}
	appendRange(t, s, 101, 5)
	if seqs := replayAll(t, s, 41); len(seqs) != 65 {
		t.Errorf("replay after an append gave %d entries, expected 65", len(seqs))
	}
	if pruned, err := s.PruneLog(45); err != nil || pruned != 0 {
		t.Errorf("pruning again through 45: %d entries, %v; expected none", pruned, err)
	}
}

func TestPruneLogLimits(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendSegments(t, s, 1, 4, 10)
	if _, err := s.PruneLog(10); !errors.Is(err, ErrInvalidLimit) {
		t.Errorf("PruneLog before any index batch: %v, expected ErrInvalidLimit", err)
	}
	if err := s.CommitIndexBatch(30, &IndexBatch{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PruneLog(10); !errors.Is(err, ErrInvalidLimit) {
		t.Errorf("PruneLog without a snapshot: %v, expected ErrInvalidLimit", err)
	}
	if err := s.SaveSnapshot(testSnapshot(20, 10)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PruneLog(21); !errors.Is(err, ErrInvalidLimit) {
		t.Errorf("PruneLog past the snapshot: %v, expected ErrInvalidLimit", err)
	}
	if _, err := s.PruneLog(35); !errors.Is(err, ErrInvalidLimit) {
		t.Errorf("PruneLog past the indexes: %v, expected ErrInvalidLimit", err)
	}
	if s.FirstSeq() != 1 {
		t.Fatalf("rejected prunes moved the first seq to %d", s.FirstSeq())
	}
	if pruned, err := s.PruneLog(20); err != nil || pruned != 20 {
		t.Fatalf("PruneLog(20): %d entries, %v; expected 20", pruned, err)
	}
}
