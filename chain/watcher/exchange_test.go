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

// cancelOrder sends trader's cancelOrder(orderHash) to the Exchange
// without sealing it.
func (f *exchangeFixture) cancelOrder(trader devchain.Account, orderHash common.Hash) *types.Transaction {
	f.sender = trader
	return f.send(&f.deployment.Exchange, bindings.NewExchange().PackCancelOrder(orderHash))
}

// cancelUpTo sends trader's cancelUpTo(nonce) to the Exchange without
// sealing it.
func (f *exchangeFixture) cancelUpTo(trader devchain.Account, nonce uint64) *types.Transaction {
	f.sender = trader
	return f.send(&f.deployment.Exchange, bindings.NewExchange().PackCancelUpTo(nonce))
}

func TestWatcherReportsExchangeCancels(t *testing.T) {
	f := newExchangeFixture(t)
	var got recorder
	w := f.watcher(2, got.handle)
	f.commit(1)
	pollAll(t, w)
	initial := len(got.events)
	alice, bob := f.dev.Accounts()[1], f.dev.Accounts()[2]
	orderHash := common.HexToHash("0x0a11ce")

	cancelTx := f.cancelOrder(alice, orderHash)
	upToTx := f.cancelUpTo(alice, 5)
	bobTx := f.cancelUpTo(bob, 3)
	f.commit(1)
	for _, tx := range []*types.Transaction{cancelTx, upToTx, bobTx} {
		f.requireSuccess(tx)
	}
	pollAll(t, w)
	if len(got.events) != initial {
		t.Fatalf("reported %d cancels with 1 of 2 confirmations", len(got.events)-initial)
	}

	f.commit(1)
	pollAll(t, w)
	cancels := got.events[initial:]
	if len(cancels) != 3 {
		t.Fatalf("reported %d cancels with 2 confirmations, expected 3: %+v", len(cancels), cancels)
	}
	if c := cancels[0]; c.Kind != KindOrderCancel || c.Trader != alice.Address || c.OrderHash != orderHash || c.TxHash != cancelTx.Hash() {
		t.Fatalf("first cancel = %+v, expected alice's cancelOrder(%s) in %s", c, orderHash, cancelTx.Hash())
	}
	if c := cancels[1]; c.Kind != KindNonceCancel || c.Trader != alice.Address || c.MinNonce != 5 || c.TxHash != upToTx.Hash() {
		t.Fatalf("second cancel = %+v, expected alice's cancelUpTo(5) in %s", c, upToTx.Hash())
	}
	if c := cancels[2]; c.Kind != KindNonceCancel || c.Trader != bob.Address || c.MinNonce != 3 || c.TxHash != bobTx.Hash() {
		t.Fatalf("third cancel = %+v, expected bob's cancelUpTo(3) in %s", c, bobTx.Hash())
	}
	// Each cancel binds the Exchange's cancel delay after its block.
	for i, c := range cancels {
		header, err := f.dev.Client().HeaderByHash(context.Background(), c.BlockHash)
		if err != nil {
			t.Fatalf("read block %s of cancel %d: %v", c.BlockHash, i, err)
		}
		if want := header.Time + uint64(f.deployment.CancelDelaySeconds); c.EffectiveAt != want {
			t.Fatalf("cancel %d effective at %d, expected block time %d + delay %d s", i, c.EffectiveAt, header.Time, f.deployment.CancelDelaySeconds)
		}
	}
	keys := map[string]bool{}
	for _, c := range cancels {
		keys[c.Key()] = true
	}
	if len(keys) != len(cancels) {
		t.Fatalf("%d cancels have %d distinct keys", len(cancels), len(keys))
	}

	f.commit(4)
	pollAll(t, w)
	if len(got.events) != initial+3 {
		t.Fatalf("reported %d cancels after more blocks, expected still 3", len(got.events)-initial)
	}
}

func TestWatcherExchangeCancelReorg(t *testing.T) {
	f := newExchangeFixture(t)
	var got recorder
	w := f.watcher(3, got.handle)
	f.commit(2)
	pollAll(t, w)
	initial := len(got.events)
	trader := f.dev.Accounts()[1]

	// A cancel reorged out before its confirmations is never reported.
	tx := f.cancelOrder(trader, common.HexToHash("0xd0"))
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
		t.Fatalf("reported %d events after the reorg, expected none: %+v", len(got.events)-initial, got.events[initial:])
	}

	// A cancel that the reorg returns to the pool and a new block includes
	// again is reported once, with a key that does not depend on its block.
	tx = f.cancelUpTo(trader, 7)
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
		t.Fatalf("reported %d new events, expected the reappeared cancel once: %+v", len(got.events)-initial, got.events[initial:])
	}
	event := got.events[initial]
	if event.Kind != KindNonceCancel || event.Trader != trader.Address || event.MinNonce != 7 || event.TxHash != tx.Hash() {
		t.Fatalf("event = %+v, expected %s's cancelUpTo(7)", event, trader.Address)
	}
	if event.BlockHash == dropped.Hash() {
		t.Fatalf("reported the cancel in the dropped block %s", dropped.Hash())
	}
	want := Event{Kind: KindNonceCancel, ChainID: f.dev.ChainID(), Trader: trader.Address, MinNonce: 7}
	if event.Key() != want.Key() {
		t.Fatalf("key = %s, expected %s", event.Key(), want.Key())
	}
}
