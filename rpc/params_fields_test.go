package rpc

import (
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

func TestObjectFieldsEnum(t *testing.T) {
	cases := []struct {
		json string
		want uint8
		ok   bool
	}{
		{`{"side": "sell"}`, 1, true},
		{`{"side": "SELL"}`, 1, true},
		{`{"side": "s\u0065ll"}`, 1, true},
		{`{"side": 1}`, 1, true},
		{`{"side": "1"}`, 1, true},
		{`{}`, 0, true},
		{`{"side": "short"}`, 0, false},
		{`{"side": 2}`, 0, false},
		{`{"side": null}`, 0, true},
	}
	for _, c := range cases {
		o := decodeObject("order", []byte(c.json))
		got := o.enum("side", sideNames, 0)
		if ok := o.finish() == nil; ok != c.ok {
			t.Errorf("enum of %s: error %v, expected success %v", c.json, o.finish(), c.ok)
			continue
		}
		if c.ok && got != c.want {
			t.Errorf("enum of %s = %d, expected %d", c.json, got, c.want)
		}
	}
}

func TestObjectFieldsBoolean(t *testing.T) {
	cases := []struct {
		json string
		want bool
		ok   bool
	}{
		{`{"postOnly": true}`, true, true},
		{`{"postOnly":false }`, false, true},
		{`{"postOnly": null}`, false, true},
		{`{}`, false, true},
		{`{"postOnly": "true"}`, false, false},
		{`{"postOnly": 1}`, false, false},
		{`{"postOnly": True}`, false, false},
	}
	for _, c := range cases {
		o := decodeObject("order", []byte(c.json))
		got := o.boolean("postOnly")
		if ok := o.finish() == nil; ok != c.ok {
			t.Errorf("boolean of %s: error %v, expected success %v", c.json, o.finish(), c.ok)
			continue
		}
		if got != c.want {
			t.Errorf("boolean of %s = %v, expected %v", c.json, got, c.want)
		}
	}
}

// A high-s signature's error names the field and the fix, and states
// the cause once.
func TestParseSignatureHighS(t *testing.T) {
	var sig eip712.Signature
	sig[0] = 1
	new(big.Int).Sub(crypto.S256().Params().N, big.NewInt(1)).FillBytes(sig[32:64])
	sig[64] = 27
	_, err := parseSignature("signedOrders[4].signature", "0x"+hex.EncodeToString(sig[:]))
	if !errors.Is(err, eip712.ErrHighS) {
		t.Fatalf("error %v, expected eip712.ErrHighS", err)
	}
	msg := err.Error()
	if n := strings.Count(msg, "above half the curve order"); n != 1 {
		t.Errorf("error %q says \"above half the curve order\" %d times, expected once", msg, n)
	}
	if !strings.Contains(msg, "signedOrders[4].signature") || !strings.Contains(msg, "use the low-s form") {
		t.Errorf("error %q does not name the field and the fix", msg)
	}
}
