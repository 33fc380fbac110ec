package matching

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"testing"
)

// expiryBook wraps a book for the expiry tests: it applies commands,
// fails the test on an unexpected error and checks the invariants after
// every command.
type expiryBook struct {
	t *testing.T
	*Book
}

func newExpiryBook(t *testing.T) *expiryBook {
	t.Helper()
	b, err := NewBook(testConfig())
	if err != nil {
		t.Fatal(err)
	}
	return &expiryBook{t: t, Book: b}
}

// mustDo applies cmd and fails the test when the book rejects it.
func (b *expiryBook) mustDo(cmd Command) []string {
	b.t.Helper()
	events, err := b.Apply(cmd, nil)
	if err != nil {
		b.t.Fatalf("%+v: %v", cmd, err)
	}
	if err := b.CheckInvariants(); err != nil {
		b.t.Fatalf("after %+v: %v", cmd, err)
	}
	return shortEvents(events)
}

// shortEvents returns each event as its type and order id, then the
// reason of a cancel or rejection, or the maker of a trade and the
// taker's remaining lots: "trade 10 maker=3 left=0".
func shortEvents(events []Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = fmt.Sprintf("%s %d", e.Type, e.OrderID)
		switch e.Type {
		case EventCancelled, EventRejected:
			out[i] += " " + e.Reason.String()
		case EventTrade:
			out[i] += fmt.Sprintf(" maker=%d left=%d", e.MakerID, e.TakerRemaining)
		}
	}
	return out
}

func gtdSell(id, owner, price, qty, expiry uint64) Command {
	return Command{Type: CommandPlace, OrderID: id, Owner: owner, Side: Sell, Price: price, Quantity: qty,
		TimeInForce: GTD, Expiry: expiry}
}

func limitBuy(id, owner, price, qty uint64) Command {
	return Command{Type: CommandPlace, OrderID: id, Owner: owner, Side: Buy, Price: price, Quantity: qty}
}

// expiredIDs returns the order ids of the Expired events among events.
func expiredIDs(t *testing.T, events []string) []uint64 {
	t.Helper()
	var ids []uint64
	for _, e := range events {
		var id uint64
		if _, err := fmt.Sscanf(e, "expired %d", &id); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// withDue places three sells at 100: orders 1 and 2 (GTD, expiry 5) and
// order 3 (GTC), then ticks to 5 with no expiry budget, so 1 and 2 are
// due and still resting.
func withDue(t *testing.T) *expiryBook {
	b := newExpiryBook(t)
	b.mustDo(gtdSell(1, 1, 100, 1, 5))
	b.mustDo(gtdSell(2, 2, 100, 1, 5))
	b.mustDo(Command{Type: CommandPlace, OrderID: 3, Owner: 3, Side: Sell, Price: 100, Quantity: 5})
	b.expiriesMax = 0
	if got := b.mustDo(Tick(5)); len(got) != 0 {
		t.Fatalf("tick with no budget emitted %v, expected nothing", got)
	}
	b.expiriesMax = ExpiriesPerCommandMax
	if !b.ExpiriesPending() {
		t.Fatal("ExpiriesPending is false with two due orders")
	}
	return b
}

func TestTickExpiresAtMostBudget(t *testing.T) {
	b := newExpiryBook(t)
	b.expiriesMax = 3
	// Expiries 9 and 7 interleaved: the order is by expiry, then arrival.
	expiries := []uint64{9, 7, 9, 7, 9, 7, 9}
	for i, e := range expiries {
		b.mustDo(gtdSell(uint64(i+1), 1, 100+uint64(i), 1, e))
	}
	want := [][]uint64{{2, 4, 6}, {1, 3, 5}, {7}, nil}
	for i, w := range want {
		got := expiredIDs(t, b.mustDo(Tick(10)))
		if !slices.Equal(got, w) {
			t.Errorf("tick %d expired %v, expected %v", i+1, got, w)
		}
	}
	if n := b.RestingOrders(); n != 0 {
		t.Errorf("%d orders rest after the backlog drained, expected 0", n)
	}
	if b.ExpiriesPending() {
		t.Error("ExpiriesPending is true after the backlog drained")
	}
}

func TestTickExpiresDefaultMax(t *testing.T) {
	b := newExpiryBook(t)
	n := ExpiriesPerCommandMax + 5
	for i := range n {
		if _, err := b.Apply(gtdSell(uint64(i+1), 1, 100+uint64(i%50), 1, 9), nil); err != nil {
			t.Fatal(err)
		}
	}
	if got := len(expiredIDs(t, b.mustDo(Tick(9)))); got != ExpiriesPerCommandMax {
		t.Errorf("first tick expired %d orders, expected %d", got, ExpiriesPerCommandMax)
	}
	if got := expiredIDs(t, b.mustDo(Tick(9))); len(got) != 5 || got[0] != uint64(ExpiriesPerCommandMax+1) {
		t.Errorf("second tick expired %v, expected the 5 orders from %d", got, ExpiriesPerCommandMax+1)
	}
}

func TestTakerExpiresDueMakers(t *testing.T) {
	b := withDue(t)
	got := b.mustDo(limitBuy(10, 9, 100, 2))
	want := []string{"accepted 10", "expired 1", "expired 2", "trade 10 maker=3 left=0"}
	if !slices.Equal(got, want) {
		t.Fatalf("events %q, expected %q", got, want)
	}
	if o, ok := b.Order(3); !ok || o.Remaining != 3 {
		t.Errorf("order 3 has %d lots (open %v), expected 3", o.Remaining, ok)
	}
	if b.ExpiriesPending() {
		t.Error("ExpiriesPending is true after the taker expired both due orders")
	}
}

func TestTakerStopsWhenBudgetSpent(t *testing.T) {
	b := withDue(t)
	b.expiriesMax = 1
	got := b.mustDo(limitBuy(10, 9, 100, 2))
	want := []string{"accepted 10", "expired 1", "cancelled 10 expiry-backlog"}
	if !slices.Equal(got, want) {
		t.Fatalf("events\n%q\nexpected\n%q", got, want)
	}
	if _, ok := b.Order(2); !ok {
		t.Error("due order 2 left the book, expected it to wait for a tick")
	}
	if got := expiredIDs(t, b.mustDo(Tick(5))); !slices.Equal(got, []uint64{2}) {
		t.Errorf("next tick expired %v, expected [2]", got)
	}
}

func TestFOKSkipsDueMakers(t *testing.T) {
	b := withDue(t)
	fok := limitBuy(10, 9, 100, 5)
	fok.TimeInForce = FOK
	want := []string{"accepted 10", "expired 1", "expired 2", "trade 10 maker=3 left=0"}
	if got := b.mustDo(fok); !slices.Equal(got, want) {
		t.Errorf("FOK for the 5 live lots: events %q, expected %q", got, want)
	}

	b = withDue(t)
	fok.Quantity = 6
	want = []string{"accepted 10", "cancelled 10 fok-unfilled"}
	if got := b.mustDo(fok); !slices.Equal(got, want) {
		t.Errorf("FOK above the live lots: events %q, expected %q", got, want)
	}

	b = withDue(t)
	b.expiriesMax = 1
	fok.Quantity = 5
	if got := b.mustDo(fok); !slices.Equal(got, want) {
		t.Errorf("FOK past more due makers than the budget: events %q, expected %q", got, want)
	}
}

func TestDueMakerOfSameOwnerExpires(t *testing.T) {
	b := withDue(t)
	got := b.mustDo(limitBuy(10, 1, 100, 1)) // owner 1 owns due order 1
	want := []string{"accepted 10", "expired 1", "expired 2", "trade 10 maker=3 left=0"}
	if !slices.Equal(got, want) {
		t.Errorf("events %q, expected %q: a due order of the same owner expires, self-trade prevention skips it", got, want)
	}
}

func TestAmendDueRejected(t *testing.T) {
	b := withDue(t)
	before := b.StateHash()
	events, err := b.Apply(Amend(1, 101, 1), nil)
	if ReasonOf(err) != ReasonUnknownOrder {
		t.Fatalf("amend of a due order: error %v, expected reason unknown-order", err)
	}
	if len(events) != 1 || events[0].Type != EventRejected {
		t.Errorf("amend of a due order: events %v, expected one rejection", events)
	}
	if b.StateHash() != before {
		t.Error("a rejected amend changed the book")
	}
}

func TestCancelDueCancels(t *testing.T) {
	b := withDue(t)
	got := b.mustDo(Cancel(1))
	want := []string{"cancelled 1 user"}
	if !slices.Equal(got, want) {
		t.Errorf("cancel of a due order: events %q, expected %q", got, want)
	}
}

func TestDueStopExpiresInsteadOfTriggering(t *testing.T) {
	for _, tif := range []TimeInForce{GTD, IOC, FOK} {
		b := withStop(t, StopMarket, tif)
		b.expiriesMax = 0
		b.mustDo(Tick(5))
		b.expiriesMax = ExpiriesPerCommandMax
		got := b.mustDo(limitBuy(3, 3, 100, 1))
		want := []string{"accepted 3", "trade 3 maker=1 left=0", "expired 2"}
		if !slices.Equal(got, want) {
			t.Errorf("%s: events %q, expected %q: the due stop expires instead of triggering", tif, got, want)
		}
	}
}

// withStop places a sell of 5 lots at 100 (order 1) and a buy stop of
// kind k and time in force tif, triggered at 100, with expiry 5 (order 2).
func withStop(t *testing.T, k Kind, tif TimeInForce) *expiryBook {
	b := newExpiryBook(t)
	b.mustDo(Command{Type: CommandPlace, OrderID: 1, Owner: 1, Side: Sell, Price: 100, Quantity: 5})
	b.mustDo(Command{Type: CommandPlace, OrderID: 2, Owner: 2, Side: Buy, Kind: k, Price: 200,
		TriggerPrice: 100, Quantity: 1, TimeInForce: tif, Expiry: 5})
	return b
}

// immediateStops are the stop orders that may carry an expiry without
// being GTD.
var immediateStops = []struct {
	kind Kind
	tif  TimeInForce
}{{StopMarket, IOC}, {StopMarket, FOK}, {StopLimit, IOC}, {StopLimit, FOK}}

func TestImmediateStopExpiresByTick(t *testing.T) {
	for _, c := range immediateStops {
		b := withStop(t, c.kind, c.tif)
		if o, ok := b.Order(2); !ok || o.Expiry != 5 || o.TimeInForce != c.tif {
			t.Fatalf("%s %s: Order(2) is %+v (found %v), expected expiry 5 and the order's time in force", c.tif, c.kind, o, ok)
		}
		if got := b.mustDo(Tick(4)); len(got) != 0 {
			t.Errorf("%s %s: tick before the expiry emitted %q", c.tif, c.kind, got)
		}
		if got := b.mustDo(Tick(5)); !slices.Equal(got, []string{"expired 2"}) {
			t.Errorf("%s %s: tick at the expiry emitted %q, expected the stop expired", c.tif, c.kind, got)
		}
		want := []string{"accepted 3", "trade 3 maker=1 left=0"}
		if got := b.mustDo(limitBuy(3, 3, 100, 1)); !slices.Equal(got, want) {
			t.Errorf("%s %s: trade after the expiry emitted %q, expected %q", c.tif, c.kind, got, want)
		}
		if b.StopOrders() != 0 {
			t.Errorf("%s %s: %d stop orders left, expected 0", c.tif, c.kind, b.StopOrders())
		}
	}
}

func TestImmediateStopTriggersBeforeExpiry(t *testing.T) {
	for _, c := range immediateStops {
		b := withStop(t, c.kind, c.tif)
		b.mustDo(Tick(4))
		got := b.mustDo(limitBuy(3, 3, 100, 1))
		want := []string{"accepted 3", "trade 3 maker=1 left=0", "stop-triggered 2", "trade 2 maker=1 left=0"}
		if !slices.Equal(got, want) {
			t.Errorf("%s %s: events %q, expected %q", c.tif, c.kind, got, want)
		}
		if b.ExpiriesPending() || len(b.expiries) != 0 {
			t.Errorf("%s %s: %d expiry heap entries after the stop triggered, expected 0", c.tif, c.kind, len(b.expiries))
		}
		if got := b.mustDo(Tick(5)); len(got) != 0 {
			t.Errorf("%s %s: tick at the triggered stop's expiry emitted %q, expected nothing", c.tif, c.kind, got)
		}
	}
}

func TestImmediateStopCancelLeavesHeap(t *testing.T) {
	b := withStop(t, StopMarket, IOC)
	if got := b.mustDo(Cancel(2)); !slices.Equal(got, []string{"cancelled 2 user"}) {
		t.Fatalf("cancel of the stop emitted %q", got)
	}
	if len(b.expiries) != 0 {
		t.Errorf("%d expiry heap entries after the cancel, expected 0", len(b.expiries))
	}
}

func TestExpiryRejectedOnOtherOrders(t *testing.T) {
	cases := []struct {
		name string
		cmd  Command
		want Reason
	}{
		{"ioc limit", Command{Kind: Limit, TimeInForce: IOC, Expiry: 9}, ReasonExpiryWithoutGTD},
		{"fok market", Command{Kind: Market, TimeInForce: FOK, Expiry: 9}, ReasonExpiryWithoutGTD},
		{"gtc limit", Command{Kind: Limit, TimeInForce: GTC, Expiry: 9}, ReasonExpiryWithoutGTD},
		{"gtc stop-limit", Command{Kind: StopLimit, TimeInForce: GTC, TriggerPrice: 120, Expiry: 9}, ReasonExpiryWithoutGTD},
		{"ioc stop-market at the last tick", Command{Kind: StopMarket, TimeInForce: IOC, TriggerPrice: 120, Expiry: 5}, ReasonExpiryNotAfterLastTick},
		{"fok stop-limit before the last tick", Command{Kind: StopLimit, TimeInForce: FOK, TriggerPrice: 120, Expiry: 4}, ReasonExpiryNotAfterLastTick},
	}
	for _, c := range cases {
		b := newExpiryBook(t)
		b.mustDo(Tick(5))
		cmd := c.cmd
		cmd.Type, cmd.OrderID, cmd.Owner, cmd.Side, cmd.Price, cmd.Quantity = CommandPlace, 1, 1, Buy, 130, 1
		events, err := b.Apply(cmd, nil)
		if ReasonOf(err) != c.want {
			t.Errorf("%s: error %v, expected reason %s", c.name, err, c.want)
		}
		if len(events) != 1 || events[0].Type != EventRejected {
			t.Errorf("%s: events %v, expected one rejection", c.name, events)
		}
	}
}

func TestSnapshotKeepsImmediateStopExpiry(t *testing.T) {
	b := withStop(t, StopLimit, FOK)
	restored, err := RestoreSnapshot(b.AppendSnapshot(nil))
	if err != nil {
		t.Fatalf("restore of a book with a FOK stop with an expiry: %v", err)
	}
	if restored.StateHash() != b.StateHash() {
		t.Fatal("restored book has another state hash")
	}
	if o, ok := restored.Order(2); !ok || o.Expiry != 5 || o.TimeInForce != FOK {
		t.Fatalf("restored Order(2) is %+v (found %v), expected FOK with expiry 5", o, ok)
	}
	r := &expiryBook{t: t, Book: restored}
	if got := expiredIDs(t, r.mustDo(Tick(5))); !slices.Equal(got, []uint64{2}) {
		t.Errorf("tick after restore expired %v, expected [2]", got)
	}
}

func TestRestoreRejectsExpiryOnGTCStop(t *testing.T) {
	b := newExpiryBook(t)
	b.mustDo(Command{Type: CommandPlace, OrderID: 1, Owner: 1, Side: Buy, Kind: StopLimit, Price: 200,
		TriggerPrice: 100, Quantity: 1, TimeInForce: GTC})
	data := b.AppendSnapshot(nil)

	// The buy stop is the last order, followed by its arrival number and
	// the empty sell stop section's count.
	body := data[:len(data)-sha256.Size]
	expiryAt := len(body) - 4 - 8 - 8
	binary.BigEndian.PutUint64(body[expiryAt:], 9)
	sum := sha256.Sum256(body)
	copy(data[len(body):], sum[:])
	if _, err := RestoreSnapshot(data); !errors.Is(err, ErrInvalidSnapshot) {
		t.Fatalf("restore of a GTC stop with expiry 9: error %v, expected ErrInvalidSnapshot", err)
	}

	// The same bytes with an IOC stop are valid.
	data = b.AppendSnapshot(nil)
	body = data[:len(data)-sha256.Size]
	body[expiryAt-3*8-2] = byte(IOC) // time in force: before self-trade, price, trigger, remaining
	binary.BigEndian.PutUint64(body[expiryAt:], 9)
	sum = sha256.Sum256(body)
	copy(data[len(body):], sum[:])
	restored, err := RestoreSnapshot(data)
	if err != nil {
		t.Fatalf("restore of an IOC stop with expiry 9: %v", err)
	}
	if o, ok := restored.Order(1); !ok || o.TimeInForce != IOC || o.Expiry != 9 {
		t.Fatalf("restored Order(1) is %+v (found %v), expected IOC with expiry 9", o, ok)
	}
}
