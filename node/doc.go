// Package node assembles the ThaliumX daemon: a single-node exchange that
// sequences the log of its markets, applies it to the state machine
// (package state), keeps it in the store (package store), settles on its
// chains and serves the queries of rpc.Backend.
//
// # Pipeline
//
// A signed order, cancel or withdrawal goes through these goroutines, each
// connected to the next by a bounded channel:
//
//  1. PlaceOrder, CancelOrder and Withdraw queue the request on ingress
//     (Config.IngressQueueRequestsMax). A full queue rejects it at once
//     with rpc.ErrUnavailable and counts it in thx_ingress_queue_full_total.
//  2. Config.VerifyWorkers verifiers, one per core by default, recover
//     each signer with chain/eip712 (v of 27/28 or 0/1, high s rejected)
//     against the EIP-712 domain of the request's chain.
//  3. One sequencer stamps each entry with the clock's time (never before
//     the previous entry's), gives it the next sequence number and applies
//     it to the machine. A rejected entry changes nothing; its caller gets
//     the error at once and its sequence number goes to the next entry.
//     Applied entries collect into a round of at most Config.RoundEntriesMax
//     entries, which the sequencer hands to store.Submit as one group
//     commit, and goes on with the next round while the store syncs.
//  4. The publisher waits until each round is durable, in log order, then
//     updates the read views, feeds subscribers, hands sealed batches to
//     the settlers and only then answers the callers.
//  5. The indexer writes the query indexes of durable rounds in batches,
//     each with the store's indexed-through marker.
//  6. The sequencer streams a snapshot into a store file every
//     Config.SnapshotEntries entries, and no sooner than 20 times the last
//     one's encoding time. Encoding stops the sequencer, so a node that
//     applied a signed request within StateWorkQuietGap waits until it is
//     quiet, or until Config.SnapshotEntriesBusy entries have passed. The
//     snapshot writer commits it once its entry is durable.
//
// Two clients' requests submitted at the same time may be sequenced in
// either order, because verification runs in parallel; a client that waits
// for each acknowledgement keeps its own order.
//
// The sequencer also makes entries of its own on the injected Clock: a
// tick every Config.TickInterval, which expires GTD orders, and a seal of
// each chain's open batch every Config.BatchInterval, or at once when the
// batch holds Config.BatchTradesMax trades or the most withdrawals a settle
// call carries, and before a withdrawal that the batch's gas bound cannot
// take. The machine itself seals a batch whose next trade would take its
// gas bound over what one settle transaction may use (docs/PROTOCOL.md,
// "Settlement batches").
//
// # State and locks
//
// The sequencer is the only goroutine that changes the machine. It holds
// Node.mu while it applies an entry and copies what the entry changed into
// a record; readers hold it shared for short in-memory queries (balances,
// open orders, an order by hash). So reads see entries that are applied
// but possibly not yet durable, by at most the rounds in flight; a crash
// in between loses those entries, and their callers were never answered.
//
// Everything published to subscribers comes from entries durable in the
// sequencer's log, and so do the views: each market's aggregated depth
// with its update sequence number, its recent trades and its 24-hour
// statistics. A follower shows them as it applies them (showRound). The
// book's depth is never read from the machine's books, whose depth
// queries use scratch space. The market list is an immutable copy
// replaced whole.
//
// # Recovery
//
// Start restores the newest valid snapshot at or before the indexed-through
// marker, checks that it restores the state hash stored with it, and
// replays the log after it. Entries after the marker are indexed again as
// they replay. A replayed entry that the machine rejects stops the start
// with ErrRecovery: the log or the build is wrong, and nothing is guessed.
// The recent trades and statistics are read back from the trades index.
//
// # Chains
//
// Each chain with an endpoint has a chainLink: the chain id is checked
// when it is dialled, a deposit watcher turns confirmed deposits and
// escape-hatch requests into log entries and returns only once they are
// durable, and a settler submits each sealed batch once its seal is
// durable and turns the outcome into a settlement entry. A reverted batch
// halts its markets. At start, sealed batches that the Exchange settled
// while the node was down are recorded as settled, and the rest are
// submitted again.
//
// The deposit watcher also turns the Exchange's on-chain cancels
// (cancelOrder and cancelUpTo) into log entries, which close the cancelled
// orders and release their holds as soon as the cancel is confirmed. The
// Exchange rejects those orders only after its cancel delay, which leaves
// the batches that already hold them time to settle.
//
// # Network
//
// With Config.Network set, the node runs a p2p host (package p2p) in
// one of two roles (Config.Role).
//
// A sequencer runs the pipeline above. Once a round is durable, the
// publisher queues it (NetworkConfig.BatchQueueRoundsMax) for the batch
// publisher goroutine, which signs it with the operator key and gossips
// it as log batches, merging rounds that queued up meanwhile. A round
// carries the state hash after its last entry when the time budget of
// statehash.go allows. Orders and cancels gossiped by followers go
// straight to the sequencer's queue, because the host checked their
// signatures. The sequencer queues its rejections of them
// (NetworkConfig.RejectionQueueMax, dropped when full) for the rejection
// publisher goroutine, which turns each into the error the JSON-RPC API
// returns, signs them and gossips them, at most
// NetworkConfig.RejectionMessagesPerSecond messages a second
// (network_rejections.go).
//
// A follower runs no sequencer. Its verifiers check what clients submit,
// and the forwarder goroutine gossips it and keeps the request until the
// sequencer's log contains it or the sequencer's rejection of it arrives
// (forward.go). The applier goroutine
// (runFollower) owns the machine in place of the sequencer: it applies
// the batches the host's follower goroutine hands it and the entries or
// snapshot the sync goroutine fetches, one job at a time, checks the
// sequencer's state hash, and submits rounds to the same publisher,
// indexer and snapshot writer. It updates the views, feeds subscribers
// and replies to the forwarded requests itself, right after it submits a
// round, because the sequencer made the entries durable before it
// published them. The publisher then only hands the round to the indexer
// and the snapshot writer once the follower's store has it. Nothing else
// waits for that store, except Stop, snapshots and queries that read the
// indexes, so it commits at most every store.Options.LogCommitInterval
// (FollowerLogCommitIntervalDefault). A query that needs the indexes
// makes it commit sooner, at most once per store.ForcedCommitGapMin (or
// per interval, when that is shorter), and concurrent queries share
// that commit. A state hash that differs, or an entry the
// machine rejects, stops the follower with ErrStateDiverged before the
// batch is written. The sync goroutine catches up at start, after every
// gap the host reports, and after NetworkConfig.SyncCheckInterval without
// a new entry.
//
// # Stopping
//
// Stop rejects new requests, sequences the accepted ones, seals the open
// batches and waits up to Config.StopSettleTimeout for them to settle, then
// stops the chain links, drains the pipeline, saves a snapshot and closes
// the store. A follower closes its host and stops syncing before its
// pipeline drains; a sequencer publishes its last batches and then closes
// its host. A store write that fails stops sequencing for good (Failed
// and Err report it), because the machine is then ahead of the log; a
// restart recovers from the log. A follower whose write fails keeps the
// replies it gave for applied entries, which the sequencer's log contains,
// and replies rpc.ErrUnavailable to every request still waiting.
package node
