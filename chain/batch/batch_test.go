package batch_test

import (
	"bytes"
	"errors"
	"math/big"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
)

var (
	thal   = common.HexToAddress("0x1000000000000000000000000000000000000001")
	usdc   = common.HexToAddress("0x2000000000000000000000000000000000000002")
	alice  = common.HexToAddress("0xa000000000000000000000000000000000000001")
	bob    = common.HexToAddress("0xb000000000000000000000000000000000000002")
	market = batch.Market{ID: 3, Base: thal, Quote: usdc}
)

func sampleBatch() batch.Batch {
	sig := eip712.Signature{1, 2, 3, 64: 27}
	maker := batch.Order{Order: eip712.Order{Trader: alice, Market: 3, Side: eip712.Sell, TimeInForce: eip712.GTC, SelfTradePrevention: eip712.CancelBoth, PostOnly: true, Price: 12_345, Quantity: 300, MaxFeeBps: 25, Nonce: 7, Expiry: 99}}
	taker := batch.Order{Order: eip712.Order{Trader: bob, Market: 3, Side: eip712.Buy, Kind: eip712.StopLimit, TimeInForce: eip712.IOC, Price: 12_400, TriggerPrice: 12_000, Quantity: 200, MaxFeeBps: 30, Nonce: 1 << 40}, Signature: &sig}
	return batch.Batch{
		ID:          42,
		Markets:     []batch.Market{market},
		Orders:      []batch.Order{maker, taker},
		Trades:      []batch.Trade{{Maker: 0, Taker: 1, Price: 12_345, Quantity: 150}},
		Withdrawals: []batch.Withdrawal{{Withdrawal: eip712.Withdrawal{Trader: bob, Token: usdc, Amount: big.NewInt(5_000_000), Nonce: 9, Expiry: 10}, Signature: sig}},
		Requests:    []batch.Request{{Trader: alice, Token: thal}},
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	b := sampleBatch()
	data, err := batch.Encode(b)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	size, err := b.Size()
	if err != nil || size != len(data) {
		t.Fatalf("Size() = %d (error %v), encoded %d bytes", size, err, len(data))
	}
	back, err := batch.Decode(data)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if !reflect.DeepEqual(back, b) {
		t.Fatalf("round trip changed the batch:\n got %+v\nwant %+v", back, b)
	}
}

func TestEncodeLayout(t *testing.T) {
	data, err := batch.Encode(sampleBatch())
	if err != nil {
		t.Fatal(err)
	}
	// Header: version 1, id 42, 2 traders, 2 tokens, 1 market, 2 orders,
	// 1 trade, 1 withdrawal, 1 request.
	header := []byte{1, 0, 0, 0, 0, 0, 0, 0, 42, 0, 2, 2, 1, 0, 2, 0, 1, 1, 0, 1}
	if !bytes.Equal(data[:batch.HeaderBytes], header) {
		t.Fatalf("header %x, expected %x", data[:batch.HeaderBytes], header)
	}
	// Traders in order of first use: alice (maker), then bob.
	if common.BytesToAddress(data[20:40]) != alice || common.BytesToAddress(data[40:60]) != bob {
		t.Fatalf("trader table %x, expected alice then bob", data[20:60])
	}
	// Maker order bits: sell (1) | GTC (0) | post-only (1<<5) | cancel both (2<<6).
	order := data[20+2*20+2*20+batch.MarketBytes:]
	if order[0] != 0 || order[4] != 1|1<<5|2<<6 {
		t.Fatalf("maker order starts %x, expected no signature flag and bits %x", order[:5], 1|1<<5|2<<6)
	}
}

func TestEncodeRejectsBadInput(t *testing.T) {
	cases := map[string]struct {
		mutate func(*batch.Batch)
		err    error
	}{
		"unknown market":     {func(b *batch.Batch) { b.Markets = nil }, batch.ErrUnknownMarket},
		"trade index":        {func(b *batch.Batch) { b.Trades[0].Taker = 2 }, batch.ErrInvalidTrade},
		"self fill":          {func(b *batch.Batch) { b.Trades[0].Taker = 0 }, batch.ErrInvalidTrade},
		"zero quantity":      {func(b *batch.Batch) { b.Trades[0].Quantity = 0 }, batch.ErrInvalidTrade},
		"unsigned immediate": {func(b *batch.Batch) { b.Orders[1].Signature = nil }, batch.ErrInvalidOrder},
		"side out of range":  {func(b *batch.Batch) { b.Orders[0].Side = 2 }, batch.ErrInvalidOrder},
		"stp out of range":   {func(b *batch.Batch) { b.Orders[0].SelfTradePrevention = 3 }, batch.ErrInvalidOrder},
		"zero withdrawal":    {func(b *batch.Batch) { b.Withdrawals[0].Amount = big.NewInt(0) }, batch.ErrInvalidWithdrawal},
		"too many withdrawals": {func(b *batch.Batch) {
			b.Withdrawals = make([]batch.Withdrawal, batch.WithdrawalsMax+1)
		}, batch.ErrTooMany},
	}
	for name, c := range cases {
		b := sampleBatch()
		c.mutate(&b)
		if _, err := batch.Encode(b); !errors.Is(err, c.err) {
			t.Errorf("%s: error %v, expected %v", name, err, c.err)
		}
	}
}

func TestDecodeRejectsMalformed(t *testing.T) {
	data, err := batch.Encode(sampleBatch())
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"truncated": data[:len(data)-1],
		"trailing":  append(append([]byte{}, data...), 0),
		"version":   append([]byte{2}, data[1:]...),
	} {
		if _, err := batch.Decode(bad); !errors.Is(err, batch.ErrMalformed) {
			t.Errorf("%s: error %v, expected ErrMalformed", name, err)
		}
	}
}

// FuzzDecode feeds arbitrary bytes to Decode: it must never panic, and a
// batch it accepts must encode and decode to the same batch again.
func FuzzDecode(f *testing.F) {
	data, err := batch.Encode(sampleBatch())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := batch.Decode(data)
		if err != nil {
			return
		}
		again, err := batch.Encode(b)
		if err != nil {
			return // Decode checks the layout only; Encode also checks values.
		}
		back, err := batch.Decode(again)
		if err != nil {
			t.Fatalf("re-encoded batch does not decode: %v", err)
		}
		if !reflect.DeepEqual(normalize(back), normalize(b)) {
			t.Fatalf("decode(encode(b)) differs from b")
		}
	})
}

// normalize drops the market list, which Encode trims to the used markets.
func normalize(b batch.Batch) batch.Batch {
	b.Markets = nil
	return b
}
