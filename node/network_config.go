package node

import (
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/multiformats/go-multiaddr"

	"github.com/thaliumx/thaliumx/p2p"
)

// Role is a node's part in the exchange's log: sequencer or follower.
type Role string

// Roles of a node.
const (
	// RoleSequencer sequences the log: it takes orders from clients and
	// from gossip, applies them and publishes signed log batches. Its
	// operator key must be the operator registered in the Exchange.
	RoleSequencer Role = "sequencer"
	// RoleFollower applies the sequencer's batches to its own state
	// machine and store, serves the read API and gossips the orders its
	// clients submit to the sequencer.
	RoleFollower Role = "follower"
)

// Defaults of NetworkConfig fields left at zero.
const (
	// ForwardAckTimeoutDefault bounds how long a follower waits for an
	// order it gossiped to appear in the sequencer's log.
	ForwardAckTimeoutDefault = 10 * time.Second
	// StateHashTimePercentDefault is the share of the sequencer's time
	// that state hashes for log batches may take.
	StateHashTimePercentDefault = 5
	// StateHashGapMinDefault is the least time between two state hashes
	// of log batches.
	StateHashGapMinDefault = 100 * time.Millisecond
	// BatchGapMinDefault is the least time between two publications of
	// log batches.
	BatchGapMinDefault = 10 * time.Millisecond
	// batchGapMinLimit bounds BatchGapMin, which delays every follower.
	batchGapMinLimit = time.Second
	// BatchQueueRoundsDefault bounds the durable rounds waiting to be
	// signed and published as log batches.
	BatchQueueRoundsDefault = 256
	// OperatorPollIntervalDefault is how often a follower reads the
	// Exchange's operator again, to follow a change of sequencer.
	OperatorPollIntervalDefault = time.Minute
	// SyncStartTimeoutDefault bounds how long a new follower waits for a
	// peer before it gives up its first sync; it retries on the next gap.
	SyncStartTimeoutDefault = 30 * time.Second
	// RejectionQueueDefault bounds the sequencer's rejections of gossiped
	// requests waiting to be published.
	RejectionQueueDefault = 4096
	// RejectionMessagesPerSecondDefault bounds the rejection messages the
	// sequencer publishes per second. Each carries up to
	// p2p.Limits.RejectionsPerMessageMax rejections.
	RejectionMessagesPerSecondDefault = 20
	// SyncCheckIntervalDefault is how long a follower goes without a new
	// entry before it requests its peers' log bounds. The sequencer logs a
	// tick every second, so a quiet log still grows.
	SyncCheckIntervalDefault = 3 * time.Second
)

// forwardPendingLimit and rejectionQueueLimit bound ForwardPendingMax and
// RejectionQueueMax.
const (
	forwardPendingLimit = 1 << 20
	rejectionQueueLimit = 1 << 20
)

// NetworkConfig connects a node to its peers: the libp2p host, the gossip
// of orders and log batches, and the sync protocol.
type NetworkConfig struct {
	// ListenAddrs are the host's TCP and QUIC multiaddrs; 127.0.0.1 on
	// free ports if empty.
	ListenAddrs []multiaddr.Multiaddr
	// Bootnodes are peers to stay connected to, each ending in
	// /p2p/<peer id>. A follower must reach the sequencer, directly or
	// through them, because it publishes orders without relaying others'.
	Bootnodes []multiaddr.Multiaddr
	// MDNS turns on multicast DNS discovery on the local network, for
	// --dev and the local testnet only.
	MDNS bool
	// LoopbackOnly refuses every peer address outside 127.0.0.0/8 and ::1.
	LoopbackOnly bool

	// Operator is the account whose signature a log batch must carry. A
	// follower with a chain endpoint reads it from the Exchange of the
	// first chain instead, and a sequencer uses its OperatorKey's address.
	Operator common.Address

	// Limits bounds the host's peers, queues, rates and sync; zero fields
	// take p2p.DefaultLimits.
	Limits p2p.Limits
	// Seed seeds the jitter of the bootnode backoff; zero picks one.
	Seed uint64

	// ForwardAckTimeout bounds how long a follower waits for a gossiped
	// order or cancel to appear in the sequencer's log before it replies
	// with rpc.ErrUnavailable.
	ForwardAckTimeout time.Duration
	// ForwardPendingMax bounds the gossiped requests a follower waits
	// for at once; IngressQueueRequestsMax if zero.
	ForwardPendingMax int
	// RejectionQueueMax bounds the sequencer's rejections of gossiped
	// orders and cancels waiting to be published to the followers. A
	// full queue drops the rejection, and the follower that gossiped the
	// request replies after ForwardAckTimeout.
	RejectionQueueMax int
	// RejectionMessagesPerSecond bounds the rejection messages the
	// sequencer publishes per second. Rejections that wait meanwhile go
	// out together in the next message.
	RejectionMessagesPerSecond float64
	// StateHashTimePercent bounds the share of the sequencer's time that
	// computing the state hash for its log batches takes, 1 to 100.
	StateHashTimePercent int
	// StateHashGapMin is the least time from one state hash of a log
	// batch to the next. Without it a cheap hash goes on nearly every
	// batch, and each follower spends as long checking it as the
	// sequencer spent computing it.
	StateHashGapMin time.Duration
	// BatchGapMin is the least time from one publication of log batches
	// to the next. The rounds that turn durable meanwhile go out in one
	// batch, so each follower checks fewer batch signatures and commits
	// fewer times. Zero means BatchGapMinDefault, and a negative value
	// publishes every durable round at once.
	BatchGapMin time.Duration
	// BatchQueueRoundsMax bounds the durable rounds waiting to be signed
	// and published. A full queue drops the round, and followers fetch
	// its entries with the sync protocol.
	BatchQueueRoundsMax int
	// OperatorPollInterval is how often a follower with a chain endpoint
	// reads the Exchange's operator again.
	OperatorPollInterval time.Duration
	// SyncStartTimeout bounds how long a starting follower waits for a
	// peer to sync from.
	SyncStartTimeout time.Duration
	// SyncCheckInterval is how long a follower goes without applying an
	// entry before it requests its peers' log bounds and syncs what it
	// misses. Gossip alone cannot reveal a gap when no batch arrives
	// at all, for example while a peer still sends on a connection that
	// died with the follower's previous process.
	SyncCheckInterval time.Duration
}

func (c NetworkConfig) withDefaults() NetworkConfig {
	fillDuration(&c.ForwardAckTimeout, ForwardAckTimeoutDefault)
	fillInt(&c.StateHashTimePercent, StateHashTimePercentDefault)
	fillDuration(&c.StateHashGapMin, StateHashGapMinDefault)
	fillDuration(&c.BatchGapMin, BatchGapMinDefault)
	fillInt(&c.BatchQueueRoundsMax, BatchQueueRoundsDefault)
	fillInt(&c.RejectionQueueMax, RejectionQueueDefault)
	if c.RejectionMessagesPerSecond == 0 {
		c.RejectionMessagesPerSecond = RejectionMessagesPerSecondDefault
	}
	fillDuration(&c.OperatorPollInterval, OperatorPollIntervalDefault)
	fillDuration(&c.SyncStartTimeout, SyncStartTimeoutDefault)
	fillDuration(&c.SyncCheckInterval, SyncCheckIntervalDefault)
	return c
}

// effectiveLimits returns the host's limits with p2p's defaults filled in,
// for the node's own use of them.
func (c NetworkConfig) effectiveLimits() p2p.Limits {
	l, d := c.Limits, p2p.DefaultLimits()
	fillInt(&l.BatchBytesMax, d.BatchBytesMax)
	fillInt(&l.BatchEntriesMax, d.BatchEntriesMax)
	fillInt(&l.RejectionsPerMessageMax, d.RejectionsPerMessageMax)
	fillDuration(&l.SeenMessagesTTL, d.SeenMessagesTTL)
	return l
}

// checkNetwork checks the role against the network settings, the chains
// and the keys.
func (c Config) checkNetwork() error {
	switch c.Role {
	case RoleSequencer, RoleFollower:
	default:
		return fmt.Errorf("%w: role %q, expected %q or %q", ErrInvalidConfig, c.Role, RoleSequencer, RoleFollower)
	}
	if c.Network == nil {
		if c.Role == RoleFollower {
			return fmt.Errorf("%w: a follower needs a network to reach the sequencer; set Network (--bootnodes)", ErrInvalidConfig)
		}
		return nil
	}
	nc := c.Network
	if err := nc.checkLimits(); err != nil {
		return err
	}
	if len(c.Chains) == 0 || c.Chains[0].Exchange == (common.Address{}) {
		return fmt.Errorf("%w: the network gossips the log of the first chain's Exchange, and no chain with an Exchange address is configured", ErrInvalidConfig)
	}
	if c.Role == RoleFollower {
		return c.checkFollower()
	}
	if c.OperatorKey == nil {
		return fmt.Errorf("%w: a sequencer signs its log batches with the operator key, and none is set; unlock the operator account", ErrInvalidConfig)
	}
	if op := crypto.PubkeyToAddress(c.OperatorKey.PublicKey); nc.Operator != (common.Address{}) && nc.Operator != op {
		return fmt.Errorf("%w: Network.Operator is %s but the operator key is %s's", ErrInvalidConfig, nc.Operator, op)
	}
	return nil
}

// checkLimits checks the ranges of the queues, shares and intervals.
func (nc *NetworkConfig) checkLimits() error {
	switch {
	case nc.StateHashTimePercent < 1 || nc.StateHashTimePercent > 100:
		return fmt.Errorf("%w: StateHashTimePercent is %d, expected 1 to 100", ErrInvalidConfig, nc.StateHashTimePercent)
	case nc.StateHashGapMin < 0 || nc.StateHashGapMin > time.Minute:
		return fmt.Errorf("%w: StateHashGapMin is %v, expected at most 1m, or 0 for the default of %v",
			ErrInvalidConfig, nc.StateHashGapMin, StateHashGapMinDefault)
	case nc.BatchGapMin > batchGapMinLimit:
		return fmt.Errorf("%w: BatchGapMin is %v, expected at most %v, 0 for the default of %v, or a negative value for none",
			ErrInvalidConfig, nc.BatchGapMin, batchGapMinLimit, BatchGapMinDefault)
	case nc.BatchQueueRoundsMax < 1 || nc.BatchQueueRoundsMax > 1<<16:
		return fmt.Errorf("%w: BatchQueueRoundsMax is %d, expected 1 to %d", ErrInvalidConfig, nc.BatchQueueRoundsMax, 1<<16)
	case nc.ForwardPendingMax < 0 || nc.ForwardPendingMax > forwardPendingLimit:
		return fmt.Errorf("%w: ForwardPendingMax is %d, expected 0 to %d", ErrInvalidConfig, nc.ForwardPendingMax, forwardPendingLimit)
	case nc.RejectionQueueMax < 1 || nc.RejectionQueueMax > rejectionQueueLimit:
		return fmt.Errorf("%w: RejectionQueueMax is %d, expected 1 to %d", ErrInvalidConfig, nc.RejectionQueueMax, rejectionQueueLimit)
	case !(nc.RejectionMessagesPerSecond > 0):
		return fmt.Errorf("%w: RejectionMessagesPerSecond is %g, expected a positive rate", ErrInvalidConfig, nc.RejectionMessagesPerSecond)
	case nc.ForwardAckTimeout < 0 || nc.OperatorPollInterval < 0 || nc.SyncStartTimeout < 0 || nc.SyncCheckInterval < 0:
		return fmt.Errorf("%w: ForwardAckTimeout %s, OperatorPollInterval %s, SyncStartTimeout %s and SyncCheckInterval %s must not be negative",
			ErrInvalidConfig, nc.ForwardAckTimeout, nc.OperatorPollInterval, nc.SyncStartTimeout, nc.SyncCheckInterval)
	}
	return nil
}

// checkFollower rejects settings that only a sequencer uses.
func (c Config) checkFollower() error {
	if len(c.Markets) > 0 {
		return fmt.Errorf("%w: a follower lists the markets of the sequencer's log; remove the %d configured markets", ErrInvalidConfig, len(c.Markets))
	}
	if c.Chains[0].Endpoint == "" && c.Network.Operator == (common.Address{}) {
		return fmt.Errorf("%w: a follower without a chain endpoint needs Network.Operator, the account that signs log batches", ErrInvalidConfig)
	}
	return nil
}

// logRef names the exchange whose log the node gossips: the first chain's
// Exchange.
func (c Config) logRef() p2p.ExchangeRef {
	return p2p.ExchangeRef{ChainID: c.Chains[0].ChainID, Contract: c.Chains[0].Exchange}
}
