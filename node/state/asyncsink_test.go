package state

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestAsyncSinkKeepsOrder writes pieces of random sizes, some larger than
// a buffer, reusing the caller's buffer after each write, and checks that
// the writer received exactly the bytes written, in order.
func TestAsyncSinkKeepsOrder(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	var got bytes.Buffer
	s := newAsyncSink(&got, nil, nil)
	var want []byte
	scratch := make([]byte, 3*asyncSinkBufferBytes)
	for range 200 {
		p := scratch[:rng.IntN(len(scratch))]
		for i := range p {
			p[i] = byte(rng.Uint32())
		}
		want = append(want, p...)
		if n, err := s.Write(p); n != len(p) || err != nil {
			t.Fatalf("Write(%d bytes) = %d, %v", len(p), n, err)
		}
	}
	s.Close()
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("writer received %d bytes that differ from the %d written", got.Len(), len(want))
	}
}
