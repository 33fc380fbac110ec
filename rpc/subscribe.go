package rpc

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"

	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/node/state"
)

// thxSubscriptions holds the thx subscriptions, thx_subscribe("book", …)
// and so on. It is a type of its own because "trades" and "balances" are
// also names of thxAPI methods.
type thxSubscriptions struct {
	s *Server
}

// Book streams a market's depth: a snapshot, then numbered updates.
func (a *thxSubscriptions) Book(ctx context.Context, symbol *symbolArgument) (*gethrpc.Subscription, error) {
	return call(a.s, ctx, "thx_subscribe:book", func() (*gethrpc.Subscription, error) {
		name, _, err := a.s.marketArgument("symbol", symbol)
		if err != nil {
			return nil, err
		}
		return a.s.subscribe(ctx, Topic{Kind: TopicBook, Symbol: name})
	})
}

// Trades streams a market's trades.
func (a *thxSubscriptions) Trades(ctx context.Context, symbol *symbolArgument) (*gethrpc.Subscription, error) {
	return call(a.s, ctx, "thx_subscribe:trades", func() (*gethrpc.Subscription, error) {
		name, _, err := a.s.marketArgument("symbol", symbol)
		if err != nil {
			return nil, err
		}
		return a.s.subscribe(ctx, Topic{Kind: TopicTrades, Symbol: name})
	})
}

// Orders streams a trader's order changes.
func (a *thxSubscriptions) Orders(ctx context.Context, trader *addressArgument) (*gethrpc.Subscription, error) {
	return call(a.s, ctx, "thx_subscribe:orders", func() (*gethrpc.Subscription, error) {
		address, err := trader.decode("trader")
		if err != nil {
			return nil, err
		}
		return a.s.subscribe(ctx, Topic{Kind: TopicOrders, Trader: address})
	})
}

// Balances streams a trader's balance changes.
func (a *thxSubscriptions) Balances(ctx context.Context, trader *addressArgument) (*gethrpc.Subscription, error) {
	return call(a.s, ctx, "thx_subscribe:balances", func() (*gethrpc.Subscription, error) {
		address, err := trader.decode("trader")
		if err != nil {
			return nil, err
		}
		return a.s.subscribe(ctx, Topic{Kind: TopicBalances, Trader: address})
	})
}

// subscribe starts forwarding a backend subscription to the caller's
// WebSocket connection.
func (s *Server) subscribe(ctx context.Context, topic Topic) (*gethrpc.Subscription, error) {
	notifier, ok := gethrpc.NotifierFromContext(ctx)
	if !ok {
		return nil, gethrpc.ErrNotificationsUnsupported
	}
	remote := gethrpc.PeerInfoFromContext(ctx).RemoteAddr
	conn := s.conns.get(remote)
	if conn == nil {
		return nil, fmt.Errorf("%w: no WebSocket connection from %s is open", ErrUnavailable, remote)
	}
	if n, ok := conn.addSubscription(s.cfg.SubscriptionsPerConnectionMax); !ok {
		return nil, fmt.Errorf("%w: %d of at most %d; unsubscribe one or open another connection",
			ErrTooManySubscriptions, n, s.cfg.SubscriptionsPerConnectionMax)
	}
	subCtx, cancel := context.WithCancel(s.ctx)
	backendSub, err := s.backend.Subscribe(subCtx, topic)
	if err != nil {
		cancel()
		conn.removeSubscription()
		return nil, err
	}

	rpcSub := notifier.CreateSubscription()
	f := &forwarder{
		s: s, conn: conn, topic: topic, notifier: notifier, rpcSub: rpcSub, backend: backendSub, cancel: cancel,
		queue: make(chan any, s.cfg.SubscriberBufferEvents), index: s.index(),
		log: s.log.With("remote", remote, "subscription", string(rpcSub.ID), "kind", string(topic.Kind)),
	}
	s.metrics.subscriptions.WithLabelValues(string(topic.Kind)).Inc()
	s.wg.Add(2)
	go f.pump()
	go f.send()
	return rpcSub, nil
}

// forwarder moves one subscription's events from the backend to the
// client. pump converts each event and queues it without blocking; send
// writes the queue to the connection. A full queue means the client reads
// slower than events arrive, and it is disconnected.
//
// NOTE: go-ethereum's notifier keeps the notifications sent before the
// subscription id has reached the client in a buffer of its own, which is
// not bounded. That window lasts one reply, so it holds a few events.
type forwarder struct {
	s        *Server
	conn     *wsConn
	topic    Topic
	notifier *gethrpc.Notifier
	rpcSub   *gethrpc.Subscription
	backend  Subscription
	cancel   context.CancelFunc
	log      *slog.Logger
	// queue is the send buffer. Invariant: only pump sends on it and
	// closes it.
	queue chan any
	// index is owned by pump.
	index *marketIndex
}

func (f *forwarder) pump() {
	defer f.s.wg.Done()
	defer close(f.queue)
	defer f.end()
	for {
		select {
		case event, ok := <-f.backend.Events():
			if !ok {
				if err := f.backend.Err(); err != nil {
					f.disconnect(fmt.Sprintf("the node ended the subscription: %v", err))
				}
				return
			}
			if !f.enqueue(event) {
				return
			}
		case <-f.rpcSub.Err():
			return
		case <-f.s.ctx.Done():
			return
		}
	}
}

// enqueue converts an event and queues it; it returns false when the queue
// is full and the subscriber was disconnected.
func (f *forwarder) enqueue(event any) bool {
	message, ok := f.convert(event)
	if !ok {
		f.log.Warn("Dropped a subscription event of an unexpected type", "type", fmt.Sprintf("%T", event))
		return true
	}
	select {
	case f.queue <- message:
		return true
	default:
		f.s.metrics.slow.WithLabelValues(string(f.topic.Kind)).Inc()
		f.disconnect(fmt.Sprintf("its send buffer of %d notifications is full", cap(f.queue)))
		return false
	}
}

func (f *forwarder) send() {
	defer f.s.wg.Done()
	for message := range f.queue {
		select {
		case <-f.rpcSub.Err():
			drain(f.queue)
			return
		default:
		}
		if err := f.notifier.Notify(f.rpcSub.ID, message); err != nil {
			f.disconnect(fmt.Sprintf("writing a notification failed: %v", err))
			drain(f.queue)
			return
		}
	}
}

func drain(queue chan any) {
	for range queue {
	}
}

// end releases the backend subscription and the connection's slot.
func (f *forwarder) end() {
	f.backend.Unsubscribe()
	f.cancel()
	f.conn.removeSubscription()
	f.s.metrics.subscriptions.WithLabelValues(string(f.topic.Kind)).Dec()
}

// disconnect closes the subscriber's connection and logs why.
func (f *forwarder) disconnect(reason string) {
	f.log.Warn("Disconnecting a WebSocket subscriber", "reason", reason)
	f.conn.close()
}

// convert returns the JSON form of a backend event.
func (f *forwarder) convert(event any) (any, bool) {
	switch e := event.(type) {
	case BookSnapshot:
		return f.withMarket(e.Market, func(m *state.MarketView) any { return bookJSON(m, &e) })
	case *BookSnapshot:
		return f.withMarket(e.Market, func(m *state.MarketView) any { return bookJSON(m, e) })
	case BookUpdate:
		return f.withMarket(e.Market, func(m *state.MarketView) any { return bookUpdateJSON(m, &e) })
	case *BookUpdate:
		return f.withMarket(e.Market, func(m *state.MarketView) any { return bookUpdateJSON(m, e) })
	case state.Trade:
		f.refresh(e.Market)
		return f.index.tradeJSON(&e), true
	case *state.Trade:
		f.refresh(e.Market)
		return f.index.tradeJSON(e), true
	case OrderEvent:
		return f.orderNotification(&e), true
	case *OrderEvent:
		return f.orderNotification(e), true
	case BalanceEvent:
		return BalanceNotificationJSON{BalanceJSON: f.index.balanceJSON(&e.Balance), Seq: e.Seq}, true
	case *BalanceEvent:
		return BalanceNotificationJSON{BalanceJSON: f.index.balanceJSON(&e.Balance), Seq: e.Seq}, true
	}
	return nil, false
}

func (f *forwarder) orderNotification(e *OrderEvent) OrderNotificationJSON {
	f.refresh(state.MarketKey{ChainID: e.Order.ChainID, ID: e.Order.Order.Market})
	return OrderNotificationJSON{OrderInfoJSON: f.index.orderInfoJSON(&e.Order), Seq: e.Seq}
}

// refresh rebuilds the index when it lacks a market listed after the
// subscription started.
func (f *forwarder) refresh(key state.MarketKey) {
	if _, ok := f.index.market(key); !ok {
		f.index = f.s.index()
	}
}

func (f *forwarder) withMarket(key state.MarketKey, build func(*state.MarketView) any) (any, bool) {
	f.refresh(key)
	m, ok := f.index.market(key)
	if !ok {
		return nil, false
	}
	return build(m), true
}

// connTable tracks the open WebSocket connections by remote address, which
// is unique per TCP connection and is what go-ethereum's PeerInfo carries.
type connTable struct {
	max int

	mu sync.Mutex
	// conns contains the open connections. Invariant: len(conns) <= max.
	conns map[string]*wsConn
}

func newConnTable(max int) *connTable {
	return &connTable{max: max, conns: make(map[string]*wsConn)}
}

func (t *connTable) open(remote string) (*wsConn, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.conns) >= t.max {
		return nil, false
	}
	c := &wsConn{remote: remote}
	t.conns[remote] = c
	return c, true
}

func (t *connTable) remove(c *wsConn) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.conns[c.remote] == c {
		delete(t.conns, c.remote)
	}
}

func (t *connTable) get(remote string) *wsConn {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.conns[remote]
}

func (t *connTable) closeAll() {
	t.mu.Lock()
	conns := make([]*wsConn, 0, len(t.conns))
	for _, c := range t.conns {
		conns = append(conns, c)
	}
	t.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
}

// wsConn is one WebSocket connection: its TCP connection, taken when the
// upgrade hijacks it, and its subscription count.
type wsConn struct {
	remote string

	mu      sync.Mutex
	netConn net.Conn
	// subscriptions counts the active subscriptions.
	// Invariant: subscriptions <= Config.SubscriptionsPerConnectionMax.
	subscriptions int
}

func (c *wsConn) addSubscription(max int) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.subscriptions >= max {
		return c.subscriptions, false
	}
	c.subscriptions++
	return c.subscriptions, true
}

func (c *wsConn) removeSubscription() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.subscriptions--
}

// close closes the TCP connection, which ends go-ethereum's connection and
// every subscription on it.
func (c *wsConn) close() {
	c.mu.Lock()
	conn := c.netConn
	c.mu.Unlock()
	if conn != nil {
		conn.Close()
	}
}

// serveWebSocket admits a WebSocket connection within
// WebSocketConnectionsMax and serves it until it closes.
func (s *Server) serveWebSocket(w http.ResponseWriter, r *http.Request) {
	conn, ok := s.conns.open(r.RemoteAddr)
	if !ok {
		s.log.Warn("Rejected a WebSocket connection: the server is at its limit", "remote", r.RemoteAddr,
			"connections_max", s.cfg.WebSocketConnectionsMax)
		http.Error(w, fmt.Sprintf("too many WebSocket connections (at most %d); retry later", s.cfg.WebSocketConnectionsMax),
			http.StatusServiceUnavailable)
		return
	}
	s.metrics.connections.Inc()
	defer func() {
		s.conns.remove(conn)
		s.metrics.connections.Dec()
	}()
	s.ws.ServeHTTP(&hijackRecorder{ResponseWriter: w, conn: conn}, r)
}

// hijackRecorder hands the upgraded TCP connection to its wsConn, so that
// the server can close a slow subscriber's connection.
type hijackRecorder struct {
	http.ResponseWriter
	conn *wsConn
}

func (h *hijackRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hijacker, ok := h.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, fmt.Errorf("rpc: the HTTP server cannot hand over connections for WebSocket")
	}
	netConn, rw, err := hijacker.Hijack()
	if err == nil {
		h.conn.mu.Lock()
		h.conn.netConn = netConn
		h.conn.mu.Unlock()
	}
	return netConn, rw, err
}
