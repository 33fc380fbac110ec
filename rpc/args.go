package rpc

import (
	"bytes"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/node/state"
)

// Positional arguments that are plain values: a trader's address, an order
// hash, a market symbol and a book depth.
//
// go-ethereum's server (v1.17.10, parseArgumentArray and handleCall in its
// rpc package) decodes each positional argument before it calls the method.
// A decoding error, and a missing or null argument of a non-pointer type,
// become -32602 with the error's text as the message ("invalid argument 0:
// hex string has length 4, want 40 for common.Address") and no data. So
// these types take any JSON value in UnmarshalJSON and keep it, and the
// method decodes it inside call. There a bad value gets -32602 with
// data.field and data.value, as a bad member of an object parameter does.
// The methods take them as pointers, so that go-ethereum passes nil for a
// missing or null argument. decode reports nil as missing, or returns the
// default for the optional depth.
type (
	addressArgument struct{ argumentJSON }
	hashArgument    struct{ argumentJSON }
	symbolArgument  struct{ argumentJSON }
	depthArgument   struct{ argumentJSON }
)

// argumentJSON is the JSON value of a positional argument as sent.
type argumentJSON struct {
	raw []byte
}

// UnmarshalJSON keeps a copy of data, as encoding/json requires of an
// Unmarshaler that keeps the bytes after it returns. It never fails.
func (a *argumentJSON) UnmarshalJSON(data []byte) error {
	a.raw = bytes.Clone(bytes.Trim(data, jsonSpace))
	return nil
}

// text returns the argument's string. For any other JSON value it returns
// an error that names field and describes the expected value.
func (a *argumentJSON) text(field, expected string) (string, error) {
	s, err := unquote(a.raw)
	if err != nil {
		return "", invalidParam(field, clip(string(a.raw)), "expected a JSON string: %s", expected)
	}
	return s, nil
}

// missingArgument is the error of a required positional argument that the
// call left out or sent as null.
func missingArgument(field, expected string) error {
	return invalidParam(field, "", "%s; send as the first parameter %s", missingReason, expected)
}

// Descriptions of the arguments, for their errors.
const (
	addressExpected = "the trader's address (0x followed by 40 hex digits)"
	hashExpected    = "the order's hash (0x followed by 64 hex digits)"
	symbolExpected  = `a market symbol such as "THAL/USDC", which thx_markets lists`
)

// decode returns the address, which parseAddress checks as it checks the
// addresses inside objects.
func (a *addressArgument) decode(field string) (common.Address, error) {
	if a == nil {
		return common.Address{}, missingArgument(field, addressExpected)
	}
	return parseArgument(&a.argumentJSON, field, addressExpected, parseAddress)
}

func (a *hashArgument) decode(field string) (common.Hash, error) {
	if a == nil {
		return common.Hash{}, missingArgument(field, hashExpected)
	}
	return parseArgument(&a.argumentJSON, field, hashExpected, parseHash)
}

// parseArgument parses the string of an argument, and names field and the
// string in the error of parse.
func parseArgument[T any](a *argumentJSON, field, expected string, parse func(string) (T, error)) (T, error) {
	var zero T
	s, err := a.text(field, expected)
	if err != nil {
		return zero, err
	}
	v, err := parse(s)
	if err != nil {
		return zero, invalidParam(field, clip(s), "%v", err)
	}
	return v, nil
}

// decode returns the symbol as sent; the caller looks the market up.
func (a *symbolArgument) decode(field string) (string, error) {
	if a == nil {
		return "", missingArgument(field, symbolExpected)
	}
	return a.text(field, symbolExpected)
}

// decode returns the depth in levels per side: def when the argument is
// absent, or an integer from 1 to max given as a JSON number or a string
// of digits.
func (a *depthArgument) decode(field string, def, max int) (int, error) {
	if a == nil {
		return def, nil
	}
	levels, err := parseUint64JSON(a.raw)
	if err != nil || levels < 1 || levels > uint64(max) {
		return 0, invalidParam(field, clip(a.sentText()),
			"expected 1 to %d levels per side, as a JSON number or a string of digits", max)
	}
	return int(levels), nil
}

// sentText returns the depth as sent: a JSON string's content, so that
// the message does not quote it twice, else the raw JSON.
func (a *depthArgument) sentText() string {
	if text, err := unquote(a.raw); err == nil {
		return text
	}
	return string(a.raw)
}

// marketArgument decodes a symbol argument and returns the symbol and
// its listed market.
func (s *Server) marketArgument(field string, symbol *symbolArgument) (string, state.MarketView, error) {
	text, err := symbol.decode(field)
	if err != nil {
		return "", state.MarketView{}, err
	}
	m, err := s.market(field, text)
	return text, m, err
}
