package matching

import (
	"fmt"
	"math/big"
)

// checkRejection checks that a command's error and its events agree: a
// rejected command emits exactly one Rejected event carrying the error's
// reason, and an accepted command emits none.
func checkRejection(err error, events []Event) error {
	rejected := 0
	for _, e := range events {
		if e.Type == EventRejected {
			rejected++
		}
	}
	switch {
	case err == nil && rejected > 0:
		return fmt.Errorf("no error but %d Rejected events", rejected)
	case err != nil && (rejected != 1 || len(events) != 1):
		return fmt.Errorf("error %v with %d events, %d of them Rejected; expected one Rejected event only", err, len(events), rejected)
	case err != nil && ReasonOf(err) != events[0].Reason:
		return fmt.Errorf("error %v has reason %s, the event %s", err, ReasonOf(err), events[0].Reason)
	}
	return nil
}

// auditor follows the event stream and checks that quantities are
// conserved: every accepted order's lots end in fills, a terminal event or
// the book, and every order gets exactly one terminal event.
type auditor struct {
	cfg    Config
	open   map[uint64]uint64 // id -> remaining lots by the events so far
	closed map[uint64]bool   // ids whose terminal event was seen and not reused
}

func newAuditor(cfg Config) *auditor {
	return &auditor{cfg: cfg, open: map[uint64]uint64{}, closed: map[uint64]bool{}}
}

func (a *auditor) observe(cmd Command, events []Event) error {
	for i := range events {
		if err := a.event(&events[i]); err != nil {
			return fmt.Errorf("event %d (%s): %w", i, events[i].String(), err)
		}
	}
	return nil
}

func (a *auditor) event(e *Event) error {
	switch e.Type {
	case EventAccepted:
		if _, ok := a.open[e.OrderID]; ok {
			return fmt.Errorf("order %d accepted while open", e.OrderID)
		}
		a.open[e.OrderID] = e.Quantity
		delete(a.closed, e.OrderID)
	case EventTrade:
		if e.IsTerminalFor(e.OrderID) != (e.TakerRemaining == 0) || e.IsTerminalFor(e.MakerID) != (e.MakerRemaining == 0) {
			return fmt.Errorf("IsTerminalFor disagrees with the remaining quantities")
		}
		if err := a.fill(e.OrderID, e.Quantity, e.TakerRemaining); err != nil {
			return err
		}
		if err := a.fill(e.MakerID, e.Quantity, e.MakerRemaining); err != nil {
			return err
		}
		return checkAmounts(a.cfg, e)
	case EventCancelled, EventExpired:
		if !e.IsTerminalFor(e.OrderID) {
			return fmt.Errorf("IsTerminalFor(%d) is false for its own %s event", e.OrderID, e.Type)
		}
		rem, ok := a.open[e.OrderID]
		if !ok || rem != e.Quantity {
			return fmt.Errorf("order %d ends with %d lots, the stream left it %d (open %v)", e.OrderID, e.Quantity, rem, ok)
		}
		a.close(e.OrderID)
	case EventAmended:
		if _, ok := a.open[e.OrderID]; !ok {
			return fmt.Errorf("amend of order %d that is not open", e.OrderID)
		}
		a.open[e.OrderID] = e.Quantity
	case EventStopTriggered:
		if rem := a.open[e.OrderID]; rem != e.Quantity {
			return fmt.Errorf("stop %d triggers with %d lots, the stream left it %d", e.OrderID, e.Quantity, rem)
		}
	}
	return nil
}

func (a *auditor) fill(id, lots, left uint64) error {
	rem, ok := a.open[id]
	if !ok || rem < lots || rem-lots != left {
		return fmt.Errorf("order %d fills %d lots leaving %d, the stream left it %d (open %v)", id, lots, left, rem, ok)
	}
	a.open[id] = left
	if left == 0 {
		a.close(id)
	}
	return nil
}

func (a *auditor) close(id uint64) {
	delete(a.open, id)
	a.closed[id] = true
}

// checkBook compares the auditor's open orders with the book's.
func (a *auditor) checkBook(b *Book) error {
	n := 0
	var err error
	b.ForEachOpenOrder(func(o OrderInfo) bool {
		n++
		if rem, ok := a.open[o.ID]; !ok || rem != o.Remaining {
			err = fmt.Errorf("book holds order %d with %d lots, the stream left it %d (open %v)", o.ID, o.Remaining, rem, ok)
		}
		return err == nil
	})
	if err == nil && n != len(a.open) {
		err = fmt.Errorf("book holds %d open orders, the stream %d", n, len(a.open))
	}
	return err
}

// checkAmounts recomputes a trade's quote and fees with math/big, following
// docs/PROTOCOL.md: quote = price * lots * QuotePerTickLot and
// fee = floor(quote * bps / 10000).
func checkAmounts(cfg Config, e *Event) error {
	quote := new(big.Int).SetUint64(e.Price)
	quote.Mul(quote, new(big.Int).SetUint64(e.Quantity))
	quote.Mul(quote, new(big.Int).SetUint64(cfg.QuotePerTickLot))
	fee := func(bps uint16) *big.Int {
		f := new(big.Int).Mul(quote, big.NewInt(int64(bps)))
		return f.Div(f, big.NewInt(10_000))
	}
	switch {
	case e.Quote.ToBig().Cmp(quote) != 0:
		return fmt.Errorf("quote %s, expected %s", e.Quote.Dec(), quote)
	case e.MakerFee.ToBig().Cmp(fee(cfg.MakerFeeBps)) != 0:
		return fmt.Errorf("maker fee %s, expected %s", e.MakerFee.Dec(), fee(cfg.MakerFeeBps))
	case e.TakerFee.ToBig().Cmp(fee(cfg.TakerFeeBps)) != 0:
		return fmt.Errorf("taker fee %s, expected %s", e.TakerFee.Dec(), fee(cfg.TakerFeeBps))
	}
	return nil
}
