package rpc

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/holiman/uint256"
	"github.com/shopspring/decimal"

	"github.com/thaliumx/thaliumx/node/state"
)

func testMarketView(tickSize, lotSize uint64) state.MarketView {
	return state.MarketView{Market: state.Market{
		Symbol: "THAL/USDC", BaseDecimals: 18, QuoteDecimals: 6,
		TickSize: *uint256.NewInt(tickSize), LotSize: *uint256.NewInt(lotSize),
	}}
}

func TestPriceToTicks(t *testing.T) {
	m := testMarketView(100, 1e16) // tick 0.0001 USDC
	cases := []struct {
		in    string
		ticks uint64
		err   error
	}{
		{"1.2345", 12345, nil},
		{"1.23450000", 12345, nil},
		{"0001.2345", 12345, nil},
		{"0.0001", 1, nil},
		{"0", 0, nil},
		{"1234567", 12_345_670_000, nil},
		{"1.23456", 0, ErrTooPrecise},
		{"0.00001", 0, ErrTooPrecise},
		{"1e5", 0, ErrInvalidParams},
		{"-1", 0, ErrInvalidParams},
		{"+1", 0, ErrInvalidParams},
		{".5", 0, ErrInvalidParams},
		{"1.", 0, ErrInvalidParams},
		{"1..2", 0, ErrInvalidParams},
		{"1.2.3", 0, ErrInvalidParams},
		{" 1", 0, ErrInvalidParams},
		{"", 0, ErrInvalidParams},
		{"0x10", 0, ErrInvalidParams},
		{"NaN", 0, ErrInvalidParams},
		{strings.Repeat("9", 101), 0, ErrInvalidParams},
		{"18446744073709551616", 0, ErrInvalidParams}, // 2^64 USDC is above 2^64 ticks
	}
	for _, tc := range cases {
		got, err := priceScale(&m).toUint64Steps("price", tc.in)
		if !errors.Is(err, tc.err) {
			t.Errorf("price %q: error %v, expected %v", tc.in, err, tc.err)
			continue
		}
		if err == nil && got != tc.ticks {
			t.Errorf("price %q: %d ticks, expected %d", tc.in, got, tc.ticks)
		}
	}
}

func TestPrecisionErrorNamesTheStep(t *testing.T) {
	m := testMarketView(500, 1e16) // tick 0.0005 USDC, not a power of ten
	_, err := priceScale(&m).toUint64Steps("order.price", "1.0001")
	if !errors.Is(err, ErrTooPrecise) {
		t.Fatalf("price 1.0001 on a 0.0005 tick: %v", err)
	}
	for _, want := range []string{"order.price", `"1.0001"`, "multiples of 0.0005", "4 decimals"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not contain %s", err, want)
		}
	}
	if got, err := priceScale(&m).toUint64Steps("price", "1.0005"); err != nil || got != 2001 {
		t.Errorf("price 1.0005: %d, %v; expected 2001 ticks", got, err)
	}
}

func TestQuantityToLots(t *testing.T) {
	m := testMarketView(100, 1e16) // lot 0.01 THAL
	q := quantityScale(&m)
	if got, err := q.toUint64Steps("quantity", "0.03"); err != nil || got != 3 {
		t.Errorf("quantity 0.03: %d, %v", got, err)
	}
	if _, err := q.toUint64Steps("quantity", "0.015"); !errors.Is(err, ErrTooPrecise) {
		t.Errorf("quantity 0.015: %v, expected too precise", err)
	}
	if got := q.format(3); got != "0.03" {
		t.Errorf("3 lots formatted %q", got)
	}
}

func TestFormatSteps(t *testing.T) {
	m := testMarketView(100, 1e16)
	p := priceScale(&m)
	cases := map[uint64]string{0: "0", 1: "0.0001", 12345: "1.2345", 10000: "1", 1 << 63: "922337203685477.5808"}
	for ticks, want := range cases {
		if got := p.format(ticks); got != want {
			t.Errorf("%d ticks formatted %q, expected %q", ticks, got, want)
		}
	}
	if got := formatUnits(uint256.NewInt(37035), 6); got != "0.037035" {
		t.Errorf("37035 units of 6 decimals formatted %q", got)
	}
	if got := formatUnits(new(uint256.Int).SetAllOne(), 0); got != new(uint256.Int).SetAllOne().Dec() {
		t.Errorf("2^256-1 units of 0 decimals formatted %q", got)
	}
}

func TestTokenAmounts(t *testing.T) {
	usdc := tokenScale("USDC", 6)
	got, err := usdc.toSteps("amount", "10.5")
	if err != nil || got.Cmp(big.NewInt(10_500_000)) != 0 {
		t.Fatalf("10.5 USDC: %v, %v", got, err)
	}
	_, err = usdc.toSteps("amount", "1.0000001")
	if !errors.Is(err, ErrTooPrecise) || !strings.Contains(err.Error(), "USDC amounts are multiples of 0.000001 (6 decimals)") {
		t.Fatalf("1.0000001 USDC: %v", err)
	}
	if _, err := parseUnits("amountUnits", "1"+strings.Repeat("0", 78)); err == nil {
		t.Fatalf("10^78 base units accepted, above 2^256-1")
	}
}

func TestUint64JSON(t *testing.T) {
	good := map[string]uint64{`"42"`: 42, `42`: 42, `"18446744073709551615"`: 1<<64 - 1, `0`: 0}
	for in, want := range good {
		var u Uint64
		if err := u.UnmarshalJSON([]byte(in)); err != nil || uint64(u) != want {
			t.Errorf("%s: %d, %v", in, u, err)
		}
	}
	for _, in := range []string{`"18446744073709551616"`, `-1`, `1.5`, `"0x10"`, `""`, `"4 2"`, `true`, `null`, `1e3`} {
		var u Uint64
		if err := u.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s decoded to %d, expected an error", in, u)
		}
	}
	out, err := json.Marshal(struct {
		Max  Uint64  `json:"max"`
		Zero *Uint64 `json:"zero"`
		None *Uint64 `json:"none"`
	}{Max: 1<<64 - 1, Zero: new(Uint64)})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"max":"18446744073709551615","zero":"0","none":null}`; string(out) != want {
		t.Errorf("marshal: %s, expected %s", out, want)
	}
}

func TestParseAddress(t *testing.T) {
	checksummed := "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	for _, s := range []string{checksummed, strings.ToLower(checksummed), "0x" + strings.ToUpper(checksummed[2:]), "0X" + checksummed[2:]} {
		if _, err := parseAddress(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	for _, s := range []string{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x1234", "0xzz" + strings.Repeat("0", 38)} {
		if _, err := parseAddress(s); err == nil {
			t.Errorf("%s accepted", s)
		}
	}
}

// TestFormatMatchesDecimal checks the integer formatting of steps against
// shopspring/decimal's on edge values and random ones.
func TestFormatMatchesDecimal(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	values := []uint64{0, 1, 9, 10, 11, 100, 12345, 1 << 32, math.MaxUint64 / 10, math.MaxUint64}
	for range 2000 {
		values = append(values, rng.Uint64()>>rng.UintN(64))
	}
	steps := []uint64{1, 10, 25, 100, 1e6, 1e16, 1e18, 3}
	for _, step := range steps {
		for decimals := range uint8(24) {
			s := scale{step: *uint256.NewInt(step), decimals: decimals}
			for _, n := range values {
				units := new(big.Int).Mul(new(big.Int).SetUint64(n), new(big.Int).SetUint64(step))
				want := decimal.NewFromBigInt(units, -int32(decimals)).String()
				if got := s.format(n); got != want {
					t.Fatalf("format(%d) with step %d and %d decimals = %q, decimal gives %q", n, step, decimals, got, want)
				}
			}
		}
	}
}
