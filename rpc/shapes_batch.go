package rpc

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"
)

// rejectedCall is a call of a batch that shapeChecker rejects: its id,
// method and code, and its encoded reply.
type rejectedCall struct {
	id     []byte
	method string
	code   int
	reply  []byte
}

// rejectInBatch replies to a batch that contains rejected calls, and
// returns false for any other batch. The other elements must still run,
// so it sends go-ethereum the batch with a placeholder in the place of
// each rejected call. A placeholder is a request object with only an id,
// the marker, and go-ethereum replies to it with "invalid request". Then
// rejectInBatch swaps each placeholder's reply for the rejection. The
// batch keeps its length, so go-ethereum's batch limits, the order of the
// replies and the notifications, which get no reply, work as they did.
//
// NOTE: go-ethereum counts the placeholders' short replies against
// Config.BatchResponseBytesMax, not the rejections, so a reply can pass
// that limit by the size of the rejections, a few hundred bytes each.
//
// REQUIRES: batch starts with '['.
func (c *shapeChecker) rejectInBatch(w http.ResponseWriter, r *http.Request, batch []byte, start time.Time) bool {
	var rejected []rejectedCall
	var rejectedAt map[int]int // element index to index in rejected
	count := 0
	eachElement(batch, func(element []byte) bool {
		call := scanCall(element)
		if rejection := checkShape(&call); rejection != nil {
			reply, err := appendErrorReply(nil, call.id, rejection)
			if err != nil {
				c.log.Error("Failed to encode the rejection of a call in a batch; go-ethereum replies instead",
					"method", call.spec.name, "err", err)
			} else {
				if rejectedAt == nil {
					rejectedAt = make(map[int]int)
				}
				rejectedAt[count] = len(rejected)
				rejected = append(rejected, rejectedCall{id: call.id, method: call.spec.name, code: rejection.Code, reply: reply})
			}
		}
		count++
		return true
	})
	// go-ethereum rejects an empty or oversized batch as a whole.
	if len(rejected) == 0 || count > c.batchItemsMax || !json.Valid(batch) {
		return false
	}

	markers := placeholderMarkers(batch, len(rejected))
	inner := placeholderBatch(batch, rejectedAt, markers)
	// A placeholder is shorter than a rejected call unless its marker
	// grew long to avoid the batch's ids.
	if len(inner) > c.bodyBytesMax {
		return false
	}
	innerRequest := r.Clone(r.Context())
	innerRequest.Body = io.NopCloser(bytes.NewReader(inner))
	innerRequest.ContentLength = int64(len(inner))
	reply := &bufferedResponse{header: http.Header{}}
	c.next.ServeHTTP(reply, innerRequest)

	merged, ok := swapPlaceholderReplies(reply.body.Bytes(), markers, rejected)
	if !ok {
		c.log.Error("go-ethereum's reply to a batch is not a JSON array, so it goes out without the rejections",
			"reply", clip(reply.body.String()), "rejected", len(rejected))
		merged = reply.body.Bytes()
	}
	for _, call := range rejected {
		c.metrics.observe(call.method, call.code, time.Since(start))
	}
	for name, values := range reply.header {
		w.Header()[name] = values
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(merged)))
	if reply.status != 0 {
		w.WriteHeader(reply.status)
	}
	w.Write(merged)
	return true
}

// placeholderMarkers returns the ids of n placeholders, the JSON strings
// "~0" to "~<n-1>", with as many tildes in front as it takes that no
// element of batch has one of them as its id.
func placeholderMarkers(batch []byte, n int) map[string]int {
	prefix := "~"
	for {
		markers := make(map[string]int, n)
		for k := range n {
			markers[`"`+prefix+strconv.Itoa(k)+`"`] = k
		}
		collides := false
		eachElement(batch, func(element []byte) bool {
			_, collides = markers[string(scanCall(element).id)]
			return !collides
		})
		if !collides {
			return markers
		}
		prefix += "~"
	}
}

// placeholderBatch returns batch with the elements of rejectedAt replaced
// by placeholders whose ids are the markers.
func placeholderBatch(batch []byte, rejectedAt map[int]int, markers map[string]int) []byte {
	markerOf := make([]string, len(markers))
	for marker, k := range markers {
		markerOf[k] = marker
	}
	out := make([]byte, 0, len(batch))
	out = append(out, '[')
	index := 0
	eachElement(batch, func(element []byte) bool {
		if index > 0 {
			out = append(out, ',')
		}
		if k, ok := rejectedAt[index]; ok {
			out = append(out, `{"jsonrpc":"2.0","id":`...)
			out = append(out, markerOf[k]...)
			out = append(out, '}')
		} else {
			out = append(out, element...)
		}
		index++
		return true
	})
	return append(out, ']')
}

// swapPlaceholderReplies returns go-ethereum's batch reply with the reply
// to each placeholder replaced by the rejection of the call that the
// placeholder replaced. It returns false when the reply is not a JSON
// array.
func swapPlaceholderReplies(reply []byte, markers map[string]int, rejected []rejectedCall) ([]byte, bool) {
	i := skipSpace(reply, 0)
	if i == len(reply) || reply[i] != '[' {
		return nil, false
	}
	out := make([]byte, 0, len(reply)+256*len(rejected))
	out = append(out, '[')
	first := true
	eachElement(reply[i:], func(element []byte) bool {
		if !first {
			out = append(out, ',')
		}
		first = false
		if k, ok := markers[string(scanCall(element).id)]; ok {
			out = append(out, rejected[k].reply...)
		} else {
			out = append(out, element...)
		}
		return true
	})
	return append(out, ']'), true
}

// bufferedResponse keeps go-ethereum's reply to a batch in memory.
// go-ethereum bounds its size: once the replies pass
// Config.BatchResponseBytesMax, each remaining call gets a short error
// in place of its reply.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}
