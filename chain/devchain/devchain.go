package devchain

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/chain"
)

// loopbackHost is the only address the JSON-RPC servers listen on.
const loopbackHost = "127.0.0.1"

// rpcModules are the namespaces served over HTTP and WebSocket: what
// wallets and libraries such as MetaMask, ethers.js and viem call.
var rpcModules = []string{"eth", "net", "web3"}

// Chain is one running development chain.
// promotionWaitMax bounds how long holdSealing's release waits for the
// pool to promote a wave's transactions.
const promotionWaitMax = time.Second

type Chain struct {
	cfg      Config
	accounts []Account
	logger   *slog.Logger

	stack   *node.Node
	backend *eth.Ethereum
	client  *ethclient.Client

	// mu serializes the beacon's block production, Fork, Rollback and
	// AdjustTime, which share the beacon's fork-choice state.
	mu     sync.Mutex
	beacon *catalyst.SimulatedBeacon
	closed bool // Invariant: once true, beacon and stack are stopped.
	// archive is set when every block's state goes to the database as the
	// block is sealed (archiveState). Commit then syncs the database.
	archive bool

	quit chan struct{}
	wg   sync.WaitGroup

	// paced is set by PaceBlocks. leadMax is then the most, in seconds,
	// that the head's time may lead the wall clock after a block is
	// sealed. Only the production goroutine reads or writes leadMax.
	paced   atomic.Bool
	leadMax int64

	// sealingHeld is set while the setup sends a wave of transactions, and wake
	// is the production goroutine's wake-up channel (holdSealing).
	sealingHeld atomic.Bool
	wake        chan struct{}
}

// Start builds the genesis, starts the node and its JSON-RPC servers on
// 127.0.0.1 and, unless cfg.Manual is set, automatic block production.
// The engine is go-ethereum's dev-mode one, the same that
// ethclient/simulated runs, assembled here so that its node's listener
// addresses and start errors reach the caller.
func Start(cfg Config) (*Chain, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	accounts, err := DeriveAccounts(cfg.Mnemonic, cfg.Accounts)
	if err != nil {
		return nil, err
	}
	c := &Chain{
		cfg:      cfg,
		accounts: accounts,
		logger:   cfg.Logger.With("chain", cfg.ChainID),
		quit:     make(chan struct{}),
	}
	if err := c.startNode(); err != nil {
		return nil, err
	}
	if !cfg.Manual {
		if err := c.startProduction(); err != nil {
			return nil, errors.Join(err, c.Close())
		}
	}
	c.logger.Info("dev chain started", "http", c.HTTPURL(), "ws", c.WSURL(), "accounts", len(accounts), "manual", cfg.Manual)
	return c, nil
}

// closeAfterFailedStart closes a node whose Start failed. go-ethereum's
// Start already closes the node on failure, so Close then returns
// node.ErrNodeStopped ("node not started"), which would only add a
// misleading line to the start error.
func closeAfterFailedStart(stack *node.Node) error {
	if err := stack.Close(); err != nil && !errors.Is(err, node.ErrNodeStopped) {
		return err
	}
	return nil
}

// startNode assembles the node the way ethclient/simulated does and starts
// it. On error nothing is left running.
func (c *Chain) startNode() error {
	nodeConf := c.nodeConfig()
	ethConf := c.ethConfig()
	archive, err := c.archiveState()
	if err != nil {
		return fmt.Errorf("%w: chain %d: %w", ErrStartFailed, c.cfg.ChainID, err)
	}
	if archive {
		ethConf.StateScheme = rawdb.HashScheme
		ethConf.NoPruning = true
	}
	c.archive = archive
	stack, err := node.New(&nodeConf)
	if err != nil {
		return fmt.Errorf("%w: chain %d: create node: %w", ErrStartFailed, c.cfg.ChainID, err)
	}
	backend, err := eth.New(stack, ethConf)
	if err != nil {
		return errors.Join(fmt.Errorf("%w: chain %d: create eth service: %w", ErrStartFailed, c.cfg.ChainID, err), stack.Close())
	}
	filterSystem := filters.NewFilterSystem(backend.APIBackend, filters.Config{})
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(filterSystem)}})
	if err := stack.Start(); err != nil {
		return errors.Join(fmt.Errorf("%w: chain %d: start node (HTTP port %d, WebSocket port %d): %w",
			ErrStartFailed, c.cfg.ChainID, c.cfg.HTTPPort, c.cfg.WSPort, err), closeAfterFailedStart(stack))
	}
	beacon, err := catalyst.NewSimulatedBeacon(0, common.Address{}, backend)
	if err == nil {
		// Set the fork choice to the head, as ethclient/simulated does with
		// genesis, so that the next sealed block builds on it. A chain
		// reopened from Config.DataDir resumes at its stored head.
		err = beacon.Fork(backend.BlockChain().CurrentBlock().Hash())
	}
	if err != nil {
		return errors.Join(fmt.Errorf("%w: chain %d: start beacon: %w", ErrStartFailed, c.cfg.ChainID, err), stack.Close())
	}
	c.stack, c.backend, c.beacon = stack, backend, beacon
	c.client = ethclient.NewClient(stack.Attach())
	return nil
}

// chainDatabaseDir is the directory under Config.DataDir that holds
// go-ethereum's chain database.
const chainDatabaseDir = "thx"

// archiveMarkerFile, in chainDatabaseDir, marks a chain database that
// commits every block's state as the block is sealed.
const archiveMarkerFile = "thx-archive-state"

// archiveState reports whether the chain commits every block's state to
// its database as it seals the block: go-ethereum's hash-based state in
// archive mode. Then a killed process loses no sealed block. With the
// default path-based state, the newest blocks' state stays in memory
// until a graceful stop, so a kill rewound the chain below batches that
// the node had seen settled. A new database in DataDir gets archive
// state and the marker file. A database created before the marker keeps
// its stored scheme, and a chain in memory needs neither.
func (c *Chain) archiveState() (bool, error) {
	if c.cfg.DataDir == "" {
		return false, nil
	}
	dir := filepath.Join(c.cfg.DataDir, chainDatabaseDir)
	marker := filepath.Join(dir, archiveMarkerFile)
	if _, err := os.Stat(marker); err == nil {
		return true, nil
	}
	if _, err := os.Stat(filepath.Join(dir, "chaindata")); err == nil {
		return false, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, fmt.Errorf("create the chain database directory: %w", err)
	}
	if err := os.WriteFile(marker, []byte("go-ethereum hash-based state in archive mode\n"), 0o600); err != nil {
		return false, fmt.Errorf("write %s: %w", marker, err)
	}
	return true, nil
}

func (c *Chain) nodeConfig() node.Config {
	conf := node.DefaultConfig
	conf.DataDir = c.cfg.DataDir
	// go-ethereum keeps the database in DataDir/Name, and an empty Name
	// means the program's file name, so a renamed binary lost its chain.
	conf.Name = chainDatabaseDir
	conf.IPCPath = ""
	conf.P2P = p2p.Config{NoDiscovery: true, MaxPeers: 0}
	conf.HTTPHost = loopbackHost
	conf.HTTPPort = c.cfg.HTTPPort
	conf.HTTPModules = rpcModules
	conf.HTTPCors = c.cfg.CORSOrigins
	conf.WSHost = loopbackHost
	conf.WSPort = c.cfg.WSPort
	conf.WSModules = rpcModules
	conf.WSOrigins = c.cfg.CORSOrigins
	return conf
}

func (c *Chain) ethConfig() *ethconfig.Config {
	// Copy the shared dev config: other chains in this process use it too.
	// The dev config of go-ethereum v1.17.10 also activates the Bogota and
	// Amsterdam forks, whose draft gas repricing no production chain runs;
	// without them the dev chain follows mainnet's rules (Osaka), so gas
	// measured on it is what Ethereum, BSC and Polygon charge.
	chainConfig := *params.AllDevChainProtocolChanges
	chainConfig.ChainID = new(big.Int).SetUint64(c.cfg.ChainID)
	chainConfig.BogotaTime = nil
	chainConfig.AmsterdamTime = nil

	conf := ethconfig.Defaults
	conf.Genesis = &core.Genesis{
		Config:   &chainConfig,
		GasLimit: c.cfg.GasLimit,
		Alloc:    c.genesisAlloc(),
	}
	conf.Miner.GasCeil = c.cfg.GasLimit
	conf.SyncMode = ethconfig.FullSync
	conf.TxPool.NoLocals = true
	// Search logs without the asynchronous index, as ethclient/simulated
	// does, so that a log is found as soon as its block is sealed.
	conf.LogNoHistory = true
	return &conf
}

// genesisAlloc returns the system contracts of the dev forks, the funded
// development accounts and cfg.Alloc, later entries winning.
func (c *Chain) genesisAlloc() types.GenesisAlloc {
	alloc := core.SystemContractAllocs()
	for _, account := range c.accounts {
		alloc[account.Address] = types.Account{Balance: new(big.Int).Set(c.cfg.BalanceWei)}
	}
	maps.Copy(alloc, c.cfg.Alloc)
	return alloc
}

// startProduction seals a block whenever transactions reach the pool, and
// an empty one after BlockInterval without a block unless the chain's time
// is ahead of the wall clock.
func (c *Chain) startProduction() error {
	txEvents := make(chan core.NewTxsEvent, 16)
	sub := c.backend.TxPool().SubscribeTransactions(txEvents, true)
	// wake has capacity one: any number of transaction events between two
	// seals collapse into one wake-up.
	wake := make(chan struct{}, 1)
	c.wake = wake

	// The pool blocks while it delivers an event, and sealing waits for the
	// pool, so events are drained on their own goroutine.
	c.wg.Add(2)
	go func() {
		defer c.wg.Done()
		defer sub.Unsubscribe()
		for {
			select {
			case <-txEvents:
				select {
				case wake <- struct{}{}:
				default:
				}
			case err := <-sub.Err():
				if err != nil {
					c.logger.Error("dev chain transaction subscription failed", "err", err)
				}
				return
			case <-c.quit:
				return
			}
		}
	}()
	go c.produce(wake)
	return nil
}

func (c *Chain) produce(wake <-chan struct{}) {
	defer c.wg.Done()
	ticker := time.NewTicker(c.cfg.BlockInterval)
	defer ticker.Stop()
	for {
		select {
		case <-wake:
			if c.sealingHeld.Load() {
				continue
			}
			c.sealPending()
			ticker.Reset(c.cfg.BlockInterval)
		case <-ticker.C:
			if c.sealingHeld.Load() || c.headAhead() {
				continue
			}
			c.Commit()
		case <-c.quit:
			return
		}
	}
}

// headAhead reports whether the head block's time is after the wall
// clock's second. Every block's time is at least a second after its
// parent's, so bursts of blocks run the chain ahead of the wall clock,
// and an empty block then would push it further. The contract checks
// order expiries against the block time, so a chain far ahead rejects
// orders that the node still holds.
func (c *Chain) headAhead() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false
	}
	return c.backend.BlockChain().CurrentBlock().Time > uint64(time.Now().Unix())
}

// PaceBlocks makes the chain seal transactions at most one block a second
// once its time leads the wall clock, so that the lead never grows: it
// keeps the lead it has (at least 1 s) and shrinks with it. Unpaced, the
// chain seals a block for each burst of transactions, each block at
// least a second after its parent, so a node that settles several
// batches a second runs the chain's time minutes ahead. The contract
// checks order expiries against the block time, so such a chain rejects
// orders that the node still holds. Call it after the setup's burst of
// transactions, which would otherwise wait a second a block.
func (c *Chain) PaceBlocks() { c.paced.Store(true) }

// holdSealing stops the chain from sealing blocks until release runs,
// which wakes it to seal what is pending. The setup sends each wave of
// its transactions under a hold, so a wave lands in a few full blocks.
// Unheld, the chain seals a block for each few transactions as they
// arrive, each block a second after its parent, so setting up 100
// accounts ran the chain's time about 3 minutes ahead of the wall clock.
// In Manual mode it does nothing, because nothing seals on its own.
func (c *Chain) holdSealing() (release func()) {
	if c.wake == nil {
		return func() {}
	}
	c.sealingHeld.Store(true)
	return func() {
		c.awaitPromotion()
		c.sealingHeld.Store(false)
		select {
		case c.wake <- struct{}{}:
		default:
		}
	}
}

// awaitPromotion waits up to promotionWaitMax for the pool to move the
// transactions it accepted into its pending set. The pool does that on a
// goroutine of its own, and a block takes only pending ones, so sealing
// earlier would leave part of a wave for later blocks.
func (c *Chain) awaitPromotion() {
	deadline := time.Now().Add(promotionWaitMax)
	for time.Now().Before(deadline) {
		if _, queued := c.backend.TxPool().Stats(); queued == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitToSeal waits, once the chain is paced, until sealing a block keeps
// the head's lead over the wall clock within leadMax. It returns false if
// the chain closed meanwhile.
func (c *Chain) waitToSeal() bool {
	if !c.paced.Load() {
		return true
	}
	if c.leadMax == 0 {
		c.leadMax = math.MaxInt64
	}
	for {
		c.mu.Lock()
		if c.closed {
			c.mu.Unlock()
			return false
		}
		head := int64(c.backend.BlockChain().CurrentBlock().Time)
		c.mu.Unlock()
		now := time.Now()
		// The next block's time is the later of the wall clock's second and
		// head + 1, so after it the lead is at most lead + 1.
		lead := head - now.Unix()
		c.leadMax = max(1, min(c.leadMax, lead+1))
		if lead+1 <= c.leadMax {
			return true
		}
		timer := time.NewTimer(time.Unix(now.Unix()+1, 0).Sub(now))
		select {
		case <-timer.C:
		case <-c.quit:
			timer.Stop()
			return false
		}
	}
}

// sealPending seals blocks until the pool has no pending transaction, at
// most CommitsPerWakeMax in a row, paced by waitToSeal.
func (c *Chain) sealPending() {
	for range CommitsPerWakeMax {
		// A wake-up can come after its transactions were sealed, for
		// example when a hold on sealing ended, and needs no empty block.
		if c.pendingCount() == 0 || !c.waitToSeal() {
			return
		}
		c.Commit()
		if c.pendingCount() == 0 {
			return
		}
	}
	c.logger.Warn("dev chain still has pending transactions after sealing the maximum blocks in a row",
		"blocks", CommitsPerWakeMax, "pending", c.pendingCount())
}

func (c *Chain) pendingCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return 0
	}
	_ = c.backend.TxPool().Sync()
	pending, _ := c.backend.TxPool().Stats()
	return pending
}

// Commit seals a block with the pending transactions and returns the new
// head's hash, or the zero hash after Close. Sealing errors are logged by
// go-ethereum, which then returns the unchanged head.
func (c *Chain) Commit() common.Hash {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return common.Hash{}
	}
	head := c.beacon.Commit()
	if c.archive {
		// go-ethereum writes blocks without syncing its write-ahead log,
		// so a process killed right after a block could lose it.
		if err := c.backend.ChainDb().SyncKeyValue(); err != nil {
			c.logger.Error("dev chain database sync failed after a block; stop the node gracefully, because a kill before the next sync may lose the block",
				"chain", c.cfg.ChainID, "block", head, "err", err)
		}
	}
	return head
}

// Fork makes the block parent the head, dropping the blocks above it, so
// the blocks sealed next build a competing branch: a reorg. The
// transactions of the dropped blocks return to the pool; call Rollback to
// discard them instead. Fork fails while transactions are pending.
func (c *Chain) Fork(parent common.Hash) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	if err := c.beacon.Fork(parent); err != nil {
		return fmt.Errorf("devchain: fork chain %d at block %s: %w", c.cfg.ChainID, parent, err)
	}
	return nil
}

// WaitPromoted waits until the pool holds no queued transaction, at most
// timeout. The pool moves an account's transactions from its queue to
// its pending set in the background, and a sealed block takes only
// pending ones, so a test that sends several transactions of one account
// and then calls Commit waits here first. A transaction stays queued for
// good only after a nonce gap.
func (c *Chain) WaitPromoted(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		c.mu.Lock()
		if c.closed {
			c.mu.Unlock()
			return ErrClosed
		}
		_ = c.backend.TxPool().Sync()
		pending, queued := c.backend.TxPool().Stats()
		c.mu.Unlock()
		if queued == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("devchain: chain %d: %d transactions still queued in the pool after %s (%d pending); check the sent nonces for a gap",
				c.cfg.ChainID, queued, timeout, pending)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// Rollback removes every pending transaction from the pool.
func (c *Chain) Rollback() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	_ = c.backend.TxPool().Sync()
	c.beacon.Rollback()
}

// AdjustTime seals an empty block whose timestamp is the head's plus the
// adjustment. It fails while transactions are pending.
func (c *Chain) AdjustTime(adjustment time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	if err := c.beacon.AdjustTime(adjustment); err != nil {
		return fmt.Errorf("devchain: adjust time of chain %d by %s: %w", c.cfg.ChainID, adjustment, err)
	}
	return nil
}

// ChainID returns the chain id the chain reports.
func (c *Chain) ChainID() uint64 { return c.cfg.ChainID }

// HTTPURL returns the URL of the JSON-RPC server over HTTP.
func (c *Chain) HTTPURL() string { return c.stack.HTTPEndpoint() }

// WSURL returns the URL of the JSON-RPC server over WebSocket.
func (c *Chain) WSURL() string { return c.stack.WSEndpoint() }

// Endpoint returns the WebSocket endpoint, which supports subscriptions,
// in the form package chain dials.
func (c *Chain) Endpoint() chain.Endpoint {
	return chain.Endpoint{ChainID: c.cfg.ChainID, URL: c.WSURL()}
}

// Client returns an in-process client, which bypasses the network.
func (c *Chain) Client() *ethclient.Client { return c.client }

// Accounts returns the funded development accounts. The slice is a copy;
// the keys are shared.
func (c *Chain) Accounts() []Account { return slices.Clone(c.accounts) }

// Close stops block production, the servers and the node. Calling it again
// returns nil.
func (c *Chain) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	c.mu.Unlock()

	close(c.quit)
	c.wg.Wait()
	c.client.Close()
	err := errors.Join(c.beacon.Stop(), c.stack.Close())
	if err != nil {
		c.logger.Error("dev chain stopped with an error", "err", err)
		return fmt.Errorf("devchain: close chain %d: %w", c.cfg.ChainID, err)
	}
	c.logger.Info("dev chain stopped")
	return nil
}

// String returns the chain id and URLs, for logs.
func (c *Chain) String() string {
	return strings.Join([]string{fmt.Sprintf("devchain %d", c.cfg.ChainID), c.HTTPURL(), c.WSURL()}, " ")
}
