package watcher

import (
	"context"
	"io"
	"log/slog"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"

	"github.com/thaliumx/thaliumx/chain/devchain"
)

// Runtime code of two test contracts that emit whatever log their calldata
// describes, so the watcher can be tested on real EVM logs without the
// Exchange. log4Runtime reads four topics then data from calldata;
// log3Runtime reads three topics then data.
var (
	log4Runtime = []byte{
		0x36, 0x60, 0x00, 0x60, 0x00, 0x37, // CALLDATACOPY(0, 0, CALLDATASIZE)
		0x60, 0x60, 0x51, 0x60, 0x40, 0x51, 0x60, 0x20, 0x51, 0x60, 0x00, 0x51, // MLOAD topics 3..0
		0x60, 0x80, 0x36, 0x03, // size = CALLDATASIZE - 0x80
		0x60, 0x80, // offset
		0xa4, 0x00, // LOG4, STOP
	}
	log3Runtime = []byte{
		0x36, 0x60, 0x00, 0x60, 0x00, 0x37,
		0x60, 0x40, 0x51, 0x60, 0x20, 0x51, 0x60, 0x00, 0x51,
		0x60, 0x60, 0x36, 0x03,
		0x60, 0x60,
		0xa3, 0x00, // LOG3, STOP
	}
)

// initCode wraps runtime code in creation code that returns it.
func initCode(runtime []byte) []byte {
	size := byte(len(runtime))
	prefix := []byte{0x60, size, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, size, 0x60, 0x00, 0xf3}
	return append(prefix, runtime...)
}

type testChain struct {
	t      *testing.T
	dev    *devchain.Chain
	sender devchain.Account
	// nonces holds each sender's next nonce. The tests count nonces here
	// because the pool's pending nonce can lag while it resets to a new
	// head; rollback clears the map.
	nonces map[common.Address]uint64
	// sent lists the transactions sent since the last commit.
	sent []common.Hash
}

func newTestChain(t *testing.T) *testChain {
	t.Helper()
	dev, err := devchain.Start(devchain.Config{ChainID: 1337, Manual: true, Logger: quietLogger()})
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(func() { _ = dev.Close() })
	return &testChain{t: t, dev: dev, sender: dev.Accounts()[0], nonces: make(map[common.Address]uint64)}
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// send signs and sends a transaction without sealing it.
func (c *testChain) send(to *common.Address, data []byte) *types.Transaction {
	c.t.Helper()
	ctx := context.Background()
	client := c.dev.Client()
	nonce, ok := c.nonces[c.sender.Address]
	if !ok {
		var err error
		nonce, err = client.NonceAt(ctx, c.sender.Address, nil)
		if err != nil {
			c.t.Fatalf("NonceAt: %v", err)
		}
	}
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID:   big.NewInt(int64(c.dev.ChainID())),
		Nonce:     nonce,
		GasTipCap: big.NewInt(params.GWei),
		GasFeeCap: big.NewInt(10 * params.GWei),
		Gas:       200_000,
		To:        to,
		Data:      data,
	})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(tx.ChainId()), c.sender.Key)
	if err != nil {
		c.t.Fatalf("SignTx: %v", err)
	}
	c.sent = append(c.sent, signed.Hash())
	if err := client.SendTransaction(ctx, signed); err != nil {
		c.t.Fatalf("SendTransaction: %v", err)
	}
	c.nonces[c.sender.Address] = nonce + 1
	return signed
}

// rollback empties the pool, so the nonces of dropped transactions are
// free again.
func (c *testChain) rollback() {
	c.dev.Rollback()
	clear(c.nonces)
}

// deploy deploys runtime code and seals it.
func (c *testChain) deploy(runtime []byte) common.Address {
	c.t.Helper()
	tx := c.send(nil, initCode(runtime))
	c.dev.Commit()
	receipt, err := c.dev.Client().TransactionReceipt(context.Background(), tx.Hash())
	if err != nil {
		c.t.Fatalf("receipt of deployment: %v", err)
	}
	if receipt.Status != types.ReceiptStatusSuccessful {
		c.t.Fatal("deployment reverted")
	}
	return receipt.ContractAddress
}

func (c *testChain) head() *types.Header {
	c.t.Helper()
	header, err := c.dev.Client().HeaderByNumber(context.Background(), nil)
	if err != nil {
		c.t.Fatalf("HeaderByNumber: %v", err)
	}
	return header
}

// commit seals blocks. It first waits until the pool holds every
// transaction sent since the last commit, and holds none of them queued:
// the pool adds them and moves them from its queue to its pending set
// in the background, and a block takes only pending ones. The helpers
// send each account's nonces without gaps, so nothing stays queued.
func (c *testChain) commit(blocks int) {
	c.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for _, hash := range c.sent {
		for {
			_, _, err := c.dev.Client().TransactionByHash(context.Background(), hash)
			if err == nil {
				break // in the pool or already in a block
			}
			if time.Now().After(deadline) {
				c.t.Fatalf("transaction %s not in the pool after 5 s: %v", hash, err)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	c.sent = c.sent[:0]
	if err := c.dev.WaitPromoted(time.Until(deadline)); err != nil {
		c.t.Fatal(err)
	}
	for range blocks {
		c.dev.Commit()
	}
}

func word(value *big.Int) []byte {
	return common.LeftPadBytes(value.Bytes(), 32)
}

// emitDeposit sends a transaction that makes the log4 contract emit a
// Deposited event, without sealing it.
func (c *testChain) emitDeposit(emitter common.Address, depositID uint64, trader, token common.Address, amount int64) *types.Transaction {
	topic := mustExchangeDecoder().deposited.ID
	var data []byte
	data = append(data, topic.Bytes()...)
	data = append(data, word(new(big.Int).SetUint64(depositID))...)
	data = append(data, common.LeftPadBytes(trader.Bytes(), 32)...)
	data = append(data, common.LeftPadBytes(token.Bytes(), 32)...)
	data = append(data, word(big.NewInt(amount))...)
	return c.send(&emitter, data)
}

// emitWithdrawalRequest makes the log3 contract emit a WithdrawalRequested
// event, without sealing it.
func (c *testChain) emitWithdrawalRequest(emitter common.Address, trader, token common.Address, amount int64, unlockBlock uint64) *types.Transaction {
	topic := mustExchangeDecoder().withdrawalRequested.ID
	var data []byte
	data = append(data, topic.Bytes()...)
	data = append(data, common.LeftPadBytes(trader.Bytes(), 32)...)
	data = append(data, common.LeftPadBytes(token.Bytes(), 32)...)
	data = append(data, word(big.NewInt(amount))...)
	data = append(data, word(new(big.Int).SetUint64(unlockBlock))...)
	return c.send(&emitter, data)
}

// recorder is a Handler that keeps every delivered event.
type recorder struct {
	events  []Event
	updates int
	fail    error
}

func (r *recorder) handle(_ context.Context, update Update) error {
	if r.fail != nil {
		return r.fail
	}
	r.updates++
	r.events = append(r.events, update.Events...)
	return nil
}

// pollAll polls until the watcher has caught up with the confirmed head.
func pollAll(t *testing.T, w *Watcher) {
	t.Helper()
	for range 100 {
		advanced, err := w.Poll(context.Background())
		if err != nil {
			t.Fatalf("Poll: %v", err)
		}
		if !advanced {
			return
		}
	}
	t.Fatal("watcher still advancing after 100 polls")
}

// mustExchangeDecoder returns ExchangeDecoder's decoder and panics on its
// error, which TestExchangeDecoderMatchesBindings reports.
func mustExchangeDecoder() *Decoder {
	decoder, err := ExchangeDecoder()
	if err != nil {
		panic(err)
	}
	return decoder
}
