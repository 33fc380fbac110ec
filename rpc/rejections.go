package rpc

import (
	"errors"
	"fmt"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/state"
)

// restatedError is a rejection with a message for the trader in place of
// the state machine's. It unwraps to the original, so its code stays.
type restatedError struct {
	message string
	err     error
}

func (e *restatedError) Error() string { return e.message }
func (e *restatedError) Unwrap() error { return e.err }

// rejectionMessage returns the message of a rejected request without the
// log position, entry type, order id and order hash that the state machine
// and the book add to it for the node's logs.
func rejectionMessage(err error) string {
	var restated *restatedError
	if errors.As(err, &restated) {
		return restated.message
	}
	var rejected *matching.RejectError
	if errors.As(err, &rejected) {
		return fmt.Sprintf("%v: %s", rejected.Unwrap(), rejected.Detail)
	}
	var entry *state.EntryError
	if errors.As(err, &entry) {
		return entry.Err.Error()
	}
	return err.Error()
}

// restateOrderRejection restates a book's rejection of order o, whose
// prices are in ticks, with the prices in m's quote token and the ticks in
// parentheses. It adds the next step to a replay's rejection, names the
// nonce in the data of a used immediate-order nonce's, and restates an
// expiry's. Path is the order's field path, such as "order", for the
// fields that the data names. Other errors are returned as they are.
func restateOrderRejection(err error, path string, m *state.MarketView, o *eip712.Order) error {
	if errors.Is(err, state.ErrOrderReplayed) {
		// The data names the nonce, which a new order must change.
		param := &paramError{field: path + ".nonce", value: fmt.Sprint(o.Nonce), reason: "already placed", kind: err}
		return &restatedError{err: param, message: rejectionMessage(err) + "; thx_order shows its status, and a new order needs another nonce"}
	}
	if errors.Is(err, state.ErrImmediateNonceUsed) {
		// The state machine's message already states which nonce to sign.
		param := &paramError{field: path + ".nonce", value: fmt.Sprint(o.Nonce), reason: "already used by an immediate order", kind: err}
		return &restatedError{err: param, message: rejectionMessage(err)}
	}
	if errors.Is(err, state.ErrOrderExpired) {
		return restateExpiry(err, path+".expiry")
	}
	var rejected *matching.RejectError
	if !errors.As(err, &rejected) {
		return err
	}
	if rejected.Reason == matching.ReasonFeeAboveMax {
		return restateFeeRejection(err, path+".maxFeeBps", rejected, m, o)
	}
	if rejected.Price == 0 && rejected.Limit == 0 {
		return err
	}
	prices := priceScale(m)
	price := func(ticks uint64) string {
		return fmt.Sprintf("%s (%d ticks)", prices.format(ticks), ticks)
	}
	side, opposite := "buy", "sell"
	if o.Side == eip712.Sell {
		side, opposite = "sell", "buy"
	}

	var detail string
	switch rejected.Reason {
	case matching.ReasonPostOnlyWouldTake:
		detail = fmt.Sprintf("price %s crosses the best %s at %s; send a price that does not cross, or drop postOnly to trade",
			price(rejected.Price), opposite, price(rejected.Limit))
	case matching.ReasonPriceTooHigh:
		detail = fmt.Sprintf("price %s is above the %s maximum of %s", price(rejected.Price), m.Symbol, price(rejected.Limit))
	case matching.ReasonStopWrongSide:
		relation := "above"
		if side == "sell" {
			relation = "below"
		}
		detail = fmt.Sprintf("%s stop trigger price %s is not %s the last trade price %s, so the stop would trigger at once",
			side, price(rejected.Price), relation, price(rejected.Limit))
	default:
		return err
	}
	return &restatedError{message: fmt.Sprintf("%v: %s", rejected.Unwrap(), detail), err: err}
}

// restateFeeRejection names the signed maxFeeBps and the market's fee
// rate that it is below: the taker fee, or the maker fee for a post-only
// order, which never takes. The data carries the field and its value.
func restateFeeRejection(err error, field string, rejected *matching.RejectError, m *state.MarketView, o *eip712.Order) error {
	role, fee := "taker", m.TakerFeeBps
	if o.PostOnly || m.TakerFeeBps <= o.MaxFeeBps {
		role, fee = "maker", m.MakerFeeBps
	}
	reason := fmt.Sprintf("below the %s %s fee of %d bps; sign maxFeeBps of at least %d, or leave it out to sign the larger of the market's fees",
		m.Symbol, role, fee, fee)
	param := &paramError{field: field, value: fmt.Sprint(o.MaxFeeBps), reason: reason, kind: err}
	return &restatedError{message: fmt.Sprintf("%v: %s %d is %s", rejected.Unwrap(), field, o.MaxFeeBps, reason), err: param}
}

// restateExpiry restates the rejection of an order or a withdrawal that
// expires too soon, where the state machine's message mixes the signed
// expiry in seconds with the entry's time in milliseconds. It states both
// in unix seconds, the margin, and the earliest expiry to sign instead;
// the data names the expiry's field and value. Other errors are returned
// as they are.
func restateExpiry(err error, field string) error {
	var expired *state.ExpiryError
	if !errors.As(err, &expired) {
		return err
	}
	nowSeconds := expired.EntryTimeMs / 1000
	distance := fmt.Sprintf("%d s after", expired.ExpirySeconds-nowSeconds)
	if expired.ExpirySeconds < nowSeconds {
		distance = fmt.Sprintf("%d s before", nowSeconds-expired.ExpirySeconds)
	}
	kind, settles := "An order", "its trades settle"
	if errors.Is(err, state.ErrWithdrawalExpired) {
		kind, settles = "A withdrawal", "it settles"
	}
	// The state machine takes an expiry above the entry's time plus the
	// margin, so the next whole second after that sum is the earliest.
	earliest := nowSeconds + state.ExpiryMarginSeconds + 1
	reason := fmt.Sprintf("is %s the node's time %d (unix seconds). %s must expire more than %d s after the node's time, "+
		"so that %s on chain before it expires. Sign it again with an expiry of at least %d, plus the time that signing and sending take",
		distance, nowSeconds, kind, state.ExpiryMarginSeconds, settles, earliest)
	value := fmt.Sprint(expired.ExpirySeconds)
	param := &paramError{field: field, value: value, reason: reason, kind: err}
	return &restatedError{message: fmt.Sprintf("%v: %s %s %s", expired.Err, field, value, reason), err: param}
}

// ExplainRejection returns the error that thx_placeOrder, or
// thx_cancelOrder when cancel is set, returns for a request that backend
// rejected with err. A sequencer sends it to its followers for the orders
// and cancels they gossiped, so that a follower's caller gets the same
// error as the sequencer's own.
//
// NOTE: the explanation of a signer mismatch that thx_placeOrder adds is
// left out, because the p2p host checks the signature of a gossiped
// request before the sequencer takes it.
func ExplainRejection(backend Backend, err error, order *state.SignedOrder, cancel *state.SignedCancel) *Error {
	x := newMarketIndex(backend.Markets())
	switch {
	case order != nil:
		if m, ok := x.market(state.MarketKey{ChainID: order.ChainID, ID: order.Order.Market}); ok {
			err = restateOrderRejection(err, "order", m, &order.Order)
		}
	case cancel != nil && errors.Is(err, state.ErrUnknownOrder):
		err = explainNotOpen(backend, err, cancel.Cancel.OrderHash)
	}
	return errorOf(x, err)
}
