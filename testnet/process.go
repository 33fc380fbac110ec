package testnet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/multiformats/go-multiaddr"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/node"
	"github.com/thaliumx/thaliumx/rpc"
)

// ProcessSpec describes a node that runs in its own process, so that a
// test can kill it with SIGKILL or read its memory use: RunProcess reads
// it from a JSON file. The node is a follower unless Sequencer is set.
type ProcessSpec struct {
	// Sequencer makes the node the sequencer of Deployment, with the dev
	// chain's account 0, derived from the public test mnemonic, as its
	// operator. The dev chain must run in another process.
	Sequencer  bool
	Deployment *devchain.Deployment
	// ChainHTTPURL is the dev chain's HTTP endpoint, shown in NodeInfo.
	ChainHTTPURL string

	// DataDir is the follower's data directory; a restarted process
	// resumes from its log.
	DataDir string
	// ChainID, Exchange and ChainWSURL name the dev chain and its
	// Exchange, whose operator the follower accepts batches from.
	ChainID    uint64
	Exchange   common.Address
	ChainWSURL string
	// Bootnodes are multiaddrs of the running nodes.
	Bootnodes []string
	// SnapshotEntries, SnapshotEntriesBusy and StateHashInterval set the
	// node's Config fields of the same names.
	SnapshotEntries     uint64
	SnapshotEntriesBusy uint64
	StateHashInterval   time.Duration
	// UnlimitedRPC turns the JSON-RPC rate limits off, for load tests.
	UnlimitedRPC bool
	// LogFile receives the node's logs at info level; discarded if empty.
	LogFile string
	// ReadyFile is written with a ProcessReady once the node accepts
	// requests.
	ReadyFile string
	// CPUProfile, when set, receives a CPU profile of the whole run, and
	// HeapProfile the heap's live objects when the process stops.
	CPUProfile  string
	HeapProfile string
}

// ProcessReady is the report of a node process that runs: its process id
// and addresses.
type ProcessReady struct {
	PID    int
	RPCURL string
	P2P    []string
}

// RunProcess runs the node that the JSON file at specPath describes, until
// SIGINT or SIGTERM, or until the node fails.
func RunProcess(specPath string) error {
	data, err := os.ReadFile(specPath)
	if err != nil {
		return fmt.Errorf("testnet: read process spec: %w", err)
	}
	var spec ProcessSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return fmt.Errorf("testnet: process spec %s: %w", specPath, err)
	}
	logger, closeLog, err := processLogger(spec.LogFile)
	if err != nil {
		return err
	}
	defer closeLog()
	if spec.CPUProfile != "" {
		stop, err := startCPUProfile(spec.CPUProfile)
		if err != nil {
			return err
		}
		defer stop()
	}

	// Catch the signals before the ready file is written, because the
	// parent may signal as soon as it reads the file. Before Notify,
	// SIGTERM kills the node without a stop.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(signals)

	n, srv, ready, err := startProcessNode(spec, logger)
	if err != nil {
		return err
	}
	if err := writeJSONAtomically(spec.ReadyFile, ready); err != nil {
		srv.Close()
		return errors.Join(err, n.Stop())
	}
	select {
	case <-signals:
	case <-n.Failed():
	}
	srv.Close()
	if spec.HeapProfile != "" {
		writeHeapProfile(spec.HeapProfile, logger)
	}
	return errors.Join(n.Err(), n.Stop())
}

// writeHeapProfile writes the live heap to path after a garbage
// collection, and logs a failure.
func writeHeapProfile(path string, logger *slog.Logger) {
	f, err := os.Create(path)
	if err == nil {
		runtime.GC()
		err = errors.Join(pprof.WriteHeapProfile(f), f.Close())
	}
	if err != nil {
		logger.Error("heap profile not written", "path", path, "err", err)
	}
}

func startProcessNode(spec ProcessSpec, logger *slog.Logger) (*node.Node, *rpc.Server, ProcessReady, error) {
	cfg := node.Config{
		DataDir: spec.DataDir, Logger: logger, Version: "testnet", Role: node.RoleFollower, SnapshotEntries: spec.SnapshotEntries,
		SnapshotEntriesBusy: spec.SnapshotEntriesBusy, StateHashInterval: spec.StateHashInterval,
		Chains: []node.ChainConfig{{
			ChainID: spec.ChainID, Name: "dev", Exchange: spec.Exchange, RPCURL: spec.ChainHTTPURL, Endpoint: spec.ChainWSURL,
			Confirmations: 1, PollInterval: node.DevPollInterval,
		}},
		Network: &node.NetworkConfig{LoopbackOnly: true},
	}
	if spec.Sequencer {
		if err := configureSequencer(&cfg, spec); err != nil {
			return nil, nil, ProcessReady{}, err
		}
	}
	for _, b := range spec.Bootnodes {
		addr, err := multiaddr.NewMultiaddr(b)
		if err != nil {
			return nil, nil, ProcessReady{}, fmt.Errorf("testnet: bootnode %q: %w", b, err)
		}
		cfg.Network.Bootnodes = append(cfg.Network.Bootnodes, addr)
	}

	n, err := node.New(cfg)
	if err != nil {
		return nil, nil, ProcessReady{}, err
	}
	if err := n.Start(context.Background()); err != nil {
		return nil, nil, ProcessReady{}, err
	}

	rpcCfg := rpc.DefaultConfig()
	rpcCfg.Registry, rpcCfg.Logger = n.Metrics(), logger
	if spec.UnlimitedRPC {
		rpcCfg.RequestsPerSecondPerIP, rpcCfg.OrdersPerSecondPerTrader = 0, 0
	}
	srv, err := rpc.NewServer(n, rpcCfg)
	if err != nil {
		return nil, nil, ProcessReady{}, errors.Join(err, n.Stop())
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, ProcessReady{}, errors.Join(err, n.Stop())
	}
	go func() { _ = srv.Serve(l) }()
	return n, srv, ProcessReady{PID: os.Getpid(), RPCURL: "http://" + l.Addr().String(), P2P: n.P2PAddrs()}, nil
}

// configureSequencer makes cfg the sequencer of spec.Deployment.
func configureSequencer(cfg *node.Config, spec ProcessSpec) error {
	if spec.Deployment == nil {
		return fmt.Errorf("%w: a sequencer process needs the dev chain's Deployment", ErrInvalidConfig)
	}
	accounts, err := devchain.DeriveAccounts(devchain.TestMnemonic, 1)
	if err != nil {
		return err
	}
	markets, err := node.DeploymentMarkets(spec.Deployment)
	if err != nil {
		return err
	}
	cfg.Role, cfg.OperatorKey, cfg.Markets = node.RoleSequencer, accounts[0].Key, markets
	cfg.Chains[0].StartBlock = spec.Deployment.DeployBlock
	cfg.BatchTradesMax = BatchTradesDefault
	return nil
}

func processLogger(path string) (*slog.Logger, func(), error) {
	if path == "" {
		return slog.New(slog.NewTextHandler(io.Discard, nil)), func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("testnet: open log file: %w", err)
	}
	return slog.New(slog.NewTextHandler(f, nil)), func() { f.Close() }, nil
}

// writeJSONAtomically writes v to path through a temporary file and a
// rename, so that a reader never sees half of it.
func writeJSONAtomically(path string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("testnet: write %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// ProcessSpecFor returns the spec of a follower process of this network
// in dir, with the running nodes as its bootnodes. For the sequencer, set
// Sequencer and Deployment.
func (nw *Network) ProcessSpecFor(dir string) ProcessSpec {
	spec := ProcessSpec{
		DataDir: dir, ChainID: nw.Dev.Deployment.ChainID, Exchange: nw.Dev.Deployment.Exchange,
		ChainHTTPURL: nw.Dev.Chain.HTTPURL(), ChainWSURL: nw.Dev.Chain.WSURL(),
		SnapshotEntries: nw.cfg.SnapshotEntries, SnapshotEntriesBusy: nw.cfg.SnapshotEntriesBusy,
		StateHashInterval: nw.cfg.StateHashInterval,
		ReadyFile:         filepath.Join(dir, "ready.json"), LogFile: filepath.Join(dir, "node.log"),
	}
	for _, a := range nw.Bootnodes() {
		spec.Bootnodes = append(spec.Bootnodes, a.String())
	}
	return spec
}

// startCPUProfile profiles the process into path until the returned
// function runs.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("testnet: create CPU profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("testnet: start CPU profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
