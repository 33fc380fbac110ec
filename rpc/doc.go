// Package rpc serves the node's JSON-RPC API over HTTP and WebSocket, with
// health and Prometheus metrics endpoints on the same listener.
//
// # What it owns
//
// Server wraps go-ethereum's rpc server: it registers the thx namespace
// (thxAPI for calls, thxSubscriptions for thx_subscribe) and rpc_discover,
// and routes GET /health, GET /metrics and WebSocket upgrades beside it.
// The node implements Backend; this package turns the wire format into the
// backend's integers and back, and never touches the state machine.
//
// Prices and quantities arrive as decimal strings and are converted to
// ticks and lots exactly, or rejected with ErrTooPrecise; nothing is
// rounded. Parameter objects are decoded strictly by objectFields, so an
// unknown member is an error. Every error of a method leaves through
// toError, which maps it with errors.Is on the sentinels of node/state,
// node/ledger, matching, chain/eip712 and this package to a stable code
// (codes.go).
//
// Over HTTP, shapeChecker reads each request body before go-ethereum
// does. It rejects the calls to these methods whose params is not an
// array or has more elements than the method takes, and thx_subscribe,
// which needs a WebSocket connection. It passes the same bytes on for
// every other request. Over WebSocket, go-ethereum rejects those calls
// with its own messages.
//
// # Goroutines and locks
//
// go-ethereum runs each call on its own goroutine, so every method may run
// concurrently with every other; Server's fields are set in NewServer and
// only read afterwards, except:
//   - limiterSet.mu guards the token buckets of the per-IP and per-trader
//     rate limits;
//   - connTable.mu guards the table of open WebSocket connections, and
//     wsConn.mu each connection's TCP socket and subscription count;
//   - httpMu guards the http.Server that Serve creates.
//
// Each subscription runs two goroutines, a forwarder's pump and send. The
// pump reads the backend subscription, converts each event to JSON form and
// queues it without blocking. The send goroutine writes the queue to the
// connection through go-ethereum's notifier. When the queue (Config.SubscriberBufferEvents)
// is full, pump closes the subscriber's TCP connection and logs why.
// Server.wg counts these goroutines, and Close waits for them.
//
// # Invariants
//
//   - A WebSocket connection has at most Config.SubscriptionsPerConnectionMax
//     subscriptions, and the server at most Config.WebSocketConnectionsMax
//     connections.
//   - Each rate limiter tracks at most Config.RateLimitKeysMax keys.
//   - A subscription never queues more than Config.SubscriberBufferEvents
//     notifications.
//   - A rejected call changes nothing: the API layer has no state of its
//     own beyond the limits, and the backend applies an entry atomically.
package rpc
