package contracts_test

import (
	"math/big"
	"testing"

	bind "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/contracts/bindings"
)

var (
	feeTokenB       = bindings.NewFeeOnTransferToken()
	noReturnB       = bindings.NewNoReturnToken()
	reentrantB      = bindings.NewReentrantToken()
	oneToken        = units(1, 18)
	feeOnTransferBp = int64(100)
)

func TestDepositFeeOnTransferCreditsReceived(t *testing.T) {
	p := newPair(t)
	token := p.deploy(p.deployer, bindings.FeeOnTransferTokenMetaData.Bin, feeTokenB.PackConstructor(big.NewInt(feeOnTransferBp)))
	p.listMarket(token, p.quote, testTickSize, testLotSize, 0, 0)
	p.mustSend(p.deployer, token, feeTokenB.PackMint(addr(p.taker), oneToken))
	p.mustSend(p.taker, token, feeTokenB.PackApprove(addr(p.taker), oneToken)) // unrelated approval
	p.mustSend(p.taker, token, feeTokenB.PackApprove(p.exchange, oneToken))
	p.mustSend(p.taker, p.exchange, exchangeB.PackDeposit(token, oneToken))

	received := new(big.Int).Sub(oneToken, new(big.Int).Div(new(big.Int).Mul(oneToken, big.NewInt(feeOnTransferBp)), big.NewInt(10_000)))
	checkBalance(t, p.harness, addr(p.taker), token, received)
	if held := p.tokenBalance(token, p.exchange); held.Cmp(received) != 0 {
		t.Fatalf("Exchange holds %v, credited %v", held, received)
	}
}

func TestNoReturnTokenDepositAndWithdraw(t *testing.T) {
	p := newPair(t)
	token := p.deploy(p.deployer, bindings.NoReturnTokenMetaData.Bin, nil)
	p.listMarket(p.base, token, testTickSize, testLotSize, 0, 0)
	amount := big.NewInt(5_000_000)
	p.mustSend(p.deployer, token, noReturnB.PackMint(addr(p.taker), amount))
	p.mustSend(p.taker, token, noReturnB.PackApprove(p.exchange, amount))
	p.mustSend(p.taker, p.exchange, exchangeB.PackDeposit(token, amount))
	checkBalance(t, p.harness, addr(p.taker), token, amount)

	// Withdraw through a signed withdrawal in a batch.
	w := batch.Withdrawal{Withdrawal: eip712.Withdrawal{Trader: addr(p.taker), Token: token, Amount: big.NewInt(2_000_000), Nonce: 1}}
	_, sig, err := p.domain.SignWithdrawal(w.Withdrawal, p.taker)
	if err != nil {
		t.Fatal(err)
	}
	w.Signature = sig
	p.mustSettle(batch.Batch{Withdrawals: []batch.Withdrawal{w}})
	checkBalance(t, p.harness, addr(p.taker), token, big.NewInt(3_000_000))
	if got := p.tokenBalance(token, addr(p.taker)); got.Cmp(big.NewInt(2_000_000)) != 0 {
		t.Fatalf("trader holds %v of the no-return token, expected 2000000", got)
	}
}

func TestSignedWithdrawalRules(t *testing.T) {
	p := newPair(t)
	w := batch.Withdrawal{Withdrawal: eip712.Withdrawal{Trader: addr(p.taker), Token: p.quote, Amount: big.NewInt(1_000), Nonce: 3}}
	sign := func(w batch.Withdrawal) batch.Withdrawal {
		_, sig, err := p.domain.SignWithdrawal(w.Withdrawal, p.taker)
		if err != nil {
			t.Fatal(err)
		}
		w.Signature = sig
		return w
	}
	before := p.tokenBalance(p.quote, addr(p.taker))
	p.mustSettle(batch.Batch{Withdrawals: []batch.Withdrawal{sign(w)}})
	if got := new(big.Int).Sub(p.tokenBalance(p.quote, addr(p.taker)), before); got.Int64() != 1_000 {
		t.Fatalf("trader received %v, expected 1000", got)
	}
	_, err := p.settle(batch.Batch{Withdrawals: []batch.Withdrawal{sign(w)}})
	expectRevert(t, err, "NonceAlreadyUsed")

	w.Nonce, w.Expiry = 4, 1
	_, err = p.settle(batch.Batch{Withdrawals: []batch.Withdrawal{sign(w)}})
	expectRevert(t, err, "WithdrawalExpired")

	w.Expiry, w.Amount = 0, units(1_000_000, 6)
	_, err = p.settle(batch.Batch{Withdrawals: []batch.Withdrawal{sign(w)}})
	expectRevert(t, err, "InsufficientBalance")

	forged := sign(w)
	forged.Amount = big.NewInt(1)
	_, err = p.settle(batch.Batch{Withdrawals: []batch.Withdrawal{forged}})
	expectRevert(t, err, "SignerMismatch")
	p.checkSolvent(p.base, p.quote)
}

func TestEscapeHatch(t *testing.T) {
	p := newPair(t)
	amount := big.NewInt(7_000)
	_, err := p.send(p.taker, p.exchange, exchangeB.PackWithdrawRequested(p.quote))
	expectRevert(t, err, "NoWithdrawalRequest")
	p.mustSend(p.taker, p.exchange, exchangeB.PackRequestWithdrawal(p.quote, amount))

	// Before the delay the trader cannot withdraw directly.
	_, err = p.send(p.taker, p.exchange, exchangeB.PackWithdrawRequested(p.quote))
	expectRevert(t, err, "WithdrawalLocked")

	// Pausing does not stop the escape hatch.
	p.mustSend(p.operator, p.exchange, exchangeB.PackPause())
	for range testDelayBlocks {
		p.backend.Commit()
	}
	before := p.tokenBalance(p.quote, addr(p.taker))
	p.mustSend(p.taker, p.exchange, exchangeB.PackWithdrawRequested(p.quote))
	if got := new(big.Int).Sub(p.tokenBalance(p.quote, addr(p.taker)), before); got.Cmp(amount) != 0 {
		t.Fatalf("escape hatch paid %v, expected %v", got, amount)
	}
	checkBalance(t, p.harness, addr(p.taker), p.quote, new(big.Int).Sub(units(10_000, 6), amount))
	_, err = p.send(p.taker, p.exchange, exchangeB.PackWithdrawRequested(p.quote))
	expectRevert(t, err, "NoWithdrawalRequest")
	p.checkSolvent(p.base, p.quote)
}

func TestOperatorHonoursWithdrawalRequest(t *testing.T) {
	p := newPair(t)
	// Requesting more than the balance pays the whole balance.
	p.mustSend(p.taker, p.exchange, exchangeB.PackRequestWithdrawal(p.base, units(1_000, 18)))
	before := p.tokenBalance(p.base, addr(p.taker))
	p.mustSettle(batch.Batch{Requests: []batch.Request{{Trader: addr(p.taker), Token: p.base}}})
	if got := new(big.Int).Sub(p.tokenBalance(p.base, addr(p.taker)), before); got.Cmp(units(100, 18)) != 0 {
		t.Fatalf("operator paid %v, expected the whole balance 100 THAL", got)
	}
	checkBalance(t, p.harness, addr(p.taker), p.base, big.NewInt(0))
	// A request that no longer exists is skipped, not reverted.
	p.mustSettle(batch.Batch{Requests: []batch.Request{{Trader: addr(p.taker), Token: p.base}}})
	p.checkSolvent(p.base, p.quote)
}

func TestPauseStopsDepositsAndSettlement(t *testing.T) {
	p := newPair(t)
	_, err := p.send(p.taker, p.exchange, exchangeB.PackPause())
	expectRevert(t, err, "NotOperator")
	p.mustSend(p.deployer, p.exchange, exchangeB.PackPause())

	p.mustSend(p.deployer, p.base, tokenB.PackMint(addr(p.taker), big.NewInt(1)))
	p.mustSend(p.taker, p.base, tokenB.PackApprove(p.exchange, big.NewInt(1)))
	_, err = p.send(p.taker, p.exchange, exchangeB.PackDeposit(p.base, big.NewInt(1)))
	expectRevert(t, err, "IsPaused")
	_, err = p.settle(trade(p.order(p.maker, eip712.Sell, eip712.GTC, 100, 10, 1), p.order(p.taker, eip712.Buy, eip712.IOC, 100, 10, 1), 10))
	expectRevert(t, err, "IsPaused")

	// Cancels and setCancelDelay keep working while paused, and only the
	// owner unpauses.
	p.cancelUpTo(p.taker, 1)
	p.cancelOrder(p.taker, common.HexToHash("0x01"))
	p.mustSend(p.deployer, p.exchange, exchangeB.PackSetCancelDelay(60))
	_, err = p.send(p.operator, p.exchange, exchangeB.PackUnpause())
	expectRevert(t, err, "NotOwner")
	p.mustSend(p.deployer, p.exchange, exchangeB.PackUnpause())
	p.mustSend(p.taker, p.exchange, exchangeB.PackDeposit(p.base, big.NewInt(1)))
}

// TestReentrancyThroughTokenCallback arms a token that calls back into the
// Exchange during transfers and checks that every callback hits the lock.
func TestReentrancyThroughTokenCallback(t *testing.T) {
	p := newPair(t)
	token := p.deploy(p.deployer, bindings.ReentrantTokenMetaData.Bin, nil)
	p.listMarket(token, p.quote, testTickSize, testLotSize, 0, 0)
	p.mustSend(p.deployer, token, reentrantB.PackMint(addr(p.taker), units(10, 18)))
	p.mustSend(p.taker, token, reentrantB.PackApprove(p.exchange, units(10, 18)))

	// A deposit whose transferFrom deposits again.
	p.mustSend(p.taker, token, reentrantB.PackArm(p.exchange, exchangeB.PackDeposit(token, oneToken)))
	p.mustSend(p.taker, p.exchange, exchangeB.PackDeposit(token, oneToken))
	expectCallbackRejected(t, p, token, 1)
	checkBalance(t, p.harness, addr(p.taker), token, oneToken)

	// An escape-hatch withdrawal whose transfer withdraws again.
	p.mustSend(p.taker, p.exchange, exchangeB.PackRequestWithdrawal(token, oneToken))
	for range testDelayBlocks {
		p.backend.Commit()
	}
	p.mustSend(p.taker, token, reentrantB.PackArm(p.exchange, exchangeB.PackWithdrawRequested(token)))
	p.mustSend(p.taker, p.exchange, exchangeB.PackWithdrawRequested(token))
	expectCallbackRejected(t, p, token, 2)
	checkBalance(t, p.harness, addr(p.taker), token, big.NewInt(0))

	// A batch withdrawal whose transfer calls settle.
	p.mustSend(p.taker, token, reentrantB.PackArm(p.exchange, nil))
	p.mustSend(p.taker, p.exchange, exchangeB.PackDeposit(token, oneToken))
	data, err := batch.Encode(batch.Batch{ID: p.batchID + 2, Markets: []batch.Market{p.market()}})
	if err != nil {
		t.Fatal(err)
	}
	p.mustSend(p.taker, token, reentrantB.PackArm(p.exchange, exchangeB.PackSettle(data)))
	w := batch.Withdrawal{Withdrawal: eip712.Withdrawal{Trader: addr(p.taker), Token: token, Amount: oneToken, Nonce: 1}}
	_, sig, err := p.domain.SignWithdrawal(w.Withdrawal, p.taker)
	if err != nil {
		t.Fatal(err)
	}
	w.Signature = sig
	p.mustSettle(batch.Batch{Withdrawals: []batch.Withdrawal{w}})
	expectCallbackRejected(t, p, token, 3)
	if held := p.tokenBalance(token, p.exchange); held.Sign() != 0 {
		t.Fatalf("Exchange still holds %v of the reentrant token, expected 0", held)
	}
}

func expectCallbackRejected(t *testing.T, p pair, token common.Address, count int64) {
	t.Helper()
	c := reentrantB.Instance(p.client, token)
	n, err := bind.Call(c, nil, reentrantB.PackCallbackCount(), reentrantB.UnpackCallbackCount)
	if err != nil || n.Int64() != count {
		t.Fatalf("callback count %v (error %v), expected %d", n, err, count)
	}
	ok, err := bind.Call(c, nil, reentrantB.PackLastCallbackOk(), reentrantB.UnpackLastCallbackOk)
	if err != nil || ok {
		t.Fatalf("reentrant callback succeeded (error %v), expected the Reentrancy revert", err)
	}
	result, err := bind.Call(c, nil, reentrantB.PackLastCallbackResult(), reentrantB.UnpackLastCallbackResult)
	if err != nil {
		t.Fatal(err)
	}
	id := exchangeABI.Errors["Reentrancy"].ID
	selector := id[:4]
	if len(result) < 4 || string(result[:4]) != string(selector) {
		t.Fatalf("callback reverted with %x, expected the Reentrancy selector %x", result, selector)
	}
}
