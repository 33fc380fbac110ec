package load

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// Options set how Run sends the orders.
type Options struct {
	// URL is the node's WebSocket JSON-RPC URL, ws:// or wss://.
	URL string
	// Symbol is the market of the orders, such as "THAL/USDC".
	Symbol      string
	Connections int
	// InFlight bounds the requests sent and awaiting a reply.
	InFlight int
	// RatePerSec sends the orders at a fixed rate; 0 sends each as soon
	// as InFlight allows.
	RatePerSec float64
	// PerCall is the orders of one request: 1 (or 0) sends each in a
	// thx_placeOrder call, more sends them PerCall at a time in
	// thx_placeOrders calls.
	PerCall int
}

// Limits of Options.
const (
	ConnectionsMax = 1024
	InFlightMax    = 1 << 16
	// PerCallMax is the node's limit of orders per thx_placeOrders call.
	PerCallMax = 100
	// replyBytesMax bounds one reply read from the node.
	replyBytesMax = 1 << 20
)

// Result is the outcome of a run.
type Result struct {
	Sent, Accepted int
	// Rejected counts the rejected orders by JSON-RPC error code.
	Rejected map[int]int
	// FirstRejection is the first rejection's message.
	FirstRejection string
	// Elapsed runs from the first request to the last reply.
	Elapsed time.Duration
	// P50, P99 and Max are the acknowledgement latencies of accepted
	// orders, from the request (or in an open loop, from when it was
	// due) to its reply.
	P50, P99, Max time.Duration
	// SendLagP99 is the p99 of how late the client wrote a request after
	// it was due, and RoundTripP99 the p99 from that write to the reply.
	// A large send lag means that the client fell behind its schedule or
	// waited for the in-flight limit. A large round trip means that the
	// reply was slow. In a closed loop the send lag is zero.
	SendLagP99, RoundTripP99 time.Duration
}

// AcceptedPerSec returns the accepted orders per second of Elapsed.
func (r Result) AcceptedPerSec() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Accepted) / r.Elapsed.Seconds()
}

func (o *Options) check() error {
	switch {
	case o.Connections < 1 || o.Connections > ConnectionsMax:
		return fmt.Errorf("%w: %d connections, expected 1 to %d", ErrInvalidWorkload, o.Connections, ConnectionsMax)
	case o.InFlight < 1 || o.InFlight > InFlightMax:
		return fmt.Errorf("%w: %d requests in flight, expected 1 to %d", ErrInvalidWorkload, o.InFlight, InFlightMax)
	case o.PerCall < 0 || o.PerCall > PerCallMax:
		return fmt.Errorf("%w: %d orders per call, expected 1 to %d", ErrInvalidWorkload, o.PerCall, PerCallMax)
	case o.RatePerSec < 0:
		return fmt.Errorf("%w: rate %g orders/s is negative", ErrInvalidWorkload, o.RatePerSec)
	}
	return nil
}

// run is the state of one Run. due, done and code are indexed by order.
// A request's id is the index of its first order; it carries perCall
// orders, or fewer at the end.
type run struct {
	orders  []SignedOrder
	perCall int
	start   time.Time
	// due is when each request was sent or, in an open loop, due; only
	// the sending goroutine writes it.
	due []time.Duration
	// written is when the client began to write each request to its
	// connection. Only the sending goroutine writes it, and Run reads it
	// after send returns.
	written []time.Duration
	// done and code are written by the reader of the request's connection
	// once its reply arrives, and read by Run after every reply.
	done []time.Duration
	code []int32
	// firstRejection is the message of the first rejected order.
	firstRejection atomic.Pointer[string]
	remaining      atomic.Int64
	// sent counts the requests written to a connection.
	sent     atomic.Int64
	inFlight chan struct{}
	finished chan struct{}
	failed   chan error
}

// Run sends the orders to the node as thx_placeOrder requests and waits
// for every reply.
func Run(ctx context.Context, opts Options, orders []SignedOrder) (Result, error) {
	if err := opts.check(); err != nil {
		return Result{}, err
	}
	r := &run{
		orders: orders, perCall: max(opts.PerCall, 1), due: make([]time.Duration, len(orders)), written: make([]time.Duration, len(orders)), done: make([]time.Duration, len(orders)),
		code: make([]int32, len(orders)), inFlight: make(chan struct{}, opts.InFlight),
		finished: make(chan struct{}), failed: make(chan error, opts.Connections),
	}
	r.remaining.Store(int64(r.requests()))
	conns, err := dialAll(ctx, opts)
	if err != nil {
		return Result{}, err
	}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()

	r.start = time.Now()
	for _, c := range conns {
		go r.read(c)
	}
	if err := r.send(ctx, opts, conns); err != nil {
		return Result{}, err
	}
	select {
	case <-r.finished:
	case err := <-r.failed:
		return Result{}, err
	case <-ctx.Done():
		return Result{}, fmt.Errorf("load: %d of %d replies missing: %w", r.remaining.Load(), r.requests(), ctx.Err())
	}
	return r.result(), nil
}

// requests returns how many requests carry the orders.
func (r *run) requests() int { return (len(r.orders) + r.perCall - 1) / r.perCall }

// group returns the orders of the request whose id is first.
func (r *run) group(first int) []SignedOrder {
	return r.orders[first:min(first+r.perCall, len(r.orders))]
}

func dialAll(ctx context.Context, opts Options) ([]*websocket.Conn, error) {
	var conns []*websocket.Conn
	for range opts.Connections {
		c, resp, err := websocket.DefaultDialer.DialContext(ctx, opts.URL, http.Header{})
		if resp != nil && resp.Body != nil {
			resp.Body.Close()
		}
		if err != nil {
			for _, open := range conns {
				open.Close()
			}
			return nil, fmt.Errorf("load: connect to %s: %w", opts.URL, err)
		}
		c.SetReadLimit(replyBytesMax)
		conns = append(conns, c)
	}
	return conns, nil
}

// send writes every request, spreading them over the connections, at the
// rate or as fast as the in-flight limit allows.
func (r *run) send(ctx context.Context, opts Options, conns []*websocket.Conn) error {
	symbol, err := json.Marshal(opts.Symbol)
	if err != nil {
		return err
	}
	buf := make([]byte, 0, 1024)
	for req := range r.requests() {
		i := req * r.perCall
		if opts.RatePerSec > 0 {
			// A request is due with its first order; its latency counts
			// from then.
			r.due[i] = time.Duration(float64(i) / opts.RatePerSec * float64(time.Second))
			if wait := r.due[i] - time.Since(r.start); wait > 0 {
				time.Sleep(wait)
			}
		}
		select {
		case r.inFlight <- struct{}{}:
		case err := <-r.failed:
			return err
		case <-ctx.Done():
			return fmt.Errorf("load: stopped after sending %d of %d orders: %w", i, len(r.orders), ctx.Err())
		}
		if opts.RatePerSec == 0 {
			r.due[i] = time.Since(r.start)
		}
		group := r.group(i)
		for k := range group {
			r.due[i+k] = r.due[i]
		}
		if r.perCall == 1 {
			buf = appendRequest(buf[:0], i, symbol, &group[0])
		} else {
			buf = appendBatchRequest(buf[:0], i, symbol, group)
		}
		written := time.Since(r.start)
		for k := range group {
			r.written[i+k] = written
		}
		if err := conns[req%len(conns)].WriteMessage(websocket.TextMessage, buf); err != nil {
			return fmt.Errorf("load: send order %d: %w", i, err)
		}
		r.sent.Add(1)
	}
	return nil
}

// read records the replies of one connection until it closes.
func (r *run) read(c *websocket.Conn) {
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			if missing := r.remaining.Load(); missing > 0 {
				notSent := int64(r.requests()) - r.sent.Load()
				r.failed <- fmt.Errorf("load: connection lost with %d sent requests unanswered and %d not sent yet: %w",
					missing-notSent, notSent, err)
			}
			return
		}
		id, codes, message, err := parseReply(msg, r.perCall > 1)
		if err == nil && (id < 0 || id >= len(r.orders) || id%r.perCall != 0) {
			err = fmt.Errorf("load: reply to unknown request id %d", id)
		}
		if err == nil && len(codes) != 1 && len(codes) != len(r.group(id)) {
			err = fmt.Errorf("%w: %d results for the %d orders of request %d", errMalformedReply, len(codes), len(r.group(id)), id)
		}
		if err != nil {
			r.failed <- err
			return
		}
		now := time.Since(r.start)
		for k := range r.group(id) {
			// One code for a group is the error of the whole call.
			code := codes[min(k, len(codes)-1)]
			r.done[id+k], r.code[id+k] = now, int32(code)
		}
		if message != "" && r.firstRejection.Load() == nil {
			r.firstRejection.CompareAndSwap(nil, &message)
		}
		<-r.inFlight
		if r.remaining.Add(-1) == 0 {
			close(r.finished)
		}
	}
}

// result summarises the run. REQUIRES: every reply recorded.
func (r *run) result() Result {
	res := Result{Sent: len(r.orders), Rejected: map[int]int{}}
	latencies := make([]time.Duration, 0, len(r.orders))
	lags := make([]time.Duration, 0, len(r.orders))
	trips := make([]time.Duration, 0, len(r.orders))
	for i := range r.orders {
		res.Elapsed = max(res.Elapsed, r.done[i])
		if r.code[i] != 0 {
			res.Rejected[int(r.code[i])]++
			continue
		}
		res.Accepted++
		latencies = append(latencies, r.done[i]-r.due[i])
		lags = append(lags, r.written[i]-r.due[i])
		trips = append(trips, r.done[i]-r.written[i])
	}
	slices.Sort(lags)
	slices.Sort(trips)
	res.SendLagP99, res.RoundTripP99 = percentile(lags, 99), percentile(trips, 99)
	if p := r.firstRejection.Load(); p != nil {
		res.FirstRejection = *p
	}
	slices.Sort(latencies)
	res.P50, res.P99 = percentile(latencies, 50), percentile(latencies, 99)
	if len(latencies) > 0 {
		res.Max = latencies[len(latencies)-1]
	}
	return res
}

// percentile returns the p-th percentile of sorted values by the
// nearest-rank method.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (len(sorted)*p + 99) / 100
	return sorted[max(rank, 1)-1]
}

// appendRequest appends the thx_placeOrder request of order i in the
// integer form that docs/RPC.md describes.
func appendRequest(b []byte, i int, symbol []byte, o *SignedOrder) []byte {
	b = append(b, `{"jsonrpc":"2.0","id":`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `,"method":"thx_placeOrder","params":[`...)
	b = appendSignedOrder(b, symbol, o)
	return append(b, `]}`...)
}

// appendBatchRequest appends the thx_placeOrders request of the orders
// from index first.
func appendBatchRequest(b []byte, first int, symbol []byte, orders []SignedOrder) []byte {
	b = append(b, `{"jsonrpc":"2.0","id":`...)
	b = strconv.AppendInt(b, int64(first), 10)
	b = append(b, `,"method":"thx_placeOrders","params":[[`...)
	for k := range orders {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendSignedOrder(b, symbol, &orders[k])
	}
	return append(b, `]]}`...)
}

// appendSignedOrder appends the {order, signature} object of o.
func appendSignedOrder(b []byte, symbol []byte, o *SignedOrder) []byte {
	b = append(b, `{"order":{"market":`...)
	b = append(b, symbol...)
	b = append(b, `,"trader":"0x`...)
	b = hex.AppendEncode(b, o.Order.Trader[:])
	b = append(b, `","side":"`...)
	b = append(b, sideNames[o.Order.Side]...)
	b = append(b, `","kind":"`...)
	b = append(b, kindNames[o.Order.Kind]...)
	b = append(b, `","timeInForce":"`...)
	b = append(b, timeInForceNames[o.Order.TimeInForce]...)
	b = append(b, `","postOnly":`...)
	b = strconv.AppendBool(b, o.Order.PostOnly)
	b = append(b, `,"selfTradePrevention":"`...)
	b = append(b, selfTradeNames[o.Order.SelfTradePrevention]...)
	b = appendUintMember(b, "priceTicks", o.Order.Price)
	b = appendUintMember(b, "triggerPriceTicks", o.Order.TriggerPrice)
	b = appendUintMember(b, "quantityLots", o.Order.Quantity)
	b = append(b, `","maxFeeBps":`...)
	b = strconv.AppendUint(b, uint64(o.Order.MaxFeeBps), 10)
	b = append(b, `,"nonce":"`...)
	b = strconv.AppendUint(b, o.Order.Nonce, 10)
	b = appendUintMember(b, "expiry", o.Order.Expiry)
	b = append(b, `"},"signature":"0x`...)
	b = hex.AppendEncode(b, o.Signature[:])
	return append(b, `"}`...)
}

// appendUintMember closes the previous string member and appends a
// member whose value is an integer in a JSON string, leaving it open.
func appendUintMember(b []byte, name string, v uint64) []byte {
	b = append(b, `","`...)
	b = append(b, name...)
	b = append(b, `":"`...)
	return strconv.AppendUint(b, v, 10)
}

// Names of the enumerations on the wire, indexed by their EIP-712 code.
var (
	sideNames        = [...]string{eip712.Buy: "buy", eip712.Sell: "sell"}
	kindNames        = [...]string{eip712.Limit: "limit", eip712.Market: "market", eip712.StopLimit: "stopLimit", eip712.StopMarket: "stopMarket"}
	timeInForceNames = [...]string{eip712.GTC: "GTC", eip712.GTD: "GTD", eip712.IOC: "IOC", eip712.FOK: "FOK"}
	selfTradeNames   = [...]string{eip712.CancelNewest: "cancelNewest", eip712.CancelOldest: "cancelOldest", eip712.CancelBoth: "cancelBoth"}
)

// reply is a JSON-RPC reply as far as Run reads it.
type reply struct {
	ID     *int            `json:"id"`
	Error  *replyError     `json:"error"`
	Result json.RawMessage `json:"result"`
}

type replyError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// batchResult is one order's element of a thx_placeOrders result.
type batchResult struct {
	Ack   json.RawMessage `json:"ack"`
	Error *replyError     `json:"error"`
}

// errMalformedReply: the node sent a reply that is not JSON-RPC.
var errMalformedReply = errors.New("load: malformed reply")

// parseReply returns the id of a reply and its error codes, 0 for an
// accepted order: one code for a thx_placeOrder reply or a failed call,
// one per order for the result of a thx_placeOrders call (batch). message
// is the first rejection's.
func parseReply(msg []byte, batch bool) (id int, codes []int, message string, err error) {
	var r reply
	if err := json.Unmarshal(msg, &r); err != nil {
		return 0, nil, "", fmt.Errorf("%w: %v: %.200s", errMalformedReply, err, msg)
	}
	switch {
	case r.ID == nil:
		return 0, nil, "", fmt.Errorf("%w: no id: %.200s", errMalformedReply, msg)
	case r.Error != nil:
		if r.Error.Code == 0 {
			return 0, nil, "", fmt.Errorf("%w: error with code 0: %.200s", errMalformedReply, msg)
		}
		return *r.ID, []int{r.Error.Code}, r.Error.Message, nil
	case r.Result == nil || string(r.Result) == "null":
		return 0, nil, "", fmt.Errorf("%w: neither result nor error: %.200s", errMalformedReply, msg)
	case !batch:
		return *r.ID, []int{0}, "", nil
	}
	var results []batchResult
	if err := json.Unmarshal(r.Result, &results); err != nil || len(results) == 0 {
		return 0, nil, "", fmt.Errorf("%w: result of thx_placeOrders is not a list of results: %.200s", errMalformedReply, msg)
	}
	codes = make([]int, len(results))
	for k, res := range results {
		switch {
		case res.Error != nil && res.Error.Code != 0:
			codes[k] = res.Error.Code
			if message == "" {
				message = res.Error.Message
			}
		case res.Ack == nil || string(res.Ack) == "null":
			return 0, nil, "", fmt.Errorf("%w: result %d has neither ack nor error: %.200s", errMalformedReply, k, msg)
		}
	}
	return *r.ID, codes, message, nil
}
