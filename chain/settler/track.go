package settler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/thaliumx/thaliumx/chain"
)

// trackFlights checks every sent batch and removes the confirmed ones.
// REQUIRES: s.mu held.
func (s *Settler) trackFlights(ctx context.Context, head *types.Header, results *[]Result) error {
	var errs []error
	remaining := s.flights[:0]
	for _, f := range s.flights {
		// A flight is the earliest when every batch sent before it has
		// left the flights, settled, reported or put back.
		result, outcome, err := s.track(ctx, f, head, len(remaining) == 0)
		if err != nil {
			errs = append(errs, err)
		}
		switch outcome {
		case flightReported:
			*results = append(*results, result)
			continue
		case flightPutBack:
			continue
		}
		remaining = append(remaining, f)
	}
	clear(s.flights[len(remaining):])
	s.flights = remaining
	return errors.Join(errs...)
}

// flightOutcome is the decision a step makes about one sent batch.
type flightOutcome uint8

const (
	// flightPending keeps the batch in flight.
	flightPending flightOutcome = iota
	// flightReported means the batch's result goes to OnResult.
	flightReported
	// flightPutBack means the batch reverted because the Exchange was
	// paused and went back to the queue (putBackInQueue).
	flightPutBack
)

// track advances one batch: it is reported, or put back, once its
// receipt has the configured confirmations. A reverted receipt is handled
// only for the earliest flight, so that batches go back to the queue in
// order, and a batch after one put back is recognized as such.
func (s *Settler) track(ctx context.Context, f *flight, head *types.Header, earliest bool) (Result, flightOutcome, error) {
	receipt, err := s.findReceipt(ctx, f)
	if err != nil {
		return Result{}, flightPending, err
	}
	if receipt == nil {
		return Result{}, flightPending, s.handleMissing(ctx, f, head)
	}
	if f.included == nil || f.included.BlockHash != receipt.BlockHash {
		s.logger.Info("settlement included", "batch", f.batch.ID, "tx", receipt.TxHash, "block", receipt.BlockNumber)
	}
	f.included = receipt
	block := receipt.BlockNumber.Uint64()
	if head.Number.Uint64() < block || head.Number.Uint64()-block+1 < s.cfg.Confirmations {
		return Result{}, flightPending, nil
	}
	if receipt.Status != types.ReceiptStatusSuccessful && !earliest {
		return Result{}, flightPending, nil
	}
	result, outcome := s.finalResult(ctx, f, receipt)
	return result, outcome, nil
}

// findReceipt returns the receipt of whichever attempt is on the canonical
// chain, or nil if none is.
func (s *Settler) findReceipt(ctx context.Context, f *flight) (*types.Receipt, error) {
	for i := len(f.attempts) - 1; i >= 0; i-- {
		hash := f.attempts[i].Hash()
		receipt, err := s.backend.TransactionReceipt(ctx, hash)
		if chain.ReceiptNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("settler: receipt of batch %d transaction %s: %w", f.batch.ID, hash, err)
		}
		// A receipt served while a reorg is under way may name a block
		// that is no longer canonical.
		header, err := s.backend.HeaderByNumber(ctx, receipt.BlockNumber)
		if err != nil {
			return nil, fmt.Errorf("settler: read block %d: %w", receipt.BlockNumber, err)
		}
		if header.Hash() != receipt.BlockHash {
			continue
		}
		return receipt, nil
	}
	return nil, nil
}

// handleMissing rebroadcasts a batch a reorg dropped and replaces one that
// waited StuckAfter without a receipt.
func (s *Settler) handleMissing(ctx context.Context, f *flight, head *types.Header) error {
	now := s.cfg.Clock.Now()
	if f.included != nil {
		s.logger.Warn("settlement dropped by a reorg, resubmitting", "batch", f.batch.ID, "tx", f.included.TxHash, "block", f.included.BlockNumber)
		f.included = nil
		return s.rebroadcast(ctx, f, now)
	}
	if now.Sub(time.Unix(0, f.lastSentAt)) < s.cfg.StuckAfter {
		return nil
	}
	if len(f.attempts) >= AttemptsMax {
		s.logger.Warn("settlement still pending after the maximum gas bumps, rebroadcasting", "batch", f.batch.ID, "attempts", len(f.attempts))
		return s.rebroadcast(ctx, f, now)
	}
	return s.bump(ctx, f, head, now)
}

func (s *Settler) rebroadcast(ctx context.Context, f *flight, now time.Time) error {
	tx := f.newest()
	err := s.backend.SendTransaction(ctx, tx)
	if err != nil && !isAlreadyKnown(err) && !isNonceTooLow(err) {
		return fmt.Errorf("settler: rebroadcast batch %d transaction %s: %w", f.batch.ID, tx.Hash(), err)
	}
	// "nonce too low" means an attempt is in a block the node has not
	// indexed yet; the next step finds its receipt.
	f.lastSentAt = now.UnixNano()
	return nil
}

// bump replaces the newest attempt with one paying higher fees.
func (s *Settler) bump(ctx context.Context, f *flight, head *types.Header, now time.Time) error {
	last := f.newest()
	tip, feeCap, ok, err := s.bumpedFees(ctx, head, last)
	if err != nil {
		return err
	}
	if !ok {
		s.logger.Warn("settlement stuck at the maximum fee per gas, rebroadcasting", "batch", f.batch.ID, "feeCap", last.GasFeeCap(), "max", s.cfg.MaxFeePerGasWei)
		return s.rebroadcast(ctx, f, now)
	}
	tx, err := s.signAndSend(ctx, f.nonce, f.gas, tip, feeCap, f.data)
	if isNonceTooLow(err) {
		f.lastSentAt = now.UnixNano()
		return nil
	}
	if err != nil {
		return fmt.Errorf("settler: replace batch %d transaction %s: %w", f.batch.ID, last.Hash(), err)
	}
	f.attempts = append(f.attempts, tx)
	f.lastSentAt = now.UnixNano()
	s.logger.Info("settlement gas bumped", "batch", f.batch.ID, "tx", tx.Hash(), "replaces", last.Hash(), "tip", tip, "feeCap", feeCap)
	return nil
}

// finalResult reports a batch with a confirmed receipt, or puts it back
// in the queue when its receipt reverted because the Exchange was paused.
func (s *Settler) finalResult(ctx context.Context, f *flight, receipt *types.Receipt) (Result, flightOutcome) {
	result := Result{
		Batch:       f.batch,
		Status:      StatusSettled,
		TxHash:      receipt.TxHash,
		BlockNumber: receipt.BlockNumber.Uint64(),
		BlockHash:   receipt.BlockHash,
		GasUsed:     receipt.GasUsed,
	}
	if receipt.Status == types.ReceiptStatusSuccessful {
		s.logger.Info("batch settled", "batch", f.batch.ID, "tx", receipt.TxHash, "block", receipt.BlockNumber, "gas", receipt.GasUsed)
		return result, flightReported
	}
	reason := s.replayRevert(ctx, f, receipt)
	if s.mayPutBack(reason) {
		s.putBackInQueue(f, receipt, reason)
		return Result{}, flightPutBack
	}
	result.Status = StatusReverted
	result.Err = fmt.Errorf("%w: batch %d (markets %v) reverted in transaction %s, block %d", ErrBatchReverted, f.batch.ID, f.batch.Markets, receipt.TxHash, receipt.BlockNumber)
	if reason != "" {
		result.Err = fmt.Errorf("%w: %s when replayed on the state after that block", result.Err, reason)
	}
	s.logger.Error("settlement reverted, halting its markets", "batch", f.batch.ID, "markets", f.batch.Markets, "tx", receipt.TxHash, "block", receipt.BlockNumber, "reason", reason)
	return result, flightReported
}

// replayRevert runs the reverted settle call again, as a gas estimate on
// the state after the block that included it. It returns the Exchange
// custom error of the replay, or "" when the replay does not revert with
// an error the Exchange ABI names. A receipt holds no revert data, and a
// replay is the one way to get it from any node. That state also holds
// the block's later transactions, so a replay can differ from the
// original call, so the error marks the reason as a replay's.
func (s *Settler) replayRevert(ctx context.Context, f *flight, receipt *types.Receipt) string {
	call := ethereum.CallMsg{From: s.cfg.Operator, To: &s.cfg.Exchange, Gas: receipt.GasUsed, Data: f.data}
	if f.gas > call.Gas {
		call.Gas = f.gas
	}
	_, err := s.backend.EstimateGasAtBlock(ctx, call, receipt.BlockNumber)
	if err == nil {
		return ""
	}
	return revertReason(err)
}
