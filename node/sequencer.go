package node

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
)

// roundBytesMargin keeps a round's encoded size below the store's batch
// limit with room for one more entry; an encoded entry is a few hundred
// bytes.
const roundBytesMargin = 4 << 10

// storeBatchBytesDefault is the store's default BatchBytesMax.
const storeBatchBytesDefault = 4 << 20

// round is one group commit: entries applied one after the other and
// submitted to the store in one request.
type round struct {
	items     []roundItem
	entries   []store.Entry
	bytes     int
	done      <-chan error
	submitted time.Time
	// snapshot, when set, is the state after the round's last entry. It is
	// written but not committed, and the publisher hands it to the
	// snapshot writer once the round is durable.
	snapshot *pendingSnapshot
	// stateHash is the state hash after the round's last entry, published
	// with its log batch; zero when it was not computed (statehash.go).
	stateHash common.Hash
	// visible is set once the round's entries went to the read views and
	// subscribers and its requests got their replies (showRound).
	visible bool
}

type roundItem struct {
	req *request
	rec *record
}

func (r *round) lastSeq() uint64 { return r.entries[len(r.entries)-1].Seq }

// sequencer is the state of the goroutine that applies entries. It is the
// only writer of the machine, so it reads the machine without the lock.
type sequencer struct {
	n *Node
	// sinceSnapshot counts the entries applied since the last snapshot,
	// and nextSnapshotAt is the earliest time of the next one.
	sinceSnapshot  uint64
	nextSnapshotAt time.Time
	// lastHashSeq is the seq of the last state hash computed, and
	// nextHashAt the earliest time of the next one, for NodeInfo or for a
	// log batch (statehash.go). Snapshots and hashes share one time
	// budget (spaceStateWork).
	lastHashSeq uint64
	nextHashAt  time.Time
	// roundBytesMax bounds a round's encoded entries.
	roundBytesMax int
	// hashRounds makes submit compute the state hash for each round's log
	// batch (hashRound). It is set only on a sequencer with a network,
	// because only that node publishes batches.
	hashRounds bool
	// lastRequestAt is the clock's time when the last signed request
	// (order, cancel or withdrawal) was applied. busy reads it.
	lastRequestAt time.Time
}

// StateWorkQuietGap is how long a node must go without applying a signed
// request before it counts as quiet. A busy node puts off snapshots (up
// to Config.SnapshotEntriesBusy entries) and the state hash for NodeInfo.
// Each of them stops the sequencer while it encodes the whole state,
// about 0.1 s with 300,000 resting orders (docs/BENCHMARKS.md,
// "Whole-state work of a busy node"). The state hashes of a network's
// log batches do not wait, because followers check them. Their own time
// budget bounds them (statehash.go).
const StateWorkQuietGap = time.Second

// busy reports whether a signed request was applied within
// StateWorkQuietGap of now.
func (s *sequencer) busy(now time.Time) bool {
	return now.Sub(s.lastRequestAt) < StateWorkQuietGap
}

func (n *Node) runSequencer() {
	defer n.pipelines.Done()
	defer close(n.rounds)
	defer close(n.seqDone)

	s := &sequencer{n: n, roundBytesMax: n.cfg.Store.BatchBytesMax - roundBytesMargin, hashRounds: n.net != nil}
	if n.cfg.Store.BatchBytesMax == 0 {
		s.roundBytesMax = storeBatchBytesDefault - roundBytesMargin
	}
	s.sinceSnapshot = n.machine.Seq() - n.snapshotSeq()
	tick := n.clock.NewTicker(n.cfg.TickInterval)
	defer tick.Stop()
	seal := n.clock.NewTicker(n.cfg.BatchInterval)
	defer seal.Stop()
	// drain is ready while a book holds due orders that the last tick left
	// for later, because a tick expires a bounded number per market. The
	// loop then logs the next tick without waiting for the ticker. Select
	// picks among ready cases at random, so requests still get turns.
	var drain <-chan time.Time
	ready := make(chan time.Time)
	close(ready)
	var hashTicks <-chan time.Time
	if n.cfg.StateHashInterval > 0 {
		t := n.clock.NewTicker(n.cfg.StateHashInterval)
		defer t.Stop()
		hashTicks = t.C()
	}

	for {
		r := &round{}
		select {
		case req := <-n.internal:
			s.step(r, req)
		case req, ok := <-n.verified:
			if !ok {
				s.finish()
				return
			}
			s.step(r, req)
		case <-tick.C():
			s.step(r, &request{entry: state.Entry{Type: state.EntryTick}})
		case <-drain:
			s.step(r, &request{entry: state.Entry{Type: state.EntryTick}})
		case <-seal.C():
			s.sealOpenBatches(r)
		case <-hashTicks:
			if !s.busy(n.clock.Now()) {
				s.updateStateHash()
			}
			continue
		}
		closed := s.fill(r)
		s.submit(r)
		if closed {
			s.finish()
			return
		}
		drain = nil
		if n.failed() == nil && n.machine.ExpiriesPending() {
			drain = ready
		}
	}
}

// fill applies queued requests without waiting until the round is full.
// It reports whether the verified queue was closed.
func (s *sequencer) fill(r *round) (closed bool) {
	for len(r.entries) < s.n.cfg.RoundEntriesMax && r.bytes < s.roundBytesMax {
		select {
		case req := <-s.n.internal:
			s.step(r, req)
		case req, ok := <-s.n.verified:
			if !ok {
				return true
			}
			s.step(r, req)
		default:
			return false
		}
	}
	return false
}

// finish seals every open batch, so the last trades settle, and rejects
// the entries still queued internally.
func (s *sequencer) finish() {
	r := &round{}
	s.sealOpenBatches(r)
	s.submit(r)
	for {
		select {
		case req := <-s.n.internal:
			req.respond(nil, fmt.Errorf("%w: the node is stopping", ErrStopped))
		default:
			return
		}
	}
}

// step applies one request and adds it to the round, or replies to it
// with the error that rejected it.
func (s *sequencer) step(r *round, req *request) {
	if err := s.n.failed(); err != nil {
		req.respond(nil, unavailable("the node stopped sequencing after an error: %v", err))
		return
	}
	if req.sealAll {
		before := len(r.items)
		s.sealOpenBatches(r)
		if len(r.items) == before {
			req.respond(nil, nil)
		} else {
			r.items = append(r.items, roundItem{req: req}) // replied to with the seals
		}
		return
	}
	if signedEntry(req.entry.Type) {
		s.lastRequestAt = s.n.clock.Now()
	}
	if w := req.entry.Withdrawal; req.entry.Type == state.EntryWithdraw && w != nil && !s.n.machine.OpenBatchFitsWithdrawal(w.ChainID) {
		s.step(r, &request{entry: state.Entry{Type: state.EntrySealBatch, Batch: &state.BatchRef{ChainID: w.ChainID}}})
	}
	rec, payload, err := s.apply(req)
	if err != nil {
		if signedEntry(req.entry.Type) {
			s.n.rejected(req, err)
			s.n.net.queueRejection(req, err)
		} else if req.reply == nil {
			s.n.log.Warn("entry made by the node rejected", "type", req.entry.Type, "err", err)
		}
		req.respond(nil, err)
		return
	}
	r.items = append(r.items, roundItem{req: req, rec: rec})
	r.entries = append(r.entries, store.Entry{Seq: rec.seq, Payload: payload})
	r.bytes += len(payload) + 16
	s.sinceSnapshot++
	s.sealFullBatches(r, rec)
}

// apply stamps the entry with the next time, encodes it and applies it to
// the machine. On error the machine is unchanged.
func (s *sequencer) apply(req *request) (*record, []byte, error) {
	n := s.n
	e := &req.entry
	e.Time = s.now()
	payload, err := e.Encode()
	if err != nil {
		return nil, nil, err
	}

	n.mu.Lock()
	defer n.mu.Unlock()
	seq := n.machine.Seq() + 1
	var outcomes []state.SettlementBatch
	if (e.Type == state.EntrySettlementDone || e.Type == state.EntrySettlementFailed) && e.Batch != nil {
		if b, err := n.machine.SettlementBatch(e.Batch.ChainID, e.Batch.ID); err == nil {
			outcomes = []state.SettlementBatch{b}
		}
	}
	start := time.Now()
	res, err := n.applyEntry(seq, req)
	n.metrics.matchLatency.Observe(time.Since(start).Seconds())
	if err != nil {
		return nil, nil, err
	}
	req.seq = seq
	return captureRecord(n.machine, e, res, outcomes), payload, nil
}

// applyEntry applies the request's entry to the machine. A placed order's
// entry goes with the order hash that the verifier or the p2p host
// computed (req.hash), so that the machine does not hash the order again.
// A zero req.hash means that none was computed (a Keccak-256 hash is zero
// with a chance of 2^-256), so the machine computes it.
// REQUIRES: n.mu held for writing.
func (n *Node) applyEntry(seq uint64, req *request) (*state.Result, error) {
	if req.entry.Type == state.EntryPlaceOrder && req.hash != (common.Hash{}) {
		return n.machine.ApplyWithOrderHash(seq, &req.entry, req.hash)
	}
	return n.machine.Apply(seq, &req.entry)
}

// now returns the next entry's time: the clock in unix milliseconds, but
// never before the last entry's time.
func (s *sequencer) now() uint64 {
	ms := s.n.clock.Now().UnixMilli()
	t := uint64(max(ms, 0))
	return max(t, s.n.machine.Time())
}

// sealFullBatches seals each chain the record traded or withdrew on whose
// open batch reached a size limit.
func (s *sequencer) sealFullBatches(r *round, rec *record) {
	var chains []uint64
	for _, t := range rec.trades {
		chains = appendUnique(chains, t.Market.ChainID)
	}
	for _, w := range rec.withdrawals {
		chains = appendUnique(chains, w.Signed.ChainID)
	}
	m := s.n.machine
	for _, id := range chains {
		if m.OpenBatchTrades(id) >= s.n.cfg.BatchTradesMax || m.OpenBatchWithdrawals(id) >= batch.WithdrawalsMax {
			s.step(r, &request{entry: state.Entry{Type: state.EntrySealBatch, Batch: &state.BatchRef{ChainID: id}}})
		}
	}
}

func appendUnique(list []uint64, v uint64) []uint64 {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// sealOpenBatches seals each chain's open batch that is not empty.
func (s *sequencer) sealOpenBatches(r *round) {
	m := s.n.machine
	for _, id := range m.ChainIDs() {
		if !m.OpenBatchEmpty(id) {
			s.step(r, &request{entry: state.Entry{Type: state.EntrySealBatch, Batch: &state.BatchRef{ChainID: id}}})
		}
	}
}

// submit hands the round to the store and then to the publisher. A store
// that rejects it stops the node: the machine has applied entries that
// will never be durable. A snapshot or state hash of the round is
// computed between the two, while the store syncs the round, because the
// publisher sends the round's batch only once it is durable. A follower
// shows the round and replies to its requests before the publisher gets
// it, without waiting for its own store (showRound).
func (s *sequencer) submit(r *round) {
	if len(r.entries) == 0 {
		return
	}
	n := s.n
	r.submitted = time.Now()
	done, err := n.store.Submit(context.Background(), r.entries)
	if err != nil {
		n.fail(fmt.Errorf("node: submit entries %d to %d to the log: %w", r.entries[0].Seq, r.lastSeq(), err))
		failed := make(chan error, 1)
		failed <- err
		done = failed
	}
	r.done = done
	if err == nil && s.snapshotDue() {
		s.takeSnapshot(r)
	}
	if err == nil && s.hashRounds && r.snapshot == nil {
		s.hashRound(r)
	}
	if err == nil && n.cfg.Role == RoleFollower {
		n.showRound(r)
	}
	n.rounds <- r
}

// takeSnapshot writes the state after the round into a snapshot file for
// the snapshot writer to commit. Encoding is linear in the state's size
// and runs here, because the state must not change meanwhile. The sync and
// rename run on the snapshot writer's goroutine.
func (s *sequencer) takeSnapshot(r *round) {
	start := time.Now()
	snap, err := s.n.writeSnapshot()
	s.spaceStateWork(time.Now().Add(stateHashCostFactor * time.Since(start)))
	if err != nil {
		s.n.log.Error("snapshot not taken", "seq", r.lastSeq(), "err", err)
		return
	}
	s.sinceSnapshot = 0
	s.lastHashSeq = snap.w.Seq()
	r.snapshot = snap
	r.stateHash = snap.hash
}

// spaceStateWork makes the next snapshot and the next state hash wait
// until at least t. Both encode the whole state and stop the sequencer
// for as long (about 0.6 s with a million resting orders). With a budget
// each, a busy node stopped twice as often.
func (s *sequencer) spaceStateWork(t time.Time) {
	if t.After(s.nextSnapshotAt) {
		s.nextSnapshotAt = t
	}
	if t.After(s.nextHashAt) {
		s.nextHashAt = t
	}
}

// snapshotDue reports whether the round just applied ends with a
// snapshot.
func (s *sequencer) snapshotDue() bool {
	cfg := &s.n.cfg
	return snapshotDue(s.sinceSnapshot, cfg.SnapshotEntries, cfg.SnapshotEntriesBusy,
		s.busy(s.n.clock.Now()), time.Now(), s.nextSnapshotAt)
}

// snapshotDue reports whether a snapshot is due when applied entries
// have passed since the last one. It needs at least every entries, a
// time no earlier than nextAt, and either a quiet node or at least
// busyEvery entries. Spacing snapshots by their cost keeps the encoding
// of a large state, which stops the sequencer, to about 5% of its time,
// and a busy node stops for it ten times less often by default. In
// exchange, recovery replays more entries.
func snapshotDue(applied, every, busyEvery uint64, busy bool, now, nextAt time.Time) bool {
	if applied < every || now.Before(nextAt) {
		return false
	}
	return !busy || applied >= busyEvery
}

// stateHashCostFactor spaces the state hashes for NodeInfo at least this
// many times the duration of the last one, so that they take at most
// about 5% of the sequencer's time. A state hash encodes the whole state,
// and entries wait meanwhile: with a million resting orders that took 1.7
// to 2 s on a shared 2-core machine.
const stateHashCostFactor = 20

// updateStateHash computes the state hash for NodeInfo when entries were
// applied since the last one and the last one's cost allows it.
func (s *sequencer) updateStateHash() {
	n := s.n
	if n.failed() != nil || n.machine.Seq() == s.lastHashSeq || time.Now().Before(s.nextHashAt) {
		return
	}
	start := time.Now()
	n.mu.RLock()
	seq := n.machine.Seq()
	hash, err := n.machine.StateHash()
	n.mu.RUnlock()
	s.spaceStateWork(time.Now().Add(stateHashCostFactor * time.Since(start)))
	if err != nil {
		n.log.Error("state hash not computed", "seq", seq, "err", err)
		return
	}
	s.lastHashSeq = seq
	n.hashAt.Store(&stateHashAt{seq: seq, hash: hash})
}

// snapshotSeq returns the seq of the newest stored snapshot, 0 if none.
func (n *Node) snapshotSeq() uint64 {
	infos, err := n.store.Snapshots()
	if err != nil {
		return 0
	}
	for _, info := range infos {
		if info.Err == nil {
			return info.Seq
		}
	}
	return 0
}

// signedEntry reports whether entries of type t come from traders'
// signed requests rather than from the node.
func signedEntry(t state.EntryType) bool {
	return t == state.EntryPlaceOrder || t == state.EntryCancelOrder || t == state.EntryWithdraw
}
