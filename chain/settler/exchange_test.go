package settler

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/contracts/bindings"
)

// exchangeFixture is a dev chain with the Exchange deployed and funded,
// and a settler for it run by account 0, the operator.
type exchangeFixture struct {
	*fixture
	deployment *devchain.Deployment
	thal, usdc common.Address
}

func newExchangeFixture(t *testing.T, confirmations uint64) *exchangeFixture {
	t.Helper()
	dev, err := devchain.Start(devchain.Config{ChainID: 1337, Manual: true, Logger: quietLogger()})
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(func() { _ = dev.Close() })
	deployment, err := dev.DeployExchange(context.Background(), devchain.DeployConfig{})
	if err != nil {
		t.Fatalf("DeployExchange: %v", err)
	}
	f := &exchangeFixture{
		fixture:    &fixture{t: t, dev: dev, operator: dev.Accounts()[0], clock: &fakeClock{now: time.Unix(1_700_000_000, 0)}},
		deployment: deployment,
	}
	f.exchange = deployment.Exchange
	thal, _ := deployment.Token("THAL")
	usdc, _ := deployment.Token("USDC")
	f.thal, f.usdc = thal.Address, usdc.Address
	f.settler, err = New(Config{
		ChainID: dev.ChainID(), Exchange: deployment.Exchange, Operator: f.operator.Address,
		Sign:          KeySigner(f.operator.Key, dev.ChainID()),
		Confirmations: confirmations, MaxFeePerGasWei: big.NewInt(100 * params.GWei),
		OnResult: func(r Result) { f.results = append(f.results, r) },
		Clock:    f.clock, Logger: quietLogger(),
	}, dev.Client())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return f
}

// tradeBatch returns batch id: account 1 sells 3 lots of THAL/USDC at
// 12,345 ticks to account 2's IOC buy, both signing nonce.
func (f *exchangeFixture) tradeBatch(id, nonce uint64) Batch {
	f.t.Helper()
	accounts := f.dev.Accounts()
	domain := eip712.Domain{ChainID: f.dev.ChainID(), VerifyingContract: f.deployment.Exchange}
	maker := eip712.Order{Trader: accounts[1].Address, Market: 1, Side: eip712.Sell, Price: 12_345, Quantity: 10, MaxFeeBps: 10, Nonce: nonce}
	taker := eip712.Order{Trader: accounts[2].Address, Market: 1, Side: eip712.Buy, TimeInForce: eip712.IOC, Price: 12_345, Quantity: 3, MaxFeeBps: 10, Nonce: nonce}
	_, makerSig, err := domain.SignOrder(maker, accounts[1].Key)
	if err != nil {
		f.t.Fatalf("sign maker order: %v", err)
	}
	_, takerSig, err := domain.SignOrder(taker, accounts[2].Key)
	if err != nil {
		f.t.Fatalf("sign taker order: %v", err)
	}
	encoded, err := EncodeBatch(batch.Batch{
		ID:      id,
		Markets: []batch.Market{{ID: 1, Base: f.thal, Quote: f.usdc}},
		Orders:  []batch.Order{{Order: maker, Signature: &makerSig}, {Order: taker, Signature: &takerSig}},
		Trades:  []batch.Trade{{Maker: 0, Taker: 1, Price: 12_345, Quantity: 3}},
	})
	if err != nil {
		f.t.Fatalf("EncodeBatch: %v", err)
	}
	return encoded
}

func (f *exchangeFixture) balance(trader, token common.Address) *big.Int {
	f.t.Helper()
	exchange := bindings.NewExchange()
	instance := exchange.Instance(f.dev.Client(), f.deployment.Exchange)
	balance, err := bind.Call(instance, &bind.CallOpts{Context: context.Background()}, exchange.PackBalances(trader, token), exchange.UnpackBalances)
	if err != nil {
		f.t.Fatalf("balances: %v", err)
	}
	return balance
}

// quoteAmount is 3 lots at 12,345 ticks with a quote per tick-lot of 1.
const quoteAmount = 3 * 12_345

func TestSettlerSettlesExchangeBatch(t *testing.T) {
	f := newExchangeFixture(t, 2)
	taker := f.dev.Accounts()[2].Address
	before := f.balance(taker, f.usdc)
	if lastID, err := LastBatchID(context.Background(), f.dev.Client(), f.deployment.Exchange); err != nil || lastID != 0 {
		t.Fatalf("LastBatchID before settling = %d, %v, expected 0", lastID, err)
	}

	b := f.tradeBatch(1, 1)
	if len(b.Markets) != 1 || b.Markets[0] != 1 {
		t.Fatalf("batch markets = %v, expected [1]", b.Markets)
	}
	if err := f.settler.Submit(b); err != nil {
		t.Fatalf("Submit: %v", err)
	}
	f.step()
	f.commit(2)
	f.step()
	if len(f.results) != 1 || f.results[0].Status != StatusSettled {
		t.Fatalf("results = %+v, expected batch 1 settled", f.results)
	}

	lastID, err := LastBatchID(context.Background(), f.dev.Client(), f.deployment.Exchange)
	if err != nil {
		t.Fatalf("LastBatchID: %v", err)
	}
	if lastID != 1 {
		t.Fatalf("LastBatchID = %d, expected 1", lastID)
	}

	// The taker pays the quote amount plus the 5 bp taker fee, rounded down.
	paid := new(big.Int).Sub(before, f.balance(taker, f.usdc))
	expected := big.NewInt(quoteAmount + quoteAmount*5/10_000)
	if paid.Cmp(expected) != 0 {
		t.Fatalf("taker paid %s USDC base units, expected %s", paid, expected)
	}
}

func TestSettlerReportsReplayedBatchReverted(t *testing.T) {
	f := newExchangeFixture(t, 1)
	if err := f.settler.Submit(f.tradeBatch(1, 1)); err != nil {
		t.Fatalf("Submit: %v", err)
	}
	f.step()
	f.commit(1)
	f.step()

	// Batch 2 carries the same IOC order, whose nonce is used: the
	// Exchange rejects it and the settler reports market 1 to halt.
	if err := f.settler.Submit(f.tradeBatch(2, 1)); err != nil {
		t.Fatalf("Submit: %v", err)
	}
	f.step()
	if len(f.results) != 2 {
		t.Fatalf("reported %d results, expected 2", len(f.results))
	}
	result := f.results[1]
	if result.Status != StatusReverted || !errors.Is(result.Err, ErrBatchReverted) || result.Batch.Markets[0] != 1 {
		t.Fatalf("result = %+v, expected batch 2 of market 1 reverted", result)
	}
}

func TestSettlerNamesOnChainRevert(t *testing.T) {
	f := newExchangeFixture(t, 1)
	// Batch 2 carries batch 1's IOC order again. Sent while batch 1 is
	// unconfirmed, it goes out with its gas bound and no estimate, so the
	// Exchange rejects it on chain, after batch 1 used the order's nonce.
	for id := uint64(1); id <= 2; id++ {
		if err := f.settler.Submit(f.tradeBatch(id, 1)); err != nil {
			t.Fatalf("Submit batch %d: %v", id, err)
		}
		f.step()
	}
	f.commit(1)
	f.step()
	if len(f.results) != 2 {
		t.Fatalf("reported %d results, expected 2: %+v", len(f.results), f.results)
	}
	result := f.results[1]
	if result.Status != StatusReverted || result.TxHash == (common.Hash{}) {
		t.Fatalf("result = %+v, expected batch 2 reverted in a transaction", result)
	}
	taker := f.dev.Accounts()[2].Address
	want := fmt.Sprintf("NonceAlreadyUsed(%s, 1) when replayed", taker.Hex())
	if !errors.Is(result.Err, ErrBatchReverted) || !strings.Contains(result.Err.Error(), want) {
		t.Fatalf("error %q, expected ErrBatchReverted naming %q", result.Err, want)
	}
}

func TestSettlerExchangeBatchReorg(t *testing.T) {
	f := newExchangeFixture(t, 3)
	taker := f.dev.Accounts()[2].Address
	before := f.balance(taker, f.usdc)
	parent := f.head()

	if err := f.settler.Submit(f.tradeBatch(1, 1)); err != nil {
		t.Fatalf("Submit: %v", err)
	}
	f.step()
	f.commit(1)
	f.step()
	dropped := f.settler.flights[0].included
	if dropped == nil {
		t.Fatal("no receipt seen after the block was sealed")
	}

	// The reorg drops the settlement, and Rollback empties the pool.
	if err := f.dev.Fork(parent.Hash()); err != nil {
		t.Fatalf("Fork: %v", err)
	}
	f.dev.Rollback()
	f.commit(2)
	f.step()
	if got := f.balance(taker, f.usdc); got.Cmp(before) != 0 {
		t.Fatalf("taker balance %s after the reorg, expected the original %s", got, before)
	}

	f.commit(3)
	f.step()
	if len(f.results) != 1 || f.results[0].Status != StatusSettled || f.results[0].BlockHash == dropped.BlockHash {
		t.Fatalf("results = %+v, expected batch 1 settled again outside the dropped block", f.results)
	}
	paid := new(big.Int).Sub(before, f.balance(taker, f.usdc))
	if expected := big.NewInt(quoteAmount + quoteAmount*5/10_000); paid.Cmp(expected) != 0 {
		t.Fatalf("taker paid %s, expected %s: the batch must settle exactly once", paid, expected)
	}
}
