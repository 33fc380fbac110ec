package devchain

import (
	"fmt"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
)

// Defaults applied by Start to zero Config fields.
const (
	AccountsDefault      = 10
	BlockIntervalDefault = 2 * time.Second
	GasLimitDefault      = 60_000_000
	// BlockIntervalMin keeps a mistyped interval from spinning the engine.
	BlockIntervalMin = 10 * time.Millisecond
	// CommitsPerWakeMax bounds the blocks sealed in a row while the pool
	// still holds pending transactions, such as more than one block's gas.
	CommitsPerWakeMax = 16
)

// BalanceDefault is the genesis balance of each development account:
// 10,000 ETH in wei.
var BalanceDefault = new(big.Int).Mul(big.NewInt(10_000), big.NewInt(params.Ether))

// Config sets up one development chain. The zero value of every field but
// ChainID selects a default.
type Config struct {
	// ChainID is the EIP-155 chain id the chain reports. Required.
	ChainID uint64
	// Mnemonic derives the funded development accounts; TestMnemonic if empty.
	Mnemonic string
	// Accounts is the number of funded accounts, 1..AccountsMax;
	// AccountsDefault if zero.
	Accounts int
	// BalanceWei is each account's genesis balance; BalanceDefault if nil.
	BalanceWei *big.Int
	// Alloc adds genesis accounts (balances, code, storage). An address in
	// Alloc replaces a derived account's allocation.
	Alloc types.GenesisAlloc
	// Manual turns automatic block production off: blocks are sealed only
	// by Commit. Tests that build reorgs with Fork use it.
	Manual bool
	// BlockInterval is how long the chain waits without a block before it
	// seals an empty one. It skips that block while the head's time is
	// ahead of the wall clock. Transactions are sealed as soon as they
	// reach the pool.
	// BlockIntervalDefault if zero; at least BlockIntervalMin.
	BlockInterval time.Duration
	// HTTPPort and WSPort are the loopback ports of the JSON-RPC servers.
	// Zero lets the system choose a free port; when both are zero one
	// listener serves HTTP and WebSocket. Read the chosen URLs from
	// HTTPURL and WSURL.
	HTTPPort int
	WSPort   int
	// CORSOrigins are the browser origins allowed to call the HTTP server
	// and open WebSockets; ["*"] if nil, so a dApp on any local port can
	// connect. The servers listen on 127.0.0.1 and hold no unlocked keys.
	CORSOrigins []string
	// GasLimit is the block gas limit; GasLimitDefault if zero.
	GasLimit uint64
	// DataDir keeps the chain's database, so that a chain started again with
	// the same directory and configuration resumes at its head. Empty keeps
	// the chain in memory.
	DataDir string
	// Logger receives lifecycle and production errors; slog.Default if nil.
	Logger *slog.Logger
}

// withDefaults returns a copy of cfg with defaults applied, or an error
// naming the first invalid field.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.ChainID == 0 {
		return cfg, fmt.Errorf("%w: chain id is 0: set a positive chain id such as 1337", ErrInvalidConfig)
	}
	if cfg.Mnemonic == "" {
		cfg.Mnemonic = TestMnemonic
	}
	if cfg.Accounts == 0 {
		cfg.Accounts = AccountsDefault
	}
	if cfg.Accounts < 1 || cfg.Accounts > AccountsMax {
		return cfg, fmt.Errorf("%w: account count %d is outside 1..%d", ErrInvalidConfig, cfg.Accounts, AccountsMax)
	}
	if cfg.BalanceWei == nil {
		cfg.BalanceWei = BalanceDefault
	}
	if cfg.BalanceWei.Sign() < 0 {
		return cfg, fmt.Errorf("%w: account balance %s wei is negative", ErrInvalidConfig, cfg.BalanceWei)
	}
	if cfg.BlockInterval == 0 {
		cfg.BlockInterval = BlockIntervalDefault
	}
	if cfg.BlockInterval < BlockIntervalMin {
		return cfg, fmt.Errorf("%w: block interval %s is below the minimum %s", ErrInvalidConfig, cfg.BlockInterval, BlockIntervalMin)
	}
	if err := checkPort("HTTP", cfg.HTTPPort); err != nil {
		return cfg, err
	}
	if err := checkPort("WebSocket", cfg.WSPort); err != nil {
		return cfg, err
	}
	if cfg.CORSOrigins == nil {
		cfg.CORSOrigins = []string{"*"}
	}
	if cfg.GasLimit == 0 {
		cfg.GasLimit = GasLimitDefault
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg, nil
}

func checkPort(name string, port int) error {
	if port < 0 || port > 65535 {
		return fmt.Errorf("%w: %s port %d is outside 0..65535", ErrInvalidConfig, name, port)
	}
	return nil
}
