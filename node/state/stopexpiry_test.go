package state

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
)

// An immediate stop order (IOC or FOK) with a signed expiry leaves its
// book ExpiryMarginSeconds before that expiry, as a resting order does.
// A trade that triggers it later must not make it trade, because the
// Exchange would reject the batch with OrderExpired.

// immediateStopCases are the stop orders these tests place: every stop
// kind with every immediate time in force.
var immediateStopCases = []struct {
	name string
	kind eip712.Kind
	tif  eip712.TimeInForce
}{
	{"stop-market-ioc", eip712.StopMarket, eip712.IOC},
	{"stop-market-fok", eip712.StopMarket, eip712.FOK},
	{"stop-limit-ioc", eip712.StopLimit, eip712.IOC},
	{"stop-limit-fok", eip712.StopLimit, eip712.FOK},
}

// stopHarness is a nonceHarness where carol has USDC to buy from bob.
func stopHarness(t *testing.T) (h *harness, alice, carol common.Address) {
	h, alice, _ = nonceHarness(t)
	carol = trader(3)
	h.deposit(carol, tokenUSDC, 10_000*usdc)
	return h, alice, carol
}

// placeImmediateStop places alice's buy stop with nonce 5, triggered by
// a trade at 10,000 ticks, that expires two minutes after the entry's
// time. It returns the stop and its hash.
func placeImmediateStop(h *harness, alice common.Address, kind eip712.Kind, tif eip712.TimeInForce) (*SignedOrder, common.Hash) {
	h.t.Helper()
	stop := h.order(alice, eip712.Buy, 10_100, 2)
	stop.Order.Kind, stop.Order.TimeInForce, stop.Order.TriggerPrice, stop.Order.Nonce = kind, tif, 10_000, 5
	stop.Order.Expiry = (h.time+10)/1000 + 120
	h.place(stop)
	return stop, h.m.chains[testChain].orderHash(&stop.Order)
}

// triggerAt10000 makes carol buy 1 lot from bob's sell at 10,000 ticks,
// which triggers every buy stop at or below that price.
func triggerAt10000(h *harness, carol common.Address) *Result {
	h.t.Helper()
	return h.place(h.order(carol, eip712.Buy, 10_000, 1))
}

// updateOf returns the update of the order with hash in res, if any.
func updateOf(res *Result, hash common.Hash) (OrderUpdate, bool) {
	for _, u := range res.Orders {
		if u.Hash == hash {
			return u, true
		}
	}
	return OrderUpdate{}, false
}

func TestImmediateStopExpiresByTick(t *testing.T) {
	for _, c := range immediateStopCases {
		t.Run(c.name, func(t *testing.T) {
			h, alice, carol := stopHarness(t)
			availBefore, _, _ := h.balance(alice, tokenUSDC)
			stop, hash := placeImmediateStop(h, alice, c.kind, c.tif)
			if _, held, _ := h.balance(alice, tokenUSDC); held == 0 {
				t.Fatal("the waiting stop order holds no USDC")
			}

			// The tick entry is at the stop's expiry less the margin.
			h.time = (stop.Order.Expiry-ExpiryMarginSeconds)*1000 - 10
			tick := h.mustApply(&Entry{Type: EntryTick})
			u, ok := updateOf(tick, hash)

			// The trigger comes after the signed expiry, where a trade of
			// the stop would make the Exchange reject its batch.
			h.time = (stop.Order.Expiry + 1) * 1000
			res := triggerAt10000(h, carol)
			if len(res.Trades) != 1 || res.Trades[0].Taker != carol {
				t.Fatalf("the trade at 10000 after the stop's expiry made %d trades, expected carol's alone", len(res.Trades))
			}
			if !ok || u.Status != StatusExpired {
				t.Fatalf("the tick at the stop's expiry reported status %s (update found %v), expected expired", u.Status, ok)
			}
			if avail, held, _ := h.balance(alice, tokenUSDC); avail != availBefore || held != 0 {
				t.Fatalf("alice USDC after the expiry: available %d, held %d; expected %d and 0", avail, held, availBefore)
			}
			if h.m.chains[testChain].nonceUsed(alice, 5) {
				t.Fatal("nonce 5 is marked used, but the expired stop order never traded")
			}
			if n := len(h.m.chains[testChain].waitingStops); n != 0 {
				t.Fatalf("%d waiting stop orders listed after the stop expired, expected 0", n)
			}
			if res := h.mustApply(immediate(h, alice, eip712.IOC, 5, 2)); len(res.Trades) != 1 {
				t.Fatalf("an IOC with the expired stop's nonce made %d trades, expected 1", len(res.Trades))
			}
		})
	}
}

func TestImmediateStopTradesBeforeExpiry(t *testing.T) {
	for _, c := range immediateStopCases {
		t.Run(c.name, func(t *testing.T) {
			h, alice, carol := stopHarness(t)
			stop, hash := placeImmediateStop(h, alice, c.kind, c.tif)

			// The tick is 10 ms before the stop's expiry less the margin.
			// The trade that triggers the stop comes 10 ms later, but the
			// book's time is still the tick's.
			h.time = (stop.Order.Expiry-ExpiryMarginSeconds)*1000 - 20
			if res := h.mustApply(&Entry{Type: EntryTick}); len(res.Orders) != 0 {
				t.Fatalf("the tick before the stop's expiry ended %d orders", len(res.Orders))
			}
			res := triggerAt10000(h, carol)
			if len(res.Trades) != 2 || res.Trades[1].Taker != alice {
				t.Fatalf("the triggering trade made %d trades, expected carol's and the stop order's", len(res.Trades))
			}
			if u, ok := updateOf(res, hash); !ok || u.Status != StatusFilled {
				t.Fatalf("the triggered stop order reported status %s (update found %v), expected filled", u.Status, ok)
			}
			if !h.m.chains[testChain].nonceUsed(alice, 5) {
				t.Fatal("the triggered stop order traded, but nonce 5 is not marked used")
			}
		})
	}
}

// When a tick leaves a backlog of due orders, a due immediate stop order
// can still wait in its book. A trade that triggers it then expires it
// instead.
func TestDueImmediateStopExpiresOnTrigger(t *testing.T) {
	n := matching.ExpiriesPerCommandMax + 100
	m, due := placeMassExpiry(t, n)
	// Alice has no mass order, so her stop's hold is her only one. Bob
	// and carol are funded traders of placeMassExpiry.
	alice, bob, carol := trader(heapTraders), trader(1), trader(2)
	applyChecked(t, m, &Entry{Type: EntryDeposit, Deposit: &Deposit{
		ChainID: testChain, ID: 1 << 20, Trader: alice, Token: tokenUSDC, Amount: *uint256.NewInt(1_000 * usdc), Block: 7,
	}}, heapPlaceTime)
	const nonce = 1 << 40 // above every nonce of placeMassExpiry's orders

	// Alice's stop expires a second after the mass orders, so that the
	// tick expires those first and leaves the stop due.
	stop := &SignedOrder{ChainID: testChain, Order: eip712.Order{
		Trader: alice, Market: 1, Side: eip712.Buy, Kind: eip712.StopMarket, TimeInForce: eip712.IOC,
		Price: 12_000, TriggerPrice: 10_000, Quantity: 1, MaxFeeBps: 50, Nonce: nonce,
		Expiry: massExpirySeconds + 1,
	}}
	applyChecked(t, m, &Entry{Type: EntryPlaceOrder, Order: stop}, heapPlaceTime)
	stopDue := due + 1000
	if res := applyChecked(t, m, &Entry{Type: EntryTick}, stopDue); len(expiredIn(res)) != matching.ExpiriesPerCommandMax {
		t.Fatalf("the tick expired %d orders, expected %d", len(expiredIn(res)), matching.ExpiriesPerCommandMax)
	}
	hash := m.chains[testChain].orderHash(&stop.Order)
	if o, ok := m.Order(hash); !ok || !o.Open {
		t.Fatalf("alice's stop order is open %v (found %v) after the tick, expected it open and due", o.Open, ok)
	}

	// Bob's sell at 10,000 ticks fits between the due bids and asks, so it
	// rests, and carol's buy trades with it at 10,000, which triggers the
	// stop. The stop could take the rest of bob's sell.
	sell := &SignedOrder{ChainID: testChain, Order: eip712.Order{
		Trader: bob, Market: 1, Side: eip712.Sell, Kind: eip712.Limit, TimeInForce: eip712.GTC,
		Price: 10_000, Quantity: 5, MaxFeeBps: 50, Nonce: nonce,
	}}
	applyChecked(t, m, &Entry{Type: EntryPlaceOrder, Order: sell}, stopDue+10)
	buy := &SignedOrder{ChainID: testChain, Order: eip712.Order{
		Trader: carol, Market: 1, Side: eip712.Buy, Kind: eip712.Limit, TimeInForce: eip712.IOC,
		Price: 10_000, Quantity: 1, MaxFeeBps: 50, Nonce: nonce,
	}}
	res := applyChecked(t, m, &Entry{Type: EntryPlaceOrder, Order: buy}, stopDue+20)
	if len(res.Trades) != 1 || res.Trades[0].Taker != carol {
		t.Fatalf("carol's buy made %d trades, expected one, carol's", len(res.Trades))
	}
	u, ok := updateOf(res, hash)
	if !ok || u.Status != StatusExpired {
		t.Fatalf("the triggered due stop reported status %s (update found %v), expected expired", u.Status, ok)
	}
	if m.chains[testChain].nonceUsed(alice, nonce) {
		t.Fatal("the due stop order's nonce is marked used, but it never traded")
	}
	if b := m.Balance(alice, assetOf(tokenUSDC)); !b.Held.IsZero() {
		t.Fatalf("alice holds %s USDC base units after her stop expired, expected 0", b.Held.Dec())
	}
}
