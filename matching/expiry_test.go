package matching

import (
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
	b := newExpiryBook(t)
	b.mustDo(Command{Type: CommandPlace, OrderID: 1, Owner: 1, Side: Sell, Price: 100, Quantity: 5})
	b.mustDo(Command{Type: CommandPlace, OrderID: 2, Owner: 2, Side: Buy, Kind: StopMarket, Price: 200,
		TriggerPrice: 100, Quantity: 1, TimeInForce: GTD, Expiry: 5})
	b.expiriesMax = 0
	b.mustDo(Tick(5))
	b.expiriesMax = ExpiriesPerCommandMax
	got := b.mustDo(limitBuy(3, 3, 100, 1))
	want := []string{"accepted 3", "trade 3 maker=1 left=0", "expired 2"}
	if !slices.Equal(got, want) {
		t.Errorf("events %q, expected %q: the due stop expires instead of triggering", got, want)
	}
}

func TestSnapshotKeepsDueOrders(t *testing.T) {
	b := withDue(t)
	restored, err := RestoreSnapshot(b.AppendSnapshot(nil))
	if err != nil {
		t.Fatalf("restore of a book with due orders: %v", err)
	}
	if restored.StateHash() != b.StateHash() {
		t.Fatal("restored book has another state hash")
	}
	r := &expiryBook{t: t, Book: restored}
	if got := expiredIDs(t, r.mustDo(Tick(5))); !slices.Equal(got, []uint64{1, 2}) {
		t.Errorf("tick after restore expired %v, expected [1 2]", got)
	}
}
