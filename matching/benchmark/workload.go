package benchmark

import (
	"fmt"
	"math/rand/v2"

	"github.com/thaliumx/thaliumx/matching"
)

// Workload is a seeded book and the command stream applied after it.
type Workload struct {
	Name     string
	Config   matching.Config
	Seed     []matching.Command // builds the starting book
	Warmup   []matching.Command // applied after Seed and not measured
	Commands []matching.Command // the measured stream, which continues Warmup
}

// warmupLen returns the number of warm-up commands for a measured stream
// of the given length: a fifth of it, so that the slabs, indexes and trees
// reach their working size before allocations are counted. Every shape
// repeats its pattern well within that (the flash crash every 20,001
// commands, the oscillation every 20,000).
func warmupLen(commands int) int { return commands / 5 }

// Shape names a workload generator.
type Shape struct {
	Name     string
	Generate func(commands int, seed uint64) (*Workload, error)
}

// Shapes lists the benchmark's workloads: the mixed flow and three
// adversarial shapes.
var Shapes = []Shape{
	{"mixed", Mixed},
	{"wide-book", WideBook},
	{"flash-crash", FlashCrash},
	{"oscillating", Oscillating},
}

const (
	midPrice  = 1_000_000 // ticks
	maxFeeBps = 10
	// Resting orders belong to owners 1..makerOwners; takers to takerOwner,
	// so self-trade prevention never cuts a sweep short.
	makerOwners = 1000
	takerOwner  = makerOwners + 1
)

func benchConfig() matching.Config {
	return matching.Config{MarketID: 1, MakerFeeBps: 2, TakerFeeBps: 5, QuotePerTickLot: 1,
		MaxPrice: 1 << 40, MaxQuantity: 1 << 24, MaxRestingOrders: 1 << 22, MaxStopOrders: 1 << 10}
}

// generator drives a scratch book to produce valid commands and tracks
// which orders are live so that cancels always hit.
type generator struct {
	book   *matching.Book
	rng    *rand.Rand
	events []matching.Event
	live   []uint64       // ids of resting orders
	pos    map[uint64]int // id -> index in live
	nextID uint64
	out    []matching.Command
}

func newGenerator(seed uint64) (*generator, error) {
	book, err := matching.NewBook(benchConfig())
	if err != nil {
		return nil, err
	}
	return &generator{book: book, rng: rand.New(rand.NewPCG(seed, 0xbe4c)), pos: map[uint64]int{}}, nil
}

// emit applies cmd to the scratch book, records it and updates the live set.
func (g *generator) emit(cmd matching.Command) error {
	var err error
	g.events, err = g.book.Apply(cmd, g.events[:0])
	if err != nil {
		return fmt.Errorf("benchmark generator: %w", err)
	}
	g.out = append(g.out, cmd)
	for _, e := range g.events {
		switch {
		case e.Type == matching.EventTrade && e.MakerRemaining == 0:
			g.drop(e.MakerID)
		case e.Type == matching.EventCancelled || e.Type == matching.EventExpired:
			g.drop(e.OrderID)
		}
	}
	if cmd.Type == matching.CommandPlace {
		if o, ok := g.book.Order(cmd.OrderID); ok && o.Resting {
			g.pos[cmd.OrderID] = len(g.live)
			g.live = append(g.live, cmd.OrderID)
		}
	}
	return nil
}

func (g *generator) drop(id uint64) {
	i, ok := g.pos[id]
	if !ok {
		return
	}
	last := g.live[len(g.live)-1]
	g.live[i] = last
	g.pos[last] = i
	g.live = g.live[:len(g.live)-1]
	delete(g.pos, id)
}

func (g *generator) limit(s matching.Side, price, qty uint64, tif matching.TimeInForce) matching.Command {
	g.nextID++
	return matching.Command{Type: matching.CommandPlace, OrderID: g.nextID, Owner: 1 + g.nextID%makerOwners, Side: s,
		Kind: matching.Limit, TimeInForce: tif, Price: price, Quantity: qty, MaxFeeBps: maxFeeBps}
}

func (g *generator) market(s matching.Side, worst, qty uint64) matching.Command {
	c := g.limit(s, worst, qty, matching.IOC)
	c.Kind, c.Owner = matching.Market, takerOwner
	return c
}

// cancelRandom cancels a random live order, or places a passive one when
// none is live.
func (g *generator) cancelRandom() matching.Command {
	if len(g.live) == 0 {
		return g.passive(50)
	}
	return matching.Cancel(g.live[g.rng.IntN(len(g.live))])
}

// touch returns the best bid and ask, or the mid price when a side is empty.
func (g *generator) touch() (bid, ask uint64) {
	bid, _, okBid := g.book.BestBid()
	ask, _, okAsk := g.book.BestAsk()
	switch {
	case !okBid && !okAsk:
		bid, ask = midPrice-1, midPrice+1
	case !okBid:
		bid = min(ask, midPrice) - 1
	case !okAsk:
		ask = max(bid, midPrice) + 1
	}
	return bid, ask
}

// passive returns a limit order within band ticks of the mid that does not
// cross.
func (g *generator) passive(band uint64) matching.Command {
	bid, ask := g.touch()
	mid := (bid + ask) / 2
	qty := 1 + uint64(g.rng.IntN(100))
	if g.rng.IntN(2) == 0 {
		p := mid - uint64(g.rng.IntN(int(band)))
		return g.limit(matching.Buy, min(p, ask-1), qty, matching.GTC)
	}
	p := mid + uint64(g.rng.IntN(int(band)))
	return g.limit(matching.Sell, max(p, bid+1), qty, matching.GTC)
}

// marketable returns an order that takes liquidity: an IOC limit a few ticks
// through the touch, or a market order.
func (g *generator) marketable(qtyMax int) matching.Command {
	bid, ask := g.touch()
	qty := 1 + uint64(g.rng.IntN(qtyMax))
	s := matching.Side(g.rng.IntN(2))
	if g.rng.IntN(3) == 0 {
		if s == matching.Buy {
			return g.market(s, ask+100, qty)
		}
		return g.market(s, max(bid, 101)-100, qty)
	}
	price := bid - uint64(g.rng.IntN(5))
	if s == matching.Buy {
		price = ask + uint64(g.rng.IntN(5))
	}
	c := g.limit(s, price, qty, matching.IOC)
	c.Owner = takerOwner
	return c
}

// finish returns the workload: the first seedLen commands seed the book,
// the next warmupLen(commands) warm it up and the next commands are
// measured.
func (g *generator) finish(name string, seedLen, commands int) *Workload {
	warm := seedLen + warmupLen(commands)
	return &Workload{Name: name, Config: benchConfig(), Seed: g.out[:seedLen], Warmup: g.out[seedLen:warm],
		Commands: g.out[warm : warm+commands]}
}

// streamLen returns the number of commands a generator makes after seeding:
// the warm-up and the measured commands.
func streamLen(commands int) int { return warmupLen(commands) + commands }

// Mixed seeds 20,000 resting orders within 50 ticks of the mid, then applies
// about 60% passive limits within 50 ticks of the mid, 25% cancels of live
// orders and 15% marketable orders (59%, 26% and 15% with seed 1). The mix
// leans toward cancels while the book holds more than 20,000 orders, so the
// book stays near its seeded size.
func Mixed(commands int, seed uint64) (*Workload, error) {
	const restingTarget = 20_000
	g, err := newGenerator(seed)
	if err != nil {
		return nil, err
	}
	for len(g.live) < restingTarget {
		if err := g.emit(g.passive(50)); err != nil {
			return nil, err
		}
	}
	seedLen := len(g.out)
	for len(g.out)-seedLen < streamLen(commands) {
		var cmd matching.Command
		switch n := g.rng.IntN(100); {
		case n < 15:
			cmd = g.marketable(300)
		case n < 40 || (n < 45 && len(g.live) > restingTarget):
			cmd = g.cancelRandom()
		default:
			cmd = g.passive(50)
		}
		if err := g.emit(cmd); err != nil {
			return nil, err
		}
	}
	return g.finish("mixed", seedLen, commands), nil
}

// WideBook seeds one order on each of 100,000 price levels and then cancels
// random orders and places new ones at random prices across the whole
// range, with 10% small marketable orders.
func WideBook(commands int, seed uint64) (*Workload, error) {
	const levelsPerSide = 50_000
	g, err := newGenerator(seed)
	if err != nil {
		return nil, err
	}
	for i := uint64(1); i <= levelsPerSide; i++ {
		if err := g.emit(g.limit(matching.Buy, midPrice-i, 10, matching.GTC)); err != nil {
			return nil, err
		}
		if err := g.emit(g.limit(matching.Sell, midPrice+i, 10, matching.GTC)); err != nil {
			return nil, err
		}
	}
	seedLen := len(g.out)
	for len(g.out)-seedLen < streamLen(commands) {
		var cmd matching.Command
		switch n := g.rng.IntN(100); {
		case n < 10:
			cmd = g.marketable(20)
		case n < 55:
			cmd = g.cancelRandom()
		default:
			bid, ask := g.touch()
			if g.rng.IntN(2) == 0 {
				cmd = g.limit(matching.Buy, min(midPrice-1-uint64(g.rng.IntN(levelsPerSide)), ask-1), 10, matching.GTC)
			} else {
				cmd = g.limit(matching.Sell, max(midPrice+1+uint64(g.rng.IntN(levelsPerSide)), bid+1), 10, matching.GTC)
			}
		}
		if err := g.emit(cmd); err != nil {
			return nil, err
		}
	}
	return g.finish("wide-book", seedLen, commands), nil
}

// FlashCrash seeds 5,000 bid levels of 4 orders each, then repeats: one
// market sell that sweeps every bid level, and passive buys that rebuild
// the 5,000 levels.
func FlashCrash(commands int, seed uint64) (*Workload, error) {
	const levels, perLevel, qty = 5_000, 4, 10
	g, err := newGenerator(seed)
	if err != nil {
		return nil, err
	}
	rebuild := func() error {
		for i := uint64(1); i <= levels; i++ {
			for j := 0; j < perLevel; j++ {
				if err := g.emit(g.limit(matching.Buy, midPrice-i, qty, matching.GTC)); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := g.emit(g.limit(matching.Sell, midPrice+1, qty, matching.GTC)); err != nil {
		return nil, err
	}
	if err := rebuild(); err != nil {
		return nil, err
	}
	seedLen := len(g.out)
	for len(g.out)-seedLen < streamLen(commands) {
		if err := g.emit(g.market(matching.Sell, 1, levels*perLevel*qty)); err != nil {
			return nil, err
		}
		if _, _, ok := g.book.BestBid(); ok {
			return nil, fmt.Errorf("benchmark generator: the flash-crash sweep left bids in the book")
		}
		if err := rebuild(); err != nil {
			return nil, err
		}
	}
	return g.finish("flash-crash", seedLen, commands), nil
}

// Oscillating moves the mid price up and down a band of 1,000 ticks (one
// cycle every 20,000 commands) with limit orders placed around the moving
// mid, which take liquidity whenever the mid has moved past the touch.
func Oscillating(commands int, seed uint64) (*Workload, error) {
	const restingTarget, period, amplitude = 20_000, 20_000, 500
	g, err := newGenerator(seed)
	if err != nil {
		return nil, err
	}
	for len(g.live) < restingTarget {
		if err := g.emit(g.passive(50)); err != nil {
			return nil, err
		}
	}
	seedLen := len(g.out)
	for step := 0; step < streamLen(commands); step++ {
		phase := step % period
		offset := phase * 4 * amplitude / period // 0 .. 4*amplitude
		if offset > 2*amplitude {
			offset = 4*amplitude - offset
		}
		mid := uint64(midPrice - amplitude + offset)
		var cmd matching.Command
		switch n := g.rng.IntN(100); {
		case n < 25 || (n < 35 && len(g.live) > restingTarget):
			cmd = g.cancelRandom()
		default:
			qty := 1 + uint64(g.rng.IntN(100))
			if g.rng.IntN(2) == 0 {
				cmd = g.limit(matching.Buy, mid-uint64(g.rng.IntN(50)), qty, matching.GTC)
			} else {
				cmd = g.limit(matching.Sell, mid+uint64(g.rng.IntN(50)), qty, matching.GTC)
			}
		}
		if err := g.emit(cmd); err != nil {
			return nil, err
		}
	}
	return g.finish("oscillating", seedLen, commands), nil
}
