package node

import (
	"context"
	"strconv"
	"testing"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
)

func (tn *testNode) seal() state.SettlementBatch {
	tn.t.Helper()
	rec, err := tn.submitInternal(context.Background(), state.Entry{Type: state.EntrySealBatch, Batch: &state.BatchRef{ChainID: testChain}})
	if err != nil || len(rec.sealed) != 1 {
		tn.t.Fatalf("seal: %v, record %+v; expected one sealed batch", err, rec)
	}
	return rec.sealed[0]
}

func (tn *testNode) outcome(typ state.EntryType, id uint64, reason string) {
	tn.t.Helper()
	_, err := tn.submitInternal(context.Background(), state.Entry{Type: typ, Batch: &state.BatchRef{ChainID: testChain, ID: id, Reason: reason}})
	if err != nil {
		tn.t.Fatalf("%s of batch %d: %v", typ, id, err)
	}
}

func (tn *testNode) withdrawals(i int) []rpc.WithdrawalInfo {
	tn.t.Helper()
	out, _, err := tn.Withdrawals(traderAddr(i), rpc.Page{Limit: 10})
	if err != nil {
		tn.t.Fatalf("withdrawals: %v", err)
	}
	return out
}

func TestWithdrawalStatusFollowsItsBatch(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tn.deposit(2, tokenUSDC, 10*usdc)
	ack := tn.withdraw(2, tokenUSDC, 1000)
	b := tn.seal()
	tn.outcome(state.EntrySettlementDone, b.ID, "")

	waitFor(t, "the withdrawal to be indexed as settled", func() bool {
		ws := tn.withdrawals(2)
		return len(ws) == 1 && ws[0].Status == withdrawalSettled
	})
	w := tn.withdrawals(2)[0]
	if w.Hash != ack.Withdrawal.Hash || w.Time != ack.Withdrawal.Time || w.Seq != ack.Seq || w.Batch != b.ID {
		t.Fatalf("settled withdrawal %+v, expected hash %s seq %d time %d batch %d",
			w, ack.Withdrawal.Hash, ack.Seq, ack.Withdrawal.Time, b.ID)
	}
	bal := tn.balance(2, tokenUSDC)
	if avail := bal.Available.Uint64(); avail != 10*usdc-1000 {
		t.Fatalf("available USDC %d after the withdrawal settled, expected %d", avail, uint64(10*usdc-1000))
	}
}

func TestFailedBatchReturnsWithdrawalAndHaltsMarket(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tn.deposit(1, tokenUSDC, 1000*usdc)
	tn.deposit(2, tokenTHAL, 500*thal)
	tn.place(tn.order(2, eip712.Sell, 9_000, 10))
	tn.place(tn.order(1, eip712.Buy, 9_000, 10))
	tn.withdraw(1, tokenUSDC, 5000)
	b := tn.seal()
	tn.outcome(state.EntrySettlementFailed, b.ID, "execution reverted")

	if m, _ := tn.Market("THAL/USDC"); !m.Halted {
		t.Fatalf("THAL/USDC not halted after its batch failed")
	}
	if m, _ := tn.Market("WETH/USDC"); m.Halted {
		t.Fatalf("WETH/USDC halted, but it had no trade in the failed batch")
	}
	h := tn.Health()
	if h.OK {
		t.Fatalf("health OK with a halted market: %+v", h)
	}
	_, err := tn.PlaceOrder(context.Background(), tn.order(1, eip712.Buy, 9_000, 1))
	mustErrorIs(t, err, state.ErrMarketHalted, "order on a halted market")
	waitFor(t, "the withdrawal to be indexed as returned", func() bool {
		ws := tn.withdrawals(1)
		return len(ws) == 1 && ws[0].Status == withdrawalReturned
	})
}

func TestFailedWithdrawalBatchShowsInHealth(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tn.deposit(1, tokenUSDC, 1000*usdc)
	tn.withdraw(1, tokenUSDC, 5000)
	b := tn.seal()
	if h := tn.Health(); !h.OK {
		t.Fatalf("health not OK before the batch failed: %+v", h)
	}
	tn.outcome(state.EntrySettlementFailed, b.ID, "execution reverted")

	h := tn.Health()
	if h.OK {
		t.Fatalf("health OK after a batch of withdrawals failed: %+v", h)
	}
	var settlement *rpc.ComponentHealth
	for i := range h.Components {
		if h.Components[i].Name == "settlement" {
			settlement = &h.Components[i]
		}
	}
	if settlement == nil || settlement.OK {
		t.Fatalf("settlement component %+v, expected one that is not OK", settlement)
	}
	failed, _ := settlement.Detail["failed_batches"].(map[string][]uint64)
	key := strconv.FormatUint(testChain, 10)
	if got := failed[key]; len(got) != 1 || got[0] != b.ID {
		t.Fatalf("failed_batches %v, expected batch %d under chain %s", settlement.Detail["failed_batches"], b.ID, key)
	}
	if _, ok := settlement.Detail["halted_markets"]; ok {
		t.Fatalf("halted_markets %v, expected none for a batch without trades", settlement.Detail["halted_markets"])
	}
}
