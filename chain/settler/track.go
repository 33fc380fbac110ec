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
		result, done, err := s.track(ctx, f, head)
		if err != nil {
			errs = append(errs, err)
		}
		if done {
			*results = append(*results, result)
			continue
		}
		remaining = append(remaining, f)
	}
	clear(s.flights[len(remaining):])
	s.flights = remaining
	return errors.Join(errs...)
}

// track advances one batch: done is true once its receipt has the
// configured confirmations.
func (s *Settler) track(ctx context.Context, f *flight, head *types.Header) (Result, bool, error) {
	receipt, err := s.findReceipt(ctx, f)
	if err != nil {
		return Result{}, false, err
	}
	if receipt == nil {
		return Result{}, false, s.handleMissing(ctx, f, head)
	}
	if f.included == nil || f.included.BlockHash != receipt.BlockHash {
		s.logger.Info("settlement included", "batch", f.batch.ID, "tx", receipt.TxHash, "block", receipt.BlockNumber)
	}
	f.included = receipt
	block := receipt.BlockNumber.Uint64()
	if head.Number.Uint64() < block || head.Number.Uint64()-block+1 < s.cfg.Confirmations {
		return Result{}, false, nil
	}
	return s.finalResult(ctx, f, receipt), true, nil
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

func (s *Settler) finalResult(ctx context.Context, f *flight, receipt *types.Receipt) Result {
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
		return result
	}
	result.Status = StatusReverted
	result.Err = fmt.Errorf("%w: batch %d (markets %v) reverted in transaction %s, block %d", ErrBatchReverted, f.batch.ID, f.batch.Markets, receipt.TxHash, receipt.BlockNumber)
	reason := s.replayRevert(ctx, f, receipt)
	if reason != "" {
		result.Err = fmt.Errorf("%w: %s when replayed on the state after that block", result.Err, reason)
	}
	s.logger.Error("settlement reverted, halting its markets", "batch", f.batch.ID, "markets", f.batch.Markets, "tx", receipt.TxHash, "block", receipt.BlockNumber, "reason", reason)
	return result
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
