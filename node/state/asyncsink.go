package state

import (
	"io"
	"sync"
)

// asyncSinkBuffers is the number of buffers an asyncSink cycles through:
// how far the encoder may run ahead of the hash (and the snapshot file)
// before it waits. Four buffers of asyncSinkBufferBytes are 512 KiB.
const asyncSinkBuffers = 4

// asyncSinkBufferBytes is the size of one asyncSink buffer. The encoder
// flushes at spillBytes, so one flush fits in one buffer.
const asyncSinkBufferBytes = 2 * spillBytes

// sinkBuffers keeps the buffers of finished sinks and encoders for the
// next ones. A follower checks a state hash many times a second, and
// allocating 640 KiB of buffers for each took a fifth of the hash's time.
var sinkBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, asyncSinkBufferBytes)
	return &b
}}

func getSinkBuffer() []byte { return (*sinkBuffers.Get().(*[]byte))[:0] }

func putSinkBuffer(b []byte) {
	if cap(b) == asyncSinkBufferBytes {
		b = b[:0]
		sinkBuffers.Put(&b)
	}
}

// part names the outputs a piece of the encoding goes to. The state
// hash and the snapshot share every section but the replay set, which a
// snapshot contains entry by entry and the state hash as digests
// (replaydigest.go). The digests of a snapshot's state hash are taken from
// the entries it writes, which go to the leaves output as well.
type part uint8

const (
	toSnapshot part = 1 << iota
	toStateHash
	toLeaves
	toBoth = toSnapshot | toStateHash
)

// asyncSink passes what is written to it to the writers of its outputs on
// its own goroutine. So a state hash (and a snapshot file) is computed on
// a second core while the state is still being encoded. Encoding stops
// the sequencer, and hashing took about 40% of that stop at a million
// resting orders. Each write goes to the outputs that route last named,
// toBoth at first, and the bytes reach each writer in the order written.
//
// Write copies p, so the caller may reuse it at once, as io.Writer
// requires. Close waits until the writers have taken everything.
type asyncSink struct {
	to part
	// writers are the outputs' writers, by the bit of their part. The
	// sink's goroutine reads them, so they change only between wait and
	// the next Write.
	writers [3]io.Writer
	work    chan sinkChunk
	free    chan []byte
	done    chan struct{}
}

// sinkChunk is a piece of the encoding and its outputs. When b is nil it
// is a marker instead, and the sink's goroutine closes reached once the
// writers have taken everything before it.
type sinkChunk struct {
	b       []byte
	to      part
	reached chan struct{}
}

// newAsyncSink returns a sink that writes to snapshot, state and leaves,
// any of which may be nil.
func newAsyncSink(snapshot, state, leaves io.Writer) *asyncSink {
	s := &asyncSink{
		to:   toBoth,
		work: make(chan sinkChunk, asyncSinkBuffers),
		free: make(chan []byte, asyncSinkBuffers),
		done: make(chan struct{}),
	}
	for range asyncSinkBuffers {
		s.free <- getSinkBuffer()
	}
	s.writers = [3]io.Writer{snapshot, state, leaves}
	go func() {
		defer close(s.done)
		for c := range s.work {
			if c.b == nil {
				close(c.reached)
				continue
			}
			// hash.Hash's Write never returns an error, and a countingWriter
			// keeps its first error for the caller to check.
			for i, w := range s.writers {
				if c.to&(1<<i) != 0 && w != nil {
					_, _ = w.Write(c.b)
				}
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

// wait returns once the writers have taken every byte written so far.
func (s *asyncSink) wait() {
	reached := make(chan struct{})
	s.work <- sinkChunk{reached: reached}
	<-reached
}

// setState sets the state hash output's writer. The caller calls wait
// first, so that the sink's goroutine is not writing.
func (s *asyncSink) setState(w io.Writer) { s.writers[1] = w }

// Close returns once the writers have taken every byte written. The sink
// must not be written to afterwards.
func (s *asyncSink) Close() {
	close(s.work)
	<-s.done
	for range asyncSinkBuffers {
		putSinkBuffer(<-s.free)
	}
}
