package node

import (
	"bytes"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
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
	if got, err := decodeOrderInfo(encodeOrderInfo(&order)); err != nil || got != order {
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
	posting := ledger.Posting{Seq: 1, Index: 2, Kind: ledger.FillFee, Asset: ledger.Asset{ChainID: 3, Token: common.Address{4}},
		Amount: *uint256.NewInt(5), DebitOwner: common.Address{6}, DebitKind: ledger.Held, CreditKind: ledger.FeesPending,
		Order: 7, Batch: 8, Ref: [32]byte{9}}
	if got, err := decodePosting(encodePosting(&posting)); err != nil || got != posting {
		t.Fatalf("posting round trip: %+v, %v", got, err)
	}
	trader, seq, err := decodeOrderLocation(encodeOrderLocation(common.Address{5}, 42))
	if err != nil || trader != (common.Address{5}) || seq != 42 {
		t.Fatalf("order location round trip: %s %d, %v", trader, seq, err)
	}
}

func TestRecordDecodersRejectDamage(t *testing.T) {
	order := sampleOrderInfo()
	data := encodeOrderInfo(&order)
	for _, bad := range [][]byte{data[:len(data)-1], append(bytes.Clone(data), 0), append([]byte{2}, data[1:]...), nil} {
		if _, err := decodeOrderInfo(bad); err == nil {
			t.Fatalf("damaged order record of %d bytes decoded", len(bad))
		}
	}
}

// FuzzRecordDecoders checks that no input makes a decoder panic and that
// whatever decodes encodes back to the same bytes.
func FuzzRecordDecoders(f *testing.F) {
	order := sampleOrderInfo()
	trade := sampleTrade()
	f.Add(encodeOrderInfo(&order))
	f.Add(encodeTrade(&trade))
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		if o, err := decodeOrderInfo(data); err == nil && len(o.Reason) <= reasonBytesMax {
			if again := encodeOrderInfo(&o); !bytes.Equal(again, data) {
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
		if p, err := decodePosting(data); err == nil && !bytes.Equal(encodePosting(&p), data) {
			t.Fatalf("posting record does not re-encode to its bytes")
		}
		_, _, _ = decodeOrderLocation(data)
	})
}
