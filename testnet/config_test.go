package testnet

import (
	"testing"
	"time"
)

// TestNodeConfigCarriesSettings checks that the network's settings reach
// the configuration shared by every node.
func TestNodeConfigCarriesSettings(t *testing.T) {
	c := Config{SnapshotEntries: 7, SnapshotEntriesBusy: 70, TickInterval: 3 * time.Second, StateHashInterval: time.Minute}
	got := c.nodeConfig(t.TempDir(), nil)
	if got.SnapshotEntries != 7 {
		t.Errorf("node SnapshotEntries %d, expected 7", got.SnapshotEntries)
	}
	if got.SnapshotEntriesBusy != 70 {
		t.Errorf("node SnapshotEntriesBusy %d, expected 70", got.SnapshotEntriesBusy)
	}
	if got.TickInterval != 3*time.Second {
		t.Errorf("node TickInterval %s, expected 3s", got.TickInterval)
	}
	if got.StateHashInterval != time.Minute {
		t.Errorf("node StateHashInterval %s, expected 1m", got.StateHashInterval)
	}
}
