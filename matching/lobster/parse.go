package lobster

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrInvalidFile marks a malformed message or orderbook line.
var ErrInvalidFile = errors.New("lobster: invalid file")

// Message types.
const (
	TypeSubmission   = 1
	TypeCancellation = 2
	TypeDeletion     = 3
	TypeExecution    = 4
	TypeHidden       = 5
	TypeCross        = 6
	TypeHalt         = 7
)

// Message is one line of a message file.
type Message struct {
	Time      string // seconds after midnight, as written
	Type      int
	OrderID   uint64
	Size      uint64 // shares
	Price     int64  // dollars times 10,000
	Direction int    // 1 buy order, -1 sell order
}

// PriceLevel is one level of an orderbook row.
type PriceLevel struct {
	Price int64
	Size  uint64
}

// Row is one line of an orderbook file: the top levels of each side, best
// first. Empty positions (LOBSTER writes prices of ±9999999999 with size 0)
// are left out, so a side may have fewer levels than the file.
type Row struct {
	Asks []PriceLevel
	Bids []PriceLevel
	// Depth is the number of levels per side the file records.
	Depth int
}

// lineMax is the longest line accepted, in bytes; a 50-level orderbook row
// is about 4 KiB.
const lineMax = 1 << 16

// lineReader reads comma-separated lines and skips a header line.
type lineReader struct {
	sc   *bufio.Scanner
	line int
	name string
}

func newLineReader(r io.Reader, name string) *lineReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), lineMax)
	return &lineReader{sc: sc, name: name}
}

// next returns the fields of the next data line, or io.EOF.
func (lr *lineReader) next() ([]string, error) {
	for lr.sc.Scan() {
		lr.line++
		text := strings.TrimSpace(lr.sc.Text())
		if text == "" {
			continue
		}
		fields := strings.Split(text, ",")
		if lr.line == 1 && isHeader(fields) {
			continue
		}
		return fields, nil
	}
	if err := lr.sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s line %d: %w", ErrInvalidFile, lr.name, lr.line+1, err)
	}
	return nil, io.EOF
}

// isHeader reports whether a first line holds column names (the published
// samples have none; some copies add one).
func isHeader(fields []string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(fields[0]), 64)
	return err != nil
}

func (lr *lineReader) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s line %d: %s", ErrInvalidFile, lr.name, lr.line, fmt.Sprintf(format, args...))
}

// MessageReader reads a LOBSTER message file.
type MessageReader struct{ lr *lineReader }

// NewMessageReader returns a reader of the message file r.
func NewMessageReader(r io.Reader) *MessageReader {
	return &MessageReader{lr: newLineReader(r, "message file")}
}

// Next returns the next message, or io.EOF after the last.
func (mr *MessageReader) Next() (Message, error) {
	f, err := mr.lr.next()
	if err != nil {
		return Message{}, err
	}
	if len(f) != 6 {
		return Message{}, mr.lr.errorf("%d columns, expected 6 (time, type, order id, size, price, direction)", len(f))
	}
	var m Message
	var errs [5]error
	m.Time = f[0]
	m.Type, errs[0] = strconv.Atoi(f[1])
	m.OrderID, errs[1] = strconv.ParseUint(f[2], 10, 64)
	m.Size, errs[2] = strconv.ParseUint(f[3], 10, 64)
	m.Price, errs[3] = strconv.ParseInt(f[4], 10, 64)
	m.Direction, errs[4] = strconv.Atoi(f[5])
	if err := errors.Join(errs[:]...); err != nil {
		return Message{}, mr.lr.errorf("%v", err)
	}
	if m.Direction != 1 && m.Direction != -1 {
		return Message{}, mr.lr.errorf("direction %d, expected 1 or -1", m.Direction)
	}
	return m, nil
}

// Line returns the line number of the last message read.
func (mr *MessageReader) Line() int { return mr.lr.line }

// RowReader reads a LOBSTER orderbook file.
type RowReader struct{ lr *lineReader }

// NewRowReader returns a reader of the orderbook file r.
func NewRowReader(r io.Reader) *RowReader {
	return &RowReader{lr: newLineReader(r, "orderbook file")}
}

// emptyPrice is the magnitude of the price LOBSTER writes at empty positions.
const emptyPrice = 9_999_999_999

// Next returns the next row, or io.EOF after the last.
func (rr *RowReader) Next() (Row, error) {
	f, err := rr.lr.next()
	if err != nil {
		return Row{}, err
	}
	if len(f) == 0 || len(f)%4 != 0 {
		return Row{}, rr.lr.errorf("%d columns, expected a multiple of 4 (ask price, ask size, bid price, bid size)", len(f))
	}
	row := Row{Depth: len(f) / 4}
	for i := 0; i < len(f); i += 4 {
		var v [4]int64
		for j := range v {
			if v[j], err = strconv.ParseInt(f[i+j], 10, 64); err != nil {
				return Row{}, rr.lr.errorf("column %d: %v", i+j+1, err)
			}
		}
		if v[0] != emptyPrice && v[1] > 0 {
			row.Asks = append(row.Asks, PriceLevel{Price: v[0], Size: uint64(v[1])})
		}
		if v[2] != -emptyPrice && v[3] > 0 {
			row.Bids = append(row.Bids, PriceLevel{Price: v[2], Size: uint64(v[3])})
		}
	}
	return row, nil
}
