package p2p

import (
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/multiformats/go-multiaddr"
	"github.com/prometheus/client_golang/prometheus"
)

// Config configures a Host. DataDir, Log and Operator are required; every
// other field has a default.
type Config struct {
	// DataDir holds the identity key file (IdentityFileName). It is
	// created with mode 0700 when missing.
	DataDir string

	// ListenAddrs are the TCP and QUIC addresses to listen on. Empty means
	// 127.0.0.1 on a free TCP port and a free UDP port (QUIC v1).
	ListenAddrs []multiaddr.Multiaddr

	// Bootnodes are peers to stay connected to, each a multiaddr ending in
	// /p2p/<peer id>. The host redials them with exponential backoff
	// whenever the connection drops.
	Bootnodes []multiaddr.Multiaddr

	// MDNS turns on multicast DNS discovery of peers on the local network.
	// The node turns it on for --dev and the local testnet only.
	MDNS bool

	// LoopbackOnly makes the host refuse to dial or accept any address
	// outside 127.0.0.0/8 and ::1. Tests and the local testnet set it.
	LoopbackOnly bool

	// Log names the exchange whose log batches the host gossips. It also
	// enters the batch signature, so a batch of one exchange is invalid on
	// another.
	Log ExchangeRef

	// Operator is the account whose signature a log batch must carry: the
	// operator registered in the Exchange contract.
	Operator common.Address

	Limits Limits

	// Logger receives lifecycle messages (peers, bans, gaps, sync progress).
	// Nil means slog.Default().
	Logger *slog.Logger

	// Registry receives the host's Prometheus metrics and libp2p's own.
	// Nil keeps the metrics in a private registry and turns libp2p's off.
	Registry prometheus.Registerer

	// Now is the clock for rate limits, penalties, bans and sync progress.
	// Nil means time.Now.
	Now func() time.Time

	// Seed seeds the jitter of the bootnode backoff. Zero picks a random
	// seed.
	Seed uint64
}

// Limits bounds every queue, rate and timer of a Host. A zero field takes
// its default, listed in DefaultLimits.
type Limits struct {
	// PeersLow and PeersHigh are the connection manager's water marks: above
	// PeersHigh connections it closes the least useful ones down to
	// PeersLow. Bootnodes are protected. PeerGracePeriod shields a new
	// connection from trimming.
	PeersLow        int
	PeersHigh       int
	PeerGracePeriod time.Duration

	// DialTimeout bounds one dial attempt.
	DialTimeout time.Duration

	// BootnodeBackoffMin and BootnodeBackoffMax bound the delay between
	// attempts to reach a bootnode. The delay doubles after each failure,
	// with up to 20% jitter, and resets after a connection.
	BootnodeBackoffMin time.Duration
	BootnodeBackoffMax time.Duration

	// HeartbeatInterval is gossipsub's heartbeat, which maintains meshes
	// and emits gossip.
	HeartbeatInterval time.Duration

	// SeenMessagesTTL is how long gossipsub remembers a message id to drop
	// duplicates.
	SeenMessagesTTL time.Duration

	// OrderMessagesPerPeerPerSecond and OrderMessagesPerPeerBurst limit the
	// order and cancel messages validated per forwarding peer, across all
	// market topics. Messages above the rate are dropped unchecked and
	// count against the peer's score.
	OrderMessagesPerPeerPerSecond float64
	OrderMessagesPerPeerBurst     int

	// BatchesPerPeerPerSecond and BatchesPerPeerBurst do the same for log
	// batches.
	BatchesPerPeerPerSecond float64
	BatchesPerPeerBurst     int

	// BatchBytesMax and BatchEntriesMax bound one encoded log batch.
	BatchBytesMax   int
	BatchEntriesMax int

	// RejectionMessagesPerPeerPerSecond and RejectionMessagesPerPeerBurst
	// do the same for the sequencer's rejection messages.
	RejectionMessagesPerPeerPerSecond float64
	RejectionMessagesPerPeerBurst     int

	// RejectionsPerMessageMax bounds the rejections in one rejection
	// message, at most 1024.
	RejectionsPerMessageMax int

	// ValidateQueueMessages is how many received messages may wait for a
	// validation worker; more are dropped. ValidateWorkers is how many
	// messages are validated at once (signature checks run there).
	ValidateQueueMessages int
	ValidateWorkers       int

	// SubscriptionBufferMessages is how many validated messages of one
	// topic may wait for their handler; more are dropped and counted.
	SubscriptionBufferMessages int

	// PeerOutboundQueueMessages is how many messages may wait to be sent to
	// one peer; more are dropped.
	PeerOutboundQueueMessages int

	// PendingBatchesMax is how many log batches that arrived ahead of the
	// log are kept until the gap before them is filled.
	PendingBatchesMax int

	// GapReportDelay is how long a gap must persist before it is reported,
	// because concurrent validation may deliver consecutive batches out of
	// order. GapReportInterval repeats the report while the gap persists.
	GapReportDelay    time.Duration
	GapReportInterval time.Duration

	// ScoreInspectInterval is how often peer scores are checked; a peer
	// below the ban threshold is disconnected and banned for BanDuration.
	ScoreInspectInterval time.Duration
	BanDuration          time.Duration

	// SyncRequestTimeout bounds one sync request and its response, and each
	// chunk of a snapshot.
	SyncRequestTimeout time.Duration

	// SyncEntriesMax is the most log entries requested or served in one
	// response; SyncResponseBytesMax bounds its encoded size.
	SyncEntriesMax       int
	SyncResponseBytesMax int

	// SnapshotChunkBytes is the size of each snapshot chunk a server sends;
	// SnapshotBytesMax is the largest snapshot a client accepts.
	SnapshotChunkBytes int
	SnapshotBytesMax   int64

	// SyncServeStreamsMax is how many sync requests a host serves at once;
	// SnapshotServesMax how many of them may be snapshots.
	SyncServeStreamsMax int
	SnapshotServesMax   int

	// SyncRoundsMax is how many times the sync client goes through the
	// candidate peers before it gives up; SyncRetryDelay separates rounds.
	SyncRoundsMax  int
	SyncRetryDelay time.Duration

	// ProgressLogInterval is how often a long sync logs its progress.
	ProgressLogInterval time.Duration
}

// Hard bounds that no configuration can raise.
const (
	// batchEntriesLimit is the most entries one batch can carry. The wire
	// format would allow 2^32, but a batch of more would not fit a gossip
	// message anyway.
	batchEntriesLimit = 65536

	// syncEntriesLimit matches the store's largest ReadLog.
	syncEntriesLimit = 65536

	// entryPayloadBytesMax matches the store's largest log entry payload.
	entryPayloadBytesMax = 1 << 20

	// snapshotBytesLimit matches the store's largest snapshot payload.
	snapshotBytesLimit = 1 << 30

	// snapshotChunkBytesLimit bounds one snapshot chunk frame.
	snapshotChunkBytesLimit = 8 << 20
)

// DefaultLimits returns the limits a zero Limits field takes.
func DefaultLimits() Limits {
	return Limits{
		PeersLow:                          32,
		PeersHigh:                         64,
		PeerGracePeriod:                   20 * time.Second,
		DialTimeout:                       10 * time.Second,
		BootnodeBackoffMin:                time.Second,
		BootnodeBackoffMax:                time.Minute,
		HeartbeatInterval:                 time.Second,
		SeenMessagesTTL:                   2 * time.Minute,
		OrderMessagesPerPeerPerSecond:     10_000,
		OrderMessagesPerPeerBurst:         10_000,
		BatchesPerPeerPerSecond:           500,
		BatchesPerPeerBurst:               1000,
		BatchBytesMax:                     1 << 20,
		BatchEntriesMax:                   8192,
		RejectionMessagesPerPeerPerSecond: 100,
		RejectionMessagesPerPeerBurst:     200,
		RejectionsPerMessageMax:           128,
		ValidateQueueMessages:             8192,
		ValidateWorkers:                   runtime.NumCPU(),
		SubscriptionBufferMessages:        8192,
		PeerOutboundQueueMessages:         4096,
		PendingBatchesMax:                 256,
		GapReportDelay:                    250 * time.Millisecond,
		GapReportInterval:                 5 * time.Second,
		ScoreInspectInterval:              time.Second,
		BanDuration:                       10 * time.Minute,
		SyncRequestTimeout:                10 * time.Second,
		SyncEntriesMax:                    4096,
		SyncResponseBytesMax:              8 << 20,
		SnapshotChunkBytes:                1 << 20,
		SnapshotBytesMax:                  snapshotBytesLimit,
		SyncServeStreamsMax:               8,
		SnapshotServesMax:                 2,
		SyncRoundsMax:                     5,
		SyncRetryDelay:                    500 * time.Millisecond,
		ProgressLogInterval:               5 * time.Second,
	}
}

// withDefaults fills zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()

	// Peers and dialling.
	fillInt(&l.PeersLow, d.PeersLow)
	fillInt(&l.PeersHigh, d.PeersHigh)
	fillDuration(&l.PeerGracePeriod, d.PeerGracePeriod)
	fillDuration(&l.DialTimeout, d.DialTimeout)
	fillDuration(&l.BootnodeBackoffMin, d.BootnodeBackoffMin)
	fillDuration(&l.BootnodeBackoffMax, d.BootnodeBackoffMax)

	// Gossip and validation.
	fillDuration(&l.HeartbeatInterval, d.HeartbeatInterval)
	fillDuration(&l.SeenMessagesTTL, d.SeenMessagesTTL)
	fillFloat(&l.OrderMessagesPerPeerPerSecond, d.OrderMessagesPerPeerPerSecond)
	fillInt(&l.OrderMessagesPerPeerBurst, d.OrderMessagesPerPeerBurst)
	fillFloat(&l.BatchesPerPeerPerSecond, d.BatchesPerPeerPerSecond)
	fillInt(&l.BatchesPerPeerBurst, d.BatchesPerPeerBurst)
	fillInt(&l.BatchBytesMax, d.BatchBytesMax)
	fillInt(&l.BatchEntriesMax, d.BatchEntriesMax)
	fillFloat(&l.RejectionMessagesPerPeerPerSecond, d.RejectionMessagesPerPeerPerSecond)
	fillInt(&l.RejectionMessagesPerPeerBurst, d.RejectionMessagesPerPeerBurst)
	fillInt(&l.RejectionsPerMessageMax, d.RejectionsPerMessageMax)
	fillInt(&l.ValidateQueueMessages, d.ValidateQueueMessages)
	fillInt(&l.ValidateWorkers, d.ValidateWorkers)
	fillInt(&l.SubscriptionBufferMessages, d.SubscriptionBufferMessages)
	fillInt(&l.PeerOutboundQueueMessages, d.PeerOutboundQueueMessages)
	fillInt(&l.PendingBatchesMax, d.PendingBatchesMax)
	fillDuration(&l.GapReportDelay, d.GapReportDelay)
	fillDuration(&l.GapReportInterval, d.GapReportInterval)
	fillDuration(&l.ScoreInspectInterval, d.ScoreInspectInterval)
	fillDuration(&l.BanDuration, d.BanDuration)

	// Sync.
	fillDuration(&l.SyncRequestTimeout, d.SyncRequestTimeout)
	fillInt(&l.SyncEntriesMax, d.SyncEntriesMax)
	fillInt(&l.SyncResponseBytesMax, d.SyncResponseBytesMax)
	fillInt(&l.SnapshotChunkBytes, d.SnapshotChunkBytes)
	if l.SnapshotBytesMax == 0 {
		l.SnapshotBytesMax = d.SnapshotBytesMax
	}
	fillInt(&l.SyncServeStreamsMax, d.SyncServeStreamsMax)
	fillInt(&l.SnapshotServesMax, d.SnapshotServesMax)
	fillInt(&l.SyncRoundsMax, d.SyncRoundsMax)
	fillDuration(&l.SyncRetryDelay, d.SyncRetryDelay)
	fillDuration(&l.ProgressLogInterval, d.ProgressLogInterval)
	return l
}

func fillInt(v *int, def int) {
	if *v == 0 {
		*v = def
	}
}

func fillFloat(v *float64, def float64) {
	if *v == 0 {
		*v = def
	}
}

func fillDuration(v *time.Duration, def time.Duration) {
	if *v == 0 {
		*v = def
	}
}

// check rejects limits that are negative or inconsistent.
func (l Limits) check() error {
	if err := l.checkPositive(); err != nil {
		return err
	}
	switch {
	case l.PeersLow > l.PeersHigh:
		return invalidConfig("Limits.PeersLow %d is above PeersHigh %d", l.PeersLow, l.PeersHigh)
	case l.BootnodeBackoffMin > l.BootnodeBackoffMax:
		return invalidConfig("Limits.BootnodeBackoffMin %s is above BootnodeBackoffMax %s", l.BootnodeBackoffMin, l.BootnodeBackoffMax)
	case l.BatchEntriesMax > batchEntriesLimit:
		return invalidConfig("Limits.BatchEntriesMax %d is above %d", l.BatchEntriesMax, batchEntriesLimit)
	case l.BatchBytesMax < batchOverheadBytes+batchEntryHeaderBytes+1:
		return invalidConfig("Limits.BatchBytesMax %d cannot hold one entry", l.BatchBytesMax)
	case l.RejectionsPerMessageMax > rejectionsLimit:
		return invalidConfig("Limits.RejectionsPerMessageMax %d is above %d", l.RejectionsPerMessageMax, rejectionsLimit)
	case rejectionMessageBytesMax(l.RejectionsPerMessageMax) > l.BatchBytesMax:
		return invalidConfig("Limits.RejectionsPerMessageMax %d allows messages of %d bytes, above BatchBytesMax %d, the largest gossip message",
			l.RejectionsPerMessageMax, rejectionMessageBytesMax(l.RejectionsPerMessageMax), l.BatchBytesMax)
	case l.SyncEntriesMax > syncEntriesLimit:
		return invalidConfig("Limits.SyncEntriesMax %d is above %d", l.SyncEntriesMax, syncEntriesLimit)
	case l.SyncResponseBytesMax < logResponseBytesMin:
		return invalidConfig("Limits.SyncResponseBytesMax %d is below %d, which one entry of the largest size needs",
			l.SyncResponseBytesMax, logResponseBytesMin)
	case l.SnapshotChunkBytes > snapshotChunkBytesLimit:
		return invalidConfig("Limits.SnapshotChunkBytes %d is above %d", l.SnapshotChunkBytes, snapshotChunkBytesLimit)
	case l.SnapshotBytesMax > snapshotBytesLimit:
		return invalidConfig("Limits.SnapshotBytesMax %d is above %d", l.SnapshotBytesMax, int64(snapshotBytesLimit))
	case l.SnapshotServesMax > l.SyncServeStreamsMax:
		return invalidConfig("Limits.SnapshotServesMax %d is above SyncServeStreamsMax %d", l.SnapshotServesMax, l.SyncServeStreamsMax)
	}
	return nil
}

func (l Limits) checkPositive() error {
	ints := []struct {
		name  string
		value int
	}{
		{"PeersLow", l.PeersLow}, {"PeersHigh", l.PeersHigh},
		{"OrderMessagesPerPeerBurst", l.OrderMessagesPerPeerBurst}, {"BatchesPerPeerBurst", l.BatchesPerPeerBurst},
		{"BatchBytesMax", l.BatchBytesMax}, {"BatchEntriesMax", l.BatchEntriesMax},
		{"RejectionMessagesPerPeerBurst", l.RejectionMessagesPerPeerBurst}, {"RejectionsPerMessageMax", l.RejectionsPerMessageMax},
		{"ValidateQueueMessages", l.ValidateQueueMessages}, {"ValidateWorkers", l.ValidateWorkers},
		{"SubscriptionBufferMessages", l.SubscriptionBufferMessages}, {"PeerOutboundQueueMessages", l.PeerOutboundQueueMessages},
		{"PendingBatchesMax", l.PendingBatchesMax}, {"SyncEntriesMax", l.SyncEntriesMax},
		{"SyncResponseBytesMax", l.SyncResponseBytesMax}, {"SnapshotChunkBytes", l.SnapshotChunkBytes},
		{"SyncServeStreamsMax", l.SyncServeStreamsMax}, {"SnapshotServesMax", l.SnapshotServesMax},
		{"SyncRoundsMax", l.SyncRoundsMax},
	}
	for _, v := range ints {
		if v.value < 0 {
			return invalidConfig("Limits.%s is %d, expected a positive value or 0 for the default", v.name, v.value)
		}
	}
	durations := []struct {
		name  string
		value time.Duration
	}{
		{"PeerGracePeriod", l.PeerGracePeriod}, {"DialTimeout", l.DialTimeout},
		{"BootnodeBackoffMin", l.BootnodeBackoffMin}, {"BootnodeBackoffMax", l.BootnodeBackoffMax},
		{"HeartbeatInterval", l.HeartbeatInterval}, {"SeenMessagesTTL", l.SeenMessagesTTL},
		{"GapReportDelay", l.GapReportDelay}, {"GapReportInterval", l.GapReportInterval},
		{"ScoreInspectInterval", l.ScoreInspectInterval}, {"BanDuration", l.BanDuration},
		{"SyncRequestTimeout", l.SyncRequestTimeout}, {"SyncRetryDelay", l.SyncRetryDelay},
		{"ProgressLogInterval", l.ProgressLogInterval},
	}
	for _, v := range durations {
		if v.value < 0 {
			return invalidConfig("Limits.%s is %s, expected a positive duration or 0 for the default", v.name, v.value)
		}
	}
	if l.OrderMessagesPerPeerPerSecond < 0 || l.BatchesPerPeerPerSecond < 0 || l.RejectionMessagesPerPeerPerSecond < 0 || l.SnapshotBytesMax < 0 {
		return invalidConfig("Limits rates and SnapshotBytesMax must be positive or 0 for the default")
	}
	return nil
}

// withDefaults fills the optional fields and checks the required ones.
func (c Config) withDefaults() (Config, error) {
	if c.DataDir == "" {
		return c, invalidConfig("DataDir is empty; set the node's data directory, which holds the identity key")
	}
	if err := c.Log.Validate(); err != nil {
		return c, err
	}
	if c.Operator == (common.Address{}) {
		return c, invalidConfig("Operator is the zero address; set the operator registered in the Exchange contract")
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	c.Limits = c.Limits.withDefaults()
	if err := c.Limits.check(); err != nil {
		return c, err
	}
	if len(c.ListenAddrs) == 0 {
		c.ListenAddrs = defaultListenAddrs()
	}
	return c, nil
}

func defaultListenAddrs() []multiaddr.Multiaddr {
	return []multiaddr.Multiaddr{
		multiaddr.StringCast("/ip4/127.0.0.1/tcp/0"),
		multiaddr.StringCast("/ip4/127.0.0.1/udp/0/quic-v1"),
	}
}

func invalidConfig(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidConfig, fmt.Sprintf(format, args...))
}
