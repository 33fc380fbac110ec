package state

import "io"

// asyncSinkBuffers is the number of buffers an asyncSink cycles through:
// how far the encoder may run ahead of the hash (and the snapshot file)
// before it waits. Four buffers of asyncSinkBufferBytes are 512 KiB.
const asyncSinkBuffers = 4

// asyncSinkBufferBytes is the size of one asyncSink buffer. The encoder
// flushes at spillBytes, so one flush fits in one buffer.
const asyncSinkBufferBytes = 2 * spillBytes

// asyncSink passes what is written to it to another writer on its own
// goroutine, so that a state hash (and a snapshot file) is computed on a
// second core while the state is still being encoded. Encoding stops the
// sequencer, and hashing took about 40% of that stop at a million resting
// orders. The bytes reach the writer in the order written, so the hash is
// the same.
//
// Write copies p, so the caller may reuse it at once, as io.Writer
// requires. Close waits until the writer has taken everything.
type asyncSink struct {
	work chan []byte
	free chan []byte
	done chan struct{}
}

func newAsyncSink(w io.Writer) *asyncSink {
	s := &asyncSink{
		work: make(chan []byte, asyncSinkBuffers),
		free: make(chan []byte, asyncSinkBuffers),
		done: make(chan struct{}),
	}
	for range asyncSinkBuffers {
		s.free <- make([]byte, 0, asyncSinkBufferBytes)
	}
	go func() {
		defer close(s.done)
		for b := range s.work {
			// hash.Hash's Write never returns an error, and a countingWriter
			// keeps its first error for the caller to check.
			_, _ = w.Write(b)
			s.free <- b[:0]
		}
	}()
	return s
}

func (s *asyncSink) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		b := <-s.free
		k := min(len(p), cap(b))
		s.work <- append(b, p[:k]...)
		p = p[k:]
	}
	return n, nil
}

// Close returns once the writer has taken every byte written. The sink
// must not be written to afterwards.
func (s *asyncSink) Close() {
	close(s.work)
	<-s.done
}
