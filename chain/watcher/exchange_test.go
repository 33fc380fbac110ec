package watcher

import (
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/contracts/bindings"
)

func TestExchangeDecoderMatchesBindings(t *testing.T) {
	if _, err := ExchangeDecoder(); err != nil {
		t.Fatalf("ExchangeDecoder: %v", err)
	}
}

// exchangeFixture is a dev chain with the Exchange deployed and funded.
type exchangeFixture struct {
	*testChain
	deployment *devchain.Deployment
	usdc       common.Address
}

func newExchangeFixture(t *testing.T) *exchangeFixture {
	t.Helper()
	c := newTestChain(t)
	deployment, err := c.dev.DeployExchange(context.Background(), devchain.DeployConfig{})
	if err != nil {
		t.Fatalf("DeployExchange: %v", err)
	}
	usdc, _ := deployment.Token("USDC")
	return &exchangeFixture{testChain: c, deployment: deployment, usdc: usdc.Address}
}

// depositUSDC mints amount USDC base units to trader, who approves the
// Exchange, and sends the deposit without sealing it.
func (f *exchangeFixture) depositUSDC(trader devchain.Account, amount int64) *types.Transaction {
	f.t.Helper()
	f.sender = trader
	f.send(&f.usdc, bindings.NewTestToken().PackMint(trader.Address, big.NewInt(amount)))
	f.send(&f.usdc, bindings.NewTestToken().PackApprove(f.deployment.Exchange, big.NewInt(amount)))
	f.dev.Commit()
	return f.send(&f.deployment.Exchange, bindings.NewExchange().PackDeposit(f.usdc, big.NewInt(amount)))
}

// requireSuccess fails the test unless tx is sealed and succeeded.
func (f *exchangeFixture) requireSuccess(tx *types.Transaction) {
	f.t.Helper()
	receipt, err := f.dev.Client().TransactionReceipt(context.Background(), tx.Hash())
	if err != nil {
		f.t.Fatalf("receipt of %s: %v", tx.Hash(), err)
	}
	if receipt.Status != types.ReceiptStatusSuccessful {
		f.t.Fatalf("transaction %s reverted", tx.Hash())
	}
}

func (f *exchangeFixture) watcher(confirmations uint64, handler Handler) *Watcher {
	f.t.Helper()
	w, err := New(Config{
		ChainID: f.dev.ChainID(), Exchange: f.deployment.Exchange, Confirmations: confirmations,
		StartBlock: f.deployment.DeployBlock, Handler: handler, Store: NewMemoryCursorStore(), Logger: quietLogger(),
	}, f.dev.Client())
	if err != nil {
		f.t.Fatalf("New: %v", err)
	}
	return w
}

func TestWatcherReportsExchangeDeposits(t *testing.T) {
	f := newExchangeFixture(t)
	var got recorder
	w := f.watcher(2, got.handle)
	f.commit(1)
	pollAll(t, w)

	// DeployExchange deposits THAL, USDC and WETH for every trader.
	traders := len(f.dev.Accounts()) - 1
	if len(got.events) != 3*traders {
		t.Fatalf("reported %d deposits, expected %d", len(got.events), 3*traders)
	}
	for i, event := range got.events {
		if event.Kind != KindDeposit || event.DepositID != uint64(i+1) {
			t.Fatalf("event %d = %s id %d, expected deposit id %d", i, event.Kind, event.DepositID, i+1)
		}
	}
}

func TestWatcherExchangeDepositReorg(t *testing.T) {
	f := newExchangeFixture(t)
	var got recorder
	w := f.watcher(3, got.handle)
	f.commit(2)
	pollAll(t, w)
	initial := len(got.events)
	trader := f.dev.Accounts()[1]

	// A deposit reorged out before its confirmations is never reported.
	tx := f.depositUSDC(trader, 1_000)
	parent := f.head()
	f.commit(1)
	f.requireSuccess(tx)
	pollAll(t, w)
	if err := f.dev.Fork(parent.Hash()); err != nil {
		t.Fatalf("Fork: %v", err)
	}
	f.rollback()
	f.commit(4)
	pollAll(t, w)
	if len(got.events) != initial {
		t.Fatalf("reported %d new events after the reorg, expected none", len(got.events)-initial)
	}

	// A deposit that the reorg returns to the pool and a new block
	// includes again is reported once.
	tx = f.depositUSDC(trader, 2_000)
	parent = f.head()
	f.commit(1)
	f.requireSuccess(tx)
	dropped := f.head()
	f.commit(1)
	pollAll(t, w)
	if err := f.dev.Fork(parent.Hash()); err != nil {
		t.Fatalf("Fork: %v", err)
	}
	f.commit(6)
	pollAll(t, w)
	if len(got.events) != initial+1 {
		t.Fatalf("reported %d new events, expected the reappeared deposit once", len(got.events)-initial)
	}
	event := got.events[initial]
	if event.Amount.Cmp(big.NewInt(2_000)) != 0 || event.Trader != trader.Address || event.Token != f.usdc {
		t.Fatalf("event = %+v, expected trader %s's 2000 USDC", event, trader.Address)
	}
	if event.BlockHash == dropped.Hash() {
		t.Fatalf("reported the deposit in the dropped block %s", dropped.Hash())
	}
}
