package lobster

import (
	"fmt"

	"github.com/thaliumx/thaliumx/matching"
)

// Kinds of reconstruction, for Result.
const (
	fixLevel = iota
	fixUnknown
	fixRevealed
)

// count records one reconstruction.
func (r *Replayer) count(kind int) {
	r.res.Reconstructions++
	switch kind {
	case fixUnknown:
		r.res.UnknownOrders++
	case fixRevealed:
		r.res.RevealedLevels++
	default:
		r.res.LevelFixes++
	}
}

// run applies a command that must succeed.
func (r *Replayer) run(cmd matching.Command) error {
	var err error
	r.events, err = r.book.Apply(cmd, r.events[:0])
	if err != nil {
		return fmt.Errorf("%w: %w", ErrReplay, err)
	}
	return nil
}

func (r *Replayer) placeLimit(id uint64, s matching.Side, price int64, size uint64) error {
	return r.run(matching.Command{Type: matching.CommandPlace, OrderID: id, Owner: restingOwner, Side: s,
		Kind: matching.Limit, TimeInForce: matching.GTC, Price: uint64(price), Quantity: size})
}

func (r *Replayer) levelSize(s matching.Side, price int64) uint64 {
	l, _ := r.book.LevelAt(s, uint64(price))
	return l.Quantity
}

// addFiller rests size anonymous shares at price, first removing any
// opposite levels it would cross (stale quantity the messages never
// removed).
func (r *Replayer) addFiller(s matching.Side, price int64, size uint64) error {
	if err := r.clearCrossing(s, price); err != nil {
		return err
	}
	r.fillers++
	return r.placeLimit(fillerIDBase+r.fillers, s, price, size)
}

// clearCrossing cancels every opposite level at or through price.
func (r *Replayer) clearCrossing(s matching.Side, price int64) error {
	opp := s.Opposite()
	for {
		best, _, ok := r.book.BestAsk()
		if opp == matching.Buy {
			best, _, ok = r.book.BestBid()
		}
		if !ok || (s == matching.Buy && best > uint64(price)) || (s == matching.Sell && best < uint64(price)) {
			return nil
		}
		r.count(fixLevel)
		if err := r.trim(opp, int64(best), r.levelSize(opp, int64(best))); err != nil {
			return err
		}
	}
}

// setLevel makes the level at price hold size shares, adding a filler or
// trimming orders, and counts a reconstruction when it changes anything.
func (r *Replayer) setLevel(s matching.Side, price int64, size uint64, kind int) error {
	have := r.levelSize(s, price)
	switch {
	case have < size:
		r.count(kind)
		return r.addFiller(s, price, size-have)
	case have > size:
		r.count(kind)
		return r.trim(s, price, have-size)
	}
	return nil
}

// trim takes size shares off the level at price: fillers first, then the
// newest orders.
func (r *Replayer) trim(s matching.Side, price int64, size uint64) error {
	r.orders = r.orders[:0]
	r.book.LevelOrders(s, uint64(price), func(o matching.OrderInfo) bool {
		r.orders = append(r.orders, o)
		return true
	})
	for pass := 0; pass < 2 && size > 0; pass++ {
		for i := len(r.orders) - 1; i >= 0 && size > 0; i-- {
			o := &r.orders[i]
			if o.Remaining == 0 || (pass == 0) != (o.ID >= fillerIDBase) {
				continue
			}
			take := min(size, o.Remaining)
			if err := r.reduce(o.ID, uint64(price), o.Remaining, take); err != nil {
				return err
			}
			o.Remaining -= take
			size -= take
		}
	}
	return nil
}

// reduce takes lots off an order, cancelling it when nothing is left.
func (r *Replayer) reduce(id, price, remaining, lots uint64) error {
	if lots >= remaining {
		return r.run(matching.Cancel(id))
	}
	return r.run(matching.Amend(id, price, remaining-lots))
}

// prepare makes the book ready for an event on a named resting order: its
// level agrees with the previous row, and the order exists at its price.
func (r *Replayer) prepare(m Message) error {
	s := side(m.Direction)
	if i := findLevel(levels(&r.prev, s), m.Price); i >= 0 {
		if err := r.setLevel(s, m.Price, levels(&r.prev, s)[i].Size, fixLevel); err != nil {
			return err
		}
	}

	o, ok := r.book.Order(m.OrderID)
	if ok && (o.Side != s || o.Price != uint64(m.Price)) {
		// The id now names an order elsewhere than the book has it.
		r.count(fixLevel)
		if err := r.run(matching.Cancel(m.OrderID)); err != nil {
			return err
		}
		ok = false
	}
	if ok {
		return nil
	}

	// The order rested beyond the file's levels when it arrived. When the
	// previous row shows its level, the order's size is already in that
	// level: take it off the fillers first, then off the newest orders.
	r.count(fixUnknown)
	inRow := findLevel(levels(&r.prev, s), m.Price) >= 0
	var err error
	if inRow {
		err = r.trim(s, m.Price, m.Size)
	} else {
		err = r.trimFillers(s, m.Price, m.Size)
	}
	if err != nil {
		return err
	}
	if err := r.placeLimit(m.OrderID, s, m.Price, m.Size); err != nil {
		return err
	}
	if m.Type == TypeExecution {
		// An execution fills the oldest order, so the named order was ahead
		// of the quantity no message explains: queue the fillers behind it.
		return r.requeueFillers(s, m.Price)
	}
	return nil
}

// requeueFillers moves the fillers at price to the back of the level as one
// filler of the same total.
func (r *Replayer) requeueFillers(s matching.Side, price int64) error {
	r.orders = r.orders[:0]
	r.book.LevelOrders(s, uint64(price), func(o matching.OrderInfo) bool {
		if o.ID >= fillerIDBase {
			r.orders = append(r.orders, o)
		}
		return true
	})
	var total uint64
	for _, o := range r.orders {
		total += o.Remaining
		if err := r.run(matching.Cancel(o.ID)); err != nil {
			return err
		}
	}
	if total == 0 {
		return nil
	}
	r.fillers++
	return r.placeLimit(fillerIDBase+r.fillers, s, price, total)
}

// trimFillers takes up to size shares off the fillers at price.
func (r *Replayer) trimFillers(s matching.Side, price int64, size uint64) error {
	r.orders = r.orders[:0]
	r.book.LevelOrders(s, uint64(price), func(o matching.OrderInfo) bool {
		if o.ID >= fillerIDBase {
			r.orders = append(r.orders, o)
		}
		return true
	})
	for i := len(r.orders) - 1; i >= 0 && size > 0; i-- {
		o := r.orders[i]
		take := min(size, o.Remaining)
		if err := r.reduce(o.ID, uint64(price), o.Remaining, take); err != nil {
			return err
		}
		size -= take
	}
	return nil
}

func (r *Replayer) submit(m Message) error {
	if m.Price <= 0 || m.Size == 0 {
		return fmt.Errorf("%w: submission price %d and size %d must be positive", ErrReplay, m.Price, m.Size)
	}
	s := side(m.Direction)
	if _, ok := r.book.Order(m.OrderID); ok {
		r.count(fixLevel)
		if err := r.run(matching.Cancel(m.OrderID)); err != nil {
			return err
		}
	}
	if err := r.clearCrossing(s, m.Price); err != nil {
		return err
	}
	return r.placeLimit(m.OrderID, s, m.Price, m.Size)
}

// cancelPart reduces the named order; when the message cancels more than
// the order holds, the rest comes off the level's other orders.
func (r *Replayer) cancelPart(m Message) error {
	o, _ := r.book.Order(m.OrderID)
	if m.Size <= o.Remaining {
		return r.reduce(o.ID, o.Price, o.Remaining, m.Size)
	}
	r.count(fixLevel)
	if err := r.run(matching.Cancel(o.ID)); err != nil {
		return err
	}
	return r.trim(o.Side, m.Price, m.Size-o.Remaining)
}

// delete cancels the named order and keeps the level's size what the
// message implies when the order's size disagrees with it.
func (r *Replayer) delete(m Message) error {
	o, _ := r.book.Order(m.OrderID)
	if err := r.run(matching.Cancel(o.ID)); err != nil {
		return err
	}
	switch {
	case o.Remaining < m.Size:
		r.count(fixLevel)
		return r.trim(o.Side, m.Price, m.Size-o.Remaining)
	case o.Remaining > m.Size:
		r.count(fixLevel)
		return r.addFiller(o.Side, m.Price, o.Remaining-m.Size)
	}
	return nil
}

// execute sends an IOC order of the opposite side against the named order's
// level and records whether the named order filled first.
func (r *Replayer) execute(m Message) error {
	s := side(m.Direction)
	r.takers++
	err := r.run(matching.Command{Type: matching.CommandPlace, OrderID: takerIDBase + r.takers, Owner: takerOwner,
		Side: s.Opposite(), Kind: matching.Limit, TimeInForce: matching.IOC, Price: uint64(m.Price), Quantity: m.Size})
	if err != nil {
		return err
	}
	r.res.Executions++
	for _, e := range r.events {
		if e.Type == matching.EventTrade {
			if e.MakerID == m.OrderID {
				r.res.NamedFirst++
			}
			break
		}
	}
	return nil
}

// reveal adjusts the levels that come into view from beyond the previous
// row's last level: the row is the first to show them, so the book learns
// them here. Levels the previous row showed are left alone.
func (r *Replayer) reveal(row Row) error {
	for _, s := range []matching.Side{matching.Buy, matching.Sell} {
		prev := levels(&r.prev, s)
		if len(prev) < r.prev.Depth {
			continue // the previous row showed the whole side
		}
		if err := r.revealSide(s, prev[len(prev)-1].Price, levels(&row, s), len(levels(&row, s)) < row.Depth); err != nil {
			return err
		}
	}
	return nil
}

// revealSide makes the book's levels beyond boundary agree with cur, the
// row's levels. When the row shows the whole side (complete), every level
// beyond boundary must be in cur; otherwise only those before cur's last.
func (r *Replayer) revealSide(s matching.Side, boundary int64, cur []PriceLevel, complete bool) error {
	hidden := func(p int64) bool {
		if s == matching.Buy {
			return p < boundary
		}
		return p > boundary
	}
	inRange := func(p int64) bool {
		if complete || len(cur) == 0 {
			return complete
		}
		last := cur[len(cur)-1].Price
		return (s == matching.Buy && p >= last) || (s == matching.Sell && p <= last)
	}
	// Remove book levels in view that the row does not show.
	for n := 16; ; n *= 2 {
		r.levels = r.book.AppendDepth(s, n, r.levels[:0])
		for _, l := range r.levels {
			p := int64(l.Price)
			if hidden(p) && inRange(p) && findLevel(cur, p) < 0 {
				r.count(fixRevealed)
				if err := r.trim(s, p, l.Quantity); err != nil {
					return err
				}
			}
		}
		if len(r.levels) < n || !inRange(int64(r.levels[len(r.levels)-1].Price)) {
			break
		}
	}
	for _, l := range cur {
		if hidden(l.Price) {
			if err := r.setLevel(s, l.Price, l.Size, fixRevealed); err != nil {
				return err
			}
		}
	}
	return nil
}

// compare checks the engine's best ask and bid against the row.
func (r *Replayer) compare(row Row) error {
	askP, askQ, _ := r.book.BestAsk()
	bidP, bidQ, _ := r.book.BestBid()
	var want [4]uint64
	if len(row.Asks) > 0 {
		want[0], want[1] = uint64(row.Asks[0].Price), row.Asks[0].Size
	}
	if len(row.Bids) > 0 {
		want[2], want[3] = uint64(row.Bids[0].Price), row.Bids[0].Size
	}
	if [4]uint64{askP, askQ, bidP, bidQ} != want {
		return fmt.Errorf("%w at row %d: engine ask %d x %d, bid %d x %d; orderbook file ask %d x %d, bid %d x %d",
			ErrMismatch, r.res.Rows, askP, askQ, bidP, bidQ, want[0], want[1], want[2], want[3])
	}
	return nil
}
