// Package load drives a node's JSON-RPC API with pre-signed orders over
// WebSocket and measures how many it accepts per second and how long each
// acknowledgement takes. `thx bench load` is its command line.
//
// Sign prepares the orders before the run, on every core, so that the run
// measures the node and not the signing. Run sends them over several
// WebSocket connections, either as fast as the in-flight limit allows
// (closed loop) or at a fixed rate (open loop). In an open loop each
// latency counts from the moment the order was due, so a client that
// falls behind shows as latency rather than hiding it. MeasureRecovery
// runs the node's signature check, eip712.Recover, over the same
// signatures on every core: the ceiling of what ingress can verify on
// this machine.
//
// Run writes each request with a hand-written JSON encoder and decodes
// only the id and the error of each reply, because the client shares the
// machine's cores with the node it measures.
//
// # Goroutines
//
// Run starts one reader per connection; the calling goroutine schedules
// and writes every request. The readers record each reply in a slot
// indexed by the request id, which no other goroutine touches until Run
// has seen every reply.
package load
