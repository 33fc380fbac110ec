package p2p

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// startFollowers starts a sequencer host and n follower hosts, each
// follower connected to the sequencer, with the log topic's mesh formed.
func startFollowers(t *testing.T, n int) (*Host, []*Host, []*memLog) {
	t.Helper()
	sequencer := startHost(t, testConfig(t), Handlers{})
	hosts := make([]*Host, n)
	logs := make([]*memLog, n)
	for i := range hosts {
		logs[i] = newMemLog()
		hosts[i] = startHost(t, testConfig(t), Handlers{Batches: logs[i], Log: logs[i]})
		connect(t, hosts[i], sequencer)
	}
	waitMesh(t, LogTopic(testExchange), 1, hosts...)
	waitMesh(t, LogTopic(testExchange), n, sequencer)
	return sequencer, hosts, logs
}

func publishBatch(t *testing.T, h *Host, b *Batch) {
	t.Helper()
	if err := h.PublishBatch(context.Background(), b); err != nil {
		t.Fatalf("publish batch of seq %d to %d: %v", b.First(), b.Last(), err)
	}
}

func waitNextSeq(t *testing.T, logs []*memLog, next uint64) {
	t.Helper()
	for i, l := range logs {
		waitFor(t, fmt.Sprintf("follower %d to reach seq %d", i, next), func() bool { return l.NextSeq() == next })
	}
}

func TestBatchesAppliedInSequence(t *testing.T) {
	sequencer, followers, logs := startFollowers(t, 2)
	key := operatorKey(t)

	publishBatch(t, sequencer, signBatch(t, key, 1, 10))
	waitNextSeq(t, logs, 11)

	// A batch ahead of the log is kept and its gap reported; once the gap
	// arrives, both are applied in order.
	publishBatch(t, sequencer, signBatch(t, key, 21, 30))
	for i, l := range logs {
		waitFor(t, fmt.Sprintf("follower %d to report the gap", i), func() bool {
			return slices.Contains(l.reportedGaps(), Gap{From: 11, To: 20})
		})
		if l.NextSeq() != 11 {
			t.Fatalf("follower %d applied a batch ahead of the log: next seq %d", i, l.NextSeq())
		}
	}
	publishBatch(t, sequencer, signBatch(t, key, 11, 20))
	waitNextSeq(t, logs, 31)

	expected := testEntries(1, 30)
	for i, l := range logs {
		got := l.all()
		for j := range expected {
			if got[j].Seq != expected[j].Seq || !bytes.Equal(got[j].Payload, expected[j].Payload) {
				t.Fatalf("follower %d entry %d is seq %d, expected seq %d", i, j, got[j].Seq, expected[j].Seq)
			}
		}
		if gaps := testutil.ToFloat64(followers[i].metrics.gaps); gaps < 1 {
			t.Errorf("follower %d counted %v gaps, expected at least 1", i, gaps)
		}
		if applied := counter(followers[i].metrics.batches, "applied"); applied != 3 {
			t.Errorf("follower %d counted %v applied batches, expected 3", i, applied)
		}
	}
}

// A batch that overlaps the log is trimmed to the entries after it.
func TestBatchOverlappingLogTrimmed(t *testing.T) {
	sequencer, _, logs := startFollowers(t, 1)
	key := operatorKey(t)
	publishBatch(t, sequencer, signBatch(t, key, 1, 10))
	waitNextSeq(t, logs, 11)
	publishBatch(t, sequencer, signBatch(t, key, 6, 15))
	waitNextSeq(t, logs, 16)
	got := logs[0].all()
	for i, e := range got {
		if e.Seq != uint64(i+1) {
			t.Fatalf("entry %d has seq %d after an overlapping batch", i, e.Seq)
		}
	}
}

// Only the operator's batches are applied; a batch signed by another key
// is rejected and counted, and an old batch is ignored.
func TestBatchFromOtherKeyRejected(t *testing.T) {
	log := newMemLog()
	follower := startHost(t, testConfig(t), Handlers{Batches: log})
	raw := startRawPeer(t, false)
	topic := LogTopic(testExchange)
	raw.connect(t, follower, topic)

	forged, err := signBatch(t, testKey(t, "intruder"), 1, 5).Encode()
	if err != nil {
		t.Fatal(err)
	}
	raw.publish(t, topic, forged)
	waitFor(t, "the forged batch to be rejected", func() bool {
		return counter(follower.metrics.rejected, "log", reasonNotOperator) == 1
	})

	genuine, err := signBatch(t, operatorKey(t), 1, 5).Encode()
	if err != nil {
		t.Fatal(err)
	}
	raw.publish(t, topic, genuine)
	waitNextSeq(t, []*memLog{log}, 6)

	// The same entries again with another state hash: a different
	// message, but all behind the log.
	old := signBatch(t, operatorKey(t), 1, 5)
	old.StateHash[0] ^= 0xff
	if old, err = NewBatch(testExchange, old.Entries, old.StateHash, operatorKey(t)); err != nil {
		t.Fatal(err)
	}
	data, err := old.Encode()
	if err != nil {
		t.Fatal(err)
	}
	raw.publish(t, topic, data)
	waitFor(t, "the old batch to be ignored", func() bool {
		return counter(follower.metrics.rejected, "log", reasonStale) == 1
	})
	if log.NextSeq() != 6 || log.batches != 1 {
		t.Fatalf("follower at seq %d after %d batches, expected seq 6 after 1", log.NextSeq(), log.batches)
	}
}

// A sequencer whose key is not the configured operator's gets an error
// when it publishes, before any peer receives the batch.
func TestPublishBatchWithWrongKey(t *testing.T) {
	sequencer := startHost(t, testConfig(t), Handlers{})
	err := sequencer.PublishBatch(context.Background(), signBatch(t, testKey(t, "intruder"), 1, 5))
	if err == nil {
		t.Fatal("publishing a batch signed by another key succeeded")
	}
	if got := counter(sequencer.metrics.rejected, "log", reasonNotOperator); got != 1 {
		t.Fatalf("rejections counted %v, expected 1", got)
	}
}
