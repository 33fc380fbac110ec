package matching

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

var seedFlag = flag.Uint64("seed", 0, "seed of the randomized tests; 0 picks one from the clock and prints it")

// testSeeds returns the seeds a randomized test runs: the -seed flag alone,
// or a fixed list plus one taken from the clock.
func testSeeds(t *testing.T, fixed int) []uint64 {
	if *seedFlag != 0 {
		return []uint64{*seedFlag}
	}
	seeds := make([]uint64, 0, fixed+1)
	for i := 1; i <= fixed; i++ {
		seeds = append(seeds, uint64(i))
	}
	return append(seeds, uint64(time.Now().UnixNano()))
}

// model is the reference order book: a list of orders searched by full scans
// on every step, written to be obviously correct rather than fast.
type model struct {
	cfg     Config
	resting []*modelOrder
	stops   []*modelOrder
	tick    uint64
	last    uint64 // last trade price, 0 before the first trade
	queue   uint64 // counter for time priority; an order's place in its level
	events  []Event
	// expiriesMax is the book's expiriesMax, and budget the orders the
	// current command may still expire.
	expiriesMax, budget int
}

type modelOrder struct {
	id, owner         uint64
	side              Side
	kind              Kind
	tif               TimeInForce
	stp               SelfTradeMode
	price, trigger    uint64
	remaining, expiry uint64
	arrival, queuePos uint64
}

func newModel(cfg Config, expiriesMax int) *model {
	return &model{cfg: cfg, expiriesMax: expiriesMax}
}

// due reports whether o has an expiry at or before the last tick. Only
// GTD orders and IOC or FOK stop orders have one.
func (m *model) due(o *modelOrder) bool { return o.expiry != 0 && o.expiry <= m.tick }

// expire removes a due order with its Expired event and charges the
// budget.
func (m *model) expire(o *modelOrder) {
	m.emit(Event{Type: EventExpired, OrderID: o.id, Owner: o.owner, Side: o.side, Price: o.price, Quantity: o.remaining})
	m.removeResting(o)
	if m.budget > 0 {
		m.budget--
	}
}

func (m *model) emit(e Event) { m.events = append(m.events, e) }

func (m *model) levelTotal(s Side, price uint64) uint64 {
	var total uint64
	for _, o := range m.resting {
		if o.side == s && o.price == price {
			total += o.remaining
		}
	}
	return total
}

func (m *model) depth(s Side, price uint64) {
	if m.cfg.EmitDepth {
		m.emit(Event{Type: EventDepthChanged, Side: s, Price: price, Quantity: m.levelTotal(s, price)})
	}
}

func (m *model) find(id uint64) (*modelOrder, bool) {
	for _, o := range m.resting {
		if o.id == id {
			return o, true
		}
	}
	for _, o := range m.stops {
		if o.id == id {
			return o, false
		}
	}
	return nil, false
}

func (m *model) removeOrder(o *modelOrder) {
	m.resting = slices.DeleteFunc(m.resting, func(x *modelOrder) bool { return x == o })
	m.stops = slices.DeleteFunc(m.stops, func(x *modelOrder) bool { return x == o })
}

// bestOpposite returns the resting order a taker on side s meets first.
func (m *model) bestOpposite(s Side) *modelOrder {
	var best *modelOrder
	for _, o := range m.resting {
		if o.side == s {
			continue
		}
		if best == nil || better(o.side, o.price, best.price) || (o.price == best.price && o.queuePos < best.queuePos) {
			best = o
		}
	}
	return best
}

func (m *model) reject(cmd Command, r Reason) {
	e := Event{Type: EventRejected, Command: cmd.Type, Reason: r, OrderID: cmd.OrderID}
	if cmd.Type == CommandPlace {
		e.Owner, e.Side = cmd.Owner, cmd.Side
	}
	m.emit(e)
}

func (m *model) apply(cmd Command) []Event {
	m.events = nil
	m.budget = m.expiriesMax
	switch cmd.Type {
	case CommandPlace:
		m.place(cmd)
	case CommandCancel:
		o, _ := m.find(cmd.OrderID)
		if o == nil {
			m.reject(cmd, ReasonUnknownOrder)
			break
		}
		m.emit(Event{Type: EventCancelled, Reason: ReasonUser, OrderID: o.id, Owner: o.owner, Side: o.side, Price: o.price, Quantity: o.remaining})
		m.removeResting(o)
	case CommandAmend:
		m.amend(cmd)
	case CommandTick:
		m.tickTo(cmd)
	default:
		m.reject(cmd, ReasonUnknownCommand)
	}
	return m.events
}

// removeResting removes an open order and reports the depth change when it
// rested.
func (m *model) removeResting(o *modelOrder) {
	_, resting := m.find(o.id)
	m.removeOrder(o)
	if resting {
		m.depth(o.side, o.price)
	}
}

func (m *model) tickTo(cmd Command) {
	if cmd.Now < m.tick {
		m.reject(cmd, ReasonTickBackwards)
		return
	}
	m.tick = cmd.Now
	for m.budget > 0 {
		var next *modelOrder
		for _, o := range append(slices.Clone(m.resting), m.stops...) {
			if m.due(o) && (next == nil || o.expiry < next.expiry || (o.expiry == next.expiry && o.arrival < next.arrival)) {
				next = o
			}
		}
		if next == nil {
			return
		}
		m.expire(next)
	}
}

func (m *model) amend(cmd Command) {
	o, resting := m.find(cmd.OrderID)
	var best *modelOrder
	if o != nil {
		best = m.bestOpposite(o.side)
	}
	switch {
	case o == nil, m.due(o):
		m.reject(cmd, ReasonUnknownOrder)
	case !resting:
		m.reject(cmd, ReasonNotResting)
	case cmd.Quantity == 0:
		m.reject(cmd, ReasonZeroQuantity)
	case cmd.Quantity > m.cfg.MaxQuantity:
		m.reject(cmd, ReasonQuantityTooLarge)
	case cmd.Price == 0:
		m.reject(cmd, ReasonZeroPrice)
	case cmd.Price > m.cfg.MaxPrice:
		m.reject(cmd, ReasonPriceTooHigh)
	case best != nil && crosses(o.side, cmd.Price, best.price):
		m.reject(cmd, ReasonAmendWouldCross)
	default:
		keep := cmd.Price == o.price && cmd.Quantity <= o.remaining
		m.emit(Event{Type: EventAmended, OrderID: o.id, Owner: o.owner, Side: o.side, Price: cmd.Price, Quantity: cmd.Quantity, PriorityKept: keep})
		if keep && cmd.Quantity == o.remaining {
			return
		}
		oldPrice := o.price
		o.price, o.remaining = cmd.Price, cmd.Quantity
		if keep {
			m.depth(o.side, o.price)
			return
		}
		m.queue++
		o.queuePos = m.queue
		o.price = oldPrice
		saved := o.remaining
		o.remaining = 0 // off the old level first
		m.depth(o.side, oldPrice)
		o.price, o.remaining = cmd.Price, saved
		m.depth(o.side, o.price)
	}
}

// placeReason returns why a place command is rejected, checking the rules
// in the order the engine documents them, or ReasonNone.
func (m *model) placeReason(c Command) Reason {
	mayRestCmd := (c.Kind == Limit || c.Kind == StopLimit) && (c.TimeInForce == GTC || c.TimeInForce == GTD)
	stop := c.Kind == StopLimit || c.Kind == StopMarket
	expiryAllowed := c.TimeInForce == GTD || stop && (c.TimeInForce == IOC || c.TimeInForce == FOK)
	best := m.bestOpposite(c.Side)
	rules := []struct {
		bad    bool
		reason Reason
	}{
		{c.Side > Sell, ReasonInvalidSide},
		{c.Kind > StopMarket, ReasonInvalidKind},
		{c.TimeInForce > FOK, ReasonInvalidTimeInForce},
		{c.Kind == Market && c.TimeInForce != IOC && c.TimeInForce != FOK, ReasonInvalidTimeInForce},
		{c.SelfTrade > CancelBoth, ReasonInvalidSelfTradeMode},
		{c.PostOnly && !(c.Kind == Limit && (c.TimeInForce == GTC || c.TimeInForce == GTD)), ReasonPostOnlyNotAllowed},
		{c.Quantity == 0, ReasonZeroQuantity},
		{c.Quantity > m.cfg.MaxQuantity, ReasonQuantityTooLarge},
		{c.Price == 0, ReasonZeroPrice},
		{c.Price > m.cfg.MaxPrice, ReasonPriceTooHigh},
		{stop && c.TriggerPrice == 0, ReasonInvalidTriggerPrice},
		{!stop && c.TriggerPrice != 0, ReasonInvalidTriggerPrice},
		{c.TriggerPrice > m.cfg.MaxPrice, ReasonPriceTooHigh},
		{c.Expiry != 0 && !expiryAllowed, ReasonExpiryWithoutGTD},
		{(c.TimeInForce == GTD || c.Expiry != 0) && c.Expiry <= m.tick, ReasonExpiryNotAfterLastTick},
		{!c.PostOnly && m.cfg.TakerFeeBps > c.MaxFeeBps, ReasonFeeAboveMax},
		{mayRestCmd && m.cfg.MakerFeeBps > c.MaxFeeBps, ReasonFeeAboveMax},
	}
	for _, r := range rules {
		if r.bad {
			return r.reason
		}
	}
	if o, _ := m.find(c.OrderID); o != nil {
		return ReasonDuplicateOrderID
	}
	switch {
	case stop && len(m.stops) >= int(m.cfg.MaxStopOrders):
		return ReasonStopBookFull
	case stop && m.last != 0 && c.Side == Buy && c.TriggerPrice <= m.last,
		stop && m.last != 0 && c.Side == Sell && c.TriggerPrice >= m.last:
		return ReasonStopWrongSide
	case !stop && mayRestCmd && len(m.resting) >= int(m.cfg.MaxRestingOrders):
		return ReasonBookFull
	case !stop && c.PostOnly && best != nil && crosses(c.Side, c.Price, best.price):
		return ReasonPostOnlyWouldTake
	}
	return ReasonNone
}

func (m *model) place(c Command) {
	if r := m.placeReason(c); r != ReasonNone {
		m.reject(c, r)
		return
	}
	m.emit(Event{Type: EventAccepted, OrderID: c.OrderID, Owner: c.Owner, Side: c.Side, Kind: c.Kind,
		TimeInForce: c.TimeInForce, Price: c.Price, TriggerPrice: c.TriggerPrice, Quantity: c.Quantity})
	m.queue++
	o := &modelOrder{id: c.OrderID, owner: c.Owner, side: c.Side, kind: c.Kind, tif: c.TimeInForce, stp: c.SelfTrade,
		price: c.Price, trigger: c.TriggerPrice, remaining: c.Quantity, expiry: c.Expiry, arrival: m.queue}
	if c.Kind == StopLimit || c.Kind == StopMarket {
		m.stops = append(m.stops, o)
		return
	}
	m.execute(o)
	for {
		s := m.triggeredStop()
		if s == nil {
			return
		}
		if m.due(s) {
			m.expire(s)
			continue
		}
		m.removeOrder(s)
		m.emit(Event{Type: EventStopTriggered, OrderID: s.id, Owner: s.owner, Side: s.side, Kind: s.kind,
			TimeInForce: s.tif, Price: s.price, TriggerPrice: s.trigger, Quantity: s.remaining})
		m.execute(s)
	}
}

// triggeredStop returns the stop to trigger next: buy stops (lowest trigger
// first) before sell stops (highest first), earliest arrival on ties.
func (m *model) triggeredStop() *modelOrder {
	if m.last == 0 {
		return nil
	}
	var pick *modelOrder
	for _, side := range []Side{Buy, Sell} {
		for _, o := range m.stops {
			hit := (side == Buy && o.trigger <= m.last) || (side == Sell && o.trigger >= m.last)
			if o.side != side || !hit {
				continue
			}
			if pick == nil || better(side.Opposite(), o.trigger, pick.trigger) ||
				(o.trigger == pick.trigger && o.arrival < pick.arrival) {
				pick = o
			}
		}
		if pick != nil {
			return pick
		}
	}
	return nil
}

func (m *model) cancelIncoming(o *modelOrder, r Reason) {
	m.emit(Event{Type: EventCancelled, Reason: r, OrderID: o.id, Owner: o.owner, Side: o.side, Price: o.price, Quantity: o.remaining})
}

// fillable returns the lots a FOK order could fill, following the same
// self-trade rules as matching.
func (m *model) fillable(t *modelOrder) uint64 {
	var candidates []*modelOrder
	for _, o := range m.resting {
		if o.side != t.side && crosses(t.side, t.price, o.price) {
			candidates = append(candidates, o)
		}
	}
	slices.SortFunc(candidates, func(a, b *modelOrder) int {
		if a.price != b.price {
			if better(a.side, a.price, b.price) {
				return -1
			}
			return 1
		}
		return int(a.queuePos) - int(b.queuePos)
	})
	var got uint64
	due := 0
	for _, o := range candidates {
		if m.due(o) {
			if due++; due > m.budget {
				return got
			}
			continue
		}
		if o.owner == t.owner {
			if t.stp != CancelOldest {
				return got
			}
			continue
		}
		got += o.remaining
	}
	return got
}

func (m *model) execute(t *modelOrder) {
	if t.tif == FOK && m.fillable(t) < t.remaining {
		m.cancelIncoming(t, ReasonFOKUnfilled)
		return
	}
	for t.remaining > 0 {
		mk := m.bestOpposite(t.side)
		if mk == nil || !crosses(t.side, t.price, mk.price) {
			break
		}
		if m.due(mk) {
			if m.budget == 0 {
				m.cancelIncoming(t, ReasonExpiryBacklog)
				return
			}
			m.expire(mk)
			continue
		}
		if mk.owner == t.owner {
			if t.stp == CancelNewest {
				m.cancelIncoming(t, ReasonSelfTrade)
				return
			}
			m.emit(Event{Type: EventCancelled, Reason: ReasonSelfTrade, OrderID: mk.id, Owner: mk.owner, Side: mk.side, Price: mk.price, Quantity: mk.remaining})
			m.removeResting(mk)
			if t.stp == CancelBoth {
				m.cancelIncoming(t, ReasonSelfTrade)
				return
			}
			continue
		}
		lots := min(t.remaining, mk.remaining)
		t.remaining -= lots
		mk.remaining -= lots
		e := Event{Type: EventTrade, OrderID: t.id, Owner: t.owner, Side: t.side, Price: mk.price, Quantity: lots,
			MakerID: mk.id, MakerOwner: mk.owner, MakerRemaining: mk.remaining, TakerRemaining: t.remaining}
		modelAmounts(m.cfg, &e)
		m.emit(e)
		m.last = mk.price
		if mk.remaining == 0 {
			m.removeOrder(mk)
		}
		m.depth(mk.side, mk.price)
	}
	if t.remaining == 0 {
		return
	}
	rests := (t.kind == Limit || t.kind == StopLimit) && (t.tif == GTC || t.tif == GTD)
	switch {
	case rests && len(m.resting) >= int(m.cfg.MaxRestingOrders):
		m.cancelIncoming(t, ReasonBookFull)
	case rests:
		m.queue++
		t.queuePos = m.queue
		m.resting = append(m.resting, t)
		m.depth(t.side, t.price)
	case t.kind == Market || t.kind == StopMarket:
		m.cancelIncoming(t, ReasonNoLiquidity)
	default:
		m.cancelIncoming(t, ReasonIOCRemainder)
	}
}

// modelAmounts computes the quote and fees with uint256 arithmetic step by
// step; the auditor checks the same values again with math/big.
func modelAmounts(cfg Config, e *Event) {
	e.Quote.SetUint64(e.Price)
	var x Event
	x.Quote.SetUint64(e.Quantity)
	e.Quote.Mul(&e.Quote, &x.Quote)
	x.Quote.SetUint64(cfg.QuotePerTickLot)
	e.Quote.Mul(&e.Quote, &x.Quote)
	x.Quote.SetUint64(10_000)
	e.MakerFee.SetUint64(uint64(cfg.MakerFeeBps))
	e.MakerFee.Mul(&e.MakerFee, &e.Quote)
	e.MakerFee.Div(&e.MakerFee, &x.Quote)
	e.TakerFee.SetUint64(uint64(cfg.TakerFeeBps))
	e.TakerFee.Mul(&e.TakerFee, &e.Quote)
	e.TakerFee.Div(&e.TakerFee, &x.Quote)
}

// openOrders lists the model's open orders in the order of
// Book.ForEachOpenOrder.
func (m *model) openOrders() []OrderInfo {
	rest := slices.Clone(m.resting)
	slices.SortStableFunc(rest, func(a, b *modelOrder) int {
		switch {
		case a.side != b.side:
			return int(a.side) - int(b.side)
		case a.price != b.price && better(a.side, a.price, b.price):
			return -1
		case a.price != b.price:
			return 1
		}
		return cmpUint(a.queuePos, b.queuePos)
	})
	stops := slices.Clone(m.stops)
	slices.SortStableFunc(stops, func(a, b *modelOrder) int {
		switch {
		case a.side != b.side:
			return int(a.side) - int(b.side)
		case a.trigger != b.trigger && better(a.side.Opposite(), a.trigger, b.trigger):
			return -1
		case a.trigger != b.trigger:
			return 1
		}
		return cmpUint(a.arrival, b.arrival)
	})
	var out []OrderInfo
	for _, o := range append(rest, stops...) {
		out = append(out, OrderInfo{ID: o.id, Owner: o.owner, Side: o.side, Kind: o.kind, TimeInForce: o.tif, SelfTrade: o.stp,
			Price: o.price, TriggerPrice: o.trigger, Remaining: o.remaining, Expiry: o.expiry, Resting: slices.Contains(m.resting, o)})
	}
	return out
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// commandGen makes random command streams over a narrow price band so that
// orders cross, stops trigger and ids repeat often. With wide set, one price
// in three is anywhere in 1..wideTicks instead, so the book spans many pages
// with gaps between levels, and sweeps and FOK checks step across them.
type commandGen struct {
	rng    *rand.Rand
	ref    *model // the model's open orders, for cancels and amends that hit
	nextID uint64
	ids    []uint64
	now    uint64
	wide   bool
}

// wideTicks is the price range of the wide command streams: many pages of
// pageLen prices each.
const wideTicks = 40 * pageLen

// price returns a random price: in 95..105, or with wide set, one time in
// three, anywhere in 1..wideTicks.
func (g *commandGen) price() uint64 {
	if g.wide && g.rng.IntN(3) == 0 {
		return 1 + uint64(g.rng.IntN(wideTicks))
	}
	return 95 + uint64(g.rng.IntN(11))
}

func (g *commandGen) next() Command {
	r := g.rng
	pick := func(n int) int { return r.IntN(n) }
	switch n := pick(100); {
	case n < 12 && len(g.ids) > 0:
		return Cancel(g.targetID())
	case n < 22 && len(g.ids) > 0:
		return Amend(g.targetID(), g.price(), uint64(pick(10)))
	case n < 25:
		if pick(10) == 0 && g.now > 0 {
			return Tick(g.now - 1)
		}
		g.now += uint64(pick(5))
		return Tick(g.now)
	}

	c := Command{Type: CommandPlace, Owner: 1 + uint64(pick(4)), Side: Side(pick(2)), Price: g.price(),
		Quantity: 1 + uint64(pick(10)), MaxFeeBps: uint16(25 + pick(10)), SelfTrade: SelfTradeMode(pick(3))}
	switch k := pick(20); {
	case k < 12:
		c.Kind = Limit
	case k < 14:
		c.Kind, c.TimeInForce = Market, IOC+TimeInForce(pick(2))
	case k < 17:
		c.Kind, c.TriggerPrice = StopLimit, g.price()
	default:
		c.Kind, c.TriggerPrice = StopMarket, g.price()
	}
	if c.Kind != Market {
		c.TimeInForce = TimeInForce(pick(4))
	}
	immediateStop := c.Kind.isStop() && (c.TimeInForce == IOC || c.TimeInForce == FOK)
	if c.TimeInForce == GTD || immediateStop && pick(2) == 0 {
		c.Expiry = g.now + uint64(pick(8))
	}
	c.PostOnly = pick(8) == 0

	g.nextID++
	c.OrderID = g.nextID
	if pick(15) == 0 && len(g.ids) > 0 {
		c.OrderID = g.ids[pick(len(g.ids))] // a live or finished id again
	}
	g.ids = append(g.ids, c.OrderID)
	g.corrupt(&c)
	return c
}

// targetID returns an open order's id most of the time, else any id used
// so far.
func (g *commandGen) targetID() uint64 {
	open := append(slices.Clone(g.ref.resting), g.ref.stops...)
	if len(open) > 0 && g.rng.IntN(5) > 0 {
		return open[g.rng.IntN(len(open))].id
	}
	return g.ids[g.rng.IntN(len(g.ids))]
}

// corrupt breaks one field now and then so that rejections are exercised.
func (g *commandGen) corrupt(c *Command) {
	switch g.rng.IntN(60) {
	case 0:
		c.Quantity = 0
	case 1:
		c.Price = 0
	case 2:
		c.Quantity = 1 << 40
	case 3:
		c.Side = 2
	case 4:
		c.Kind = 7
	case 5:
		c.TimeInForce = 9
	case 6:
		c.SelfTrade = 5
	case 7:
		c.MaxFeeBps = 0
	case 8:
		c.Price = 1 << 62
	case 9:
		c.Expiry = g.now + 1 + uint64(g.rng.IntN(8)) // rejected unless GTD or an IOC or FOK stop
	}
}

// modelExpiriesMax returns a small expiry budget per command, 1 to 4, so
// that the random streams leave due orders behind their ticks.
func modelExpiriesMax(rng *rand.Rand) int { return 1 + rng.IntN(4) }

func modelConfig(rng *rand.Rand) Config {
	return Config{MarketID: 7, MakerFeeBps: uint16(rng.IntN(15)), TakerFeeBps: uint16(rng.IntN(25)),
		QuotePerTickLot: 1 + uint64(rng.IntN(1000)), MaxPrice: 1 << 20, MaxQuantity: 1 << 20,
		MaxRestingOrders: 8 + uint32(rng.IntN(40)), MaxStopOrders: 3 + uint32(rng.IntN(20)), EmitDepth: rng.IntN(2) == 0}
}

// TestBookMatchesModel runs seeded random command streams through the book
// and the reference model and compares every event, the open orders after
// every command, and the invariants. Now and then it swaps the book for one
// restored from its snapshot. The narrow streams keep prices within 11
// ticks; the wide ones spread a third of them over many pages.
func TestBookMatchesModel(t *testing.T) {
	t.Run("narrow", func(t *testing.T) { runModelSeeds(t, false) })
	t.Run("wide", func(t *testing.T) { runModelSeeds(t, true) })
}

func runModelSeeds(t *testing.T, wide bool) {
	const commandsPerSeed = 3000
	for _, seed := range testSeeds(t, 30) {
		rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
		cfg := modelConfig(rng)
		book, err := NewBook(cfg)
		if err != nil {
			t.Fatal(err)
		}
		book.expiriesMax = modelExpiriesMax(rng)
		ref := newModel(cfg, book.expiriesMax)
		audit := newAuditor(cfg)
		gen := &commandGen{rng: rng, ref: ref, wide: wide}
		var events []Event
		counts := map[string]int{}
		for i := 0; i < commandsPerSeed; i++ {
			cmd := gen.next()
			events, err = book.Apply(cmd, events[:0])
			for _, e := range events {
				counts[e.Type.String()+"/"+e.Reason.String()]++
			}
			if failure := compareStep(book, ref, audit, cmd, events, err); failure != "" {
				t.Fatalf("seed %d (rerun with -seed=%d), command %d %+v:\n%s", seed, seed, i, cmd, failure)
			}
			if rng.IntN(500) == 0 {
				if book, err = RestoreSnapshot(book.AppendSnapshot(nil)); err != nil {
					t.Fatalf("seed %d (rerun with -seed=%d): restore: %v", seed, seed, err)
				}
				book.expiriesMax = ref.expiriesMax
			}
		}
		t.Logf("seed %d: %d commands agree with the model; events: %v", seed, commandsPerSeed, counts)
	}
}

// compareStep returns a description of the first difference between the
// book and the model after one command, or "".
func compareStep(book *Book, ref *model, audit *auditor, cmd Command, events []Event, err error) string {
	want := ref.apply(cmd)
	for i := 0; i < max(len(events), len(want)); i++ {
		var g, w string
		if i < len(events) {
			g = events[i].String()
		}
		if i < len(want) {
			w = want[i].String()
		}
		if g != w {
			return fmt.Sprintf("event %d:\n  book:  %s\n  model: %s\nall book events: %v\nall model events: %v", i, g, w, events, want)
		}
	}
	if e := checkRejection(err, events); e != nil {
		return e.Error()
	}
	if e := book.CheckInvariants(); e != nil {
		return e.Error()
	}
	if e := audit.observe(cmd, events); e != nil {
		return e.Error()
	}
	var got []OrderInfo
	book.ForEachOpenOrder(func(o OrderInfo) bool { got = append(got, o); return true })
	if wantOrders := ref.openOrders(); !slices.Equal(got, wantOrders) {
		return fmt.Sprintf("open orders differ:\n  book:  %+v\n  model: %+v", got, wantOrders)
	}
	return ""
}
