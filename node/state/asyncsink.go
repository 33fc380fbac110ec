package state

import "io"

// asyncSinkBuffers is the number of buffers an asyncSink cycles through:
// how far the encoder may run ahead of the hash (and the snapshot file)
// before it waits. Four buffers of asyncSinkBufferBytes are 512 KiB.
const asyncSinkBuffers = 4

// asyncSinkBufferBytes is the size of one asyncSink buffer. The encoder
// flushes at spillBytes, so one flush fits in one buffer.
const asyncSinkBufferBytes = 2 * spillBytes

// part names the outputs a piece of the encoding goes to. The state
// hash and the snapshot share every section but the replay set, which a
// snapshot holds entry by entry and the state hash as digests
// (replaydigest.go).
type part uint8

const (
	toSnapshot part = 1 << iota
	toStateHash
	toBoth = toSnapshot | toStateHash
)

// asyncSink passes what is written to it to a snapshot writer and a state
// hash writer on its own goroutine. So a state hash (and a snapshot file)
// is computed on a second core while the state is still being encoded.
// Encoding stops the sequencer, and hashing took about 40% of that stop
// at a million resting orders. Each write goes to the outputs that route
// last named, toBoth at first, and the bytes reach each writer in the
// order written.
//
// Write copies p, so the caller may reuse it at once, as io.Writer
// requires. Close waits until the writers have taken everything.
type asyncSink struct {
	to   part
	work chan sinkChunk
	free chan []byte
	done chan struct{}
}

type sinkChunk struct {
	b  []byte
	to part
}

// newAsyncSink returns a sink that writes to snapshot and state, either
// of which may be nil.
func newAsyncSink(snapshot, state io.Writer) *asyncSink {
	s := &asyncSink{
		to:   toBoth,
		work: make(chan sinkChunk, asyncSinkBuffers),
		free: make(chan []byte, asyncSinkBuffers),
		done: make(chan struct{}),
	}
	for range asyncSinkBuffers {
		s.free <- make([]byte, 0, asyncSinkBufferBytes)
	}
	go func() {
		defer close(s.done)
		for c := range s.work {
			// hash.Hash's Write never returns an error, and a countingWriter
			// keeps its first error for the caller to check.
			if c.to&toSnapshot != 0 && snapshot != nil {
				_, _ = snapshot.Write(c.b)
			}
			if c.to&toStateHash != 0 && state != nil {
				_, _ = state.Write(c.b)
			}
			s.free <- c.b[:0]
		}
	}()
	return s
}

// route sends the writes that follow to the outputs named by to.
func (s *asyncSink) route(to part) { s.to = to }

func (s *asyncSink) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		b := <-s.free
		k := min(len(p), cap(b))
		s.work <- sinkChunk{b: append(b, p[:k]...), to: s.to}
		p = p[k:]
	}
	return n, nil
}

// Close returns once the writers have taken every byte written. The sink
// must not be written to afterwards.
func (s *asyncSink) Close() {
	close(s.work)
	<-s.done
}
