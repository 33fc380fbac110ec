package contracts_test

import (
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
