package testnet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"

	"github.com/multiformats/go-multiaddr"

	"github.com/thaliumx/thaliumx/node"
	"github.com/thaliumx/thaliumx/rpc"
)

// Network is a running local network: one development chain and its
// nodes, all in this process and on 127.0.0.1.
type Network struct {
	cfg Config
	// Dev is the development chain with the Exchange deployed.
	Dev *node.Dev

	mu sync.Mutex
	// members holds the nodes by index; index 0 is the sequencer. A
	// stopped node's entry is nil.
	members []*Member
	// next is the index of the next node AddFollower starts.
	next int
}

// Member is one node of the network with its JSON-RPC server.
type Member struct {
	Index int
	Node  *node.Node
	// Dir is the node's data directory.
	Dir string
	// RPCURL is the node's JSON-RPC endpoint over HTTP; the same address
	// serves WebSocket at ws://.
	RPCURL string
	server *rpc.Server
}

// Start starts the dev chain, the sequencer and cfg.Nodes-1 followers,
// each with a JSON-RPC server on a free loopback port, or the dev chain
// alone when cfg.Nodes is 0. On error it stops what it started.
func Start(ctx context.Context, cfg Config) (*Network, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("testnet: create data directory: %w", err)
	}
	dev, err := node.StartDev(ctx, node.DevConfig{
		DataDir: cfg.DataDir, HTTPPort: cfg.ChainPort, Accounts: cfg.Accounts, Logger: cfg.Logger.With("node", "chain"),
	})
	if err != nil {
		return nil, err
	}
	nw := &Network{cfg: cfg, Dev: dev}
	if cfg.Nodes == 0 {
		return nw, nil
	}
	if _, err := nw.startSequencer(ctx); err != nil {
		return nil, errors.Join(err, nw.Close())
	}
	for range cfg.Nodes - 1 {
		if _, err := nw.AddFollower(ctx); err != nil {
			return nil, errors.Join(err, nw.Close())
		}
	}
	return nw, nil
}

// Sequencer returns the sequencer, nil while it is stopped.
func (nw *Network) Sequencer() *Member { return nw.Member(0) }

// Member returns the node with index i, nil when it is stopped or was
// never started.
func (nw *Network) Member(i int) *Member {
	nw.mu.Lock()
	defer nw.mu.Unlock()
	if i < 0 || i >= len(nw.members) {
		return nil
	}
	return nw.members[i]
}

// Members returns the running nodes by index.
func (nw *Network) Members() []*Member {
	nw.mu.Lock()
	defer nw.mu.Unlock()
	var out []*Member
	for _, m := range nw.members {
		if m != nil {
			out = append(out, m)
		}
	}
	return out
}

// NodeDir returns the data directory of node i.
func (nw *Network) NodeDir(i int) string {
	return filepath.Join(nw.cfg.DataDir, fmt.Sprintf("node-%d", i))
}

// Bootnodes returns the p2p addresses of the running nodes, the sequencer
// first, for a new node to dial.
func (nw *Network) Bootnodes() []multiaddr.Multiaddr {
	var out []multiaddr.Multiaddr
	for _, m := range nw.Members() {
		for _, a := range m.Node.P2PAddrs() {
			out = append(out, multiaddr.StringCast(a))
		}
	}
	return out
}

func (nw *Network) startSequencer(ctx context.Context) (*Member, error) {
	cfg := nw.cfg.nodeConfig(nw.NodeDir(0), nw.cfg.Logger.With("node", 0))
	if err := nw.Dev.Configure(&cfg); err != nil {
		return nil, err
	}
	cfg.Network = nw.networkConfig(nil)
	return nw.start(ctx, 0, cfg)
}

// AddFollower starts a new follower in its own data directory, with the
// running nodes as its bootnodes, and returns it once it accepts
// requests. It may still be catching up (Node.Syncing).
func (nw *Network) AddFollower(ctx context.Context) (*Member, error) {
	nw.mu.Lock()
	i := max(nw.next, 1)
	nw.next = i + 1
	nw.mu.Unlock()
	return nw.StartFollower(ctx, i)
}

// StartFollower starts follower i in its data directory, which may hold
// the log of an earlier run.
func (nw *Network) StartFollower(ctx context.Context, i int) (*Member, error) {
	if i < 1 {
		return nil, fmt.Errorf("%w: node %d is the sequencer", ErrInvalidConfig, i)
	}
	if m := nw.Member(i); m != nil {
		return nil, fmt.Errorf("%w: node %d is running", ErrInvalidConfig, i)
	}
	cfg := nw.FollowerConfig(nw.NodeDir(i), nw.cfg.Logger.With("node", i))
	return nw.start(ctx, i, cfg)
}

// FollowerConfig returns the configuration of a follower of this network
// in dir, with the running nodes as its bootnodes.
func (nw *Network) FollowerConfig(dir string, logger *slog.Logger) node.Config {
	cfg := nw.cfg.nodeConfig(dir, logger)
	d := nw.Dev.Deployment
	cfg.Chains = []node.ChainConfig{{
		ChainID: d.ChainID, Name: "dev", Exchange: d.Exchange, RPCURL: nw.Dev.Chain.HTTPURL(),
		Endpoint: nw.Dev.Chain.WSURL(), Confirmations: 1, PollInterval: node.DevPollInterval,
	}}
	cfg.Role = node.RoleFollower
	cfg.Network = nw.networkConfig(nw.Bootnodes())
	return cfg
}

func (nw *Network) networkConfig(bootnodes []multiaddr.Multiaddr) *node.NetworkConfig {
	return &node.NetworkConfig{LoopbackOnly: true, MDNS: nw.cfg.MDNS, Bootnodes: bootnodes, Limits: nw.cfg.Limits}
}

// start starts a node and its JSON-RPC server and records it as node i.
func (nw *Network) start(ctx context.Context, i int, cfg node.Config) (*Member, error) {
	n, err := node.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("testnet: node %d: %w", i, err)
	}
	if err := n.Start(ctx); err != nil {
		return nil, fmt.Errorf("testnet: start node %d: %w", i, err)
	}
	m := &Member{Index: i, Node: n, Dir: cfg.DataDir}
	if err := m.serve(nw.cfg); err != nil {
		return nil, errors.Join(err, n.Stop())
	}
	nw.mu.Lock()
	defer nw.mu.Unlock()
	for len(nw.members) <= i {
		nw.members = append(nw.members, nil)
	}
	nw.members[i] = m
	nw.next = max(nw.next, i+1)
	return m, nil
}

// serve starts the member's JSON-RPC server on a free loopback port.
func (m *Member) serve(cfg Config) error {
	rpcCfg := *cfg.RPC
	rpcCfg.Registry = m.Node.Metrics()
	rpcCfg.Logger = cfg.Logger.With("node", m.Index)
	srv, err := rpc.NewServer(m.Node, rpcCfg)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("testnet: listen for node %d's JSON-RPC: %w", m.Index, err)
	}
	go func() { _ = srv.Serve(l) }()
	m.server, m.RPCURL = srv, "http://"+l.Addr().String()
	return nil
}

// Stop stops node i and its JSON-RPC server; its data directory stays.
func (nw *Network) Stop(i int) error {
	nw.mu.Lock()
	var m *Member
	if i >= 0 && i < len(nw.members) {
		m, nw.members[i] = nw.members[i], nil
	}
	nw.mu.Unlock()
	if m == nil {
		return fmt.Errorf("%w: node %d is not running", ErrInvalidConfig, i)
	}
	return m.stop()
}

func (m *Member) stop() error {
	m.server.Close()
	if err := m.Node.Stop(); err != nil {
		return fmt.Errorf("testnet: stop node %d: %w", m.Index, err)
	}
	return nil
}

// Close stops the followers, then the sequencer, which settles its last
// batches, then the dev chain.
func (nw *Network) Close() error {
	members := nw.Members()
	var errs []error
	for i := len(members) - 1; i >= 0; i-- {
		errs = append(errs, nw.Stop(members[i].Index))
	}
	return errors.Join(append(errs, nw.Dev.Close())...)
}
