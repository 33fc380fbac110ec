package contracts_test

import (
	"crypto/ecdsa"
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
)

var (
	propertySeed  = flag.Uint64("seed", 0, "seed of TestSettleProperty; 0 picks one from the clock")
	propertySteps = flag.Int("steps", 60, "batches TestSettleProperty sends")
)

const (
	propertyTraders = 5
	// Small deposits make insufficient balances a common failure.
	propertyBaseLots  = 2_000 // base deposit in lots
	propertyQuoteUnit = 400_000
	// propertyCancelDelay is the cancel delay the test sets, in seconds.
	// The test moves the chain's clock forward by up to twice as much per
	// step, so cancels bind in some batches and wait in others.
	propertyCancelDelay = 6
)

// model is a reference implementation of the Exchange's settlement rules,
// written for clarity, against which the contract is checked.
type model struct {
	balances map[[2]common.Address]*big.Int
	filled   map[common.Hash]uint64
	// minNonce is each trader's binding cancelUpTo nonce as of the last
	// fold; nonceCancels are the calls that did not bind then.
	minNonce     map[common.Address]uint64
	nonceCancels map[common.Address][]nonceCancel
	immediate    map[common.Address]map[uint64]bool
	// cancelled is the time from which each cancelled order's cancel binds.
	cancelled map[common.Hash]uint64
}

// nonceCancel is a cancelUpTo call that binds from effectiveAt on.
type nonceCancel struct {
	minNonce, effectiveAt uint64
}

func newModel() *model {
	return &model{
		balances:     map[[2]common.Address]*big.Int{},
		filled:       map[common.Hash]uint64{},
		minNonce:     map[common.Address]uint64{},
		nonceCancels: map[common.Address][]nonceCancel{},
		immediate:    map[common.Address]map[uint64]bool{},
		cancelled:    map[common.Hash]uint64{},
	}
}

// bindingMinNonce returns the trader's minimum nonce at time now: the
// highest of the folded minimum and every call whose time has come.
func (m *model) bindingMinNonce(trader common.Address, now uint64) uint64 {
	binding := m.minNonce[trader]
	for _, c := range m.nonceCancels[trader] {
		if c.effectiveAt <= now && c.minNonce > binding {
			binding = c.minNonce
		}
	}
	return binding
}

// highestNonce returns the highest minimum nonce the trader has asked for,
// binding or not.
func (m *model) highestNonce(trader common.Address) uint64 {
	highest := m.minNonce[trader]
	for _, c := range m.nonceCancels[trader] {
		highest = max(highest, c.minNonce)
	}
	return highest
}

// cancelUpTo applies a cancelUpTo(nonce) made at time now under the given
// delay. It returns the time the call binds from, or the reason the
// contract rejects it.
func (m *model) cancelUpTo(trader common.Address, nonce, now, delay uint64) (uint64, string) {
	binding := m.bindingMinNonce(trader, now)
	var waiting []nonceCancel
	for _, c := range m.nonceCancels[trader] {
		if c.effectiveAt > now && c.minNonce > binding {
			waiting = append(waiting, c)
		}
	}
	m.minNonce[trader], m.nonceCancels[trader] = binding, waiting
	if nonce <= m.highestNonce(trader) {
		return 0, "nonce not increasing"
	}
	effectiveAt := now + delay
	switch {
	case len(waiting) > 0 && waiting[len(waiting)-1].effectiveAt == effectiveAt:
		waiting[len(waiting)-1].minNonce = nonce
	case len(waiting) < 2:
		m.nonceCancels[trader] = append(waiting, nonceCancel{nonce, effectiveAt})
	default:
		return 0, "too many pending nonce cancels"
	}
	return effectiveAt, ""
}

// cancelOrder applies a cancelOrder(hash) made at time now under the
// given delay and returns the time the cancel binds from: a repeated call
// never moves it later.
func (m *model) cancelOrder(hash common.Hash, now, delay uint64) uint64 {
	effectiveAt := now + delay
	if earlier, ok := m.cancelled[hash]; ok && earlier < effectiveAt {
		effectiveAt = earlier
	}
	m.cancelled[hash] = effectiveAt
	return effectiveAt
}

func (m *model) balance(trader, token common.Address) *big.Int {
	if b, ok := m.balances[[2]common.Address{trader, token}]; ok {
		return b
	}
	return new(big.Int)
}

// apply checks the batch against every rule and, if it is valid, applies
// it to the model. It returns the reason a batch is invalid, or "".
func (m *model) apply(h *harness, b batch.Batch, now uint64) string {
	hashes := make([]common.Hash, len(b.Orders))
	fills := make([]uint64, len(b.Orders))
	usedNow := map[common.Address]map[uint64]bool{}
	for i, o := range b.Orders {
		hashes[i] = h.domain.OrderHash(o.Order)
		if reason := m.checkOrder(h, o, hashes[i], now, usedNow); reason != "" {
			return fmt.Sprintf("order %d: %s", i, reason)
		}
	}
	deltas := map[[2]common.Address]*big.Int{}
	add := func(trader, token common.Address, v *big.Int) {
		k := [2]common.Address{trader, token}
		if deltas[k] == nil {
			deltas[k] = new(big.Int)
		}
		deltas[k].Add(deltas[k], v)
	}
	for i, tr := range b.Trades {
		maker, taker := b.Orders[tr.Maker], b.Orders[tr.Taker]
		if reason := checkTrade(maker.Order, taker.Order, tr); reason != "" {
			return fmt.Sprintf("trade %d: %s", i, reason)
		}
		fills[tr.Maker] += tr.Quantity
		fills[tr.Taker] += tr.Quantity
		buyer, seller := maker.Trader, taker.Trader
		buyerFee, sellerFee := int64(testMakerFeeBps), int64(testTakerFeeBps)
		if maker.Side == eip712.Sell {
			buyer, seller = seller, buyer
			buyerFee, sellerFee = sellerFee, buyerFee
		}
		base := new(big.Int).Mul(new(big.Int).SetUint64(tr.Quantity), testLotSize)
		quote := new(big.Int).Mul(new(big.Int).SetUint64(tr.Price), new(big.Int).SetUint64(tr.Quantity))
		bFee := new(big.Int).Div(new(big.Int).Mul(quote, big.NewInt(buyerFee)), big.NewInt(10_000))
		sFee := new(big.Int).Div(new(big.Int).Mul(quote, big.NewInt(sellerFee)), big.NewInt(10_000))
		add(buyer, h.base, base)
		add(buyer, h.quote, new(big.Int).Neg(new(big.Int).Add(quote, bFee)))
		add(seller, h.base, new(big.Int).Neg(base))
		add(seller, h.quote, new(big.Int).Sub(quote, sFee))
		add(h.feeTo, h.quote, new(big.Int).Add(bFee, sFee))
	}
	// A resting order listed more than once adds up the fills of all its
	// entries.
	restingFills := map[common.Hash]uint64{}
	for i, o := range b.Orders {
		if o.TimeInForce.Immediate() {
			if fills[i] > o.Quantity || (o.TimeInForce == eip712.FOK && fills[i] != o.Quantity) {
				return fmt.Sprintf("order %d: immediate order filled %d of %d", i, fills[i], o.Quantity)
			}
			continue
		}
		restingFills[hashes[i]] += fills[i]
		if total := m.filled[hashes[i]] + restingFills[hashes[i]]; total > o.Quantity {
			return fmt.Sprintf("order %d: overfill %d of %d", i, total, o.Quantity)
		}
	}
	for k, d := range deltas {
		if new(big.Int).Add(m.balance(k[0], k[1]), d).Sign() < 0 {
			return fmt.Sprintf("insufficient balance of %s in %s", k[0], k[1])
		}
	}

	// Valid: apply.
	for k, d := range deltas {
		m.balances[k] = new(big.Int).Add(m.balance(k[0], k[1]), d)
	}
	for i, o := range b.Orders {
		if o.TimeInForce.Immediate() {
			if m.immediate[o.Trader] == nil {
				m.immediate[o.Trader] = map[uint64]bool{}
			}
			m.immediate[o.Trader][o.Nonce] = true
		} else {
			m.filled[hashes[i]] += fills[i]
		}
	}
	return ""
}

func (m *model) checkOrder(h *harness, o batch.Order, hash common.Hash, now uint64, usedNow map[common.Address]map[uint64]bool) string {
	if o.Expiry != 0 && now > o.Expiry {
		return "expired"
	}
	if o.Nonce < m.bindingMinNonce(o.Trader, now) {
		return "nonce below cancelUpTo"
	}
	if effectiveAt, ok := m.cancelled[hash]; ok && now >= effectiveAt {
		return "cancelled on chain"
	}
	if o.TimeInForce.Immediate() {
		if m.immediate[o.Trader][o.Nonce] || usedNow[o.Trader][o.Nonce] {
			return "immediate nonce used"
		}
		if usedNow[o.Trader] == nil {
			usedNow[o.Trader] = map[uint64]bool{}
		}
		usedNow[o.Trader][o.Nonce] = true
	}
	if o.Signature == nil {
		if o.TimeInForce.Immediate() || m.filled[hash] == 0 {
			return "signature required"
		}
		return ""
	}
	if err := eip712.Verify(hash, o.Signature[:], o.Trader); err != nil {
		return err.Error()
	}
	return ""
}

func checkTrade(maker, taker eip712.Order, tr batch.Trade) string {
	buyer, seller := maker, taker
	if maker.Side == eip712.Sell {
		buyer, seller = taker, maker
	}
	switch {
	case maker.Side == taker.Side:
		return "same side"
	case taker.PostOnly:
		return "post-only taker"
	case testMakerFeeBps > maker.MaxFeeBps || testTakerFeeBps > taker.MaxFeeBps:
		return "fee above maximum"
	case tr.Price > buyer.Price || tr.Price < seller.Price:
		return "price outside limit"
	}
	return ""
}

// generator makes random batches, valid or broken in one random way.
type generator struct {
	rng     *rand.Rand
	h       *harness
	traders []*ecdsa.PrivateKey
	resting []batch.Order // resting orders signed so far
	nonce   uint64
}

func (g *generator) key(addr common.Address) *ecdsa.PrivateKey {
	for _, k := range g.traders {
		if crypto.PubkeyToAddress(k.PublicKey) == addr {
			return k
		}
	}
	panic("unknown trader " + addr.Hex())
}

func (g *generator) newOrder(trader *ecdsa.PrivateKey, side eip712.Side, tif eip712.TimeInForce, price, quantity uint64) batch.Order {
	g.nonce++
	o := eip712.Order{
		Trader: addr(trader), Market: g.h.marketID, Side: side, Kind: eip712.Limit, TimeInForce: tif,
		Price: price, Quantity: quantity, MaxFeeBps: uint16(25 + g.rng.IntN(10)), Nonce: g.nonce,
	}
	return g.h.sign(trader, o)
}

// batch returns 1 to 4 trades, each a resting maker (new or reused)
// against a new immediate taker, then applies at most one fault.
func (g *generator) batch() batch.Batch {
	var b batch.Batch
	for range 1 + g.rng.IntN(4) {
		makerKey := g.traders[g.rng.IntN(len(g.traders))]
		takerKey := g.traders[g.rng.IntN(len(g.traders))]
		var maker batch.Order
		if len(g.resting) > 0 && g.rng.IntN(2) == 0 {
			maker = g.resting[g.rng.IntN(len(g.resting))]
			if g.rng.IntN(2) == 0 {
				maker.Signature = nil
			}
		} else {
			maker = g.newOrder(makerKey, eip712.Side(g.rng.IntN(2)), eip712.GTC, uint64(90+g.rng.IntN(20)), uint64(1+g.rng.IntN(300)))
			g.resting = append(g.resting, maker)
		}
		tif := eip712.IOC
		if g.rng.IntN(4) == 0 {
			tif = eip712.FOK
		}
		quantity := uint64(1 + g.rng.IntN(120))
		// The taker's limit is at or better than the maker's price.
		limit := maker.Price + uint64(g.rng.IntN(3))
		if maker.Side == eip712.Buy {
			limit = maker.Price - uint64(g.rng.IntN(3))
		}
		taker := g.newOrder(takerKey, 1-maker.Side, tif, limit, quantity)
		fill := quantity
		if tif == eip712.IOC {
			fill = uint64(1 + g.rng.IntN(int(quantity)))
		}
		b.Orders = append(b.Orders, maker, taker)
		b.Trades = append(b.Trades, batch.Trade{Maker: len(b.Orders) - 2, Taker: len(b.Orders) - 1, Price: maker.Price, Quantity: fill})
	}
	if g.rng.IntN(3) == 0 {
		g.fault(&b)
	}
	return b
}

// fault breaks the batch in one random way; some faults may still leave
// it valid (the model decides).
func (g *generator) fault(b *batch.Batch) {
	i := g.rng.IntN(len(b.Orders))
	o := b.Orders[i]
	switch g.rng.IntN(7) {
	case 0: // signed by another key
		other := g.traders[g.rng.IntN(len(g.traders))]
		_, sig, _ := g.h.domain.SignOrder(eip712.Order{}, other)
		o.Signature = &sig
	case 1: // high-s twin of the signature
		if o.Signature != nil {
			sig := *o.Signature
			s := new(big.Int).SetBytes(sig[32:64])
			new(big.Int).Sub(crypto.S256().Params().N, s).FillBytes(sig[32:64])
			sig[64] = 27 + (28 - sig[64])
			o.Signature = &sig
		}
	case 2: // a signed maximum fee below the market's fees
		o.MaxFeeBps = uint16(g.rng.IntN(testMakerFeeBps))
		o = g.h.sign(g.key(o.Trader), o.Order)
	case 3: // expired
		o.Expiry = 1
		o = g.h.sign(g.key(o.Trader), o.Order)
	case 4: // a trade price outside the limits
		b.Trades[g.rng.IntN(len(b.Trades))].Price += uint64(g.rng.IntN(40))
	case 5: // a large quantity
		t := &b.Trades[g.rng.IntN(len(b.Trades))]
		t.Quantity += uint64(g.rng.IntN(5_000))
	case 6: // drop the signature of a resting order, or reuse an
		// immediate order's nonce in a new order
		if !o.TimeInForce.Immediate() {
			o.Signature = nil
			break
		}
		o.Quantity++
		o = g.h.sign(g.key(o.Trader), o.Order)
		b.Orders = append(b.Orders, o)
		b.Trades = append(b.Trades, batch.Trade{Maker: b.Trades[0].Maker, Taker: len(b.Orders) - 1, Price: b.Orders[b.Trades[0].Maker].Price, Quantity: 1})
		return
	}
	b.Orders[i] = o
}

// TestSettleProperty sends random valid and invalid batches and checks
// that the contract accepts exactly those the reference model accepts,
// that every balance matches the model, and that the contract holds
// exactly the sum of its internal balances and accrued fees. Rerun a
// failure with -seed=<printed seed>.
func TestSettleProperty(t *testing.T) {
	seed := *propertySeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with go test ./contracts -run TestSettleProperty -seed=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	var keys []*ecdsa.PrivateKey
	for range propertyTraders {
		keys = append(keys, newKey(t))
	}
	h := newHarness(t, keys...)
	baseDeposit := new(big.Int).Mul(big.NewInt(propertyBaseLots), testLotSize)
	h.fund(baseDeposit, big.NewInt(propertyQuoteUnit), keys...)
	m := newModel()
	for _, k := range keys {
		m.balances[[2]common.Address{addr(k), h.base}] = new(big.Int).Set(baseDeposit)
		m.balances[[2]common.Address{addr(k), h.quote}] = big.NewInt(propertyQuoteUnit)
	}
	g := &generator{rng: rng, h: h, traders: keys}
	h.mustSend(h.deployer, h.exchange, exchangeB.PackSetCancelDelay(propertyCancelDelay))
	// Ahead of the wall clock, every block is one second after its parent,
	// so the model can compute the time of the next block.
	h.advanceTo(h.headTime() + 100_000)

	accepted := 0
	for step := range *propertySteps {
		if rng.IntN(3) == 0 {
			h.advanceTo(h.headTime() + uint64(1+rng.IntN(2*propertyCancelDelay)))
		}
		if rng.IntN(5) == 0 {
			k := keys[rng.IntN(len(keys))]
			next := m.highestNonce(addr(k)) + uint64(1+rng.IntN(int(g.nonce/4+1)))
			// Sent without gas estimation, because estimation runs at the
			// head's time and the call's outcome depends on its block's.
			r := h.sendUnestimated(k, h.exchange, exchangeB.PackCancelUpTo(next))
			want, reason := m.cancelUpTo(addr(k), next, h.blockTime(r), propertyCancelDelay)
			if (r.Status == types.ReceiptStatusSuccessful) != (reason == "") {
				t.Fatalf("seed %d step %d: cancelUpTo(%d) status %d, model reason %q", seed, step, next, r.Status, reason)
			}
			if reason == "" {
				if got := nonceCancelEffectiveAt(t, r); got != want {
					t.Fatalf("seed %d step %d: cancelUpTo(%d) binds at %d, model %d", seed, step, next, got, want)
				}
			}
		}
		if rng.IntN(10) == 0 {
			// Anyone may collect. The model counts accrued fees as the fee
			// recipient's, so collecting changes nothing there.
			h.mustSend(keys[rng.IntN(len(keys))], h.exchange, exchangeB.PackCollectFees(h.quote))
		}
		if rng.IntN(10) == 0 && len(g.resting) > 0 {
			o := g.resting[rng.IntN(len(g.resting))]
			hash := h.domain.OrderHash(o.Order)
			got := h.cancelOrder(g.key(o.Trader), hash)
			if want := m.cancelOrder(hash, h.headTime(), propertyCancelDelay); got != want {
				t.Fatalf("seed %d step %d: cancelOrder binds at %d, model %d", seed, step, got, want)
			}
		}
		b := g.batch()
		head, err := h.client.HeaderByNumber(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		// The batch's block is one second after the head. Gas estimation
		// runs at the head's time, before any cancel that binds in the
		// batch's block, so the transaction then reverts when mined.
		reason := m.apply(h, b, head.Time+1)
		_, err = h.settle(b)
		if (err == nil) != (reason == "") {
			t.Fatalf("seed %d step %d: contract error %v, model reason %q", seed, step, err, reason)
		}
		if err == nil {
			accepted++
		}
		checkModelBalances(t, h, m, keys)
		h.checkSolvent(h.base, h.quote)
	}
	t.Logf("%d of %d batches valid", accepted, *propertySteps)
	if accepted == 0 || accepted == *propertySteps {
		t.Fatalf("seed %d: %d of %d batches accepted; the generator must make both kinds", seed, accepted, *propertySteps)
	}
}

func checkModelBalances(t *testing.T, h *harness, m *model, keys []*ecdsa.PrivateKey) {
	t.Helper()
	accounts := []common.Address{h.feeTo}
	for _, k := range keys {
		accounts = append(accounts, addr(k))
	}
	for _, a := range accounts {
		for _, token := range []common.Address{h.base, h.quote} {
			got := h.balance(a, token)
			if a == h.feeTo {
				// Fees accrue in the contract until collectFees credits them.
				got.Add(got, h.accruedFees(token))
			}
			if want := m.balance(a, token); got.Cmp(want) != 0 {
				t.Fatalf("balance of %s in %s: contract %v, model %v", a, token, got, want)
			}
		}
	}
}

// nonceCancelEffectiveAt returns the effective time of the NoncesCancelled
// event in r.
func nonceCancelEffectiveAt(t *testing.T, r *types.Receipt) uint64 {
	t.Helper()
	for _, log := range r.Logs {
		if event, err := exchangeB.UnpackNoncesCancelledEvent(log); err == nil {
			return event.EffectiveAt
		}
	}
	t.Fatalf("transaction %s emitted no NoncesCancelled event", r.TxHash)
	return 0
}
