package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"log/slog"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// quietLogger drops info lines so test output shows only failures.
func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func openTestStore(t testing.TB, dir string, opts Options) *Store {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = quietLogger()
	}
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// testPayload is a payload that depends on seq, so a test can check that
// each entry read back is the one written.
func testPayload(seq uint64) []byte {
	return []byte(fmt.Sprintf("entry %d %s", seq, bytes.Repeat([]byte{byte(seq)}, int(seq%7))))
}

func makeEntries(first uint64, n int) []Entry {
	entries := make([]Entry, n)
	for i := range entries {
		seq := first + uint64(i)
		entries[i] = Entry{Seq: seq, Payload: testPayload(seq)}
	}
	return entries
}

func appendRange(t testing.TB, s *Store, first uint64, n int) {
	t.Helper()
	if err := s.Append(context.Background(), makeEntries(first, n)...); err != nil {
		t.Fatalf("Append seq %d to %d: %v", first, first+uint64(n)-1, err)
	}
}

// replayAll returns every entry from seq from, checking payloads against
// testPayload.
func replayAll(t testing.TB, s *Store, from uint64) []uint64 {
	t.Helper()
	var seqs []uint64
	err := s.ReplayLog(context.Background(), from, func(e Entry) error {
		if !bytes.Equal(e.Payload, testPayload(e.Seq)) {
			return fmt.Errorf("seq %d payload %q, expected %q", e.Seq, e.Payload, testPayload(e.Seq))
		}
		seqs = append(seqs, e.Seq)
		return nil
	})
	if err != nil {
		t.Fatalf("ReplayLog from %d: %v", from, err)
	}
	return seqs
}

func bufioReader(data []byte) *bufio.Reader { return bufio.NewReader(bytes.NewReader(data)) }

func newCRC() hash.Hash32 { return crc32.New(castagnoli) }

// segmentOf returns the key of the log segment that holds seq.
func segmentOf(t testing.TB, s *Store, seq uint64) []byte {
	t.Helper()
	var key []byte
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		key, err = s.segmentKeyFor(txn, seq)
		return err
	})
	if err != nil {
		t.Fatalf("find the segment of seq %d: %v", seq, err)
	}
	return key
}

// flipEntryByte flips the first payload byte of the entry at seq inside its
// segment, below the store's checksums, as disk damage would.
func flipEntryByte(t testing.TB, s *Store, seq uint64) {
	t.Helper()
	key := segmentOf(t, s, seq)
	first, _, _ := parseSegmentKey(key)
	err := s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if err != nil {
			return err
		}
		value, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		offset := 1
		for cur := first; cur < seq; cur++ {
			offset += recordHeaderBytes + int(binary.BigEndian.Uint32(value[offset+8:]))
		}
		value[offset+recordHeaderBytes] ^= 0x01
		return txn.Set(key, value)
	})
	if err != nil {
		t.Fatalf("flip a byte of seq %d: %v", seq, err)
	}
}

// encodeSegment builds a segment value, for tests that write raw records.
func encodeSegment(entries []Entry) []byte {
	value := []byte{segmentVersion}
	for _, e := range entries {
		value = appendRecord(value, e.Seq, e.Payload)
	}
	return value
}
