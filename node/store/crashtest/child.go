package crashtest

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"sync"

	"github.com/thaliumx/thaliumx/node/store"
)

// Config describes the workload of a child and what the checker expects.
type Config struct {
	Seed int64
	// Writers is the number of goroutines submitting append requests.
	Writers int
	// RequestEntriesMax: each append request has 1 to this many entries.
	RequestEntriesMax int
	// SnapshotEvery: the child saves a snapshot at each multiple of it.
	SnapshotEvery uint64
	// LastSeqMax bounds the log; the child stops appending there.
	LastSeqMax uint64
	NewState   func() StateMachine
	Entries    EntrySource
	Store      store.Options
}

// frameBytes is the size of the frame before each body.
const frameBytes = 8 + 2

func encodeFrame(first uint64, count int, body []byte) []byte {
	payload := binary.BigEndian.AppendUint64(make([]byte, 0, frameBytes+len(body)), first)
	payload = binary.BigEndian.AppendUint16(payload, uint16(count))
	return append(payload, body...)
}

func decodeFrame(seq uint64, payload []byte) (first uint64, count int, body []byte, err error) {
	if len(payload) < frameBytes {
		return 0, 0, nil, fmt.Errorf("entry seq %d has %d bytes, shorter than its frame", seq, len(payload))
	}
	first, count = binary.BigEndian.Uint64(payload), int(binary.BigEndian.Uint16(payload[8:]))
	if count == 0 || seq < first || seq-first >= uint64(count) {
		return 0, 0, nil, fmt.Errorf("entry seq %d has frame (first %d, count %d) that does not contain it", seq, first, count)
	}
	return first, count, payload[frameBytes:], nil
}

// RunChild opens the store in dir, rebuilds the state, and appends entries
// until ctx ends or the log reaches cfg.LastSeqMax, writing the protocol
// lines to out.
func RunChild(ctx context.Context, dir string, cfg Config, out io.Writer) error {
	s, err := store.Open(dir, cfg.Store)
	if err != nil {
		return err
	}
	defer s.Close()
	state, err := RecoverState(ctx, s, cfg)
	if err != nil {
		return err
	}

	p := newPrinter(out)
	p.line(fmt.Sprintf("ready %d", s.LastSeq()))
	seqr := &sequencer{store: s, cfg: cfg, state: state, next: s.NextSeq()}
	var wg sync.WaitGroup
	errs := make(chan error, cfg.Writers+1)
	indexCtx, stopIndexer := context.WithCancel(ctx)
	indexerDone := make(chan struct{})
	go func() {
		defer close(indexerDone)
		if err := runIndexer(indexCtx, s); err != nil {
			errs <- err
		}
	}()
	for w := 0; w < cfg.Writers; w++ {
		wg.Add(1)
		go func(rng *rand.Rand) {
			defer wg.Done()
			if err := seqr.run(ctx, rng, p); err != nil {
				errs <- err
			}
		}(rand.New(rand.NewSource(cfg.Seed + int64(w) + int64(s.LastSeq())*1000)))
	}
	wg.Wait()
	stopIndexer()
	<-indexerDone
	p.close()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return errors.Join(all...)
}

// sequencer numbers entries, applies them to the state and submits them in
// order, as the node's sequencer does; waiting for durability happens
// outside its lock.
type sequencer struct {
	store *store.Store
	cfg   Config
	mu    sync.Mutex
	state StateMachine
	next  uint64
}

func (q *sequencer) run(ctx context.Context, rng *rand.Rand, p *printer) error {
	for ctx.Err() == nil {
		entries, snap, done, err := q.submitNext(ctx, rng)
		if err != nil || entries == nil {
			return err
		}
		if err := <-done; err != nil {
			return err
		}
		p.line(fmt.Sprintf("ack %d %d", entries[0].Seq, entries[len(entries)-1].Seq))
		if snap != nil {
			if err := q.store.SaveSnapshot(*snap); err != nil {
				return err
			}
			p.line(fmt.Sprintf("snap %d", snap.Seq))
		}
	}
	return nil
}

// submitNext builds, applies and submits one request. It returns nil
// entries once the log is full.
func (q *sequencer) submitNext(ctx context.Context, rng *rand.Rand) ([]store.Entry, *store.Snapshot, <-chan error, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.next > q.cfg.LastSeqMax {
		return nil, nil, nil, nil
	}

	n := 1 + rng.Intn(q.cfg.RequestEntriesMax)
	n = int(min(uint64(n), q.cfg.LastSeqMax-q.next+1))
	entries := make([]store.Entry, n)
	var snap *store.Snapshot
	for i := range entries {
		seq := q.next + uint64(i)
		body := q.cfg.Entries.Body(seq)
		if err := q.state.Apply(seq, body); err != nil {
			return nil, nil, nil, err
		}
		entries[i] = store.Entry{Seq: seq, Payload: encodeFrame(q.next, n, body)}
		if seq%q.cfg.SnapshotEvery == 0 {
			payload, err := q.state.EncodeSnapshot()
			if err != nil {
				return nil, nil, nil, err
			}
			snap = &store.Snapshot{Seq: seq, StateHash: q.state.StateHash(), Payload: payload}
		}
	}

	done, err := q.store.Submit(ctx, entries)
	if err != nil {
		return nil, nil, nil, err
	}
	q.next += uint64(n)
	return entries, snap, done, nil
}

// RecoverState loads the newest valid snapshot into a new state and applies
// the log tail after it, as the node does at start.
func RecoverState(ctx context.Context, s *store.Store, cfg Config) (StateMachine, error) {
	state := cfg.NewState()
	from := s.FirstSeq()
	snap, _, err := s.LatestSnapshot()
	switch {
	case err == nil:
		if err := state.DecodeSnapshot(snap.Seq, snap.Payload); err != nil {
			return nil, err
		}
		if state.StateHash() != snap.StateHash {
			return nil, fmt.Errorf("snapshot seq %d decodes to state hash %x, the snapshot names %x", snap.Seq, state.StateHash(), snap.StateHash)
		}
		from = snap.Seq + 1
	case !errors.Is(err, store.ErrNoSnapshot):
		return nil, err
	case from != 1:
		return nil, fmt.Errorf("no valid snapshot and the log starts at seq %d", from)
	}
	if from > s.LastSeq() {
		return state, nil
	}
	err = s.ReplayLog(ctx, from, func(e store.Entry) error {
		_, _, body, err := decodeFrame(e.Seq, e.Payload)
		if err != nil {
			return err
		}
		return state.Apply(e.Seq, body)
	})
	return state, err
}

// printer writes protocol lines from many goroutines, flushing whenever no
// line is waiting, so the parent reads acknowledgements promptly.
type printer struct {
	lines chan string
	done  chan struct{}
}

// printerLinesMax bounds the lines waiting to be written.
const printerLinesMax = 4096

func newPrinter(out io.Writer) *printer {
	p := &printer{lines: make(chan string, printerLinesMax), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		w := bufio.NewWriter(out)
		for line := range p.lines {
			w.WriteString(line)
			w.WriteByte('\n')
			if len(p.lines) == 0 {
				w.Flush()
			}
		}
		w.Flush()
	}()
	return p
}

func (p *printer) line(s string) { p.lines <- s }

func (p *printer) close() {
	close(p.lines)
	<-p.done
}
