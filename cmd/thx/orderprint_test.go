package main

import (
	"bytes"
	"testing"

	"github.com/thaliumx/thaliumx/rpc"
)

// TestPrintTriggerAndExpiry checks the lines that thx order place and
// thx order get add for a stop order's trigger and an order's expiry.
func TestPrintTriggerAndExpiry(t *testing.T) {
	cases := []struct {
		name  string
		order rpc.OrderInfoJSON
		want  string
	}{
		{
			name:  "limit without expiry",
			order: rpc.OrderInfoJSON{OrderJSON: rpc.OrderJSON{Kind: "limit"}, Status: "open", Triggered: true},
			want:  "",
		},
		{
			name:  "waiting buy stop with expiry",
			order: rpc.OrderInfoJSON{OrderJSON: rpc.OrderJSON{Side: "buy", Kind: "stopMarket", TriggerPrice: "1.55", Expiry: 1796516082}, Status: "open"},
			want:  "  trigger price 1.55, waiting for a trade at or above it\n  expiry 2026-12-06T00:14:42Z (unix 1796516082)\n",
		},
		{
			name:  "waiting sell stop",
			order: rpc.OrderInfoJSON{OrderJSON: rpc.OrderJSON{Side: "sell", Kind: "stopLimit", TriggerPrice: "1.4"}, Status: "open"},
			want:  "  trigger price 1.4, waiting for a trade at or below it\n",
		},
		{
			name:  "triggered stop",
			order: rpc.OrderInfoJSON{OrderJSON: rpc.OrderJSON{Kind: "stopLimit", TriggerPrice: "1.55"}, Status: "filled", Triggered: true},
			want:  "  trigger price 1.55, triggered\n",
		},
		{
			name:  "expired stop",
			order: rpc.OrderInfoJSON{OrderJSON: rpc.OrderJSON{Kind: "stopLimit", TriggerPrice: "2", Expiry: 1700000000}, Status: "expired"},
			want:  "  trigger price 2, never triggered\n  expiry 2023-11-14T22:13:20Z (unix 1700000000)\n",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			printTriggerAndExpiry(&out, &tc.order)
			if out.String() != tc.want {
				t.Errorf("printed\n%q\nexpected\n%q", out.String(), tc.want)
			}
		})
	}
}

// TestTriggerColumn checks the TRIGGER column of thx order list.
func TestTriggerColumn(t *testing.T) {
	cases := []struct {
		name  string
		order rpc.OrderInfoJSON
		want  string
	}{
		{"limit", rpc.OrderInfoJSON{OrderJSON: rpc.OrderJSON{Kind: "limit", TriggerPrice: "0"}, Triggered: true}, "-"},
		{"market", rpc.OrderInfoJSON{OrderJSON: rpc.OrderJSON{Kind: "market", TriggerPrice: "0"}, Triggered: true}, "-"},
		{"waiting stop", rpc.OrderInfoJSON{OrderJSON: rpc.OrderJSON{Kind: "stopMarket", TriggerPrice: "1.55"}}, "1.55"},
		{"triggered stop", rpc.OrderInfoJSON{OrderJSON: rpc.OrderJSON{Kind: "stopLimit", TriggerPrice: "1.4"}, Triggered: true}, "1.4 (triggered)"},
	}
	for _, tc := range cases {
		if got := triggerColumn(&tc.order); got != tc.want {
			t.Errorf("%s: trigger column %q, expected %q", tc.name, got, tc.want)
		}
	}
}
