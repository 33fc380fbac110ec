package contracts_test

import (
	"crypto/ecdsa"
	bind "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
)

// pair is a harness with a funded maker and taker.
type pair struct {
	*harness
	maker, taker *ecdsa.PrivateKey
}

func newPair(t *testing.T) pair {
	t.Helper()
	maker, taker := newKey(t), newKey(t)
	h := newHarness(t, maker, taker)
	h.fund(units(100, 18), units(10_000, 6), maker, taker)
	return pair{harness: h, maker: maker, taker: taker}
}

// trade returns a batch filling maker against taker at the maker's price.
func trade(maker, taker batch.Order, quantity uint64) batch.Batch {
	return batch.Batch{
		Orders: []batch.Order{maker, taker},
		Trades: []batch.Trade{{Maker: 0, Taker: 1, Price: maker.Price, Quantity: quantity}},
	}
}

func TestSettleRejectsNonOperator(t *testing.T) {
	p := newPair(t)
	b := trade(p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1), p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1), 10)
	_, err := p.settleFrom(p.taker, b)
	expectRevert(t, err, "NotOperator")
}

func TestSettleRejectsWrongBatchID(t *testing.T) {
	p := newPair(t)
	data, err := batch.Encode(batch.Batch{ID: 5, Markets: []batch.Market{p.market()}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.send(p.operator, p.exchange, exchangeB.PackSettle(data))
	expectRevert(t, err, "InvalidBatchId")
}

func TestSettleRejectsMalformedBatch(t *testing.T) {
	p := newPair(t)
	data, err := batch.Encode(batch.Batch{ID: 1, Markets: []batch.Market{p.market()}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.send(p.operator, p.exchange, exchangeB.PackSettle(append(data, 0)))
	expectRevert(t, err, "InvalidBatchLength")
	data[0] = 2
	_, err = p.send(p.operator, p.exchange, exchangeB.PackSettle(data))
	expectRevert(t, err, "InvalidBatchVersion")
}

// TestSettleRejectsCorruptBatch changes single fields of an encoded batch
// that Encode never writes and checks the error the contract reports.
func TestSettleRejectsCorruptBatch(t *testing.T) {
	p := newPair(t)
	b := trade(p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1), p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1), 10)
	b.ID = 1
	b.Markets = []batch.Market{p.market()}
	data, err := batch.Encode(b)
	if err != nil {
		t.Fatal(err)
	}
	// Offsets in a batch of two traders, two tokens, one market, two
	// signed orders and one trade.
	const (
		marketAt = batch.HeaderBytes + 4*batch.AddressBytes
		makerAt  = marketAt + batch.MarketBytes
		takerAt  = makerAt + batch.OrderBytes + batch.SignatureBytes
		tradeAt  = takerAt + batch.OrderBytes + batch.SignatureBytes
	)
	if len(data) != tradeAt+batch.TradeBytes {
		t.Fatalf("encoded batch has %d bytes, the offsets expect %d", len(data), tradeAt+batch.TradeBytes)
	}
	cases := []struct {
		name    string
		corrupt func(d []byte)
		revert  string
	}{
		{"order flags", func(d []byte) { d[makerAt] = 2 }, "InvalidOrderFlags"},
		{"self-trade prevention 3", func(d []byte) { d[makerAt+4] |= 3 << 6 }, "InvalidOrderFlags"},
		{"trader index", func(d []byte) { d[makerAt+2] = 2 }, "IndexOutOfRange"},
		{"market index", func(d []byte) { d[makerAt+3] = 1 }, "IndexOutOfRange"},
		{"market token index", func(d []byte) { d[marketAt+5] = 2 }, "IndexOutOfRange"},
		{"unknown market", func(d []byte) { d[marketAt+3] = 9 }, "UnknownMarket"},
		{"market tokens swapped", func(d []byte) { d[marketAt+4], d[marketAt+5] = d[marketAt+5], d[marketAt+4] }, "MarketTokenMismatch"},
		{"signature v 29", func(d []byte) { d[takerAt+batch.OrderBytes+64] = 29 }, "InvalidSignature"},
		{"signature r zero", func(d []byte) { clear(d[takerAt+batch.OrderBytes : takerAt+batch.OrderBytes+32]) }, "InvalidSignature"},
		{"trade order index", func(d []byte) { d[tradeAt+1] = 2 }, "IndexOutOfRange"},
		{"trade price zero", func(d []byte) { clear(d[tradeAt+4 : tradeAt+12]) }, "InvalidTrade"},
	}
	for _, c := range cases {
		corrupt := append([]byte(nil), data...)
		c.corrupt(corrupt)
		_, err := p.send(p.operator, p.exchange, exchangeB.PackSettle(corrupt))
		t.Run(c.name, func(t *testing.T) { expectRevert(t, err, c.revert) })
	}
	if _, err := p.send(p.operator, p.exchange, exchangeB.PackSettle(data)); err != nil {
		t.Fatalf("the batch before corruption: %v", err)
	}
}

// TestSettleRejectsReplayOnOtherDomain signs orders for another chain id
// and for another contract: the contract recovers a different signer.
func TestSettleRejectsReplayOnOtherDomain(t *testing.T) {
	p := newPair(t)
	for name, d := range map[string]eip712.Domain{
		"other chain":    {ChainID: 56, VerifyingContract: p.exchange},
		"other contract": {ChainID: p.chainID.Uint64(), VerifyingContract: common.HexToAddress("0x1234")},
	} {
		sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
		_, sig, err := d.SignOrder(sell.Order, p.maker)
		if err != nil {
			t.Fatal(err)
		}
		sell.Signature = &sig
		_, err = p.settle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1), 10))
		t.Run(name, func(t *testing.T) { expectRevert(t, err, "SignerMismatch") })
	}
}

func TestSettleSignatureForms(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
	buy := p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1)

	// The high-s twin of a valid signature recovers the same signer on a
	// permissive verifier; the contract must reject it.
	high := *sell.Signature
	s := new(big.Int).SetBytes(high[32:64])
	new(big.Int).Sub(crypto.S256().Params().N, s).FillBytes(high[32:64])
	high[64] = 27 + (28 - high[64])
	highSell := sell
	highSell.Signature = &high
	_, err := p.settle(trade(highSell, buy, 10))
	expectRevert(t, err, "HighS")

	// v of 0/1 is accepted like 27/28.
	low := *sell.Signature
	low[64] -= 27
	sell.Signature = &low
	if _, err := p.settle(trade(sell, buy, 10)); err != nil {
		t.Fatalf("signature with v=%d rejected: %v", low[64], err)
	}
}

func TestSettleRejectsOverfillAcrossBatches(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 6, 1), 6))

	resting := sell
	resting.Signature = nil // filled before, so the signature may be omitted
	_, err := p.settle(trade(resting, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 5, 2), 5))
	expectRevert(t, err, "Overfill")
	p.mustSettle(trade(resting, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 4, 3), 4))
	_, err = p.settle(trade(resting, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 4), 1))
	expectRevert(t, err, "Overfill")
}

func TestSettleRejectsOverfillWithinBatch(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
	// The same resting order listed twice must not double its quantity.
	b := batch.Batch{
		Orders: []batch.Order{sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 20, 1), sell},
		Trades: []batch.Trade{{Maker: 0, Taker: 1, Price: 100, Quantity: 10}, {Maker: 2, Taker: 1, Price: 100, Quantity: 10}},
	}
	_, err := p.settle(b)
	expectRevert(t, err, "Overfill")
}

func TestSettleRejectsFillAfterCancelUpTo(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 5)
	p.advanceTo(p.cancelUpTo(p.maker, 6))
	_, err := p.settle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1), 10))
	expectRevert(t, err, "OrderNonceCancelled")
	_, err = p.send(p.maker, p.exchange, exchangeB.PackCancelUpTo(6))
	expectRevert(t, err, "NonceNotIncreasing")
	p.mustSettle(trade(p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 6), p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1), 10))
}

func TestSettleRejectsCancelledOrder(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
	buy := p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1)

	// Another account cancelling the maker's hash has no effect.
	p.cancelOrder(p.taker, p.domain.OrderHash(sell.Order))
	p.advanceTo(p.cancelOrder(p.taker, p.domain.OrderHash(buy.Order)))
	_, err := p.settle(trade(sell, buy, 10))
	expectRevert(t, err, "OrderCancelledOnChain")

	buy = p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 2)
	p.mustSettle(trade(sell, buy, 4))
	p.advanceTo(p.cancelOrder(p.maker, p.domain.OrderHash(sell.Order)))
	_, err = p.settle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, 3), 1))
	expectRevert(t, err, "OrderCancelledOnChain")
}

func TestSettleRejectsFeeAboveSignedMaximum(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
	o := eip712.Order{Trader: addr(p.taker), Market: p.marketID, Side: eip712.Buy, TimeInForce: eip712.IOC, Price: 100, Quantity: 10, MaxFeeBps: testTakerFeeBps - 1, Nonce: 1}
	_, err := p.settle(trade(sell, p.sign(p.taker, o), 10))
	expectRevert(t, err, "FeeAboveMaximum")
	o.MaxFeeBps = testTakerFeeBps
	p.mustSettle(trade(sell, p.sign(p.taker, o), 10))
}

func TestSettleRejectsPriceOutsideLimit(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1)
	buy := p.order(p.taker, eip712.Buy, eip712.IOC, 99, 10, 1)
	_, err := p.settle(trade(sell, buy, 10))
	expectRevert(t, err, "PriceOutsideLimit")

	b := trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 105, 10, 2), 10)
	b.Trades[0].Price = 99 // below the seller's limit
	_, err = p.settle(b)
	expectRevert(t, err, "PriceOutsideLimit")
}

func TestSettleRejectsExpiredOrder(t *testing.T) {
	p := newPair(t)
	o := eip712.Order{Trader: addr(p.maker), Market: p.marketID, Side: eip712.Sell, TimeInForce: eip712.GTD, Price: 100, Quantity: 10, MaxFeeBps: 50, Nonce: 1, Expiry: 1}
	_, err := p.settle(trade(p.sign(p.maker, o), p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1), 10))
	expectRevert(t, err, "OrderExpired")
}

func TestSettleRejectsImmediateOrderReplay(t *testing.T) {
	p := newPair(t)
	buy := p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 9)
	p.mustSettle(trade(p.order(p.maker, eip712.Sell, eip712.GTC, 100, 50, 1), buy, 4))
	_, err := p.settle(trade(p.order(p.maker, eip712.Sell, eip712.GTC, 100, 50, 2), buy, 4))
	expectRevert(t, err, "NonceAlreadyUsed")
}

func TestSettleFillOrKill(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 50, 1)
	_, err := p.settle(trade(sell, p.order(p.taker, eip712.Buy, eip712.FOK, 100, 10, 1), 9))
	expectRevert(t, err, "FillOrKillNotFilled")
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.FOK, 100, 10, 1), 10))
}

func TestSettleRequiresSignatureOnFirstFill(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 50, 1)
	unsigned := sell
	unsigned.Signature = nil
	_, err := p.settle(trade(unsigned, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1), 10))
	expectRevert(t, err, "SignatureRequired")
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1), 10))
	p.mustSettle(trade(unsigned, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 2), 10))
}

func TestSettleRejectsPostOnlyTaker(t *testing.T) {
	p := newPair(t)
	o := eip712.Order{Trader: addr(p.taker), Market: p.marketID, Side: eip712.Buy, TimeInForce: eip712.GTC, PostOnly: true, Price: 100, Quantity: 10, MaxFeeBps: 50, Nonce: 1}
	_, err := p.settle(trade(p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1), p.sign(p.taker, o), 10))
	expectRevert(t, err, "PostOnlyTaker")
}

func TestSettleRejectsInsufficientBalance(t *testing.T) {
	p := newPair(t)
	// 100 THAL is 10,000 lots; the maker sells 10,001.
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 1, 10_001, 1)
	_, err := p.settle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 1, 10_001, 1), 10_001))
	expectRevert(t, err, "InsufficientBalance")
}

func TestSettleRejectsSameSide(t *testing.T) {
	p := newPair(t)
	_, err := p.settle(trade(p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1), p.order(p.taker, eip712.Sell, eip712.IOC, 100, 10, 1), 10))
	expectRevert(t, err, "OrderMismatch")
}

func TestListMarketRules(t *testing.T) {
	p := newPair(t)
	// tickSize 1 and lotSize 10^15 give 10^15 / 10^18 quote units per tick and lot: not whole.
	_, err := p.send(p.deployer, p.exchange, exchangeB.PackListMarket(p.base, p.quote, big.NewInt(1), big.NewInt(1e15), 0, 0))
	expectRevert(t, err, "InvalidMarket")
	_, err = p.send(p.deployer, p.exchange, exchangeB.PackListMarket(p.base, p.base, testTickSize, testLotSize, 0, 0))
	expectRevert(t, err, "InvalidMarket")
	_, err = p.send(p.deployer, p.exchange, exchangeB.PackListMarket(p.base, p.quote, testTickSize, testLotSize, 1_001, 0))
	expectRevert(t, err, "InvalidFeeBps")
	_, err = p.send(p.taker, p.exchange, exchangeB.PackListMarket(p.base, p.quote, testTickSize, testLotSize, 0, 0))
	expectRevert(t, err, "NotOwner")
}

func TestDepositIDsAreUnique(t *testing.T) {
	p := newPair(t)
	p.mustSend(p.deployer, p.base, tokenB.PackMint(addr(p.taker), big.NewInt(5)))
	p.mustSend(p.taker, p.base, tokenB.PackApprove(p.exchange, big.NewInt(5)))
	var ids []uint64
	for range 2 {
		r := p.mustSend(p.taker, p.exchange, exchangeB.PackDeposit(p.base, big.NewInt(2)))
		for _, l := range r.Logs {
			if e, err := exchangeB.UnpackDepositedEvent(l); err == nil {
				ids = append(ids, e.DepositId)
			}
		}
	}
	// fund made 4 deposits before.
	if len(ids) != 2 || ids[0] != 5 || ids[1] != 6 {
		t.Fatalf("deposit ids %v, expected [5 6]", ids)
	}
	_, err := p.send(p.taker, p.exchange, exchangeB.PackDeposit(common.HexToAddress("0xdead"), big.NewInt(1)))
	expectRevert(t, err, "TokenNotListed")
	_, err = p.send(p.taker, p.exchange, exchangeB.PackDeposit(p.base, big.NewInt(0)))
	expectRevert(t, err, "ZeroAmount")
}

func TestDepositNativeWraps(t *testing.T) {
	p := newPair(t)
	_, err := p.sendValue(p.taker, p.exchange, exchangeB.PackDepositNative(), big.NewInt(1e18))
	expectRevert(t, err, "TokenNotListed")
	p.listMarket(p.wrapped, p.quote, testTickSize, testLotSize, 0, 0)
	if _, err := p.sendValue(p.taker, p.exchange, exchangeB.PackDepositNative(), big.NewInt(1e18)); err != nil {
		t.Fatal(err)
	}
	checkBalance(t, p.harness, addr(p.taker), p.wrapped, big.NewInt(1e18))
	if held := p.tokenBalance(p.wrapped, p.exchange); held.Cmp(big.NewInt(1e18)) != 0 {
		t.Fatalf("Exchange holds %v wrapped, expected 10^18", held)
	}
}

// TestImmediateNonceWords settles immediate orders whose nonces move the
// cached nonce word up and back, and checks that every used nonce stays
// used wherever its word is stored.
func TestImmediateNonceWords(t *testing.T) {
	p := newPair(t)
	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 100, 1_000, 1)
	settle := func(nonce uint64) error {
		_, err := p.settle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 100, 1, nonce), 1))
		return err
	}
	// 5 is cached in word 0; 300 moves the cache to word 2 and writes word
	// 0 out; 6 lands in the written-out word 0; 1000 moves the cache again.
	for _, nonce := range []uint64{5, 300, 6, 1_000} {
		if err := settle(nonce); err != nil {
			t.Fatalf("immediate nonce %d rejected: %v", nonce, err)
		}
	}
	for _, nonce := range []uint64{5, 6, 300, 1_000} {
		expectRevert(t, settle(nonce), "NonceAlreadyUsed")
	}
	for nonce, want := range map[uint64]bool{5: true, 6: true, 7: false, 300: true, 301: false, 1_000: true, 128: false} {
		used, err := bind.Call(p.exchangeContract(), nil, exchangeB.PackIsImmediateNonceUsed(addr(p.taker), nonce), exchangeB.UnpackIsImmediateNonceUsed)
		if err != nil || used != want {
			t.Errorf("isImmediateNonceUsed(%d) = %v (error %v), expected %v", nonce, used, err, want)
		}
	}
	// cancelUpTo keeps the cached word.
	p.advanceTo(p.cancelUpTo(p.taker, 2))
	expectRevert(t, settle(1_000), "NonceAlreadyUsed")
	if err := settle(1_001); err != nil {
		t.Fatalf("immediate nonce 1001 after cancelUpTo(2) rejected: %v", err)
	}
	expectRevert(t, settle(1), "OrderNonceCancelled")
}
