package store

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
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

func TestTradesAndPostingsIndexes(t *testing.T) {
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
		// Accounts with a zero byte and one that is a prefix of another.
		for _, account := range [][]byte{{0, 1}, {0, 1, 0}, []byte("acct")} {
			if err := b.PutPosting(PostingRecord{Account: account, Seq: seq, Number: 0, Value: []byte("p")}); err != nil {
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
	for _, account := range [][]byte{{0, 1}, {0, 1, 0}, []byte("acct")} {
		postings, _, err := s.PostingsByAccount(account, PageRequest{Limit: 100})
		if err != nil || len(postings) != 10 {
			t.Fatalf("PostingsByAccount(%x): %d postings, err %v", account, len(postings), err)
		}
		for _, p := range postings {
			if !bytes.Equal(p.Account, account) {
				t.Fatalf("PostingsByAccount(%x) returned account %x", account, p.Account)
			}
		}
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
		{"empty account", b.PutPosting(PostingRecord{Seq: 1}), ErrInvalidIndexKey},
		{"long account", b.PutPosting(PostingRecord{Account: make([]byte, indexKeyPartBytesMax+1)}), ErrInvalidIndexKey},
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
