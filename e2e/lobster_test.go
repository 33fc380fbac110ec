package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching/lobster"
	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

const (
	// lobsterMessagesMax is how many messages of the sample the replay sends.
	lobsterMessagesMax = 10_000
	// lobsterTraders is the pool of development accounts that place the
	// replayed orders, accounts 1 to lobsterTraders.
	lobsterTraders = 16
	// lobsterMarket is the dev market the replay trades. Its tick of
	// 0.0001 USDC equals LOBSTER's price unit (dollars times 10,000), so a
	// price is the same number of ticks, and one share is one lot of
	// 0.01 THAL.
	lobsterMarket = "THAL/USDC"
	// settleWaitMax bounds the wait for the last batch to settle.
	settleWaitMax = 120 * time.Second
)

// lobsterMessageFile returns the sample's message file, or skips the test
// when the sample is absent.
func lobsterMessageFile(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("THX_LOBSTER_DIR")
	if dir == "" {
		dir = filepath.Join(repoRoot(), "..", "shared", "data", "lobster")
	}
	matches, err := filepath.Glob(filepath.Join(dir, "*_message_*.csv"))
	if err != nil || len(matches) == 0 {
		t.Skipf("no LOBSTER message file (*_message_*.csv) in %s; set THX_LOBSTER_DIR to the sample's directory", dir)
	}
	return matches[0]
}

// readMessages reads the first max messages of a LOBSTER message file.
func readMessages(t *testing.T, path string, max int) []lobster.Message {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := lobster.NewMessageReader(f)
	var out []lobster.Message
	for len(out) < max {
		m, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// TestLobsterReplaySettles replays the first 10,000 messages of the NASDAQ
// sample through the node's JSON-RPC as signed orders and cancels, and
// lets every batch settle on the dev chain. It checks that the node's
// ledger and the Exchange agree to the unit, and that a restart restores
// the same state hash.
func TestLobsterReplaySettles(t *testing.T) {
	if testing.Short() {
		t.Skip("replays 10,000 LOBSTER messages through a dev node, which takes about a minute")
	}
	msgs := readMessages(t, lobsterMessageFile(t), lobsterMessagesMax)
	// Clock entries would change the state hash every second, so the
	// restart check runs with ticks far apart; no replayed order expires.
	n := startNode(t, nodeOptions{Accounts: lobsterTraders + 1,
		Args: []string{"--tick-interval", "1h", "--state-hash-interval", "200ms"}})
	c := n.dial()
	defer c.Close()

	market := marketBySymbol(t, c, lobsterMarket)
	accounts := devAccounts(t, lobsterTraders+1)
	r := newReplay(t, c, &market, accounts[1:])
	steps := r.plan(msgs)
	r.checkFunding(steps)
	start := time.Now()
	for i, s := range steps {
		r.apply(i, s)
	}
	t.Logf("replayed %d messages in %v: %+v", len(msgs), time.Since(start).Round(time.Millisecond), r.stats)
	if r.stats.Trades == 0 || r.stats.Cancels == 0 {
		t.Fatalf("the replay made %d trades and %d cancels; expected both", r.stats.Trades, r.stats.Cancels)
	}

	waitSettled(n, c, accounts, r.lastBatch)
	checkLedgerMatchesContract(t, c, dialExchange(t, c), accounts, r.stats.Trades)

	before := waitQuiet(n, c)
	balancesBefore := balancesByToken(t, c, accounts[1].Address)
	c.Close()
	n.stop()
	n.restart()
	c = n.dial()
	after, err := c.NodeInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if after.Seq != before.Seq || after.StateHash != before.StateHash {
		t.Fatalf("after a restart the state is seq %d hash %s, before it seq %d hash %s", after.Seq, after.StateHash, before.Seq, before.StateHash)
	}
	if got := balancesByToken(t, c, accounts[1].Address); fmt.Sprint(got) != fmt.Sprint(balancesBefore) {
		t.Fatalf("balances of %s after a restart:\n%v\nbefore:\n%v", accounts[1].Address, got, balancesBefore)
	}
}

// replayStats counts what the replay sent and what happened.
type replayStats struct {
	Orders, IOCs, Cancels, Replacements int
	Trades                              int
	// Skipped counts messages that name an order the replay does not
	// hold: one placed before the sample starts, or already filled.
	Skipped int
	// Ignored counts hidden and cross executions and trading halts, which
	// do not change the visible book.
	Ignored int
}

// replayOrder is an order of the replay that rests on the book.
type replayOrder struct {
	id        uint64
	hash      common.Hash
	trader    int
	side      eip712.Side
	price     uint64
	remaining uint64
}

// replayStep is a message and the pool trader that sends it.
type replayStep struct {
	msg    lobster.Message
	trader int
}

// replay sends LOBSTER messages to a node and tracks its resting orders
// from the acknowledgements.
type replay struct {
	t       *testing.T
	c       *client.Client
	market  *rpc.MarketJSON
	traders []devchain.Account
	nonces  []uint64
	// orders holds the resting orders by LOBSTER id, byHash the same by
	// order hash.
	orders    map[uint64]*replayOrder
	byHash    map[common.Hash]*replayOrder
	lastBatch uint64
	stats     replayStats
}

func newReplay(t *testing.T, c *client.Client, m *rpc.MarketJSON, traders []devchain.Account) *replay {
	return &replay{
		t: t, c: c, market: m, traders: traders, nonces: make([]uint64, len(traders)),
		orders: make(map[uint64]*replayOrder), byHash: make(map[common.Hash]*replayOrder),
	}
}

// plan assigns each message its trader: submissions go round robin over
// the pool, and an execution goes to the next trader who does not own
// the named order, so that it does not meet its own order.
func (r *replay) plan(msgs []lobster.Message) []replayStep {
	owner := make(map[uint64]int)
	next := 0
	steps := make([]replayStep, len(msgs))
	for i, m := range msgs {
		trader := next % len(r.traders)
		switch m.Type {
		case lobster.TypeSubmission:
			owner[m.OrderID] = trader
			next++
		case lobster.TypeExecution:
			if o, ok := owner[m.OrderID]; ok && o == trader {
				trader = (trader + 1) % len(r.traders)
			}
			next++
		case lobster.TypeCancellation, lobster.TypeDeletion:
			trader = owner[m.OrderID]
		}
		steps[i] = replayStep{msg: m, trader: trader}
	}
	return steps
}

// checkFunding checks that each trader could hold every order the plan
// gives it at once, so no order is rejected for its balance.
func (r *replay) checkFunding(steps []replayStep) {
	r.t.Helper()
	quotePerTickLot := new(big.Int).SetUint64(uint64(r.market.QuotePerTickLot))
	lotUnits, _ := new(big.Int).SetString(r.market.LotSizeUnits, 10)
	needQuote := make([]*big.Int, len(r.traders))
	needBase := make([]*big.Int, len(r.traders))
	for i := range r.traders {
		needQuote[i], needBase[i] = new(big.Int), new(big.Int)
	}
	for _, s := range steps {
		if s.msg.Type != lobster.TypeSubmission && s.msg.Type != lobster.TypeExecution {
			continue
		}
		side := orderSide(s.msg)
		size := new(big.Int).SetUint64(s.msg.Size)
		if side == eip712.Buy {
			quote := new(big.Int).Mul(big.NewInt(s.msg.Price), size)
			quote.Mul(quote, quotePerTickLot)
			fee := new(big.Int).Div(new(big.Int).Mul(quote, big.NewInt(int64(r.maxFeeBps()))), big.NewInt(10_000))
			needQuote[s.trader].Add(needQuote[s.trader], quote.Add(quote, fee))
		} else {
			needBase[s.trader].Add(needBase[s.trader], size.Mul(size, lotUnits))
		}
	}
	for i, a := range r.traders {
		balances := balancesByToken(r.t, r.c, a.Address)
		for token, need := range map[common.Address]*big.Int{r.market.Quote.Address: needQuote[i], r.market.Base.Address: needBase[i]} {
			have, _ := new(big.Int).SetString(balances[token].AvailableUnits, 10)
			if have == nil || have.Cmp(need) < 0 {
				r.t.Fatalf("trader %s has %v base units of %s, and the replay may hold %v; use more traders or deposit more",
					a.Address, have, token, need)
			}
		}
	}
}

func (r *replay) maxFeeBps() uint16 { return max(r.market.MakerFeeBps, r.market.TakerFeeBps) }

// orderSide returns the side of the order a message sends. A submission
// has the message's direction; an execution is an incoming order of the
// opposite side, because the direction is that of the resting order.
func orderSide(m lobster.Message) eip712.Side {
	buy := m.Direction == 1
	if m.Type == lobster.TypeExecution {
		buy = !buy
	}
	if buy {
		return eip712.Buy
	}
	return eip712.Sell
}

// apply sends one message.
func (r *replay) apply(i int, s replayStep) {
	r.t.Helper()
	m := s.msg
	switch m.Type {
	case lobster.TypeSubmission:
		ack := r.place(i, s.trader, orderSide(m), eip712.GTC, uint64(m.Price), m.Size)
		r.track(m.OrderID, s.trader, &ack)
		r.stats.Orders++
	case lobster.TypeExecution:
		r.place(i, s.trader, orderSide(m), eip712.IOC, uint64(m.Price), m.Size)
		r.stats.IOCs++
	case lobster.TypeDeletion:
		if o := r.orders[m.OrderID]; o != nil {
			r.cancel(i, o)
		} else {
			r.stats.Skipped++
		}
	case lobster.TypeCancellation:
		r.reduce(i, m)
	default:
		r.stats.Ignored++
	}
}

// reduce replays a partial cancellation: the order is cancelled and its
// rest placed again by the same trader, at the back of its level.
func (r *replay) reduce(i int, m lobster.Message) {
	o := r.orders[m.OrderID]
	if o == nil {
		r.stats.Skipped++
		return
	}
	rest := o.remaining - min(o.remaining, m.Size)
	r.cancel(i, o)
	if rest > 0 {
		ack := r.place(i, o.trader, o.side, eip712.GTC, o.price, rest)
		r.track(o.id, o.trader, &ack)
		r.stats.Replacements++
	}
}

// place signs and sends an order, and applies its trades to the resting
// orders.
func (r *replay) place(i, trader int, side eip712.Side, tif eip712.TimeInForce, price, lots uint64) rpc.OrderAckJSON {
	r.t.Helper()
	r.nonces[trader]++
	a := r.traders[trader]
	o := eip712.Order{Trader: a.Address, Market: r.market.MarketID, Side: side, TimeInForce: tif,
		Price: price, Quantity: lots, MaxFeeBps: r.maxFeeBps(), Nonce: r.nonces[trader]}
	signed, err := client.NewSignedOrder(r.market, o, a.Key)
	if err != nil {
		r.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ack, err := r.c.PlaceOrder(ctx, signed)
	if err != nil {
		r.t.Fatalf("message %d: place %+v: %v", i+1, o, err)
	}
	for _, tr := range ack.Trades {
		r.fill(tr)
	}
	return ack
}

// fill applies a trade to its resting maker order.
func (r *replay) fill(tr rpc.TradeJSON) {
	r.stats.Trades++
	r.lastBatch = max(r.lastBatch, tr.Batch)
	maker := r.byHash[tr.MakerOrder]
	if maker == nil {
		r.t.Fatalf("trade %+v fills maker order %s, which the replay does not hold", tr, tr.MakerOrder)
	}
	maker.remaining -= uint64(tr.QuantityLots)
	if maker.remaining == 0 {
		r.forget(maker)
	}
}

// track records a GTC order that rests after its acknowledgement.
func (r *replay) track(id uint64, trader int, ack *rpc.OrderAckJSON) {
	if ack.Order.Status != "open" {
		return
	}
	if old := r.orders[id]; old != nil {
		r.t.Fatalf("LOBSTER order %d is submitted twice", id)
	}
	side := eip712.Buy
	if ack.Order.Side == "sell" {
		side = eip712.Sell
	}
	o := &replayOrder{id: id, hash: ack.Order.Hash, trader: trader, side: side,
		price: uint64(ack.Order.PriceTicks), remaining: uint64(ack.Order.RemainingLots)}
	r.orders[id] = o
	r.byHash[o.hash] = o
}

func (r *replay) forget(o *replayOrder) {
	delete(r.orders, o.id)
	delete(r.byHash, o.hash)
}

// cancel signs and sends a cancel of a resting order.
func (r *replay) cancel(i int, o *replayOrder) {
	r.t.Helper()
	a := r.traders[o.trader]
	signed, err := client.NewSignedCancel(r.market, a.Address, o.hash, a.Key)
	if err != nil {
		r.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ack, err := r.c.CancelOrder(ctx, signed)
	if err != nil {
		r.t.Fatalf("message %d: cancel LOBSTER order %d (%s, %d lots left): %v", i+1, o.id, o.hash, o.remaining, err)
	}
	unfilled := uint64(ack.Order.QuantityLots) - uint64(ack.Order.FilledLots)
	if ack.Order.Status != "cancelled" || unfilled != o.remaining {
		r.t.Fatalf("message %d: cancel of %s: status %q with %d lots unfilled, expected cancelled with %d",
			i+1, o.hash, ack.Order.Status, unfilled, o.remaining)
	}
	r.forget(o)
	r.stats.Cancels++
}
