package node

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/google/btree"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
)

// views are the read copies the publisher keeps of what durable entries
// did: the listed markets, each market's aggregated depth, recent trades
// and 24-hour statistics. Readers never touch the state machine's books,
// whose depth queries use scratch space and are not safe to share.
type views struct {
	recentTradesMax int

	// markets is replaced whole when a market is listed or halted.
	markets atomic.Pointer[marketSet]

	// mu guards data; a market's own fields are guarded by its mu.
	mu   sync.RWMutex
	data map[state.MarketKey]*marketData
}

// marketSet is an immutable list of the listed markets.
type marketSet struct {
	list     []state.MarketView
	bySymbol map[string]int
	byKey    map[state.MarketKey]int
	domains  map[uint64]eip712.Domain
	hashers  map[uint64]eip712.Hasher
}

func newViews(recentTradesMax int) *views {
	v := &views{recentTradesMax: recentTradesMax, data: map[state.MarketKey]*marketData{}}
	v.setMarkets(nil)
	return v
}

// setMarkets publishes the markets, which must be sorted by key.
func (v *views) setMarkets(list []state.MarketView) {
	set := &marketSet{
		list:     list,
		bySymbol: make(map[string]int, len(list)),
		byKey:    make(map[state.MarketKey]int, len(list)),
		domains:  map[uint64]eip712.Domain{},
		hashers:  map[uint64]eip712.Hasher{},
	}
	for i, m := range list {
		set.bySymbol[m.Symbol] = i
		set.byKey[m.Key()] = i
		d := eip712.Domain{ChainID: m.ChainID, VerifyingContract: m.Exchange}
		set.domains[m.ChainID] = d
		if _, ok := set.hashers[m.ChainID]; !ok {
			set.hashers[m.ChainID] = d.Hasher()
		}
	}
	v.markets.Store(set)
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, m := range list {
		md, ok := v.data[m.Key()]
		if !ok {
			v.data[m.Key()] = newMarketData(m.Key(), m.Symbol, v.recentTradesMax)
			continue
		}
		md.mu.Lock()
		md.symbol = m.Symbol
		md.mu.Unlock()
	}
}

func (v *views) domain(chainID uint64) (eip712.Domain, bool) {
	d, ok := v.markets.Load().domains[chainID]
	return d, ok
}

// hasher returns the EIP-712 hasher of the chain's domain, whose
// separator is computed once per listing instead of once per order.
func (v *views) hasher(chainID uint64) (eip712.Hasher, bool) {
	h, ok := v.markets.Load().hashers[chainID]
	return h, ok
}

func (v *views) marketBySymbol(symbol string) (state.MarketView, bool) {
	set := v.markets.Load()
	i, ok := set.bySymbol[symbol]
	if !ok {
		return state.MarketView{}, false
	}
	return set.list[i], true
}

func (v *views) marketByKey(key state.MarketKey) (state.MarketView, bool) {
	set := v.markets.Load()
	i, ok := set.byKey[key]
	if !ok {
		return state.MarketView{}, false
	}
	return set.list[i], true
}

// market returns the market's data, creating it for a market that the
// recovery reads trades of before the markets are published.
func (v *views) market(key state.MarketKey) *marketData {
	v.mu.RLock()
	md := v.data[key]
	v.mu.RUnlock()
	if md != nil {
		return md
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if md = v.data[key]; md == nil {
		md = newMarketData(key, "", v.recentTradesMax)
		v.data[key] = md
	}
	return md
}

// marketBySymbolData returns a listed market and its data.
func (v *views) marketBySymbolData(symbol string) (state.MarketView, *marketData, error) {
	m, ok := v.marketBySymbol(symbol)
	if !ok {
		return state.MarketView{}, nil, fmt.Errorf("%w: market %q is not listed", rpc.ErrNotFound, symbol)
	}
	return m, v.market(m.Key()), nil
}

// marketData is one market's depth, recent trades and statistics.
type marketData struct {
	key    state.MarketKey
	symbol string

	mu sync.Mutex
	// sequence counts the market's depth updates, from 0 at start.
	sequence uint64
	// bids sort best (highest) first, asks best (lowest) first.
	bids, asks *btree.BTreeG[rpc.Level]
	// ring contains up to len(ring) newest trades; next is where the next
	// one goes and count how many are stored.
	ring  []state.Trade
	next  int
	count int
	stats tickerStats
}

func newMarketData(key state.MarketKey, symbol string, tradesMax int) *marketData {
	return &marketData{
		key:    key,
		symbol: symbol,
		bids:   btree.NewG(16, func(a, b rpc.Level) bool { return a.Price > b.Price }),
		asks:   btree.NewG(16, func(a, b rpc.Level) bool { return a.Price < b.Price }),
		ring:   make([]state.Trade, tradesMax),
	}
}

// setLevel records a level's new state; a zero quantity removes it.
// REQUIRES: md.mu held.
func (md *marketData) setLevel(side matching.Side, price, quantity uint64, orders uint32) {
	tree := md.asks
	if side == matching.Buy {
		tree = md.bids
	}
	if quantity == 0 {
		tree.Delete(rpc.Level{Price: price})
		return
	}
	tree.ReplaceOrInsert(rpc.Level{Price: price, Quantity: quantity, Orders: orders})
}

// snapshot returns up to depth levels per side, best first.
// REQUIRES: md.mu held.
func (md *marketData) snapshot(depth int) rpc.BookSnapshot {
	s := rpc.BookSnapshot{Market: md.key, Symbol: md.symbol, Sequence: md.sequence}
	collect := func(tree *btree.BTreeG[rpc.Level]) []rpc.Level {
		out := make([]rpc.Level, 0, min(depth, tree.Len()))
		tree.Ascend(func(l rpc.Level) bool {
			out = append(out, l)
			return len(out) < depth
		})
		return out
	}
	s.Bids, s.Asks = collect(md.bids), collect(md.asks)
	return s
}

// addTrade stores a trade in the ring and the statistics.
// REQUIRES: md.mu held.
func (md *marketData) addTrade(t *state.Trade) {
	md.ring[md.next] = *t
	md.next = (md.next + 1) % len(md.ring)
	md.count = min(md.count+1, len(md.ring))
	md.stats.add(t)
}

// recentTrades returns up to limit trades, newest first.
// REQUIRES: md.mu held.
func (md *marketData) recentTrades(limit int) []state.Trade {
	n := min(limit, md.count)
	out := make([]state.Trade, n)
	for i := range n {
		out[i] = md.ring[(md.next-1-i+2*len(md.ring))%len(md.ring)]
	}
	return out
}

// Ticker statistics are kept per minute over a sliding day.
const (
	minuteMs      = 60_000
	tickerMinutes = 24 * 60
)

// tickerStats aggregates trades per minute of the last 24 hours.
type tickerStats struct {
	buckets   [tickerMinutes]minuteBucket
	lastPrice uint64
	lastTime  uint64
}

// minuteBucket is the trades of one minute. Invariant: trades == 0 or
// minute is the unix minute of every trade counted in it.
type minuteBucket struct {
	minute                 uint64
	open, high, low, close uint64 // ticks
	volume                 uint64 // lots, saturating
	quote                  uint256.Int
	trades                 uint64
}

func (s *tickerStats) add(t *state.Trade) {
	if t.Time >= s.lastTime {
		s.lastPrice, s.lastTime = t.Price, t.Time
	}
	minute := t.Time / minuteMs
	b := &s.buckets[minute%tickerMinutes]
	if b.trades != 0 && b.minute > minute {
		return // older than the day the bucket now holds
	}
	if b.trades == 0 || b.minute != minute {
		*b = minuteBucket{minute: minute, open: t.Price, high: t.Price, low: t.Price}
	}
	b.close = t.Price
	b.high = max(b.high, t.Price)
	b.low = min(b.low, t.Price)
	b.volume = saturatingAdd(b.volume, t.Quantity)
	if _, overflow := b.quote.AddOverflow(&b.quote, &t.Quote); overflow {
		b.quote.SetAllOne()
	}
	b.trades++
}

// ticker aggregates the minutes after nowMs minus 24 hours, so the window
// is 24 hours rounded to whole minutes.
func (s *tickerStats) ticker(nowMs uint64) rpc.Ticker {
	var t rpc.Ticker
	t.LastPrice = s.lastPrice
	nowMinute := nowMs / minuteMs
	var first uint64
	for i := range s.buckets {
		b := &s.buckets[i]
		if b.trades == 0 || b.minute > nowMinute || b.minute+tickerMinutes <= nowMinute {
			continue
		}
		if t.Trades24h == 0 || b.minute < first {
			first, t.Open24h = b.minute, b.open
		}
		if t.Trades24h == 0 || b.high > t.High24h {
			t.High24h = b.high
		}
		if t.Trades24h == 0 || b.low < t.Low24h {
			t.Low24h = b.low
		}
		t.Volume24h = saturatingAdd(t.Volume24h, b.volume)
		if _, overflow := t.QuoteVolume24h.AddOverflow(&t.QuoteVolume24h, &b.quote); overflow {
			t.QuoteVolume24h.SetAllOne()
		}
		t.Trades24h += b.trades
	}
	return t
}

func saturatingAdd(a, b uint64) uint64 {
	if a > ^uint64(0)-b {
		return ^uint64(0)
	}
	return a + b
}
