package store

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// IndexID names one query index. Each index has a fixed number of key
// parts; records sort by their parts, compared part by part as bytes.
type IndexID byte

const (
	// IndexOrdersByTrader: trader address, placement seq, order hash.
	IndexOrdersByTrader IndexID = 1
	// IndexTradesByTraderMarket: trader address, chain id, market id, seq,
	// trade number within the entry. Market ids are per chain, so the chain
	// id keeps two chains' markets with the same id apart.
	IndexTradesByTraderMarket IndexID = 2
	// IndexPostingsByAccount: account key (owner address, chain id, token
	// address, account kind), seq, posting number within the entry. Format
	// 2 stored each posting under both of its accounts here. Format 3
	// writes IndexPostingsByOwner instead and only reads this index.
	IndexPostingsByAccount IndexID = 3
	// IndexOrdersByHash: order hash. The value locates the order's record
	// in IndexOrdersByTrader.
	IndexOrdersByHash IndexID = 4
	// IndexTradesByMarket: chain id, market id, seq, trade number within
	// the entry.
	IndexTradesByMarket IndexID = 5
	// IndexDepositsByTrader: trader address, seq, deposit number within
	// the entry.
	IndexDepositsByTrader IndexID = 6
	// IndexWithdrawalsByTrader: trader address, seq, withdrawal number
	// within the entry.
	IndexWithdrawalsByTrader IndexID = 7
	// IndexPostingsByOwner: owner and asset (owner address, chain id, token
	// address), seq, posting number within the entry. A posting between two
	// accounts of one owner and asset is stored once. Each value starts
	// with the set of the owner's account kinds that the posting moves
	// (index_typed.go).
	IndexPostingsByOwner IndexID = 8
)

// indexSchema describes an index's key: partBytes has one entry per part,
// the part's fixed size in bytes, or anyPartBytes for a variable one. The
// parts of a raw key are fixed-size and concatenated without escapes,
// which keeps them in the same order and saves the escapes of zero bytes.
type indexSchema struct {
	name      string
	partBytes []int
	raw       bool
}

const anyPartBytes = -1

var indexSchemas = map[IndexID]indexSchema{
	IndexOrdersByTrader:       {"orders by trader", []int{20, 8, 32}, false},
	IndexTradesByTraderMarket: {"trades by trader and market", []int{20, 8, 4, 8, 4}, false},
	IndexPostingsByAccount:    {"postings by account", []int{anyPartBytes, 8, 4}, false},
	IndexOrdersByHash:         {"orders by hash", []int{32}, false},
	IndexTradesByMarket:       {"trades by market", []int{8, 4, 8, 4}, false},
	IndexDepositsByTrader:     {"deposits by trader", []int{20, 8, 4}, false},
	IndexWithdrawalsByTrader:  {"withdrawals by trader", []int{20, 8, 4}, false},
	IndexPostingsByOwner:      {"postings by owner and asset", []int{postingOwnerBytes, 8, 4}, true},
}

// postingOwnerBytes is the size of an owner-and-asset key part: owner
// address, chain id, token address.
const postingOwnerBytes = 20 + 8 + 20

// Index limits.
const (
	indexKeyPartBytesMax = 256
	indexValueBytesMax   = 64 << 10
	indexBatchRecordsMax = 10000
	indexBatchBytesMax   = 4 << 20
	indexPageLimitMax    = 1000

	// indexKeyBytesMax bounds an encoded key: prefix, id, and each of at
	// most five parts at worst doubled by escaping plus its terminator.
	indexKeyBytesMax = 2 + 5*(2*indexKeyPartBytesMax+2)
)

// String returns the index's name.
func (id IndexID) String() string {
	if schema, ok := indexSchemas[id]; ok {
		return schema.name
	}
	return fmt.Sprintf("index %d", byte(id))
}

// IndexRecord is one index record: its key parts and the caller's value.
type IndexRecord struct {
	Parts [][]byte
	Value []byte
}

type indexOp struct {
	key    []byte
	value  []byte // nil for a delete
	delete bool
}

// IndexBatch collects index writes that CommitIndexBatch applies in one
// transaction together with the indexed-through marker. It is not safe for
// concurrent use.
type IndexBatch struct {
	ops   []indexOp
	bytes int
}

// Len returns the number of writes in the batch.
func (b *IndexBatch) Len() int { return len(b.ops) }

// Put adds a record to the batch, replacing any record with the same parts.
func (b *IndexBatch) Put(index IndexID, parts [][]byte, value []byte) error {
	if len(value) > indexValueBytesMax {
		return fmt.Errorf("%w: %s value of %d bytes, the limit is %d", ErrPayloadTooLarge, index, len(value), indexValueBytesMax)
	}
	key, err := indexKey(index, parts, false)
	if err != nil {
		return err
	}
	return b.add(indexOp{key: key, value: encodeChecked(key, value)})
}

// Delete adds the removal of the record with these parts to the batch.
func (b *IndexBatch) Delete(index IndexID, parts [][]byte) error {
	key, err := indexKey(index, parts, false)
	if err != nil {
		return err
	}
	return b.add(indexOp{key: key, delete: true})
}

func (b *IndexBatch) add(op indexOp) error {
	size := len(op.key) + len(op.value)
	if len(b.ops) >= indexBatchRecordsMax || b.bytes+size > indexBatchBytesMax {
		return fmt.Errorf("%w: %d records and %d bytes already, the limits are %d records and %d bytes; commit this batch and start another",
			ErrIndexBatchTooLarge, len(b.ops), b.bytes, indexBatchRecordsMax, indexBatchBytesMax)
	}
	b.ops = append(b.ops, op)
	b.bytes += size
	return nil
}

// CommitIndexBatch applies the batch and sets the indexed-through marker to
// through in one transaction. through may not go backwards and may not pass
// the durable log. An empty batch only moves the marker. The group-commit
// writer commits the batch in the transaction of the next log batch, so it
// shares that batch's sync. With no entry queued it waits up to
// Options.IndexBatchWait for one, or until Options.LogCommitInterval
// allows the next commit when that is later, and then commits alone.
func (s *Store) CommitIndexBatch(through uint64, b *IndexBatch) error {
	if s.opts.ReadOnly {
		return fmt.Errorf("%w: data directory %s takes no index batches", ErrReadOnly, s.dir)
	}
	exit, err := s.enter()
	if err != nil {
		return err
	}
	defer exit()
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	if prev, last := s.indexed.Load(), s.LastSeq(); through < prev || through > last {
		return fmt.Errorf("%w: %d, expected %d (the current marker) to %d (the last durable seq)", ErrIndexThrough, through, prev, last)
	}

	req := &indexRequest{through: through, batch: b, done: make(chan error, 1), commitBy: time.Now().Add(s.opts.IndexBatchWait)}
	s.mu.Lock()
	switch {
	case s.failure != nil:
		s.mu.Unlock()
		return fmt.Errorf("%w: %w", ErrFailed, s.failure)
	case s.writerStopped:
		s.mu.Unlock()
		return fmt.Errorf("%w: data directory %s", ErrClosed, s.dir)
	}
	s.indexQueued = req
	s.wake.Signal()
	s.mu.Unlock()
	return <-req.done
}

// CommitIndexSoon makes the writer commit what is queued now: a waiting
// index batch, and the log entries that wait for Options.LogCommitInterval,
// because the index of an entry is written only once the entry is
// durable. With a LogCommitInterval, the commit comes no sooner than
// ForcedCommitGapMin after the last one started, so that callers within
// one gap share one commit. It does nothing when nothing is queued. A
// reader that needs the index to catch up with the log calls it
// repeatedly while it waits for IndexedThrough, because the index batch
// is queued only after the log commit.
func (s *Store) CommitIndexSoon() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.commitSoon || (len(s.queue) == 0 && s.indexQueued == nil) {
		return
	}
	s.commitSoon = true
	s.wake.Broadcast()
}

// AwaitIndexed waits up to timeout until the index covers seq, and
// reports whether it does. Until then the writer commits what is queued
// as CommitIndexSoon makes it, no sooner than ForcedCommitGapMin after
// the last commit, so that concurrent callers share commits. Unlike a
// loop of CommitIndexSoon calls it needs no polling, because it also
// covers the index batch that is queued only after the log commit. It
// returns an error at once when the store has failed or is closed.
func (s *Store) AwaitIndexed(seq uint64, timeout time.Duration) (bool, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.indexed.Load() >= seq {
			s.mu.Unlock()
			return true, nil
		}
		switch {
		case s.failure != nil:
			s.mu.Unlock()
			return false, fmt.Errorf("%w: %w", ErrFailed, s.failure)
		case s.writerStopped:
			s.mu.Unlock()
			return false, fmt.Errorf("%w: data directory %s", ErrClosed, s.dir)
		}
		if seq > s.indexAwaitedSeq {
			s.indexAwaitedSeq = seq
			s.wake.Broadcast()
		}
		advanced := s.indexAdvanced
		s.mu.Unlock()

		select {
		case <-advanced:
		case <-deadline.C:
			return s.indexed.Load() >= seq, nil
		}
	}
}

// signalIndexAdvancedLocked wakes the AwaitIndexed calls.
// REQUIRES: s.mu held.
func (s *Store) signalIndexAdvancedLocked() {
	close(s.indexAdvanced)
	s.indexAdvanced = make(chan struct{})
}

// writeIndexBatch adds an index batch and its indexed-through marker to
// txn.
func writeIndexBatch(txn *badger.Txn, req *indexRequest) error {
	for _, op := range req.batch.ops {
		var err error
		if op.delete {
			err = txn.Delete(op.key)
		} else {
			err = txn.Set(op.key, op.value)
		}
		if err != nil {
			return fmt.Errorf("store: write index record %s: %w", printableKey(op.key), err)
		}
	}
	if err := setMeta(txn, keyIndexed, req.through); err != nil {
		return fmt.Errorf("store: write indexed-through marker %d: %w", req.through, err)
	}
	return nil
}

// GetIndexRecord returns the value of the record with exactly these parts,
// verifying its checksum, and false when no such record exists.
func (s *Store) GetIndexRecord(index IndexID, parts [][]byte) ([]byte, bool, error) {
	key, err := indexKey(index, parts, false)
	if err != nil {
		return nil, false, err
	}
	exit, err := s.enter()
	if err != nil {
		return nil, false, err
	}
	defer exit()

	var value []byte
	found := false
	err = s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: read index record %s: %w", printableKey(key), err)
		}
		record, _, err := s.readIndexRecord(item)
		value, found = record.Value, true
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return value, found, nil
}

// IndexQuery selects a page of records from one index.
type IndexQuery struct {
	Index IndexID
	// Prefix holds the leading key parts that every returned record
	// matches; it has fewer parts than the index.
	Prefix [][]byte
	// After is the cursor returned with the previous page, nil for the
	// first page.
	After []byte
	// Limit is the page size, 1 to 1000.
	Limit int
	// Reverse returns records in descending key order.
	Reverse bool
}

// IndexPage is one page of query results. Next is the cursor for the
// following page, nil when no record follows.
type IndexPage struct {
	Records []IndexRecord
	Next    []byte
}

// QueryIndex returns one page of records in key order (descending with
// Reverse), verifying each record's checksum.
func (s *Store) QueryIndex(q IndexQuery) (IndexPage, error) {
	if q.Limit < 1 || q.Limit > indexPageLimitMax {
		return IndexPage{}, fmt.Errorf("%w: page limit %d, expected 1 to %d", ErrInvalidLimit, q.Limit, indexPageLimitMax)
	}
	prefix, err := indexKey(q.Index, q.Prefix, true)
	if err != nil {
		return IndexPage{}, err
	}
	if q.After != nil && (!bytes.HasPrefix(q.After, prefix) || len(q.After) == len(prefix)) {
		return IndexPage{}, fmt.Errorf("%w: cursor %x is not a record key of this %s query; pass the Next value of the previous page", ErrInvalidCursor, q.After, q.Index)
	}
	exit, err := s.enter()
	if err != nil {
		return IndexPage{}, err
	}
	defer exit()

	var page IndexPage
	err = s.db.View(func(txn *badger.Txn) error {
		var err error
		page, err = s.scanIndex(txn, q, prefix)
		return err
	})
	return page, err
}

func (s *Store) scanIndex(txn *badger.Txn, q IndexQuery, prefix []byte) (IndexPage, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: q.Reverse})
	defer it.Close()

	seekIndex(it, prefix, q.After, q.Reverse)

	var page IndexPage
	var lastKey []byte
	for ; it.Valid(); it.Next() {
		if len(page.Records) == q.Limit {
			page.Next = lastKey
			break
		}
		record, key, err := s.readIndexRecord(it.Item())
		if err != nil {
			return IndexPage{}, err
		}
		page.Records = append(page.Records, record)
		lastKey = key
	}
	return page, nil
}

func (s *Store) readIndexRecord(item *badger.Item) (IndexRecord, []byte, error) {
	key := item.KeyCopy(nil)
	parts, err := decodeIndexKey(key)
	if err != nil {
		return IndexRecord{}, nil, s.corrupt("index record", 0, key, err.Error())
	}
	var value []byte
	err = item.Value(func(raw []byte) error {
		data, err := decodeChecked(key, raw)
		if err != nil {
			return s.corrupt("index record", 0, key, err.Error())
		}
		value = append([]byte(nil), data...)
		return nil
	})
	if err != nil && !errors.Is(err, ErrCorrupt) && isBadgerChecksumErr(err) {
		err = s.corrupt("index record", 0, key, err.Error())
	}
	return IndexRecord{Parts: parts, Value: value}, key, err
}

// indexKey encodes an index key. With prefixOnly, parts may be fewer than
// the index has (but not all of them).
func indexKey(index IndexID, parts [][]byte, prefixOnly bool) ([]byte, error) {
	schema, ok := indexSchemas[index]
	if !ok {
		return nil, fmt.Errorf("%w: unknown index id %d", ErrInvalidIndexKey, byte(index))
	}
	if err := schema.checkParts(parts, prefixOnly); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidIndexKey, err)
	}
	key := []byte{prefixIndex, byte(index)}
	for _, part := range parts {
		if schema.raw {
			key = append(key, part...)
		} else {
			key = appendIndexPart(key, part)
		}
	}
	return key, nil
}

// decodeIndexKey returns the parts of an index key and checks them
// against the index's schema.
func decodeIndexKey(key []byte) ([][]byte, error) {
	if len(key) < 2 {
		return nil, fmt.Errorf("index key of %d bytes has no index id", len(key))
	}
	schema, ok := indexSchemas[IndexID(key[1])]
	if !ok {
		return nil, fmt.Errorf("unknown index id %d", key[1])
	}
	var parts [][]byte
	var err error
	if schema.raw {
		parts, err = splitRawParts(schema, key[2:])
	} else {
		parts, err = decodeIndexParts(key[2:])
	}
	if err != nil {
		return nil, err
	}
	return parts, schema.checkParts(parts, false)
}

// splitRawParts cuts a raw key into its fixed-size parts.
func splitRawParts(schema indexSchema, encoded []byte) ([][]byte, error) {
	parts := make([][]byte, 0, len(schema.partBytes))
	for _, size := range schema.partBytes {
		if len(encoded) < size {
			return nil, fmt.Errorf("%s key ends inside part %d", schema.name, len(parts))
		}
		parts = append(parts, encoded[:size])
		encoded = encoded[size:]
	}
	if len(encoded) != 0 {
		return nil, fmt.Errorf("%s key has %d bytes after its last part", schema.name, len(encoded))
	}
	return parts, nil
}

// checkParts checks the number and sizes of key parts. With prefixOnly,
// parts may be fewer than the index has, but not all of them.
func (schema indexSchema) checkParts(parts [][]byte, prefixOnly bool) error {
	if prefixOnly && len(parts) >= len(schema.partBytes) {
		return fmt.Errorf("%s query prefix has %d parts, expected fewer than %d", schema.name, len(parts), len(schema.partBytes))
	}
	if !prefixOnly && len(parts) != len(schema.partBytes) {
		return fmt.Errorf("%s key has %d parts, expected %d", schema.name, len(parts), len(schema.partBytes))
	}
	for i, part := range parts {
		size := schema.partBytes[i]
		if size == anyPartBytes && (len(part) == 0 || len(part) > indexKeyPartBytesMax) {
			return fmt.Errorf("%s key part %d has %d bytes, expected 1 to %d", schema.name, i, len(part), indexKeyPartBytesMax)
		}
		if size != anyPartBytes && len(part) != size {
			return fmt.Errorf("%s key part %d has %d bytes, expected %d", schema.name, i, len(part), size)
		}
	}
	return nil
}

// appendIndexPart appends part with each 0x00 escaped as 0x00 0xff and a
// 0x00 0x01 terminator, so encoded keys sort part by part and a prefix of
// whole parts never matches a longer part.
func appendIndexPart(key, part []byte) []byte {
	for _, c := range part {
		key = append(key, c)
		if c == 0 {
			key = append(key, 0xff)
		}
	}
	return append(key, 0, 1)
}

func decodeIndexParts(encoded []byte) ([][]byte, error) {
	var parts [][]byte
	part := []byte{}
	for i := 0; i < len(encoded); i++ {
		c := encoded[i]
		if c != 0 {
			part = append(part, c)
			continue
		}
		if i+1 == len(encoded) {
			return nil, fmt.Errorf("key ends inside an escape at byte %d", i)
		}
		i++
		switch encoded[i] {
		case 0xff:
			part = append(part, 0)
		case 1:
			parts = append(parts, part)
			part = []byte{}
		default:
			return nil, fmt.Errorf("invalid escape 00 %02x at byte %d", encoded[i], i)
		}
	}
	if len(part) != 0 {
		return nil, fmt.Errorf("last key part has no terminator")
	}
	return parts, nil
}
