package lobster

import (
	"errors"
	"fmt"
	"io"

	"github.com/thaliumx/thaliumx/matching"
)

// Errors of a replay.
var (
	// ErrMismatch: the engine's top of book differs from the orderbook row.
	ErrMismatch = errors.New("lobster: top of book mismatch")
	// ErrRowCount: the two files have different numbers of lines.
	ErrRowCount = errors.New("lobster: message and orderbook files differ in length")
	// ErrReplay: a message could not be applied (an unknown type, an
	// execution during a trading halt, or a command the engine rejected).
	ErrReplay = errors.New("lobster: message cannot be replayed")
)

// Result counts what a replay did.
type Result struct {
	Rows            int // messages replayed, one orderbook row each
	Matched         int // rows whose top of book the engine reproduced
	Reconstructions int // gaps in the messages filled from the rows, all kinds
	UnknownOrders   int // events naming an order no message placed
	LevelFixes      int // a level or order whose size disagreed with the previous row or the event
	RevealedLevels  int // levels beyond the previous row's that came into view
	Executions      int // visible executions (type 4)
	NamedFirst      int // executions whose first fill was the named order
}

// Engine ids outside the range of NASDAQ order ids.
const (
	fillerIDBase = 1 << 62 // quantity seen in a row but in no message
	takerIDBase  = 1 << 61 // the incoming side of an execution
	restingOwner = 1
	takerOwner   = 2
)

// engineConfig is a market wide enough for any LOBSTER file: prices are
// dollars times 10,000 and quantities shares.
var engineConfig = matching.Config{
	MarketID: 1, QuotePerTickLot: 1, MaxPrice: 1 << 40, MaxQuantity: 1 << 32,
	MaxRestingOrders: 1 << 22, MaxStopOrders: 1,
}

// Replayer applies LOBSTER messages to a matching.Book.
type Replayer struct {
	book    *matching.Book
	events  []matching.Event
	orders  []matching.OrderInfo
	levels  []matching.Level
	prev    Row
	fillers uint64
	takers  uint64
	halted  bool
	seeded  bool
	res     Result
}

// NewReplayer returns a replayer with an empty book.
func NewReplayer() *Replayer {
	book, err := matching.NewBook(engineConfig)
	if err != nil {
		panic(fmt.Sprintf("lobster: engine config rejected: %v", err)) // a constant; tests cover it
	}
	return &Replayer{book: book}
}

// Book returns the engine's book.
func (r *Replayer) Book() *matching.Book { return r.book }

// Result returns the counts so far.
func (r *Replayer) Result() Result { return r.res }

// Replay reads both files to the end and replays every message. It stops at
// the first mismatch with an error that names the row and both tops of book.
func Replay(messages, orderbook io.Reader) (Result, error) {
	mr, rr := NewMessageReader(messages), NewRowReader(orderbook)
	r := NewReplayer()
	for {
		m, merr := mr.Next()
		row, rerr := rr.Next()
		switch {
		case merr == io.EOF && rerr == io.EOF:
			return r.res, nil
		case merr != nil && merr != io.EOF:
			return r.res, merr
		case rerr != nil && rerr != io.EOF:
			return r.res, rerr
		case merr == io.EOF || rerr == io.EOF:
			return r.res, fmt.Errorf("%w: one file ends after %d rows; use the message and orderbook files of one sample", ErrRowCount, r.res.Rows)
		}
		if err := r.Step(m, row); err != nil {
			return r.res, err
		}
	}
}

// Step applies one message and checks the engine against row, the orderbook
// row recorded after it. The first call seeds the book from row.
func (r *Replayer) Step(m Message, row Row) error {
	if !r.seeded {
		if err := r.seed(m, row); err != nil {
			return err
		}
		r.seeded = true
	}
	r.res.Rows++
	if err := r.apply(m); err != nil {
		return fmt.Errorf("row %d (message at %s, type %d, order %d): %w", r.res.Rows, m.Time, m.Type, m.OrderID, err)
	}
	if err := r.reveal(row); err != nil {
		return fmt.Errorf("row %d: %w", r.res.Rows, err)
	}
	if err := r.compare(row); err != nil {
		return err
	}
	r.res.Matched++
	r.prev = row
	return nil
}

func side(direction int) matching.Side {
	if direction == 1 {
		return matching.Buy
	}
	return matching.Sell
}

func levels(row *Row, s matching.Side) []PriceLevel {
	if s == matching.Buy {
		return row.Bids
	}
	return row.Asks
}

// seed fills the book with the levels of the first row as they stood before
// the first message, by undoing that message's effect on its level.
func (r *Replayer) seed(m Message, first Row) error {
	row := Row{Depth: first.Depth, Asks: append([]PriceLevel(nil), first.Asks...), Bids: append([]PriceLevel(nil), first.Bids...)}
	if m.Price > 0 && m.Type >= TypeSubmission && m.Type <= TypeExecution {
		s := side(m.Direction)
		lv := levels(&row, s)
		i := findLevel(lv, m.Price)
		switch {
		case m.Type == TypeSubmission && i >= 0 && lv[i].Size > m.Size:
			lv[i].Size -= m.Size
		case m.Type == TypeSubmission && i >= 0:
			lv = append(lv[:i], lv[i+1:]...)
		case m.Type != TypeSubmission && i >= 0:
			lv[i].Size += m.Size
		case m.Type != TypeSubmission:
			lv = insertLevel(s, lv, PriceLevel{Price: m.Price, Size: m.Size})
		}
		if s == matching.Buy {
			row.Bids = lv
		} else {
			row.Asks = lv
		}
	}
	for _, s := range []matching.Side{matching.Buy, matching.Sell} {
		for _, l := range levels(&row, s) {
			if err := r.addFiller(s, l.Price, l.Size); err != nil {
				return fmt.Errorf("seeding from the first orderbook row: %w", err)
			}
		}
	}
	r.prev = row
	return nil
}

func findLevel(lv []PriceLevel, price int64) int {
	for i, l := range lv {
		if l.Price == price {
			return i
		}
	}
	return -1
}

// insertLevel puts l into lv in priority order.
func insertLevel(s matching.Side, lv []PriceLevel, l PriceLevel) []PriceLevel {
	i := 0
	for i < len(lv) && (s == matching.Buy && lv[i].Price > l.Price || s == matching.Sell && lv[i].Price < l.Price) {
		i++
	}
	lv = append(lv, PriceLevel{})
	copy(lv[i+1:], lv[i:])
	lv[i] = l
	return lv
}

// apply turns one message into engine commands.
func (r *Replayer) apply(m Message) error {
	switch m.Type {
	case TypeSubmission:
		return r.submit(m)
	case TypeCancellation, TypeDeletion, TypeExecution:
		if m.Price <= 0 || m.Size == 0 {
			return fmt.Errorf("%w: price %d and size %d must be positive", ErrReplay, m.Price, m.Size)
		}
		if m.Type == TypeExecution && r.halted {
			return fmt.Errorf("%w: visible execution during a trading halt", ErrReplay)
		}
		if err := r.prepare(m); err != nil {
			return err
		}
		switch m.Type {
		case TypeCancellation:
			return r.cancelPart(m)
		case TypeDeletion:
			return r.delete(m)
		}
		return r.execute(m)
	case TypeHidden, TypeCross:
		return nil
	case TypeHalt:
		// Price -1 halts trading, 0 resumes quoting, 1 resumes trading.
		r.halted = m.Price != 1
		return nil
	}
	return fmt.Errorf("%w: unknown message type %d", ErrReplay, m.Type)
}
