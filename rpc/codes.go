package rpc

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
)

// JSON-RPC error codes. The negative codes are those of JSON-RPC 2.0 and
// go-ethereum's server, which also produces them itself for malformed
// requests; the positive codes are ThaliumX's. Codes never change meaning.
const (
	CodeParseError       = -32700 // malformed JSON
	CodeInvalidRequest   = -32600 // not a JSON-RPC request, or a batch too large
	CodeMethodNotFound   = -32601 // unknown method, or a subscription over HTTP
	CodeInvalidParams    = -32602 // a parameter is missing, malformed, out of range or too precise
	CodeInternal         = -32603 // a fault of the node; it is logged
	CodeTimeout          = -32002 // the request timed out (go-ethereum)
	CodeResponseTooLarge = -32003 // a batch reply exceeds Config.BatchResponseBytesMax

	CodeInvalidSignature     = 4001 // not a 65-byte low-s signature with v of 0, 1, 27 or 28
	CodeSignerMismatch       = 4002 // the signature is valid but not the trader's
	CodeWrongChain           = 4003 // signed for, or naming, another chain
	CodeExpired              = 4004 // the order or withdrawal expires too soon
	CodeNonceCancelled       = 4005 // the order's nonce is below the trader's cancelUpTo nonce
	CodeReplayed             = 4006 // the order or withdrawal was accepted before, or its nonce was used
	CodeInsufficientBalance  = 4007 // the available balance is smaller than the hold or withdrawal
	CodeUnknownMarket        = 4008 // no market has this symbol or id
	CodePostOnlyWouldTake    = 4009 // a post-only order would trade on arrival
	CodeMarketHalted         = 4010 // the market stopped after a failed settlement
	CodeOrderRejected        = 4011 // the book rejects the order (full, stop on the wrong side, fee above the signed maximum)
	CodeNotOrderOwner        = 4012 // a cancel signed by another trader than the order's
	CodeNotFound             = 4040 // no order or record with this key
	CodeRateLimited          = 4290 // too many requests from this IP or orders from this trader
	CodeTooManySubscriptions = 4291 // the connection has Config.SubscriptionsPerConnectionMax subscriptions
	CodeUnavailable          = 5030 // the node cannot take requests now
)

// Error is a JSON-RPC error with a stable code, a message that names the
// field and the value, and structured data. It implements go-ethereum's
// rpc.Error and rpc.DataError.
type Error struct {
	Code    int
	Message string
	Data    ErrorData
	cause   error
}

// ErrorData is the "data" member of an error. Reason is a stable short name
// of the code; the other members are set where they apply.
type ErrorData struct {
	Reason string `json:"reason"`
	// Field and Value name the parameter at fault.
	Field string `json:"field,omitempty"`
	Value string `json:"value,omitempty"`
	// RetryAfterMs is how long a rate-limited caller should wait.
	RetryAfterMs int64 `json:"retryAfterMs,omitempty"`
	// Shortfall is set for an insufficient balance.
	Shortfall *ShortfallJSON `json:"shortfall,omitempty"`
	// Method, Params and ParamsSent are set for a call whose params have
	// the wrong shape: the method, the names of its positional parameters
	// in order ([] for a method without parameters), and how many
	// parameters were sent.
	Method     string   `json:"method,omitempty"`
	Params     []string `json:"params,omitzero"`
	ParamsSent int      `json:"paramsSent,omitempty"`
}

// ShortfallJSON is the amount a hold or withdrawal needed and the available
// balance it found.
type ShortfallJSON struct {
	ChainID        uint64         `json:"chainId"`
	Token          common.Address `json:"token"`
	Symbol         string         `json:"symbol,omitempty"`
	Needed         string         `json:"needed,omitempty"`
	NeededUnits    string         `json:"neededUnits"`
	Available      string         `json:"available,omitempty"`
	AvailableUnits string         `json:"availableUnits"`
}

// ErrorJSON is an error inside a result, in the form of a JSON-RPC error
// object.
type ErrorJSON struct {
	Code    int       `json:"code"`
	Message string    `json:"message"`
	Data    ErrorData `json:"data"`
}

func (e *Error) wire() *ErrorJSON { return &ErrorJSON{Code: e.Code, Message: e.Message, Data: e.Data} }

func (e *Error) Error() string  { return e.Message }
func (e *Error) ErrorCode() int { return e.Code }
func (e *Error) ErrorData() any { return e.Data }
func (e *Error) Unwrap() error  { return e.cause }

// codeRule maps the errors that wrap a sentinel to a code and a reason.
type codeRule struct {
	sentinels []error
	code      int
	reason    string
}

// codeRules is checked in order; the first rule with a matching sentinel
// wins, so the specific rules come before the general ones.
var codeRules = []codeRule{
	{[]error{ErrTooPrecise}, CodeInvalidParams, "precision"},
	{[]error{ErrRateLimited}, CodeRateLimited, "rate_limited"},
	{[]error{ErrTooManySubscriptions}, CodeTooManySubscriptions, "too_many_subscriptions"},
	{[]error{ErrWebSocketRequired}, CodeMethodNotFound, "websocket_required"},
	{[]error{ErrUnavailable, context.Canceled, context.DeadlineExceeded}, CodeUnavailable, "unavailable"},
	{[]error{ErrWrongChain, state.ErrUnknownChain}, CodeWrongChain, "wrong_chain"},
	{[]error{eip712.ErrSignerMismatch}, CodeSignerMismatch, "signer_mismatch"},
	{[]error{eip712.ErrSignatureLength, eip712.ErrInvalidV, eip712.ErrHighS, eip712.ErrInvalidSignature}, CodeInvalidSignature, "invalid_signature"},
	{[]error{state.ErrOrderExpired, state.ErrWithdrawalExpired, matching.ErrExpiryNotAfterLastTick}, CodeExpired, "expired"},
	{[]error{state.ErrNonceCancelled}, CodeNonceCancelled, "nonce_cancelled"},
	{[]error{state.ErrCancelledOnChain}, CodeNonceCancelled, "cancelled_on_chain"},
	{[]error{state.ErrOrderReplayed, ledger.ErrDuplicateWithdrawal}, CodeReplayed, "replayed"},
	{[]error{state.ErrImmediateNonceUsed}, CodeReplayed, "nonce_used"},
	{[]error{ledger.ErrInsufficientAvailable}, CodeInsufficientBalance, "insufficient_balance"},
	{[]error{state.ErrUnknownMarket}, CodeUnknownMarket, "unknown_market"},
	{[]error{matching.ErrPostOnlyWouldTake}, CodePostOnlyWouldTake, "post_only_would_take"},
	{[]error{state.ErrMarketHalted}, CodeMarketHalted, "market_halted"},
	{[]error{state.ErrNotOrderOwner}, CodeNotOrderOwner, "not_order_owner"},
	{[]error{ErrNotFound, ErrOrderNotOpen, state.ErrUnknownOrder, matching.ErrUnknownOrder}, CodeNotFound, "not_found"},
	{[]error{
		matching.ErrBookFull, matching.ErrStopBookFull, matching.ErrStopWrongSide,
		matching.ErrFeeAboveMax, matching.ErrDuplicateOrderID,
	}, CodeOrderRejected, "order_rejected"},
	{[]error{
		ErrInvalidParams, eip712.ErrInvalidField, eip712.ErrInvalidDomain, state.ErrInvalidEntry, state.ErrUnknownToken,
		matching.ErrInvalidSide, matching.ErrInvalidKind, matching.ErrInvalidTimeInForce, matching.ErrInvalidSelfTradeMode,
		matching.ErrZeroQuantity, matching.ErrQuantityTooLarge, matching.ErrZeroPrice, matching.ErrPriceTooHigh,
		matching.ErrInvalidTriggerPrice, matching.ErrPostOnlyNotAllowed, matching.ErrExpiryWithoutGTD,
		ledger.ErrZeroAmount, ledger.ErrInvalidTerms, ledger.ErrOverflow, ledger.ErrZeroOwner, ledger.ErrInvalidAsset,
	}, CodeInvalidParams, "invalid_params"},
}

// codeOf returns the code and reason of an error, or CodeInternal.
func codeOf(err error) (int, string) {
	for _, rule := range codeRules {
		for _, sentinel := range rule.sentinels {
			if errors.Is(err, sentinel) {
				return rule.code, rule.reason
			}
		}
	}
	return CodeInternal, "internal"
}

// paramError is a parameter at fault: its field path, its value as sent,
// and why it is rejected. It unwraps to ErrInvalidParams or ErrTooPrecise.
type paramError struct {
	field  string
	value  string
	reason string
	kind   error
}

func (e *paramError) Error() string {
	if e.value == "" {
		return fmt.Sprintf("%v: %s: %s", e.kind, e.field, e.reason)
	}
	return fmt.Sprintf("%v: %s %q: %s", e.kind, e.field, e.value, e.reason)
}

func (e *paramError) Unwrap() error { return e.kind }

// invalidParam returns a paramError of kind ErrInvalidParams.
func invalidParam(field, value, format string, args ...any) error {
	return &paramError{field: field, value: value, reason: fmt.Sprintf(format, args...), kind: ErrInvalidParams}
}

// valueMax bounds the length of a value quoted back in an error message.
const valueMax = 80

func clip(value string) string {
	if len(value) > valueMax {
		return value[:valueMax] + "..."
	}
	return value
}
