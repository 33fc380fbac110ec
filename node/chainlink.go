package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain"
	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/settler"
	"github.com/thaliumx/thaliumx/chain/watcher"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
)

// failureReasonBytesMax bounds the reason a failed batch records in the
// log; the state machine rejects longer ones.
const failureReasonBytesMax = 256

// chainLink connects the node to one chain: a deposit watcher whose
// events become log entries, and a settler that submits sealed batches
// and whose outcomes become log entries.
type chainLink struct {
	n       *Node
	cfg     ChainConfig
	log     *slog.Logger
	client  *chain.Client
	watcher *watcher.Watcher
	settler *settler.Settler
	label   string // the chain id, for metric labels

	// results carries settlement outcomes from the settler's goroutine.
	results chan settler.Result

	// mu guards pending: sealed batches waiting for room in the settler,
	// in id order.
	// NOTE: pending has no limit. It grows while the settler is full, such
	// as during a long pause of the Exchange, by up to one batch per interval.
	mu      sync.Mutex
	pending []state.SettlementBatch

	head      atomic.Uint64 // newest block seen
	delivered atomic.Uint64 // last block the watcher delivered
	lastBatch atomic.Uint64 // last batch confirmed on chain
	headErr   atomic.Pointer[error]
	// started is set once start has run the settler and the watcher.
	started atomic.Bool

	wg sync.WaitGroup
}

// dialChains connects to every chain with an endpoint and checks its
// chain id, before anything else starts.
func (n *Node) dialChains(ctx context.Context) error {
	for _, cfg := range n.cfg.Chains {
		if cfg.Endpoint == "" {
			continue
		}
		client, err := chain.Dial(ctx, chain.Endpoint{ChainID: cfg.ChainID, URL: cfg.Endpoint})
		if err != nil {
			n.closeChains()
			return fmt.Errorf("node: chain %d: %w", cfg.ChainID, err)
		}
		link, err := n.newChainLink(cfg, client)
		if err != nil {
			client.Close()
			n.closeChains()
			return err
		}
		n.links[cfg.ChainID] = link
		n.log.Info("chain connected", "chain", cfg.ChainID, "url", redactEndpoint(cfg), "confirmations", cfg.Confirmations)
	}
	return nil
}

func (n *Node) newChainLink(cfg ChainConfig, client *chain.Client) (*chainLink, error) {
	l := &chainLink{
		n: n, cfg: cfg, client: client, label: strconv.FormatUint(cfg.ChainID, 10),
		log:     n.log.With("chain", cfg.ChainID),
		results: make(chan settler.Result, settler.BatchesInFlightMax),
	}
	cursorDir := filepath.Join(n.cfg.DataDir, "watcher")
	if err := os.MkdirAll(cursorDir, 0o700); err != nil {
		return nil, fmt.Errorf("node: create watcher directory %s: %w", cursorDir, err)
	}
	cursors, err := watcher.NewFileCursorStore(cursorDir)
	if err != nil {
		return nil, err
	}
	l.watcher, err = watcher.New(watcher.Config{
		ChainID: cfg.ChainID, Exchange: cfg.Exchange, Confirmations: cfg.Confirmations, StartBlock: cfg.StartBlock,
		PollInterval: cfg.PollInterval, Handler: l.handleUpdate, Store: cursors, Logger: n.cfg.Logger,
	}, client.Eth())
	if err != nil {
		return nil, fmt.Errorf("node: chain %d watcher: %w", cfg.ChainID, err)
	}
	l.settler, err = settler.New(settler.Config{
		ChainID: cfg.ChainID, Exchange: cfg.Exchange, Operator: crypto.PubkeyToAddress(n.cfg.OperatorKey.PublicKey),
		Sign: settler.KeySigner(n.cfg.OperatorKey, cfg.ChainID), Confirmations: cfg.Confirmations,
		MaxFeePerGasWei: cfg.MaxFeePerGasWei, PollInterval: cfg.PollInterval, OnResult: l.onResult, Logger: n.cfg.Logger,
	}, client.Eth())
	if err != nil {
		return nil, fmt.Errorf("node: chain %d settler: %w", cfg.ChainID, err)
	}
	return l, nil
}

// startChains reconciles each chain's sealed batches with the Exchange
// and starts the watchers and settlers.
func (n *Node) startChains(ctx context.Context) error {
	n.chainCtx, n.chainCancel = context.WithCancel(context.Background())
	for _, l := range n.links {
		if err := l.reconcile(ctx); err != nil {
			return err
		}
		l.logCancelDelay(ctx)
		l.start(n.chainCtx)
	}
	return nil
}

func (l *chainLink) start(ctx context.Context) {
	run := func(name string, fn func(context.Context) error) {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			if err := fn(ctx); err != nil && !errors.Is(err, context.Canceled) {
				l.log.Error(name+" stopped", "err", err)
			}
		}()
	}
	run("deposit watcher", l.watcher.Run)
	run("settler", l.settler.Run)
	run("settlement recorder", l.recordResults)
	run("head monitor", l.monitorHead)
	l.started.Store(true)
}

// reconcile compares the sealed batches the log holds with the Exchange's
// last settled batch: a batch the Exchange settled while the node was down
// is recorded as settled, and the others are submitted again in order.
func (l *chainLink) reconcile(ctx context.Context) error {
	last, err := settler.LastBatchID(ctx, l.client.Eth(), l.cfg.Exchange)
	if err != nil {
		return fmt.Errorf("node: chain %d: %w", l.cfg.ChainID, err)
	}
	l.lastBatch.Store(last)
	l.n.mu.RLock()
	ids := l.n.machine.SealedBatches(l.cfg.ChainID)
	var batches []state.SettlementBatch
	for _, id := range ids {
		if b, err := l.n.machine.SettlementBatch(l.cfg.ChainID, id); err == nil && !b.Failed {
			batches = append(batches, b)
		}
	}
	l.n.mu.RUnlock()

	for _, b := range batches {
		if b.ID > last {
			l.enqueue(b)
			continue
		}
		l.log.Info("batch settled while the node was down; recording it", "batch", b.ID)
		entry := state.Entry{Type: state.EntrySettlementDone, Batch: &state.BatchRef{ChainID: l.cfg.ChainID, ID: b.ID}}
		if _, err := l.n.submitInternal(ctx, entry); err != nil {
			return fmt.Errorf("node: chain %d: record batch %d as settled: %w", l.cfg.ChainID, b.ID, err)
		}
	}
	return nil
}

// enqueue queues a sealed batch for the settler. It never blocks: a full
// settler takes the batch on a later call.
func (l *chainLink) enqueue(b state.SettlementBatch) {
	l.mu.Lock()
	l.pending = append(l.pending, b)
	l.mu.Unlock()
	l.submitPending()
}

// submitPending hands queued batches to the settler in order until it is
// full. A batch that cannot be encoded can never settle, so it is recorded
// as failed, which halts its markets.
func (l *chainLink) submitPending() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for len(l.pending) > 0 {
		b := l.pending[0]
		encoded, err := settler.EncodeBatch(settlementCall(&b))
		if err == nil {
			err = l.settler.Submit(encoded)
		}
		if errors.Is(err, settler.ErrQueueFull) {
			return
		}
		l.pending = l.pending[1:]
		if err != nil {
			l.log.Error("batch cannot be submitted; recording it as failed", "batch", b.ID, "err", err)
			l.recordOutcome(settler.Result{Batch: settler.Batch{ID: b.ID}, Status: settler.StatusReverted, Err: err})
		}
	}
}

// onResult runs on the settler's goroutine and hands the outcome to
// recordResults.
func (l *chainLink) onResult(r settler.Result) { l.recordOutcome(r) }

func (l *chainLink) recordOutcome(r settler.Result) {
	select {
	case l.results <- r:
	default:
		// Results never outnumber the batches in flight, which the
		// settler bounds by the channel's capacity.
		l.log.Error("settlement result dropped: the result queue is full", "batch", r.Batch.ID, "status", r.Status)
	}
}

// recordResults logs each settlement outcome as an entry and submits the
// batches that waited for room in the settler.
func (l *chainLink) recordResults(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case r := <-l.results:
			l.record(ctx, r)
			l.submitPending()
		}
	}
}

func (l *chainLink) record(ctx context.Context, r settler.Result) {
	ref := &state.BatchRef{ChainID: l.cfg.ChainID, ID: r.Batch.ID, TxHash: r.TxHash, Block: r.BlockNumber}
	entry := state.Entry{Type: state.EntrySettlementDone, Batch: ref}
	if r.Status != settler.StatusSettled {
		entry.Type = state.EntrySettlementFailed
		ref.Reason = truncate(fmt.Sprint(r.Err), failureReasonBytesMax)
		if r.TxHash == (common.Hash{}) {
			// The batch reverted when checked before sending and was never sent.
			l.log.Error("settlement batch reverted; its markets halt", "batch", r.Batch.ID, "err", r.Err)
		} else {
			l.log.Error("settlement batch reverted; its markets halt", "batch", r.Batch.ID, "tx", r.TxHash, "err", r.Err)
		}
	} else {
		l.lastBatch.Store(r.Batch.ID)
		l.n.metrics.settlementGas.WithLabelValues(l.label).Add(float64(r.GasUsed))
		// The settler logs the settlement at info level, so this line is
		// for debugging only.
		l.log.Debug("recording a settled batch in the log", "batch", r.Batch.ID, "tx", r.TxHash)
	}
	if _, err := l.n.submitInternal(ctx, entry); err != nil {
		l.log.Error("settlement outcome not recorded; a restart reconciles it with the Exchange", "batch", r.Batch.ID, "err", err)
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// handleUpdate turns the watcher's confirmed events into log entries and
// returns once they are durable, so the watcher saves its cursor only
// after. Events the log already holds, from a range delivered again after
// a restart, are rejected by the ledger and skipped. A cancel applied
// again changes nothing.
func (l *chainLink) handleUpdate(ctx context.Context, u watcher.Update) error {
	for _, ev := range u.Events {
		entry, err := chainEntry(ev)
		var rec *record
		if err == nil {
			rec, err = l.n.submitInternal(ctx, entry)
		}
		switch {
		case err == nil && entry.Type == state.EntryChainCancel:
			l.log.Info("on-chain cancel applied", "kind", ev.Kind, "trader", ev.Trader, "order", ev.OrderHash,
				"minNonce", ev.MinNonce, "effectiveAt", ev.EffectiveAt, "tx", ev.TxHash, "ordersCancelled", len(rec.orders))
		case err == nil:
		case errors.Is(err, ledger.ErrDuplicateDeposit):
			l.log.Debug("deposit already credited", "deposit", ev.DepositID)
		case errors.Is(err, state.ErrUnknownToken), errors.Is(err, state.ErrInvalidEntry), errors.Is(err, ledger.ErrOverflow):
			// NOTE: a deposit of a token that no listed market trades is not
			// credited. The funds stay in the Exchange, and the trader can
			// withdraw them through the escape hatch.
			l.log.Error("chain event not credited", "kind", ev.Kind, "trader", ev.Trader, "token", ev.Token,
				"amount", ev.Amount, "tx", ev.TxHash, "err", err)
		default:
			return err
		}
	}
	l.delivered.Store(u.Cursor.Block)
	l.updateLag()
	return nil
}

// chainEntry returns the log entry of a confirmed Exchange event.
func chainEntry(ev watcher.Event) (state.Entry, error) {
	if ev.Kind == watcher.KindOrderCancel || ev.Kind == watcher.KindNonceCancel {
		return chainCancelEntry(ev)
	}
	var amount uint256.Int
	if ev.Amount == nil || ev.Amount.Sign() < 0 || amount.SetFromBig(ev.Amount) {
		return state.Entry{}, fmt.Errorf("%w: %s amount %v is not a 256-bit unsigned number", state.ErrInvalidEntry, ev.Kind, ev.Amount)
	}
	switch ev.Kind {
	case watcher.KindDeposit:
		return state.Entry{Type: state.EntryDeposit, Deposit: &state.Deposit{
			ChainID: ev.ChainID, ID: ev.DepositID, Trader: ev.Trader, Token: ev.Token, Amount: amount,
			Block: ev.BlockNumber, TxHash: ev.TxHash,
		}}, nil
	case watcher.KindWithdrawalRequest:
		// NOTE: a request delivered again after a crash between its entry
		// and the watcher's cursor save is applied again. Before the next
		// seal that only replaces it. After a seal paid it, the ledger pays
		// it twice, while the Exchange skips the second request because it
		// no longer exists.
		return state.Entry{Type: state.EntryWithdrawalRequest, Request: &state.WithdrawalRequest{
			ChainID: ev.ChainID, Trader: ev.Trader, Token: ev.Token, Amount: amount,
			Block: ev.BlockNumber, TxHash: ev.TxHash,
		}}, nil
	}
	return state.Entry{}, fmt.Errorf("%w: unknown chain event kind %d", state.ErrInvalidEntry, ev.Kind)
}

// chainCancelEntry returns the log entry of a cancelOrder or cancelUpTo
// seen on chain, which removes the cancelled orders from the books and
// releases their holds.
//
// The entry applies at once, although the Exchange rejects the orders
// only from ev.EffectiveAt on, so the node stops matching them as soon as
// the cancel is confirmed.
//
// NOTE: a cancel removes only what is still open. A fill of the order
// that was matched before the node applied the cancel stays in its batch.
// The Exchange settles that batch if it is mined before ev.EffectiveAt,
// the contract's cancel delay after the cancel's block. A batch mined
// later reverts and halts its markets, which happens only when the node
// falls behind by more than the delay.
func chainCancelEntry(ev watcher.Event) (state.Entry, error) {
	c := &state.ChainCancel{ChainID: ev.ChainID, Trader: ev.Trader, Block: ev.BlockNumber, TxHash: ev.TxHash}
	if ev.Kind == watcher.KindNonceCancel {
		c.UpToNonce = ev.MinNonce
		return state.Entry{Type: state.EntryChainCancel, ChainEvent: c}, nil
	}
	// The entry reads a zero order hash as cancelUpTo, and no order has
	// the zero hash, so cancelOrder(0) has nothing to cancel.
	if ev.OrderHash == (common.Hash{}) {
		return state.Entry{}, fmt.Errorf("%w: cancelOrder of the zero order hash in transaction %s cancels no order",
			state.ErrInvalidEntry, ev.TxHash)
	}
	// A hash the machine has not seen is recorded as cancelled by
	// ev.Trader only, as the Exchange records it.
	c.OrderHash = ev.OrderHash
	return state.Entry{Type: state.EntryChainCancel, ChainEvent: c}, nil
}

// monitorHead reads the chain's head every poll interval for the head lag
// metric, NodeInfo and health.
func (l *chainLink) monitorHead(ctx context.Context) error {
	ticker := time.NewTicker(l.cfg.PollInterval)
	defer ticker.Stop()
	for {
		header, err := l.client.Eth().HeaderByNumber(ctx, nil)
		if err != nil && ctx.Err() == nil {
			l.headErr.Store(&err)
		} else if err == nil {
			l.headErr.Store(nil)
			l.head.Store(header.Number.Uint64())
			l.updateLag()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		}
	}
}

func (l *chainLink) updateLag() {
	head, delivered := l.head.Load(), l.delivered.Load()
	if head >= delivered && delivered > 0 {
		l.n.metrics.chainHeadLag.WithLabelValues(l.label).Set(float64(head - delivered))
	}
}

// settleAll waits until the settler has no batch queued or in flight, or
// the timeout passes. It does not wait for a link that never started.
func (l *chainLink) settleAll(timeout time.Duration) bool {
	if !l.started.Load() {
		// The start failed or was cancelled before this link's settler ran,
		// so nothing settles its batches until the next start.
		l.mu.Lock()
		waiting := len(l.pending)
		l.mu.Unlock()
		return waiting == 0 && l.settler.InFlight() == 0
	}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		l.mu.Lock()
		waiting := len(l.pending)
		l.mu.Unlock()
		if waiting == 0 && l.settler.InFlight() == 0 && len(l.results) == 0 {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// settlementCall converts a sealed batch to the Exchange's settle call. A
// resting order that a confirmed batch already filled goes without its
// signature, which the contract then does not need.
func settlementCall(sb *state.SettlementBatch) batch.Batch {
	b := batch.Batch{ID: sb.ID}
	for _, m := range sb.Markets {
		b.Markets = append(b.Markets, batch.Market{ID: m.ID, Base: m.Base, Quote: m.Quote})
	}
	index := make(map[uint64]int, len(sb.Orders))
	for i, o := range sb.Orders {
		bo := batch.Order{Order: o.Signed.Order}
		if !o.Settled || o.Signed.Order.TimeInForce.Immediate() {
			sig := o.Signed.Signature
			bo.Signature = &sig
		}
		b.Orders = append(b.Orders, bo)
		index[o.ID] = i
	}
	for _, t := range sb.Trades {
		b.Trades = append(b.Trades, batch.Trade{Maker: index[t.MakerID], Taker: index[t.TakerID], Price: t.Price, Quantity: t.Quantity})
	}
	for _, w := range sb.Withdrawals {
		b.Withdrawals = append(b.Withdrawals, batch.Withdrawal{Withdrawal: w.Signed.Withdrawal, Signature: w.Signed.Signature})
	}
	for _, r := range sb.Requests {
		b.Requests = append(b.Requests, batch.Request{Trader: r.Request.Trader, Token: r.Request.Token})
	}
	return b
}

// closeChains closes every chain client.
func (n *Node) closeChains() {
	for _, l := range n.links {
		l.client.Close()
	}
}
