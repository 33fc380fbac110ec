package rpc

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// openRPCVersion is the version of the OpenRPC specification the document
// follows.
const openRPCVersion = "1.2.6"

// discoverAPI adds rpc_discover to go-ethereum's rpc namespace.
type discoverAPI struct {
	s *Server
}

// Discover returns the OpenRPC document of the API.
func (a *discoverAPI) Discover(ctx context.Context) (json.RawMessage, error) {
	return call(a.s, ctx, "rpc_discover", func() (json.RawMessage, error) {
		return openRPCDocument, nil
	})
}

// Parameter shapes that the methods decode themselves; they exist for the
// OpenRPC schemas.
type (
	typedDataRequest struct {
		Order      *OrderJSON      `json:"order,omitempty"`
		Cancel     *CancelJSON     `json:"cancel,omitempty"`
		Withdrawal *WithdrawalJSON `json:"withdrawal,omitempty"`
	}
	signedOrderParams struct {
		Order     OrderJSON `json:"order"`
		Signature string    `json:"signature"`
	}
	signedCancelParams struct {
		Cancel    CancelJSON `json:"cancel"`
		Signature string     `json:"signature"`
	}
	signedWithdrawalParams struct {
		Withdrawal WithdrawalJSON `json:"withdrawal"`
		Signature  string         `json:"signature"`
	}
	pageParams struct {
		Cursor string `json:"cursor,omitempty"`
		Limit  int    `json:"limit,omitempty"`
	}
	tradesOptions struct {
		Trader common.Address `json:"trader,omitempty"`
		Cursor string         `json:"cursor,omitempty"`
		Limit  int            `json:"limit,omitempty"`
	}
)

type paramSpec struct {
	name     string
	typ      reflect.Type
	required bool
}

type methodSpec struct {
	name    string
	summary string
	params  []paramSpec
	result  reflect.Type
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

func required[T any](name string) paramSpec {
	return paramSpec{name: name, typ: typeOf[T](), required: true}
}
func optional[T any](name string) paramSpec { return paramSpec{name: name, typ: typeOf[T]()} }

// methodSpecs lists every method of the API, in the order of docs/RPC.md.
var methodSpecs = []methodSpec{
	{"thx_markets", "List the listed markets.", nil, typeOf[[]MarketJSON]()},
	{"thx_market", "Return one market by symbol.", []paramSpec{required[string]("symbol")}, typeOf[MarketJSON]()},
	{"thx_orderBook", "Return up to depth aggregated levels per side.",
		[]paramSpec{required[string]("symbol"), optional[int]("depth")}, typeOf[BookJSON]()},
	{"thx_trades", "Return a market's newest trades, or one trader's trades in it, one page at a time.",
		[]paramSpec{required[string]("symbol"), optional[tradesOptions]("options")}, typeOf[TradesPageJSON]()},
	{"thx_ticker", "Return a market's last price and 24-hour statistics.", []paramSpec{required[string]("symbol")}, typeOf[TickerJSON]()},
	{"thx_typedData", "Return the EIP-712 payload of an order, cancel or withdrawal for eth_signTypedData_v4.",
		[]paramSpec{required[typedDataRequest]("request")}, typeOf[TypedDataJSON]()},
	{"thx_placeOrder", "Place a signed order; returns once it is durable in the log.",
		[]paramSpec{required[signedOrderParams]("signedOrder")}, typeOf[OrderAckJSON]()},
	{"thx_placeOrders", "Place 1 to 100 signed orders in one call; returns, in the order given, each order's acknowledgement or error once it is durable or rejected.",
		[]paramSpec{required[[]signedOrderParams]("signedOrders")}, typeOf[[]PlaceOrderResultJSON]()},
	{"thx_cancelOrder", "Cancel an order with a signed cancel; returns once it is durable in the log.",
		[]paramSpec{required[signedCancelParams]("signedCancel")}, typeOf[OrderAckJSON]()},
	{"thx_order", "Return an order by hash, open or done.", []paramSpec{required[common.Hash]("hash")}, typeOf[OrderInfoJSON]()},
	{"thx_openOrders", "Return a trader's open orders, oldest first.", []paramSpec{required[common.Address]("trader")}, typeOf[[]OrderInfoJSON]()},
	{"thx_orderHistory", "Return a trader's orders, newest first, one page at a time.",
		[]paramSpec{required[common.Address]("trader"), optional[pageParams]("page")}, typeOf[OrdersPageJSON]()},
	{"thx_balances", "Return a trader's balances in every token it holds.", []paramSpec{required[common.Address]("trader")}, typeOf[[]BalanceJSON]()},
	{"thx_deposits", "Return a trader's credited deposits, newest first.",
		[]paramSpec{required[common.Address]("trader"), optional[pageParams]("page")}, typeOf[DepositsPageJSON]()},
	{"thx_withdraw", "Request a signed withdrawal; returns once it is durable in the log.",
		[]paramSpec{required[signedWithdrawalParams]("signedWithdrawal")}, typeOf[WithdrawalAckJSON]()},
	{"thx_withdrawals", "Return a trader's withdrawals, newest first.",
		[]paramSpec{required[common.Address]("trader"), optional[pageParams]("page")}, typeOf[WithdrawalsPageJSON]()},
	{"thx_nodeInfo", "Describe the node: version, role, chains, log position and state hash.", nil, typeOf[NodeInfoJSON]()},
	{"thx_syncing", "Report how far the node's log is behind its peers': applied, starting and target sequence numbers, progress and rate.",
		nil, typeOf[SyncingJSON]()},
	{"thx_subscribe", "Subscribe over WebSocket: kind book or trades with a market symbol, orders or balances with a trader address.",
		[]paramSpec{required[subscriptionKind]("kind"), required[string]("argument")}, typeOf[string]()},
	{"thx_unsubscribe", "End a subscription.", []paramSpec{required[string]("subscription")}, typeOf[bool]()},
	{"rpc_discover", "Return this OpenRPC document.", nil, typeOf[map[string]any]()},
}

// subscriptionKind is the first parameter of thx_subscribe.
type subscriptionKind string

// notificationSpecs lists the result shapes of each subscription kind's
// thx_subscription notifications, in the order of docs/RPC.md.
var notificationSpecs = []struct {
	kind  TopicKind
	types []reflect.Type
}{
	{TopicBook, []reflect.Type{typeOf[BookJSON](), typeOf[BookUpdateJSON]()}},
	{TopicTrades, []reflect.Type{typeOf[TradeJSON]()}},
	{TopicOrders, []reflect.Type{typeOf[OrderNotificationJSON]()}},
	{TopicBalances, []reflect.Type{typeOf[BalanceNotificationJSON]()}},
}

// notificationsExtension is the member of the thx_subscribe method that
// maps each subscription kind to the schema of its notifications' result.
// OpenRPC 1.2.6 has no field for notifications, and it reserves the "x-"
// prefix for extensions.
const notificationsExtension = "x-notifications"

// notificationSchemas builds the value of notificationsExtension and adds
// the named types it refers to to schemas.
func notificationSchemas(schemas *schemaSet) map[string]any {
	out := map[string]any{}
	for _, spec := range notificationSpecs {
		if len(spec.types) == 1 {
			out[string(spec.kind)] = schemas.of(spec.types[0])
			continue
		}
		shapes := make([]any, len(spec.types))
		for i, t := range spec.types {
			shapes[i] = schemas.of(t)
		}
		out[string(spec.kind)] = map[string]any{"oneOf": shapes}
	}
	return out
}

// openRPCDocument is built once from methodSpecs.
var openRPCDocument = mustBuildOpenRPC()

// mustBuildOpenRPC encodes the document. It panics only if a wire type
// cannot be encoded as JSON, which is a programming error caught by the
// package tests.
func mustBuildOpenRPC() json.RawMessage {
	schemas := newSchemaSet()
	methods := make([]map[string]any, len(methodSpecs))
	for i, m := range methodSpecs {
		params := make([]map[string]any, len(m.params))
		for j, p := range m.params {
			params[j] = map[string]any{"name": p.name, "required": p.required, "schema": schemas.of(p.typ)}
		}
		methods[i] = map[string]any{
			"name": m.name, "summary": m.summary, "params": params, "paramStructure": "by-position",
			"result": map[string]any{"name": "result", "schema": schemas.of(m.result)},
		}
		if m.name == "thx_subscribe" {
			methods[i]["description"] = "The result is the subscription id. Notifications arrive as thx_subscription messages, and " +
				notificationsExtension + " gives the schema of their result for each kind. Every notification except the book's " +
				"snapshot carries seq, the log entry that caused it, and the notifications of one entry carry the same seq."
			methods[i][notificationsExtension] = notificationSchemas(schemas)
		}
	}
	doc := map[string]any{
		"openrpc": openRPCVersion,
		"info": map[string]any{
			"title":       "ThaliumX node JSON-RPC API",
			"version":     "1.0.0",
			"description": "Prices, quantities and token amounts are decimal strings; see docs/RPC.md for the error codes and limits.",
		},
		"methods":    methods,
		"components": map[string]any{"schemas": schemas.named, "errors": errorComponents()},
	}
	out, err := json.Marshal(doc)
	if err != nil {
		panic("rpc: encode the OpenRPC document: " + err.Error())
	}
	return out
}

func errorComponents() map[string]any {
	out := map[string]any{}
	for _, rule := range codeRules {
		out[rule.reason] = map[string]any{"code": rule.code, "message": rule.reason}
	}
	return out
}

// schemaSet builds JSON schemas from Go types; named struct types go to
// components/schemas and are referenced.
type schemaSet struct {
	named map[string]any
}

func newSchemaSet() *schemaSet { return &schemaSet{named: map[string]any{}} }

var (
	addressType = reflect.TypeFor[common.Address]()
	hashType    = reflect.TypeFor[common.Hash]()
	uint64Type  = reflect.TypeFor[Uint64]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	kindType    = reflect.TypeFor[subscriptionKind]()
)

func (s *schemaSet) of(t reflect.Type) map[string]any {
	switch t {
	case addressType:
		return map[string]any{"type": "string", "pattern": "^0x[0-9a-fA-F]{40}$"}
	case hashType:
		return map[string]any{"type": "string", "pattern": "^0x[0-9a-fA-F]{64}$"}
	case uint64Type:
		return map[string]any{"type": "string", "pattern": "^[0-9]{1,20}$", "description": "unsigned 64-bit integer as a decimal string"}
	case rawType:
		return map[string]any{}
	case kindType:
		return map[string]any{"type": "string", "enum": []string{"book", "trades", "orders", "balances"}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return s.of(t.Elem())
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": s.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object"}
	case reflect.Struct:
		return s.object(t)
	}
	return map[string]any{}
}

func (s *schemaSet) object(t reflect.Type) map[string]any {
	name := t.Name()
	if _, done := s.named[name]; !done {
		s.named[name] = map[string]any{} // a placeholder ends recursion
		properties := map[string]any{}
		s.addFields(t, properties)
		s.named[name] = map[string]any{"type": "object", "properties": properties}
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

func (s *schemaSet) addFields(t reflect.Type, properties map[string]any) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			s.addFields(f.Type, properties)
			continue
		}
		name, options, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		properties[name] = s.of(f.Type)
		// A nil pointer without omitempty is sent as null.
		if f.Type.Kind() == reflect.Pointer && !strings.Contains(options, "omitempty") {
			properties[name] = map[string]any{"oneOf": []any{s.of(f.Type), map[string]any{"type": "null"}}}
		}
	}
}
