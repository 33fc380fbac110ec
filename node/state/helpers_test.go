package state

import (
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
)

const testChain = 31337

var (
	testExchange = common.HexToAddress("0x00000000000000000000000000000000000e0001")
	tokenTHAL    = common.HexToAddress("0x00000000000000000000000000000000000a0001")
	tokenUSDC    = common.HexToAddress("0x00000000000000000000000000000000000a0002")
	tokenWETH    = common.HexToAddress("0x00000000000000000000000000000000000a0003")
)

// testMarket is THAL/USDC: 18-decimal base, 6-decimal quote, tick 0.0001
// USDC, lot 0.01 THAL, so one lot at one tick is 1 USDC base unit.
func testMarket() *Market {
	return &Market{
		ChainID: testChain, ID: 1, Symbol: "THAL/USDC", Exchange: testExchange,
		Base: tokenTHAL, Quote: tokenUSDC, BaseDecimals: 18, QuoteDecimals: 6,
		TickSize: *uint256.NewInt(100), LotSize: *uint256.NewInt(1e16),
		MakerFeeBps: 10, TakerFeeBps: 25,
		MaxPrice: 1 << 40, MaxQuantity: 1 << 30, MaxRestingOrders: 1 << 16, MaxStopOrders: 1 << 12,
	}
}

// testMarket2 is WETH/USDC with tick 0.01 USDC and lot 0.001 WETH, so one
// lot at one tick is 10 USDC base units.
func testMarket2() *Market {
	return &Market{
		ChainID: testChain, ID: 2, Symbol: "WETH/USDC", Exchange: testExchange,
		Base: tokenWETH, Quote: tokenUSDC, BaseDecimals: 18, QuoteDecimals: 6,
		TickSize: *uint256.NewInt(10_000), LotSize: *uint256.NewInt(1e15),
		MakerFeeBps: 0, TakerFeeBps: 30,
		MaxPrice: 1 << 40, MaxQuantity: 1 << 30, MaxRestingOrders: 1 << 16, MaxStopOrders: 1 << 12,
	}
}

func trader(i int) common.Address {
	return common.BigToAddress(new(uint256.Int).SetUint64(uint64(0x1000 + i)).ToBig())
}

// harness applies entries to a machine and checks its invariants after each.
type harness struct {
	t    *testing.T
	m    *Machine
	time uint64
	// deposits counts deposit ids.
	deposits uint64
	nonces   map[common.Address]uint64
	// orderHashes makes apply give each placed order's hash to the
	// machine, computed by eip712.Domain.OrderHash as the sequencer's
	// verifier computes it, in place of letting the machine compute it.
	orderHashes bool
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, m: New(), time: 1_700_000_000_000, nonces: map[common.Address]uint64{}}
	h.mustApply(&Entry{Type: EntryListMarket, Market: testMarket()})
	h.mustApply(&Entry{Type: EntryListMarket, Market: testMarket2()})
	return h
}

func (h *harness) apply(e *Entry) (*Result, error) {
	h.t.Helper()
	h.time += 10
	e.Time = h.time
	data, err := e.Encode()
	if err != nil {
		h.t.Fatalf("encode %s entry: %v", e.Type, err)
	}
	decoded, err := DecodeEntry(data)
	if err != nil {
		h.t.Fatalf("decode %s entry: %v", e.Type, err)
	}
	var res *Result
	if h.orderHashes && decoded.Type == EntryPlaceOrder {
		domain := eip712.Domain{ChainID: decoded.Order.ChainID, VerifyingContract: testExchange}
		res, err = h.m.ApplyWithOrderHash(h.m.Seq()+1, &decoded, domain.OrderHash(decoded.Order.Order))
	} else {
		res, err = h.m.Apply(h.m.Seq()+1, &decoded)
	}
	if cerr := h.m.CheckInvariants(); cerr != nil {
		h.t.Fatalf("after %s entry %d: %v", e.Type, h.m.Seq(), cerr)
	}
	return res, err
}

func (h *harness) mustApply(e *Entry) *Result {
	h.t.Helper()
	res, err := h.apply(e)
	if err != nil {
		h.t.Fatalf("apply %s entry: %v", e.Type, err)
	}
	return res
}

// mustReject applies an entry that must be rejected with want and checks
// that the state did not change.
func (h *harness) mustReject(e *Entry, want error) {
	h.t.Helper()
	before := h.stateHash()
	seq := h.m.Seq()
	_, err := h.apply(e)
	if err == nil {
		h.t.Fatalf("%s entry applied, expected %v", e.Type, want)
	}
	if !errorIs(err, want) {
		h.t.Fatalf("%s entry rejected with %v, expected %v", e.Type, err, want)
	}
	if h.m.Seq() != seq {
		h.t.Fatalf("rejected entry moved seq from %d to %d", seq, h.m.Seq())
	}
	if after := h.stateHash(); after != before {
		h.t.Fatalf("rejected %s entry changed the state hash", e.Type)
	}
}

func (h *harness) stateHash() common.Hash {
	h.t.Helper()
	sum, err := h.m.StateHash()
	if err != nil {
		h.t.Fatalf("state hash: %v", err)
	}
	return sum
}

func (h *harness) deposit(who common.Address, token common.Address, amount uint64) {
	h.t.Helper()
	h.deposits++
	h.mustApply(&Entry{Type: EntryDeposit, Deposit: &Deposit{
		ChainID: testChain, ID: h.deposits, Trader: who, Token: token, Amount: *uint256.NewInt(amount), Block: 7,
	}})
}

// order returns a GTC limit order on market 1 with the next nonce.
func (h *harness) order(who common.Address, side eip712.Side, price, qty uint64) *SignedOrder {
	h.nonces[who]++
	return &SignedOrder{ChainID: testChain, Order: eip712.Order{
		Trader: who, Market: 1, Side: side, Kind: eip712.Limit, TimeInForce: eip712.GTC,
		Price: price, Quantity: qty, MaxFeeBps: 50, Nonce: h.nonces[who],
	}}
}

func (h *harness) place(o *SignedOrder) *Result {
	h.t.Helper()
	return h.mustApply(&Entry{Type: EntryPlaceOrder, Order: o})
}

func (h *harness) balance(who, token common.Address) (available, held, pending uint64) {
	h.t.Helper()
	c := h.m.chains[testChain]
	b, _ := c.ledger.Balance(who, assetOf(token))
	return b.Available.Uint64(), b.Held.Uint64(), b.PendingSettlement.Uint64()
}

func assetOf(token common.Address) ledger.Asset {
	return ledger.Asset{ChainID: testChain, Token: token}
}

func errorIs(err, target error) bool { return errors.Is(err, target) }

var (
	errInsufficient        = ledger.ErrInsufficientAvailable
	errDuplicateDeposit    = ledger.ErrDuplicateDeposit
	errDuplicateWithdrawal = ledger.ErrDuplicateWithdrawal
	errPostOnly            = matching.ErrPostOnlyWouldTake
)
