package p2p

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// TestMisbehavingPeerBanned runs a raw peer that breaks one rule per
// subtest against an honest host. The honest host drops what it sends,
// scores it below the ban threshold, disconnects and bans it, and
// keeps exchanging orders with a second honest host, which never receives
// the bad messages.
func TestMisbehavingPeerBanned(t *testing.T) {
	topic := OrderTopic(testMarket)
	tests := []struct {
		name      string
		uniqueIDs bool
		reason    string
		send      func(t *testing.T, raw *rawPeer)
	}{
		{"invalid signatures", false, reasonSignature, func(t *testing.T, raw *rawPeer) {
			for i := range 40 {
				order := signOrder(t, testKey(t, "attacker"), uint64(i))
				order.Order.Quantity++ // the signature no longer matches
				raw.publish(t, topic, encodeOrder(t, order))
			}
		}},
		{"oversized messages", false, reasonOversized, func(t *testing.T, raw *rawPeer) {
			for i := range 40 {
				raw.publish(t, topic, []byte(fmt.Sprintf("%01000d", i)))
			}
		}},
		{"replays", true, reasonReplay, func(t *testing.T, raw *rawPeer) {
			data := encodeOrder(t, signOrder(t, testKey(t, "attacker"), 1))
			for range 600 {
				raw.publish(t, topic, data)
			}
		}},
		{"flood", false, reasonRateLimited, func(t *testing.T, raw *rawPeer) {
			key := testKey(t, "attacker")
			for i := range 700 {
				raw.publish(t, topic, encodeOrder(t, signOrder(t, key, uint64(i))))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Only the host under attack gets the low limit. Host 0 forwards
			// the flood's first 50 orders, which are valid. With the same
			// limit, host 1 could spend its budget for host 0 on them and
			// drop the honest order below as rate-limited. Gossipsub marks
			// a message seen when it arrives, so host 1 never takes it later.
			hosts, recorders := startMarketHosts(t, 2, func(i int, cfg *Config) {
				if i == 0 {
					cfg.Limits.OrderMessagesPerPeerPerSecond = 50
					cfg.Limits.OrderMessagesPerPeerBurst = 50
				}
			})
			honest, other := hosts[0], hosts[1]
			raw := startRawPeer(t, tt.uniqueIDs)
			raw.connect(t, honest, topic)

			tt.send(t, raw)
			waitFor(t, "the raw peer to be banned and disconnected", func() bool {
				return honest.Banned(raw.id()) && !honest.ConnectedTo(raw.id())
			})
			if got := counter(honest.metrics.rejected, "orders", tt.reason); got == 0 {
				t.Errorf("no message dropped for reason %s", tt.reason)
			}
			if bans := testutil.ToFloat64(honest.metrics.bans); bans != 1 {
				t.Errorf("%v bans counted, expected 1", bans)
			}
			if honest.Banned(other.ID()) || !honest.ConnectedTo(other.ID()) {
				t.Error("the honest peer was banned or disconnected too")
			}
			if got := counter(other.metrics.messages, topic, resultRejected); got != 0 {
				t.Errorf("the second host rejected %v messages; the first forwarded bad ones", got)
			}
			if got := counter(other.metrics.rejected, "orders", reasonRateLimited); got != 0 {
				t.Errorf("the second host rate-limited %v messages of the first", got)
			}

			// The ban holds: the raw peer cannot reconnect.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := raw.host.Connect(ctx, peerInfo(honest)); err == nil {
				waitFor(t, "the banned peer's connection to be refused", func() bool { return !honest.ConnectedTo(raw.id()) })
			}

			// Honest hosts still exchange orders both ways.
			for i, pair := range [][2]int{{0, 1}, {1, 0}} {
				order := signOrder(t, testKey(t, "honest trader"), uint64(10_000+i))
				if err := hosts[pair[0]].PublishOrder(context.Background(), testExchange, order); err != nil {
					t.Fatal(err)
				}
				id := MessageID(encodeOrder(t, order))
				waitFor(t, fmt.Sprintf("host %d to receive an honest order after the ban", pair[1]), func() bool {
					return recorders[pair[1]].deliveries(id) == 1
				})
			}
		})
	}
}
