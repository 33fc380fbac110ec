package settler

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/devchain"
)

// targetRuntime replaces the Exchange in these tests. Its settle(bytes)
// reverts when the first word of the batch is zero and succeeds otherwise.
var targetRuntime = []byte{
	0x60, 0x44, 0x35, // CALLDATALOAD(0x44): the first word of the bytes argument
	0x60, 0x0a, 0x57, // JUMPI to 0x0a if it is not zero
	0x60, 0x00, 0x80, 0xfd, // REVERT(0, 0)
	0x5b, 0x00, // JUMPDEST, STOP
}

func initCode(runtime []byte) []byte {
	size := byte(len(runtime))
	prefix := []byte{0x60, size, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, size, 0x60, 0x00, 0xf3}
	return append(prefix, runtime...)
}

// fakeClock is a Clock that moves only when a test advances it.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// countingBackend counts the settler's gas estimates and eth_calls.
type countingBackend struct {
	Backend
	estimates, calls atomic.Int32
}

func (b *countingBackend) EstimateGas(ctx context.Context, call ethereum.CallMsg) (uint64, error) {
	b.estimates.Add(1)
	return b.Backend.EstimateGas(ctx, call)
}

func (b *countingBackend) EstimateGasAtBlock(ctx context.Context, call ethereum.CallMsg, blockNumber *big.Int) (uint64, error) {
	b.estimates.Add(1)
	return b.Backend.EstimateGasAtBlock(ctx, call, blockNumber)
}

func (b *countingBackend) CallContract(ctx context.Context, call ethereum.CallMsg, blockNumber *big.Int) ([]byte, error) {
	b.calls.Add(1)
	return b.Backend.CallContract(ctx, call, blockNumber)
}

type fixture struct {
	t        *testing.T
	backend  *countingBackend
	dev      *devchain.Chain
	operator devchain.Account
	exchange common.Address
	clock    *fakeClock
	results  []Result
	settler  *Settler
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newFixture(t *testing.T, confirmations uint64, gasLimit uint64) *fixture {
	t.Helper()
	return newFixtureRuntime(t, confirmations, gasLimit, targetRuntime)
}

// newFixtureRuntime deploys runtime in place of the Exchange.
func newFixtureRuntime(t *testing.T, confirmations uint64, gasLimit uint64, runtime []byte) *fixture {
	t.Helper()
	dev, err := devchain.Start(devchain.Config{ChainID: 1337, Manual: true, Logger: quietLogger()})
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(func() { _ = dev.Close() })
	f := &fixture{t: t, dev: dev, operator: dev.Accounts()[0], clock: &fakeClock{now: time.Unix(1_700_000_000, 0)}}
	f.exchange = f.deploy(runtime)
	f.backend = &countingBackend{Backend: dev.Client()}

	f.settler, err = New(Config{
		ChainID:         dev.ChainID(),
		Exchange:        f.exchange,
		Operator:        f.operator.Address,
		Sign:            KeySigner(f.operator.Key, dev.ChainID()),
		Confirmations:   confirmations,
		MaxFeePerGasWei: big.NewInt(100 * params.GWei),
		MinTipWei:       big.NewInt(params.GWei),
		GasLimit:        gasLimit,
		StuckAfter:      30 * time.Second,
		OnResult:        func(r Result) { f.results = append(f.results, r) },
		Clock:           f.clock,
		Logger:          quietLogger(),
	}, f.backend)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return f
}

func (f *fixture) deploy(runtime []byte) common.Address {
	f.t.Helper()
	ctx := context.Background()
	client := f.dev.Client()
	nonce, err := client.PendingNonceAt(ctx, f.operator.Address)
	if err != nil {
		f.t.Fatalf("PendingNonceAt: %v", err)
	}
	tx, err := types.SignTx(types.NewTx(&types.DynamicFeeTx{
		ChainID: big.NewInt(int64(f.dev.ChainID())), Nonce: nonce,
		GasTipCap: big.NewInt(params.GWei), GasFeeCap: big.NewInt(10 * params.GWei), Gas: 100_000,
		Data: initCode(runtime),
	}), types.LatestSignerForChainID(big.NewInt(int64(f.dev.ChainID()))), f.operator.Key)
	if err != nil {
		f.t.Fatalf("SignTx: %v", err)
	}
	if err := client.SendTransaction(ctx, tx); err != nil {
		f.t.Fatalf("SendTransaction: %v", err)
	}
	f.dev.Commit()
	receipt, err := client.TransactionReceipt(ctx, tx.Hash())
	if err != nil {
		f.t.Fatalf("receipt of deployment: %v", err)
	}
	return receipt.ContractAddress
}

func (f *fixture) step() {
	f.t.Helper()
	if err := f.settler.Step(context.Background()); err != nil {
		f.t.Fatalf("Step: %v", err)
	}
}

func (f *fixture) submit(id uint64, valid bool) {
	f.t.Helper()
	f.submitBounded(id, valid, 0)
}

// commit seals blocks once the pool holds every sent transaction as
// pending.
func (f *fixture) commit(blocks int) {
	f.t.Helper()
	f.waitPoolPending()
	for range blocks {
		f.dev.Commit()
	}
}

// waitPoolPending waits until the pool has moved every transaction from
// its queue to its pending set. The pool does that in the background, so
// a transaction sent right after another of the same account can be
// queued for a moment, unseen by the pending nonce and left out of a
// block sealed then.
func (f *fixture) waitPoolPending() {
	f.t.Helper()
	if err := f.dev.WaitPromoted(5 * time.Second); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) pendingNonce() uint64 {
	f.t.Helper()
	f.waitPoolPending()
	nonce, err := f.dev.Client().PendingNonceAt(context.Background(), f.operator.Address)
	if err != nil {
		f.t.Fatalf("PendingNonceAt: %v", err)
	}
	return nonce
}

func (f *fixture) head() *types.Header {
	f.t.Helper()
	header, err := f.dev.Client().HeaderByNumber(context.Background(), nil)
	if err != nil {
		f.t.Fatalf("HeaderByNumber: %v", err)
	}
	return header
}

func TestSettlerSettlesAfterConfirmations(t *testing.T) {
	f := newFixture(t, 3, 0)
	f.submit(1, true)
	f.step()
	if f.settler.InFlight() != 1 || f.pendingNonce() != 2 {
		t.Fatalf("after one step: in flight %d, pending nonce %d, expected 1 and 2", f.settler.InFlight(), f.pendingNonce())
	}

	f.commit(2)
	f.step()
	if len(f.results) != 0 {
		t.Fatalf("reported %d results with 2 of 3 confirmations", len(f.results))
	}
	f.commit(1)
	f.step()
	if len(f.results) != 1 {
		t.Fatalf("reported %d results with 3 confirmations, expected 1", len(f.results))
	}
	result := f.results[0]
	if result.Status != StatusSettled || result.Batch.ID != 1 || result.Err != nil {
		t.Fatalf("result = %+v, expected batch 1 settled", result)
	}
	if result.BlockNumber != f.head().Number.Uint64()-2 || result.GasUsed == 0 {
		t.Fatalf("result in block %d using %d gas, expected block %d and some gas", result.BlockNumber, result.GasUsed, f.head().Number.Uint64()-2)
	}
	if f.settler.InFlight() != 0 {
		t.Fatalf("%d batches still in flight", f.settler.InFlight())
	}
}

// burnRuntime loops 538,469 times, 26 gas each, whatever the call data:
// about 14 million gas, whose estimate plus GasMarginPercent is
// above batch.TxGasCap.
var burnRuntime = []byte{
	0x62, 0x08, 0x37, 0x65, // PUSH3 538,469
	0x5b,       // JUMPDEST at 4
	0x60, 0x01, // PUSH1 1
	0x90,       // SWAP1
	0x03,       // SUB
	0x80,       // DUP1
	0x60, 0x04, // PUSH1 4
	0x57, // JUMPI while the counter is not zero
	0x00, // STOP
}

// A settle call whose estimate is under the per-transaction gas cap but
// whose margin is not is sent with the cap as its limit, not refused by
// the chain.
func TestSettlerCapsGasLimitAtTxCap(t *testing.T) {
	f := newFixtureRuntime(t, 1, 0, burnRuntime)
	f.submit(1, true)
	f.step()
	f.commit(1)
	block, err := f.dev.Client().BlockByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(block.Transactions()) != 1 {
		t.Fatalf("block %d has %d transactions, expected the settle call", block.NumberU64(), len(block.Transactions()))
	}
	if gas := block.Transactions()[0].Gas(); gas != batch.TxGasCap {
		t.Fatalf("settle call sent with gas limit %d, expected the cap %d", gas, batch.TxGasCap)
	}
	f.commit(1)
	f.step()
	if len(f.results) != 1 || f.results[0].Status != StatusSettled {
		t.Fatalf("results %+v, expected batch 1 settled", f.results)
	}
	if used := f.results[0].GasUsed; used < 13_000_000 {
		t.Fatalf("settle call used %d gas, expected about 14 million", used)
	}
}

func TestSettlerSendsBatchesInNonceOrder(t *testing.T) {
	f := newFixture(t, 1, 0)
	first := f.pendingNonce()
	for id := uint64(1); id <= 3; id++ {
		f.submit(id, true)
	}
	f.step()
	if f.pendingNonce() != first+3 {
		t.Fatalf("pending nonce %d, expected %d after three batches", f.pendingNonce(), first+3)
	}
	f.commit(1)
	f.step()
	if len(f.results) != 3 {
		t.Fatalf("reported %d results, expected 3", len(f.results))
	}
	for i, result := range f.results {
		if result.Status != StatusSettled || result.Batch.ID != uint64(i+1) {
			t.Fatalf("result %d = batch %d %s, expected batch %d settled", i, result.Batch.ID, result.Status, i+1)
		}
	}
}

func TestSettlerReportsRevertInEstimation(t *testing.T) {
	f := newFixture(t, 1, 0)
	nonce := f.pendingNonce()
	f.submit(1, false)
	f.step()
	if len(f.results) != 1 || f.results[0].Status != StatusReverted || !errors.Is(f.results[0].Err, ErrBatchReverted) {
		t.Fatalf("results = %+v, expected batch 1 reverted", f.results)
	}
	if f.pendingNonce() != nonce {
		t.Fatalf("pending nonce moved from %d to %d: a reverting batch was sent", nonce, f.pendingNonce())
	}

	// The next batch takes the nonce the reverted one did not use.
	f.submit(2, true)
	f.step()
	f.commit(1)
	f.step()
	if len(f.results) != 2 || f.results[1].Status != StatusSettled {
		t.Fatalf("results = %+v, expected batch 2 settled", f.results)
	}
}

func TestSettlerReportsRevertOnChain(t *testing.T) {
	// A fixed gas limit skips estimation, so the revert happens on chain.
	f := newFixture(t, 2, 100_000)
	f.submit(1, false)
	f.step()
	f.commit(2)
	f.step()
	if len(f.results) != 1 {
		t.Fatalf("reported %d results, expected 1", len(f.results))
	}
	result := f.results[0]
	if result.Status != StatusReverted || !errors.Is(result.Err, ErrBatchReverted) {
		t.Fatalf("result = %+v, expected reverted", result)
	}
	if result.TxHash == (common.Hash{}) || result.Batch.Markets[0] != 1 {
		t.Fatalf("result = %+v, expected the transaction and market 1", result)
	}
}

func TestSettlerBumpsStuckTransaction(t *testing.T) {
	f := newFixture(t, 1, 0)
	f.submit(1, true)
	f.step()
	first := f.settler.flights[0].newest()

	// No block is sealed: after StuckAfter the settler replaces the
	// transaction with higher fees and the same nonce.
	f.clock.advance(10 * time.Second)
	f.step()
	if len(f.settler.flights[0].attempts) != 1 {
		t.Fatal("replaced the transaction before StuckAfter")
	}
	f.clock.advance(25 * time.Second)
	f.step()
	attempts := f.settler.flights[0].attempts
	if len(attempts) != 2 {
		t.Fatalf("%d attempts after StuckAfter, expected 2", len(attempts))
	}
	second := attempts[1]
	if second.Nonce() != first.Nonce() {
		t.Fatalf("replacement nonce %d, expected %d", second.Nonce(), first.Nonce())
	}
	if second.GasTipCap().Cmp(percentOf(first.GasTipCap(), BumpPercentMin)) < 0 || second.GasFeeCap().Cmp(percentOf(first.GasFeeCap(), BumpPercentMin)) < 0 {
		t.Fatalf("replacement fees tip %s cap %s, expected at least %d%% above %s and %s",
			second.GasTipCap(), second.GasFeeCap(), BumpPercentMin, first.GasTipCap(), first.GasFeeCap())
	}

	f.commit(1)
	f.step()
	if len(f.results) != 1 || f.results[0].TxHash != second.Hash() || f.results[0].Status != StatusSettled {
		t.Fatalf("results = %+v, expected settled by the replacement %s", f.results, second.Hash())
	}
}

func TestSettlerResubmitsAfterReorg(t *testing.T) {
	f := newFixture(t, 3, 0)
	parent := f.head()
	f.submit(1, true)
	f.step()
	f.commit(1)
	f.step()
	included := f.settler.flights[0].included
	if included == nil {
		t.Fatal("no receipt seen after the block was sealed")
	}

	// A longer branch without the transaction, which leaves the pool too.
	if err := f.dev.Fork(parent.Hash()); err != nil {
		t.Fatalf("Fork: %v", err)
	}
	f.dev.Rollback()
	f.commit(2)
	f.step()
	if len(f.results) != 0 {
		t.Fatalf("reported %+v for a dropped batch", f.results)
	}
	if f.settler.flights[0].included != nil {
		t.Fatal("the settler still counts the dropped receipt")
	}

	f.commit(3)
	f.step()
	if len(f.results) != 1 || f.results[0].Status != StatusSettled {
		t.Fatalf("results = %+v, expected batch 1 settled after the reorg", f.results)
	}
	if f.results[0].BlockHash == included.BlockHash {
		t.Fatalf("settled in the dropped block %s", included.BlockHash)
	}
}

func TestSubmitRejectsBadBatches(t *testing.T) {
	f := newFixture(t, 1, 0)
	if err := f.settler.Submit(Batch{ID: 1}); !errors.Is(err, ErrInvalidBatch) {
		t.Fatalf("Submit without data: error = %v, expected ErrInvalidBatch", err)
	}
	for id := range uint64(BatchesInFlightMax) {
		f.submit(id, true)
	}
	err := f.settler.Submit(Batch{ID: 999, Data: []byte{1}})
	if !errors.Is(err, ErrQueueFull) {
		t.Fatalf("Submit beyond the limit: error = %v, expected ErrQueueFull", err)
	}
	if f.settler.InFlight() != BatchesInFlightMax {
		t.Fatalf("%d batches in flight, expected %d", f.settler.InFlight(), BatchesInFlightMax)
	}
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	valid := Config{
		ChainID: 1, Exchange: common.HexToAddress("0x01"), Operator: common.HexToAddress("0x02"),
		Sign:          func(tx *types.Transaction) (*types.Transaction, error) { return tx, nil },
		Confirmations: 1, MaxFeePerGasWei: big.NewInt(1), OnResult: func(Result) {},
	}
	cases := map[string]func(*Config){
		"zero chain id":      func(c *Config) { c.ChainID = 0 },
		"missing exchange":   func(c *Config) { c.Exchange = common.Address{} },
		"missing operator":   func(c *Config) { c.Operator = common.Address{} },
		"missing signer":     func(c *Config) { c.Sign = nil },
		"zero confirmations": func(c *Config) { c.Confirmations = 0 },
		"missing fee cap":    func(c *Config) { c.MaxFeePerGasWei = nil },
		"zero fee cap":       func(c *Config) { c.MaxFeePerGasWei = new(big.Int) },
		"negative tip":       func(c *Config) { c.MinTipWei = big.NewInt(-1) },
		"bump below minimum": func(c *Config) { c.BumpPercent = BumpPercentMin - 1 },
		"negative interval":  func(c *Config) { c.PollInterval = -time.Second },
		"missing callback":   func(c *Config) { c.OnResult = nil },
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

func TestPercentOfRoundsUp(t *testing.T) {
	cases := []struct{ value, percent, expected int64 }{
		{100, 10, 110},
		{1, 10, 2},
		{0, 25, 0},
		{1_000_000_000, 25, 1_250_000_000},
	}
	for _, tc := range cases {
		got := percentOf(big.NewInt(tc.value), uint64(tc.percent))
		if got.Cmp(big.NewInt(tc.expected)) != 0 {
			t.Errorf("percentOf(%d, %d) = %s, expected %d", tc.value, tc.percent, got, tc.expected)
		}
	}
}

// While an earlier batch is unconfirmed, a batch with a gas bound is sent
// at once with the bound plus the margin as its limit, not estimated.
func TestSettlerSendsBoundedBatchWithoutEstimate(t *testing.T) {
	f := newFixture(t, 1, 0)
	f.submit(1, true)
	f.step()
	data := make([]byte, 40)
	data[31], data[39] = 1, 2
	if err := f.settler.Submit(Batch{ID: 2, Markets: []uint32{1}, Data: data, GasBound: 80_000}); err != nil {
		t.Fatal(err)
	}
	f.step()
	if f.settler.InFlight() != 2 || f.pendingNonce() != 3 {
		t.Fatalf("in flight %d, pending nonce %d; expected both batches sent", f.settler.InFlight(), f.pendingNonce())
	}
	if gas := f.settler.flights[1].gas; gas != 100_000 {
		t.Fatalf("second batch sent with gas limit %d, expected its bound 80,000 plus 25%%", gas)
	}
	f.commit(2)
	f.step()
	if len(f.results) != 2 || f.results[1].Status != StatusSettled {
		t.Fatalf("results %+v, expected both batches settled", f.results)
	}
}

// sealAndExpectSettled seals a block, steps, and checks that the settler
// reported n results, the last of them settled.
func (f *fixture) sealAndExpectSettled(n int) {
	f.t.Helper()
	f.commit(1)
	f.step()
	if len(f.results) != n || f.results[n-1].Status != StatusSettled {
		f.t.Fatalf("results %+v, expected %d with the last settled", f.results, n)
	}
}

// submitBounded submits batch id with a gas bound, 0 for none. A batch
// that is not valid reverts in the test target.
func (f *fixture) submitBounded(id uint64, valid bool, bound uint64) {
	f.t.Helper()
	data := make([]byte, 40)
	if valid {
		data[31] = 1
	}
	data[39] = byte(id)
	if err := f.settler.Submit(Batch{ID: id, Markets: []uint32{1}, Data: data, GasBound: bound}); err != nil {
		f.t.Fatalf("Submit(%d): %v", id, err)
	}
}

// With every earlier batch included, a batch with a gas bound is checked
// with one eth_call at its limit instead of a gas estimate.
func TestSettlerChecksBoundedBatchWithOneCall(t *testing.T) {
	f := newFixture(t, 1, 0)
	f.submitBounded(1, true, 80_000)
	f.step()
	if f.settler.InFlight() != 1 || f.pendingNonce() != 2 {
		t.Fatalf("in flight %d, pending nonce %d; expected the batch sent", f.settler.InFlight(), f.pendingNonce())
	}
	if gas := f.settler.flights[0].gas; gas != 100_000 {
		t.Fatalf("batch sent with gas limit %d, expected its bound 80,000 plus 25%%", gas)
	}
	if calls, estimates := f.backend.calls.Load(), f.backend.estimates.Load(); calls != 1 || estimates != 0 {
		t.Fatalf("%d eth_calls and %d estimates before sending, expected 1 and 0", calls, estimates)
	}
	f.sealAndExpectSettled(1)
}

// A bounded batch whose check reverts is reported reverted and never sent.
func TestSettlerReportsBoundedRevertBeforeSending(t *testing.T) {
	f := newFixture(t, 1, 0)
	f.submitBounded(1, false, 80_000)
	f.step()
	if len(f.results) != 1 || f.results[0].Status != StatusReverted || !errors.Is(f.results[0].Err, ErrBatchReverted) {
		t.Fatalf("results %+v, expected batch 1 reverted", f.results)
	}
	if f.pendingNonce() != 1 || f.settler.InFlight() != 0 {
		t.Fatalf("pending nonce %d, in flight %d; expected nothing sent", f.pendingNonce(), f.settler.InFlight())
	}
	if estimates := f.backend.estimates.Load(); estimates != 0 {
		t.Fatalf("%d gas estimates after a reverted check, expected none", estimates)
	}
}

// A bound too low for the call falls back to a gas estimate, so a wrong
// bound costs a request, not a batch.
func TestSettlerEstimatesWhenBoundTooLow(t *testing.T) {
	f := newFixture(t, 1, 0)
	f.submitBounded(1, true, 1_000)
	f.step()
	if calls, estimates := f.backend.calls.Load(), f.backend.estimates.Load(); calls != 1 || estimates != 1 {
		t.Fatalf("%d eth_calls and %d estimates, expected 1 of each", calls, estimates)
	}
	if f.settler.InFlight() != 1 {
		t.Fatalf("in flight %d, expected the batch sent with its estimate", f.settler.InFlight())
	}
	if gas := f.settler.flights[0].gas; gas <= 1_250 {
		t.Fatalf("batch sent with gas limit %d, the too low bound plus 25%%; expected the estimate plus 25%%", gas)
	}
	f.sealAndExpectSettled(1)
}
