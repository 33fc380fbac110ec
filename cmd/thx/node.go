package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"
	"github.com/urfave/cli/v2/altsrc"

	"github.com/thaliumx/thaliumx/chain"
	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/dapp"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node"
	"github.com/thaliumx/thaliumx/rpc"
)

// httpAddrDefault is the JSON-RPC listener of thx node.
const httpAddrDefault = "127.0.0.1:8645"

// pprofAddrDefault is the profiler's listener with --pprof.
const pprofAddrDefault = "127.0.0.1:6060"

// rpcDefaults holds the JSON-RPC limits that thx node's flags default to.
var rpcDefaults = rpc.DefaultConfig()

// devChainPortDefault is the dev chain's JSON-RPC port, the one wallets
// such as MetaMask expect for a local chain.
const devChainPortDefault = 8545

func nodeFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "read settings from the TOML FILE; flags and THX_ environment variables override it", EnvVars: []string{"THX_CONFIG"}},
		altsrc.NewStringFlag(&cli.StringFlag{Name: "datadir", Usage: "data DIR for the log, snapshots, indexes and keystore (with --dev: a temporary directory if empty)", EnvVars: []string{"THX_DATADIR"}}),
		altsrc.NewStringFlag(&cli.StringFlag{Name: "http.addr", Value: httpAddrDefault, Usage: "HOST:PORT of the JSON-RPC server (HTTP and WebSocket)", EnvVars: []string{"THX_HTTP_ADDR"}}),
		altsrc.NewBoolFlag(&cli.BoolFlag{Name: "http.dapp", Value: true, Usage: "serve the trader's web app at / on the JSON-RPC server; --http.dapp=false serves the API alone", EnvVars: []string{"THX_HTTP_DAPP"}}),
		altsrc.NewStringSliceFlag(&cli.StringSliceFlag{Name: "chain", Usage: "chain to settle on as ID=URL (http, https, ws or wss; a known network name may replace the id); repeatable", EnvVars: []string{"THX_CHAIN"}}),
		altsrc.NewStringSliceFlag(&cli.StringSliceFlag{Name: "exchange", Usage: "Exchange contract of a chain as ID=ADDRESS; repeatable", EnvVars: []string{"THX_EXCHANGE"}}),
		altsrc.NewStringSliceFlag(&cli.StringSliceFlag{Name: "confirmations", Usage: "blocks, counting their own, before deposits and settlements are final, as ID=N (default: the network's)", EnvVars: []string{"THX_CONFIRMATIONS"}}),
		altsrc.NewStringSliceFlag(&cli.StringSliceFlag{Name: "start-block", Usage: "block where the deposit watcher starts on a new data directory, as ID=N (the Exchange's deployment block)", EnvVars: []string{"THX_START_BLOCK"}}),
		altsrc.NewStringFlag(&cli.StringFlag{Name: "operator", Usage: "ADDRESS of the operator account in the keystore, which signs settlements", EnvVars: []string{"THX_OPERATOR"}}),
		altsrc.NewStringFlag(&cli.StringFlag{Name: "keystore", Usage: "keystore DIR (default: DATADIR/keystore)", EnvVars: []string{"THX_KEYSTORE"}}),
		altsrc.NewStringFlag(&cli.StringFlag{Name: "password-file", Usage: "FILE whose first line is the operator account's passphrase; else THX_PASSWORD, else a prompt", EnvVars: []string{"THX_PASSWORD_FILE"}}),
		altsrc.NewDurationFlag(&cli.DurationFlag{Name: "batch-interval", Value: node.BatchIntervalDefault, Usage: "DURATION between seals of each chain's settlement batch", EnvVars: []string{"THX_BATCH_INTERVAL"}}),
		altsrc.NewIntFlag(&cli.IntFlag{Name: "batch-trades", Value: node.BatchTradesDefault, Usage: "trades that seal a batch at once, before its interval ends", EnvVars: []string{"THX_BATCH_TRADES"}}),
		altsrc.NewUint64Flag(&cli.Uint64Flag{Name: "snapshot-entries", Value: node.SnapshotEntriesDefault, Usage: fmt.Sprintf("log entries between state snapshots (0: the default); a node that applied a signed request in the last %s\n\twaits until it is quiet or --snapshot-entries-busy entries have passed", node.StateWorkQuietGap), EnvVars: []string{"THX_SNAPSHOT_ENTRIES"}}),
		altsrc.NewUint64Flag(&cli.Uint64Flag{Name: "snapshot-entries-busy", DefaultText: fmt.Sprintf("%d, or --snapshot-entries if larger", node.SnapshotEntriesBusyDefault), Usage: "log entries after which a busy node takes its snapshot anyway; at least --snapshot-entries (0: the default). Recovery replays up to this many", EnvVars: []string{"THX_SNAPSHOT_ENTRIES_BUSY"}}),
		altsrc.NewUint64Flag(&cli.Uint64Flag{Name: "log.retain-entries", Value: node.LogRetainEntriesDefault, Usage: "log entries kept before the newest snapshot for peers that sync; older ones are deleted after each snapshot", EnvVars: []string{"THX_LOG_RETAIN_ENTRIES"}}),
		altsrc.NewBoolFlag(&cli.BoolFlag{Name: "log.keep", Usage: "never delete log entries (an archive node)", EnvVars: []string{"THX_LOG_KEEP"}}),
		altsrc.NewIntFlag(&cli.IntFlag{Name: "ingress-queue", Value: node.IngressQueueRequestsDefault, Usage: "signed requests waiting for verification before new ones are rejected as unavailable", EnvVars: []string{"THX_INGRESS_QUEUE"}}),
		altsrc.NewDurationFlag(&cli.DurationFlag{Name: "tick-interval", Value: node.TickIntervalDefault, Usage: fmt.Sprintf("DURATION between clock entries in the log, which expire GTD orders and untriggered IOC and FOK stop orders 30 s before their expiry, at most %d per market each;\n\twhile more are due, the next entries follow at once", matching.ExpiriesPerCommandMax), EnvVars: []string{"THX_TICK_INTERVAL"}}),
		altsrc.NewDurationFlag(&cli.DurationFlag{Name: "state-hash-interval", Value: node.StateHashIntervalDefault, Usage: "least DURATION between state hash computations for thx_nodeInfo; each one encodes the whole state", EnvVars: []string{"THX_STATE_HASH_INTERVAL"}}),
		altsrc.NewFloat64Flag(&cli.Float64Flag{Name: "rpc.ip-rate", Value: rpcDefaults.RequestsPerSecondPerIP, Usage: "JSON-RPC calls per second per client IP; 0 disables the limit", EnvVars: []string{"THX_RPC_IP_RATE"}}),
		altsrc.NewIntFlag(&cli.IntFlag{Name: "rpc.ip-burst", Value: rpcDefaults.RequestBurstPerIP, Usage: "JSON-RPC calls a client IP may send at once above its rate", EnvVars: []string{"THX_RPC_IP_BURST"}}),
		altsrc.NewFloat64Flag(&cli.Float64Flag{Name: "rpc.trader-rate", Value: rpcDefaults.OrdersPerSecondPerTrader, Usage: "signed orders, cancels and withdrawals per second per trader; 0 disables the limit", EnvVars: []string{"THX_RPC_TRADER_RATE"}}),
		altsrc.NewIntFlag(&cli.IntFlag{Name: "rpc.trader-burst", Value: rpcDefaults.OrderBurstPerTrader, Usage: "signed requests a trader may send at once above its rate", EnvVars: []string{"THX_RPC_TRADER_BURST"}}),
		altsrc.NewBoolFlag(&cli.BoolFlag{Name: "pprof", Usage: "serve Go's profiler (net/http/pprof) on --pprof.addr", EnvVars: []string{"THX_PPROF"}}),
		altsrc.NewStringFlag(&cli.StringFlag{Name: "pprof.addr", Value: pprofAddrDefault, Usage: "HOST:PORT of the profiler with --pprof; keep it on a loopback address", EnvVars: []string{"THX_PPROF_ADDR"}}),
		altsrc.NewStringFlag(&cli.StringFlag{Name: "memory-limit", Value: memoryLimitDefault, Usage: "soft limit of the Go heap as SIZE (B, KiB, MiB or GiB; 0: none); the collector runs more often near it, allocations never fail. GOMEMLIMIT wins over the default", EnvVars: []string{"THX_MEMORY_LIMIT"}}),
		altsrc.NewStringFlag(&cli.StringFlag{Name: "log.level", Value: "info", Usage: "log LEVEL: debug, info, warn or error", EnvVars: []string{"THX_LOG_LEVEL"}}),
		altsrc.NewStringFlag(&cli.StringFlag{Name: "log.format", Value: "text", Usage: "log FORMAT: text or json", EnvVars: []string{"THX_LOG_FORMAT"}}),
		altsrc.NewBoolFlag(&cli.BoolFlag{Name: "dev", Usage: "run an embedded development chain with the Exchange, test tokens, funded accounts and markets", EnvVars: []string{"THX_DEV"}}),
		altsrc.NewUint64Flag(&cli.Uint64Flag{Name: "dev.chainid", Value: node.DevChainIDDefault, Usage: "chain id of the development chain", EnvVars: []string{"THX_DEV_CHAINID"}}),
		altsrc.NewIntFlag(&cli.IntFlag{Name: "dev.port", Value: devChainPortDefault, Usage: "JSON-RPC PORT of the development chain on 127.0.0.1 (0: any free port)", EnvVars: []string{"THX_DEV_PORT"}}),
		altsrc.NewIntFlag(&cli.IntFlag{Name: "dev.accounts", Value: 10, Usage: "funded development accounts; account 0 operates the Exchange", EnvVars: []string{"THX_DEV_ACCOUNTS"}}),
	}, networkFlags()...)
}

func nodeCommand() *cli.Command {
	flags := nodeFlags()
	return &cli.Command{
		Name:  "node",
		Usage: "run a ThaliumX exchange node: the sequencer of its markets, or a follower of the sequencer's log",
		Description: "Settings come from flags, then THX_ environment variables, then the TOML file of --config,\n" +
			"whose keys are the flag names (a dotted name such as http.addr is the key addr in a [http] table).\n" +
			"The operator's passphrase comes from --password-file, THX_PASSWORD or a prompt, never from a flag.\n" +
			"SIGINT or SIGTERM stops the node gracefully, also during its start; a second signal exits at once.",
		Flags:  flags,
		Before: loadConfigFile(flags),
		Action: runNode,
	}
}

// loadConfigFile returns the Before function of thx node, which reads the
// TOML file of --config into the flags that no flag or environment
// variable set. It checks the file first, because altsrc's errors nest
// three levels of "inner error".
func loadConfigFile(flags []cli.Flag) cli.BeforeFunc {
	load := altsrc.InitInputSourceWithContext(flags, altsrc.NewTomlSourceFromFlagFunc("config"))
	return func(c *cli.Context) error {
		path := c.String("config")
		if path == "" {
			return nil
		}
		if _, err := os.Stat(path); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("config file %s: no such file; check the path given to --config or THX_CONFIG", path)
			}
			return fmt.Errorf("config file %s: %w", path, err)
		}
		var settings map[string]any
		if _, err := toml.DecodeFile(path, &settings); err != nil {
			return fmt.Errorf("config file %s is not valid TOML: %w", path, err)
		}
		if err := load(c); err != nil {
			if strings.Contains(err.Error(), "Expected 'duration'") {
				return fmt.Errorf("config file %s: %w; write a duration as a quoted string with a unit, such as \"5s\"", path, err)
			}
			return fmt.Errorf("config file %s: %w", path, err)
		}
		return nil
	}
}

func runNode(c *cli.Context) error {
	logger, err := newLogger(c)
	if err != nil {
		return err
	}
	// Catch the signals before the start, which may take minutes, so that
	// a signal during it stops the node instead of being lost (see
	// runTestnet for why an early signal can be dropped).
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(signals)
	watch := watchStart(c.Context, logger, signals)
	defer watch.end()

	cleanup := func() error { return nil }
	defer func() { _ = cleanup() }()
	if err := checkNodeFlags(c); err != nil {
		return err
	}
	if err := applyMemoryLimit(c, logger); err != nil {
		return err
	}
	listener, err := listenHTTP(c.String("http.addr"))
	if err != nil {
		return err
	}
	cleanup = func() error { return ignoreClosed(listener.Close()) }
	if err := servePprof(c, logger); err != nil {
		return err
	}

	cfg, dev, err := buildNodeConfig(c, logger, &cleanup)
	if err != nil {
		return err
	}
	if err := configureNetwork(c, &cfg, dev != nil); err != nil {
		return err
	}
	n, err := node.New(cfg)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(watch.ctx, startTimeout)
	err = n.Start(ctx)
	cancel()
	interrupted := watch.end()
	switch {
	case interrupted && errors.Is(err, context.Canceled):
		// Start stopped what it had started.
		return nil
	case err != nil:
		return err
	case interrupted:
		return n.Stop()
	}

	srv, addr, err := serveRPC(c, logger, n, listener)
	if err != nil {
		return errors.Join(err, n.Stop())
	}
	if dev != nil {
		printDevBanner(c, cfg, dev, addr)
	} else {
		logger.Info("JSON-RPC ready", "http", "http://"+addr, "ws", "ws://"+addr)
	}
	err = waitAndStop(logger, n, signals)
	srv.Close()
	return err
}

// startWatch cancels the node's start when SIGINT or SIGTERM arrives
// before the start ends, and exits at once on a second signal then.
type startWatch struct {
	ctx     context.Context
	cancel  context.CancelFunc
	ended   chan struct{}
	watched chan struct{}
	once    sync.Once
	// interrupted is set before watched closes.
	interrupted bool
}

func watchStart(parent context.Context, logger *slog.Logger, signals <-chan os.Signal) *startWatch {
	w := &startWatch{ended: make(chan struct{}), watched: make(chan struct{})}
	w.ctx, w.cancel = context.WithCancel(parent)
	go func() {
		defer close(w.watched)
		select {
		case sig := <-signals:
			w.interrupted = true
			logger.Info("stopping the start; send the signal again to exit at once", "signal", sig.String())
			w.cancel()
			go func() {
				sig := <-signals
				logger.Warn("exiting at once without a graceful stop", "signal", sig.String())
				os.Exit(130)
			}()
		case <-w.ended:
		}
	}()
	return w
}

// end stops the watch and reports whether a signal interrupted the start.
// Signals after it stay in the channel for waitAndStop.
func (w *startWatch) end() bool {
	w.once.Do(func() {
		close(w.ended)
		w.cancel()
	})
	<-w.watched
	return w.interrupted
}

// startTimeout bounds the node's start: recovery, chain connections and
// market listings.
const startTimeout = 5 * time.Minute

// ignoreClosed drops the error of closing a listener that the server
// already closed.
func ignoreClosed(err error) error {
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}

// serveRPC starts the JSON-RPC server on l, the --http.addr listener, and
// returns the address it listens on.
func serveRPC(c *cli.Context, logger *slog.Logger, n *node.Node, l net.Listener) (*rpc.Server, string, error) {
	cfg := rpcConfig(c)
	cfg.Registry = n.Metrics()
	cfg.Logger = logger
	srv, err := rpc.NewServer(n, cfg)
	if err != nil {
		return nil, "", err
	}
	// The dApp's page and assets are served to GET requests at / beside the API;
	// JSON-RPC POSTs and WebSocket upgrades still reach the API.
	var handler http.Handler = srv
	if c.Bool("http.dapp") {
		handler = dapp.NewHandler(srv)
	}
	go func() {
		if err := srv.ServeWith(l, handler); err != nil {
			logger.Error("JSON-RPC server stopped", "err", err)
		}
	}()
	return srv, l.Addr().String(), nil
}

// rpcConfig returns the JSON-RPC limits with the rate limits of the flags.
func rpcConfig(c *cli.Context) rpc.Config {
	cfg := rpc.DefaultConfig()
	cfg.RequestsPerSecondPerIP = c.Float64("rpc.ip-rate")
	cfg.RequestBurstPerIP = c.Int("rpc.ip-burst")
	cfg.OrdersPerSecondPerTrader = c.Float64("rpc.trader-rate")
	cfg.OrderBurstPerTrader = c.Int("rpc.trader-burst")
	return cfg
}

// servePprof serves net/http/pprof on --pprof.addr when --pprof is set.
func servePprof(c *cli.Context, logger *slog.Logger) error {
	if !c.Bool("pprof") {
		return nil
	}
	l, err := net.Listen("tcp", c.String("pprof.addr"))
	if err != nil {
		return fmt.Errorf("listen on --pprof.addr %s: %w", c.String("pprof.addr"), err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	logger.Info("profiler serving", "url", "http://"+l.Addr().String()+"/debug/pprof/")
	go func() {
		srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		if err := srv.Serve(l); err != nil {
			logger.Error("profiler stopped", "err", err)
		}
	}()
	return nil
}

// waitAndStop waits for a signal on signals (SIGINT or SIGTERM) or a node
// failure, and stops the node. A second signal exits at once.
func waitAndStop(logger *slog.Logger, n *node.Node, signals <-chan os.Signal) error {
	select {
	case sig := <-signals:
		logger.Info("shutting down; send the signal again to exit at once", "signal", sig.String())
	case <-n.Failed():
	}
	go func() {
		sig := <-signals
		logger.Warn("exiting at once without a graceful stop", "signal", sig.String())
		// NOTE: a --dev chain created by an earlier version of thx writes
		// its newest blocks only when it closes, so this exit loses them
		// and its --datadir must be deleted (docs/OPERATORS.md, "Stopping").
		os.Exit(130)
	}()
	return errors.Join(n.Err(), n.Stop())
}

func newLogger(c *cli.Context) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.String("log.level"))); err != nil {
		return nil, fmt.Errorf("invalid --log.level %q: use debug, info, warn or error", c.String("log.level"))
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.String("log.format") {
	case "text":
		return slog.New(slog.NewTextHandler(c.App.ErrWriter, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(c.App.ErrWriter, opts)), nil
	}
	return nil, fmt.Errorf("invalid --log.format %q: use text or json", c.String("log.format"))
}

// buildNodeConfig turns the settings into a node configuration. With
// --dev it starts the development chain, whose Close it adds to cleanup.
func buildNodeConfig(c *cli.Context, logger *slog.Logger, cleanup *func() error) (node.Config, *node.Dev, error) {
	cfg := node.Config{
		DataDir:                 c.String("datadir"),
		Logger:                  logger,
		Version:                 versionString(),
		BatchInterval:           c.Duration("batch-interval"),
		BatchTradesMax:          c.Int("batch-trades"),
		SnapshotEntries:         c.Uint64("snapshot-entries"),
		SnapshotEntriesBusy:     c.Uint64("snapshot-entries-busy"),
		LogRetainEntries:        c.Uint64("log.retain-entries"),
		KeepLog:                 c.Bool("log.keep"),
		IngressQueueRequestsMax: c.Int("ingress-queue"),
		TickInterval:            c.Duration("tick-interval"),
		StateHashInterval:       c.Duration("state-hash-interval"),
	}
	if c.Bool("dev") {
		dev, err := setupDev(c, logger, &cfg, cleanup)
		return cfg, dev, err
	}
	if cfg.DataDir == "" {
		return cfg, nil, errors.New("missing --datadir: set the node's data directory (or run with --dev)")
	}
	chains, err := chainConfigs(c)
	if err != nil {
		return cfg, nil, err
	}
	cfg.Chains = chains
	if len(chains) == 0 {
		return cfg, nil, errors.New("no chain configured: add --chain ID=URL and --exchange ID=ADDRESS, or run with --dev")
	}
	if isFollower(c) {
		return cfg, nil, nil // a follower signs nothing
	}
	key, err := unlockOperator(c)
	if err != nil {
		return cfg, nil, err
	}
	cfg.OperatorKey = key
	return cfg, nil, nil
}

// setupDev starts the development chain in the data directory, a new
// temporary one when none is given, and configures the node for it.
func setupDev(c *cli.Context, logger *slog.Logger, cfg *node.Config, cleanup *func() error) (*node.Dev, error) {
	if len(c.StringSlice("chain")) > 0 {
		return nil, errors.New("--dev runs its own chain; drop --chain")
	}
	if err := checkDevFlags(c); err != nil {
		return nil, err
	}
	if cfg.DataDir == "" {
		dir, err := os.MkdirTemp("", "thx-dev-")
		if err != nil {
			return nil, fmt.Errorf("create a temporary data directory: %w", err)
		}
		cfg.DataDir = dir
		*cleanup = chainCleanup(*cleanup, func() error { return os.RemoveAll(dir) })
	}
	dev, err := node.StartDev(c.Context, node.DevConfig{
		DataDir: cfg.DataDir, ChainID: c.Uint64("dev.chainid"), HTTPPort: c.Int("dev.port"),
		Accounts: c.Int("dev.accounts"), Logger: logger,
	})
	if err != nil {
		return nil, explainDatadirUsed(explainDevStartError(err, c.Int("dev.port")), cfg.DataDir)
	}
	*cleanup = chainCleanup(dev.Close, *cleanup)
	return dev, dev.Configure(cfg)
}

// checkDevFlags rejects development chain settings out of range, where
// the dev chain would silently use its default instead.
func checkDevFlags(c *cli.Context) error {
	if c.Uint64("dev.chainid") == 0 {
		return fmt.Errorf("invalid --dev.chainid 0: use a positive chain id, such as the default %d", node.DevChainIDDefault)
	}
	if n := c.Int("dev.accounts"); n < 1 || n > devchain.AccountsMax {
		return fmt.Errorf("invalid --dev.accounts %d: use 1 to %d; account 0 is the operator and the others are traders", n, devchain.AccountsMax)
	}
	if port := c.Int("dev.port"); port < 0 || port > 65535 {
		return fmt.Errorf("invalid --dev.port %d: use 1 to 65535, or 0 for any free port", port)
	}
	return nil
}

// explainDevStartError adds what to do when the dev chain's port is taken.
func explainDevStartError(err error, port int) error {
	if errors.Is(err, syscall.EADDRINUSE) || strings.Contains(err.Error(), "address already in use") {
		return fmt.Errorf("%w. Port %d on 127.0.0.1 is in use, perhaps by another dev node or chain: "+
			"choose another with --dev.port PORT, or --dev.port 0 for any free port", err, port)
	}
	return err
}

// chainCleanup returns a function that runs first, then second.
func chainCleanup(first, second func() error) func() error {
	return func() error { return errors.Join(first(), second()) }
}

// chainConfigs pairs each --chain endpoint with its --exchange address and
// optional --confirmations and --start-block.
func chainConfigs(c *cli.Context) ([]node.ChainConfig, error) {
	endpoints, err := chain.ParseEndpoints(c.StringSlice("chain"))
	if err != nil {
		return nil, err
	}
	exchanges, err := perChain(c.StringSlice("exchange"), "exchange", parseAddress)
	if err != nil {
		return nil, err
	}
	confirmations, err := perChain(c.StringSlice("confirmations"), "confirmations", parseUint)
	if err != nil {
		return nil, err
	}
	startBlocks, err := perChain(c.StringSlice("start-block"), "start-block", parseUint)
	if err != nil {
		return nil, err
	}
	var out []node.ChainConfig
	for _, e := range endpoints {
		exchange, ok := exchanges[e.ChainID]
		if !ok {
			return nil, fmt.Errorf("chain %d has no Exchange address: add --exchange %d=0x...", e.ChainID, e.ChainID)
		}
		out = append(out, node.ChainConfig{
			ChainID: e.ChainID, Name: chain.NetworkFor(e.ChainID).Title, Exchange: exchange, Endpoint: e.URL,
			Confirmations: confirmations[e.ChainID], StartBlock: startBlocks[e.ChainID],
		})
	}
	for id := range exchanges {
		if !containsChain(out, id) {
			return nil, fmt.Errorf("--exchange names chain %d, which has no --chain endpoint", id)
		}
	}
	return out, nil
}

func containsChain(chains []node.ChainConfig, id uint64) bool {
	for _, c := range chains {
		if c.ChainID == id {
			return true
		}
	}
	return false
}

// perChain parses settings of the form ID=VALUE, where ID is a chain id or
// a known network's name.
func perChain[T any](settings []string, flag string, parse func(string) (T, error)) (map[uint64]T, error) {
	out := map[uint64]T{}
	for _, s := range settings {
		idText, valueText, ok := strings.Cut(strings.TrimSpace(s), "=")
		if !ok {
			return nil, fmt.Errorf("invalid --%s %q: write ID=VALUE", flag, s)
		}
		id, err := parseChainID(idText)
		if err != nil {
			return nil, fmt.Errorf("invalid --%s %q: %w", flag, s, err)
		}
		if _, dup := out[id]; dup {
			return nil, fmt.Errorf("--%s sets chain %d twice; keep one", flag, id)
		}
		value, err := parse(valueText)
		if err != nil {
			return nil, fmt.Errorf("invalid --%s %q: %w", flag, s, err)
		}
		out[id] = value
	}
	return out, nil
}

func parseChainID(text string) (uint64, error) {
	if network, ok := chain.LookupNetworkName(text); ok {
		return network.ChainID, nil
	}
	id, err := strconv.ParseUint(text, 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("chain %q is neither a positive chain id nor a known network name", text)
	}
	return id, nil
}

func parseAddress(text string) (common.Address, error) {
	if !common.IsHexAddress(text) {
		return common.Address{}, fmt.Errorf("%q is not a 0x-prefixed 20-byte hex address", text)
	}
	return common.HexToAddress(text), nil
}

func parseUint(text string) (uint64, error) {
	v, err := strconv.ParseUint(text, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a non-negative integer", text)
	}
	return v, nil
}
