package settler

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
)

// pausedReason is the Exchange's custom error for settle while the
// Exchange is paused, as revertReason formats it.
const pausedReason = "IsPaused()"

// invalidBatchIDPrefix starts revertReason's text of the Exchange's
// InvalidBatchId(batchId, expected).
const invalidBatchIDPrefix = "InvalidBatchId("

// waitForUnpause marks the settler paused after a check of batch b
// reverted with reason, and b stays first in the queue. It logs once per
// pause, not once per step.
// REQUIRES: s.mu held.
func (s *Settler) waitForUnpause(b Batch, reason string) {
	if s.paused.Swap(true) {
		return
	}
	s.logger.Warn("exchange paused, settlement waits until its owner unpauses it",
		"batch", b.ID, "markets", b.Markets, "reason", reason, "batchesQueued", len(s.queue), "batchesSent", len(s.flights))
}

// resumeAfterPause clears the paused mark before batch b is sent, and
// logs it once.
// REQUIRES: s.mu held.
func (s *Settler) resumeAfterPause(b Batch) {
	if !s.paused.Swap(false) {
		return
	}
	s.logger.Info("exchange unpaused, settlement resumes", "batch", b.ID, "batchesQueued", len(s.queue))
}

// waitForFlights reports whether queued batches must wait for the
// outcomes of those already sent. That is so while the settler is paused
// with batches sent, because a sent batch that reverts goes back to the
// queue in front of the batches not yet sent. It is also so while a sent
// batch's receipt has reverted and lacks its confirmations: a batch sent
// after it would revert on chain, and one checked on the latest state
// would revert with InvalidBatchId, a revert that is final.
// REQUIRES: s.mu held.
func (s *Settler) waitForFlights() bool {
	if s.paused.Load() && len(s.flights) > 0 {
		return true
	}
	for _, f := range s.flights {
		if f.included != nil && f.included.Status != types.ReceiptStatusSuccessful {
			return true
		}
	}
	return false
}

// mayPutBack reports whether a sent batch whose confirmed receipt reverted
// with reason (replayRevert's) goes back to the queue instead of being
// reported. IsPaused() always does. InvalidBatchId does while an earlier
// batch is back in the queue, because the batch then reverted only for
// being sent before that one settled.
// REQUIRES: s.mu held.
func (s *Settler) mayPutBack(reason string) bool {
	return reason == pausedReason || (s.putBack > 0 && strings.HasPrefix(reason, invalidBatchIDPrefix))
}

// putBackInQueue moves the batch of f, whose receipt reverted, back into
// the queue after the batches put back before it, so that batches go out
// again in their order. Its next transaction takes a new nonce, because
// the reverted one used f.nonce. The Exchange settles each batch id once,
// and only after the one before it, so a batch put back cannot settle
// twice.
// REQUIRES: s.mu held.
func (s *Settler) putBackInQueue(f *flight, receipt *types.Receipt, reason string) {
	s.queue = slices.Insert(s.queue, s.putBack, f.batch)
	s.putBack++
	s.logger.Warn("settlement reverted while the Exchange was paused, the batch is sent again after the unpause",
		"batch", f.batch.ID, "tx", receipt.TxHash, "block", receipt.BlockNumber, "nonce", f.nonce, "reason", reason)
	s.waitForUnpause(f.batch, reason)
}

// popQueue removes the first queued batch.
// REQUIRES: s.mu held and len(s.queue) > 0.
func (s *Settler) popQueue() {
	s.queue = s.queue[1:]
	if s.putBack > 0 {
		s.putBack--
	}
}

// checkFixedLimit runs the settle call once with eth_call at
// Config.GasLimit on the latest state. The settler sends batches with a
// fixed limit unchecked, but not while the Exchange is paused, where each
// would revert on chain and use gas. It returns the revert, or err when
// the call failed without reverting.
// REQUIRES: s.mu held.
func (s *Settler) checkFixedLimit(ctx context.Context, id uint64, data []byte) (reverted, err error) {
	call := ethereum.CallMsg{From: s.cfg.Operator, To: &s.cfg.Exchange, Gas: s.cfg.GasLimit, Data: data}
	_, err = s.backend.CallContract(ctx, call, nil)
	switch {
	case err == nil:
		return nil, nil
	case isRevert(err):
		return err, nil
	}
	return nil, fmt.Errorf("settler: check batch %d while the Exchange is paused: %w", id, err)
}
