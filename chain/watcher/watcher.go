package watcher

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Limits and defaults of a watcher.
const (
	// BlocksPerQueryMax bounds the block range of one eth_getLogs call and
	// so of one Update. Many providers reject wider ranges.
	BlocksPerQueryMax = 1000
	// EventsPerUpdateMax bounds the events of one Update; a range with more
	// is split until it fits.
	EventsPerUpdateMax = 5000
	// PollIntervalDefault is how often Run polls when Config.PollInterval is zero.
	PollIntervalDefault = 2 * time.Second
)

// Source is the part of an Ethereum client the watcher reads; an
// *ethclient.Client satisfies it.
type Source interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	FilterLogs(ctx context.Context, query ethereum.FilterQuery) ([]types.Log, error)
}

// Handler receives each Update in chain order. If it returns an error the
// cursor does not move and the same range is delivered again later, so the
// handler must apply an Update entirely or not at all.
type Handler func(ctx context.Context, update Update) error

// Config sets up a watcher for one Exchange contract on one chain.
type Config struct {
	ChainID  uint64
	Exchange common.Address
	// Confirmations is the number of blocks, counting the event's own,
	// that must exist before an event is reported. At least 1.
	Confirmations uint64
	// StartBlock is the first block scanned when the store has no cursor,
	// typically the Exchange's deployment block.
	StartBlock uint64
	// PollInterval is the pause between polls in Run; PollIntervalDefault
	// if zero.
	PollInterval time.Duration
	// BlocksPerQuery bounds one range, 1..BlocksPerQueryMax;
	// BlocksPerQueryMax if zero.
	BlocksPerQuery uint64
	Handler        Handler
	Store          CursorStore
	// Decoder is ExchangeDecoder() if nil.
	Decoder *Decoder
	// Logger is slog.Default() if nil.
	Logger *slog.Logger
}

// Watcher follows one Exchange's deposit, withdrawal-request and cancel
// events.
// Poll and Run must not be called concurrently.
type Watcher struct {
	cfg    Config
	source Source
	logger *slog.Logger
	// cursor is the last block delivered and saved. Invariant: after a
	// successful Poll, Store holds the same cursor.
	cursor Cursor
	loaded bool
}

// New checks cfg and returns a watcher reading from source. The cursor is
// loaded on the first Poll.
func New(cfg Config, source Source) (*Watcher, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if cfg.PollInterval == 0 {
		cfg.PollInterval = PollIntervalDefault
	}
	if cfg.BlocksPerQuery == 0 {
		cfg.BlocksPerQuery = BlocksPerQueryMax
	}
	if cfg.Decoder == nil {
		decoder, err := ExchangeDecoder()
		if err != nil {
			return nil, err
		}
		cfg.Decoder = decoder
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	logger := cfg.Logger.With("chain", cfg.ChainID, "exchange", cfg.Exchange)
	return &Watcher{cfg: cfg, source: source, logger: logger}, nil
}

func (cfg Config) check() error {
	switch {
	case cfg.ChainID == 0:
		return fmt.Errorf("%w: chain id is 0", ErrInvalidConfig)
	case cfg.Exchange == (common.Address{}):
		return fmt.Errorf("%w: exchange address is missing", ErrInvalidConfig)
	case cfg.Confirmations == 0:
		return fmt.Errorf("%w: confirmations is 0: set at least 1 (the event's own block)", ErrInvalidConfig)
	case cfg.PollInterval < 0:
		return fmt.Errorf("%w: poll interval %s is negative", ErrInvalidConfig, cfg.PollInterval)
	case cfg.BlocksPerQuery > BlocksPerQueryMax:
		return fmt.Errorf("%w: blocks per query %d is above the maximum %d", ErrInvalidConfig, cfg.BlocksPerQuery, BlocksPerQueryMax)
	case cfg.Handler == nil:
		return fmt.Errorf("%w: handler is missing", ErrInvalidConfig)
	case cfg.Store == nil:
		return fmt.Errorf("%w: cursor store is missing", ErrInvalidConfig)
	}
	return nil
}

// Cursor returns the last block delivered, and false before the first Poll.
func (w *Watcher) Cursor() (Cursor, bool) { return w.cursor, w.loaded }

// Run polls until ctx is done. It logs and retries failed polls, except
// ErrDeepReorg and an invalid cursor, which it returns.
func (w *Watcher) Run(ctx context.Context) error {
	w.logger.Info("deposit watcher started", "confirmations", w.cfg.Confirmations)
	defer w.logger.Info("deposit watcher stopped")
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
		}
		advanced, err := w.Poll(ctx)
		switch {
		case errors.Is(err, ErrDeepReorg), errors.Is(err, ErrInvalidCursor):
			w.logger.Error("deposit watcher halted", "err", err)
			return err
		case err != nil && ctx.Err() == nil:
			w.logger.Warn("deposit watcher poll failed, retrying", "err", err)
		}
		// Catch up without pausing while whole ranges are delivered.
		if advanced {
			timer.Reset(0)
		} else {
			timer.Reset(w.cfg.PollInterval)
		}
	}
}

// Poll delivers at most one range of confirmed blocks to the handler and
// saves the new cursor. It reports whether the cursor moved.
func (w *Watcher) Poll(ctx context.Context) (bool, error) {
	if err := w.loadCursor(ctx); err != nil {
		return false, err
	}
	head, err := w.source.HeaderByNumber(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("watcher: read head of chain %d: %w", w.cfg.ChainID, err)
	}
	confirmed, ok := confirmedBlock(head.Number.Uint64(), w.cfg.Confirmations)
	if !ok || (w.cursor.Hash != (common.Hash{}) && confirmed <= w.cursor.Block) {
		return false, nil
	}
	if err := w.checkCursorCanonical(ctx); err != nil {
		return false, err
	}
	from := w.nextBlock()
	if from > confirmed {
		return false, nil
	}
	to := min(confirmed, from+w.cfg.BlocksPerQuery-1)
	update, err := w.readRange(ctx, from, to)
	if err != nil {
		return false, err
	}
	return true, w.deliver(ctx, update)
}

// confirmedBlock returns the highest block with the given confirmations
// when head is the newest block, and false if no block has them yet.
func confirmedBlock(head, confirmations uint64) (uint64, bool) {
	if head+1 < confirmations {
		return 0, false
	}
	return head + 1 - confirmations, true
}

// nextBlock returns the first block not yet delivered.
func (w *Watcher) nextBlock() uint64 {
	if w.cursor.Hash == (common.Hash{}) {
		return w.cfg.StartBlock
	}
	return w.cursor.Block + 1
}

func (w *Watcher) loadCursor(ctx context.Context) error {
	if w.loaded {
		return nil
	}
	cursor, ok, err := w.cfg.Store.LoadCursor(ctx, w.cfg.ChainID)
	if err != nil {
		return fmt.Errorf("watcher: load cursor of chain %d: %w", w.cfg.ChainID, err)
	}
	if ok && cursor.ChainID != w.cfg.ChainID {
		return fmt.Errorf("%w: the store returned a cursor of chain %d for chain %d", ErrInvalidCursor, cursor.ChainID, w.cfg.ChainID)
	}
	if ok {
		w.cursor = cursor
		w.logger.Info("deposit watcher resumed", "block", cursor.Block, "hash", cursor.Hash)
	} else {
		w.cursor = Cursor{ChainID: w.cfg.ChainID}
	}
	w.loaded = true
	return nil
}

// checkCursorCanonical returns ErrDeepReorg if the cursor's block is no
// longer the canonical block at its height.
func (w *Watcher) checkCursorCanonical(ctx context.Context) error {
	if w.cursor.Hash == (common.Hash{}) {
		return nil
	}
	header, err := w.source.HeaderByNumber(ctx, new(big.Int).SetUint64(w.cursor.Block))
	if err != nil {
		return fmt.Errorf("watcher: read block %d of chain %d: %w", w.cursor.Block, w.cfg.ChainID, err)
	}
	if header.Hash() != w.cursor.Hash {
		return fmt.Errorf("%w: chain %d block %d is now %s, delivered as %s: raise the confirmations",
			ErrDeepReorg, w.cfg.ChainID, w.cursor.Block, header.Hash(), w.cursor.Hash)
	}
	return nil
}

func (w *Watcher) deliver(ctx context.Context, update Update) error {
	if err := w.cfg.Handler(ctx, update); err != nil {
		return fmt.Errorf("watcher: handler rejected blocks %d..%d of chain %d: %w", update.FromBlock, update.Cursor.Block, w.cfg.ChainID, err)
	}
	if err := w.cfg.Store.SaveCursor(ctx, update.Cursor); err != nil {
		// The handler has the update, so the cursor must move in memory
		// even though the store failed: the next save catches up.
		w.cursor = update.Cursor
		return fmt.Errorf("watcher: save cursor of chain %d at block %d: %w", w.cfg.ChainID, update.Cursor.Block, err)
	}
	w.cursor = update.Cursor
	if len(update.Events) > 0 {
		w.logger.Info("deposit watcher delivered events", "from", update.FromBlock, "to", update.Cursor.Block, "events", len(update.Events))
	}
	return nil
}

// readRange reads the events of blocks from..to, halving the range while
// it holds more than EventsPerUpdateMax events.
func (w *Watcher) readRange(ctx context.Context, from, to uint64) (Update, error) {
	for {
		update, err := w.readRangeOnce(ctx, from, to)
		if !errors.Is(err, ErrTooManyEvents) || from == to {
			return update, err
		}
		to = from + (to-from)/2
	}
}

func (w *Watcher) readRangeOnce(ctx context.Context, from, to uint64) (Update, error) {
	toHeader, err := w.source.HeaderByNumber(ctx, new(big.Int).SetUint64(to))
	if err != nil {
		return Update{}, fmt.Errorf("watcher: read block %d of chain %d: %w", to, w.cfg.ChainID, err)
	}
	logs, err := w.source.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from),
		ToBlock:   new(big.Int).SetUint64(to),
		Addresses: []common.Address{w.cfg.Exchange},
		Topics:    w.cfg.Decoder.Topics(),
	})
	if err != nil {
		return Update{}, fmt.Errorf("watcher: read logs of blocks %d..%d of chain %d: %w", from, to, w.cfg.ChainID, err)
	}
	if len(logs) > EventsPerUpdateMax {
		return Update{}, fmt.Errorf("%w: %d events in blocks %d..%d of chain %d, the maximum is %d",
			ErrTooManyEvents, len(logs), from, to, w.cfg.ChainID, EventsPerUpdateMax)
	}
	if err := w.checkLogsCanonical(ctx, logs, toHeader); err != nil {
		return Update{}, err
	}
	events, err := w.decode(logs)
	if err != nil {
		return Update{}, err
	}
	cursor := Cursor{ChainID: w.cfg.ChainID, Block: to, Hash: toHeader.Hash()}
	return Update{Events: events, Cursor: cursor, FromBlock: from}, nil
}

// checkLogsCanonical returns ErrChainChanged unless every log comes from
// the canonical block at its height and the range's last block did not
// change during the query. A block's hash commits to all its ancestors, so
// an unchanged last block means the whole range is unchanged.
func (w *Watcher) checkLogsCanonical(ctx context.Context, logs []types.Log, toHeader *types.Header) error {
	canonical := map[uint64]common.Hash{toHeader.Number.Uint64(): toHeader.Hash()}
	for _, log := range logs {
		if log.Removed {
			return fmt.Errorf("%w: log %d of transaction %s was removed", ErrChainChanged, log.Index, log.TxHash)
		}
		hash, ok := canonical[log.BlockNumber]
		if !ok {
			header, err := w.source.HeaderByNumber(ctx, new(big.Int).SetUint64(log.BlockNumber))
			if err != nil {
				return fmt.Errorf("watcher: read block %d of chain %d: %w", log.BlockNumber, w.cfg.ChainID, err)
			}
			hash = header.Hash()
			canonical[log.BlockNumber] = hash
		}
		if hash != log.BlockHash {
			return fmt.Errorf("%w: log %d of transaction %s is in block %s, canonical block %d is %s",
				ErrChainChanged, log.Index, log.TxHash, log.BlockHash, log.BlockNumber, hash)
		}
	}
	after, err := w.source.HeaderByNumber(ctx, toHeader.Number)
	if err != nil {
		return fmt.Errorf("watcher: read block %d of chain %d: %w", toHeader.Number, w.cfg.ChainID, err)
	}
	if after.Hash() != toHeader.Hash() {
		return fmt.Errorf("%w: block %d changed from %s to %s", ErrChainChanged, toHeader.Number, toHeader.Hash(), after.Hash())
	}
	return nil
}

// decode turns logs into events sorted in chain order.
func (w *Watcher) decode(logs []types.Log) ([]Event, error) {
	events := make([]Event, 0, len(logs))
	for _, log := range logs {
		event, err := w.cfg.Decoder.Decode(w.cfg.ChainID, log)
		if err != nil {
			return nil, err
		}
		events = append(events, event)
	}
	slices.SortFunc(events, func(a, b Event) int {
		if a.BlockNumber != b.BlockNumber {
			return cmp.Compare(a.BlockNumber, b.BlockNumber)
		}
		return cmp.Compare(a.LogIndex, b.LogIndex)
	})
	return events, nil
}
