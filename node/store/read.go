package store

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/dgraph-io/badger/v4"
)

// readEntriesMax bounds one ReadLog call, which serves peers that sync.
const readEntriesMax = 65536

// replayCancelCheckEntries is how often ReplayLog checks its context.
const replayCancelCheckEntries = 1024

// ReplayLog calls fn with each log entry from seq from through the last entry
// durable when the call starts, in order. It verifies each entry's checksum
// and that no sequence number is missing, and stops at the first damaged
// entry with a *CorruptionError naming its seq. The payload passed to fn is
// valid only during the call. An error from fn stops the replay and is
// returned unchanged.
func (s *Store) ReplayLog(ctx context.Context, from uint64, fn func(Entry) error) error {
	exit, err := s.enter()
	if err != nil {
		return err
	}
	defer exit()
	return s.db.View(func(txn *badger.Txn) error {
		last, err := s.checkReadRange(txn, from)
		if err != nil {
			return err
		}
		return s.scanLog(txn, from, last, func(e Entry) (bool, error) {
			if (e.Seq-from)%replayCancelCheckEntries == 0 {
				if err := ctx.Err(); err != nil {
					return false, fmt.Errorf("store: replay stopped at seq %d: %w", e.Seq, err)
				}
			}
			return true, fn(e)
		})
	})
}

// ReadLog returns up to maxEntries log entries starting at seq from, with at
// most maxBytes of payload in total but always at least one entry when one
// is stored. It returns an empty slice when from is LastSeq()+1. The
// returned payloads are copies.
func (s *Store) ReadLog(from uint64, maxEntries, maxBytes int) ([]Entry, error) {
	if maxEntries < 1 || maxEntries > readEntriesMax {
		return nil, fmt.Errorf("%w: maxEntries %d, expected 1 to %d", ErrInvalidLimit, maxEntries, readEntriesMax)
	}
	if maxBytes < 1 {
		return nil, fmt.Errorf("%w: maxBytes %d, expected at least 1", ErrInvalidLimit, maxBytes)
	}
	exit, err := s.enter()
	if err != nil {
		return nil, err
	}
	defer exit()

	var entries []Entry
	err = s.db.View(func(txn *badger.Txn) error {
		last, err := s.checkReadRange(txn, from)
		if err != nil {
			return err
		}
		bytes := 0
		return s.scanLog(txn, from, last, func(e Entry) (bool, error) {
			if len(entries) > 0 && bytes+len(e.Payload) > maxBytes {
				return false, nil
			}
			entries = append(entries, Entry{Seq: e.Seq, Payload: append([]byte(nil), e.Payload...)})
			bytes += len(e.Payload)
			return len(entries) < maxEntries, nil
		})
	})
	return entries, err
}

// checkReadRange returns the last durable seq as of txn, or ErrNotStored
// when from is outside base+1 .. last+1.
func (s *Store) checkReadRange(txn *badger.Txn, from uint64) (uint64, error) {
	base, err := s.readMeta(txn, keyBase)
	if err != nil {
		return 0, err
	}
	last, err := s.readMeta(txn, keyLast)
	if err != nil {
		return 0, err
	}
	if from <= base {
		return 0, fmt.Errorf("%w: seq %d is at or below the log base %d, where the stored log starts after a snapshot; load the snapshot instead",
			ErrNotStored, from, base)
	}
	if from > last+1 {
		return 0, fmt.Errorf("%w: seq %d is past the last durable seq %d", ErrNotStored, from, last)
	}
	return last, nil
}

// scanLog visits entries from through last, checking contiguity and
// checksums. visit returns false to stop early.
func (s *Store) scanLog(txn *badger.Txn, from, last uint64, visit func(Entry) (bool, error)) error {
	if from > last {
		return nil
	}
	start, err := s.segmentKeyFor(txn, from)
	if err != nil {
		return err
	}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixLog}})
	defer it.Close()

	expected := from
	stopped := false
	for it.Seek(start); expected <= last && !stopped; it.Next() {
		if !it.Valid() {
			return s.missing(expected, fmt.Sprintf("the log ends before the last marker %d", last))
		}
		item := it.Item()
		first, segLast, ok := parseSegmentKey(item.Key())
		if !ok || first > expected || segLast < expected {
			return s.missing(expected, fmt.Sprintf("the next stored key is %s", printableKey(item.Key())))
		}
		stopped = true
		var visitErr error
		err := item.Value(func(value []byte) error {
			return decodeSegment(first, segLast, expected, value, func(e Entry) (bool, error) {
				more, err := visit(e)
				stopped, visitErr = !more, err
				return more, err
			})
		})
		if visitErr != nil {
			return visitErr
		}
		if err != nil {
			return s.segmentReadErr(err, first, item.Key())
		}
		expected = segLast + 1
	}
	return nil
}

// segmentKeyFor returns the key of the segment that holds seq.
func (s *Store) segmentKeyFor(txn *badger.Txn, seq uint64) ([]byte, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixLog}, Reverse: true})
	defer it.Close()
	it.Seek(segmentKey(seq, math.MaxUint64))
	if !it.Valid() {
		return nil, s.missing(seq, "no segment starts at or before it")
	}
	key := it.Item().KeyCopy(nil)
	if _, last, ok := parseSegmentKey(key); !ok || last < seq {
		return nil, s.missing(seq, fmt.Sprintf("the segment before it is %s", printableKey(key)))
	}
	return key, nil
}

func (s *Store) missing(seq uint64, reason string) error {
	return &CorruptionError{Dir: s.dir, Record: "log entry", Seq: seq, Key: "(none)", Reason: "entry missing: " + reason}
}

// segmentReadErr turns a damaged record, or a checksum failure inside
// Badger, into a CorruptionError naming the seq.
func (s *Store) segmentReadErr(err error, first uint64, key []byte) error {
	var segErr *segmentError
	if errors.As(err, &segErr) {
		return s.corrupt("log entry", segErr.seq, key, segErr.reason)
	}
	if isBadgerChecksumErr(err) {
		return s.corrupt("log entry", first, key, "segment starting here: "+err.Error())
	}
	return err
}
