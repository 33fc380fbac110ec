package node

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/chain/watcher"
	"github.com/thaliumx/thaliumx/contracts/bindings"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
)

// sendToExchange signs data as a call of account to the dev chain's
// Exchange, waits for its receipt and fails the test unless it succeeded.
// It returns the block that includes the call.
func sendToExchange(t *testing.T, dev *Dev, account devchain.Account, data []byte) uint64 {
	t.Helper()
	ctx := context.Background()
	client := dev.Chain.Client()
	nonce, err := client.PendingNonceAt(ctx, account.Address)
	if err != nil {
		t.Fatalf("read the nonce of %s: %v", account.Address, err)
	}
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID:   new(big.Int).SetUint64(dev.Deployment.ChainID),
		Nonce:     nonce,
		GasTipCap: big.NewInt(params.GWei),
		GasFeeCap: big.NewInt(10 * params.GWei),
		Gas:       200_000,
		To:        &dev.Deployment.Exchange,
		Data:      data,
	})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(tx.ChainId()), account.Key)
	if err != nil {
		t.Fatalf("sign the transaction: %v", err)
	}
	if err := client.SendTransaction(ctx, signed); err != nil {
		t.Fatalf("send the transaction of %s: %v", account.Address, err)
	}

	var receipt *types.Receipt
	waitFor(t, "the transaction's receipt", func() bool {
		receipt, err = client.TransactionReceipt(ctx, signed.Hash())
		return err == nil
	})
	if receipt.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("transaction %s to the Exchange reverted", signed.Hash())
	}
	return receipt.BlockNumber.Uint64()
}

// waitDelivered waits until the node's watcher of the dev chain has
// applied every event up to block.
func waitDelivered(t *testing.T, tn *testNode, dev *Dev, block uint64) {
	t.Helper()
	link := tn.links[dev.Deployment.ChainID]
	waitFor(t, "the watcher to deliver the cancel's block", func() bool {
		return link.delivered.Load() >= block
	})
}

func (tn *testNode) openNonces(trader common.Address) []uint64 {
	tn.t.Helper()
	open, err := tn.OpenOrders(trader)
	if err != nil {
		tn.t.Fatalf("open orders of %s: %v", trader, err)
	}
	var nonces []uint64
	for _, o := range open {
		nonces = append(nonces, o.Order.Nonce)
	}
	return nonces
}

func TestDevNodeAppliesOnChainCancels(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an embedded chain")
	}
	dir := t.TempDir()
	tn, dev := startDevNode(t, dir)
	trader := dev.Chain.Accounts()[1]
	usdcToken, _ := dev.Deployment.Token("USDC")
	usdcAsset := ledger.Asset{ChainID: dev.Deployment.ChainID, Token: usdcToken.Address}
	usdcBalance := func() ledger.Balance {
		tn.mu.RLock()
		defer tn.mu.RUnlock()
		return tn.machine.Balance(trader.Address, usdcAsset)
	}
	waitFor(t, "the dev deposits to be credited", func() bool {
		b := usdcBalance()
		return !b.Available.IsZero()
	})
	funded := usdcBalance().Available

	// Four equal resting buys with nonces 1 to 4 hold four equal amounts.
	ctx := context.Background()
	var hashes []common.Hash
	for nonce := uint64(1); nonce <= 4; nonce++ {
		ack, err := tn.PlaceOrder(ctx, devOrder(dev, trader, eip712.Buy, 10_000, 100, nonce))
		if err != nil {
			t.Fatalf("place buy with nonce %d: %v", nonce, err)
		}
		hashes = append(hashes, ack.Order.Hash)
	}
	held := usdcBalance().Held
	var perOrder uint256.Int
	perOrder.Div(&held, uint256.NewInt(4))
	if perOrder.IsZero() {
		t.Fatalf("four resting buys hold %s USDC units, expected a hold per order", held.Dec())
	}
	checkUSDCHold(t, usdcBalance(), &funded, &perOrder, 4)

	// cancelOrder(hash) on chain closes that order and releases its hold.
	sendToExchange(t, dev, trader, bindings.NewExchange().PackCancelOrder(hashes[0]))
	waitFor(t, "the order cancelled on chain to close", func() bool {
		info, err := tn.Order(hashes[0])
		return err == nil && info.Status == state.StatusCancelled
	})
	if got := tn.openNonces(trader.Address); len(got) != 3 || got[0] != 2 {
		t.Fatalf("open nonces after cancelOrder %v, expected [2 3 4]", got)
	}
	checkUSDCHold(t, usdcBalance(), &funded, &perOrder, 3)

	// cancelUpTo(4) on chain closes the orders with nonces 2 and 3.
	sendToExchange(t, dev, trader, bindings.NewExchange().PackCancelUpTo(4))
	waitFor(t, "the orders below nonce 4 to close", func() bool {
		return len(tn.openNonces(trader.Address)) == 1
	})
	if got := tn.openNonces(trader.Address); got[0] != 4 {
		t.Fatalf("open nonces after cancelUpTo(4) %v, expected [4]", got)
	}
	// Order reads a closed order from the query index, which the indexer
	// writes after the entry is durable, so the status is polled.
	for _, hash := range hashes[1:3] {
		waitFor(t, "order "+hash.Hex()+" to be indexed as cancelled", func() bool {
			info, err := tn.Order(hash)
			return err == nil && info.Status == state.StatusCancelled
		})
	}
	checkUSDCHold(t, usdcBalance(), &funded, &perOrder, 1)

	// A new order below the minimum nonce is rejected, and one above it is
	// accepted.
	_, err := tn.PlaceOrder(ctx, devOrder(dev, trader, eip712.Buy, 9_000, 100, 3))
	mustErrorIs(t, err, state.ErrNonceCancelled, "order with nonce 3 after cancelUpTo(4)")
	if !strings.Contains(err.Error(), "nonce already cancelled") {
		t.Fatalf("order with nonce 3 after cancelUpTo(4): error %q does not say the nonce is already cancelled", err)
	}
	if _, err := tn.PlaceOrder(ctx, devOrder(dev, trader, eip712.Buy, 9_000, 100, 5)); err != nil {
		t.Fatalf("place buy with nonce 5 after cancelUpTo(4): %v", err)
	}

	// An order cancelled on chain before it reaches the node never rests.
	// The machine records the hash as cancelled by its trader and rejects
	// the order when it arrives.
	unplaced := devOrder(dev, trader, eip712.Buy, 9_500, 100, 6)
	unplacedHash := eip712.Domain{ChainID: dev.Deployment.ChainID, VerifyingContract: dev.Deployment.Exchange}.OrderHash(unplaced.Order)
	block := sendToExchange(t, dev, trader, bindings.NewExchange().PackCancelOrder(unplacedHash))
	waitDelivered(t, tn, dev, block)
	_, err = tn.PlaceOrder(ctx, unplaced)
	mustErrorIs(t, err, state.ErrCancelledOnChain, "order placed after its hash was cancelled on chain")

	// The cancels are log entries, so a restart rebuilds the same state.
	tn.stop()
	want := tn.stateHash()
	if err := dev.Close(); err != nil {
		t.Fatalf("close dev chain: %v", err)
	}
	tn, _ = startDevNode(t, dir)
	if got := tn.stateHash(); got != want {
		t.Fatalf("state hash after restart %s, expected %s", got, want)
	}
	if got := tn.openNonces(trader.Address); len(got) != 2 || got[0] != 4 || got[1] != 5 {
		t.Fatalf("open nonces after restart %v, expected [4 5]", got)
	}
}

// checkUSDCHold checks that the USDC held is orders times perOrder and
// that the rest of funded is available.
func checkUSDCHold(t *testing.T, b ledger.Balance, funded, perOrder *uint256.Int, orders uint64) {
	t.Helper()
	var held, available uint256.Int
	held.Mul(perOrder, uint256.NewInt(orders))
	available.Sub(funded, &held)
	if !b.Held.Eq(&held) {
		t.Fatalf("USDC held %s with %d resting buys, expected %s", b.Held.Dec(), orders, held.Dec())
	}
	if !b.Available.Eq(&available) {
		t.Fatalf("USDC available %s with %d resting buys, expected %s", b.Available.Dec(), orders, available.Dec())
	}
}

func TestChainEntryOfCancels(t *testing.T) {
	trader := traderAddr(1)
	tx := common.HexToHash("0x7a")
	orderHash := common.HexToHash("0xc0ffee")

	entry, err := chainEntry(watcher.Event{Kind: watcher.KindOrderCancel, ChainID: testChain, Trader: trader, OrderHash: orderHash, BlockNumber: 9, TxHash: tx})
	if err != nil {
		t.Fatalf("entry of an order cancel: %v", err)
	}
	want := state.ChainCancel{ChainID: testChain, Trader: trader, OrderHash: orderHash, Block: 9, TxHash: tx}
	if entry.Type != state.EntryChainCancel || entry.ChainEvent == nil || *entry.ChainEvent != want {
		t.Fatalf("entry of an order cancel = %s %+v, expected chain-cancel %+v", entry.Type, entry.ChainEvent, want)
	}

	entry, err = chainEntry(watcher.Event{Kind: watcher.KindNonceCancel, ChainID: testChain, Trader: trader, MinNonce: 12, BlockNumber: 10, TxHash: tx})
	if err != nil {
		t.Fatalf("entry of a nonce cancel: %v", err)
	}
	want = state.ChainCancel{ChainID: testChain, Trader: trader, UpToNonce: 12, Block: 10, TxHash: tx}
	if entry.Type != state.EntryChainCancel || entry.ChainEvent == nil || *entry.ChainEvent != want {
		t.Fatalf("entry of a nonce cancel = %s %+v, expected chain-cancel %+v", entry.Type, entry.ChainEvent, want)
	}

	// The entry reads a zero order hash as cancelUpTo(0), so it is rejected.
	_, err = chainEntry(watcher.Event{Kind: watcher.KindOrderCancel, ChainID: testChain, Trader: trader, TxHash: tx})
	mustErrorIs(t, err, state.ErrInvalidEntry, "entry of cancelOrder(0)")
}

// A trade matched before its maker order is cancelled on chain still
// settles, because the Exchange rejects a cancelled order only after its
// cancel delay. Without the delay the batch would revert and halt the
// chain's settlement.
func TestDevNodeSettlesTradeBeforeCancelDelay(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an embedded chain")
	}
	tn, dev := startDevNode(t, t.TempDir())
	accounts := dev.Chain.Accounts()
	seller, buyer := accounts[1], accounts[2]
	thalToken, _ := dev.Deployment.Token("THAL")
	waitFor(t, "the dev deposits to be credited", func() bool {
		balances, _ := tn.Balances(buyer.Address)
		return len(balances) == 3
	})
	ctx := context.Background()
	sell, err := tn.PlaceOrder(ctx, devOrder(dev, seller, eip712.Sell, 12_345, 300, 1))
	if err != nil {
		t.Fatalf("place sell: %v", err)
	}
	buy, err := tn.PlaceOrder(ctx, devOrder(dev, buyer, eip712.Buy, 12_400, 200, 1))
	if err != nil || len(buy.Trades) != 1 {
		t.Fatalf("place buy: %v, %d trades", err, len(buy.Trades))
	}

	// The cancel is mined and applied while the trade waits in the open
	// batch, which the test clock seals only afterwards.
	block := sendToExchange(t, dev, seller, bindings.NewExchange().PackCancelOrder(sell.Order.Hash))
	waitDelivered(t, tn, dev, block)
	waitFor(t, "the rest of the sell to close", func() bool {
		info, err := tn.Order(sell.Order.Hash)
		return err == nil && info.Status == state.StatusCancelled
	})

	sealAndWaitSettled(t, tn, dev, buyer.Address, thalToken.Address)
	if info := tn.NodeInfo(); len(info.Chains) != 1 || info.Chains[0].LastBatch != 1 {
		t.Fatalf("node info chains %+v, expected last batch 1", info.Chains)
	}
	for _, trader := range []devchain.Account{seller, buyer} {
		checkLedgerMatchesChain(t, tn, dev, trader.Address, thalToken.Address)
	}
}
