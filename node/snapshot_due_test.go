package node

import (
	"testing"
	"time"
)

func TestSnapshotDue(t *testing.T) {
	now := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name    string
		applied uint64
		nextAt  time.Time
		want    bool
	}{
		{"enough entries, no earlier snapshot", 100, time.Time{}, true},
		{"enough entries, spacing passed", 150, now.Add(-time.Second), true},
		{"enough entries, spacing ends now", 100, now, true},
		{"enough entries, spacing not passed", 100_000, now.Add(time.Second), false},
		{"too few entries", 99, time.Time{}, false},
	}
	for _, c := range cases {
		if got := snapshotDue(c.applied, 100, now, c.nextAt); got != c.want {
			t.Errorf("%s: snapshotDue = %v, expected %v", c.name, got, c.want)
		}
	}
}

// TestSpaceStateWorkSharesBudget checks that a snapshot delays the next
// state hash and a hash delays the next snapshot, and that a shorter
// spacing never brings either forward.
func TestSpaceStateWorkSharesBudget(t *testing.T) {
	now := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	var s sequencer
	s.spaceStateWork(now.Add(12 * time.Second))
	if !s.nextSnapshotAt.Equal(now.Add(12*time.Second)) || !s.nextHashAt.Equal(now.Add(12*time.Second)) {
		t.Fatalf("after spacing to +12s: next snapshot at %v, next hash at %v", s.nextSnapshotAt, s.nextHashAt)
	}
	if snapshotDue(100, 100, now.Add(11*time.Second), s.nextSnapshotAt) {
		t.Fatalf("snapshot due 11 s after a hash that spaced state work by 12 s")
	}
	s.spaceStateWork(now.Add(time.Second))
	if !s.nextSnapshotAt.Equal(now.Add(12*time.Second)) || !s.nextHashAt.Equal(now.Add(12*time.Second)) {
		t.Fatalf("a shorter spacing moved the next snapshot to %v and the next hash to %v", s.nextSnapshotAt, s.nextHashAt)
	}
}
