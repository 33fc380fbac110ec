package node

import (
	"errors"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
)

// rejectReasons label rejected requests in metrics, so that the label
// set stays small: the first sentinel the error matches names it.
var rejectReasons = []struct {
	err   error
	label string
}{
	{rpc.ErrUnavailable, "unavailable"},
	{eip712.ErrSignerMismatch, "signer_mismatch"},
	{eip712.ErrHighS, "high_s"},
	{eip712.ErrInvalidV, "invalid_v"},
	{eip712.ErrSignatureLength, "invalid_signature"},
	{eip712.ErrInvalidSignature, "invalid_signature"},
	{eip712.ErrInvalidField, "invalid_field"},
	{state.ErrUnknownChain, "unknown_chain"},
	{state.ErrUnknownMarket, "unknown_market"},
	{state.ErrMarketHalted, "market_halted"},
	{state.ErrUnknownToken, "unknown_token"},
	{state.ErrOrderReplayed, "replayed"},
	{state.ErrNonceCancelled, "nonce_cancelled"},
	{state.ErrImmediateNonceUsed, "nonce_used"},
	{state.ErrOrderExpired, "expired"},
	{state.ErrWithdrawalExpired, "expired"},
	{state.ErrUnknownOrder, "unknown_order"},
	{state.ErrNotOrderOwner, "not_order_owner"},
	{state.ErrInvalidEntry, "invalid_entry"},
	{ledger.ErrInsufficientAvailable, "insufficient_balance"},
	{ledger.ErrDuplicateWithdrawal, "duplicate_withdrawal"},
	{ledger.ErrDuplicateDeposit, "duplicate_deposit"},
	{matching.ErrPostOnlyWouldTake, "post_only_would_take"},
	{matching.ErrBookFull, "book_full"},
	{matching.ErrStopBookFull, "book_full"},
	{matching.ErrFeeAboveMax, "fee_above_max"},
	{matching.ErrPriceTooHigh, "out_of_range"},
	{matching.ErrQuantityTooLarge, "out_of_range"},
	{matching.ErrStopWrongSide, "stop_wrong_side"},
}

// rejectReason returns the metric label of a rejection.
func rejectReason(err error) string {
	for _, r := range rejectReasons {
		if errors.Is(err, r.err) {
			return r.label
		}
	}
	return "other"
}
