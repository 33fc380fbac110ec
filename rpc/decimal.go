package rpc

import (
	"fmt"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/holiman/uint256"
	"github.com/shopspring/decimal"

	"github.com/thaliumx/thaliumx/node/state"
)

// decimalCharsMax bounds the length of a decimal string. 100 characters
// hold any uint256 amount with up to 22 decimals to spare.
const decimalCharsMax = 100

// parseDecimal parses a plain decimal string: digits with at most one '.',
// no sign, exponent or spaces. shopspring/decimal alone would also take
// "1e5" and "-1", which are no price or quantity.
func parseDecimal(field, s string) (decimal.Decimal, error) {
	if err := checkDecimalSyntax(s); err != nil {
		return decimal.Decimal{}, invalidParam(field, clip(s), "%s", err)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, invalidParam(field, clip(s), "not a decimal number: %v", err)
	}
	return d, nil
}

func checkDecimalSyntax(s string) error {
	if s == "" {
		return fmt.Errorf("empty; expected a decimal string such as \"1234.5\"")
	}
	if len(s) > decimalCharsMax {
		return fmt.Errorf("longer than %d characters", decimalCharsMax)
	}
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && dots == 0 && digits > 0 && i < len(s)-1:
			dots++
		default:
			return fmt.Errorf("expected digits with at most one '.' between them, such as \"1234.5\"; signs, exponents and spaces are not accepted")
		}
	}
	return nil
}

// scale is one decimal step of a market or token: a number of base units
// that is one step, and the token decimals that make base units whole.
type scale struct {
	// symbol and values name the values in messages, for example
	// "THAL/USDC" and "prices". An empty symbol leaves the values unnamed.
	symbol string
	values string
	// step is a value, not a *big.Int, so that building a scale from a
	// market's uint256 tick or lot size allocates nothing. The formatting
	// of replies needs no big.Int while the step fits in a uint64.
	step     uint256.Int
	decimals uint8
}

// label names the values in messages, for example "THAL/USDC prices". It
// is built on demand because only error messages need it.
func (s scale) label() string {
	if s.symbol == "" {
		return s.values
	}
	return s.symbol + " " + s.values
}

// stepString returns the step in whole tokens, for example "0.0001".
func (s scale) stepString() string {
	return decimal.NewFromBigInt(s.step.ToBig(), -int32(s.decimals)).String()
}

// stepDecimals returns how many decimals a multiple of the step can have.
func (s scale) stepDecimals() int {
	_, fraction, _ := strings.Cut(s.stepString(), ".")
	return len(fraction)
}

// toSteps converts a decimal string to a whole number of steps, rejecting
// a value that is not an exact multiple of the step.
func (s scale) toSteps(field, value string) (*big.Int, error) {
	d, err := parseDecimal(field, value)
	if err != nil {
		return nil, err
	}
	units := d.Shift(int32(s.decimals))
	var steps, rem big.Int
	if units.IsInteger() {
		steps.QuoRem(units.BigInt(), s.step.ToBig(), &rem)
	}
	if !units.IsInteger() || rem.Sign() != 0 {
		return nil, &paramError{
			field: field, value: clip(value), kind: ErrTooPrecise,
			reason: fmt.Sprintf("%s are multiples of %s (%d decimals)", s.label(), s.stepString(), s.stepDecimals()),
		}
	}
	return &steps, nil
}

// toUint64Steps converts a decimal string to steps that fit in a uint64.
func (s scale) toUint64Steps(field, value string) (uint64, error) {
	steps, err := s.toSteps(field, value)
	if err != nil {
		return 0, err
	}
	if !steps.IsUint64() {
		return 0, invalidParam(field, clip(value), "is %s steps of %s, above 2^64-1", steps, s.stepString())
	}
	return steps.Uint64(), nil
}

// format returns n steps as a decimal string in whole tokens.
func (s scale) format(n uint64) string {
	if s.step.IsUint64() {
		if hi, units := bits.Mul64(n, s.step.Uint64()); hi == 0 {
			if text, ok := formatUint64Units(units, s.decimals); ok {
				return text
			}
		}
	}
	units := new(big.Int).Mul(new(big.Int).SetUint64(n), s.step.ToBig())
	return decimal.NewFromBigInt(units, -int32(s.decimals)).String()
}

// pow10 lists the powers of ten that fit in a uint64.
var pow10 = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// formatUint64Units formats base units as decimal.Decimal's String does,
// without trailing zeros, in integer arithmetic. It returns false when
// decimals is above 19, the largest power of ten in a uint64.
func formatUint64Units(units uint64, decimals uint8) (string, bool) {
	if int(decimals) >= len(pow10) {
		return "", false
	}
	whole, fraction := units/pow10[decimals], units%pow10[decimals]
	buf := strconv.AppendUint(make([]byte, 0, 40), whole, 10)
	if fraction == 0 {
		return string(buf), true
	}
	digits := int(decimals)
	for fraction%10 == 0 {
		fraction /= 10
		digits--
	}
	buf = append(buf, '.')
	fractionDigits := 1
	for fractionDigits < len(pow10) && fraction >= pow10[fractionDigits] {
		fractionDigits++
	}
	for range digits - fractionDigits {
		buf = append(buf, '0')
	}
	return string(strconv.AppendUint(buf, fraction, 10)), true
}

// priceScale returns the scale of a market's prices: one tick is tickSize
// quote base units per whole base token.
func priceScale(m *state.MarketView) scale {
	return scale{symbol: m.Symbol, values: "prices", step: m.TickSize, decimals: m.QuoteDecimals}
}

// quantityScale returns the scale of a market's quantities: one lot is
// lotSize base base units.
func quantityScale(m *state.MarketView) scale {
	return scale{symbol: m.Symbol, values: "quantities", step: m.LotSize, decimals: m.BaseDecimals}
}

// tokenScale returns the scale of a token's amounts: one base unit.
func tokenScale(symbol string, decimals uint8) scale {
	return scale{symbol: symbol, values: "amounts", step: *uint256.NewInt(1), decimals: decimals}
}

// formatUnits returns base units as a decimal string in whole tokens.
func formatUnits(units *uint256.Int, decimals uint8) string {
	return decimal.NewFromBigInt(units.ToBig(), -int32(decimals)).String()
}

// formatBigUnits is formatUnits for a big.Int; nil is zero.
func formatBigUnits(units *big.Int, decimals uint8) string {
	if units == nil {
		return "0"
	}
	return decimal.NewFromBigInt(units, -int32(decimals)).String()
}

// parseUnits parses base units: a decimal integer string of at most 256
// bits.
func parseUnits(field, value string) (*big.Int, error) {
	if err := checkDecimalSyntax(value); err != nil {
		return nil, invalidParam(field, clip(value), "%s", err)
	}
	n, ok := new(big.Int).SetString(value, 10)
	if !ok {
		return nil, invalidParam(field, clip(value), "expected a whole number of base units, such as \"1000000\"")
	}
	if n.BitLen() > 256 {
		return nil, invalidParam(field, clip(value), "above 2^256-1 base units")
	}
	return n, nil
}

// Uint64 is an unsigned 64-bit integer that travels as a decimal string,
// so that JavaScript clients keep every digit. It also decodes from a JSON
// integer.
type Uint64 uint64

// MarshalText encodes the value as decimal digits, which encoding/json
// writes as a JSON string. A MarshalJSON method would give the same bytes,
// but encoding/json validates and compacts the output of every MarshalJSON
// call, a second scan of each field.
func (u Uint64) MarshalText() ([]byte, error) {
	return strconv.AppendUint(nil, uint64(u), 10), nil
}

// UnmarshalJSON decodes a decimal string or a JSON integer.
func (u *Uint64) UnmarshalJSON(data []byte) error {
	v, err := parseUint64JSON(data)
	if err != nil {
		return err
	}
	*u = Uint64(v)
	return nil
}

// parseUint64JSON decodes a JSON integer or a string of decimal digits.
func parseUint64JSON(data []byte) (uint64, error) {
	text := string(data)
	if len(text) >= 2 && text[0] == '"' && text[len(text)-1] == '"' {
		text = text[1 : len(text)-1]
	}
	if text == "" || len(text) > 20 {
		return 0, fmt.Errorf("expected an unsigned 64-bit integer, such as \"42\"")
	}
	for i := 0; i < len(text); i++ {
		if text[i] < '0' || text[i] > '9' {
			return 0, fmt.Errorf("expected an unsigned 64-bit integer, such as \"42\"")
		}
	}
	v, err := strconv.ParseUint(text, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("above 2^64-1")
	}
	return v, nil
}
