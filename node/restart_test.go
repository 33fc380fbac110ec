package node

import (
	"context"
	"encoding/hex"
	"errors"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/rpc"
)

// tradeDay places a few crossing orders, seals a batch, settles it and
// withdraws, so the state and every index have records.
func tradeDay(t *testing.T, tn *testNode) (filledBuy rpc.OrderAck) {
	t.Helper()
	tn.deposit(1, tokenUSDC, 1000*usdc)
	tn.deposit(2, tokenTHAL, 500*thal)
	tn.place(tn.order(2, eip712.Sell, 12_000, 100))
	filledBuy = tn.place(tn.order(1, eip712.Buy, 12_000, 30))
	tn.place(tn.order(1, eip712.Buy, 11_000, 10))

	rec, err := tn.submitInternal(context.Background(), state.Entry{Type: state.EntrySealBatch, Batch: &state.BatchRef{ChainID: testChain}})
	if err != nil || len(rec.sealed) != 1 {
		t.Fatalf("seal: %v, sealed %d batches", err, len(rec.sealed))
	}
	_, err = tn.submitInternal(context.Background(), state.Entry{Type: state.EntrySettlementDone,
		Batch: &state.BatchRef{ChainID: testChain, ID: rec.sealed[0].ID}})
	if err != nil {
		t.Fatalf("settle: %v", err)
	}
	tn.withdraw(2, tokenUSDC, 1000)
	return filledBuy
}

func (tn *testNode) withdraw(i int, token [20]byte, amount int64) rpc.WithdrawalAck {
	tn.t.Helper()
	w := eip712.Withdrawal{Trader: traderAddr(i), Token: token, Amount: big.NewInt(amount), Nonce: 1}
	domain := eip712.Domain{ChainID: testChain, VerifyingContract: testExchange}
	_, sig, err := domain.SignWithdrawal(w, traderKey(i))
	if err != nil {
		tn.t.Fatal(err)
	}
	ack, err := tn.Withdraw(context.Background(), &state.SignedWithdrawal{ChainID: testChain, Withdrawal: w, Signature: sig})
	if err != nil {
		tn.t.Fatalf("withdraw: %v", err)
	}
	return ack
}

func TestRestartKeepsStateHashAndIndexes(t *testing.T) {
	dir := t.TempDir()
	tn := startTestNode(t, dir, nil)
	filled := tradeDay(t, tn)
	tn.stop() // seals the open batch with the withdrawal
	want := tn.stateHash()
	wantSeq := tn.machine.Seq()

	tn = startTestNode(t, dir, nil)
	if got := tn.stateHash(); got != want {
		t.Fatalf("state hash after restart %s, expected %s", got, want)
	}
	if info := tn.NodeInfo(); info.Seq != wantSeq || info.StateHash != want {
		t.Fatalf("node info seq %d hash %s, expected %d and %s", info.Seq, info.StateHash, wantSeq, want)
	}
	checkIndexes(t, tn, filled)

	book, err := tn.OrderBook("THAL/USDC", 5)
	if err != nil || len(book.Asks) != 1 || book.Asks[0].Quantity != 70 || len(book.Bids) != 1 {
		t.Fatalf("book after restart %+v (err %v), expected 70 lots asked and one bid", book, err)
	}
	trades, err := tn.RecentTrades("THAL/USDC", 5)
	if err != nil || len(trades) != 1 {
		t.Fatalf("recent trades after restart %+v (err %v), expected the one trade", trades, err)
	}
	ticker, _ := tn.Ticker("THAL/USDC")
	if ticker.LastPrice != 12_000 || ticker.Trades24h != 1 {
		t.Fatalf("ticker after restart %+v, expected one trade at 12000", ticker)
	}
}

// checkIndexes checks what the indexes hold after tradeDay.
func checkIndexes(t *testing.T, tn *testNode, filled rpc.OrderAck) {
	t.Helper()
	page := rpc.Page{Limit: 10}
	history, _, err := tn.OrderHistory(traderAddr(1), page)
	if err != nil || len(history) != 2 {
		t.Fatalf("order history of trader 1: %d orders, err %v; expected 2", len(history), err)
	}
	if history[0].Status != state.StatusOpen || history[1].Status != state.StatusFilled || history[1].Hash != filled.Order.Hash {
		t.Fatalf("order history newest first: %s then %s, expected open then filled", history[0].Status, history[1].Status)
	}
	order, err := tn.Order(filled.Order.Hash)
	if err != nil || order.Status != state.StatusFilled || order.Filled != 30 || order.Time != filled.Time {
		t.Fatalf("order by hash: %+v (err %v), expected filled 30 placed at %d", order, err, filled.Time)
	}
	trades, _, err := tn.TraderTrades(traderAddr(2), "THAL/USDC", page)
	if err != nil || len(trades) != 1 || trades[0].Quantity != 30 {
		t.Fatalf("trader 2 trades %+v (err %v), expected one of 30 lots", trades, err)
	}
	deposits, _, err := tn.Deposits(traderAddr(2), page)
	if err != nil || len(deposits) != 1 || deposits[0].Amount.Uint64() != 500*thal {
		t.Fatalf("trader 2 deposits %+v (err %v), expected one of %d", deposits, err, uint64(500*thal))
	}
	withdrawals, _, err := tn.Withdrawals(traderAddr(2), page)
	if err != nil || len(withdrawals) != 1 || withdrawals[0].Status != withdrawalPending || withdrawals[0].Amount.Uint64() != 1000 {
		t.Fatalf("trader 2 withdrawals %+v (err %v), expected one pending of 1000", withdrawals, err)
	}
	if withdrawals[0].Batch != 2 || withdrawals[0].Time == 0 || withdrawals[0].Seq == 0 {
		t.Fatalf("trader 2 withdrawal in batch %d at seq %d time %d, expected batch 2 and a time", withdrawals[0].Batch, withdrawals[0].Seq, withdrawals[0].Time)
	}
}

func TestRestartReindexesWhatTheIndexerMissed(t *testing.T) {
	dir := t.TempDir()
	tn := startTestNode(t, dir, nil)
	stopped := errors.New("indexer switched off by the test")
	tn.indexFailure.Store(&stopped)
	filled := tradeDay(t, tn)
	if _, _, err := tn.OrderHistory(traderAddr(1), rpc.Page{Limit: 10}); err != nil {
		t.Fatal(err)
	}
	if through := tn.store.IndexedThrough(); through >= tn.store.LastSeq() {
		t.Fatalf("indexed through %d with the indexer off, log at %d", through, tn.store.LastSeq())
	}
	tn.stop()

	tn = startTestNode(t, dir, nil)
	if through, last := tn.store.IndexedThrough(), tn.store.LastSeq(); through != last {
		t.Fatalf("after restart indexed through %d, log at %d", through, last)
	}
	checkIndexes(t, tn, filled)
}

// TestOrderClosedBeforeItsIndex checks that an order cancelled while its
// index record still reads open is reported cancelled.
func TestOrderClosedBeforeItsIndex(t *testing.T) {
	tn := startTestNode(t, "", func(c *Config) {
		// The manual clock adds no log entries, so the index batch of the
		// cancel waits the whole second for a log batch to ride with.
		c.Store.IndexBatchWait = time.Second
	})
	tn.deposit(0, tokenUSDC, 1000*usdc)
	ack := tn.place(tn.order(0, eip712.Buy, 10_000, 1))
	hash := ack.Order.Hash
	waitFor(t, "the open order in the index", func() bool {
		info, found, err := tn.indexedOrder(hash)
		return err == nil && found && info.Status == state.StatusOpen
	})

	tn.cancel(0, hash)
	info, err := tn.Order(hash)
	if err != nil {
		t.Fatal(err)
	}
	if info.Status != state.StatusCancelled {
		t.Fatalf("order %s right after its cancel has status %q, expected %q", hash, info.Status, state.StatusCancelled)
	}

	// The same for the trader's order history, after a second order.
	second := tn.place(tn.order(0, eip712.Buy, 10_001, 1))
	history, _, err := tn.OrderHistory(traderAddr(0), rpc.Page{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 2 || history[0].Hash != second.Order.Hash || history[1].Status != state.StatusCancelled {
		t.Fatalf("order history right after the second order: %+v, expected the open %s and the cancelled %s", history, second.Order.Hash, hash)
	}
}

// TestOrderClosedOnArrivalBeforeIndex checks that an IOC order that
// found nothing to trade, which the state drops at once, is found by hash
// before its index record is written.
func TestOrderClosedOnArrivalBeforeIndex(t *testing.T) {
	tn := startTestNode(t, "", func(c *Config) {
		// The manual clock adds no log entries, so the order's index batch
		// waits the whole second for a log batch to ride with.
		c.Store.IndexBatchWait = time.Second
	})
	tn.deposit(0, tokenUSDC, 1000*usdc)
	ioc := tn.order(0, eip712.Buy, 10_000, 1)
	ioc.Order.TimeInForce = eip712.IOC
	ack := tn.place(signOrder(ioc.Order, traderKey(0)))
	hash := ack.Order.Hash
	if _, found, err := tn.indexedOrder(hash); err != nil || found {
		t.Fatalf("order %s indexed right after its ack (err %v), expected its index batch to wait", hash, err)
	}

	info, err := tn.Order(hash)
	if err != nil {
		t.Fatalf("order %s right after its ack: %v", hash, err)
	}
	if info.Status != state.StatusCancelled || info.Reason != "ioc-remainder" {
		t.Fatalf("order %s right after its ack has status %q, reason %q, expected %q, %q",
			hash, info.Status, info.Reason, state.StatusCancelled, "ioc-remainder")
	}
}

func TestSnapshotEveryNEntriesAndRestartFromIt(t *testing.T) {
	dir := t.TempDir()
	tn := startTestNode(t, dir, func(c *Config) { c.SnapshotEntries = 5 })
	tradeDay(t, tn)
	tn.waitQuiet(t, "a snapshot", func() bool { return tn.snapshotSeq() > 0 })
	tn.stop()
	want := tn.stateHash()

	tn = startTestNode(t, dir, nil)
	if got := tn.stateHash(); got != want {
		t.Fatalf("state hash after restart from a snapshot %s, expected %s", got, want)
	}
	if seq := tn.snapshotSeq(); seq != tn.store.LastSeq() {
		t.Fatalf("stop saved no final snapshot: newest at %d, log at %d", seq, tn.store.LastSeq())
	}
}

func TestTicksExpireOrdersAndSealsFollowTheClock(t *testing.T) {
	tn := startTestNode(t, "", func(c *Config) { c.BatchInterval = 5 * time.Second })
	tn.deposit(1, tokenUSDC, 1000*usdc)
	tn.deposit(2, tokenTHAL, 500*thal)

	gtd := tn.order(1, eip712.Buy, 10_000, 5)
	gtd.Order.TimeInForce = eip712.GTD
	gtd.Order.Expiry = uint64(testStart.Unix()) + state.ExpiryMarginSeconds + 3
	resigned := signOrder(gtd.Order, traderKey(1))
	ack := tn.place(resigned)

	seq := tn.store.LastSeq()
	tn.clock.Advance(time.Second)
	waitFor(t, "a tick entry", func() bool { return tn.store.LastSeq() > seq })
	if o, err := tn.Order(ack.Order.Hash); err != nil || o.Status != state.StatusOpen {
		t.Fatalf("GTD order after 1 s: %+v (err %v), expected open", o, err)
	}
	tn.clock.Advance(3 * time.Second)
	waitFor(t, "the GTD order to expire", func() bool {
		o, err := tn.Order(ack.Order.Hash)
		return err == nil && o.Status == state.StatusExpired
	})

	tn.place(tn.order(2, eip712.Sell, 9_000, 4))
	tn.place(tn.order(1, eip712.Buy, 9_000, 4))
	if tn.machine.OpenBatchEmpty(testChain) == true {
		t.Fatalf("open batch empty after a trade")
	}
	tn.clock.Advance(time.Second)
	waitFor(t, "the batch to be sealed", func() bool {
		tn.mu.RLock()
		defer tn.mu.RUnlock()
		return len(tn.machine.SealedBatches(testChain)) == 1
	})
}

func TestFullBatchSealsAtOnce(t *testing.T) {
	tn := startTestNode(t, "", func(c *Config) { c.BatchTradesMax = 2 })
	tn.deposit(1, tokenUSDC, 1000*usdc)
	tn.deposit(2, tokenTHAL, 500*thal)
	tn.place(tn.order(2, eip712.Sell, 9_000, 10))
	tn.place(tn.order(1, eip712.Buy, 9_000, 1))
	tn.mu.RLock()
	sealed := len(tn.machine.SealedBatches(testChain))
	tn.mu.RUnlock()
	if sealed != 0 {
		t.Fatalf("%d batches sealed after one trade", sealed)
	}
	tn.place(tn.order(1, eip712.Buy, 9_000, 1))
	tn.mu.RLock()
	sealed = len(tn.machine.SealedBatches(testChain))
	tn.mu.RUnlock()
	if sealed != 1 {
		t.Fatalf("%d batches sealed after the second trade, expected 1", sealed)
	}
}

func TestLogPrunedAfterSnapshotAndRestart(t *testing.T) {
	dir := t.TempDir()
	tn := startTestNode(t, dir, func(c *Config) {
		c.SnapshotEntries = 5
		c.LogRetainEntries = 3
		c.Store.SnapshotsKept = 1
	})
	tradeDay(t, tn)
	tn.waitQuiet(t, "the log to be pruned", func() bool { return tn.store.FirstSeq() > 1 })
	tn.stop()
	want := tn.stateHash()
	first := tn.store.FirstSeq()

	tn = startTestNode(t, dir, nil)
	if got := tn.stateHash(); got != want {
		t.Fatalf("state hash after a restart on a pruned log %s, expected %s", got, want)
	}
	if tn.store.FirstSeq() < first {
		t.Fatalf("log starts at seq %d after restart, it was pruned to start at %d", tn.store.FirstSeq(), first)
	}
}

func TestKeepLogNeverPrunes(t *testing.T) {
	tn := startTestNode(t, "", func(c *Config) {
		c.SnapshotEntries = 5
		c.LogRetainEntries = 1
		c.KeepLog = true
	})
	tradeDay(t, tn)
	tn.waitQuiet(t, "a snapshot", func() bool { return tn.snapshotSeq() > 1 })
	tn.stop() // waits for the snapshot writer, which would prune
	if first := tn.store.FirstSeq(); first != 1 {
		t.Fatalf("log starts at seq %d with KeepLog set", first)
	}
}

// TestPostingsAddUpToBalances checks the postings index against the
// ledger: the postings of each of a trader's accounts, credits less
// debits, come to the account's balance.
func TestPostingsAddUpToBalances(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tradeDay(t, tn)
	waitFor(t, "the indexer", func() bool { return tn.store.IndexedThrough() == tn.store.LastSeq() })

	kinds := map[ledger.AccountKind]func(ledger.Balance) *uint256.Int{
		ledger.Available:         func(b ledger.Balance) *uint256.Int { return &b.Available },
		ledger.Held:              func(b ledger.Balance) *uint256.Int { return &b.Held },
		ledger.PendingSettlement: func(b ledger.Balance) *uint256.Int { return &b.PendingSettlement },
		ledger.PendingWithdrawal: func(b ledger.Balance) *uint256.Int { return &b.PendingWithdrawal },
	}
	checked := 0
	for _, i := range []int{1, 2} {
		for _, token := range []common.Address{tokenUSDC, tokenTHAL} {
			balance := tn.balance(i, token)
			for kind, field := range kinds {
				account := ledger.Account{Owner: traderAddr(i), Asset: ledger.Asset{ChainID: testChain, Token: token}, Kind: kind}
				sum, n := postingsSum(t, tn, account)
				if sum.Cmp(field(balance)) != 0 {
					t.Errorf("trader %d %s: %d postings add up to %s, balance %s", i, account, n, sum.Dec(), field(balance).Dec())
				}
				checked += n
			}
		}
	}
	if checked < 10 {
		t.Fatalf("only %d postings found for the traded accounts", checked)
	}
}

// postingsSum pages through an account's postings and returns credits
// less debits and the number of postings.
func postingsSum(t *testing.T, tn *testNode, account ledger.Account) (*uint256.Int, int) {
	t.Helper()
	sum := new(uint256.Int)
	n := 0
	var cursor []byte
	for {
		postings, next, err := tn.Postings(account, store.PageRequest{After: cursor, Limit: 3})
		if err != nil {
			t.Fatalf("postings of %s: %v", account, err)
		}
		for _, p := range postings {
			switch account {
			case p.Credit():
				sum.Add(sum, &p.Amount)
			case p.Debit():
				sum.Sub(sum, &p.Amount)
			default:
				t.Fatalf("posting %d.%d of %s moves %s to %s", p.Seq, p.Index, account, p.Debit(), p.Credit())
			}
			n++
		}
		if next == nil {
			return sum, n
		}
		cursor = next
	}
}

// TestCheckRestoredAcceptsOldHash checks that a snapshot is
// usable when stored with its state hash, or with its checksum as older
// builds stored it, and unusable with any other hash.
func TestCheckRestoredAcceptsOldHash(t *testing.T) {
	payload, err := state.New().Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	m, want := restoreWithHash(t, payload)
	var checksum store.StateHash
	copy(checksum[:], payload[len(payload)-len(checksum):])
	if checksum == store.StateHash(want) {
		t.Fatalf("the checksum and the state hash are both %s; the test needs them to differ", want)
	}
	for _, stored := range []store.StateHash{store.StateHash(want), checksum} {
		got, err := checkRestored(m, store.Snapshot{Seq: m.Seq(), StateHash: stored, Payload: payload})
		if err != nil || got != want {
			t.Errorf("stored with %x: checkRestored = %s, %v; expected %s", stored, got, err, want)
		}
	}
	other := store.StateHash{1}
	if _, err := checkRestored(m, store.Snapshot{Seq: m.Seq(), StateHash: other, Payload: payload}); !errors.Is(err, ErrRecovery) {
		t.Errorf("stored with %x: checkRestored error %v, expected %v", other, err, ErrRecovery)
	}
}

// TestCheckRestoredAcceptsVersion4Hash checks that a version 4 snapshot,
// which the builds before the used immediate-order nonces wrote, is usable
// when stored with the state hash that such a build computed for it, and
// that checkRestored returns this build's state hash.
func TestCheckRestoredAcceptsVersion4Hash(t *testing.T) {
	data, err := os.ReadFile("state/testdata/snapshot-v4.hex")
	if err != nil {
		t.Fatal(err)
	}
	payload, err := hex.DecodeString(strings.Join(strings.Fields(string(data)), ""))
	if err != nil {
		t.Fatalf("decode state/testdata/snapshot-v4.hex: %v", err)
	}
	m, want := restoreWithHash(t, payload)
	// The state hash that the build that wrote the snapshot computed.
	stored := store.StateHash(common.HexToHash("0x178e1220afa8f5ec01d2a59ba3cd09b66f008990be32a377ec1d8db83f2a84a3"))
	if stored == store.StateHash(want) {
		t.Fatalf("this build's state hash is the version 4 hash %s; the test needs them to differ", want)
	}
	got, err := checkRestored(m, store.Snapshot{Seq: m.Seq(), StateHash: stored, Payload: payload})
	if err != nil || got != want {
		t.Errorf("checkRestored = %s, %v; expected %s", got, err, want)
	}
	other := store.StateHash{1}
	if _, err := checkRestored(m, store.Snapshot{Seq: m.Seq(), StateHash: other, Payload: payload}); !errors.Is(err, ErrRecovery) {
		t.Errorf("stored with %x: checkRestored error %v, expected %v", other, err, ErrRecovery)
	}
}

// restoreWithHash restores a snapshot and returns the machine and its
// state hash.
func restoreWithHash(t *testing.T, payload []byte) (*state.Machine, common.Hash) {
	t.Helper()
	m, err := state.Restore(payload)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := m.StateHash()
	if err != nil {
		t.Fatal(err)
	}
	return m, hash
}
