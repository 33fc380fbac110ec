package contracts_test

import (
	"crypto/ecdsa"
	"math/big"
	"testing"

	bind "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/chain/eip712/testvector"
	"github.com/thaliumx/thaliumx/contracts/bindings"
)

// TestVectorOnChain checks that the contract computes the shared test
// vector's digests and recovers its signer, as Go and ethers do.
func TestVectorOnChain(t *testing.T) {
	h := newHarness(t)
	v, err := testvector.Load("../" + testvector.Path)
	if err != nil {
		t.Fatal(err)
	}
	ex := h.exchangeContract()
	separator, err := bind.Call(ex, nil, exchangeB.PackDomainSeparator(), exchangeB.UnpackDomainSeparator)
	if err != nil || common.Hash(separator) != v.DomainSeparator {
		t.Fatalf("domainSeparator %x (error %v), vector %s", separator, err, v.DomainSeparator)
	}

	o, err := v.OrderValue()
	if err != nil {
		t.Fatal(err)
	}
	orderHash, err := bind.Call(ex, nil, exchangeB.PackHashOrder(bindings.ExchangeOrder{
		Trader: o.Trader, Market: o.Market, Side: uint8(o.Side), Kind: uint8(o.Kind), TimeInForce: uint8(o.TimeInForce),
		PostOnly: o.PostOnly, SelfTradePrevention: uint8(o.SelfTradePrevention), Price: o.Price, TriggerPrice: o.TriggerPrice,
		Quantity: o.Quantity, MaxFeeBps: o.MaxFeeBps, Nonce: o.Nonce, Expiry: o.Expiry,
	}), exchangeB.UnpackHashOrder)
	if err != nil || common.Hash(orderHash) != v.OrderHash {
		t.Fatalf("hashOrder %x (error %v), vector %s", orderHash, err, v.OrderHash)
	}
	checkRecover(t, h, v.OrderHash, v.OrderSignature, v.Trader)

	w, err := v.WithdrawalValue()
	if err != nil {
		t.Fatal(err)
	}
	withdrawalHash, err := bind.Call(ex, nil, exchangeB.PackHashWithdrawal(w.Trader, w.Token, w.Amount, w.Nonce, w.Expiry), exchangeB.UnpackHashWithdrawal)
	if err != nil || common.Hash(withdrawalHash) != v.WithdrawalHash {
		t.Fatalf("hashWithdrawal %x (error %v), vector %s", withdrawalHash, err, v.WithdrawalHash)
	}
	checkRecover(t, h, v.WithdrawalHash, v.WithdrawalSignature, v.Trader)
}

func checkRecover(t *testing.T, h *harness, digest common.Hash, sigHex string, want common.Address) {
	t.Helper()
	sig := hexutil.MustDecode(sigHex)
	ex := h.exchangeContract()
	for _, v := range []byte{sig[64], sig[64] - 27} {
		sig[64] = v
		signer, err := bind.Call(ex, nil, exchangeB.PackRecoverSigner(digest, sig), exchangeB.UnpackRecoverSigner)
		if err != nil || signer != want {
			t.Fatalf("recoverSigner with v=%d: %s (error %v), expected %s", v, signer, err, want)
		}
	}
}

// TestSettleMovesBalancesAndFees settles one trade and checks every
// balance against the fee rule of docs/PROTOCOL.md.
func TestSettleMovesBalancesAndFees(t *testing.T) {
	maker, taker := newKey(t), newKey(t)
	h := newHarness(t, maker, taker)
	h.fund(units(100, 18), units(10_000, 6), maker, taker)

	// Maker sells 300 lots (3 THAL) at 12,345 ticks; taker buys 200 lots.
	sell := h.order(maker, eip712.Sell, eip712.GTC, 12_345, 300, 1)
	buy := h.order(taker, eip712.Buy, eip712.IOC, 12_400, 200, 1)
	r := h.mustSettle(batch.Batch{
		Orders: []batch.Order{sell, buy},
		Trades: []batch.Trade{{Maker: 0, Taker: 1, Price: 12_345, Quantity: 200}},
	})

	quote := big.NewInt(12_345 * 200) // quotePerTickLot is 1
	makerFee := new(big.Int).Div(new(big.Int).Mul(quote, big.NewInt(testMakerFeeBps)), big.NewInt(10_000))
	takerFee := new(big.Int).Div(new(big.Int).Mul(quote, big.NewInt(testTakerFeeBps)), big.NewInt(10_000))
	base := new(big.Int).Mul(big.NewInt(200), testLotSize)

	checkBalance(t, h, addr(maker), h.base, new(big.Int).Sub(units(100, 18), base))
	checkBalance(t, h, addr(maker), h.quote, new(big.Int).Add(units(10_000, 6), new(big.Int).Sub(quote, makerFee)))
	checkBalance(t, h, addr(taker), h.base, new(big.Int).Add(units(100, 18), base))
	checkBalance(t, h, addr(taker), h.quote, new(big.Int).Sub(units(10_000, 6), new(big.Int).Add(quote, takerFee)))
	fees := new(big.Int).Add(makerFee, takerFee)
	if accrued := h.accruedFees(h.quote); accrued.Cmp(fees) != 0 {
		t.Fatalf("accrued fees %v, expected %v", accrued, fees)
	}
	checkBalance(t, h, h.feeTo, h.quote, new(big.Int))
	h.checkSolvent(h.base, h.quote)

	// collectFees credits all but one base unit to the fee recipient.
	h.mustSend(h.deployer, h.exchange, exchangeB.PackCollectFees(h.quote))
	checkBalance(t, h, h.feeTo, h.quote, new(big.Int).Sub(fees, big.NewInt(1)))
	if accrued := h.accruedFees(h.quote); accrued.Cmp(big.NewInt(1)) != 0 {
		t.Fatalf("accrued fees after collectFees %v, expected 1", accrued)
	}

	filled, err := bind.Call(h.exchangeContract(), nil, exchangeB.PackFillRecords(addr(maker), h.domain.OrderHash(sell.Order)), exchangeB.UnpackFillRecords)
	if err != nil || filled.Uint64() != 200 {
		t.Fatalf("maker fill record %v (error %v), expected 200", filled, err)
	}
	var settled *bindings.ExchangeBatchSettled
	for _, l := range r.Logs {
		if e, err := exchangeB.UnpackBatchSettledEvent(l); err == nil {
			settled = e
		}
	}
	if settled == nil || settled.BatchId != 1 || settled.Trades.Uint64() != 1 {
		t.Fatalf("BatchSettled event %+v, expected batch 1 with 1 trade", settled)
	}
	h.checkSolvent(h.base, h.quote)
}

func checkBalance(t *testing.T, h *harness, trader, token common.Address, want *big.Int) {
	t.Helper()
	if got := h.balance(trader, token); got.Cmp(want) != 0 {
		t.Errorf("balance of %s in %s: %v, expected %v", trader, token, got, want)
	}
}

// checkSolvent checks that the contract holds exactly the sum of the
// internal balances of every account it knows and the accrued fees, for
// each token.
func (h *harness) checkSolvent(tokens ...common.Address) {
	h.t.Helper()
	accounts := h.accounts()
	for _, token := range tokens {
		sum := h.accruedFees(token)
		for _, a := range accounts {
			sum.Add(sum, h.balance(a, token))
		}
		if held := h.tokenBalance(token, h.exchange); held.Cmp(sum) != 0 {
			h.t.Fatalf("token %s: contract holds %v, internal balances and accrued fees add up to %v", token, held, sum)
		}
	}
}

// TestCollectFees checks that fees accrue in the contract until anyone
// collects them for the current fee recipient, one base unit excepted.
func TestCollectFees(t *testing.T) {
	p := newPair(t)
	collect := func() *big.Int {
		t.Helper()
		r := p.mustSend(p.taker, p.exchange, exchangeB.PackCollectFees(p.quote))
		collected := new(big.Int)
		for _, l := range r.Logs {
			if e, err := exchangeB.UnpackFeesCollectedEvent(l); err == nil {
				collected.Add(collected, e.Amount)
			}
		}
		return collected
	}
	if got := collect(); got.Sign() != 0 {
		t.Fatalf("collectFees with nothing accrued credited %v", got)
	}

	sell := p.order(p.maker, eip712.Sell, eip712.GTC, 10_000, 1_000, 1)
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 10_000, 100, 1), 100))
	fees := new(big.Int).Set(p.accruedFees(p.quote)) // 10 bps + 20 bps of 1,000,000
	if fees.Cmp(big.NewInt(3_000)) != 0 {
		t.Fatalf("accrued fees %v, expected 3000", fees)
	}
	if got, want := collect(), new(big.Int).Sub(fees, big.NewInt(1)); got.Cmp(want) != 0 {
		t.Fatalf("collectFees credited %v, expected %v", got, want)
	}
	checkBalance(t, p.harness, p.feeTo, p.quote, big.NewInt(2_999))
	if got := collect(); got.Sign() != 0 {
		t.Fatalf("second collectFees credited %v, expected nothing", got)
	}

	// Fees collected after a change of recipient go to the new one.
	recipient := common.HexToAddress("0xfee0000000000000000000000000000000000002")
	p.mustSend(p.deployer, p.exchange, exchangeB.PackSetFeeRecipient(recipient))
	p.mustSettle(trade(sell, p.order(p.taker, eip712.Buy, eip712.IOC, 10_000, 100, 2), 100))
	if got := collect(); got.Cmp(big.NewInt(3_000)) != 0 {
		t.Fatalf("collectFees after the change credited %v, expected 3000", got)
	}
	checkBalance(t, p.harness, recipient, p.quote, big.NewInt(3_000))
	checkBalance(t, p.harness, p.feeTo, p.quote, big.NewInt(2_999))
	p.traders = append(p.traders, recipient)
	p.checkSolvent(p.base, p.quote)
}

// TestSettleMixedBatch settles trades in two markets that share the quote
// token, a signed withdrawal and an escape-hatch request in one batch, and
// checks every balance that moves.
func TestSettleMixedBatch(t *testing.T) {
	p := newPair(t)
	other := p.deployToken("Other", "OTH", 18)
	otherMarket := p.listMarket(other, p.quote, testTickSize, testLotSize, 5, 15)
	for _, k := range []*ecdsa.PrivateKey{p.maker, p.taker} {
		p.mustSend(p.deployer, other, tokenB.PackMint(addr(k), units(100, 18)))
		p.mustSend(k, other, tokenB.PackApprove(p.exchange, units(100, 18)))
		p.mustSend(k, p.exchange, exchangeB.PackDeposit(other, units(100, 18)))
	}
	p.mustSend(p.maker, p.exchange, exchangeB.PackRequestWithdrawal(other, units(5, 18)))

	// The maker sells 40 lots of THAL at 100 ticks and buys 30 lots of OTH
	// at 50 ticks. The taker takes both.
	otherOrder := func(key *ecdsa.PrivateKey, side eip712.Side, tif eip712.TimeInForce, nonce uint64) batch.Order {
		return p.sign(key, eip712.Order{
			Trader: addr(key), Market: otherMarket, Side: side, TimeInForce: tif, Price: 50, Quantity: 30, MaxFeeBps: 50, Nonce: nonce,
		})
	}
	w := batch.Withdrawal{Withdrawal: eip712.Withdrawal{Trader: addr(p.taker), Token: p.quote, Amount: big.NewInt(1_000), Nonce: 9}}
	_, sig, err := p.domain.SignWithdrawal(w.Withdrawal, p.taker)
	if err != nil {
		t.Fatal(err)
	}
	w.Signature = sig
	r := p.mustSettle(batch.Batch{
		Markets: []batch.Market{p.market(), {ID: otherMarket, Base: other, Quote: p.quote}},
		Orders: []batch.Order{
			p.order(p.maker, eip712.Sell, eip712.GTC, 100, 40, 1),
			otherOrder(p.maker, eip712.Buy, eip712.GTC, 2),
			p.order(p.taker, eip712.Buy, eip712.IOC, 100, 40, 1),
			otherOrder(p.taker, eip712.Sell, eip712.IOC, 2),
		},
		Trades: []batch.Trade{
			{Maker: 0, Taker: 2, Price: 100, Quantity: 40},
			{Maker: 1, Taker: 3, Price: 50, Quantity: 30},
		},
		Withdrawals: []batch.Withdrawal{w},
		Requests:    []batch.Request{{Trader: addr(p.maker), Token: other}},
	})

	// THAL/USDC: quote 4,000, maker fee 4, taker fee 8. OTH/USDC: quote
	// 1,500, maker fee 0 (5 bps rounds down), taker fee 2 (15 bps).
	thal, oth := new(big.Int).Mul(big.NewInt(40), testLotSize), new(big.Int).Mul(big.NewInt(30), testLotSize)
	usdc := units(10_000, 6)
	checkBalance(t, p.harness, addr(p.maker), p.base, new(big.Int).Sub(units(100, 18), thal))
	checkBalance(t, p.harness, addr(p.maker), p.quote, new(big.Int).Add(usdc, big.NewInt(3_996-1_500)))
	checkBalance(t, p.harness, addr(p.maker), other, new(big.Int).Sub(new(big.Int).Add(units(100, 18), oth), units(5, 18)))
	checkBalance(t, p.harness, addr(p.taker), p.base, new(big.Int).Add(units(100, 18), thal))
	checkBalance(t, p.harness, addr(p.taker), p.quote, new(big.Int).Add(usdc, big.NewInt(-4_008+1_498-1_000)))
	checkBalance(t, p.harness, addr(p.taker), other, new(big.Int).Sub(units(100, 18), oth))
	if accrued := p.accruedFees(p.quote); accrued.Int64() != 14 {
		t.Errorf("accrued USDC fees %v, expected 14", accrued)
	}
	if got := p.tokenBalance(other, addr(p.maker)); got.Cmp(units(5, 18)) != 0 {
		t.Errorf("maker holds %v OTH outside the contract, expected the 5 requested", got)
	}
	if got := p.tokenBalance(p.quote, addr(p.taker)); got.Int64() != 1_000 {
		t.Errorf("taker holds %v USDC outside the contract, expected the 1000 withdrawn", got)
	}
	var settled *bindings.ExchangeBatchSettled
	for _, l := range r.Logs {
		if e, err := exchangeB.UnpackBatchSettledEvent(l); err == nil {
			settled = e
		}
	}
	if settled == nil || settled.Orders.Int64() != 4 || settled.Trades.Int64() != 2 || settled.Withdrawals.Int64() != 2 {
		t.Errorf("BatchSettled event %+v, expected 4 orders, 2 trades and 2 withdrawals", settled)
	}
	p.checkSolvent(p.base, p.quote, other)
}
