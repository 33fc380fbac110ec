package settler

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"

	"github.com/thaliumx/thaliumx/chain/devchain"
)

// Log messages of a pause, as the settler writes them.
const (
	pausedMessage   = "exchange paused, settlement waits until its owner unpauses it"
	unpausedMessage = "exchange unpaused, settlement resumes"
	putBackMessage  = "settlement reverted while the Exchange was paused, the batch is sent again after the unpause"
)

// pauseFixture is an Exchange fixture whose operator, account 3, differs
// from the owner, account 0, so that the owner's pause and unpause
// transactions leave the settler's nonces alone. The settler logs into
// logs.
type pauseFixture struct {
	*exchangeFixture
	owner devchain.Account
	logs  *bytes.Buffer
}

// newPauseFixture starts a dev chain with blocks of blockGasLimit (the
// default if 0) and a settler with a fixed gasLimit (estimating if 0).
func newPauseFixture(t *testing.T, confirmations, gasLimit, blockGasLimit uint64) *pauseFixture {
	t.Helper()
	dev, err := devchain.Start(devchain.Config{ChainID: 1337, Manual: true, GasLimit: blockGasLimit, Logger: quietLogger()})
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(func() { _ = dev.Close() })

	accounts := dev.Accounts()
	owner, operator := accounts[0], accounts[3]
	deployment, err := dev.DeployExchange(context.Background(), devchain.DeployConfig{Operator: operator.Address})
	if err != nil {
		t.Fatalf("DeployExchange: %v", err)
	}

	f := &pauseFixture{
		exchangeFixture: &exchangeFixture{
			fixture:    &fixture{t: t, dev: dev, operator: operator, clock: &fakeClock{now: time.Unix(1_700_000_000, 0)}},
			deployment: deployment,
		},
		owner: owner,
		logs:  &bytes.Buffer{},
	}
	f.exchange = deployment.Exchange
	thal, _ := deployment.Token("THAL")
	usdc, _ := deployment.Token("USDC")
	f.thal, f.usdc = thal.Address, usdc.Address

	logger := slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f.settler, err = New(Config{
		ChainID: dev.ChainID(), Exchange: deployment.Exchange, Operator: operator.Address,
		Sign:          KeySigner(operator.Key, dev.ChainID()),
		Confirmations: confirmations, MaxFeePerGasWei: big.NewInt(100 * params.GWei), MinTipWei: big.NewInt(params.GWei),
		GasLimit: gasLimit,
		OnResult: func(r Result) { f.results = append(f.results, r) },
		Clock:    f.clock, Logger: logger,
	}, dev.Client())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return f
}

// setPaused sends pause() or unpause() from the owner with a 50 gwei tip,
// above the settler's, so that a block runs it before the settler's
// transactions. The next commit seals it.
func (f *pauseFixture) setPaused(paused bool) {
	f.t.Helper()
	ctx := context.Background()
	client := f.dev.Client()
	nonce, err := client.PendingNonceAt(ctx, f.owner.Address)
	if err != nil {
		f.t.Fatalf("PendingNonceAt: %v", err)
	}
	data := f.settler.exchange.PackUnpause()
	if paused {
		data = f.settler.exchange.PackPause()
	}
	chainID := big.NewInt(int64(f.dev.ChainID()))
	tx, err := types.SignTx(types.NewTx(&types.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, To: &f.deployment.Exchange, Data: data, Gas: 100_000,
		GasTipCap: big.NewInt(50 * params.GWei), GasFeeCap: big.NewInt(100 * params.GWei),
	}), types.LatestSignerForChainID(chainID), f.owner.Key)
	if err != nil {
		f.t.Fatalf("SignTx: %v", err)
	}
	if err := client.SendTransaction(ctx, tx); err != nil {
		f.t.Fatalf("send pause(%t): %v", paused, err)
	}
}

// logLines returns the settler's log lines that contain message.
func (f *pauseFixture) logLines(message string) []string {
	var lines []string
	for _, line := range strings.Split(f.logs.String(), "\n") {
		if strings.Contains(line, message) {
			lines = append(lines, line)
		}
	}
	return lines
}

func (f *pauseFixture) submitTrade(id uint64) {
	f.t.Helper()
	if err := f.settler.Submit(f.tradeBatch(id, id)); err != nil {
		f.t.Fatalf("Submit batch %d: %v", id, err)
	}
}

func (f *pauseFixture) expectLastBatchID(expected uint64) {
	f.t.Helper()
	lastID, err := LastBatchID(context.Background(), f.dev.Client(), f.deployment.Exchange)
	if err != nil {
		f.t.Fatalf("LastBatchID: %v", err)
	}
	if lastID != expected {
		f.t.Fatalf("LastBatchID = %d, expected %d", lastID, expected)
	}
}

// takerBalance returns the USDC balance of account 2, the taker of
// tradeBatch, in the Exchange.
func (f *pauseFixture) takerBalance() *big.Int {
	f.t.Helper()
	return f.balance(f.dev.Accounts()[2].Address, f.usdc)
}

// expectTakerPaid checks that the taker paid for exactly trades of
// tradeBatch's trades since its balance was before: the quote amount plus
// the 5 bp taker fee, rounded down, for each.
func (f *pauseFixture) expectTakerPaid(before *big.Int, trades int64) {
	f.t.Helper()
	paid := new(big.Int).Sub(before, f.takerBalance())
	if expected := big.NewInt(trades * (quoteAmount + quoteAmount*5/10_000)); paid.Cmp(expected) != 0 {
		f.t.Fatalf("taker paid %s USDC base units, expected %s for %d trades: each batch must settle exactly once", paid, expected, trades)
	}
}

func TestSettlerWaitsWhileExchangePaused(t *testing.T) {
	f := newPauseFixture(t, 1, 0, 0)
	before := f.takerBalance()
	f.setPaused(true)
	f.commit(1)
	nonce := f.pendingNonce()

	f.submitTrade(1)
	for range 3 {
		f.step()
		f.commit(1)
	}
	if len(f.results) != 0 {
		t.Fatalf("results %+v while the Exchange is paused, expected none", f.results)
	}
	if got := f.pendingNonce(); got != nonce {
		t.Fatalf("pending nonce %d while the Exchange is paused, expected %d: nothing may be sent", got, nonce)
	}
	if !f.settler.Paused() {
		t.Fatal("Paused() = false while the Exchange is paused")
	}
	if f.settler.InFlight() != 1 {
		t.Fatalf("%d batches in flight, expected batch 1 still queued", f.settler.InFlight())
	}
	waits := f.logLines(pausedMessage)
	if len(waits) != 1 {
		t.Fatalf("%d log lines %q after 3 steps, expected 1:\n%s", len(waits), pausedMessage, f.logs)
	}
	if !strings.Contains(waits[0], "level=WARN") || !strings.Contains(waits[0], "batch=1") || !strings.Contains(waits[0], "reason=IsPaused()") {
		t.Fatalf("log line %q, expected a warning naming batch 1 and IsPaused()", waits[0])
	}

	f.setPaused(false)
	f.commit(1)
	f.step()
	if f.settler.Paused() {
		t.Fatal("Paused() = true after the unpause")
	}
	if got := f.pendingNonce(); got != nonce+1 {
		t.Fatalf("pending nonce %d after the unpause, expected %d with batch 1 sent", got, nonce+1)
	}
	f.commit(1)
	f.step()
	if len(f.results) != 1 || f.results[0].Status != StatusSettled || f.results[0].Batch.ID != 1 {
		t.Fatalf("results %+v, expected batch 1 settled", f.results)
	}
	f.expectLastBatchID(1)
	f.expectTakerPaid(before, 1)
	if resumes := f.logLines(unpausedMessage); len(resumes) != 1 || !strings.Contains(resumes[0], "level=INFO") {
		t.Fatalf("log lines %q, expected one INFO line %q", resumes, unpausedMessage)
	}
	if waits := f.logLines(pausedMessage); len(waits) != 1 {
		t.Fatalf("%d log lines %q in all, expected 1", len(waits), pausedMessage)
	}
}

// A settler with a fixed gas limit sends without a check, so a batch
// reverts on chain while the Exchange is paused. Batch 1 reverts with
// IsPaused(). Batches 2 and 3 go out after the unpause, in the step that
// first reads batch 1's receipt, and revert with InvalidBatchId. All three
// go back to the queue and settle in order after the unpause.
func TestSettlerPutsBackPausedReverts(t *testing.T) {
	f := newPauseFixture(t, 2, 1_000_000, 0)
	before := f.takerBalance()
	f.setPaused(true)
	f.commit(1)
	nonce := f.pendingNonce()

	f.submitTrade(1)
	f.step()
	f.commit(1) // batch 1 reverts with IsPaused()
	f.setPaused(false)
	f.commit(1)
	f.submitTrade(2)
	f.submitTrade(3)
	f.step() // sends batches 2 and 3, then puts batch 1 back
	if got := f.pendingNonce(); got != nonce+3 {
		t.Fatalf("pending nonce %d, expected %d with three batches sent", got, nonce+3)
	}
	if !f.settler.Paused() {
		t.Fatalf("Paused() = false after batch 1 reverted with IsPaused():\n%s", f.logs)
	}
	f.commit(2) // batches 2 and 3 revert with InvalidBatchId
	f.step()
	if len(f.results) != 0 {
		t.Fatalf("results %+v, expected none while batches go back to the queue", f.results)
	}
	putBack := f.logLines(putBackMessage)
	if len(putBack) != 3 {
		t.Fatalf("%d batches put back, expected 3:\n%s", len(putBack), f.logs)
	}
	for i, reason := range []string{"reason=IsPaused()", "reason=\"InvalidBatchId(2, 1)\"", "reason=\"InvalidBatchId(3, 1)\""} {
		if !strings.Contains(putBack[i], reason) {
			t.Errorf("put-back line %d %q, expected %s", i, putBack[i], reason)
		}
	}
	if got := f.settler.InFlight(); got != 3 {
		t.Fatalf("%d batches in flight, expected the 3 put back", got)
	}

	f.step()
	if f.settler.Paused() {
		t.Fatalf("Paused() = true after the unpause:\n%s", f.logs)
	}
	if got := f.pendingNonce(); got != nonce+6 {
		t.Fatalf("pending nonce %d, expected %d: each batch sent again with a new nonce", got, nonce+6)
	}
	f.commit(4)
	f.step()
	if len(f.results) != 3 {
		t.Fatalf("results %+v, expected 3", f.results)
	}
	for i, result := range f.results {
		if result.Status != StatusSettled || result.Batch.ID != uint64(i+1) || errors.Is(result.Err, ErrBatchReverted) {
			t.Errorf("result %d: batch %d %s (%v), expected batch %d settled", i, result.Batch.ID, result.Status, result.Err, i+1)
		}
	}
	f.expectLastBatchID(3)
	f.expectTakerPaid(before, 3)
	if resumes := f.logLines(unpausedMessage); len(resumes) != 1 {
		t.Fatalf("%d log lines %q, expected 1", len(resumes), unpausedMessage)
	}
}
