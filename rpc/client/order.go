package client

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	"github.com/shopspring/decimal"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/rpc"
)

// Names of the enumerations on the wire, indexed by their EIP-712 code
// (docs/RPC.md).
var (
	sideNames        = []string{"buy", "sell"}
	kindNames        = []string{"limit", "market", "stopLimit", "stopMarket"}
	timeInForceNames = []string{"GTC", "GTD", "IOC", "FOK"}
	selfTradeNames   = []string{"cancelNewest", "cancelOldest", "cancelBoth"}
)

// OrderRequest is an order in human form: decimal price and quantity in
// whole tokens. An empty Kind is a limit order, and an empty TimeInForce
// is GTC, or IOC for market orders. An empty SelfTradePrevention is
// cancelNewest, and a nil MaxFeeBps the larger of the market's fees.
type OrderRequest struct {
	Market              string         `json:"market"`
	Trader              common.Address `json:"trader"`
	Side                string         `json:"side"`
	Kind                string         `json:"kind"`
	TimeInForce         string         `json:"timeInForce"`
	PostOnly            bool           `json:"postOnly"`
	SelfTradePrevention string         `json:"selfTradePrevention"`
	Price               string         `json:"price"`
	TriggerPrice        string         `json:"triggerPrice,omitempty"`
	Quantity            string         `json:"quantity"`
	MaxFeeBps           *uint16        `json:"maxFeeBps,omitempty"`
	Nonce               rpc.Uint64     `json:"nonce"`
	// Expiry is in unix seconds; 0 means none.
	Expiry rpc.Uint64 `json:"expiry"`
}

// SignedOrder is the params object of thx_placeOrder.
type SignedOrder struct {
	// Order is the order object sent: the canonical OrderJSON from
	// thx_typedData, or the integer form of NewSignedOrder.
	Order     any           `json:"order"`
	Signature hexutil.Bytes `json:"signature"`
	// Hash is the order hash, the EIP-712 digest that was signed.
	Hash common.Hash `json:"-"`
}

// SignedCancel is the params object of thx_cancelOrder.
type SignedCancel struct {
	Cancel    rpc.CancelJSON `json:"cancel"`
	Signature hexutil.Bytes  `json:"signature"`
}

// PreparedOrder is an order that the node turned into its EIP-712
// payload and this package checked against the request, ready to sign.
type PreparedOrder struct {
	order  *rpc.OrderJSON
	trader common.Address
	hash   common.Hash
}

// Hash returns the order hash, the EIP-712 digest that Sign signs.
func (p *PreparedOrder) Hash() common.Hash { return p.hash }

// PrepareOrder requests the EIP-712 payload of req from the node
// (thx_typedData) and checks that it is req on the market's chain and
// Exchange. It needs no key, so a caller can learn that the node rejects
// the order's fields before it unlocks one.
func (c *Client) PrepareOrder(ctx context.Context, req OrderRequest) (PreparedOrder, error) {
	market, err := c.Market(ctx, req.Market)
	if err != nil {
		return PreparedOrder{}, err
	}
	if err := completeOrder(&req, &market); err != nil {
		return PreparedOrder{}, err
	}

	var reply rpc.TypedDataJSON
	if err := c.rpc.CallContext(ctx, &reply, "thx_typedData", map[string]any{"order": req}); err != nil {
		return PreparedOrder{}, err
	}
	if reply.Order == nil || reply.PrimaryType != "Order" {
		return PreparedOrder{}, fmt.Errorf("%w: reply has primary type %q and no order", ErrPayloadMismatch, reply.PrimaryType)
	}
	order, err := checkOrderReply(&req, &market, reply.Order)
	if err != nil {
		return PreparedOrder{}, err
	}

	domain := eip712.Domain{ChainID: market.ChainID, VerifyingContract: market.Exchange}
	hash := domain.OrderHash(order)
	if err := checkDigest(hash, &reply); err != nil {
		return PreparedOrder{}, err
	}
	return PreparedOrder{order: reply.Order, trader: req.Trader, hash: hash}, nil
}

// Sign signs the prepared order with key, which must be its trader's.
func (p *PreparedOrder) Sign(key *ecdsa.PrivateKey) (SignedOrder, error) {
	if p.order == nil {
		return SignedOrder{}, fmt.Errorf("%w: the order was not prepared; call PrepareOrder first", ErrInvalidRequest)
	}
	if got := crypto.PubkeyToAddress(key.PublicKey); got != p.trader {
		return SignedOrder{}, fmt.Errorf("%w: the key is account %s, not the order's trader %s", ErrInvalidRequest, got, p.trader)
	}
	sig, err := eip712.Sign(p.hash, key)
	if err != nil {
		return SignedOrder{}, err
	}
	return SignedOrder{Order: p.order, Signature: sig[:], Hash: p.hash}, nil
}

// SignOrder prepares req (PrepareOrder) and signs it with key, which must
// be req.Trader's.
func (c *Client) SignOrder(ctx context.Context, req OrderRequest, key *ecdsa.PrivateKey) (SignedOrder, error) {
	if got := crypto.PubkeyToAddress(key.PublicKey); got != req.Trader {
		return SignedOrder{}, fmt.Errorf("%w: the key is account %s, not the order's trader %s", ErrInvalidRequest, got, req.Trader)
	}
	prepared, err := c.PrepareOrder(ctx, req)
	if err != nil {
		return SignedOrder{}, err
	}
	return prepared.Sign(key)
}

// PlaceOrder submits a signed order and returns once the node has
// sequenced it and made it durable.
func (c *Client) PlaceOrder(ctx context.Context, order SignedOrder) (rpc.OrderAckJSON, error) {
	var out rpc.OrderAckJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_placeOrder", order)
}

// PlaceOrders submits 1 to rpc.PlaceOrdersMax signed orders in one call.
// The result has one element per order, in the order given, which
// contains its acknowledgement or its error, so one bad order does not
// stop the others. The node may sequence the orders in any order (docs/RPC.md,
// thx_placeOrders). The error is for the call as a whole, such as an
// empty list or a rate limit of the client's IP.
func (c *Client) PlaceOrders(ctx context.Context, orders []SignedOrder) ([]rpc.PlaceOrderResultJSON, error) {
	var out []rpc.PlaceOrderResultJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_placeOrders", orders)
}

// SignCancel requests the EIP-712 payload of a cancel of the order with
// hash from the node, checks it against the order's market and signs it
// with the key of trader.
func (c *Client) SignCancel(ctx context.Context, trader common.Address, hash common.Hash, key *ecdsa.PrivateKey) (SignedCancel, error) {
	if got := crypto.PubkeyToAddress(key.PublicKey); got != trader {
		return SignedCancel{}, fmt.Errorf("%w: the key is account %s, not the trader %s", ErrInvalidRequest, got, trader)
	}
	order, err := c.Order(ctx, hash)
	if err != nil {
		return SignedCancel{}, err
	}
	market, err := c.Market(ctx, order.Market)
	if err != nil {
		return SignedCancel{}, err
	}

	var reply rpc.TypedDataJSON
	params := map[string]any{"cancel": rpc.CancelJSON{ChainID: market.ChainID, Trader: trader, OrderHash: hash}}
	if err := c.rpc.CallContext(ctx, &reply, "thx_typedData", params); err != nil {
		return SignedCancel{}, err
	}
	got := reply.Cancel
	if got == nil || got.Trader != trader || got.OrderHash != hash || got.ChainID != market.ChainID {
		return SignedCancel{}, fmt.Errorf("%w: requested a cancel of %s by %s on chain %d, got %+v", ErrPayloadMismatch, hash, trader, market.ChainID, got)
	}

	domain := eip712.Domain{ChainID: market.ChainID, VerifyingContract: market.Exchange}
	digest := domain.CancelHash(eip712.Cancel{Trader: trader, OrderHash: hash})
	if err := checkDigest(digest, &reply); err != nil {
		return SignedCancel{}, err
	}
	sig, err := eip712.Sign(digest, key)
	if err != nil {
		return SignedCancel{}, err
	}
	return SignedCancel{Cancel: *got, Signature: sig[:]}, nil
}

// CancelOrder submits a signed cancel and returns once it is durable.
func (c *Client) CancelOrder(ctx context.Context, cancel SignedCancel) (rpc.OrderAckJSON, error) {
	var out rpc.OrderAckJSON
	return out, c.rpc.CallContext(ctx, &out, "thx_cancelOrder", cancel)
}

// checkDigest checks that the reply's hash and the digest of its typed
// data document both equal the digest computed here.
func checkDigest(want common.Hash, reply *rpc.TypedDataJSON) error {
	if reply.Hash != want {
		return fmt.Errorf("%w: the node's digest is %s, the message's is %s", ErrPayloadMismatch, reply.Hash, want)
	}
	var doc apitypes.TypedData
	if err := json.Unmarshal(reply.TypedData, &doc); err != nil {
		return fmt.Errorf("%w: typed data document: %v", ErrPayloadMismatch, err)
	}
	docHash, err := eip712.HashTypedData(doc)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrPayloadMismatch, err)
	}
	if docHash != want {
		return fmt.Errorf("%w: the typed data document hashes to %s, the message to %s", ErrPayloadMismatch, docHash, want)
	}
	return nil
}

// completeOrder fills the defaults of an order request and checks its
// names, so that every field sent is explicit.
func completeOrder(req *OrderRequest, m *rpc.MarketJSON) error {
	if req.Kind == "" {
		req.Kind = kindNames[eip712.Limit]
	}
	kind, err := enumCode("kind", kindNames, req.Kind)
	if err != nil {
		return err
	}
	if req.TimeInForce == "" {
		req.TimeInForce = timeInForceNames[eip712.GTC]
		if eip712.Kind(kind) == eip712.Market || eip712.Kind(kind) == eip712.StopMarket {
			req.TimeInForce = timeInForceNames[eip712.IOC]
		}
	}
	if req.SelfTradePrevention == "" {
		req.SelfTradePrevention = selfTradeNames[eip712.CancelNewest]
	}
	if req.MaxFeeBps == nil {
		fee := max(m.MakerFeeBps, m.TakerFeeBps)
		req.MaxFeeBps = &fee
	}
	for _, field := range []struct {
		name, value string
		names       []string
	}{
		{"side", req.Side, sideNames}, {"timeInForce", req.TimeInForce, timeInForceNames},
		{"selfTradePrevention", req.SelfTradePrevention, selfTradeNames},
	} {
		if _, err := enumCode(field.name, field.names, field.value); err != nil {
			return err
		}
	}
	return nil
}

// enumCode returns the EIP-712 code of a name, matched without regard to
// case as the node matches it.
func enumCode(field string, names []string, name string) (uint8, error) {
	for code, n := range names {
		if strings.EqualFold(n, name) {
			return uint8(code), nil
		}
	}
	return 0, fmt.Errorf("%w: %s %q, expected one of %s", ErrInvalidRequest, field, name, strings.Join(names, ", "))
}

// checkOrderReply checks the canonical order of a thx_typedData reply
// against the request and the market, and returns the order it signs.
func checkOrderReply(req *OrderRequest, m *rpc.MarketJSON, got *rpc.OrderJSON) (eip712.Order, error) {
	mismatch := func(field string, want, have any) error {
		return fmt.Errorf("%w: order.%s is %v, expected %v", ErrPayloadMismatch, field, have, want)
	}
	o, err := orderFromJSON(got)
	if err != nil {
		return o, fmt.Errorf("%w: %v", ErrPayloadMismatch, err)
	}
	switch {
	case got.Market != m.Symbol || got.MarketID != m.MarketID || got.ChainID != m.ChainID:
		return o, mismatch("market", fmt.Sprintf("%s (id %d on chain %d)", m.Symbol, m.MarketID, m.ChainID),
			fmt.Sprintf("%s (id %d on chain %d)", got.Market, got.MarketID, got.ChainID))
	case got.Trader != req.Trader:
		return o, mismatch("trader", req.Trader, got.Trader)
	case !strings.EqualFold(got.Side, req.Side):
		return o, mismatch("side", req.Side, got.Side)
	case !strings.EqualFold(got.Kind, req.Kind):
		return o, mismatch("kind", req.Kind, got.Kind)
	case !strings.EqualFold(got.TimeInForce, req.TimeInForce):
		return o, mismatch("timeInForce", req.TimeInForce, got.TimeInForce)
	case !strings.EqualFold(got.SelfTradePrevention, req.SelfTradePrevention):
		return o, mismatch("selfTradePrevention", req.SelfTradePrevention, got.SelfTradePrevention)
	case got.PostOnly != req.PostOnly:
		return o, mismatch("postOnly", req.PostOnly, got.PostOnly)
	case got.MaxFeeBps != *req.MaxFeeBps:
		return o, mismatch("maxFeeBps", *req.MaxFeeBps, got.MaxFeeBps)
	case got.Nonce != req.Nonce || got.Expiry != req.Expiry:
		return o, mismatch("nonce and expiry", fmt.Sprint(req.Nonce, " ", req.Expiry), fmt.Sprint(got.Nonce, " ", got.Expiry))
	}
	steps := []struct {
		field, want, have, step string
		count                   rpc.Uint64
	}{
		{"price", req.Price, got.Price, m.TickSize, got.PriceTicks},
		{"triggerPrice", orZero(req.TriggerPrice), got.TriggerPrice, m.TickSize, got.TriggerPriceTicks},
		{"quantity", req.Quantity, got.Quantity, m.LotSize, got.QuantityLots},
	}
	for _, s := range steps {
		if err := checkSteps(s.field, s.want, s.have, s.step, uint64(s.count)); err != nil {
			return o, err
		}
	}
	return o, nil
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// checkSteps checks that a decimal field has the requested value and that
// its integer form times the market's step is that value.
func checkSteps(field, want, have, step string, count uint64) error {
	wantValue, err := decimal.NewFromString(want)
	if err != nil {
		return fmt.Errorf("%w: order.%s %q is not a decimal number", ErrInvalidRequest, field, want)
	}
	haveValue, err1 := decimal.NewFromString(have)
	stepValue, err2 := decimal.NewFromString(step)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("%w: order.%s %q or step %q is not a decimal number", ErrPayloadMismatch, field, have, step)
	}
	if !haveValue.Equal(wantValue) {
		return fmt.Errorf("%w: order.%s is %s, expected %s", ErrPayloadMismatch, field, have, want)
	}
	if !decimal.NewFromUint64(count).Mul(stepValue).Equal(haveValue) {
		return fmt.Errorf("%w: order.%s %s is not %d steps of %s", ErrPayloadMismatch, field, have, count, step)
	}
	return nil
}

// orderFromJSON converts the integer fields of a canonical order.
func orderFromJSON(j *rpc.OrderJSON) (eip712.Order, error) {
	o := eip712.Order{
		Trader: j.Trader, Market: j.MarketID, PostOnly: j.PostOnly,
		Price: uint64(j.PriceTicks), TriggerPrice: uint64(j.TriggerPriceTicks), Quantity: uint64(j.QuantityLots),
		MaxFeeBps: j.MaxFeeBps, Nonce: uint64(j.Nonce), Expiry: uint64(j.Expiry),
	}
	side, err := enumCode("side", sideNames, j.Side)
	if err != nil {
		return o, err
	}
	kind, err := enumCode("kind", kindNames, j.Kind)
	if err != nil {
		return o, err
	}
	tif, err := enumCode("timeInForce", timeInForceNames, j.TimeInForce)
	if err != nil {
		return o, err
	}
	stp, err := enumCode("selfTradePrevention", selfTradeNames, j.SelfTradePrevention)
	if err != nil {
		return o, err
	}
	o.Side, o.Kind, o.TimeInForce, o.SelfTradePrevention = eip712.Side(side), eip712.Kind(kind), eip712.TimeInForce(tif), eip712.SelfTradePrevention(stp)
	return o, nil
}

// IntegerOrder is the integer form of an order that thx_placeOrder takes
// without a thx_typedData round trip: the market's symbol and the signed
// fields.
type IntegerOrder struct {
	Market              string         `json:"market"`
	Trader              common.Address `json:"trader"`
	Side                string         `json:"side"`
	Kind                string         `json:"kind"`
	TimeInForce         string         `json:"timeInForce"`
	PostOnly            bool           `json:"postOnly"`
	SelfTradePrevention string         `json:"selfTradePrevention"`
	PriceTicks          rpc.Uint64     `json:"priceTicks"`
	TriggerPriceTicks   rpc.Uint64     `json:"triggerPriceTicks"`
	QuantityLots        rpc.Uint64     `json:"quantityLots"`
	MaxFeeBps           uint16         `json:"maxFeeBps"`
	Nonce               rpc.Uint64     `json:"nonce"`
	Expiry              rpc.Uint64     `json:"expiry"`
}

// NewSignedOrder signs o for the market without asking the node: the
// domain is the market's chain and Exchange, and o.Market must be the
// market's id.
func NewSignedOrder(m *rpc.MarketJSON, o eip712.Order, key *ecdsa.PrivateKey) (SignedOrder, error) {
	if o.Market != m.MarketID {
		return SignedOrder{}, fmt.Errorf("%w: order market %d, but %s is market %d", ErrInvalidRequest, o.Market, m.Symbol, m.MarketID)
	}
	if err := o.Validate(); err != nil {
		return SignedOrder{}, fmt.Errorf("%w: %w", ErrInvalidRequest, err)
	}
	domain := eip712.Domain{ChainID: m.ChainID, VerifyingContract: m.Exchange}
	hash, sig, err := domain.SignOrder(o, key)
	if err != nil {
		return SignedOrder{}, err
	}
	wire := IntegerOrder{
		Market: m.Symbol, Trader: o.Trader, Side: sideNames[o.Side], Kind: kindNames[o.Kind],
		TimeInForce: timeInForceNames[o.TimeInForce], PostOnly: o.PostOnly, SelfTradePrevention: selfTradeNames[o.SelfTradePrevention],
		PriceTicks: rpc.Uint64(o.Price), TriggerPriceTicks: rpc.Uint64(o.TriggerPrice), QuantityLots: rpc.Uint64(o.Quantity),
		MaxFeeBps: o.MaxFeeBps, Nonce: rpc.Uint64(o.Nonce), Expiry: rpc.Uint64(o.Expiry),
	}
	return SignedOrder{Order: wire, Signature: sig[:], Hash: hash}, nil
}

// NewSignedCancel signs a cancel of the order with hash on the market's
// chain without asking the node.
func NewSignedCancel(m *rpc.MarketJSON, trader common.Address, hash common.Hash, key *ecdsa.PrivateKey) (SignedCancel, error) {
	domain := eip712.Domain{ChainID: m.ChainID, VerifyingContract: m.Exchange}
	_, sig, err := domain.SignCancel(eip712.Cancel{Trader: trader, OrderHash: hash}, key)
	if err != nil {
		return SignedCancel{}, err
	}
	return SignedCancel{Cancel: rpc.CancelJSON{ChainID: m.ChainID, Trader: trader, OrderHash: hash}, Signature: sig[:]}, nil
}
