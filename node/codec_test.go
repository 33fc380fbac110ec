package node

import (
	"bytes"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/rpc"
)

func sampleOrderInfo() rpc.OrderInfo {
	return rpc.OrderInfo{
		Hash: common.Hash{1, 2}, ChainID: 56, Status: state.StatusCancelled, Filled: 3, Remaining: 0,
		Reason: "self-trade", PlacedSeq: 99, Time: 1_700_000_000_123, Triggered: true,
		Order: eip712.Order{Trader: common.Address{9}, Market: 4, Side: eip712.Sell, Kind: eip712.StopLimit,
			TimeInForce: eip712.GTD, PostOnly: true, SelfTradePrevention: eip712.CancelBoth, Price: 5, TriggerPrice: 6,
			Quantity: 7, MaxFeeBps: 8, Nonce: 9, Expiry: 10},
	}
}

func sampleTrade() state.Trade {
	return state.Trade{Seq: 5, Index: 2, Time: 77, Market: state.MarketKey{ChainID: 1, ID: 3}, Price: 11, Quantity: 12,
		TakerSide: eip712.Sell, Maker: common.Address{1}, Taker: common.Address{2}, MakerOrder: common.Hash{3},
		TakerOrder: common.Hash{4}, MakerID: 6, TakerID: 7, Quote: *uint256.NewInt(132), MakerFee: *uint256.NewInt(1),
		TakerFee: *uint256.NewInt(2), Batch: 8}
}

func TestRecordCodecsRoundTrip(t *testing.T) {
	order := sampleOrderInfo()
	if got, err := decodeOrderInfo(encodeOrderInfo(&order), order.Order.Trader, order.PlacedSeq, order.Hash); err != nil || got != order {
		t.Fatalf("order round trip: %+v, %v", got, err)
	}
	trade := sampleTrade()
	if got, err := decodeTrade(encodeTrade(&trade)); err != nil || got != trade {
		t.Fatalf("trade round trip: %+v, %v", got, err)
	}
	deposit := rpc.DepositInfo{Deposit: state.Deposit{ChainID: 1, ID: 2, Trader: common.Address{3}, Token: common.Address{4},
		Amount: *uint256.NewInt(5), Block: 6, TxHash: common.Hash{7}}, Seq: 8, Time: 9}
	if got, err := decodeDeposit(encodeDeposit(&deposit)); err != nil || got != deposit {
		t.Fatalf("deposit round trip: %+v, %v", got, err)
	}
	withdrawal := rpc.WithdrawalInfo{Hash: common.Hash{1}, ChainID: 2, Trader: common.Address{3}, Token: common.Address{4},
		Amount: *uint256.NewInt(5), Nonce: 6, Batch: 7, Status: withdrawalReturned, Seq: 8, Time: 9, Request: true}
	if got, err := decodeWithdrawal(encodeWithdrawal(&withdrawal)); err != nil || got != withdrawal {
		t.Fatalf("withdrawal round trip: %+v, %v", got, err)
	}
	trader, seq, err := decodeOrderLocation(encodeOrderLocation(common.Address{5}, 42))
	if err != nil || trader != (common.Address{5}) || seq != 42 {
		t.Fatalf("order location round trip: %s %d, %v", trader, seq, err)
	}
}

func samplePostings() []ledger.Posting {
	asset := ledger.Asset{ChainID: 3, Token: common.Address{4}}
	return []ledger.Posting{
		{Seq: 1, Index: 2, Kind: ledger.FillFee, Asset: asset, Amount: *uint256.NewInt(5), DebitOwner: common.Address{6},
			DebitKind: ledger.Held, CreditKind: ledger.FeesPending, Order: 7, Batch: 8, Ref: [32]byte{9}},
		{Seq: 10, Index: 0, Kind: ledger.HoldPlaced, Asset: asset, Amount: *uint256.NewInt(1e18), DebitOwner: common.Address{6},
			DebitKind: ledger.Available, CreditOwner: common.Address{6}, CreditKind: ledger.Held, Order: 10},
		{Seq: 11, Index: 70_000, Kind: ledger.FeeSettled, Asset: asset, DebitKind: ledger.FeesPending, CreditKind: ledger.FeesSettled},
		// Account kinds other than the posting kind's usual ones are written out.
		{Seq: 12, Index: 1, Kind: ledger.HoldReleased, Asset: asset, Amount: *uint256.NewInt(3), DebitOwner: common.Address{1},
			DebitKind: ledger.PendingSettlement, CreditOwner: common.Address{2}, CreditKind: ledger.Available},
	}
}

func TestPostingRecordsRoundTrip(t *testing.T) {
	for _, p := range samplePostings() {
		sides := []postingSide{postingSideBoth}
		owners := []common.Address{p.DebitOwner}
		if p.DebitOwner != p.CreditOwner {
			sides = []postingSide{postingOwnerDebits, postingOwnerCredits}
			owners = []common.Address{p.DebitOwner, p.CreditOwner}
		}
		for i, side := range sides {
			r := postingRecord(&p, owners[i], side)
			if got, err := decodePostingRecord(r); err != nil || got != p {
				t.Fatalf("posting %d.%d as side %d: %+v, %v", p.Seq, p.Index, side, got, err)
			}
		}
	}
	hold := samplePostings()[1]
	if r := postingRecord(&hold, hold.DebitOwner, postingSideBoth); r.Kinds != 1<<ledger.Available|1<<ledger.Held || len(r.Value) > 13 {
		t.Fatalf("hold record: kinds %#x and %d value bytes, expected available and held in at most 13 bytes", r.Kinds, len(r.Value))
	}
}

func TestLegacyRecordsDecode(t *testing.T) {
	order := sampleOrderInfo()
	if got, err := decodeOrderInfo(encodeOrderInfoV1(&order), common.Address{}, 0, common.Hash{}); err != nil || got != order {
		t.Fatalf("version 1 order: %+v, %v", got, err)
	}
	for _, p := range samplePostings() {
		r := store.PostingRecord{Owner: store.Address(p.DebitOwner), Seq: p.Seq, Number: p.Index, Value: encodePostingV1(&p)}
		if got, err := decodePostingRecord(r); err != nil || got != p {
			t.Fatalf("version 1 posting %d.%d: %+v, %v", p.Seq, p.Index, got, err)
		}
	}
	trader, seq, err := decodeOrderLocation(encodeOrderLocationV1(common.Address{5}, 42))
	if err != nil || trader != (common.Address{5}) || seq != 42 {
		t.Fatalf("version 1 order location: %s %d, %v", trader, seq, err)
	}
}

func TestRecordDecodersRejectDamage(t *testing.T) {
	order := sampleOrderInfo()
	for _, data := range [][]byte{encodeOrderInfo(&order), encodeOrderInfoV1(&order)} {
		for _, bad := range [][]byte{data[:len(data)-1], append(bytes.Clone(data), 0), append([]byte{3}, data[1:]...), nil} {
			if _, err := decodeOrderInfo(bad, common.Address{}, 0, common.Hash{}); err == nil {
				t.Fatalf("damaged order record of %d bytes decoded", len(bad))
			}
		}
	}
	p := samplePostings()[0]
	// Bytes: version, kind, flags, credit owner (3 to 22), amount length
	// (23), amount (24), order (25), batch (26), ref.
	good := postingRecord(&p, p.DebitOwner, postingOwnerDebits)
	damaged := map[string][]byte{
		"truncated":          good.Value[:len(good.Value)-1],
		"trailing byte":      append(bytes.Clone(good.Value), 0),
		"no side":            withByte(good.Value, 2, postingHasOrder|postingHasBatch|postingHasRef),
		"unknown flag":       withByte(good.Value, 2, good.Value[2]|1<<7),
		"overlong varint":    splice(good.Value, 25, 26, 0x87, 0x00),
		"amount zero prefix": splice(good.Value, 23, 25, 2, 0, 5),
	}
	for name, value := range damaged {
		r := good
		r.Value = value
		if _, err := decodePostingRecord(r); err == nil {
			t.Errorf("%s posting record decoded", name)
		}
	}
}

// splice replaces data[from:to] with b.
func splice(data []byte, from, to int, b ...byte) []byte {
	out := append(bytes.Clone(data[:from]), b...)
	return append(out, data[to:]...)
}

func withByte(data []byte, i int, b byte) []byte {
	out := bytes.Clone(data)
	out[i] = b
	return out
}

// FuzzRecordDecoders checks that no input makes a decoder panic and that
// whatever decodes encodes back to the same bytes.
func FuzzRecordDecoders(f *testing.F) {
	order := sampleOrderInfo()
	trade := sampleTrade()
	p := samplePostings()[0]
	f.Add(encodeOrderInfo(&order))
	f.Add(encodeOrderInfoV1(&order))
	f.Add(encodeTrade(&trade))
	f.Add(postingRecord(&p, p.DebitOwner, postingOwnerDebits).Value)
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		if o, err := decodeOrderInfo(data, order.Order.Trader, order.PlacedSeq, order.Hash); err == nil && len(o.Reason) <= reasonBytesMax {
			again := encodeOrderInfo(&o)
			if data[0] == recordVersion1 {
				again = encodeOrderInfoV1(&o)
			}
			if !bytes.Equal(again, data) {
				t.Fatalf("order record re-encodes to %x, decoded from %x", again, data)
			}
		}
		if tr, err := decodeTrade(data); err == nil && !bytes.Equal(encodeTrade(&tr), data) {
			t.Fatalf("trade record does not re-encode to its bytes")
		}
		if w, err := decodeWithdrawal(data); err == nil && !bytes.Equal(encodeWithdrawal(&w), data) {
			t.Fatalf("withdrawal record does not re-encode to its bytes")
		}
		if d, err := decodeDeposit(data); err == nil && !bytes.Equal(encodeDeposit(&d), data) {
			t.Fatalf("deposit record does not re-encode to its bytes")
		}
		r := store.PostingRecord{Owner: store.Address{6}, ChainID: 3, Token: store.Address{4}, Seq: 1, Number: 2, Value: data}
		if p, err := decodePostingRecord(r); err == nil {
			again := encodePostingV1(&p)
			if data[0] == recordVersion2 {
				again = encodePosting(&p, postingSide(data[2]&postingSideBoth))
			}
			if !bytes.Equal(again, data) {
				t.Fatalf("posting record re-encodes to %x, decoded from %x", again, data)
			}
		}
		_, _, _ = decodeOrderLocation(data)
	})
}
