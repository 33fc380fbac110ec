package matching

import (
	"bytes"
	"errors"
	"testing"
)

// TestWriteSnapshotMatchesAppend checks that the streamed snapshot is the
// bytes of AppendSnapshot and SnapshotSize long, for a book whose
// encoding spans several chunks.
func TestWriteSnapshotMatchesAppend(t *testing.T) {
	book := seededBook(t)
	for i := range uint64(3_000) {
		side, price := Buy, 1+i%90
		if i%2 == 1 {
			side, price = Sell, 200+i%90
		}
		cmd := Command{Type: CommandPlace, OrderID: 100 + i, Owner: 10 + i%7, Side: side, Price: price, Quantity: 1, MaxFeeBps: 10}
		if _, err := book.Apply(cmd, nil); err != nil {
			t.Fatalf("place %+v: %v", cmd, err)
		}
	}
	want := book.AppendSnapshot(nil)
	if len(want) < 2*snapshotChunkLen {
		t.Fatalf("snapshot of %d bytes does not span several %d-byte chunks", len(want), snapshotChunkLen)
	}
	if got := book.SnapshotSize(); got != len(want) {
		t.Fatalf("SnapshotSize = %d, AppendSnapshot wrote %d bytes", got, len(want))
	}
	var buf bytes.Buffer
	if err := book.WriteSnapshot(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("WriteSnapshot wrote %d bytes that differ from AppendSnapshot's %d", buf.Len(), len(want))
	}
	if _, err := RestoreSnapshot(buf.Bytes()); err != nil {
		t.Fatalf("restore the streamed snapshot: %v", err)
	}
}

func TestSnapshotSizeOfEmptyBook(t *testing.T) {
	book, err := NewBook(testConfig())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := book.SnapshotSize(), len(book.AppendSnapshot(nil)); got != want {
		t.Fatalf("SnapshotSize of an empty book = %d, AppendSnapshot wrote %d bytes", got, want)
	}
}

func TestWriteSnapshotReturnsWriteError(t *testing.T) {
	errDiskFull := errors.New("disk full")
	if err := seededBook(t).WriteSnapshot(failingWriter{err: errDiskFull}); !errors.Is(err, errDiskFull) {
		t.Fatalf("WriteSnapshot to a failing writer: %v, expected %v", err, errDiskFull)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }
