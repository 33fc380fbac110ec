package node

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain"
	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/contracts/bindings"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
)

// startDevNode starts a dev chain in dir and a node on it with a manual
// clock, as thx node --dev does.
func startDevNode(t *testing.T, dir string) (*testNode, *Dev) {
	return startDevNodeLogging(t, dir, io.Discard)
}

// startDevNodeLogging starts a dev node like startDevNode whose node logs
// at info level to logs.
func startDevNodeLogging(t *testing.T, dir string, logs io.Writer) (*testNode, *Dev) {
	t.Helper()
	dev, err := StartDev(context.Background(), DevConfig{DataDir: dir, Accounts: 3, Logger: quietLogger()})
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(func() { _ = dev.Close() })
	tn := startTestNode(t, dir, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(logs, nil))
		c.Chains, c.Markets = nil, nil
		c.StopSettleTimeout = 20 * time.Second
		if err := dev.Configure(c); err != nil {
			t.Fatalf("configure dev node: %v", err)
		}
	})
	return tn, dev
}

// chainBalance reads a trader's balance of a token in the Exchange.
func chainBalance(t *testing.T, dev *Dev, trader, token common.Address) *big.Int {
	t.Helper()
	exchange := bindings.NewExchange()
	out, err := dev.Chain.Client().CallContract(context.Background(), ethereum.CallMsg{
		To: &dev.Deployment.Exchange, Data: exchange.PackBalances(trader, token)}, nil)
	if err != nil {
		t.Fatalf("read Exchange balance: %v", err)
	}
	balance, err := exchange.UnpackBalances(out)
	if err != nil {
		t.Fatalf("decode Exchange balance: %v", err)
	}
	return balance
}

// chainAccruedFees reads the fees of a token the Exchange has not paid
// to the fee recipient yet.
func chainAccruedFees(t *testing.T, dev *Dev, token common.Address) *big.Int {
	t.Helper()
	exchange := bindings.NewExchange()
	out, err := dev.Chain.Client().CallContract(context.Background(), ethereum.CallMsg{
		To: &dev.Deployment.Exchange, Data: exchange.PackAccruedFees(token)}, nil)
	if err != nil {
		t.Fatalf("read accrued fees: %v", err)
	}
	fees, err := exchange.UnpackAccruedFees(out)
	if err != nil {
		t.Fatalf("decode accrued fees: %v", err)
	}
	return fees
}

func devOrder(dev *Dev, account devchain.Account, side eip712.Side, price, qty, nonce uint64) *state.SignedOrder {
	o := eip712.Order{Trader: account.Address, Market: 1, Side: side, Kind: eip712.Limit, TimeInForce: eip712.GTC,
		Price: price, Quantity: qty, MaxFeeBps: 50, Nonce: nonce}
	domain := eip712.Domain{ChainID: dev.Deployment.ChainID, VerifyingContract: dev.Deployment.Exchange}
	_, sig, err := domain.SignOrder(o, account.Key)
	if err != nil {
		panic(err)
	}
	return &state.SignedOrder{ChainID: dev.Deployment.ChainID, Order: o, Signature: sig}
}

func TestDevNodeSettlesTradesOnChain(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an embedded chain")
	}
	dir := t.TempDir()
	var logs lockedBuffer
	tn, dev := startDevNodeLogging(t, dir, &logs)
	accounts := dev.Chain.Accounts()
	seller, buyer := accounts[1], accounts[2]
	thalToken, _ := dev.Deployment.Token("THAL")
	usdcToken, _ := dev.Deployment.Token("USDC")
	tokens := []common.Address{thalToken.Address, usdcToken.Address}

	waitFor(t, "the dev deposits to be credited", func() bool {
		balances, _ := tn.Balances(buyer.Address)
		return len(balances) == 3
	})
	ctx := context.Background()
	if _, err := tn.PlaceOrder(ctx, devOrder(dev, seller, eip712.Sell, 12_345, 300, 1)); err != nil {
		t.Fatalf("place sell: %v", err)
	}
	ack, err := tn.PlaceOrder(ctx, devOrder(dev, buyer, eip712.Buy, 12_400, 200, 1))
	if err != nil || len(ack.Trades) != 1 {
		t.Fatalf("place buy: %v, %d trades", err, len(ack.Trades))
	}

	sealAndWaitSettled(t, tn, dev, buyer.Address, thalToken.Address)
	for _, trader := range []devchain.Account{seller, buyer} {
		for _, token := range tokens {
			checkLedgerMatchesChain(t, tn, dev, trader.Address, token)
		}
	}
	tn.mu.RLock()
	fees, _ := tn.machine.Totals(ledger.Asset{ChainID: dev.Deployment.ChainID, Token: usdcToken.Address})
	tn.mu.RUnlock()
	// The Exchange accrues fees until someone collects them for the fee
	// recipient, so its fees are the accrued ones plus the recipient's.
	onChain := new(big.Int).Add(chainAccruedFees(t, dev, usdcToken.Address), chainBalance(t, dev, dev.Deployment.FeeRecipient, usdcToken.Address))
	if onChain.Sign() == 0 || onChain.Cmp(fees.FeesSettled.ToBig()) != 0 {
		t.Fatalf("the Exchange holds %s USDC units of fees, the ledger's settled fees are %s", onChain, fees.FeesSettled.Dec())
	}
	if info := tn.NodeInfo(); len(info.Chains) != 1 || info.Chains[0].LastBatch != 1 {
		t.Fatalf("node info chains %+v, expected last batch 1", info.Chains)
	}

	tn.stop()
	if n := strings.Count(logs.String(), `msg="batch settled"`); n != 1 {
		t.Errorf("the node logged %d lines for its one settled batch, expected 1:\n%s", n, logs.String())
	}
	if want := fmt.Sprintf(`msg="exchange cancel delay" component=node chain=%d exchange=%s seconds=%d`, dev.Deployment.ChainID, strings.ToLower(dev.Deployment.Exchange.Hex()), devchain.CancelDelaySecondsDefault); !strings.Contains(logs.String(), want) {
		t.Errorf("the node did not log the Exchange's cancel delay, expected a line with %s:\n%s", want, logs.String())
	}
	want := tn.stateHash()
	if err := dev.Close(); err != nil {
		t.Fatalf("close dev chain: %v", err)
	}
	tn, dev = startDevNode(t, dir)
	if !dev.Resumed {
		t.Fatalf("second start deployed again instead of resuming")
	}
	if got := tn.stateHash(); got != want {
		t.Fatalf("state hash after restart %s, expected %s", got, want)
	}
	checkLedgerMatchesChain(t, tn, dev, buyer.Address, thalToken.Address)
}

// lockedBuffer is a log destination that a test reads after the node
// that writes to it has stopped.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// checkLedgerMatchesChain compares a trader's ledger balance, all accounts
// together, with its Exchange balance.
func checkLedgerMatchesChain(t *testing.T, tn *testNode, dev *Dev, trader, token common.Address) {
	t.Helper()
	tn.mu.RLock()
	b := tn.machine.Balance(trader, ledger.Asset{ChainID: dev.Deployment.ChainID, Token: token})
	tn.mu.RUnlock()
	total := new(big.Int).Add(b.Available.ToBig(), b.Held.ToBig())
	total.Add(total, b.PendingSettlement.ToBig())
	total.Add(total, b.PendingWithdrawal.ToBig())
	if onChain := chainBalance(t, dev, trader, token); onChain.Cmp(total) != 0 {
		t.Fatalf("%s holds %s of %s on chain, the ledger %s (available %s, held %s)",
			trader, onChain, token, total, b.Available.Dec(), b.Held.Dec())
	}
}

// sealAndWaitSettled advances the node's clock, which seals the open
// batch, and waits until the batch has settled on chain: the buyer's token
// moved from pending settlement to available and no batch is left sealed.
func sealAndWaitSettled(t *testing.T, tn *testNode, dev *Dev, buyer, token common.Address) {
	t.Helper()
	tn.clock.Advance(time.Second)
	waitFor(t, "the batch to settle on chain", func() bool {
		tn.mu.RLock()
		defer tn.mu.RUnlock()
		b := tn.machine.Balance(buyer, ledger.Asset{ChainID: dev.Deployment.ChainID, Token: token})
		return b.PendingSettlement.IsZero() && !b.Available.IsZero() && len(tn.machine.SealedBatches(dev.Deployment.ChainID)) == 0
	})
}

func TestMismatchedChainIDRefusesToStart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an embedded chain")
	}
	c, err := devchain.Start(devchain.Config{ChainID: 1337, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cfg := testConfig(t.TempDir(), nil)
	cfg.Chains[0].Endpoint = c.HTTPURL() // configured as 31337
	cfg.OperatorKey = c.Accounts()[0].Key
	n, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = n.Start(context.Background())
	if !errors.Is(err, chain.ErrChainIDMismatch) {
		t.Fatalf("start against a chain with another id: %v, expected %v", err, chain.ErrChainIDMismatch)
	}
}

func TestExchangeMarketsMatchDeployment(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an embedded chain")
	}
	dev, err := StartDev(context.Background(), DevConfig{DataDir: t.TempDir(), Accounts: 2, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	got, err := ExchangeMarkets(context.Background(), dev.Chain.Client(), dev.Deployment.ChainID, dev.Deployment.Exchange)
	if err != nil {
		t.Fatalf("read markets: %v", err)
	}
	want, err := DeploymentMarkets(&dev.Deployment)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) != 2 {
		t.Fatalf("read %d markets, the deployment lists %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("market %d read as %+v, deployed as %+v", i, got[i], want[i])
		}
	}
}

// appendOneLogEntry writes a log with one entry, seq 1, into the store of
// the data directory dir.
func appendOneLogEntry(t *testing.T, dir string) {
	t.Helper()
	s, err := store.Open(StoreDir(dir), store.Options{Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Append(context.Background(), store.Entry{Seq: 1, Payload: []byte("deposit")}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestDevRejectsLogWithoutChain(t *testing.T) {
	dir := t.TempDir()
	appendOneLogEntry(t, dir)

	_, err := StartDev(context.Background(), DevConfig{DataDir: dir, Accounts: 2, Logger: quietLogger()})
	want := "has entries through seq 1, but the dev chain directory " + filepath.Join(dir, "devchain") + " is missing or new"
	if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "Start with a new --datadir") {
		t.Fatalf("dev start beside a log without its chain: %v, expected ErrInvalidConfig containing %q", err, want)
	}
	if _, statErr := os.Stat(filepath.Join(dir, "devchain")); statErr == nil {
		t.Fatal("the rejected start created the dev chain directory")
	}
}

func TestDevAcceptsEmptyStore(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an embedded chain")
	}
	dir := t.TempDir()
	s, err := store.Open(StoreDir(dir), store.Options{Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	dev, err := StartDev(context.Background(), DevConfig{DataDir: dir, Accounts: 2, Logger: quietLogger()})
	if err != nil {
		t.Fatalf("dev start beside an empty store: %v", err)
	}
	dev.Close()
}

// startAndCloseDev starts a dev chain in dir, deploying the Exchange, and
// stops it.
func startAndCloseDev(t *testing.T, dir string) *Dev {
	t.Helper()
	dev, err := StartDev(context.Background(), DevConfig{DataDir: dir, Accounts: 2, Logger: quietLogger()})
	if err != nil {
		t.Fatalf("first dev start: %v", err)
	}
	if err := dev.Close(); err != nil {
		t.Fatalf("close the dev chain: %v", err)
	}
	return dev
}

// TestDevRejectsChainWithoutExchange checks the restart of a dev chain
// that lost the recorded Exchange, as an exit at once on a second signal
// loses the newest blocks: the error gives that cause and the fix.
func TestDevRejectsChainWithoutExchange(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an embedded chain")
	}
	dir := t.TempDir()
	dev := startAndCloseDev(t, dir)

	// Point the record at an address without code, as a chain that lost
	// the deployment's blocks has none at the recorded one.
	recordPath := filepath.Join(dir, "devchain", devDeploymentFile)
	record, err := os.ReadFile(recordPath)
	if err != nil {
		t.Fatal(err)
	}
	deployed := strings.ToLower(dev.Deployment.Exchange.Hex())
	if !strings.Contains(strings.ToLower(string(record)), deployed) {
		t.Fatalf("%s does not contain the Exchange %s:\n%s", recordPath, deployed, record)
	}
	missing := "0x00000000000000000000000000000000000e0009"
	record = []byte(strings.ReplaceAll(strings.ToLower(string(record)), deployed, missing))
	if err := os.WriteFile(recordPath, record, 0o600); err != nil {
		t.Fatal(err)
	}

	_, err = StartDev(context.Background(), DevConfig{DataDir: dir, Accounts: 2, Logger: quietLogger()})
	if !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("restart without the recorded Exchange: %v, expected ErrInvalidConfig", err)
	}
	for _, want := range []string{"has no Exchange at", "exits at once", "delete the data directory"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("restart error %q does not contain %q", err, want)
		}
	}
}

// TestDevRedeploysUnfinishedChain checks the restart after a kill during
// the first start, which leaves a chain database without its deployment
// record and no log: the start deploys on a new chain instead of failing.
func TestDevRedeploysUnfinishedChain(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an embedded chain")
	}
	dir := t.TempDir()
	startAndCloseDev(t, dir)
	recordPath := filepath.Join(dir, "devchain", devDeploymentFile)
	if err := os.Remove(recordPath); err != nil {
		t.Fatal(err)
	}

	var logged bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logged, nil))
	dev, err := StartDev(context.Background(), DevConfig{DataDir: dir, Accounts: 2, Logger: logger})
	if err != nil {
		t.Fatalf("restart after a first start without %s: %v", devDeploymentFile, err)
	}
	defer dev.Close()
	if dev.Resumed {
		t.Error("the restart reports a resumed chain, expected a new deployment")
	}
	if _, err := os.Stat(recordPath); err != nil {
		t.Errorf("the restart wrote no deployment record: %v", err)
	}
	if err := dev.checkDeployed(context.Background()); err != nil {
		t.Errorf("the new deployment has no Exchange: %v", err)
	}
	if !strings.Contains(logged.String(), "removed a dev chain whose first start did not finish") {
		t.Errorf("the restart logged no removal of the unfinished chain:\n%s", logged.String())
	}
}

// TestDevKeepsUnfinishedChainBesideLog checks that a chain database
// without its deployment record stays in place when the log has entries,
// because that log's ledger may belong to it.
func TestDevKeepsUnfinishedChainBesideLog(t *testing.T) {
	dir := t.TempDir()
	chainFile := filepath.Join(dir, "devchain", "thx", "CURRENT")
	if err := os.MkdirAll(filepath.Dir(chainFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(chainFile, []byte("chain"), 0o600); err != nil {
		t.Fatal(err)
	}
	appendOneLogEntry(t, dir)

	_, err := StartDev(context.Background(), DevConfig{DataDir: dir, Accounts: 2, Logger: quietLogger()})
	if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), "has entries through seq 1") {
		t.Fatalf("dev start beside a log and an unfinished chain: %v, expected ErrInvalidConfig naming the log's entries", err)
	}
	if _, err := os.Stat(chainFile); err != nil {
		t.Errorf("the rejected start removed the chain database: %v", err)
	}
}
