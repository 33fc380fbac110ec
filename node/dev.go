package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
)

// Defaults of the development setup.
const (
	// DevChainIDDefault is the embedded dev chain's id.
	DevChainIDDefault = 1337
	// DevPollInterval is how often the node polls the dev chain, which
	// seals a block as soon as a transaction arrives.
	DevPollInterval = 500 * time.Millisecond
)

// Limits of every market the node lists from a chain deployment.
const (
	MarketMaxPriceDefault         = 1 << 40 // ticks
	MarketMaxQuantityDefault      = 1 << 32 // lots
	MarketMaxRestingOrdersDefault = 1 << 20
	MarketMaxStopOrdersDefault    = 1 << 16
)

// devDeploymentFile records the dev chain's deployment next to its
// database, so a restart finds the contracts instead of deploying again.
const devDeploymentFile = "deployment.json"

// DevConfig sets up the embedded development chain of `thx node --dev`.
type DevConfig struct {
	// DataDir is the node's data directory; the chain keeps its database
	// and deployment record in DataDir/devchain.
	DataDir string
	// ChainID is DevChainIDDefault if zero.
	ChainID uint64
	// HTTPPort is the chain's JSON-RPC port (HTTP and WebSocket); zero lets
	// the system choose.
	HTTPPort int
	// Accounts is the number of funded development accounts; the dev
	// chain's default if zero. Account 0 deploys and operates the Exchange
	// and the others trade.
	Accounts      int
	BlockInterval time.Duration
	Logger        *slog.Logger
}

// Dev is a running development chain with the Exchange deployed, the test
// tokens deposited for every development account but the operator, and
// the markets listed.
type Dev struct {
	Chain      *devchain.Chain
	Deployment devchain.Deployment
	// Resumed is set when the chain and its deployment were reopened from
	// the data directory.
	Resumed bool
}

// StartDev starts the development chain in cfg.DataDir/devchain. On the
// first start it deploys the Exchange and test tokens and records the
// deployment; later starts reopen the chain's database and find the
// contracts where they were.
func StartDev(ctx context.Context, cfg DevConfig) (*Dev, error) {
	if cfg.ChainID == 0 {
		cfg.ChainID = DevChainIDDefault
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	dir := filepath.Join(cfg.DataDir, "devchain")
	recorded, err := readDeployment(dir)
	if err != nil {
		return nil, err
	}
	if recorded == nil {
		if err := checkNoLogWithoutChain(cfg.DataDir, dir); err != nil {
			return nil, err
		}
		if err := removeUnfinishedChain(dir, cfg.Logger); err != nil {
			return nil, err
		}
	}
	if recorded != nil && recorded.ChainID != cfg.ChainID {
		return nil, fmt.Errorf("%w: the dev chain in %s has chain id %d, not %d; use --dev.chainid %d or another --datadir",
			ErrInvalidConfig, dir, recorded.ChainID, cfg.ChainID, recorded.ChainID)
	}

	c, err := devchain.Start(devchain.Config{
		ChainID: cfg.ChainID, DataDir: dir, HTTPPort: cfg.HTTPPort, Accounts: cfg.Accounts,
		BlockInterval: cfg.BlockInterval, Logger: cfg.Logger,
	})
	if err != nil {
		return nil, err
	}
	dev := &Dev{Chain: c, Resumed: recorded != nil}
	if recorded != nil {
		dev.Deployment = *recorded
		if err := dev.checkDeployed(ctx); err != nil {
			return nil, err
		}
		c.PaceBlocks()
		return dev, nil
	}
	deployment, err := c.DeployExchange(ctx, devchain.DeployConfig{})
	if err == nil {
		dev.Deployment = *deployment
		err = writeDeployment(dir, deployment)
	}
	if err != nil {
		return nil, errors.Join(err, c.Close())
	}
	// The deployment's burst of blocks is over. From here on, settlements
	// must not run the chain's time further ahead of the wall clock.
	c.PaceBlocks()
	return dev, nil
}

// removeUnfinishedChain deletes a chain database without a deployment
// record, which a first start that was killed while deploying leaves, so
// that the start deploys on a new chain. The caller has checked that the
// log has no entries, so no acknowledged order, deposit or batch depends
// on that chain.
func removeUnfinishedChain(dir string, logger *slog.Logger) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("node: read dev chain directory %s: %w", dir, err)
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("node: remove dev chain directory %s, which has a chain but no %s because its first start did not finish: %w; "+
			"delete the data directory and start again", dir, devDeploymentFile, err)
	}
	logger.Warn("removed a dev chain whose first start did not finish, to deploy on a new one", "dir", dir, "missing", devDeploymentFile)
	return nil
}

// checkNoLogWithoutChain rejects a new dev chain beside a store whose log
// has entries: the log's deposits and settled batches happened on another
// chain, so the ledger would not match this one. A restored backup, which
// holds the store alone, is the usual cause.
func checkNoLogWithoutChain(dataDir, chainDir string) error {
	dir := StoreDir(dataDir)
	if names, err := os.ReadDir(dir); errors.Is(err, fs.ErrNotExist) || (err == nil && len(names) == 0) {
		return nil
	}
	s, err := store.Open(dir, store.Options{ReadOnly: true, Logger: slog.New(slog.DiscardHandler)})
	lastSeq := "entries"
	switch {
	case errors.Is(err, store.ErrNeedsRecovery):
		// A write was cut off, so the log has entries.
	case err != nil:
		return fmt.Errorf("node: check the log in %s before starting a new dev chain: %w", dir, err)
	default:
		last := s.LastSeq()
		s.Close()
		if last == 0 {
			return nil
		}
		lastSeq = fmt.Sprintf("entries through seq %d", last)
	}
	return fmt.Errorf("%w: the log in %s has %s, but the dev chain directory %s is missing or new, so the ledger "+
		"would not match the chain. A thx db backup holds the store alone. Start with a new --datadir, "+
		"or restore the devchain directory of the node that wrote this log into %s too",
		ErrInvalidConfig, dir, lastSeq, chainDir, chainDir)
}

// checkDeployed checks that the recorded Exchange has code on the
// reopened chain.
func (d *Dev) checkDeployed(ctx context.Context) error {
	code, err := d.Chain.Client().CodeAt(ctx, d.Deployment.Exchange, nil)
	if err == nil && len(code) == 0 {
		err = fmt.Errorf("%w: the dev chain has no Exchange at %s, where %s records it, so the chain lost the blocks "+
			"that deployed it, as a dev chain created by an earlier version of thx does when thx exits at once; delete the data directory and start again",
			ErrInvalidConfig, d.Deployment.Exchange, devDeploymentFile)
	}
	if err != nil {
		return errors.Join(err, d.Chain.Close())
	}
	return nil
}

func readDeployment(dir string) (*devchain.Deployment, error) {
	data, err := os.ReadFile(filepath.Join(dir, devDeploymentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("node: read dev deployment: %w", err)
	}
	var d devchain.Deployment
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("%w: dev deployment record %s: %w", ErrInvalidConfig, filepath.Join(dir, devDeploymentFile), err)
	}
	return &d, nil
}

// writeDeployment writes the record through a temporary file and a
// rename, so a crash leaves either no record or a whole one.
func writeDeployment(dir string, d *devchain.Deployment) error {
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("node: encode dev deployment: %w", err)
	}
	tmp := filepath.Join(dir, devDeploymentFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("node: write dev deployment: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, devDeploymentFile)); err != nil {
		return fmt.Errorf("node: write dev deployment: %w", err)
	}
	return nil
}

// Configure sets the node's chain, markets and operator key to the dev
// chain's.
func (d *Dev) Configure(cfg *Config) error {
	accounts := d.Chain.Accounts()
	cfg.OperatorKey = accounts[0].Key
	cfg.Chains = append(cfg.Chains, ChainConfig{
		ChainID: d.Deployment.ChainID, Name: "dev", Exchange: d.Deployment.Exchange, RPCURL: d.Chain.HTTPURL(),
		Endpoint: d.Chain.WSURL(), Confirmations: 1, StartBlock: d.Deployment.DeployBlock, PollInterval: DevPollInterval,
	})
	markets, err := DeploymentMarkets(&d.Deployment)
	if err != nil {
		return err
	}
	cfg.Markets = append(cfg.Markets, markets...)
	return nil
}

// Close stops the dev chain.
func (d *Dev) Close() error { return d.Chain.Close() }

// DeploymentMarkets returns the markets of a deployment as the node lists
// them, with the default limits.
func DeploymentMarkets(d *devchain.Deployment) ([]state.Market, error) {
	var out []state.Market
	for _, m := range d.Markets {
		base, okBase := tokenByAddress(d, m.Base)
		quote, okQuote := tokenByAddress(d, m.Quote)
		if !okBase || !okQuote {
			return nil, fmt.Errorf("%w: market %s trades a token the deployment does not list", ErrInvalidConfig, m.Symbol)
		}
		var tick, lot uint256.Int
		if m.TickSize == nil || m.LotSize == nil || tick.SetFromBig(m.TickSize) || lot.SetFromBig(m.LotSize) {
			return nil, fmt.Errorf("%w: market %s has tick size %v and lot size %v", ErrInvalidConfig, m.Symbol, m.TickSize, m.LotSize)
		}
		out = append(out, state.Market{
			ChainID: d.ChainID, ID: m.ID, Symbol: m.Symbol, Exchange: d.Exchange,
			Base: m.Base, Quote: m.Quote, BaseDecimals: base.Decimals, QuoteDecimals: quote.Decimals,
			TickSize: tick, LotSize: lot, MakerFeeBps: m.MakerFeeBps, TakerFeeBps: m.TakerFeeBps,
			MaxPrice: MarketMaxPriceDefault, MaxQuantity: MarketMaxQuantityDefault,
			MaxRestingOrders: MarketMaxRestingOrdersDefault, MaxStopOrders: MarketMaxStopOrdersDefault,
		})
	}
	return out, nil
}

func tokenByAddress(d *devchain.Deployment, addr [20]byte) (devchain.Token, bool) {
	for _, t := range d.Tokens {
		if t.Address == addr {
			return t, true
		}
	}
	return devchain.Token{}, false
}
