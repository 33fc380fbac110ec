package devchain

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/thaliumx/thaliumx/chain"
)

// waitMax bounds every wait on the chain in these tests.
const waitMax = 20 * time.Second

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func startChain(t *testing.T, cfg Config) *Chain {
	t.Helper()
	cfg.Logger = quietLogger()
	c, err := Start(cfg)
	if err != nil {
		t.Fatalf("Start(chain %d): %v", cfg.ChainID, err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return c
}

func dial(t *testing.T, url string) *ethclient.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitMax)
	defer cancel()
	client, err := ethclient.DialContext(ctx, url)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(client.Close)
	return client
}

// sendValue signs and sends a transfer of wei from account from to to.
func sendValue(t *testing.T, client *ethclient.Client, chainID uint64, from Account, to common.Address, wei int64) *types.Transaction {
	t.Helper()
	ctx := context.Background()
	nonce, err := client.PendingNonceAt(ctx, from.Address)
	if err != nil {
		t.Fatalf("PendingNonceAt: %v", err)
	}
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID:   new(big.Int).SetUint64(chainID),
		Nonce:     nonce,
		GasTipCap: big.NewInt(params.GWei),
		GasFeeCap: big.NewInt(10 * params.GWei),
		Gas:       params.TxGas,
		To:        &to,
		Value:     big.NewInt(wei),
	})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(tx.ChainId()), from.Key)
	if err != nil {
		t.Fatalf("SignTx: %v", err)
	}
	if err := client.SendTransaction(ctx, signed); err != nil {
		t.Fatalf("SendTransaction: %v", err)
	}
	return signed
}

// waitReceipt polls for the receipt of tx until waitMax passes.
func waitReceipt(t *testing.T, client *ethclient.Client, tx *types.Transaction) *types.Receipt {
	t.Helper()
	deadline := time.Now().Add(waitMax)
	for time.Now().Before(deadline) {
		receipt, err := client.TransactionReceipt(context.Background(), tx.Hash())
		if err == nil {
			return receipt
		}
		if !chain.ReceiptNotFound(err) {
			t.Fatalf("TransactionReceipt: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no receipt for %s within %s", tx.Hash(), waitMax)
	return nil
}

func TestStartRejectsInvalidConfig(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
	}{
		{"zero chain id", Config{}},
		{"too many accounts", Config{ChainID: 1337, Accounts: AccountsMax + 1}},
		{"negative accounts", Config{ChainID: 1337, Accounts: -1}},
		{"negative balance", Config{ChainID: 1337, BalanceWei: big.NewInt(-1)}},
		{"interval below minimum", Config{ChainID: 1337, BlockInterval: time.Millisecond}},
		{"port out of range", Config{ChainID: 1337, HTTPPort: 70000}},
		{"negative port", Config{ChainID: 1337, WSPort: -2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Start(tc.cfg)
			if !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("Start error = %v, expected ErrInvalidConfig", err)
			}
			if c != nil {
				t.Fatal("Start returned a chain with an error")
			}
		})
	}
}

func TestStartRejectsPortInUse(t *testing.T) {
	first := startChain(t, Config{ChainID: 1337, Manual: true})
	port := portOf(t, first.HTTPURL())
	c, err := Start(Config{ChainID: 1338, Manual: true, HTTPPort: port, WSPort: port, Logger: quietLogger()})
	if !errors.Is(err, ErrStartFailed) {
		t.Fatalf("Start on used port %d: error = %v, expected ErrStartFailed", port, err)
	}
	if strings.Contains(err.Error(), "node not started") {
		t.Errorf("Start on used port %d: error %q includes go-ethereum's close error, which adds nothing to the start error", port, err)
	}
	if c != nil {
		t.Fatal("Start returned a chain with an error")
	}
}

func TestHTTPServesChainAndFundedAccounts(t *testing.T) {
	c := startChain(t, Config{ChainID: 31337})
	client := dial(t, c.HTTPURL())
	ctx := context.Background()

	chainID, err := client.ChainID(ctx)
	if err != nil {
		t.Fatalf("ChainID: %v", err)
	}
	if chainID.Uint64() != 31337 {
		t.Fatalf("eth_chainId = %s, expected 31337", chainID)
	}
	accounts := c.Accounts()
	if len(accounts) != AccountsDefault {
		t.Fatalf("%d accounts, expected %d", len(accounts), AccountsDefault)
	}
	if accounts[0].Address != common.HexToAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266") {
		t.Fatalf("account 0 = %s, expected the test mnemonic's first address", accounts[0].Address)
	}
	for _, account := range accounts {
		balance, err := client.BalanceAt(ctx, account.Address, nil)
		if err != nil {
			t.Fatalf("BalanceAt: %v", err)
		}
		if balance.Cmp(BalanceDefault) != 0 {
			t.Fatalf("balance of %s = %s, expected %s", account.Address, balance, BalanceDefault)
		}
	}
}

func TestTransactionSealedAutomatically(t *testing.T) {
	// A long interval: the block must come from the pending transaction.
	c := startChain(t, Config{ChainID: 1337, BlockInterval: time.Hour})
	client := dial(t, c.HTTPURL())
	accounts := c.Accounts()

	tx := sendValue(t, client, c.ChainID(), accounts[0], accounts[1].Address, 12345)
	receipt := waitReceipt(t, client, tx)
	if receipt.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("receipt status = %d, expected success", receipt.Status)
	}
	balance, err := client.BalanceAt(context.Background(), accounts[1].Address, nil)
	if err != nil {
		t.Fatalf("BalanceAt: %v", err)
	}
	expected := new(big.Int).Add(BalanceDefault, big.NewInt(12345))
	if balance.Cmp(expected) != 0 {
		t.Fatalf("recipient balance = %s, expected %s", balance, expected)
	}
}

func TestWebSocketReceivesIntervalBlocks(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, BlockInterval: 50 * time.Millisecond})
	client := dial(t, c.WSURL())

	heads := make(chan *types.Header, 16)
	sub, err := client.SubscribeNewHead(context.Background(), heads)
	if err != nil {
		t.Fatalf("SubscribeNewHead: %v", err)
	}
	defer sub.Unsubscribe()

	// Empty blocks arrive on the interval alone, with rising numbers. A
	// head numbered 0, the genesis block, once arrived after the
	// subscription began on a busy CI run, so block 0 is skipped.
	var last uint64
	timeout := time.After(waitMax)
	for received := 0; received < 3; {
		select {
		case head := <-heads:
			if head.Number.Uint64() == 0 {
				continue
			}
			received++
			if head.Number.Uint64() <= last {
				t.Fatalf("head %d after head %d", head.Number, last)
			}
			last = head.Number.Uint64()
		case err := <-sub.Err():
			t.Fatalf("subscription: %v", err)
		case <-timeout:
			t.Fatalf("fewer than 3 heads within %s", waitMax)
		}
	}
}

func TestTwoChainsAtOnce(t *testing.T) {
	first := startChain(t, Config{ChainID: 1337, BlockInterval: time.Hour})
	second := startChain(t, Config{ChainID: 31337, BlockInterval: time.Hour})
	if first.HTTPURL() == second.HTTPURL() {
		t.Fatalf("both chains serve %s", first.HTTPURL())
	}
	firstClient := dial(t, first.HTTPURL())
	secondClient := dial(t, second.WSURL())
	ctx := context.Background()

	for _, check := range []struct {
		client *ethclient.Client
		id     uint64
	}{{firstClient, 1337}, {secondClient, 31337}} {
		chainID, err := check.client.ChainID(ctx)
		if err != nil {
			t.Fatalf("ChainID: %v", err)
		}
		if chainID.Uint64() != check.id {
			t.Fatalf("eth_chainId = %s, expected %d", chainID, check.id)
		}
	}

	// A transaction on the first chain leaves the second untouched.
	accounts := first.Accounts()
	tx := sendValue(t, firstClient, 1337, accounts[0], accounts[1].Address, 1)
	waitReceipt(t, firstClient, tx)
	nonce, err := secondClient.NonceAt(ctx, accounts[0].Address, nil)
	if err != nil {
		t.Fatalf("NonceAt: %v", err)
	}
	if nonce != 0 {
		t.Fatalf("nonce of account 0 on the second chain = %d, expected 0", nonce)
	}
}

func TestForkDropsSealedTransaction(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, Manual: true})
	client := c.Client()
	ctx := context.Background()
	accounts := c.Accounts()

	parent, err := client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatalf("HeaderByNumber: %v", err)
	}
	tx := sendValue(t, client, c.ChainID(), accounts[0], accounts[1].Address, 1)
	c.Commit()
	receipt := waitReceipt(t, client, tx)
	if receipt.BlockNumber.Uint64() != parent.Number.Uint64()+1 {
		t.Fatalf("transaction in block %d, expected %d", receipt.BlockNumber, parent.Number.Uint64()+1)
	}

	// Reorg to a longer branch without the transaction.
	if err := c.Fork(parent.Hash()); err != nil {
		t.Fatalf("Fork: %v", err)
	}
	c.Rollback()
	c.Commit()
	c.Commit()

	head, err := client.BlockNumber(ctx)
	if err != nil {
		t.Fatalf("BlockNumber: %v", err)
	}
	if head != parent.Number.Uint64()+2 {
		t.Fatalf("head = %d after the reorg, expected %d", head, parent.Number.Uint64()+2)
	}
	if _, err := client.TransactionReceipt(ctx, tx.Hash()); !chain.ReceiptNotFound(err) {
		t.Fatalf("receipt after the reorg: error = %v, expected not found", err)
	}
}

func TestForkReincludesTransaction(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, Manual: true})
	client := c.Client()
	ctx := context.Background()
	accounts := c.Accounts()

	parent, err := client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatalf("HeaderByNumber: %v", err)
	}
	tx := sendValue(t, client, c.ChainID(), accounts[0], accounts[1].Address, 1)
	first := c.Commit()
	if err := c.Fork(parent.Hash()); err != nil {
		t.Fatalf("Fork: %v", err)
	}
	c.Commit()
	receipt := waitReceipt(t, client, tx)
	if receipt.BlockHash == first {
		t.Fatalf("receipt still in the dropped block %s", first)
	}
}

func TestClosedChainRejectsCalls(t *testing.T) {
	c, err := Start(Config{ChainID: 1337, Manual: true, Logger: quietLogger()})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if hash := c.Commit(); hash != (common.Hash{}) {
		t.Fatalf("Commit after Close = %s, expected the zero hash", hash)
	}
	if err := c.Fork(common.Hash{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Fork after Close: error = %v, expected ErrClosed", err)
	}
}

func TestDataDirResumesAtHead(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{ChainID: 1337, BlockInterval: time.Hour, DataDir: dir, Logger: quietLogger()}
	c, err := Start(cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	client := dial(t, c.HTTPURL())
	accounts := c.Accounts()
	tx := sendValue(t, client, c.ChainID(), accounts[0], accounts[1].Address, 12345)
	head := waitReceipt(t, client, tx).BlockNumber.Uint64()
	client.Close()
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	// The database directory is the same whatever the program's name, so
	// a renamed binary resumes the chain.
	if _, err := os.Stat(filepath.Join(dir, "thx", "chaindata")); err != nil {
		t.Fatalf("chain database not in %s/thx/chaindata: %v", dir, err)
	}

	c = startChain(t, cfg)
	client = dial(t, c.HTTPURL())
	ctx := context.Background()
	number, err := client.BlockNumber(ctx)
	if err != nil || number < head {
		t.Fatalf("reopened chain at block %d (err %v), expected at least %d", number, err, head)
	}
	balance, err := client.BalanceAt(ctx, accounts[1].Address, nil)
	expected := new(big.Int).Add(BalanceDefault, big.NewInt(12345))
	if err != nil || balance.Cmp(expected) != 0 {
		t.Fatalf("recipient balance after reopening = %s (err %v), expected %s", balance, err, expected)
	}
	tx = sendValue(t, client, c.ChainID(), accounts[0], accounts[1].Address, 1)
	if next := waitReceipt(t, client, tx).BlockNumber.Uint64(); next <= number {
		t.Fatalf("new transaction in block %d, expected after the stored head %d", next, number)
	}
}

// TestEmptyBlocksKeepWallClock checks that empty blocks sealed faster
// than one a second do not run the chain's time ahead of the wall clock,
// as each block's time must be at least a second after its parent's.
func TestEmptyBlocksKeepWallClock(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, BlockInterval: 50 * time.Millisecond})
	client := dial(t, c.WSURL())

	time.Sleep(2 * time.Second) // 40 intervals
	head, err := client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	now := uint64(time.Now().Unix())
	if head.Number.Uint64() < 2 {
		t.Fatalf("head %d after 2 s, expected empty blocks", head.Number)
	}
	if head.Time > now+1 {
		t.Fatalf("head %d has time %d, %d s ahead of the wall clock %d", head.Number, head.Time, head.Time-now, now)
	}
}

// TestPacedBlocksKeepLead sends transactions one after another, each
// waiting for its receipt, which unpaced seals a block each within the
// same second, and checks that a paced chain's time stays within a
// second of the wall clock.
func TestPacedBlocksKeepLead(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, BlockInterval: time.Hour})
	c.PaceBlocks()
	client := dial(t, c.WSURL())
	accounts := c.Accounts()
	for i := range 4 {
		tx := sendValue(t, client, c.ChainID(), accounts[0], accounts[1].Address, int64(i+1))
		receipt := waitReceipt(t, client, tx)
		head, err := client.HeaderByNumber(context.Background(), receipt.BlockNumber)
		if err != nil {
			t.Fatal(err)
		}
		if now := uint64(time.Now().Unix()); head.Time > now+1 {
			t.Fatalf("transaction %d sealed in block %d at time %d, %d s ahead of the wall clock %d",
				i, head.Number, head.Time, head.Time-now, now)
		}
	}
}

// Two transfers of one account sent back to back land in the same block
// when Commit waits for the pool to promote the second.
func TestWaitPromotedBeforeCommit(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, Manual: true})
	client := dial(t, c.HTTPURL())
	accounts := c.Accounts()
	first := sendValue(t, client, c.ChainID(), accounts[0], accounts[1].Address, 1)
	second := sendValue(t, client, c.ChainID(), accounts[0], accounts[1].Address, 2)
	if err := c.WaitPromoted(waitMax); err != nil {
		t.Fatal(err)
	}
	if _, queued := c.backend.TxPool().Stats(); queued != 0 {
		t.Fatalf("%d transactions queued after WaitPromoted returned", queued)
	}
	c.Commit()

	a, b := waitReceipt(t, client, first), waitReceipt(t, client, second)
	if a.BlockNumber.Cmp(b.BlockNumber) != 0 {
		t.Fatalf("transfers in blocks %d and %d, expected one block", a.BlockNumber, b.BlockNumber)
	}
}
