package node

import (
	dto "github.com/prometheus/client_model/go"
	"testing"
	"time"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
)

// gaugeValue returns the value of the node's gauge name, or -1 when the
// registry has no such gauge.
func gaugeValue(t *testing.T, tn *testNode, name string) float64 {
	t.Helper()
	if m := soleMetric(t, tn, name); m != nil {
		return m.GetGauge().GetValue()
	}
	return -1
}

// soleMetric returns the only sample of the node's unlabelled metric name,
// or nil when the registry has no such metric.
func soleMetric(t *testing.T, tn *testNode, name string) *dto.Metric {
	t.Helper()
	families, err := tn.Metrics().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == name && len(f.GetMetric()) == 1 {
			return f.GetMetric()[0]
		}
	}
	return nil
}

// TestReplaySetGaugeFallsAfterExpiry places an order with an expiry that
// closes at once and one without, and checks that the replay set gauge
// drops the first once the node's clock passes its expiry.
func TestReplaySetGaugeFallsAfterExpiry(t *testing.T) {
	tn := startTestNode(t, "", nil)
	tn.deposit(2, tokenTHAL, 500*thal)

	ioc := tn.order(2, eip712.Sell, 10_000, 1)
	ioc.Order.TimeInForce = eip712.IOC
	ioc.Order.Expiry = uint64(testStart.Unix()) + state.ExpiryMarginSeconds + 5
	tn.place(signOrder(ioc.Order, traderKey(2)))
	tn.place(tn.order(2, eip712.Sell, 11_000, 1))
	if got := gaugeValue(t, tn, "thx_replay_set_orders"); got != 2 {
		t.Fatalf("thx_replay_set_orders is %v after two orders, expected 2", got)
	}

	tn.clock.Advance(6 * time.Second)
	waitFor(t, "the expired order's hash to leave the replay set", func() bool {
		return gaugeValue(t, tn, "thx_replay_set_orders") == 1
	})
}
