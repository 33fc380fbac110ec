package crashtest

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/thaliumx/thaliumx/node/store"
)

// indexEntriesPerBatch bounds the entries one index batch of the child
// covers, and indexIdle is how long its indexer waits when the log has
// nothing new.
const (
	indexEntriesPerBatch = 200
	indexIdle            = time.Millisecond
)

// indexRecord is the record the child indexes for entry seq: an order
// record of one of four traders, whose value is the seq.
func indexRecord(seq uint64) store.OrderRecord {
	return store.OrderRecord{Trader: store.Address{byte(seq % 4)}, Seq: seq, Value: binary.BigEndian.AppendUint64(nil, seq)}
}

// runIndexer indexes the durable entries after the indexed-through marker
// as the node's indexer does, one batch at a time, until ctx ends.
func runIndexer(ctx context.Context, s *store.Store) error {
	for ctx.Err() == nil {
		from, last := s.IndexedThrough()+1, s.LastSeq()
		if from > last {
			time.Sleep(indexIdle)
			continue
		}
		through := min(last, from+indexEntriesPerBatch-1)
		var b store.IndexBatch
		for seq := from; seq <= through; seq++ {
			if err := b.PutOrder(indexRecord(seq)); err != nil {
				return err
			}
		}
		if err := s.CommitIndexBatch(through, &b); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
	}
	return nil
}

// checkIndex checks that the index holds the record of every entry
// through the indexed-through marker and none after it: each index batch
// is committed whole with its marker, or not at all.
func checkIndex(s *store.Store) error {
	through := s.IndexedThrough()
	if through > s.LastSeq() {
		return fmt.Errorf("indexed through seq %d, past the log's end at %d", through, s.LastSeq())
	}
	found := uint64(0)
	for trader := range 4 {
		var cursor []byte
		for {
			records, next, err := s.OrdersByTrader(store.Address{byte(trader)}, store.PageRequest{After: cursor, Limit: 1000})
			if err != nil {
				return err
			}
			for _, r := range records {
				if r.Seq > through || r.Seq%4 != uint64(trader) || binary.BigEndian.Uint64(r.Value) != r.Seq {
					return fmt.Errorf("index record of seq %d for trader %d with value %x, indexed through %d", r.Seq, trader, r.Value, through)
				}
				found++
			}
			if next == nil {
				break
			}
			cursor = next
		}
	}
	if found != through {
		return fmt.Errorf("%d index records, expected one for each entry through the marker at seq %d", found, through)
	}
	return nil
}
