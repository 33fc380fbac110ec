package rpc

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
)

// testBackend is a Backend on a real state.Machine. It applies each entry
// synchronously, verifies signatures as the node does, keeps the histories
// the machine does not, and publishes events through a small hub.
type testBackend struct {
	mu    sync.Mutex
	m     *state.Machine
	clock uint64 // unix milliseconds of the next entry

	orders      map[common.Hash]*OrderInfo
	history     map[common.Address][]common.Hash // oldest first
	trades      map[state.MarketKey][]state.Trade
	deposits    map[common.Address][]DepositInfo
	withdrawals map[common.Address][]WithdrawalInfo
	depositID   uint64
	bookSeq     map[state.MarketKey]uint64

	hub    *hub
	health Health
	// failNext, when set, is returned by the next write instead of
	// applying it.
	failNext error
	// checkInvariants runs the machine's invariant checker after every
	// entry; benchmarks turn it off because it costs time linear in the
	// state.
	checkInvariants bool
}

const (
	testChain      = 31337
	otherChain     = 1337
	testStartMs    = 1_700_000_000_000
	subBufferTest  = 64
	snapshotLevels = 10_000
)

var (
	testExchange  = common.HexToAddress("0x00000000000000000000000000000000000e0001")
	otherExchange = common.HexToAddress("0x00000000000000000000000000000000000e0002")
	tokenTHAL     = common.HexToAddress("0x00000000000000000000000000000000000a0001")
	tokenUSDC     = common.HexToAddress("0x00000000000000000000000000000000000a0002")
	tokenWETH     = common.HexToAddress("0x00000000000000000000000000000000000a0003")
	tokenUSDT     = common.HexToAddress("0x00000000000000000000000000000000000a0004")
)

// testMarkets are THAL/USDC as in docs/PROTOCOL.md (tick 0.0001 USDC, lot
// 0.01 THAL), WETH/USDC (tick 0.01 USDC, lot 0.001 WETH) and THAL/USDT on
// another chain.
func testMarkets() []*state.Market {
	limits := func(m *state.Market) *state.Market {
		m.MaxPrice, m.MaxQuantity, m.MaxRestingOrders, m.MaxStopOrders = 1<<40, 1<<30, 1<<16, 1<<12
		return m
	}
	return []*state.Market{
		limits(&state.Market{ChainID: testChain, ID: 1, Symbol: "THAL/USDC", Exchange: testExchange,
			Base: tokenTHAL, Quote: tokenUSDC, BaseDecimals: 18, QuoteDecimals: 6,
			TickSize: *uint256.NewInt(100), LotSize: *uint256.NewInt(1e16), MakerFeeBps: 10, TakerFeeBps: 25}),
		limits(&state.Market{ChainID: testChain, ID: 2, Symbol: "WETH/USDC", Exchange: testExchange,
			Base: tokenWETH, Quote: tokenUSDC, BaseDecimals: 18, QuoteDecimals: 6,
			TickSize: *uint256.NewInt(10_000), LotSize: *uint256.NewInt(1e15), TakerFeeBps: 30}),
		limits(&state.Market{ChainID: otherChain, ID: 1, Symbol: "THAL/USDT", Exchange: otherExchange,
			Base: tokenTHAL, Quote: tokenUSDT, BaseDecimals: 18, QuoteDecimals: 6,
			TickSize: *uint256.NewInt(100), LotSize: *uint256.NewInt(1e16), MakerFeeBps: 10, TakerFeeBps: 25}),
	}
}

func newTestBackend() *testBackend {
	b := &testBackend{
		m: state.New(), clock: testStartMs,
		orders: map[common.Hash]*OrderInfo{}, history: map[common.Address][]common.Hash{},
		trades: map[state.MarketKey][]state.Trade{}, deposits: map[common.Address][]DepositInfo{},
		withdrawals: map[common.Address][]WithdrawalInfo{}, bookSeq: map[state.MarketKey]uint64{},
		hub: newHub(subBufferTest), checkInvariants: true,
		health: Health{OK: true, Components: []ComponentHealth{{Name: "log", OK: true, Detail: map[string]any{"seq": 0}}}},
	}
	for _, m := range testMarkets() {
		if _, err := b.apply(&state.Entry{Type: state.EntryListMarket, Market: m}, nil); err != nil {
			panic(fmt.Sprintf("list %s: %v", m.Symbol, err))
		}
	}
	return b
}

// apply applies one entry at the next millisecond. REQUIRES: b.mu held.
func (b *testBackend) apply(e *state.Entry, placed *OrderInfo) (*state.Result, error) {
	b.clock++
	e.Time = b.clock
	res, err := b.m.Apply(b.m.Seq()+1, e)
	if err != nil {
		return nil, err
	}
	if b.checkInvariants {
		if err := b.m.CheckInvariants(); err != nil {
			panic(fmt.Sprintf("state invariant broken after entry %d: %v", res.Seq, err))
		}
	}
	if placed != nil {
		placed.PlacedSeq, placed.Time = res.Seq, res.Time
		b.orders[placed.Hash] = placed
		b.history[placed.Order.Trader] = append(b.history[placed.Order.Trader], placed.Hash)
	}
	b.record(res)
	return res, nil
}

// record keeps the histories and publishes the entry's events.
func (b *testBackend) record(res *state.Result) {
	for _, u := range res.Orders {
		info := b.orders[u.Hash]
		if info == nil {
			continue
		}
		info.Status, info.Filled, info.Remaining, info.Reason = u.Status, u.Filled, u.Remaining, u.Reason
		if view, ok := b.m.Order(u.Hash); ok {
			info.Triggered = view.Triggered
		}
		b.hub.publish(Topic{Kind: TopicOrders, Trader: info.Order.Trader}, OrderEvent{Seq: res.Seq, Order: *info})
	}
	for _, t := range res.Trades {
		b.trades[t.Market] = append(b.trades[t.Market], t)
		b.hub.publish(Topic{Kind: TopicTrades, Symbol: b.symbol(t.Market)}, t)
	}
	b.publishDepth(res)
	for _, d := range res.Deposits {
		b.deposits[d.Trader] = append(b.deposits[d.Trader], DepositInfo{Deposit: d, Seq: res.Seq, Time: res.Time})
	}
	for _, w := range res.Withdrawals {
		b.withdrawals[w.Signed.Withdrawal.Trader] = append(b.withdrawals[w.Signed.Withdrawal.Trader], WithdrawalInfo{
			Hash: w.Hash, ChainID: w.Signed.ChainID, Trader: w.Signed.Withdrawal.Trader, Token: w.Signed.Withdrawal.Token,
			Amount: w.Amount, Nonce: w.Signed.Withdrawal.Nonce, Batch: w.Batch, Status: "pending", Seq: res.Seq, Time: res.Time,
		})
	}
	for _, k := range res.Balances {
		b.hub.publish(Topic{Kind: TopicBalances, Trader: k.Owner}, BalanceEvent{Seq: res.Seq, Balance: b.m.Balance(k.Owner, k.Asset)})
	}
}

// publishDepth sends one BookUpdate per market that the entry changed.
func (b *testBackend) publishDepth(res *state.Result) {
	var keys []state.MarketKey
	changes := map[state.MarketKey][]state.DepthChange{}
	for _, c := range res.Depth {
		if _, ok := changes[c.Market]; !ok {
			keys = append(keys, c.Market)
		}
		changes[c.Market] = append(changes[c.Market], c)
	}
	for _, key := range keys {
		b.bookSeq[key]++
		symbol := b.symbol(key)
		b.hub.publish(Topic{Kind: TopicBook, Symbol: symbol}, BookUpdate{
			Market: key, Symbol: symbol, Sequence: b.bookSeq[key], Seq: res.Seq, Changes: changes[key],
		})
	}
}

func (b *testBackend) symbol(key state.MarketKey) string {
	m, _ := b.m.MarketByKey(key)
	return m.Symbol
}

// deposit credits a deposit as if confirmed on chain.
func (b *testBackend) deposit(trader, token common.Address, chainID uint64, amount *uint256.Int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.depositID++
	d := &state.Deposit{ChainID: chainID, ID: b.depositID, Trader: trader, Token: token, Amount: *amount, Block: 7,
		TxHash: common.BigToHash(uint256.NewInt(b.depositID).ToBig())}
	if _, err := b.apply(&state.Entry{Type: state.EntryDeposit, Deposit: d}, nil); err != nil {
		panic(fmt.Sprintf("deposit: %v", err))
	}
}

// cancelUpTo applies an on-chain cancelUpTo.
func (b *testBackend) cancelUpTo(trader common.Address, nonce uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	e := &state.Entry{Type: state.EntryChainCancel, ChainEvent: &state.ChainCancel{ChainID: testChain, Trader: trader, UpToNonce: nonce}}
	if _, err := b.apply(e, nil); err != nil {
		panic(fmt.Sprintf("cancelUpTo: %v", err))
	}
}

// failSettlement seals the chain's batch and fails it, which halts its
// markets.
func (b *testBackend) failSettlement(chainID uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	res, err := b.apply(&state.Entry{Type: state.EntrySealBatch, Batch: &state.BatchRef{ChainID: chainID}}, nil)
	if err != nil || len(res.Sealed) != 1 {
		panic(fmt.Sprintf("seal: %v", err))
	}
	id := res.Sealed[0].ID
	if _, err := b.apply(&state.Entry{Type: state.EntrySettlementFailed, Batch: &state.BatchRef{ChainID: chainID, ID: id, Reason: "test"}}, nil); err != nil {
		panic(fmt.Sprintf("fail batch: %v", err))
	}
}

func (b *testBackend) setClock(ms uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clock = ms
}

// tick applies a clock entry at unix milliseconds ms, which expires the
// GTD orders due by then.
func (b *testBackend) tick(ms uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clock = ms - 1
	if _, err := b.apply(&state.Entry{Type: state.EntryTick}, nil); err != nil {
		panic(fmt.Sprintf("tick: %v", err))
	}
}

func (b *testBackend) stateHash() common.Hash {
	b.mu.Lock()
	defer b.mu.Unlock()
	h, err := b.m.StateHash()
	if err != nil {
		panic(err)
	}
	return h
}

func (b *testBackend) NodeInfo() NodeInfo {
	b.mu.Lock()
	defer b.mu.Unlock()
	h, _ := b.m.StateHash()
	return NodeInfo{Version: "test", Role: "sequencer", Seq: b.m.Seq(), StateHash: h, Chains: []ChainInfo{
		{ChainID: testChain, Name: "dev", Exchange: testExchange, RPCURL: "http://127.0.0.1:8546", HeadBlock: 12, LastBatch: 0},
		{ChainID: otherChain, Name: "other", Exchange: otherExchange, HeadBlock: 3},
	}}
}

func (b *testBackend) Syncing() SyncStatus {
	b.mu.Lock()
	defer b.mu.Unlock()
	return SyncStatus{CurrentSeq: b.m.Seq(), TargetSeq: b.m.Seq(), StartingSeq: b.m.Seq()}
}

func (b *testBackend) Health() Health {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.health
}

func (b *testBackend) Markets() []state.MarketView {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.m.Markets()
}

func (b *testBackend) Market(symbol string) (state.MarketView, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.m.MarketBySymbol(symbol)
}

func (b *testBackend) Domain(chainID uint64) (eip712.Domain, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.m.Domain(chainID)
}

// book returns a market's depth. REQUIRES: b.mu held.
func (b *testBackend) book(symbol string, depth int) (BookSnapshot, error) {
	m, ok := b.m.MarketBySymbol(symbol)
	if !ok {
		return BookSnapshot{}, fmt.Errorf("%w: %q", state.ErrUnknownMarket, symbol)
	}
	book, _ := b.m.Book(m.Key())
	convert := func(side matching.Side) []Level {
		var out []Level
		for _, l := range book.AppendDepth(side, depth, nil) {
			out = append(out, Level{Price: l.Price, Quantity: l.Quantity, Orders: l.Orders})
		}
		return out
	}
	return BookSnapshot{Market: m.Key(), Symbol: symbol, Sequence: b.bookSeq[m.Key()],
		Bids: convert(matching.Buy), Asks: convert(matching.Sell)}, nil
}

func (b *testBackend) OrderBook(symbol string, depth int) (BookSnapshot, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.book(symbol, depth)
}

func (b *testBackend) RecentTrades(symbol string, limit int) ([]state.Trade, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	m, ok := b.m.MarketBySymbol(symbol)
	if !ok {
		return nil, fmt.Errorf("%w: %q", state.ErrUnknownMarket, symbol)
	}
	all := b.trades[m.Key()]
	out := make([]state.Trade, 0, min(limit, len(all)))
	for i := len(all) - 1; i >= 0 && len(out) < limit; i-- {
		out = append(out, all[i])
	}
	return out, nil
}

func (b *testBackend) Ticker(symbol string) (Ticker, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	m, ok := b.m.MarketBySymbol(symbol)
	if !ok {
		return Ticker{}, fmt.Errorf("%w: %q", state.ErrUnknownMarket, symbol)
	}
	t := Ticker{Symbol: symbol}
	for _, tr := range b.trades[m.Key()] {
		if tr.Time+24*3600*1000 < b.clock {
			continue
		}
		if t.Trades24h == 0 {
			t.Open24h, t.High24h, t.Low24h = tr.Price, tr.Price, tr.Price
		}
		t.High24h, t.Low24h = max(t.High24h, tr.Price), min(t.Low24h, tr.Price)
		t.LastPrice = tr.Price
		t.Volume24h += tr.Quantity
		t.QuoteVolume24h.Add(&t.QuoteVolume24h, &tr.Quote)
		t.Trades24h++
	}
	book, _ := b.m.Book(m.Key())
	t.BestBid, _, _ = book.BestBid()
	t.BestAsk, _, _ = book.BestAsk()
	return t, nil
}

func (b *testBackend) Order(hash common.Hash) (OrderInfo, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	info, ok := b.orders[hash]
	if !ok {
		return OrderInfo{}, fmt.Errorf("%w: order %s", ErrNotFound, hash)
	}
	return *info, nil
}

func (b *testBackend) OpenOrders(trader common.Address) ([]OrderInfo, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []OrderInfo
	for _, v := range b.m.OpenOrders(trader) {
		out = append(out, *b.orders[v.Hash])
	}
	return out, nil
}

func (b *testBackend) OrderHistory(trader common.Address, page Page) ([]OrderInfo, Cursor, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	hashes := b.history[trader]
	infos := make([]OrderInfo, len(hashes))
	for i, h := range hashes {
		infos[len(hashes)-1-i] = *b.orders[h]
	}
	return pageOf(infos, page)
}

func (b *testBackend) TraderTrades(trader common.Address, symbol string, page Page) ([]state.Trade, Cursor, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	m, ok := b.m.MarketBySymbol(symbol)
	if !ok {
		return nil, nil, fmt.Errorf("%w: %q", state.ErrUnknownMarket, symbol)
	}
	var mine []state.Trade
	all := b.trades[m.Key()]
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Maker == trader || all[i].Taker == trader {
			mine = append(mine, all[i])
		}
	}
	return pageOf(mine, page)
}

func (b *testBackend) Balances(trader common.Address) ([]ledger.Balance, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.m.Balances(trader), nil
}

func (b *testBackend) Deposits(trader common.Address, page Page) ([]DepositInfo, Cursor, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	list := slices.Clone(b.deposits[trader])
	slices.Reverse(list)
	return pageOf(list, page)
}

func (b *testBackend) Withdrawals(trader common.Address, page Page) ([]WithdrawalInfo, Cursor, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	list := slices.Clone(b.withdrawals[trader])
	slices.Reverse(list)
	return pageOf(list, page)
}

// pageOf returns one page of items; the cursor is the index of the next
// item as 8 big-endian bytes.
func pageOf[T any](items []T, page Page) ([]T, Cursor, error) {
	start := uint64(0)
	if len(page.Cursor) > 0 {
		if len(page.Cursor) != 8 {
			return nil, nil, fmt.Errorf("%w: cursor of %d bytes, expected 8", ErrInvalidParams, len(page.Cursor))
		}
		start = binary.BigEndian.Uint64(page.Cursor)
	}
	if start > uint64(len(items)) {
		start = uint64(len(items))
	}
	end := min(start+uint64(page.Limit), uint64(len(items)))
	var next Cursor
	if end < uint64(len(items)) {
		next = binary.BigEndian.AppendUint64(nil, end)
	}
	return items[start:end], next, nil
}

// takeFailure returns and clears an injected failure. REQUIRES: b.mu held.
func (b *testBackend) takeFailure() error {
	err := b.failNext
	b.failNext = nil
	return err
}

func (b *testBackend) PlaceOrder(ctx context.Context, o *state.SignedOrder) (OrderAck, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.takeFailure(); err != nil {
		return OrderAck{}, err
	}
	domain, ok := b.m.Domain(o.ChainID)
	if !ok {
		return OrderAck{}, fmt.Errorf("%w: chain %d", state.ErrUnknownChain, o.ChainID)
	}
	hash := domain.OrderHash(o.Order)
	if err := eip712.Verify(hash, o.Signature[:], o.Order.Trader); err != nil {
		return OrderAck{}, fmt.Errorf("order %s: %w", hash, err)
	}
	placed := &OrderInfo{Hash: hash, ChainID: o.ChainID, Order: o.Order, Status: state.StatusOpen,
		Remaining: o.Order.Quantity, Triggered: o.Order.Kind == eip712.Limit || o.Order.Kind == eip712.Market}
	res, err := b.apply(&state.Entry{Type: state.EntryPlaceOrder, Order: o}, placed)
	if err != nil {
		return OrderAck{}, err
	}
	return OrderAck{Seq: res.Seq, Time: res.Time, Order: *b.orders[hash], Trades: slices.Clone(res.Trades)}, nil
}

func (b *testBackend) CancelOrder(ctx context.Context, c *state.SignedCancel) (OrderAck, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.takeFailure(); err != nil {
		return OrderAck{}, err
	}
	domain, ok := b.m.Domain(c.ChainID)
	if !ok {
		return OrderAck{}, fmt.Errorf("%w: chain %d", state.ErrUnknownChain, c.ChainID)
	}
	if err := eip712.Verify(domain.CancelHash(c.Cancel), c.Signature[:], c.Cancel.Trader); err != nil {
		return OrderAck{}, fmt.Errorf("cancel of %s: %w", c.Cancel.OrderHash, err)
	}
	res, err := b.apply(&state.Entry{Type: state.EntryCancelOrder, Cancel: c}, nil)
	if err != nil {
		return OrderAck{}, err
	}
	return OrderAck{Seq: res.Seq, Time: res.Time, Order: *b.orders[c.Cancel.OrderHash]}, nil
}

func (b *testBackend) Withdraw(ctx context.Context, w *state.SignedWithdrawal) (WithdrawalAck, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.takeFailure(); err != nil {
		return WithdrawalAck{}, err
	}
	domain, ok := b.m.Domain(w.ChainID)
	if !ok {
		return WithdrawalAck{}, fmt.Errorf("%w: chain %d", state.ErrUnknownChain, w.ChainID)
	}
	if err := eip712.Verify(domain.WithdrawalHash(w.Withdrawal), w.Signature[:], w.Withdrawal.Trader); err != nil {
		return WithdrawalAck{}, fmt.Errorf("withdrawal: %w", err)
	}
	res, err := b.apply(&state.Entry{Type: state.EntryWithdraw, Withdrawal: w}, nil)
	if err != nil {
		return WithdrawalAck{}, err
	}
	list := b.withdrawals[w.Withdrawal.Trader]
	return WithdrawalAck{Seq: res.Seq, Withdrawal: list[len(list)-1]}, nil
}

func (b *testBackend) Subscribe(ctx context.Context, topic Topic) (Subscription, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var first []any
	if topic.Kind == TopicBook {
		snapshot, err := b.book(topic.Symbol, snapshotLevels)
		if err != nil {
			return nil, err
		}
		first = append(first, snapshot)
	}
	return b.hub.subscribe(ctx, topic, first), nil
}

// hub delivers events to subscriptions by topic. Publishing never blocks:
// a subscription whose buffer is full ends with errFellBehind.
type hub struct {
	bufferEvents int

	mu   sync.Mutex
	subs map[*hubSub]struct{}
}

var errFellBehind = errors.New("subscriber fell behind its buffer")

type hubSub struct {
	h     *hub
	topic Topic
	ch    chan any
	// closed and err are guarded by h.mu.
	closed bool
	err    error
}

func newHub(bufferEvents int) *hub {
	return &hub{bufferEvents: bufferEvents, subs: map[*hubSub]struct{}{}}
}

func (h *hub) subscribe(ctx context.Context, topic Topic, first []any) *hubSub {
	s := &hubSub{h: h, topic: topic, ch: make(chan any, h.bufferEvents)}
	for _, e := range first {
		s.ch <- e
	}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	go func() {
		<-ctx.Done()
		s.Unsubscribe()
	}()
	return s
}

func (h *hub) publish(topic Topic, event any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		if s.topic != topic {
			continue
		}
		select {
		case s.ch <- event:
		default:
			s.endLocked(errFellBehind)
		}
	}
}

// count returns the live subscriptions.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// endLocked ends a subscription. REQUIRES: h.mu held.
func (s *hubSub) endLocked(err error) {
	if s.closed {
		return
	}
	s.closed, s.err = true, err
	delete(s.h.subs, s)
	close(s.ch)
}

func (s *hubSub) Events() <-chan any { return s.ch }

func (s *hubSub) Unsubscribe() {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	s.endLocked(nil)
}

func (s *hubSub) Err() error {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	return s.err
}
