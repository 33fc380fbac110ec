package node

import (
	"context"
	"sync"
	"testing"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
)

func TestPlaceOrdersTradeAndAcknowledge(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tn.deposit(1, tokenUSDC, 1000*usdc)
	tn.deposit(2, tokenTHAL, 500*thal)

	sell := tn.order(2, eip712.Sell, 12_345, 100)
	ack := tn.place(sell)
	if ack.Order.Status != state.StatusOpen || ack.Order.Remaining != 100 || len(ack.Trades) != 0 {
		t.Fatalf("resting sell ack: status %s remaining %d trades %d", ack.Order.Status, ack.Order.Remaining, len(ack.Trades))
	}
	if ack.Order.Order != sell.Order || ack.Order.PlacedSeq != ack.Seq || ack.Order.Time != ack.Time {
		t.Fatalf("sell ack describes %+v placed at %d/%d, expected the signed order at seq %d time %d",
			ack.Order.Order, ack.Order.PlacedSeq, ack.Order.Time, ack.Seq, ack.Time)
	}

	buy := tn.order(1, eip712.Buy, 12_400, 40)
	ack = tn.place(buy)
	if len(ack.Trades) != 1 || ack.Trades[0].Price != 12_345 || ack.Trades[0].Quantity != 40 {
		t.Fatalf("buy ack trades %+v, expected 40 lots at 12345", ack.Trades)
	}
	if ack.Order.Status != state.StatusFilled || ack.Order.Filled != 40 {
		t.Fatalf("buy ack status %s filled %d, expected filled 40", ack.Order.Status, ack.Order.Filled)
	}
	if got := tn.store.LastSeq(); got < ack.Seq {
		t.Fatalf("ack of seq %d arrived while the log is durable through %d", ack.Seq, got)
	}
	if pending := tn.balance(1, tokenTHAL).PendingSettlement; pending.Uint64() != 40*thal {
		t.Fatalf("buyer's pending THAL %s, expected %d", pending.Dec(), uint64(40*thal))
	}

	book, err := tn.OrderBook("THAL/USDC", 10)
	if err != nil {
		t.Fatalf("order book: %v", err)
	}
	if len(book.Asks) != 1 || book.Asks[0] != (rpc.Level{Price: 12_345, Quantity: 60, Orders: 1}) || len(book.Bids) != 0 {
		t.Fatalf("book bids %+v asks %+v, expected one ask of 60 lots at 12345", book.Bids, book.Asks)
	}
	trades, err := tn.RecentTrades("THAL/USDC", 10)
	if err != nil || len(trades) != 1 || trades[0].TakerOrder != ack.Order.Hash {
		t.Fatalf("recent trades %+v (err %v), expected the buy's trade", trades, err)
	}
	ticker, err := tn.Ticker("THAL/USDC")
	if err != nil {
		t.Fatalf("ticker: %v", err)
	}
	if ticker.LastPrice != 12_345 || ticker.Volume24h != 40 || ticker.Trades24h != 1 || ticker.BestAsk != 12_345 || ticker.BestBid != 0 {
		t.Fatalf("ticker %+v", ticker)
	}
}

func TestConcurrentPlacementsGetDistinctDurableSeqs(t *testing.T) {
	tn := startTestNode(t, "", nil)
	const traders, ordersEach = 8, 40
	for i := range traders {
		tn.deposit(i, tokenUSDC, 1000*usdc)
		tn.deposit(i, tokenTHAL, 1000*thal)
	}
	orders := make([][]*state.SignedOrder, traders)
	for i := range traders {
		for k := range ordersEach {
			side := eip712.Sell
			if i%2 == 0 {
				side = eip712.Buy
			}
			orders[i] = append(orders[i], tn.order(i, side, 10_000+uint64(k%5), 1+uint64(k%3)))
		}
	}

	var mu sync.Mutex
	seqs := map[uint64]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, traders*ordersEach)
	for i := range traders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, o := range orders[i] {
				ack, err := tn.PlaceOrder(context.Background(), o)
				if err != nil {
					errs <- err
					return
				}
				durable := tn.store.LastSeq()
				mu.Lock()
				dup := seqs[ack.Seq]
				seqs[ack.Seq] = true
				mu.Unlock()
				if dup || durable < ack.Seq {
					t.Errorf("ack seq %d: duplicate %v, durable through %d", ack.Seq, dup, durable)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent placement: %v", err)
	}
	if len(seqs) != traders*ordersEach {
		t.Fatalf("%d distinct seqs for %d orders", len(seqs), traders*ordersEach)
	}
	tn.mu.RLock()
	err := tn.machine.CheckInvariants()
	tn.mu.RUnlock()
	if err != nil {
		t.Fatalf("invariants after concurrent placements: %v", err)
	}
}

func TestRejectedEntryChangesNothingAndReusesSeq(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tn.deposit(1, tokenUSDC, 10*usdc)
	before := tn.stateHash()
	seq := tn.store.LastSeq()

	_, err := tn.PlaceOrder(context.Background(), tn.order(1, eip712.Buy, 1_000_000, 1000))
	mustErrorIs(t, err, ledger.ErrInsufficientAvailable, "buy above the balance")
	if after := tn.stateHash(); after != before {
		t.Fatalf("rejected order changed the state hash")
	}
	if got := tn.store.LastSeq(); got != seq {
		t.Fatalf("rejected order moved the log from seq %d to %d", seq, got)
	}

	ack := tn.place(tn.order(1, eip712.Buy, 100, 1))
	if ack.Seq != seq+1 {
		t.Fatalf("next accepted order got seq %d, expected the reused seq %d", ack.Seq, seq+1)
	}
}

func TestSignatureChecks(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tn.deposit(1, tokenUSDC, 10*usdc)
	ctx := context.Background()

	forged := tn.order(1, eip712.Buy, 100, 1)
	forged.Order.Trader = traderAddr(2)
	_, err := tn.PlaceOrder(ctx, forged)
	mustErrorIs(t, err, eip712.ErrSignerMismatch, "order signed by another key")

	highS := tn.order(1, eip712.Buy, 100, 1)
	flipToHighS(&highS.Signature)
	_, err = tn.PlaceOrder(ctx, highS)
	mustErrorIs(t, err, eip712.ErrHighS, "order with high s")

	wrongChain := tn.order(1, eip712.Buy, 100, 1)
	wrongChain.ChainID = 56
	_, err = tn.PlaceOrder(ctx, wrongChain)
	mustErrorIs(t, err, state.ErrUnknownChain, "order for a chain without markets")

	zeroOne := tn.order(1, eip712.Buy, 100, 1)
	zeroOne.Signature[64] -= 27
	if _, err := tn.PlaceOrder(ctx, zeroOne); err != nil {
		t.Fatalf("order with v of 0 or 1: %v", err)
	}
}

// flipToHighS replaces s with n - s and flips v, which keeps the signature
// valid for ecrecover but makes it the high-s twin.
func flipToHighS(sig *eip712.Signature) {
	n := secp256k1N()
	s := new(bigInt).SetBytes(sig[32:64])
	s.Sub(n, s)
	copy(sig[32:64], leftPad32(s.Bytes()))
	sig[64] = 27 + 28 - sig[64]
}
