package rpc

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
)

// maxFeeBpsMax is 100%, the largest signed fee cap the protocol accepts.
const maxFeeBpsMax = 10_000

// parseOrder decodes an order object (OrderJSON, with either or both forms
// of each price and quantity) into its market and the order to sign.
func (s *Server) parseOrder(path string, raw validJSON) (state.MarketView, eip712.Order, error) {
	var m state.MarketView
	var o eip712.Order
	err := s.parseOrderFields(path, decodeObject(path, raw), &m, &o)
	return m, o, err
}

// parseOrderFields is parseOrder on a decoded object. It writes through
// pointers because the market view is large: on placeOrder's path, which
// runs on a goroutine of its own per call, frames of returned copies made
// every call grow its stack.
func (s *Server) parseOrderFields(path string, fields *objectFields, m *state.MarketView, o *eip712.Order) error {
	symbol, ok := fields.str("market")
	fields.require("market", ok)
	if fields.err != nil {
		return fields.err
	}
	var err error
	if *m, err = s.market(fields.name("market"), symbol); err != nil {
		return err
	}
	if chainID, ok := fields.uint("chainId"); ok && chainID != m.ChainID {
		return &paramError{field: fields.name("chainId"), value: fmt.Sprint(chainID), kind: ErrWrongChain,
			reason: fmt.Sprintf("%s trades on chain %d", m.Symbol, m.ChainID)}
	}
	if id, ok := fields.uint("marketId"); ok && id != uint64(m.ID) {
		fields.fail(invalidParam(fields.name("marketId"), fmt.Sprint(id), "%s is market %d", m.Symbol, m.ID))
	}
	o.Market = m.ID
	orderMembers(fields, m, o)
	if err := fields.finish(); err != nil {
		return err
	}
	return checkOrder(path, m, o)
}

// orderMembers takes every member of an order but its market.
func orderMembers(fields *objectFields, m *state.MarketView, o *eip712.Order) {
	var ok bool
	o.Trader, ok = fields.address("trader")
	fields.require("trader", ok)
	fields.require("side", fields.has("side"))
	o.Side = eip712.Side(fields.enum("side", sideNames, 0))
	o.Kind = eip712.Kind(fields.enum("kind", kindNames, uint8(eip712.Limit)))
	// A market order cannot rest, so its time in force defaults to IOC.
	defaultTIF := eip712.GTC
	if o.Kind == eip712.Market || o.Kind == eip712.StopMarket {
		defaultTIF = eip712.IOC
	}
	o.TimeInForce = eip712.TimeInForce(fields.enum("timeInForce", timeInForceNames, uint8(defaultTIF)))
	o.PostOnly = fields.boolean("postOnly")
	o.SelfTradePrevention = eip712.SelfTradePrevention(fields.enum("selfTradePrevention", selfTradeNames, 0))

	prices, quantities := priceScale(m), quantityScale(m)
	o.Price = steps(fields, "price", "priceTicks", prices, true)
	o.TriggerPrice = steps(fields, "triggerPrice", "triggerPriceTicks", prices, false)
	o.Quantity = steps(fields, "quantity", "quantityLots", quantities, true)

	o.MaxFeeBps = max(m.MakerFeeBps, m.TakerFeeBps)
	if fee, ok := fields.uintMax("maxFeeBps", maxFeeBpsMax); ok {
		o.MaxFeeBps = uint16(fee)
	}
	o.Nonce, ok = fields.uint("nonce")
	fields.require("nonce", ok)
	o.Expiry, _ = fields.uint("expiry")
}

// steps takes a value given as a decimal (decimalMember), as steps
// (stepsMember) or both, which must agree.
func steps(fields *objectFields, decimalMember, stepsMember string, sc scale, required bool) uint64 {
	text, hasDecimal := fields.str(decimalMember)
	n, hasSteps := fields.uint(stepsMember)
	if fields.err != nil {
		return 0
	}
	if !hasDecimal && !hasSteps {
		if required {
			fields.fail(invalidParam(fields.name(decimalMember), "", "%s; send %s or %s", missingReason, decimalMember, stepsMember))
		}
		return 0
	}
	if !hasDecimal {
		return n
	}
	fromDecimal, err := sc.toUint64Steps(fields.name(decimalMember), text)
	if err != nil {
		fields.fail(err)
		return 0
	}
	if hasSteps && fromDecimal != n {
		fields.fail(invalidParam(fields.name(stepsMember), fmt.Sprint(n), "disagrees with %s %q, which is %d; send one of them or make them agree",
			decimalMember, text, fromDecimal))
	}
	return fromDecimal
}

// checkOrder applies the protocol's field rules and the market's bounds.
func checkOrder(path string, m *state.MarketView, o *eip712.Order) error {
	if o.Price == 0 {
		return invalidParam(path+".price", "0", "must be above 0: a limit order signs its limit price, a market order its worst acceptable price")
	}
	if o.Quantity == 0 {
		return invalidParam(path+".quantity", "0", "must be above 0")
	}
	if err := checkTriggerAndExpiry(path, m, o); err != nil {
		return err
	}
	if err := o.Validate(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// The scales serve the messages only, so the accepted order, the
	// usual case, builds none.
	if o.Price > m.MaxPrice {
		prices := priceScale(m)
		return invalidParam(path+".price", prices.format(o.Price), "above the market's maximum price %s", prices.format(m.MaxPrice))
	}
	if o.TriggerPrice > m.MaxPrice {
		prices := priceScale(m)
		return invalidParam(path+".triggerPrice", prices.format(o.TriggerPrice), "above the market's maximum price %s", prices.format(m.MaxPrice))
	}
	if o.Quantity > m.MaxQuantity {
		quantities := quantityScale(m)
		return invalidParam(path+".quantity", quantities.format(o.Quantity), "above the market's maximum quantity %s", quantities.format(m.MaxQuantity))
	}
	return nil
}

// expirySecondsMax is the largest expiry accepted, in unix seconds (the
// year 5138). Every unix time in milliseconds after March 1973 is larger,
// so a larger expiry is a time in milliseconds sent by mistake. Signed, it
// would keep the order on the book, and its hash in every node's replay
// set, for millennia.
const expirySecondsMax = 99_999_999_999

// checkExpiry rejects an expiry that is a time in milliseconds.
func checkExpiry(field string, expiry uint64) error {
	if expiry > expirySecondsMax {
		return invalidParam(field, fmt.Sprint(expiry),
			"above %d, so it looks like unix milliseconds; send unix seconds (%d), or 0 for no expiry", expirySecondsMax, expiry/1000)
	}
	return nil
}

// checkTriggerAndExpiry checks the trigger price and the expiry against the
// order's kind and time in force, naming the field and the value as sent.
// o.Validate checks the same rules in ticks, without field paths.
func checkTriggerAndExpiry(path string, m *state.MarketView, o *eip712.Order) error {
	stop := o.Kind == eip712.StopLimit || o.Kind == eip712.StopMarket
	kind := enumName(kindNames, uint8(o.Kind))
	if stop && o.TriggerPrice == 0 {
		return invalidParam(path+".triggerPrice", "0", "a %s order needs a trigger price above 0", kind)
	}
	if !stop && o.TriggerPrice != 0 {
		return invalidParam(path+".triggerPrice", priceScale(m).format(o.TriggerPrice),
			"a %s order has no trigger price; leave it out, or use kind stopLimit or stopMarket", kind)
	}
	if o.TimeInForce == eip712.GTD && o.Expiry == 0 {
		return invalidParam(path+".expiry", "0",
			"a GTD order needs an expiry in unix seconds, at least %d s ahead; use GTC for an order that does not expire", state.ExpiryMarginSeconds)
	}
	return checkExpiry(path+".expiry", o.Expiry)
}

// parseCancel decodes a cancel object. Without chainId the chain is the
// order's, found by its hash.
func (s *Server) parseCancel(path string, raw validJSON) (uint64, eip712.Cancel, error) {
	var c eip712.Cancel
	fields := decodeObject(path, raw)
	chainID, hasChain := fields.uint("chainId")
	var ok bool
	c.Trader, ok = fields.address("trader")
	fields.require("trader", ok)
	c.OrderHash, ok = fields.hash("orderHash")
	fields.require("orderHash", ok)
	if err := fields.finish(); err != nil {
		return 0, c, err
	}
	if c.Trader == (common.Address{}) {
		return 0, c, invalidParam(path+".trader", c.Trader.Hex(), "is the zero address")
	}
	if !hasChain {
		info, err := s.backend.Order(c.OrderHash)
		if err != nil {
			return 0, c, fmt.Errorf("%s.orderHash %s: %w; to cancel an order this node does not know, send %s.chainId", path, c.OrderHash, err, path)
		}
		chainID = info.ChainID
	}
	if _, ok := s.backend.Domain(chainID); !ok {
		return 0, c, &paramError{field: path + ".chainId", value: fmt.Sprint(chainID), kind: ErrWrongChain,
			reason: "the node has no Exchange on this chain"}
	}
	return chainID, c, nil
}

// parseWithdrawal decodes a withdrawal object. The amount is in whole
// tokens (amount), base units (amountUnits) or both; without chainId the
// chain is the one market listing of the token.
func (s *Server) parseWithdrawal(path string, raw validJSON) (uint64, eip712.Withdrawal, error) {
	var w eip712.Withdrawal
	fields := decodeObject(path, raw)
	chainID, hasChain := fields.uint("chainId")
	var ok bool
	w.Trader, ok = fields.address("trader")
	fields.require("trader", ok)
	w.Token, ok = fields.address("token")
	fields.require("token", ok)
	amountText, hasAmount := fields.str("amount")
	unitsText, hasUnits := fields.str("amountUnits")
	w.Nonce, ok = fields.uint("nonce")
	fields.require("nonce", ok)
	w.Expiry, _ = fields.uint("expiry")
	if err := fields.finish(); err != nil {
		return 0, w, err
	}

	chainID, token, err := s.withdrawalToken(path, w.Token, chainID, hasChain)
	if err != nil {
		return 0, w, err
	}
	w.Amount, err = withdrawalAmount(path, token, amountText, hasAmount, unitsText, hasUnits)
	if err != nil {
		return 0, w, err
	}
	if err := checkExpiry(path+".expiry", w.Expiry); err != nil {
		return 0, w, err
	}
	if err := w.Validate(); err != nil {
		return 0, w, fmt.Errorf("%s: %w", path, err)
	}
	return chainID, w, nil
}

// withdrawalToken finds the chain and the decimals of a token that a
// market trades.
func (s *Server) withdrawalToken(path string, token common.Address, chainID uint64, hasChain bool) (uint64, tokenInfo, error) {
	x := s.index()
	if hasChain {
		t, ok := x.token(ledger.Asset{ChainID: chainID, Token: token})
		if !ok {
			return 0, t, &paramError{field: path + ".token", value: token.Hex(), kind: state.ErrUnknownToken,
				reason: fmt.Sprintf("no market on chain %d trades this token", chainID)}
		}
		return chainID, t, nil
	}
	var found []uint64
	var info tokenInfo
	for asset, t := range x.tokens {
		if asset.Token == token {
			found = append(found, asset.ChainID)
			info = t
		}
	}
	switch len(found) {
	case 0:
		return 0, info, &paramError{field: path + ".token", value: token.Hex(), kind: state.ErrUnknownToken,
			reason: "no market trades this token"}
	case 1:
		return found[0], info, nil
	}
	return 0, info, invalidParam(path+".chainId", "", "missing; the token trades on chains %v", found)
}

// withdrawalAmount returns the amount in base units from whole tokens,
// base units, or both, which must agree.
func withdrawalAmount(path string, t tokenInfo, text string, hasText bool, unitsText string, hasUnits bool) (*big.Int, error) {
	if !hasText && !hasUnits {
		return nil, invalidParam(path+".amount", "", "missing; send amount or amountUnits")
	}
	var units *big.Int
	if hasUnits {
		var err error
		if units, err = parseUnits(path+".amountUnits", unitsText); err != nil {
			return nil, err
		}
	}
	if !hasText {
		return units, nil
	}
	fromText, err := tokenScale(t.symbol, t.decimals).toSteps(path+".amount", text)
	if err != nil {
		return nil, err
	}
	if units != nil && units.Cmp(fromText) != 0 {
		return nil, invalidParam(path+".amountUnits", unitsText, "disagrees with amount %q, which is %s base units", text, fromText)
	}
	return fromText, nil
}

// domain returns the EIP-712 domain of a chain's Exchange.
func (s *Server) domain(chainID uint64) (eip712.Domain, error) {
	d, ok := s.backend.Domain(chainID)
	if !ok {
		return d, fmt.Errorf("%w: the node has no Exchange on chain %d", ErrWrongChain, chainID)
	}
	return d, nil
}

// TypedData returns the EIP-712 payload of an order, cancel or withdrawal
// given in human form, ready for eth_signTypedData_v4.
func (a *thxAPI) TypedData(ctx context.Context, request *validJSON) (*TypedDataJSON, error) {
	return call(a.s, ctx, "thx_typedData", func() (*TypedDataJSON, error) {
		if request == nil {
			return nil, missingArgument("request", "an object with one of order, cancel or withdrawal")
		}
		fields := decodeParam("request", "with one of order, cancel or withdrawal", *request)
		orderRaw, hasOrder := fields.raw("order")
		cancelRaw, hasCancel := fields.raw("cancel")
		withdrawalRaw, hasWithdrawal := fields.raw("withdrawal")
		if err := fields.finish(); err != nil {
			return nil, err
		}
		switch {
		case countTrue(hasOrder, hasCancel, hasWithdrawal) != 1:
			return nil, invalidParam("request", "", "%v", errNoMessage)
		case hasOrder:
			return a.s.orderTypedData(orderRaw)
		case hasCancel:
			return a.s.cancelTypedData(cancelRaw)
		}
		return a.s.withdrawalTypedData(withdrawalRaw)
	})
}

func countTrue(values ...bool) int {
	n := 0
	for _, v := range values {
		if v {
			n++
		}
	}
	return n
}

func (s *Server) orderTypedData(raw validJSON) (*TypedDataJSON, error) {
	m, o, err := s.parseOrder("order", raw)
	if err != nil {
		return nil, err
	}
	d, err := s.domain(m.ChainID)
	if err != nil {
		return nil, err
	}
	canonical := orderJSON(&m, &o)
	return typedDataReply(d.OrderTypedData(o), d.OrderHash(o), &TypedDataJSON{Order: &canonical})
}

func (s *Server) cancelTypedData(raw validJSON) (*TypedDataJSON, error) {
	chainID, c, err := s.parseCancel("cancel", raw)
	if err != nil {
		return nil, err
	}
	d, err := s.domain(chainID)
	if err != nil {
		return nil, err
	}
	canonical := CancelJSON{ChainID: chainID, Trader: c.Trader, OrderHash: c.OrderHash}
	return typedDataReply(d.CancelTypedData(c), d.CancelHash(c), &TypedDataJSON{Cancel: &canonical})
}

func (s *Server) withdrawalTypedData(raw validJSON) (*TypedDataJSON, error) {
	chainID, w, err := s.parseWithdrawal("withdrawal", raw)
	if err != nil {
		return nil, err
	}
	d, err := s.domain(chainID)
	if err != nil {
		return nil, err
	}
	canonical := s.withdrawalJSON(chainID, &w)
	return typedDataReply(d.WithdrawalTypedData(w), d.WithdrawalHash(w), &TypedDataJSON{Withdrawal: &canonical})
}

func (s *Server) withdrawalJSON(chainID uint64, w *eip712.Withdrawal) WithdrawalJSON {
	t, _ := s.index().token(ledger.Asset{ChainID: chainID, Token: w.Token})
	return WithdrawalJSON{
		ChainID: chainID, Trader: w.Trader, Token: w.Token,
		Amount: formatBigUnits(w.Amount, t.decimals), AmountUnits: w.Amount.String(),
		Nonce: Uint64(w.Nonce), Expiry: Uint64(w.Expiry),
	}
}

func typedDataReply(td apitypes.TypedData, hash common.Hash, out *TypedDataJSON) (*TypedDataJSON, error) {
	doc, err := eip712.SignTypedDataJSON(td)
	if err != nil {
		return nil, err
	}
	out.PrimaryType, out.Hash, out.TypedData = td.PrimaryType, hash, doc
	return out, nil
}

// PlaceOrder submits a signed order and returns once it is durable.
func (a *thxAPI) PlaceOrder(ctx context.Context, params *validJSON) (*OrderAckJSON, error) {
	return call(a.s, ctx, "thx_placeOrder", func() (*OrderAckJSON, error) {
		if params == nil {
			return nil, signedOrderParam.missing()
		}
		return a.placeOrder(ctx, "", *params)
	})
}

// decodeSignedOrder decodes placeOrder's {order, signature} into the
// order's market m, the order o and its signature. Path prefixes the names
// of its fields in errors.
func (s *Server) decodeSignedOrder(path string, params validJSON, m *state.MarketView, o *eip712.Order, sig *eip712.Signature) error {
	raw, sigText, err := decodeSignedAt(path, signedOrderParam, params)
	if err != nil {
		return err
	}
	orderPath := joinPath(path, "order")
	if err := s.parseOrderFields(orderPath, decodeObject(orderPath, raw), m, o); err != nil {
		return err
	}
	*sig, err = parseSignature(joinPath(path, "signature"), sigText)
	return err
}

// placeOrder places one signed order given as {order, signature}. Path
// prefixes the names of its fields in errors.
func (a *thxAPI) placeOrder(ctx context.Context, path string, params validJSON) (*OrderAckJSON, error) {
	var m state.MarketView
	var o eip712.Order
	var sig eip712.Signature
	if err := a.s.decodeSignedOrder(path, params, &m, &o, &sig); err != nil {
		return nil, err
	}
	if err := a.s.allowTrader(o.Trader); err != nil {
		return nil, err
	}
	ack, err := a.s.backend.PlaceOrder(ctx, &state.SignedOrder{ChainID: m.ChainID, Order: o, Signature: sig})
	if err != nil {
		// A follower passes on the sequencer's rejection as it came, with
		// fields that start with "order."; elementError adds the element.
		err = restateOrderRejection(err, joinPath(path, "order"), &m, &o)
		err = a.s.explainSigner(err, m.ChainID, o.Trader, sig, func(d eip712.Domain) common.Hash { return d.OrderHash(o) })
		if path != "" && (errors.Is(err, eip712.ErrSignerMismatch) || errors.Is(err, ErrWrongChain)) {
			// Name the element, as the errors of its fields do.
			err = fmt.Errorf("%s: %w", path, err)
		}
		return nil, err
	}
	return a.s.placeAckJSON(&m, &ack), nil
}

// PlaceOrdersMax bounds the orders of one thx_placeOrders call.
const PlaceOrdersMax = 100

// PlaceOrders submits up to PlaceOrdersMax signed orders at once and
// returns once each is durable or rejected, with one result per order in
// the order given. The orders are verified in parallel, so the log may
// hold them in any order. A rejected order does not affect the others.
// Only a params value that is not a list of 1 to PlaceOrdersMax elements
// fails the whole call. params is a pointer so that go-ethereum passes nil
// for a call without it, which gets an error naming signedOrders in place
// of go-ethereum's "missing value for required argument 0".
func (a *thxAPI) PlaceOrders(ctx context.Context, params *validJSON) ([]PlaceOrderResultJSON, error) {
	return call(a.s, ctx, "thx_placeOrders", func() ([]PlaceOrderResultJSON, error) {
		if params == nil {
			return nil, invalidParam("signedOrders", "", "%s; send params [[{order, signature}, ...]], a list of 1 to %d signed orders as the only parameter",
				missingReason, PlaceOrdersMax)
		}
		items, err := decodeList("signedOrders", *params, PlaceOrdersMax)
		if err != nil {
			return nil, err
		}
		// The call took one token of the caller's IP budget. Each further
		// order takes one more, as if it came in a call of its own.
		if err := a.s.allowIPN(ctx, len(items)-1); err != nil {
			return nil, err
		}
		results := make([]PlaceOrderResultJSON, len(items))
		var wg sync.WaitGroup
		for i, item := range items {
			wg.Go(func() {
				path := fmt.Sprintf("signedOrders[%d]", i)
				ack, err := a.placeOrder(ctx, path, item)
				if rpcErr := a.s.toError("thx_placeOrders", err); rpcErr != nil {
					results[i].Error = elementError(rpcErr, path)
					return
				}
				results[i].Ack = ack
			})
		}
		wg.Wait()
		return results, nil
	})
}

// elementError is the wire form of the error of one element of a list
// parameter. Some errors name no field of the element, such as an
// insufficient balance or a post-only order that would take. Those get
// the element's path as their field and at the head of their message, as
// the errors of the element's fields have it. A field named from inside
// the element, as in a rejection that a follower passes on from the
// sequencer ("order.expiry"), gets the path in front of it.
func elementError(e *Error, path string) *ErrorJSON {
	out := e.wire()
	switch {
	case out.Data.Field == "":
		out.Data.Field = path
	case !strings.HasPrefix(out.Data.Field, path):
		out.Data.Field = path + "." + out.Data.Field
	}
	if !strings.HasPrefix(out.Message, path) && !strings.Contains(out.Message, " "+path) {
		out.Message = path + ": " + out.Message
	}
	return out
}

// CancelOrder submits a signed cancel and returns once it is durable.
func (a *thxAPI) CancelOrder(ctx context.Context, params *validJSON) (*OrderAckJSON, error) {
	return call(a.s, ctx, "thx_cancelOrder", func() (*OrderAckJSON, error) {
		if params == nil {
			return nil, signedCancelParam.missing()
		}
		raw, sigText, err := decodeSigned(*params, signedCancelParam)
		if err != nil {
			return nil, err
		}
		chainID, c, err := a.s.parseCancel("cancel", raw)
		if err != nil {
			return nil, err
		}
		sig, err := parseSignature("signature", sigText)
		if err != nil {
			return nil, err
		}
		if err := a.s.allowTrader(c.Trader); err != nil {
			return nil, err
		}
		ack, err := a.s.backend.CancelOrder(ctx, &state.SignedCancel{ChainID: chainID, Cancel: c, Signature: sig})
		if errors.Is(err, state.ErrUnknownOrder) {
			return nil, explainNotOpen(a.s.backend, err, c.OrderHash)
		}
		if err != nil {
			return nil, a.s.explainSigner(err, chainID, c.Trader, sig, func(d eip712.Domain) common.Hash { return d.CancelHash(c) })
		}
		return a.s.orderAckJSON(&ack), nil
	})
}

// explainNotOpen replaces the error of a cancel of no open order with the
// order's status when the node has a record of the order.
func explainNotOpen(backend Backend, err error, hash common.Hash) error {
	info, lookupErr := backend.Order(hash)
	if lookupErr != nil || info.Status == state.StatusOpen {
		return err
	}
	return fmt.Errorf("%w: order %s is %s; only an open order can be cancelled", ErrOrderNotOpen, hash, info.Status)
}

// Withdraw submits a signed withdrawal and returns once it is durable.
func (a *thxAPI) Withdraw(ctx context.Context, params *validJSON) (*WithdrawalAckJSON, error) {
	return call(a.s, ctx, "thx_withdraw", func() (*WithdrawalAckJSON, error) {
		if params == nil {
			return nil, signedWithdrawalParam.missing()
		}
		raw, sigText, err := decodeSigned(*params, signedWithdrawalParam)
		if err != nil {
			return nil, err
		}
		chainID, w, err := a.s.parseWithdrawal("withdrawal", raw)
		if err != nil {
			return nil, err
		}
		sig, err := parseSignature("signature", sigText)
		if err != nil {
			return nil, err
		}
		if err := a.s.allowTrader(w.Trader); err != nil {
			return nil, err
		}
		ack, err := a.s.backend.Withdraw(ctx, &state.SignedWithdrawal{ChainID: chainID, Withdrawal: w, Signature: sig})
		if errors.Is(err, ledger.ErrDuplicateWithdrawal) {
			return nil, a.s.explainDuplicateWithdrawal(err, chainID, w)
		}
		if errors.Is(err, state.ErrWithdrawalExpired) {
			return nil, restateExpiry(err, "withdrawal.expiry")
		}
		if err != nil {
			return nil, a.s.explainSigner(err, chainID, w.Trader, sig, func(d eip712.Domain) common.Hash { return d.WithdrawalHash(w) })
		}
		return &WithdrawalAckJSON{Seq: ack.Seq, Withdrawal: a.s.index().withdrawalInfoJSON(&ack.Withdrawal)}, nil
	})
}

// explainDuplicateWithdrawal restates the rejection of a withdrawal whose
// nonce an earlier withdrawal of the trader used, with the next step. The
// message it replaces names the hash without 0x.
func (s *Server) explainDuplicateWithdrawal(err error, chainID uint64, w eip712.Withdrawal) error {
	d, ok := s.backend.Domain(chainID)
	if !ok {
		return err
	}
	param := &paramError{field: "withdrawal.nonce", value: fmt.Sprint(w.Nonce), reason: "already requested", kind: err}
	return &restatedError{err: param, message: fmt.Sprintf("%v: withdrawal %s: an earlier withdrawal of %s used nonce %d, and the Exchange takes each withdrawal nonce once; thx_withdrawals lists the trader's withdrawals, and a new withdrawal needs another nonce",
		ledger.ErrDuplicateWithdrawal, d.WithdrawalHash(w), w.Trader.Hex(), w.Nonce)}
}

func (s *Server) orderAckJSON(ack *OrderAck) *OrderAckJSON {
	return ackJSON(s.index(), ack)
}

// placeAckJSON is orderAckJSON for the ack of an order placed in market
// m. The order and its trades are in m, so an index of m alone converts
// them, without copying and indexing every listed market.
func (s *Server) placeAckJSON(m *state.MarketView, ack *OrderAck) *OrderAckJSON {
	return ackJSON(newMarketIndex([]state.MarketView{*m}), ack)
}

func ackJSON(x *marketIndex, ack *OrderAck) *OrderAckJSON {
	return &OrderAckJSON{Seq: ack.Seq, Time: ack.Time, Order: x.orderInfoJSON(&ack.Order), Trades: x.tradesJSON(ack.Trades)}
}

// explainSigner turns a signer mismatch into a wrong-chain error when the
// signature is the trader's over the same message in another chain's
// domain, the usual cause being a wallet connected to another network. It
// costs one recovery per other chain, on the error path only.
func (s *Server) explainSigner(err error, chainID uint64, trader common.Address, sig eip712.Signature, digest func(eip712.Domain) common.Hash) error {
	if !errors.Is(err, eip712.ErrSignerMismatch) {
		return err
	}
	for _, other := range s.chainIDs() {
		if other == chainID {
			continue
		}
		d, ok := s.backend.Domain(other)
		if !ok {
			continue
		}
		if signer, rerr := eip712.Recover(digest(d), sig[:]); rerr == nil && signer == trader {
			return fmt.Errorf("%w: the signature is %s's for the Exchange on chain %d, but the message is for chain %d; sign the typedData of thx_typedData on chain %d",
				ErrWrongChain, trader.Hex(), other, chainID, chainID)
		}
	}
	// A wallet on a network the node does not serve, or a domain with
	// another Exchange, also yields a signature of a stranger.
	if d, ok := s.backend.Domain(chainID); ok {
		return fmt.Errorf("%w; a signature made for another chain id or contract gives this error, so sign the typedData of thx_typedData, whose domain is chain %d and Exchange %s",
			err, chainID, d.VerifyingContract.Hex())
	}
	return err
}

// chainIDs returns the chains with a listed market, in the order first
// listed.
func (s *Server) chainIDs() []uint64 {
	var ids []uint64
	seen := map[uint64]bool{}
	for _, m := range s.backend.Markets() {
		if !seen[m.ChainID] {
			seen[m.ChainID] = true
			ids = append(ids, m.ChainID)
		}
	}
	return ids
}
