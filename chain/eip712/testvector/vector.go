// Package testvector loads the shared EIP-712 test vector in
// chain/eip712/testdata/vector.json. The Go tests of chain/eip712, the
// contract tests and contracts/eip712-check.js (ethers v6) all recompute it
// and must get the same digests, signatures and signers.
package testvector

import (
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// Path is the vector's path relative to the repository root.
const Path = "chain/eip712/testdata/vector.json"

// Vector is the shared test vector. Messages are in wallet JSON form
// (integers as decimal strings), as ethers and eth_signTypedData_v4 take them.
type Vector struct {
	Comment string `json:"comment"`
	// DeployerKey deploys the Exchange as its first transaction (nonce 0),
	// which puts it at Domain.VerifyingContract.
	DeployerKey         string         `json:"deployerKey"`
	TraderKey           string         `json:"traderKey"`
	Trader              common.Address `json:"trader"`
	Domain              Domain         `json:"domain"`
	DomainSeparator     common.Hash    `json:"domainSeparator"`
	Order               map[string]any `json:"order"`
	OrderHash           common.Hash    `json:"orderHash"`
	OrderSignature      string         `json:"orderSignature"`
	Withdrawal          map[string]any `json:"withdrawal"`
	WithdrawalHash      common.Hash    `json:"withdrawalHash"`
	WithdrawalSignature string         `json:"withdrawalSignature"`
	Cancel              map[string]any `json:"cancel"`
	CancelHash          common.Hash    `json:"cancelHash"`
	CancelSignature     string         `json:"cancelSignature"`
}

// Domain is the vector's domain in wallet JSON form.
type Domain struct {
	Name              string         `json:"name"`
	Version           string         `json:"version"`
	ChainID           uint64         `json:"chainId"`
	VerifyingContract common.Address `json:"verifyingContract"`
}

// Load reads a test vector file.
func Load(path string) (Vector, error) {
	var v Vector
	data, err := os.ReadFile(path)
	if err != nil {
		return v, fmt.Errorf("testvector: read test vector: %w", err)
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return v, fmt.Errorf("testvector: parse test vector %s: %w", path, err)
	}
	return v, nil
}

// Key parses a hex private key of the vector.
func (v Vector) Key(hexKey string) (*ecdsa.PrivateKey, error) {
	key, err := crypto.HexToECDSA(trimHex(hexKey))
	if err != nil {
		return nil, fmt.Errorf("testvector: parse test vector key: %w", err)
	}
	return key, nil
}

// DomainValue returns the vector's domain.
func (v Vector) DomainValue() eip712.Domain {
	return eip712.Domain{ChainID: v.Domain.ChainID, VerifyingContract: v.Domain.VerifyingContract}
}

// OrderValue decodes the vector's order.
func (v Vector) OrderValue() (eip712.Order, error) {
	var o eip712.Order
	var err error
	get := func(name string, bits int) uint64 {
		if err != nil {
			return 0
		}
		var n uint64
		n, err = parseMessageUint(v.Order, name, bits)
		return n
	}
	o.Market = uint32(get("market", 32))
	o.Side = eip712.Side(get("side", 8))
	o.Kind = eip712.Kind(get("kind", 8))
	o.TimeInForce = eip712.TimeInForce(get("timeInForce", 8))
	o.SelfTradePrevention = eip712.SelfTradePrevention(get("selfTradePrevention", 8))
	o.Price = get("price", 64)
	o.TriggerPrice = get("triggerPrice", 64)
	o.Quantity = get("quantity", 64)
	o.MaxFeeBps = uint16(get("maxFeeBps", 16))
	o.Nonce = get("nonce", 64)
	o.Expiry = get("expiry", 64)
	if err != nil {
		return o, err
	}
	trader, _ := v.Order["trader"].(string)
	o.Trader = common.HexToAddress(trader)
	o.PostOnly, _ = v.Order["postOnly"].(bool)
	return o, nil
}

// WithdrawalValue decodes the vector's withdrawal.
func (v Vector) WithdrawalValue() (eip712.Withdrawal, error) {
	var w eip712.Withdrawal
	trader, _ := v.Withdrawal["trader"].(string)
	token, _ := v.Withdrawal["token"].(string)
	amount, _ := v.Withdrawal["amount"].(string)
	w.Trader = common.HexToAddress(trader)
	w.Token = common.HexToAddress(token)
	value, ok := new(big.Int).SetString(amount, 10)
	if !ok {
		return w, fmt.Errorf("testvector: test vector withdrawal amount %q is not a decimal number", amount)
	}
	w.Amount = value
	var err error
	if w.Nonce, err = parseMessageUint(v.Withdrawal, "nonce", 64); err != nil {
		return w, err
	}
	if w.Expiry, err = parseMessageUint(v.Withdrawal, "expiry", 64); err != nil {
		return w, err
	}
	return w, nil
}

// CancelValue decodes the vector's cancel.
func (v Vector) CancelValue() eip712.Cancel {
	trader, _ := v.Cancel["trader"].(string)
	hash, _ := v.Cancel["orderHash"].(string)
	return eip712.Cancel{Trader: common.HexToAddress(trader), OrderHash: common.HexToHash(hash)}
}

func parseMessageUint(message map[string]any, name string, bits int) (uint64, error) {
	text, ok := message[name].(string)
	if !ok {
		return 0, fmt.Errorf("testvector: test vector field %q is missing or not a decimal string", name)
	}
	n, err := strconv.ParseUint(text, 10, bits)
	if err != nil {
		return 0, fmt.Errorf("testvector: test vector field %q: %w", name, err)
	}
	return n, nil
}

func trimHex(s string) string {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return s[2:]
	}
	return s
}
