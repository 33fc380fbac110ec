package node

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
)

const (
	testChain = 31337
	thal      = 1e16 // base units of one THAL lot (0.01 THAL)
	usdc      = 1e6  // base units of one USDC
)

var (
	testExchange = common.HexToAddress("0x00000000000000000000000000000000000e0001")
	tokenTHAL    = common.HexToAddress("0x00000000000000000000000000000000000a0001")
	tokenUSDC    = common.HexToAddress("0x00000000000000000000000000000000000a0002")
	tokenWETH    = common.HexToAddress("0x00000000000000000000000000000000000a0003")
	testStart    = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
)

// testMarkets are THAL/USDC (one lot at one tick is 1 USDC base unit) and
// WETH/USDC (10 USDC base units).
func testMarkets() []state.Market {
	return []state.Market{
		{
			ChainID: testChain, ID: 1, Symbol: "THAL/USDC", Exchange: testExchange,
			Base: tokenTHAL, Quote: tokenUSDC, BaseDecimals: 18, QuoteDecimals: 6,
			TickSize: *uint256.NewInt(100), LotSize: *uint256.NewInt(1e16),
			MakerFeeBps: 10, TakerFeeBps: 25,
			MaxPrice: 1 << 40, MaxQuantity: 1 << 30, MaxRestingOrders: 1 << 16, MaxStopOrders: 1 << 12,
		},
		{
			ChainID: testChain, ID: 2, Symbol: "WETH/USDC", Exchange: testExchange,
			Base: tokenWETH, Quote: tokenUSDC, BaseDecimals: 18, QuoteDecimals: 6,
			TickSize: *uint256.NewInt(10_000), LotSize: *uint256.NewInt(1e15),
			MakerFeeBps: 0, TakerFeeBps: 30,
			MaxPrice: 1 << 40, MaxQuantity: 1 << 30, MaxRestingOrders: 1 << 16, MaxStopOrders: 1 << 12,
		},
	}
}

// testNode is a started node on a manual clock in a temporary directory.
type testNode struct {
	*Node
	t     testing.TB
	dir   string
	clock *ManualClock
	// deposits counts deposit ids.
	deposits uint64
	nonces   map[common.Address]uint64
}

func testConfig(dir string, clock Clock) Config {
	return Config{
		DataDir: dir,
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		Clock:   clock,
		Chains:  []ChainConfig{{ChainID: testChain, Name: "test", Exchange: testExchange}},
		Markets: testMarkets(),
	}
}

// startTestNode starts a node in dir (a new temporary one if empty), with
// edit applied to its configuration. Its clock starts at testStart.
func startTestNode(t *testing.T, dir string, edit func(*Config)) *testNode {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	clock := NewManualClock(testStart)
	cfg := testConfig(dir, clock)
	if edit != nil {
		edit(&cfg)
	}
	n, err := New(cfg)
	if err != nil {
		t.Fatalf("new node: %v", err)
	}
	if err := n.Start(context.Background()); err != nil {
		t.Fatalf("start node: %v", err)
	}
	tn := &testNode{Node: n, t: t, dir: dir, clock: clock, nonces: map[common.Address]uint64{}}
	t.Cleanup(func() { _ = n.Stop() })
	return tn
}

func (tn *testNode) stop() {
	tn.t.Helper()
	if err := tn.Stop(); err != nil {
		tn.t.Fatalf("stop node: %v", err)
	}
}

// traderKey returns a fixed key for trader i.
func traderKey(i int) *ecdsa.PrivateKey {
	key, err := crypto.ToECDSA(common.LeftPadBytes(big.NewInt(int64(1000+i)).Bytes(), 32))
	if err != nil {
		panic(err)
	}
	return key
}

func traderAddr(i int) common.Address { return crypto.PubkeyToAddress(traderKey(i).PublicKey) }

// deposit credits a confirmed deposit, as the deposit watcher does, and
// returns the seq of its log entry.
func (tn *testNode) deposit(i int, token common.Address, amount uint64) uint64 {
	tn.t.Helper()
	tn.deposits++
	rec, err := tn.submitInternal(context.Background(), state.Entry{Type: state.EntryDeposit, Deposit: &state.Deposit{
		ChainID: testChain, ID: tn.deposits, Trader: traderAddr(i), Token: token, Amount: *uint256.NewInt(amount), Block: 7,
	}})
	if err != nil {
		tn.t.Fatalf("deposit for trader %d: %v", i, err)
	}
	return rec.seq
}

// order returns trader i's signed GTC limit order on market 1 with the
// next nonce.
func (tn *testNode) order(i int, side eip712.Side, price, qty uint64) *state.SignedOrder {
	who := traderAddr(i)
	tn.nonces[who]++
	o := eip712.Order{
		Trader: who, Market: 1, Side: side, Kind: eip712.Limit, TimeInForce: eip712.GTC,
		Price: price, Quantity: qty, MaxFeeBps: 50, Nonce: tn.nonces[who],
	}
	return signOrder(o, traderKey(i))
}

func signOrder(o eip712.Order, key *ecdsa.PrivateKey) *state.SignedOrder {
	domain := eip712.Domain{ChainID: testChain, VerifyingContract: testExchange}
	_, sig, err := domain.SignOrder(o, key)
	if err != nil {
		panic(err)
	}
	return &state.SignedOrder{ChainID: testChain, Order: o, Signature: sig}
}

func (tn *testNode) place(o *state.SignedOrder) rpc.OrderAck {
	tn.t.Helper()
	ack, err := tn.PlaceOrder(context.Background(), o)
	if err != nil {
		tn.t.Fatalf("place order of %s: %v", o.Order.Trader, err)
	}
	return ack
}

func (tn *testNode) balance(i int, token common.Address) ledger.Balance {
	tn.t.Helper()
	balances, err := tn.Balances(traderAddr(i))
	if err != nil {
		tn.t.Fatalf("balances: %v", err)
	}
	for _, b := range balances {
		if b.Asset.Token == token {
			return b
		}
	}
	return ledger.Balance{}
}

func (tn *testNode) stateHash() common.Hash {
	tn.t.Helper()
	tn.mu.RLock()
	defer tn.mu.RUnlock()
	h, err := tn.machine.StateHash()
	if err != nil {
		tn.t.Fatalf("state hash: %v", err)
	}
	return h
}

// waitFor polls cond until it holds or a deadline of 10 s passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func mustErrorIs(t *testing.T, err, target error, what string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: error %v, expected %v", what, err, target)
	}
}

type bigInt = big.Int

func secp256k1N() *big.Int { return crypto.S256().Params().N }

func leftPad32(b []byte) []byte { return common.LeftPadBytes(b, 32) }

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
