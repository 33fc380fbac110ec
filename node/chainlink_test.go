package node

import (
	"testing"
	"time"

	"github.com/thaliumx/thaliumx/node/state"
)

// A stop after a start that failed before a chain's settler ran must not
// wait StopSettleTimeout for batches that nothing settles.
func TestSettleAllUnstartedLinkReturns(t *testing.T) {
	l := &chainLink{pending: []state.SettlementBatch{{ID: 1}}}
	done := make(chan bool, 1)
	go func() { done <- l.settleAll(time.Hour) }()
	select {
	case settled := <-done:
		if settled {
			t.Fatal("settleAll reported every batch settled with batch 1 pending")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("settleAll waits for a chain link that never started")
	}
}
