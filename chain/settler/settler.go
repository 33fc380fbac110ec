package settler

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/thaliumx/thaliumx/contracts/bindings"
)

// Limits and defaults of a settler.
const (
	// BatchesInFlightMax bounds the batches queued or awaiting their
	// confirmations.
	BatchesInFlightMax = 64
	// AttemptsMax bounds the transactions (the first and its gas bumps)
	// sent for one batch; after that the newest is only rebroadcast.
	AttemptsMax = 8
	// BumpPercentMin is the smallest fee increase go-ethereum's pool
	// accepts for a replacement transaction (its default price bump).
	BumpPercentMin = 10

	// BumpPercentDefault is the fee increase of a replacement when
	// Config.BumpPercent is zero.
	BumpPercentDefault = 25
	// StuckAfterDefault is Config.StuckAfter when zero: about four
	// Ethereum blocks.
	StuckAfterDefault = 45 * time.Second
	// PollIntervalDefault is Config.PollInterval when zero.
	PollIntervalDefault = time.Second
	// GasMarginPercent is added to the estimated gas of a settle call.
	GasMarginPercent = 25
)

const (
	percentDenominator   = 100
	baseFeeHeadroomTimes = 2
)

// Backend is the part of an Ethereum client the settler uses; an
// *ethclient.Client satisfies it.
type Backend interface {
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	SuggestGasTipCap(ctx context.Context) (*big.Int, error)
	EstimateGas(ctx context.Context, call ethereum.CallMsg) (uint64, error)
	EstimateGasAtBlock(ctx context.Context, call ethereum.CallMsg, blockNumber *big.Int) (uint64, error)
	CallContract(ctx context.Context, call ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
	SendTransaction(ctx context.Context, tx *types.Transaction) error
	TransactionReceipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error)
}

// Clock returns the current time; tests inject a fake one.
type Clock interface {
	Now() time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// SignerFunc signs a transaction with the operator's key.
type SignerFunc func(tx *types.Transaction) (*types.Transaction, error)

// KeySigner returns a SignerFunc that signs with key for chainID.
func KeySigner(key *ecdsa.PrivateKey, chainID uint64) SignerFunc {
	signer := types.LatestSignerForChainID(new(big.Int).SetUint64(chainID))
	return func(tx *types.Transaction) (*types.Transaction, error) {
		return types.SignTx(tx, signer, key)
	}
}

// Batch is one encoded batch of trades and withdrawals.
type Batch struct {
	// ID is the batch id encoded in Data, for logs and results.
	ID uint64
	// Markets are the markets with trades in the batch; a reverted batch
	// halts them.
	Markets []uint32
	// Data is the encoded batch, the argument of the Exchange's settle.
	Data []byte
	// GasBound is chain/batch.GasBound of the batch, or 0 if unknown. The
	// settler sends a batch with this bound plus GasMarginPercent as its
	// gas limit, instead of estimating, while earlier batches are
	// unconfirmed: an estimate then runs against a state without them.
	GasBound uint64
}

// Status is the outcome of a batch.
type Status uint8

const (
	// StatusSettled means the batch's transaction succeeded and has the
	// configured confirmations.
	StatusSettled Status = iota + 1
	// StatusReverted means the Exchange rejected the batch.
	StatusReverted
)

// String returns "settled" or "reverted".
func (s Status) String() string {
	switch s {
	case StatusSettled:
		return "settled"
	case StatusReverted:
		return "reverted"
	default:
		return fmt.Sprintf("status(%d)", uint8(s))
	}
}

// Result is the final outcome of one submitted batch.
type Result struct {
	Batch  Batch
	Status Status
	// TxHash, BlockNumber, BlockHash and GasUsed describe the confirmed
	// transaction; they are zero for a batch that reverted before it was sent.
	TxHash      common.Hash
	BlockNumber uint64
	BlockHash   common.Hash
	GasUsed     uint64
	// Err wraps ErrBatchReverted for StatusReverted.
	Err error
}

// Config sets up the settler of one Exchange.
type Config struct {
	ChainID  uint64
	Exchange common.Address
	Operator common.Address
	Sign     SignerFunc
	// Confirmations is the number of blocks, counting the transaction's
	// own, before a result is reported. At least 1.
	Confirmations uint64
	// MaxFeePerGasWei caps the fee cap of every transaction, bumps included.
	MaxFeePerGasWei *big.Int
	// MinTipWei is the lowest priority fee used; zero if nil.
	MinTipWei *big.Int
	// GasLimit, if not zero, is used instead of estimating gas, and a
	// batch that would revert is then only detected on chain.
	GasLimit uint64
	// StuckAfter is how long a transaction waits for a receipt before it
	// is replaced with higher fees; StuckAfterDefault if zero.
	StuckAfter time.Duration
	// BumpPercent is the fee increase of a replacement, at least
	// BumpPercentMin; BumpPercentDefault if zero.
	BumpPercent uint64
	// PollInterval is the pause between steps in Run; PollIntervalDefault
	// if zero.
	PollInterval time.Duration
	// OnResult receives each batch's final result. It runs on the
	// goroutine that calls Step and should not block.
	OnResult func(Result)
	Clock    Clock
	Logger   *slog.Logger
}

// Settler submits batches to the Exchange and follows them to confirmed
// receipts. Submit may be called from any goroutine; Step and Run from one.
type Settler struct {
	cfg      Config
	backend  Backend
	logger   *slog.Logger
	exchange *bindings.Exchange

	mu sync.Mutex
	// queue holds batches not yet sent, in submission order.
	queue []Batch
	// flights holds sent batches awaiting confirmations, in nonce order.
	// Invariant: len(queue)+len(flights) <= BatchesInFlightMax.
	flights []*flight

	// nextNonce is the nonce of the next new batch; valid once nonceLoaded.
	nextNonce   uint64
	nonceLoaded bool

	// paused is true while the Exchange rejects settle with IsPaused(),
	// and the settler then sends nothing until a check on the latest
	// state passes. It is atomic so that Paused does not wait for a step.
	paused atomic.Bool
	// putBack is the number of batches at the front of queue that were
	// sent, reverted because the Exchange was paused, and wait to be sent
	// again. Invariant: putBack <= len(queue).
	putBack int
}

// New checks cfg and returns a settler that sends through backend.
func New(cfg Config, backend Backend) (*Settler, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	logger := cfg.Logger.With("chain", cfg.ChainID, "exchange", cfg.Exchange)
	return &Settler{cfg: cfg, backend: backend, logger: logger, exchange: bindings.NewExchange()}, nil
}

func (cfg Config) withDefaults() (Config, error) {
	switch {
	case cfg.ChainID == 0:
		return cfg, fmt.Errorf("%w: chain id is 0", ErrInvalidConfig)
	case cfg.Exchange == (common.Address{}):
		return cfg, fmt.Errorf("%w: exchange address is missing", ErrInvalidConfig)
	case cfg.Operator == (common.Address{}):
		return cfg, fmt.Errorf("%w: operator address is missing", ErrInvalidConfig)
	case cfg.Sign == nil:
		return cfg, fmt.Errorf("%w: signer is missing", ErrInvalidConfig)
	case cfg.Confirmations == 0:
		return cfg, fmt.Errorf("%w: confirmations is 0: set at least 1 (the transaction's own block)", ErrInvalidConfig)
	case cfg.MaxFeePerGasWei == nil || cfg.MaxFeePerGasWei.Sign() <= 0:
		return cfg, fmt.Errorf("%w: maximum fee per gas %v wei: set a positive cap", ErrInvalidConfig, cfg.MaxFeePerGasWei)
	case cfg.MinTipWei != nil && cfg.MinTipWei.Sign() < 0:
		return cfg, fmt.Errorf("%w: minimum tip %s wei is negative", ErrInvalidConfig, cfg.MinTipWei)
	case cfg.BumpPercent != 0 && cfg.BumpPercent < BumpPercentMin:
		return cfg, fmt.Errorf("%w: bump %d%% is below %d%%, which nodes require for a replacement", ErrInvalidConfig, cfg.BumpPercent, BumpPercentMin)
	case cfg.StuckAfter < 0 || cfg.PollInterval < 0:
		return cfg, fmt.Errorf("%w: stuck-after %s or poll interval %s is negative", ErrInvalidConfig, cfg.StuckAfter, cfg.PollInterval)
	case cfg.OnResult == nil:
		return cfg, fmt.Errorf("%w: result callback is missing", ErrInvalidConfig)
	}

	if cfg.MinTipWei == nil {
		cfg.MinTipWei = new(big.Int)
	}
	if cfg.StuckAfter == 0 {
		cfg.StuckAfter = StuckAfterDefault
	}
	if cfg.BumpPercent == 0 {
		cfg.BumpPercent = BumpPercentDefault
	}
	if cfg.PollInterval == 0 {
		cfg.PollInterval = PollIntervalDefault
	}
	if cfg.Clock == nil {
		cfg.Clock = systemClock{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg, nil
}

// Submit queues a batch; the next Step sends it. Batches are sent in the
// order submitted, with consecutive nonces.
func (s *Settler) Submit(batch Batch) error {
	if len(batch.Data) == 0 {
		return fmt.Errorf("%w: batch %d has no data", ErrInvalidBatch, batch.ID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if inFlight := len(s.queue) + len(s.flights); inFlight >= BatchesInFlightMax {
		return fmt.Errorf("%w: %d batches in flight, the maximum is %d: retry after results arrive", ErrQueueFull, inFlight, BatchesInFlightMax)
	}
	s.queue = append(s.queue, batch)
	return nil
}

// InFlight returns the number of batches queued or awaiting confirmations.
func (s *Settler) InFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue) + len(s.flights)
}

// Paused reports whether settlement waits because the Exchange is
// paused. It turns true when a check before sending, or the receipt of a
// sent batch, reverts with the Exchange's IsPaused(), and false once the
// settler sends again.
func (s *Settler) Paused() bool { return s.paused.Load() }

// Run calls Step every PollInterval until ctx is done, logging failed steps.
func (s *Settler) Run(ctx context.Context) error {
	s.logger.Info("settler started", "operator", s.cfg.Operator, "confirmations", s.cfg.Confirmations)
	defer s.logger.Info("settler stopped")
	ticker := time.NewTicker(s.cfg.PollInterval)
	defer ticker.Stop()
	for {
		err := s.Step(ctx)
		switch {
		case err == nil || ctx.Err() != nil:
		case errors.Is(err, errWaitForEarlier):
			// Normal while batches follow each other closely; a batch
			// that still reverts once all earlier ones are in is reported.
			s.logger.Debug("settler waiting for earlier batches", "err", err)
		default:
			s.logger.Warn("settler step failed, retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		}
	}
}

// Step sends queued batches, then checks every sent batch: it reports
// confirmed ones, rebroadcasts those a reorg dropped and replaces stuck
// ones with higher fees. Results are passed to OnResult before it returns.
func (s *Settler) Step(ctx context.Context) error {
	var results []Result
	err := s.step(ctx, &results)
	for _, result := range results {
		s.cfg.OnResult(result)
	}
	return err
}

func (s *Settler) step(ctx context.Context, results *[]Result) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadNonce(ctx); err != nil {
		return err
	}
	head, err := s.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("settler: read head of chain %d: %w", s.cfg.ChainID, err)
	}
	sendErr := s.sendQueued(ctx, head, results)
	trackErr := s.trackFlights(ctx, head, results)
	return errors.Join(sendErr, trackErr)
}

// loadNonce reads the operator's pending nonce once.
// REQUIRES: s.mu held.
func (s *Settler) loadNonce(ctx context.Context) error {
	if s.nonceLoaded {
		return nil
	}
	nonce, err := s.backend.PendingNonceAt(ctx, s.cfg.Operator)
	if err != nil {
		return fmt.Errorf("settler: read nonce of operator %s: %w", s.cfg.Operator, err)
	}
	s.nextNonce, s.nonceLoaded = nonce, true
	return nil
}
