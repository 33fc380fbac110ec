package eip712

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// Primary type names of the signed messages.
const (
	OrderTypeName      = "Order"
	CancelTypeName     = "Cancel"
	WithdrawalTypeName = "Withdrawal"
)

var domainFields = []apitypes.Type{
	{Name: "name", Type: "string"},
	{Name: "version", Type: "string"},
	{Name: "chainId", Type: "uint256"},
	{Name: "verifyingContract", Type: "address"},
}

var orderFields = []apitypes.Type{
	{Name: "trader", Type: "address"},
	{Name: "market", Type: "uint32"},
	{Name: "side", Type: "uint8"},
	{Name: "kind", Type: "uint8"},
	{Name: "timeInForce", Type: "uint8"},
	{Name: "postOnly", Type: "bool"},
	{Name: "selfTradePrevention", Type: "uint8"},
	{Name: "price", Type: "uint64"},
	{Name: "triggerPrice", Type: "uint64"},
	{Name: "quantity", Type: "uint64"},
	{Name: "maxFeeBps", Type: "uint16"},
	{Name: "nonce", Type: "uint64"},
	{Name: "expiry", Type: "uint64"},
}

var cancelFields = []apitypes.Type{
	{Name: "trader", Type: "address"},
	{Name: "orderHash", Type: "bytes32"},
}

var withdrawalFields = []apitypes.Type{
	{Name: "trader", Type: "address"},
	{Name: "token", Type: "address"},
	{Name: "amount", Type: "uint256"},
	{Name: "nonce", Type: "uint64"},
	{Name: "expiry", Type: "uint64"},
}

// typedData builds go-ethereum typed data. Message integers are decimal
// strings, which apitypes parses and wallets accept.
func (d Domain) typedData(primary string, fields []apitypes.Type, message apitypes.TypedDataMessage) apitypes.TypedData {
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": domainFields,
			primary:        fields,
		},
		PrimaryType: primary,
		Domain: apitypes.TypedDataDomain{
			Name:              DomainName,
			Version:           DomainVersion,
			ChainId:           (*math.HexOrDecimal256)(new(big.Int).SetUint64(d.ChainID)),
			VerifyingContract: d.VerifyingContract.Hex(),
		},
		Message: message,
	}
}

func decimal(v uint64) string {
	return strconv.FormatUint(v, 10)
}

// OrderTypedData returns the order as go-ethereum typed data, the reference
// for hashing and the payload for eth_signTypedData_v4.
func (d Domain) OrderTypedData(o Order) apitypes.TypedData {
	return d.typedData(OrderTypeName, orderFields, apitypes.TypedDataMessage{
		"trader":              o.Trader.Hex(),
		"market":              decimal(uint64(o.Market)),
		"side":                decimal(uint64(o.Side)),
		"kind":                decimal(uint64(o.Kind)),
		"timeInForce":         decimal(uint64(o.TimeInForce)),
		"postOnly":            o.PostOnly,
		"selfTradePrevention": decimal(uint64(o.SelfTradePrevention)),
		"price":               decimal(o.Price),
		"triggerPrice":        decimal(o.TriggerPrice),
		"quantity":            decimal(o.Quantity),
		"maxFeeBps":           decimal(uint64(o.MaxFeeBps)),
		"nonce":               decimal(o.Nonce),
		"expiry":              decimal(o.Expiry),
	})
}

// CancelTypedData returns the cancel as go-ethereum typed data.
func (d Domain) CancelTypedData(c Cancel) apitypes.TypedData {
	return d.typedData(CancelTypeName, cancelFields, apitypes.TypedDataMessage{
		"trader":    c.Trader.Hex(),
		"orderHash": c.OrderHash.Hex(),
	})
}

// WithdrawalTypedData returns the withdrawal as go-ethereum typed data. A
// nil amount is encoded as 0.
func (d Domain) WithdrawalTypedData(w Withdrawal) apitypes.TypedData {
	amount := "0"
	if w.Amount != nil {
		amount = w.Amount.String()
	}
	return d.typedData(WithdrawalTypeName, withdrawalFields, apitypes.TypedDataMessage{
		"trader": w.Trader.Hex(),
		"token":  w.Token.Hex(),
		"amount": amount,
		"nonce":  decimal(w.Nonce),
		"expiry": decimal(w.Expiry),
	})
}

// HashTypedData returns the EIP-712 digest of typed data with go-ethereum's
// apitypes, the reference implementation that the fast Hash methods match.
func HashTypedData(data apitypes.TypedData) (common.Hash, error) {
	digest, _, err := apitypes.TypedDataAndHash(data)
	if err != nil {
		return common.Hash{}, fmt.Errorf("eip712: hash %s typed data: %w", data.PrimaryType, err)
	}
	return common.BytesToHash(digest), nil
}

// jsonDomain is the domain as wallets expect it: no salt field, and the
// chain id as a JSON number.
type jsonDomain struct {
	Name              string `json:"name"`
	Version           string `json:"version"`
	ChainID           uint64 `json:"chainId"`
	VerifyingContract string `json:"verifyingContract"`
}

type jsonTypedData struct {
	Types       apitypes.Types            `json:"types"`
	PrimaryType string                    `json:"primaryType"`
	Domain      jsonDomain                `json:"domain"`
	Message     apitypes.TypedDataMessage `json:"message"`
}

// SignTypedDataJSON returns the JSON document that a wallet signs with
// eth_signTypedData_v4 (the second parameter of that call). The domain
// carries exactly the four fields of EIP712Domain.
func SignTypedDataJSON(data apitypes.TypedData) ([]byte, error) {
	chainID := (*big.Int)(data.Domain.ChainId)
	if chainID == nil || !chainID.IsUint64() {
		return nil, fmt.Errorf("%w: chain id %v is not a 64-bit number", ErrInvalidDomain, chainID)
	}
	doc := jsonTypedData{
		Types:       data.Types,
		PrimaryType: data.PrimaryType,
		Domain: jsonDomain{
			Name:              data.Domain.Name,
			Version:           data.Domain.Version,
			ChainID:           chainID.Uint64(),
			VerifyingContract: data.Domain.VerifyingContract,
		},
		Message: data.Message,
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("eip712: encode %s typed data: %w", data.PrimaryType, err)
	}
	return out, nil
}
