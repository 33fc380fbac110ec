package node

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/p2p"
)

func testRejection(i byte) p2p.Rejection {
	r := p2p.Rejection{Hash: common.Hash{i}, Seq: uint64(i), Code: 4007, Message: "rejected", Data: []byte(`{"reason":"insufficient_balance"}`)}
	r.Signature[0], r.Signature[64] = i, 27
	return r
}

func keyOf(r p2p.Rejection) rejectionKey {
	return newRejectionKey(r.Cancel, r.Hash, r.Signature)
}

// The cache finds a rejection by kind, hash and signature, with v as 0
// or 1 or as 27 or 28, until its time to live ends.
func TestRecentRejectionsLookup(t *testing.T) {
	c := newRecentRejections(time.Minute, 4)
	start := time.Unix(1_000_000, 0)
	r := testRejection(1)
	c.add(&r, start)
	r.Data[0] = 'X' // the gossip buffer is reused

	got, ok := c.lookup(keyOf(r), start.Add(59*time.Second))
	if !ok {
		t.Fatal("rejection not found before its time to live ended")
	}
	if got.rejection.Seq != 1 || string(got.rejection.Data) != `{"reason":"insufficient_balance"}` {
		t.Errorf("found seq %d with data %s, expected seq 1 and the data as received", got.rejection.Seq, got.rejection.Data)
	}
	lowV := r.Signature
	lowV[64] = 0
	if _, ok := c.lookup(newRejectionKey(false, r.Hash, lowV), start); !ok {
		t.Error("rejection not found with v 0 in place of 27")
	}
	if _, ok := c.lookup(newRejectionKey(true, r.Hash, r.Signature), start); ok {
		t.Error("the rejection of an order was found for a cancel of the same hash")
	}
	other := r.Signature
	other[1] ^= 1
	if _, ok := c.lookup(newRejectionKey(false, r.Hash, other), start); ok {
		t.Error("rejection found for another signature")
	}
	if _, ok := c.lookup(keyOf(r), start.Add(time.Minute)); ok {
		t.Error("rejection found after its time to live ended")
	}
	if len(c.queue) != 0 || len(c.byKey) != 0 {
		t.Errorf("%d queued and %d mapped after expiry, expected none", len(c.queue), len(c.byKey))
	}
}

// A full cache drops its oldest rejection, and a newer rejection of the
// same request replaces the older one.
func TestRecentRejectionsBound(t *testing.T) {
	const max = 3
	c := newRecentRejections(time.Hour, max)
	now := time.Unix(1_000_000, 0)
	for i := range byte(5) {
		r := testRejection(i)
		c.add(&r, now)
	}
	if len(c.queue) != max || len(c.byKey) != max {
		t.Fatalf("%d queued and %d mapped, expected the limit %d", len(c.queue), len(c.byKey), max)
	}
	for i := range byte(5) {
		_, ok := c.lookup(keyOf(testRejection(i)), now)
		if want := i >= 5-max; ok != want {
			t.Errorf("rejection %d found %v, expected %v", i, ok, want)
		}
	}

	// A newer rejection of request 0 replaces the older one. The older
	// copy leaves the queue first and must not take the newer one with it.
	c = newRecentRejections(time.Hour, max)
	older, between, newer, last := testRejection(0), testRejection(1), testRejection(0), testRejection(2)
	newer.Seq = 99
	c.add(&older, now)
	c.add(&between, now)
	c.add(&newer, now.Add(time.Second))
	c.add(&last, now.Add(2*time.Second))
	got, ok := c.lookup(keyOf(newer), now.Add(2*time.Second))
	if !ok || got.rejection.Seq != 99 {
		t.Errorf("found %v with seq %d, expected the newer rejection at seq 99", ok, got.rejection.Seq)
	}
	if len(c.queue) != max || len(c.byKey) != max {
		t.Errorf("%d queued and %d mapped, expected %d", len(c.queue), len(c.byKey), max)
	}
}
