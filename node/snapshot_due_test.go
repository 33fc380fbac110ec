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
