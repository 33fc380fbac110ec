// Package p2p is a node's libp2p host: connections to peers, gossip of
// signed orders and of the sequencer's log batches, the sync protocol that
// fills gaps in the log, and the peer scoring that disconnects abusive
// peers. The node reaches it through Handlers (what the network delivers
// to the node) and Host's Publish and Sync methods (what the node sends
// or fetches).
//
// # Host
//
// A Host listens on TCP and QUIC (127.0.0.1 on free ports unless
// Config.ListenAddrs sets others), secures connections with Noise or
// TLS, and keeps its Ed25519 identity in Config.DataDir/p2p_identity.key
// (mode 0600, created on first start). It runs no DHT, no relay, no NAT
// port mapping and no peer exchange: peers come from Config.Bootnodes,
// from mDNS when Config.MDNS is set, and from peers that dial in. A
// connection manager trims connections above Limits.PeersHigh down to
// Limits.PeersLow; bootnodes are protected from trimming. With
// Config.LoopbackOnly, a connection gater refuses every address outside
// the loopback range.
//
// # Gossip
//
// Gossipsub v1.2 runs under the private protocol id GossipProtocol, with
// no author fields and no libp2p message signatures: the signatures that
// matter are inside the messages. A message's id is the SHA-256 of its
// bytes (MessageID), so one order has one id whichever node publishes or
// forwards it, and gossipsub drops the copies. Messages a host publishes
// go to every peer in the topic (flood publishing), forwarded ones
// through the mesh.
//
// A host joins a market's order topic with JoinMarket, which subscribes
// to it, or with JoinMarketToPublish, which only publishes there: a
// follower gossips its clients' orders straight to the sequencer and
// neither checks nor relays other nodes' orders.
//
// Topics (OrderTopic, LogTopic, RejectionTopic):
//
//	/thx/1/orders/<chain id>/<exchange>/<market>   signed orders and cancels
//	/thx/1/log/<chain id>/<exchange>               the sequencer's log batches
//	/thx/1/rejections/<chain id>/<exchange>        the sequencer's rejections
//
// The sequencer publishes on the rejection topic the JSON-RPC error of
// each gossiped order or cancel it rejected, so that the follower that
// gossiped it can reply to its caller at once. A host subscribes to the
// topic when it has a RejectionHandler and only publishes there otherwise.
// Rejections are not log entries and change no state.
//
// A topic validator checks every received message before gossipsub
// forwards or delivers it, cheapest check first. It checks the sender's
// rate (Limits.OrderMessagesPerPeerPerSecond, BatchesPerPeerPerSecond,
// RejectionMessagesPerPeerPerSecond), the size (OrderMessageBytesMax,
// Limits.BatchBytesMax, Limits.RejectionsPerMessageMax), the decoding and
// the topic. Last comes the signature: the trader's EIP-712 signature of
// an order or cancel (chain/eip712), or the operator's signature of a
// batch or a rejection message (Config.Operator).
// Validation runs on Limits.ValidateWorkers goroutines, because a
// signature check costs tens of microseconds. An order the host publishes
// itself is not verified again: the node verified it when it took it.
//
// # Message formats
//
// All formats are versioned, big-endian and have exactly one encoding per
// value, which content-hash ids rely on. The order message
// (OrderMessage.Encode) is a header naming the chain, exchange and market,
// the EIP-712 fields of the order or cancel, and the 65-byte signature with
// v of 27 or 28. The batch (Batch.Encode) carries consecutive log entries
// as the store keeps them (seq, payload), the state hash after the last
// one, and the operator's secp256k1 signature over an EIP-191 version 0
// hash bound to the Exchange contract. The rejection message
// (RejectionMessage.Encode) is signed the same way under another tag and
// carries, for each rejection, the order hash, the trader's signature,
// the sequencer's last applied seq and the JSON-RPC error. The sync
// protocol's frames are described in sync_wire.go.
//
// # Followers
//
// A host with a BatchHandler is a follower. Batches are handed to it in
// sequence; a stale batch is dropped; a batch ahead of the log is kept (at
// most Limits.PendingBatchesMax) and, once the gap before it has lasted
// Limits.GapReportDelay, reported through HandleGap so that the node
// fetches the missing entries with SyncClient.SyncLog and calls
// ResumeBatches.
//
// # Sync protocol
//
// SyncProtocol (/thx/sync/1) carries one request and its response per
// stream, in length-prefixed frames with size limits, each exchange within
// Limits.SyncRequestTimeout. A client requests a peer's status (log bounds
// and newest snapshot), a log range (at most Limits.SyncEntriesMax entries
// and SyncResponseBytesMax bytes per response), or the newest snapshot,
// which arrives in chunks of Limits.SnapshotChunkBytes with a SHA-256 of
// the whole payload. A server reads the node's LogSource, serves at most
// Limits.SyncServeStreamsMax requests at once and responds busy beyond. SyncLog and SyncSnapshot move to another peer when one fails,
// and log progress (entries per second and ETA) every
// Limits.ProgressLogInterval.
//
// # Peer scoring
//
// Gossipsub scores every peer: a rejected message counts against the peer
// that sent it in that topic, squared, and timely valid messages count for
// it, up to a cap. The host adds an application penalty for messages over
// the peer's rate limit and for messages a peer sent twice (an honest
// gossipsub peer forwards each message once). Every
// Limits.ScoreInspectInterval the host disconnects any peer whose score is
// below banThreshold and bans it for Limits.BanDuration; below the lower
// graylistThreshold gossipsub ignores the peer until then. score.go lists
// the weights and why.
//
// # Goroutines
//
// Besides libp2p's and gossipsub's own goroutines, a Host runs: one per
// joined market topic, which delivers its messages to the OrderHandler;
// one that reads the log topic and one (the follower) that owns the
// pending batches and calls the BatchHandler; one that delivers the
// rejection topic to the RejectionHandler, when there is one; one per
// bootnode, which owns
// that bootnode's backoff; and one that watches peer connections. Sync
// requests are served on libp2p's stream goroutines. Validators run on
// gossipsub's validation workers and share only the rate limiters,
// penalties and ban list, each guarded by its own mutex. Close stops every
// goroutine the host started and waits for them.
package p2p
