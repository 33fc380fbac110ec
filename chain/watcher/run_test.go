package watcher

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRunDeliversUntilCancelled(t *testing.T) {
	c := newTestChain(t)
	emitter := c.deploy(log4Runtime)
	updates := make(chan Update, 16)
	w, err := New(Config{
		ChainID: c.dev.ChainID(), Exchange: emitter, Confirmations: 1, PollInterval: 10 * time.Millisecond,
		Store: NewMemoryCursorStore(), Logger: quietLogger(),
		Handler: func(ctx context.Context, update Update) error {
			if len(update.Events) > 0 {
				updates <- update
			}
			return nil
		},
	}, c.dev.Client())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()

	c.emitDeposit(emitter, 9, traderA, tokenT, 5)
	c.commit(1)
	select {
	case update := <-updates:
		if len(update.Events) != 1 || update.Events[0].DepositID != 9 {
			t.Fatalf("update = %+v, expected deposit 9", update)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no update within 20s")
	}

	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Run returned %v, expected context.Canceled", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return within 20s of cancel")
	}
}

func TestRunHaltsOnDeepReorg(t *testing.T) {
	c := newTestChain(t)
	emitter := c.deploy(log4Runtime)
	parent := c.head()
	c.emitDeposit(emitter, 1, traderA, tokenT, 5)
	c.commit(1)

	var got recorder
	w := newTestWatcher(t, c, emitter, 1, NewMemoryCursorStore(), got.handle)
	pollAll(t, w)
	if err := c.dev.Fork(parent.Hash()); err != nil {
		t.Fatalf("Fork: %v", err)
	}
	c.rollback()
	c.commit(3)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := w.Run(ctx); !errors.Is(err, ErrDeepReorg) {
		t.Fatalf("Run returned %v, expected ErrDeepReorg", err)
	}
}
