package testnet

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/thaliumx/thaliumx/node"
	"github.com/thaliumx/thaliumx/p2p"
	"github.com/thaliumx/thaliumx/rpc"
)

// Limits of a local network.
const (
	// NodesMax bounds Config.Nodes: every node runs in this process on
	// loopback, and a few dozen already share the cores.
	NodesMax = 64
	// AccountsDefault is the number of development accounts: account 0
	// operates the Exchange, the others trade.
	AccountsDefault = 10
	// BatchTradesDefault seals a settlement batch at 200 trades. The
	// node's default of 500 made a settle transaction of 18.5 million gas
	// in the network tests, above the 16,777,216 gas that go-ethereum accepts per
	// transaction since EIP-7825 (params.MaxTxGas in v1.17.10), so the
	// batch never settled.
	BatchTradesDefault = 200
	// StateHashIntervalDefault is the least time between two state hashes
	// that a node computes for thx_nodeInfo outside log batches.
	StateHashIntervalDefault = time.Second
)

// ErrInvalidConfig is returned by Start for a configuration out of range.
var ErrInvalidConfig = errors.New("testnet: invalid configuration")

// Config configures a local network. Zero fields take the defaults.
type Config struct {
	// Nodes is the number of nodes: one sequencer and Nodes-1 followers.
	// Zero starts the dev chain alone, for nodes in their own processes
	// (ProcessSpec).
	Nodes int
	// DataDir holds the dev chain and one directory per node. It must be
	// set; Start creates it.
	DataDir string
	// Accounts is the number of funded development accounts;
	// AccountsDefault if zero.
	Accounts int
	// ChainPort is the dev chain's JSON-RPC port on 127.0.0.1; zero picks
	// a free one.
	ChainPort int
	// MDNS turns on multicast DNS discovery, which sends packets on the
	// machine's network interfaces. The nodes find each other through
	// their bootnodes without it.
	MDNS bool

	// SnapshotEntries, SnapshotEntriesBusy, TickInterval and BatchInterval
	// set every node's Config fields of the same names. Zero takes the
	// node's default.
	SnapshotEntries     uint64
	SnapshotEntriesBusy uint64
	TickInterval        time.Duration
	BatchInterval       time.Duration
	// BatchTradesMax sets the sequencer's Config field of the same name;
	// BatchTradesDefault if zero.
	BatchTradesMax int
	// StateHashInterval sets every node's Config field of the same name;
	// StateHashIntervalDefault if zero. A local network's state is small,
	// so its nodes report the state hash at their last entry within a
	// second.
	StateHashInterval time.Duration
	// Limits sets every node's p2p limits.
	Limits p2p.Limits
	// RPC configures every node's JSON-RPC server; rpc.DefaultConfig()
	// when nil.
	RPC *rpc.Config

	// Version is every node's version in thx_nodeInfo; "testnet" if
	// empty.
	Version string

	// Logger receives every node's logs, each with a node attribute; the
	// logs are discarded when nil.
	Logger *slog.Logger
}

func (c Config) withDefaults() (Config, error) {
	if c.Nodes < 0 || c.Nodes > NodesMax {
		return c, fmt.Errorf("%w: %d nodes, expected 0 to %d", ErrInvalidConfig, c.Nodes, NodesMax)
	}
	if c.DataDir == "" {
		return c, fmt.Errorf("%w: no data directory; set DataDir", ErrInvalidConfig)
	}
	if c.Accounts == 0 {
		c.Accounts = AccountsDefault
	}
	if c.Accounts < 2 {
		return c, fmt.Errorf("%w: Accounts is %d, below 2: the operator and at least one trader need an account each", ErrInvalidConfig, c.Accounts)
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.StateHashInterval == 0 {
		c.StateHashInterval = StateHashIntervalDefault
	}
	if c.BatchTradesMax == 0 {
		c.BatchTradesMax = BatchTradesDefault
	}
	if c.RPC == nil {
		cfg := rpc.DefaultConfig()
		c.RPC = &cfg
	}
	if c.Version == "" {
		c.Version = "testnet"
	}
	return c, nil
}

// nodeConfig returns the settings shared by every node of the network.
func (c Config) nodeConfig(dir string, logger *slog.Logger) node.Config {
	return node.Config{
		DataDir: dir, Logger: logger, Version: c.Version,
		SnapshotEntries: c.SnapshotEntries, SnapshotEntriesBusy: c.SnapshotEntriesBusy,
		TickInterval: c.TickInterval, BatchInterval: c.BatchInterval,
		BatchTradesMax: c.BatchTradesMax, StateHashInterval: c.StateHashInterval,
	}
}
