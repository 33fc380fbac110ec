package main

import (
	"strings"
	"testing"
	"time"

	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

func TestExpiryFromFlags(t *testing.T) {
	now := time.Unix(1_000_000, 400_000_000) // 0.4 s into a second
	cases := []struct {
		name         string
		expiresIn    time.Duration
		hasExpiresIn bool
		expiry       uint64
		want         uint64
		wantErr      string
	}{
		{"none", 0, false, 0, 0, ""},
		{"expires in 31s rounds up", 31 * time.Second, true, 0, 1_000_032, ""},
		{"expires in 1h", time.Hour, true, 0, 1_003_601, ""},
		{"expires in 30s", 30 * time.Second, true, 0, 0, "invalid --expires-in 30s: use 31s or more"},
		{"expiry 31 s ahead", 0, false, 1_000_031, 1_000_031, ""},
		{"expiry 30 s ahead", 0, false, 1_000_030, 0, "invalid --expiry 1000030: it is 30 s from now; use 1000031 or later"},
		{"expiry passed", 0, false, 999_999, 0, "invalid --expiry 999999: it has passed"},
	}
	for _, tc := range cases {
		got, err := expiryFromFlags(tc.expiresIn, tc.hasExpiresIn, tc.expiry, now)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: error %v, expected one containing %q", tc.name, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: expiry %d, error %v; expected %d", tc.name, got, err, tc.want)
		}
	}
}

func TestCheckMaxFee(t *testing.T) {
	market := &rpc.MarketJSON{Symbol: "THAL/USDC", MakerFeeBps: 2, TakerFeeBps: 5}
	fee := func(bps uint16) *uint16 { return &bps }
	cases := []struct {
		name    string
		req     client.OrderRequest
		wantErr string
	}{
		{"default cap", client.OrderRequest{Kind: "limit"}, ""},
		{"cap at the taker fee", client.OrderRequest{Kind: "limit", MaxFeeBps: fee(5)}, ""},
		{"cap below the taker fee", client.OrderRequest{Kind: "limit", MaxFeeBps: fee(4)}, "THAL/USDC charges takers 5 bps; set 5 or more"},
		{"post-only pays the maker fee only", client.OrderRequest{Kind: "limit", PostOnly: true, MaxFeeBps: fee(2)}, ""},
		{"post-only below the maker fee", client.OrderRequest{Kind: "limit", PostOnly: true, MaxFeeBps: fee(1)}, "THAL/USDC charges makers 2 bps"},
		{"IOC never pays the maker fee", client.OrderRequest{Kind: "limit", TimeInForce: "IOC", MaxFeeBps: fee(5)}, ""},
	}
	for _, tc := range cases {
		err := checkMaxFee(&tc.req, market)
		if tc.wantErr == "" && err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
			t.Errorf("%s: error %v, expected one containing %q", tc.name, err, tc.wantErr)
		}
	}
}

func TestCheckOrderFlagsNamesTheFlag(t *testing.T) {
	cases := []struct {
		req  client.OrderRequest
		want string
	}{
		{client.OrderRequest{Side: "sel", Kind: "limit"}, `invalid --side "sel": use one of buy, sell`},
		{client.OrderRequest{Side: "buy", Kind: "stop"}, `invalid --kind "stop": use one of limit, market, stopLimit, stopMarket`},
		{client.OrderRequest{Side: "buy", Kind: "limit", TimeInForce: "day"}, `invalid --tif "day"`},
		{client.OrderRequest{Side: "buy", Kind: "limit", SelfTradePrevention: "none"}, `invalid --stp "none"`},
		{client.OrderRequest{Side: "buy", Kind: "limit", Price: "abc"}, `invalid --price "abc": expected a decimal number`},
		{client.OrderRequest{Side: "buy", Kind: "limit", Price: "1", Quantity: "0"}, "invalid --quantity 0: use a number above 0"},
		{client.OrderRequest{Side: "buy", Kind: "limit", Price: "-2"}, "invalid --price -2: use a number above 0"},
	}
	for _, tc := range cases {
		err := checkOrderFlags(&tc.req)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, expected one containing %q", tc.req, err, tc.want)
		}
	}
	ok := client.OrderRequest{Side: "Buy", Kind: "LIMIT", TimeInForce: "gtc", SelfTradePrevention: "cancelboth", Price: "1.25", Quantity: "3"}
	if err := checkOrderFlags(&ok); err != nil {
		t.Errorf("names in another case: %v", err)
	}
}
