package watcher

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

var (
	traderA = common.HexToAddress("0x00000000000000000000000000000000000000a1")
	tokenT  = common.HexToAddress("0x00000000000000000000000000000000000000b2")
)

func newTestWatcher(t *testing.T, c *testChain, exchange common.Address, confirmations uint64, store CursorStore, handler Handler) *Watcher {
	t.Helper()
	w, err := New(Config{
		ChainID:       c.dev.ChainID(),
		Exchange:      exchange,
		Confirmations: confirmations,
		Handler:       handler,
		Store:         store,
		Logger:        quietLogger(),
	}, c.dev.Client())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return w
}

func TestWatcherReportsAfterConfirmations(t *testing.T) {
	c := newTestChain(t)
	emitter := c.deploy(log4Runtime)
	var got recorder
	w := newTestWatcher(t, c, emitter, 3, NewMemoryCursorStore(), got.handle)

	tx := c.emitDeposit(emitter, 7, traderA, tokenT, 1_000_000)
	c.commit(1)
	depositBlock := c.head()
	pollAll(t, w)
	c.commit(1)
	pollAll(t, w)
	if len(got.events) != 0 {
		t.Fatalf("reported %d events with 2 of 3 confirmations", len(got.events))
	}

	c.commit(1)
	pollAll(t, w)
	if len(got.events) != 1 {
		t.Fatalf("reported %d events with 3 confirmations, expected 1", len(got.events))
	}
	event := got.events[0]
	if event.Kind != KindDeposit || event.DepositID != 7 || event.Trader != traderA || event.Token != tokenT {
		t.Fatalf("event = %+v", event)
	}
	if event.Amount.Cmp(big.NewInt(1_000_000)) != 0 {
		t.Fatalf("amount = %s, expected 1000000", event.Amount)
	}
	if event.TxHash != tx.Hash() || event.BlockHash != depositBlock.Hash() || event.BlockNumber != depositBlock.Number.Uint64() {
		t.Fatalf("event location = tx %s block %d %s, expected tx %s block %d %s",
			event.TxHash, event.BlockNumber, event.BlockHash, tx.Hash(), depositBlock.Number, depositBlock.Hash())
	}

	c.commit(5)
	pollAll(t, w)
	if len(got.events) != 1 {
		t.Fatalf("reported %d events after more blocks, expected still 1", len(got.events))
	}
}

func TestWatcherSkipsReorgedDeposit(t *testing.T) {
	c := newTestChain(t)
	emitter := c.deploy(log4Runtime)
	var got recorder
	w := newTestWatcher(t, c, emitter, 3, NewMemoryCursorStore(), got.handle)

	parent := c.head()
	c.emitDeposit(emitter, 1, traderA, tokenT, 5)
	c.commit(2)
	pollAll(t, w)

	// Replace both blocks with a longer branch that drops the deposit.
	if err := c.dev.Fork(parent.Hash()); err != nil {
		t.Fatalf("Fork: %v", err)
	}
	c.rollback()
	c.commit(6)
	pollAll(t, w)
	if len(got.events) != 0 {
		t.Fatalf("reported %d events from a reorged block: %+v", len(got.events), got.events)
	}
	cursor, _ := w.Cursor()
	if cursor.Block != c.head().Number.Uint64()-2 {
		t.Fatalf("cursor at block %d, expected %d", cursor.Block, c.head().Number.Uint64()-2)
	}
}

func TestWatcherReportsReappearedDepositOnce(t *testing.T) {
	c := newTestChain(t)
	emitter := c.deploy(log4Runtime)
	var got recorder
	w := newTestWatcher(t, c, emitter, 3, NewMemoryCursorStore(), got.handle)

	parent := c.head()
	c.emitDeposit(emitter, 1, traderA, tokenT, 5)
	c.commit(1)
	firstBlock := c.head()
	c.commit(1)
	pollAll(t, w)

	// The reorg returns the transaction to the pool; the new branch
	// includes it again in a different block.
	if err := c.dev.Fork(parent.Hash()); err != nil {
		t.Fatalf("Fork: %v", err)
	}
	c.commit(6)
	pollAll(t, w)
	if len(got.events) != 1 {
		t.Fatalf("reported %d events, expected the reappeared deposit once", len(got.events))
	}
	if got.events[0].BlockHash == firstBlock.Hash() {
		t.Fatalf("reported the deposit in the dropped block %s", firstBlock.Hash())
	}
	c.commit(3)
	pollAll(t, w)
	if len(got.events) != 1 {
		t.Fatalf("reported %d events after more blocks, expected 1", len(got.events))
	}
}

func TestWatcherDetectsDeepReorg(t *testing.T) {
	c := newTestChain(t)
	emitter := c.deploy(log4Runtime)
	var got recorder
	w := newTestWatcher(t, c, emitter, 1, NewMemoryCursorStore(), got.handle)

	parent := c.head()
	c.emitDeposit(emitter, 1, traderA, tokenT, 5)
	c.commit(1)
	pollAll(t, w)
	if len(got.events) != 1 {
		t.Fatalf("reported %d events, expected 1", len(got.events))
	}

	if err := c.dev.Fork(parent.Hash()); err != nil {
		t.Fatalf("Fork: %v", err)
	}
	c.rollback()
	c.commit(3)
	_, err := w.Poll(context.Background())
	if !errors.Is(err, ErrDeepReorg) {
		t.Fatalf("Poll error = %v, expected ErrDeepReorg", err)
	}
	if _, err := w.Poll(context.Background()); !errors.Is(err, ErrDeepReorg) {
		t.Fatalf("second Poll error = %v, expected ErrDeepReorg again", err)
	}
}

func TestWatcherResumesFromFileCursor(t *testing.T) {
	c := newTestChain(t)
	emitter := c.deploy(log4Runtime)
	store, err := NewFileCursorStore(t.TempDir())
	if err != nil {
		t.Fatalf("NewFileCursorStore: %v", err)
	}

	var first recorder
	w := newTestWatcher(t, c, emitter, 2, store, first.handle)
	c.emitDeposit(emitter, 1, traderA, tokenT, 5)
	c.commit(2)
	pollAll(t, w)
	if len(first.events) != 1 {
		t.Fatalf("first watcher reported %d events, expected 1", len(first.events))
	}

	// A restarted watcher reads the file and reports only the new deposit.
	var second recorder
	restarted := newTestWatcher(t, c, emitter, 2, store, second.handle)
	c.emitDeposit(emitter, 2, traderA, tokenT, 6)
	c.commit(2)
	pollAll(t, restarted)
	if len(second.events) != 1 || second.events[0].DepositID != 2 {
		t.Fatalf("restarted watcher reported %+v, expected only deposit 2", second.events)
	}
	saved, ok, err := store.LoadCursor(context.Background(), c.dev.ChainID())
	if err != nil || !ok {
		t.Fatalf("LoadCursor = %v, %v", ok, err)
	}
	if saved.Block != c.head().Number.Uint64()-1 {
		t.Fatalf("saved cursor at block %d, expected %d", saved.Block, c.head().Number.Uint64()-1)
	}
}

func TestWatcherRedeliversAfterHandlerError(t *testing.T) {
	c := newTestChain(t)
	emitter := c.deploy(log4Runtime)
	got := recorder{fail: errors.New("store unavailable")}
	store := NewMemoryCursorStore()
	w := newTestWatcher(t, c, emitter, 1, store, got.handle)

	c.emitDeposit(emitter, 1, traderA, tokenT, 5)
	c.commit(1)
	if _, err := w.Poll(context.Background()); err == nil {
		t.Fatal("Poll succeeded while the handler failed")
	}
	if _, ok, _ := store.LoadCursor(context.Background(), c.dev.ChainID()); ok {
		t.Fatal("cursor saved although the handler failed")
	}

	got.fail = nil
	pollAll(t, w)
	if len(got.events) != 1 || got.events[0].DepositID != 1 {
		t.Fatalf("reported %+v after the handler recovered, expected deposit 1 once", got.events)
	}
}

func TestWatcherReportsWithdrawalRequest(t *testing.T) {
	c := newTestChain(t)
	// The log3 contract plays the Exchange. It is the only address
	// the watcher follows, so the log4 contract's deposits are ignored.
	exchange := c.deploy(log3Runtime)
	other := c.deploy(log4Runtime)
	var got recorder
	w := newTestWatcher(t, c, exchange, 1, NewMemoryCursorStore(), got.handle)

	c.emitWithdrawalRequest(exchange, traderA, tokenT, 42, 99)
	c.emitDeposit(other, 1, traderA, tokenT, 5)
	c.commit(1)
	pollAll(t, w)
	if len(got.events) != 1 {
		t.Fatalf("reported %d events, expected the withdrawal request only", len(got.events))
	}
	event := got.events[0]
	if event.Kind != KindWithdrawalRequest || event.Trader != traderA || event.Token != tokenT || event.UnlockBlock != 99 {
		t.Fatalf("event = %+v", event)
	}
	if event.Amount.Cmp(big.NewInt(42)) != 0 {
		t.Fatalf("amount = %s, expected 42", event.Amount)
	}
}

func TestWatcherStartsAtStartBlock(t *testing.T) {
	c := newTestChain(t)
	emitter := c.deploy(log4Runtime)
	c.emitDeposit(emitter, 1, traderA, tokenT, 5)
	c.commit(1)
	start := c.head().Number.Uint64() + 1
	c.emitDeposit(emitter, 2, traderA, tokenT, 6)
	c.commit(1)

	var got recorder
	w, err := New(Config{
		ChainID: c.dev.ChainID(), Exchange: emitter, Confirmations: 1, StartBlock: start,
		Handler: got.handle, Store: NewMemoryCursorStore(), Logger: quietLogger(),
	}, c.dev.Client())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	pollAll(t, w)
	if len(got.events) != 1 || got.events[0].DepositID != 2 {
		t.Fatalf("reported %+v, expected only deposit 2 from block %d", got.events, start)
	}
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	valid := Config{
		ChainID: 1, Exchange: common.HexToAddress("0x01"), Confirmations: 1,
		Handler: func(context.Context, Update) error { return nil }, Store: NewMemoryCursorStore(),
	}
	cases := map[string]func(*Config){
		"zero chain id":        func(c *Config) { c.ChainID = 0 },
		"missing exchange":     func(c *Config) { c.Exchange = common.Address{} },
		"zero confirmations":   func(c *Config) { c.Confirmations = 0 },
		"negative interval":    func(c *Config) { c.PollInterval = -1 },
		"range above maximum":  func(c *Config) { c.BlocksPerQuery = BlocksPerQueryMax + 1 },
		"missing handler":      func(c *Config) { c.Handler = nil },
		"missing cursor store": func(c *Config) { c.Store = nil },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			cfg := valid
			mutate(&cfg)
			if _, err := New(cfg, nil); !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("New error = %v, expected ErrInvalidConfig", err)
			}
		})
	}
	if _, err := New(valid, nil); err != nil {
		t.Fatalf("New with a valid config: %v", err)
	}
}
