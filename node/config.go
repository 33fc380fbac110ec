package node

import (
	"crypto/ecdsa"
	"fmt"
	"log/slog"
	"math/big"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/thaliumx/thaliumx/chain"
	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
)

// Defaults of Config fields left at zero.
const (
	// IngressQueueRequestsDefault bounds the signed requests waiting for
	// signature verification. A full queue rejects new requests with
	// rpc.ErrUnavailable, so that a burst cannot grow memory.
	IngressQueueRequestsDefault = 16384
	// RoundEntriesDefault bounds the entries the sequencer applies before
	// it hands them to the store as one group commit.
	RoundEntriesDefault = 1024
	// PublishQueueRoundsDefault bounds the rounds submitted to the store
	// and waiting to be acknowledged and published.
	PublishQueueRoundsDefault = 64
	// IndexQueueRoundsDefault bounds the durable rounds waiting for the
	// indexer; a full queue holds the publisher back.
	IndexQueueRoundsDefault = 256
	// FollowerLogCommitIntervalDefault is a follower's least time between
	// two store commits (store.Options.LogCommitInterval). In the store
	// benchmark of a round every 10 ms (BenchmarkAppendFollowerPace), 50 ms
	// cut the commits from 100 to 20 a second and the CPU time per entry
	// by about half, and 100 ms saved no more CPU.
	FollowerLogCommitIntervalDefault = 50 * time.Millisecond
	// TickIntervalDefault is how often the sequencer logs a tick, which
	// advances time and expires GTD orders.
	TickIntervalDefault = time.Second
	// BatchIntervalDefault is how often each chain's open settlement batch
	// is sealed when it is not empty.
	BatchIntervalDefault = time.Second
	// BatchTradesDefault seals a batch early when it holds this many
	// trades. At the measured settle cost of about 31,000 gas per trade,
	// 500 trades need about 16 million gas, half of a 30-million-gas block.
	BatchTradesDefault = 500
	// SnapshotEntriesDefault is how many entries pass before a quiet node
	// takes a snapshot.
	SnapshotEntriesDefault = 100_000
	// SnapshotEntriesBusyDefault is how many entries pass before a busy
	// node takes a snapshot anyway. Recovery replays at most this many
	// entries after the snapshot: a million took 6.3 s in
	// BenchmarkRecoverStateMachine (docs/BENCHMARKS.md).
	SnapshotEntriesBusyDefault = 1_000_000
	// LogRetainEntriesDefault is how many log entries before the newest
	// snapshot the node keeps for peers that sync.
	LogRetainEntriesDefault = 1_000_000
	// StateHashIntervalDefault is the least time between two state hash
	// computations for NodeInfo. Each one encodes the whole state.
	StateHashIntervalDefault = 10 * time.Second
	// SubscriberEventsDefault bounds the events buffered for one
	// subscriber; a subscriber that falls further behind is dropped.
	SubscriberEventsDefault = 1024
	// RecentTradesDefault is how many trades each market keeps in memory
	// for RecentTrades.
	RecentTradesDefault = 1000
	// BookSnapshotLevelsDefault bounds the levels per side in the first
	// message of a book subscription.
	BookSnapshotLevelsDefault = 1000
)

// Hard limits of Config fields.
const (
	ingressQueueRequestsLimit = 1 << 20
	roundEntriesLimit         = 4096
	subscriberEventsLimit     = 1 << 16
	recentTradesLimit         = 100_000
	verifyWorkersLimit        = 1024
)

// ChainConfig describes one chain the node settles on.
type ChainConfig struct {
	ChainID  uint64
	Name     string
	Exchange common.Address
	// RPCURL is the endpoint wallets can use, shown in NodeInfo; empty
	// unless the node serves the chain itself (the embedded dev chain).
	RPCURL string

	// Endpoint is the JSON-RPC URL the node reads deposits from and sends
	// settlements to. Empty runs the chain without a client: no deposit
	// is credited and no batch is submitted, which only tests want.
	Endpoint string
	// Confirmations is the number of blocks, counting their own, before a
	// deposit is credited or a settlement is final; the network's default
	// (chain.NetworkFor) if zero.
	Confirmations uint64
	// StartBlock is the deposit watcher's first block on its first run,
	// typically the Exchange's deployment block.
	StartBlock uint64
	// MaxFeePerGasWei caps the fee of settlement transactions;
	// MaxFeePerGasDefaultWei if nil.
	MaxFeePerGasWei *big.Int
	// PollInterval is how often the watcher and the settler poll the
	// chain; ChainPollIntervalDefault if zero.
	PollInterval time.Duration
}

// ChainPollIntervalDefault is how often a chain is polled for deposits and
// settlement receipts.
const ChainPollIntervalDefault = 2 * time.Second

// MaxFeePerGasDefaultWei caps settlement fees when a chain sets no cap:
// 200 gwei.
var MaxFeePerGasDefaultWei = big.NewInt(200_000_000_000)

// StopSettleTimeoutDefault bounds how long Stop waits for the batches it
// sealed to settle before it closes the chain clients.
const StopSettleTimeoutDefault = 30 * time.Second

// Config configures a Node. Zero fields take the defaults above.
type Config struct {
	// DataDir holds the node's data: the store (log, snapshots and indexes)
	// in DataDir/store and the keystore in DataDir/keystore.
	DataDir string
	// Logger receives the node's logs; slog.Default() if nil.
	Logger *slog.Logger
	// Clock drives entry times, ticks, seals and state hashes;
	// SystemClock() if nil.
	Clock Clock
	// Registry receives the node's Prometheus metrics; a new registry if
	// nil. Metrics() returns it.
	Registry *prometheus.Registry
	// Version is reported by NodeInfo.
	Version string

	// Chains lists the chains the node settles on.
	Chains []ChainConfig
	// Markets are listed at start, each unless a market with its key is
	// already listed. Every market's chain must be in Chains and its
	// Exchange must be that chain's.
	Markets []state.Market

	// IngressQueueRequestsMax bounds the requests waiting for signature
	// verification.
	IngressQueueRequestsMax int
	// VerifyWorkers is the number of signature verification goroutines;
	// runtime.NumCPU() if zero.
	VerifyWorkers int
	// RoundEntriesMax bounds the entries of one group commit.
	RoundEntriesMax int
	// PublishQueueRoundsMax and IndexQueueRoundsMax bound the rounds
	// waiting for durability and for the indexer.
	PublishQueueRoundsMax int
	IndexQueueRoundsMax   int

	TickInterval  time.Duration
	BatchInterval time.Duration
	// BatchTradesMax seals a chain's batch as soon as it holds this many
	// trades.
	BatchTradesMax int
	// SnapshotEntries is the minimum number of entries between snapshots.
	// Encoding a snapshot stops the sequencer, so a node that applied a
	// signed request within the last StateWorkQuietGap waits until it is
	// quiet, or until SnapshotEntriesBusy entries have passed. The
	// sequencer also waits 20 times the last snapshot's encoding time, so
	// a large state is snapshotted less often. Zero means the defaults;
	// SnapshotEntriesBusy below SnapshotEntries is an error.
	SnapshotEntries     uint64
	SnapshotEntriesBusy uint64
	// LogRetainEntries is how many log entries before the newest snapshot
	// survive pruning, so that a peer that is behind by fewer syncs from the
	// log instead of a snapshot. Entries after the oldest stored snapshot
	// are always kept. KeepLog turns pruning off (an archive node).
	LogRetainEntries uint64
	KeepLog          bool
	// StateHashInterval is the least time between state hash computations
	// for NodeInfo; negative turns them off except at start and at
	// snapshots.
	StateHashInterval time.Duration

	SubscriberEventsMax   int
	RecentTradesMax       int
	BookSnapshotLevelsMax int

	// OperatorKey signs settlement transactions. It must be the Exchange's
	// operator on every chain with an Endpoint. It is never logged.
	OperatorKey *ecdsa.PrivateKey
	// StopSettleTimeout bounds how long Stop waits for sealed batches to
	// settle; StopSettleTimeoutDefault if zero.
	StopSettleTimeout time.Duration

	// Store configures the Badger store; its Logger defaults to Logger. A
	// follower's Store.LogCommitInterval defaults to
	// FollowerLogCommitIntervalDefault, and a negative value makes it
	// commit at once. A sequencer commits at once unless it is set,
	// because its replies wait for the sync.
	Store store.Options

	// Role is RoleSequencer (the default) or RoleFollower. A follower
	// needs Network.
	Role Role
	// Network connects the node to its peers; nil runs it alone.
	Network *NetworkConfig
}

// StoreDir returns the directory of the node's store inside a data
// directory.
func StoreDir(dataDir string) string { return filepath.Join(dataDir, "store") }

// KeystoreDir returns the directory of the node's keystore inside a data
// directory.
func KeystoreDir(dataDir string) string { return filepath.Join(dataDir, "keystore") }

// withDefaults fills zero fields and checks the rest.
func (c Config) withDefaults() (Config, error) {
	if c.DataDir == "" {
		return c, fmt.Errorf("%w: data directory is empty; set DataDir (--datadir)", ErrInvalidConfig)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Clock == nil {
		c.Clock = SystemClock()
	}
	if c.Registry == nil {
		c.Registry = prometheus.NewRegistry()
	}
	if c.Store.Logger == nil {
		c.Store.Logger = c.Logger
	}
	fillInt(&c.IngressQueueRequestsMax, IngressQueueRequestsDefault)
	fillInt(&c.VerifyWorkers, runtime.NumCPU())
	fillInt(&c.RoundEntriesMax, RoundEntriesDefault)
	fillInt(&c.PublishQueueRoundsMax, PublishQueueRoundsDefault)
	fillInt(&c.IndexQueueRoundsMax, IndexQueueRoundsDefault)
	fillInt(&c.BatchTradesMax, BatchTradesDefault)
	fillInt(&c.SubscriberEventsMax, SubscriberEventsDefault)
	fillInt(&c.RecentTradesMax, RecentTradesDefault)
	fillInt(&c.BookSnapshotLevelsMax, BookSnapshotLevelsDefault)
	fillDuration(&c.TickInterval, TickIntervalDefault)
	fillDuration(&c.BatchInterval, BatchIntervalDefault)
	fillDuration(&c.StateHashInterval, StateHashIntervalDefault)
	fillDuration(&c.StopSettleTimeout, StopSettleTimeoutDefault)
	c.Chains = slices.Clone(c.Chains)
	for i := range c.Chains {
		ch := &c.Chains[i]
		fillDuration(&ch.PollInterval, ChainPollIntervalDefault)
		if ch.MaxFeePerGasWei == nil {
			ch.MaxFeePerGasWei = MaxFeePerGasDefaultWei
		}
		if ch.Confirmations == 0 {
			ch.Confirmations = chain.NetworkFor(ch.ChainID).Confirmations
		}
	}
	if c.SnapshotEntries == 0 {
		c.SnapshotEntries = SnapshotEntriesDefault
	}
	if c.SnapshotEntriesBusy == 0 {
		c.SnapshotEntriesBusy = max(SnapshotEntriesBusyDefault, c.SnapshotEntries)
	}
	if c.LogRetainEntries == 0 {
		c.LogRetainEntries = LogRetainEntriesDefault
	}
	if c.Role == "" {
		c.Role = RoleSequencer
	}
	if c.Role == RoleFollower && c.Store.LogCommitInterval == 0 {
		c.Store.LogCommitInterval = FollowerLogCommitIntervalDefault
	}
	if c.Network != nil {
		network := c.Network.withDefaults()
		c.Network = &network
	}
	return c, c.check()
}

func fillInt(v *int, def int) {
	if *v == 0 {
		*v = def
	}
}

func fillDuration(v *time.Duration, def time.Duration) {
	if *v == 0 {
		*v = def
	}
}

func (c Config) check() error {
	ranges := []struct {
		name     string
		value    int
		min, max int
	}{
		{"IngressQueueRequestsMax", c.IngressQueueRequestsMax, 1, ingressQueueRequestsLimit},
		{"VerifyWorkers", c.VerifyWorkers, 1, verifyWorkersLimit},
		{"RoundEntriesMax", c.RoundEntriesMax, 1, roundEntriesLimit},
		{"PublishQueueRoundsMax", c.PublishQueueRoundsMax, 1, 1 << 16},
		{"IndexQueueRoundsMax", c.IndexQueueRoundsMax, 1, 1 << 16},
		{"BatchTradesMax", c.BatchTradesMax, 1, batch.TradesMax},
		{"SubscriberEventsMax", c.SubscriberEventsMax, 2, subscriberEventsLimit},
		{"RecentTradesMax", c.RecentTradesMax, 1, recentTradesLimit},
		{"BookSnapshotLevelsMax", c.BookSnapshotLevelsMax, 1, 1 << 20},
	}
	for _, r := range ranges {
		if r.value < r.min || r.value > r.max {
			return fmt.Errorf("%w: %s is %d, expected %d to %d", ErrInvalidConfig, r.name, r.value, r.min, r.max)
		}
	}
	if c.SnapshotEntriesBusy < c.SnapshotEntries {
		return fmt.Errorf("%w: SnapshotEntriesBusy (--snapshot-entries-busy) %d is below SnapshotEntries (--snapshot-entries) %d; "+
			"raise --snapshot-entries-busy to at least %d, or lower --snapshot-entries to at most %d",
			ErrInvalidConfig, c.SnapshotEntriesBusy, c.SnapshotEntries, c.SnapshotEntries, c.SnapshotEntriesBusy)
	}
	if c.TickInterval < 0 || c.BatchInterval < 0 {
		return fmt.Errorf("%w: tick interval %s and batch interval %s must be positive", ErrInvalidConfig, c.TickInterval, c.BatchInterval)
	}
	if err := c.checkNetwork(); err != nil {
		return err
	}
	return c.checkMarkets()
}

// checkMarkets checks that every configured market names a configured
// chain and that chain's Exchange. The state machine checks the rest when
// it lists the market.
func (c Config) checkMarkets() error {
	chains := map[uint64]ChainConfig{}
	for _, ch := range c.Chains {
		if ch.ChainID == 0 {
			return fmt.Errorf("%w: chain %q has chain id 0", ErrInvalidConfig, ch.Name)
		}
		if ch.Endpoint != "" && ch.Exchange == (common.Address{}) {
			return fmt.Errorf("%w: chain %d has no Exchange address; set it (--exchange %d=0x...)", ErrInvalidConfig, ch.ChainID, ch.ChainID)
		}
		if ch.Endpoint != "" && c.OperatorKey == nil && c.Role != RoleFollower {
			return fmt.Errorf("%w: chain %d settles through %s but no operator key is set; unlock the operator account",
				ErrInvalidConfig, ch.ChainID, redactEndpoint(ch))
		}
		if _, dup := chains[ch.ChainID]; dup {
			return fmt.Errorf("%w: chain id %d is configured twice", ErrInvalidConfig, ch.ChainID)
		}
		chains[ch.ChainID] = ch
	}
	for _, m := range c.Markets {
		ch, ok := chains[m.ChainID]
		if !ok {
			return fmt.Errorf("%w: market %s is on chain %d, which is not configured; add the chain", ErrInvalidConfig, m.Symbol, m.ChainID)
		}
		if m.Exchange != ch.Exchange {
			return fmt.Errorf("%w: market %s names exchange %s, chain %d's exchange is %s",
				ErrInvalidConfig, m.Symbol, m.Exchange, m.ChainID, ch.Exchange)
		}
	}
	return nil
}

// redactEndpoint returns the chain's endpoint without credentials, for
// messages.
func redactEndpoint(ch ChainConfig) string {
	return chain.Endpoint{ChainID: ch.ChainID, URL: ch.Endpoint}.Redacted()
}
