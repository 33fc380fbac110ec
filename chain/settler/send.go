package settler

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/chain/batch"
)

// flight is a sent batch awaiting its confirmations.
type flight struct {
	batch Batch
	nonce uint64
	gas   uint64
	data  []byte
	// attempts are the transactions sent for the batch, all with nonce,
	// in rising fee order. Invariant: at least one, at most AttemptsMax.
	attempts []*types.Transaction
	// lastSentAt is when the newest attempt was sent or rebroadcast.
	lastSentAt int64 // unix nanoseconds from Config.Clock
	// included is the receipt last seen for the batch, nil if none.
	included *types.Receipt
}

func (f *flight) newest() *types.Transaction { return f.attempts[len(f.attempts)-1] }

// sendQueued sends queued batches in order until the queue is empty or a
// batch cannot be sent yet. A batch whose check reverts with IsPaused()
// stays first in the queue, and the next step checks it again.
// REQUIRES: s.mu held.
func (s *Settler) sendQueued(ctx context.Context, head *types.Header, results *[]Result) error {
	if len(s.queue) > 0 && s.waitForFlights() {
		return nil
	}
	for len(s.queue) > 0 {
		batch := s.queue[0]
		data, err := s.exchange.TryPackSettle(batch.Data)
		if err != nil {
			return fmt.Errorf("settler: encode settle call of batch %d: %w", batch.ID, err)
		}
		gas, reverted, err := s.gasLimit(ctx, head, batch, data)
		if reverted != nil {
			if reason := revertReason(reverted); reason == pausedReason {
				s.waitForUnpause(batch, reason)
				return nil
			}
			s.popQueue()
			*results = append(*results, s.revertedBeforeSending(batch, reverted))
			continue
		}
		if err != nil {
			return err
		}
		tip, feeCap, err := s.currentFees(ctx, head)
		if err != nil {
			return err
		}
		tx, err := s.signAndSend(ctx, s.nextNonce, gas, tip, feeCap, data)
		if isNonceTooLow(err) {
			// Another sender used the operator's nonce: read it again.
			s.nonceLoaded = false
			return fmt.Errorf("settler: batch %d: nonce %d already used, reloading: %w", batch.ID, s.nextNonce, err)
		}
		if err != nil {
			return fmt.Errorf("settler: send batch %d: %w", batch.ID, err)
		}
		s.flights = append(s.flights, &flight{
			batch: batch, nonce: s.nextNonce, gas: gas, data: data,
			attempts: []*types.Transaction{tx}, lastSentAt: s.cfg.Clock.Now().UnixNano(),
		})
		s.popQueue()
		s.nextNonce++
		s.resumeAfterPause(batch)
		s.logger.Info("settlement sent", "batch", batch.ID, "tx", tx.Hash(), "nonce", tx.Nonce(), "tip", tx.GasTipCap(), "feeCap", tx.GasFeeCap())
	}
	return nil
}

// gasLimit returns the gas limit for a settle call, never above what one
// transaction may use (the head block's gas limit and batch.TxGasCap,
// EIP-7825).
//
// A batch with a gas bound gets the bound plus GasMarginPercent. While
// earlier batches are unconfirmed it is sent at once, so batches follow
// each other without waiting for a block each, and a batch that reverts
// is then found on chain, at the cost of its gas. Otherwise one eth_call
// at that limit checks it first (checkAtLimit).
//
// A batch without a bound gets its estimate plus GasMarginPercent.
//
// A batch without a bound whose estimate reverts is returned as reverted
// only when every earlier batch is included, because a later batch may
// depend on an earlier one's state. Until then it stays queued. A revert
// with IsPaused() is returned in either case, because the Exchange checks
// its pause before anything in the batch.
//
// A fixed Config.GasLimit is returned unchecked, except while the
// settler is paused (checkFixedLimit).
// REQUIRES: s.mu held.
func (s *Settler) gasLimit(ctx context.Context, head *types.Header, b Batch, data []byte) (gas uint64, reverted error, err error) {
	if s.cfg.GasLimit != 0 {
		if s.paused.Load() {
			reverted, err = s.checkFixedLimit(ctx, b.ID, data)
		}
		return s.cfg.GasLimit, reverted, err
	}
	txCap := uint64(batch.TxGasCap)
	if head != nil && head.GasLimit < txCap {
		txCap = head.GasLimit
	}
	settled := s.allIncluded()
	if bound := b.GasBound; bound != 0 {
		limit := min(bound+bound*GasMarginPercent/percentDenominator, txCap)
		if !settled {
			return limit, nil, nil
		}
		checked, reverted := s.checkAtLimit(ctx, b.ID, limit, data)
		if reverted != nil {
			return 0, reverted, nil
		}
		if checked {
			return limit, nil, nil
		}
	}
	call := ethereum.CallMsg{From: s.cfg.Operator, To: &s.cfg.Exchange, Data: data}
	if settled {
		gas, err = s.backend.EstimateGas(ctx, call)
	} else {
		// The pending state holds the earlier batches still in the pool.
		gas, err = s.backend.EstimateGasAtBlock(ctx, call, big.NewInt(int64(rpc.PendingBlockNumber)))
	}
	switch {
	case err == nil:
		if gas > txCap {
			return 0, nil, fmt.Errorf("settler: the settle call needs %d gas, more than the %d one transaction may use: %w", gas, txCap, ErrBatchTooLarge)
		}
		return min(gas+gas*GasMarginPercent/percentDenominator, txCap), nil, nil
	case isRevert(err) && (settled || revertReason(err) == pausedReason):
		return 0, err, nil
	case isRevert(err):
		return 0, nil, fmt.Errorf("%w: gas estimation reverted while earlier batches are unconfirmed: %w", errWaitForEarlier, err)
	default:
		return 0, nil, fmt.Errorf("settler: estimate gas: %w", err)
	}
}

// checkAtLimit runs the settle call of batch id once, with eth_call at
// the gas limit it will be sent with, on the latest state. A call that
// succeeds there succeeds as a transaction with that limit on the same
// state. An estimate would run the call at least twice, and by our
// reading of go-ethereum's gasestimator three times for 100 trades.
//
// checked is false, and the caller estimates instead, when the call fails
// without reverting: out of gas at the bound, which means a wrong bound,
// or a failed request.
// REQUIRES: s.mu held.
func (s *Settler) checkAtLimit(ctx context.Context, id, limit uint64, data []byte) (checked bool, reverted error) {
	call := ethereum.CallMsg{From: s.cfg.Operator, To: &s.cfg.Exchange, Gas: limit, Data: data}
	_, err := s.backend.CallContract(ctx, call, nil)
	switch {
	case err == nil:
		return true, nil
	case isRevert(err):
		return false, err
	}
	s.logger.Warn("settle call failed at the batch's gas bound without reverting, so the settler estimates its gas instead; if err is out of gas, report the batch, because its bound is wrong",
		"batch", id, "gasLimit", limit, "err", err)
	return false, nil
}

// allIncluded reports whether every sent batch has a receipt.
// REQUIRES: s.mu held.
func (s *Settler) allIncluded() bool {
	for _, f := range s.flights {
		if f.included == nil {
			return false
		}
	}
	return true
}

func (s *Settler) revertedBeforeSending(batch Batch, reason error) Result {
	custom := revertReason(reason)
	if custom != "" {
		reason = fmt.Errorf("%w: %s", reason, custom)
	}
	err := fmt.Errorf("%w: batch %d (markets %v) reverted when checked before sending: %w", ErrBatchReverted, batch.ID, batch.Markets, reason)
	s.logger.Error("settlement reverted, halting its markets", "batch", batch.ID, "markets", batch.Markets, "reason", custom, "err", reason)
	return Result{Batch: batch, Status: StatusReverted, Err: err}
}

// currentFees returns the tip and fee cap for a new transaction: the
// suggested tip (at least MinTipWei) and twice the base fee plus the tip,
// so the transaction stays valid while the base fee rises, both capped by
// MaxFeePerGasWei.
func (s *Settler) currentFees(ctx context.Context, head *types.Header) (tip, feeCap *big.Int, err error) {
	tip, err = s.backend.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("settler: suggest gas tip: %w", err)
	}
	tip = bigMax(tip, s.cfg.MinTipWei)
	baseFee := head.BaseFee
	if baseFee == nil {
		baseFee = new(big.Int)
	}
	feeCap = new(big.Int).Mul(baseFee, big.NewInt(baseFeeHeadroomTimes))
	feeCap.Add(feeCap, tip)
	feeCap = bigMin(feeCap, s.cfg.MaxFeePerGasWei)
	if baseFee.Cmp(s.cfg.MaxFeePerGasWei) >= 0 {
		s.logger.Warn("base fee at or above the maximum fee per gas, settlement waits", "baseFee", baseFee, "max", s.cfg.MaxFeePerGasWei)
	}
	return bigMin(tip, feeCap), feeCap, nil
}

func (s *Settler) signAndSend(ctx context.Context, nonce, gas uint64, tip, feeCap *big.Int, data []byte) (*types.Transaction, error) {
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID:   new(big.Int).SetUint64(s.cfg.ChainID),
		Nonce:     nonce,
		GasTipCap: tip,
		GasFeeCap: feeCap,
		Gas:       gas,
		To:        &s.cfg.Exchange,
		Data:      data,
	})
	signed, err := s.cfg.Sign(tx)
	if err != nil {
		return nil, fmt.Errorf("settler: sign transaction with nonce %d: %w", nonce, err)
	}
	if err := s.backend.SendTransaction(ctx, signed); err != nil && !isAlreadyKnown(err) {
		return nil, err
	}
	return signed, nil
}

// bumpedFees returns the fees of a replacement for the newest attempt:
// BumpPercent more than before, or the current fees if higher, capped by
// MaxFeePerGasWei. It returns false if the cap leaves less than the
// BumpPercentMin increase nodes require.
func (s *Settler) bumpedFees(ctx context.Context, head *types.Header, last *types.Transaction) (tip, feeCap *big.Int, ok bool, err error) {
	currentTip, currentFeeCap, err := s.currentFees(ctx, head)
	if err != nil {
		return nil, nil, false, err
	}
	feeCap = bigMin(bigMax(percentOf(last.GasFeeCap(), s.cfg.BumpPercent), currentFeeCap), s.cfg.MaxFeePerGasWei)
	tip = bigMin(bigMax(percentOf(last.GasTipCap(), s.cfg.BumpPercent), currentTip), feeCap)
	ok = feeCap.Cmp(percentOf(last.GasFeeCap(), BumpPercentMin)) >= 0 && tip.Cmp(percentOf(last.GasTipCap(), BumpPercentMin)) >= 0
	return tip, feeCap, ok, nil
}

// percentOf returns value increased by percent, rounded up so that a
// small value still grows.
func percentOf(value *big.Int, percent uint64) *big.Int {
	scaled := new(big.Int).Mul(value, new(big.Int).SetUint64(percentDenominator+percent))
	scaled.Add(scaled, big.NewInt(percentDenominator-1))
	return scaled.Div(scaled, big.NewInt(percentDenominator))
}

func bigMax(a, b *big.Int) *big.Int {
	if a.Cmp(b) >= 0 {
		return new(big.Int).Set(a)
	}
	return new(big.Int).Set(b)
}

func bigMin(a, b *big.Int) *big.Int {
	if a.Cmp(b) <= 0 {
		return new(big.Int).Set(a)
	}
	return new(big.Int).Set(b)
}

// isRevert reports whether err is an execution revert from eth_call or
// eth_estimateGas, as opposed to a transport failure.
func isRevert(err error) bool {
	if err == nil {
		return false
	}
	var dataErr rpc.DataError
	if errors.As(err, &dataErr) && dataErr.ErrorData() != nil {
		return true
	}
	return strings.Contains(err.Error(), "execution reverted")
}

// The messages below are go-ethereum's transaction pool errors
// (core/txpool), which other clients mostly copy.
func isNonceTooLow(err error) bool {
	return err != nil && strings.Contains(err.Error(), "nonce too low")
}

func isAlreadyKnown(err error) bool {
	return err != nil && strings.Contains(err.Error(), "already known")
}
