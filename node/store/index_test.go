package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

func trader(b byte) Address {
	var a Address
	a[0], a[19] = b, b
	return a
}

func orderHash(seq uint64) [32]byte {
	var h [32]byte
	h[0], h[31] = byte(seq), byte(seq>>8)
	return h
}

func TestOrdersByTraderPages(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 100)
	var b IndexBatch
	for seq := uint64(1); seq <= 100; seq++ {
		who := trader(byte(1 + seq%2)) // odd seqs trader 2, even trader 1
		if err := b.PutOrder(OrderRecord{Trader: who, Seq: seq, OrderHash: orderHash(seq), Value: []byte(fmt.Sprint(seq))}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CommitIndexBatch(100, &b); err != nil {
		t.Fatalf("CommitIndexBatch: %v", err)
	}

	for _, reverse := range []bool{false, true} {
		var seqs []uint64
		var cursor []byte
		pages := 0
		for {
			records, next, err := s.OrdersByTrader(trader(1), PageRequest{After: cursor, Limit: 7, Reverse: reverse})
			if err != nil {
				t.Fatalf("OrdersByTrader page %d: %v", pages, err)
			}
			for _, r := range records {
				if r.Trader != trader(1) || r.OrderHash != orderHash(r.Seq) || string(r.Value) != fmt.Sprint(r.Seq) {
					t.Fatalf("record %+v does not match what was written", r)
				}
				seqs = append(seqs, r.Seq)
			}
			pages++
			if next == nil {
				break
			}
			cursor = next
		}
		if len(seqs) != 50 || pages != 8 {
			t.Fatalf("reverse=%v: %d records in %d pages, expected 50 in 8", reverse, len(seqs), pages)
		}
		for i := 1; i < len(seqs); i++ {
			if (seqs[i] > seqs[i-1]) == reverse {
				t.Fatalf("reverse=%v: seqs out of order at %d: %v", reverse, i, seqs)
			}
		}
	}
}

func TestTradesIndex(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 10)
	var b IndexBatch
	for seq := uint64(1); seq <= 10; seq++ {
		for n := uint32(0); n < 3; n++ {
			market := uint32(1 + seq%2)
			if err := b.PutTrade(TradeRecord{Trader: trader(9), ChainID: 5, Market: market, Seq: seq, Number: n, Value: []byte{byte(n)}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.CommitIndexBatch(10, &b); err != nil {
		t.Fatal(err)
	}

	trades, next, err := s.TradesByTrader(trader(9), 5, 2, PageRequest{Limit: 100})
	if err != nil || next != nil {
		t.Fatalf("TradesByTrader: next %x err %v", next, err)
	}
	if len(trades) != 15 || trades[0].Seq != 1 || trades[0].Number != 0 || trades[14].Seq != 9 || trades[14].Number != 2 {
		t.Fatalf("TradesByTrader market 2 returned %d trades: first %+v", len(trades), trades[0])
	}
}

// postingsOf pages through an account's postings with a small limit and
// returns their seqs.
func postingsOf(t *testing.T, s *Store, a PostingAccount, reverse bool) []uint64 {
	t.Helper()
	var seqs []uint64
	var cursor []byte
	for pages := 0; ; pages++ {
		records, next, err := s.PostingsByAccount(a, PageRequest{After: cursor, Limit: 2, Reverse: reverse})
		if err != nil || pages > 100 {
			t.Fatalf("PostingsByAccount(%+v) page %d: %v", a, pages, err)
		}
		for _, r := range records {
			if r.Owner != a.Owner || r.ChainID != a.ChainID || r.Token != a.Token || r.Kinds&(1<<a.Kind) == 0 {
				t.Fatalf("PostingsByAccount(%+v) returned %+v", a, r)
			}
			seqs = append(seqs, r.Seq)
		}
		if next == nil {
			return seqs
		}
		cursor = next
	}
}

func TestPostingsByAccountBothLayouts(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 10)
	// Owners and tokens with zero bytes, on a chain id with zero bytes.
	owner, other := Address{0, 1}, Address{0, 1, 0, 2}
	held, available := PostingAccount{Owner: owner, ChainID: 5, Token: Address{7}, Kind: 2}, PostingAccount{Owner: owner, ChainID: 5, Token: Address{7}, Kind: 1}
	var b IndexBatch
	// Seqs 1 to 4 as a format-2 build wrote them: once per account.
	for seq := uint64(1); seq <= 4; seq++ {
		for _, a := range []PostingAccount{held, available} {
			if err := b.Put(IndexPostingsByAccount, [][]byte{a.legacyAccountKey(), uint64Part(seq), uint32Part(0)}, []byte("v1")); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Seqs 5 to 10: odd ones move available to held, even ones move
	// available to another owner; seq 10 is in another token.
	for seq := uint64(5); seq <= 10; seq++ {
		r := PostingRecord{Owner: owner, ChainID: 5, Token: Address{7}, Kinds: 1<<1 | 1<<2, Seq: seq, Number: 3, Value: []byte("v2")}
		if seq%2 == 0 {
			r.Kinds = 1 << 1
		}
		if seq == 10 {
			r.Token = Address{8}
		}
		if err := b.PutPosting(r); err != nil {
			t.Fatal(err)
		}
		r.Owner = other
		if err := b.PutPosting(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CommitIndexBatch(10, &b); err != nil {
		t.Fatal(err)
	}

	if got, want := postingsOf(t, s, held, false), []uint64{1, 2, 3, 4, 5, 7, 9}; !slices.Equal(got, want) {
		t.Fatalf("held postings %v, expected %v", got, want)
	}
	if got, want := postingsOf(t, s, held, true), []uint64{9, 7, 5, 4, 3, 2, 1}; !slices.Equal(got, want) {
		t.Fatalf("held postings newest first %v, expected %v", got, want)
	}
	if got, want := postingsOf(t, s, available, false), []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9}; !slices.Equal(got, want) {
		t.Fatalf("available postings %v, expected %v", got, want)
	}
	if got := postingsOf(t, s, PostingAccount{Owner: owner, ChainID: 5, Token: Address{7}, Kind: 3}, false); len(got) != 0 {
		t.Fatalf("postings of an untouched kind: %v", got)
	}
	if err := s.Verify(context.Background()); err != nil {
		t.Fatalf("Verify with records of both postings indexes: %v", err)
	}

	_, cursor, err := s.PostingsByAccount(held, PageRequest{Limit: 1})
	if err != nil || cursor == nil {
		t.Fatalf("first page: cursor %x, err %v", cursor, err)
	}
	otherHeld := held
	otherHeld.Owner = other
	if _, _, err := s.PostingsByAccount(otherHeld, PageRequest{After: cursor, Limit: 1}); !errors.Is(err, ErrInvalidCursor) {
		t.Fatalf("another account's cursor: %v, expected ErrInvalidCursor", err)
	}
	if _, _, err := s.PostingsByAccount(PostingAccount{Kind: postingKindsMax}, PageRequest{Limit: 1}); !errors.Is(err, ErrInvalidIndexKey) {
		t.Fatalf("kind %d: %v, expected ErrInvalidIndexKey", postingKindsMax, err)
	}
}

func TestPostingsByAccountScanLimit(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 2)
	a := PostingAccount{Owner: Address{3}, ChainID: 1, Token: Address{4}, Kind: 2}
	put := func(from, to uint32, seq uint64, kinds uint16) {
		var b IndexBatch
		for n := from; n < to; n++ {
			if err := b.PutPosting(PostingRecord{Owner: a.Owner, ChainID: 1, Token: a.Token, Kinds: kinds, Seq: seq, Number: n}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CommitIndexBatch(seq, &b); err != nil {
			t.Fatal(err)
		}
	}
	put(0, postingsScanRecordsMax/2, 1, 1<<1)
	put(postingsScanRecordsMax/2, postingsScanRecordsMax+5, 1, 1<<1)
	put(0, 1, 2, 1<<2)

	records, next, err := s.PostingsByAccount(a, PageRequest{Limit: 10})
	if err != nil || len(records) != 0 || next == nil {
		t.Fatalf("first page: %d records, cursor %x, err %v; expected none and a cursor", len(records), next, err)
	}
	records, next, err = s.PostingsByAccount(a, PageRequest{After: next, Limit: 10})
	if err != nil || len(records) != 1 || records[0].Seq != 2 || next != nil {
		t.Fatalf("second page: %+v, cursor %x, err %v; expected the posting of seq 2 and no cursor", records, next, err)
	}
}

func TestIndexDeleteAndReplace(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 3)
	rec := OrderRecord{Trader: trader(1), Seq: 2, OrderHash: orderHash(2), Value: []byte("open")}
	var b IndexBatch
	b.PutOrder(rec)
	if err := s.CommitIndexBatch(2, &b); err != nil {
		t.Fatal(err)
	}
	rec.Value = []byte("filled")
	b = IndexBatch{}
	b.PutOrder(rec)
	if err := s.CommitIndexBatch(3, &b); err != nil {
		t.Fatal(err)
	}
	records, _, _ := s.OrdersByTrader(trader(1), PageRequest{Limit: 10})
	if len(records) != 1 || string(records[0].Value) != "filled" {
		t.Fatalf("after replace: %+v", records)
	}
	b = IndexBatch{}
	b.DeleteOrder(rec)
	if err := s.CommitIndexBatch(3, &b); err != nil {
		t.Fatal(err)
	}
	if records, _, _ := s.OrdersByTrader(trader(1), PageRequest{Limit: 10}); len(records) != 0 {
		t.Fatalf("after delete: %+v", records)
	}
}

func TestIndexThroughMarker(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	appendRange(t, s, 1, 10)
	if err := s.CommitIndexBatch(11, &IndexBatch{}); !errors.Is(err, ErrIndexThrough) {
		t.Fatalf("marker past the log: %v", err)
	}
	if err := s.CommitIndexBatch(6, &IndexBatch{}); err != nil {
		t.Fatal(err)
	}
	var b IndexBatch
	b.PutOrder(OrderRecord{Trader: trader(1), Seq: 5})
	if err := s.CommitIndexBatch(5, &b); !errors.Is(err, ErrIndexThrough) {
		t.Fatalf("marker going backwards: %v", err)
	}
	if records, _, _ := s.OrdersByTrader(trader(1), PageRequest{Limit: 10}); len(records) != 0 {
		t.Fatalf("a rejected batch wrote %d records", len(records))
	}
	s.Close()
	s = openTestStore(t, dir, Options{})
	if s.IndexedThrough() != 6 {
		t.Fatalf("IndexedThrough after reopen: %d, expected 6", s.IndexedThrough())
	}
}

func TestIndexBadInput(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	var b IndexBatch
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"unknown index", b.Put(IndexID(99), [][]byte{{1}}, nil), ErrInvalidIndexKey},
		{"too few parts", b.Put(IndexOrdersByTrader, [][]byte{make([]byte, 20)}, nil), ErrInvalidIndexKey},
		{"wrong part size", b.Put(IndexOrdersByTrader, [][]byte{make([]byte, 19), make([]byte, 8), make([]byte, 32)}, nil), ErrInvalidIndexKey},
		{"posting without kinds", b.PutPosting(PostingRecord{Seq: 1}), ErrInvalidIndexKey},
		{"value too large", b.PutOrder(OrderRecord{Value: make([]byte, indexValueBytesMax+1)}), ErrPayloadTooLarge},
	}
	for _, tc := range cases {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: %v, expected %v", tc.name, tc.err, tc.want)
		}
	}
	if b.Len() != 0 {
		t.Fatalf("rejected writes were added: %d", b.Len())
	}

	queries := []IndexQuery{
		{Index: IndexOrdersByTrader, Limit: 0},
		{Index: IndexOrdersByTrader, Limit: indexPageLimitMax + 1},
		{Index: IndexOrdersByTrader, Limit: 1, Prefix: [][]byte{make([]byte, 20), make([]byte, 8), make([]byte, 32)}},
		{Index: IndexOrdersByTrader, Limit: 1, Prefix: [][]byte{make([]byte, 20)}, After: []byte("elsewhere")},
	}
	for i, q := range queries {
		if _, err := s.QueryIndex(q); err == nil {
			t.Errorf("query %d was accepted: %+v", i, q)
		}
	}
}

func TestIndexBatchLimit(t *testing.T) {
	var b IndexBatch
	var err error
	for i := 0; i <= indexBatchRecordsMax && err == nil; i++ {
		err = b.PutOrder(OrderRecord{Seq: uint64(i)})
	}
	if !errors.Is(err, ErrIndexBatchTooLarge) || b.Len() != indexBatchRecordsMax {
		t.Fatalf("batch of %d records: %v", b.Len(), err)
	}
}

func TestIndexPartsRoundTrip(t *testing.T) {
	parts := [][]byte{{}, {0}, {0, 0, 1}, {0xff, 0}, []byte("abc")}
	var key []byte
	for _, p := range parts {
		key = appendIndexPart(key, p)
	}
	got, err := decodeIndexParts(key)
	if err != nil || len(got) != len(parts) {
		t.Fatalf("decode: %v parts, err %v", len(got), err)
	}
	for i := range parts {
		if !bytes.Equal(got[i], parts[i]) {
			t.Fatalf("part %d: %x, expected %x", i, got[i], parts[i])
		}
	}
	for _, bad := range [][]byte{{0}, {0, 2}, {'a'}} {
		if _, err := decodeIndexParts(bad); err == nil {
			t.Errorf("decode of %x was accepted", bad)
		}
	}
}

func FuzzDecodeIndexParts(f *testing.F) {
	f.Add([]byte{0, 1})
	f.Add([]byte{1, 0, 0xff, 0, 1})
	f.Fuzz(func(t *testing.T, encoded []byte) {
		parts, err := decodeIndexParts(encoded)
		if err != nil {
			return
		}
		var again []byte
		for _, p := range parts {
			again = appendIndexPart(again, p)
		}
		if !bytes.Equal(again, encoded) {
			t.Fatalf("re-encoding %x gave %x", encoded, again)
		}
	})
}

func TestGetIndexRecord(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 2)
	hash := make([]byte, 32)
	hash[0], hash[31] = 0, 7 // a zero byte, which the key encoding escapes
	var b IndexBatch
	if err := b.Put(IndexOrdersByHash, [][]byte{hash}, []byte("where")); err != nil {
		t.Fatal(err)
	}
	if err := s.CommitIndexBatch(2, &b); err != nil {
		t.Fatal(err)
	}

	value, ok, err := s.GetIndexRecord(IndexOrdersByHash, [][]byte{hash})
	if err != nil || !ok || string(value) != "where" {
		t.Fatalf("GetIndexRecord: %q, found %v, err %v; expected \"where\"", value, ok, err)
	}
	other := append([]byte(nil), hash...)
	other[31] = 8
	if _, ok, err := s.GetIndexRecord(IndexOrdersByHash, [][]byte{other}); ok || err != nil {
		t.Fatalf("GetIndexRecord of a missing hash: found %v, err %v", ok, err)
	}
	if _, _, err := s.GetIndexRecord(IndexOrdersByHash, [][]byte{hash[:20]}); !errors.Is(err, ErrInvalidIndexKey) {
		t.Fatalf("GetIndexRecord with a 20-byte hash: %v, expected %v", err, ErrInvalidIndexKey)
	}
}

func TestTradesByTraderSeparatesChains(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 2)
	var b IndexBatch
	for chain := uint64(1); chain <= 2; chain++ {
		if err := b.PutTrade(TradeRecord{Trader: trader(3), ChainID: chain, Market: 1, Seq: chain, Value: []byte{byte(chain)}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CommitIndexBatch(2, &b); err != nil {
		t.Fatal(err)
	}
	for chain := uint64(1); chain <= 2; chain++ {
		trades, _, err := s.TradesByTrader(trader(3), chain, 1, PageRequest{Limit: 10})
		if err != nil || len(trades) != 1 || trades[0].ChainID != chain || trades[0].Value[0] != byte(chain) {
			t.Fatalf("chain %d market 1: %+v, err %v; expected the one trade of that chain", chain, trades, err)
		}
	}
}

// keyVersion returns the Badger commit timestamp of a key, which is the
// same for every key of one transaction.
func keyVersion(t *testing.T, s *Store, key []byte) uint64 {
	t.Helper()
	var version uint64
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if err == nil {
			version = item.Version()
		}
		return err
	})
	if err != nil {
		t.Fatalf("read %s: %v", printableKey(key), err)
	}
	return version
}

func TestIndexBatchSharesTheNextLogCommit(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	appendRange(t, s, 1, 5)
	release := make(chan struct{})
	inCommit := make(chan struct{}, 10)
	s.commitHook = func() error {
		inCommit <- struct{}{}
		<-release
		return nil
	}

	// The writer waits in the commit of seq 6 while an index batch and
	// seq 7 queue behind it.
	done6, err := s.Submit(context.Background(), makeEntries(6, 1))
	if err != nil {
		t.Fatal(err)
	}
	<-inCommit
	var b IndexBatch
	if err := b.PutOrder(OrderRecord{Trader: trader(1), Seq: 5, Value: []byte("o")}); err != nil {
		t.Fatal(err)
	}
	indexed := make(chan error, 1)
	go func() { indexed <- s.CommitIndexBatch(5, &b) }()
	waitQueued := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		queued := s.indexQueued != nil
		s.mu.Unlock()
		if queued || time.Now().After(waitQueued) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	done7, err := s.Submit(context.Background(), makeEntries(7, 1))
	if err != nil {
		t.Fatal(err)
	}
	close(release)
	for _, done := range []<-chan error{done6, done7, indexed} {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}

	recordKey, err := indexKey(IndexOrdersByTrader, OrderRecord{Trader: trader(1), Seq: 5}.parts(), false)
	if err != nil {
		t.Fatal(err)
	}
	if index, segment6, segment7 := keyVersion(t, s, recordKey), keyVersion(t, s, segmentKey(6, 6)), keyVersion(t, s, segmentKey(7, 7)); index != segment7 || index == segment6 {
		t.Fatalf("index record committed at version %d, log segments of seq 6 and 7 at %d and %d; expected it with seq 7", index, segment6, segment7)
	}
	if s.IndexedThrough() != 5 {
		t.Fatalf("indexed through %d, expected 5", s.IndexedThrough())
	}
}

// queueIndexBatch starts CommitIndexBatch of one order record at seq
// through on its own goroutine and waits until it is queued for the
// writer.
func queueIndexBatch(t *testing.T, s *Store, through uint64) (recordKey []byte, done <-chan error) {
	t.Helper()
	record := OrderRecord{Trader: trader(3), Seq: through, Value: []byte("o")}
	var b IndexBatch
	if err := b.PutOrder(record); err != nil {
		t.Fatal(err)
	}
	indexed := make(chan error, 1)
	go func() { indexed <- s.CommitIndexBatch(through, &b) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		queued := s.indexQueued != nil
		s.mu.Unlock()
		if queued {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the index batch was not queued within 10 s")
		}
		time.Sleep(time.Millisecond)
	}
	key, err := indexKey(IndexOrdersByTrader, record.parts(), false)
	if err != nil {
		t.Fatal(err)
	}
	return key, indexed
}

func TestIndexBatchWaitsForNextLogBatch(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{})
	// Longer than Open accepts, so that a slow machine cannot end the wait.
	s.opts.IndexBatchWait = time.Hour
	appendRange(t, s, 1, 5)
	recordKey, indexed := queueIndexBatch(t, s, 5)
	select {
	case err := <-indexed:
		t.Fatalf("index batch committed alone (err %v) while it may wait an hour for a log batch", err)
	default:
	}

	appendRange(t, s, 6, 1)
	if err := <-indexed; err != nil {
		t.Fatal(err)
	}
	if index, segment := keyVersion(t, s, recordKey), keyVersion(t, s, segmentKey(6, 6)); index != segment {
		t.Fatalf("index record committed at version %d, log segment of seq 6 at %d; expected one commit", index, segment)
	}
	if got := s.IndexedThrough(); got != 5 {
		t.Fatalf("indexed through %d, expected 5", got)
	}
}

func TestCloseCommitsWaitingIndexBatch(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	s.opts.IndexBatchWait = time.Hour
	appendRange(t, s, 1, 5)
	_, indexed := queueIndexBatch(t, s, 5)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-indexed; err != nil {
		t.Fatalf("index batch waiting at Close: %v", err)
	}

	s = openTestStore(t, dir, Options{})
	defer s.Close()
	if got := s.IndexedThrough(); got != 5 {
		t.Fatalf("after reopening, indexed through %d, expected 5", got)
	}
	records, _, err := s.OrdersByTrader(trader(3), PageRequest{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 1 {
		t.Fatalf("after reopening, %d order records, expected 1", len(records))
	}
}

func TestIndexBatchAloneOnIdleLog(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	appendRange(t, s, 1, 3)
	var b IndexBatch
	if err := b.PutOrder(OrderRecord{Trader: trader(2), Seq: 3, Value: []byte("o")}); err != nil {
		t.Fatal(err)
	}
	if err := s.CommitIndexBatch(3, &b); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openTestStore(t, dir, Options{})
	if records, _, err := s.OrdersByTrader(trader(2), PageRequest{Limit: 10}); err != nil || len(records) != 1 || s.IndexedThrough() != 3 {
		t.Fatalf("after reopening: %d records (err %v), indexed through %d; expected 1 and 3", len(records), err, s.IndexedThrough())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.CommitIndexBatch(3, &IndexBatch{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("index batch after Close: %v, expected ErrClosed", err)
	}
}

// TestFullIndexBatchFitsWithAFullLogBatch commits the largest index batch
// in the transaction of the largest log batch, which Badger would reject
// with ErrTxnTooBig if the two did not fit.
func TestFullIndexBatchFitsWithAFullLogBatch(t *testing.T) {
	s := openTestStore(t, t.TempDir(), Options{BatchBytesMax: batchBytesLimit})
	appendRange(t, s, 1, 1)
	var b IndexBatch
	value := bytes.Repeat([]byte{7}, 900)
	for seq := uint64(0); ; seq++ {
		if err := b.PutOrder(OrderRecord{Trader: trader(3), Seq: seq, Value: value}); errors.Is(err, ErrIndexBatchTooLarge) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	var entries []Entry
	for seq := uint64(2); seq < 7; seq++ {
		entries = append(entries, Entry{Seq: seq, Payload: bytes.Repeat([]byte{1}, entryPayloadBytesMax)})
	}
	req, err := s.newRequest(entries)
	if err != nil {
		t.Fatal(err)
	}
	index := &indexRequest{through: 1, batch: &b, done: make(chan error, 1)}
	if err := s.commitBatch([]*appendRequest{req}, index); err != nil {
		t.Fatalf("%d index records of %d bytes with a log batch of %d bytes: %v", b.Len(), b.bytes, len(req.records), err)
	}
}
