package rpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// fuzzServer is a server on a test backend that is never listened on;
// the fuzz targets call its decoders and methods directly.
func fuzzServer(t testing.TB) *Server {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Registry = prometheus.NewRegistry()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.RequestsPerSecondPerIP, cfg.OrdersPerSecondPerTrader = 0, 0
	s, err := NewServer(newTestBackend(), cfg)
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	return s
}

// FuzzParseOrder decodes arbitrary order objects. An accepted order must
// be valid, within its market's bounds, and decode again to itself from its
// canonical form. Input that is not valid JSON is skipped, because
// go-ethereum's server rejects it before it calls a method.
func FuzzParseOrder(f *testing.F) {
	seeds := []string{
		`{"market":"THAL/USDC","trader":"0x00000000000000000000000000000000000000aa","side":"buy","price":"1.2345","quantity":"0.03","nonce":1}`,
		`{"market":"THAL/USDC","trader":"0x00000000000000000000000000000000000000aa","side":1,"kind":"stopLimit","triggerPrice":"2","priceTicks":"30000","quantityLots":3,"nonce":"9","expiry":99999999999}`,
		`{"market":"WETH/USDC","chainId":31337,"marketId":2,"trader":"0x00000000000000000000000000000000000000aa","side":"sell","timeInForce":"IOC","kind":"market","price":"3000.01","quantity":"0.001","maxFeeBps":30,"nonce":3}`,
		`{"market":"THAL/USDC","price":"1e3"}`,
		`{"market":"THAL/USDC","trader":"0x00000000000000000000000000000000000000aa","side":"buy","price":"1.2345","priceTicks":"1","quantity":"0.03","nonce":1}`,
		`[]`, `null`, `{"market":5}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	s := fuzzServer(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var raw validJSON
		if json.Unmarshal(data, &raw) != nil {
			return
		}
		m, o, err := s.parseOrder("order", raw)
		if err != nil {
			var coded *Error
			if code, _ := codeOf(err); code == CodeInternal && !errors.As(err, &coded) {
				t.Fatalf("order %q: uncoded error %v", data, err)
			}
			return
		}
		if err := o.Validate(); err != nil {
			t.Fatalf("accepted an invalid order %+v: %v", o, err)
		}
		if o.Price > m.MaxPrice || o.TriggerPrice > m.MaxPrice || o.Quantity > m.MaxQuantity {
			t.Fatalf("accepted an order beyond the market's bounds: %+v", o)
		}
		canonical, err := json.Marshal(orderJSON(&m, &o))
		if err != nil {
			t.Fatal(err)
		}
		_, again, err := s.parseOrder("order", canonical)
		if err != nil || again != o {
			t.Fatalf("canonical form %s decodes to %+v, %v; expected %+v", canonical, again, err, o)
		}
	})
}

// FuzzDecimalSteps converts arbitrary strings to ticks. An accepted value
// formats back to a decimal that converts to the same ticks.
func FuzzDecimalSteps(f *testing.F) {
	for _, s := range []string{"1.2345", "0.0001", "1.23456", "0", "00.10", "1e5", "-1", "99999999999999999999.9999"} {
		f.Add(s)
	}
	m := testMarketView(100, 1e16)
	prices := priceScale(&m)
	f.Fuzz(func(t *testing.T, s string) {
		ticks, err := prices.toUint64Steps("price", s)
		if err != nil {
			if !errors.Is(err, ErrInvalidParams) && !errors.Is(err, ErrTooPrecise) {
				t.Fatalf("price %q: error %v wraps no API sentinel", s, err)
			}
			return
		}
		formatted := prices.format(ticks)
		again, err := prices.toUint64Steps("price", formatted)
		if err != nil || again != ticks {
			t.Fatalf("price %q is %d ticks, formatted %q, which is %d ticks (%v)", s, ticks, formatted, again, err)
		}
	})
}

// FuzzUint64JSON decodes arbitrary JSON as a Uint64; an accepted value
// encodes and decodes to itself.
func FuzzUint64JSON(f *testing.F) {
	for _, s := range []string{`"42"`, `42`, `"18446744073709551615"`, `-1`, `1.5`, `"x"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var u Uint64
		if err := u.UnmarshalJSON(data); err != nil {
			return
		}
		out, err := json.Marshal(u)
		if err != nil {
			t.Fatal(err)
		}
		var again Uint64
		if err := again.UnmarshalJSON(out); err != nil || again != u {
			t.Fatalf("%s decodes to %d, encodes as %s, decodes to %d (%v)", data, u, out, again, err)
		}
	})
}

// FuzzSignature checks signature parsing: an accepted signature has 65
// bytes, v of 0, 1, 27 or 28, and low s, and a rejected one wraps an
// eip712 signature sentinel.
func FuzzSignature(f *testing.F) {
	f.Add("0x")
	f.Add("0x" + strings.Repeat("1b", 65))
	f.Add("0x" + strings.Repeat("ff", 64) + "1c")
	f.Fuzz(func(t *testing.T, s string) {
		sig, err := parseSignature("signature", s)
		if err != nil {
			if !errors.Is(err, eip712.ErrSignatureLength) && !errors.Is(err, eip712.ErrInvalidV) && !errors.Is(err, eip712.ErrHighS) {
				t.Fatalf("signature %q: error %v wraps no signature sentinel", s, err)
			}
			return
		}
		if v := sig[64]; v != 0 && v != 1 && v != 27 && v != 28 {
			t.Fatalf("accepted v %d", v)
		}
	})
}

// FuzzTypedData calls thx_typedData with arbitrary parameters, decoded as
// go-ethereum's server decodes them. Every failure must be a coded
// JSON-RPC error, and every success a document whose digest matches its
// hash.
func FuzzTypedData(f *testing.F) {
	seeds := []string{
		`{"order":{"market":"THAL/USDC","trader":"0x00000000000000000000000000000000000000aa","side":"buy","price":"1.2345","quantity":"0.03","nonce":1}}`,
		`{"cancel":{"trader":"0x00000000000000000000000000000000000000aa","orderHash":"0x0000000000000000000000000000000000000000000000000000000000000001","chainId":31337}}`,
		`{"withdrawal":{"trader":"0x00000000000000000000000000000000000000aa","token":"0x00000000000000000000000000000000000a0002","amount":"10.5","nonce":1}}`,
		`{"withdrawal":{"trader":"0x00000000000000000000000000000000000000aa","token":"0x00000000000000000000000000000000000a0001","amountUnits":"1","nonce":1}}`,
		`{}`, `{"order":{},"cancel":{}}`, `"order"`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	s := fuzzServer(f)
	api := &thxAPI{s: s}
	f.Fuzz(func(t *testing.T, data []byte) {
		var request *validJSON
		if json.Unmarshal(data, &request) != nil {
			return
		}
		td, err := api.TypedData(context.Background(), request)
		if err != nil {
			var coded *Error
			if !errors.As(err, &coded) || coded.Code == CodeInternal {
				t.Fatalf("params %q: error %v is not a coded client error", data, err)
			}
			return
		}
		var doc apitypes.TypedData
		if err := json.Unmarshal(td.TypedData, &doc); err != nil {
			t.Fatalf("typedData is not a typed data document: %v", err)
		}
		digest, _, err := apitypes.TypedDataAndHash(doc)
		if err != nil || common.BytesToHash(digest) != td.Hash {
			t.Fatalf("params %q: document digest %x (%v), reply hash %s", data, digest, err, td.Hash)
		}
	})
}

// FuzzSplitValidObject checks splitValidObject against encoding/json on
// the objects that encoding/json accepts: both find the same members.
func FuzzSplitValidObject(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1,"b":"x","c":{"d":[1,{"e":"}"}]},"f":true}`, `{"a":1,"a":2}`,
		` { "k\\u0041" : "v\\"w" , "n" : null } `, `{"a\\\\":"b\\\\\"c\\\\","d":"\\\\"}`, `{"a":[]}`, `[]`, `{"a":}`, `"x"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want map[string]json.RawMessage
		werr := json.Unmarshal(data, &want)
		trimmed := bytes.Trim(data, jsonSpace)
		if werr != nil || len(trimmed) == 0 || trimmed[0] != '{' {
			return
		}
		got, gerr := splitValidObject(trimmed)
		if gerr != nil {
			t.Fatalf("splitValidObject rejected %q: %v", data, gerr)
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %d members, encoding/json finds %d", data, len(got), len(want))
		}
		for _, m := range got {
			v, ok := want[string(m.name)]
			if !ok {
				t.Fatalf("%q: member %q, which encoding/json does not find", data, m.name)
			}
			if !bytes.Equal(m.value, v) {
				t.Fatalf("%q: member %q is %q, encoding/json finds %q", data, m.name, m.value, v)
			}
		}
	})
}

// FuzzSplitValidArray checks splitValidArray against encoding/json on the
// arrays that encoding/json accepts: both find the same elements, and
// splitValidArray keeps at most limit of them but counts all.
func FuzzSplitValidArray(f *testing.F) {
	for _, s := range []string{`[]`, `[1]`, ` [ {"a":"]"} , [2,[3]], "x\\"]", null , true ] `, `["\\\\",["\\\\\"x"]]`, `[{},{}]`, `[1,]`, `{}`, `"x"`} {
		f.Add([]byte(s), uint8(2))
	}
	f.Fuzz(func(t *testing.T, data []byte, limit uint8) {
		var want []json.RawMessage
		trimmed := bytes.Trim(data, jsonSpace)
		if json.Unmarshal(data, &want) != nil || len(trimmed) == 0 || trimmed[0] != '[' {
			return
		}
		got, count := splitValidArray(trimmed, int(limit))
		if count != len(want) {
			t.Fatalf("%q: %d elements, encoding/json finds %d", data, count, len(want))
		}
		if len(got) != min(count, int(limit)) {
			t.Fatalf("%q: kept %d elements of %d, expected at most %d", data, len(got), count, limit)
		}
		for i, element := range got {
			if !bytes.Equal(element, want[i]) {
				t.Fatalf("%q: element %d is %q, encoding/json finds %q", data, i, element, want[i])
			}
		}
	})
}

// FuzzPositionalArguments calls the methods that take a trader, a hash or
// a symbol and a depth with arbitrary argument bytes. Every failure must
// be a coded client error that names the argument, and an accepted
// address or hash must be the one that go-ethereum's decoding reads.
func FuzzPositionalArguments(f *testing.F) {
	for _, s := range []string{
		`"0x00000000000000000000000000000000000000aa"`, `"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"`, `"0x1234"`, `42`, `null`, `"THAL/USDC"`,
		`"0x0000000000000000000000000000000000000000000000000000000000000001"`, `"\u0030x00000000000000000000000000000000000000aa"`, `{}`, `"10"`,
	} {
		f.Add([]byte(s))
	}
	s := fuzzServer(f)
	api := &thxAPI{s: s}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		var trader addressArgument
		var hash hashArgument
		var symbol symbolArgument
		var depth depthArgument
		for _, arg := range []json.Unmarshaler{&trader, &hash, &symbol, &depth} {
			if err := arg.UnmarshalJSON(data); err != nil {
				t.Fatalf("UnmarshalJSON(%q): %v", data, err)
			}
		}
		checkArgumentError := func(method, field string, err error) {
			var coded *Error
			if !errors.As(err, &coded) || coded.Code == CodeInternal {
				t.Fatalf("%s(%q): error %v is not a coded client error", method, data, err)
			}
			if coded.Code == CodeInvalidParams && coded.Data.Field != field {
				t.Fatalf("%s(%q): data.field %q, expected %q", method, data, coded.Data.Field, field)
			}
		}
		// go-ethereum decodes the raw bytes of a JSON string, so the
		// comparison takes the string with its escapes decoded.
		var text string
		textErr := json.Unmarshal(data, &text)
		if _, err := api.Balances(ctx, &trader); err != nil {
			checkArgumentError("thx_balances", "trader", err)
		} else {
			var want common.Address
			if err := errors.Join(textErr, want.UnmarshalText([]byte(text))); err != nil {
				t.Fatalf("thx_balances accepted %q, which go-ethereum's decoding rejects: %v", data, err)
			}
			if got, _ := trader.decode("trader"); got != want {
				t.Fatalf("%q decodes to %s, go-ethereum's decoding to %s", data, got, want)
			}
		}
		if _, err := api.Order(ctx, &hash); err != nil {
			checkArgumentError("thx_order", "hash", err)
		} else if err := errors.Join(textErr, new(common.Hash).UnmarshalText([]byte(text))); err != nil {
			t.Fatalf("thx_order accepted %q, which go-ethereum's decoding rejects: %v", data, err)
		}
		if _, err := api.OrderBook(ctx, &symbol, &depth); err != nil {
			var coded *Error
			if !errors.As(err, &coded) || coded.Code == CodeInternal {
				t.Fatalf("thx_orderBook(%q): error %v is not a coded client error", data, err)
			}
		}
	})
}
