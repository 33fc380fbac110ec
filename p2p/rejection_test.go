package p2p

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"strings"
	"sync"
	"testing"
)

// testRejections returns n rejections of orders signed by the test
// trader, every third one a cancel.
func testRejections(t testing.TB, n int) []Rejection {
	t.Helper()
	trader := testKey(t, "trader")
	out := make([]Rejection, n)
	for i := range out {
		o := signOrder(t, trader, uint64(i+1))
		out[i] = Rejection{
			Cancel: i%3 == 2, Hash: testExchange.Domain().OrderHash(o.Order), Signature: o.Signature,
			Seq: uint64(100 + i), Code: 4007, Message: "ledger: insufficient available balance: needs 5 USDC",
			Data: []byte(`{"reason":"insufficient_balance"}`),
		}
	}
	return out
}

func signRejections(t testing.TB, rejections []Rejection) *RejectionMessage {
	t.Helper()
	m, err := NewRejectionMessage(testExchange, rejections, operatorKey(t))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func encodeRejections(t testing.TB, m *RejectionMessage) []byte {
	t.Helper()
	data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRejectionMessageRoundTrip(t *testing.T) {
	m := signRejections(t, testRejections(t, 5))
	m.Rejections[1].Code = -32602
	m.Rejections[1].Data = nil
	m.Rejections[1].Message = "prix invalide: 0 n'est pas un nombre de ticks"
	if m, _ = NewRejectionMessage(testExchange, m.Rejections, operatorKey(t)); m == nil {
		t.Fatal("signing failed")
	}
	data := encodeRejections(t, m)
	if len(data) != m.encodedBytes() {
		t.Errorf("encoded %d bytes, encodedBytes returns %d", len(data), m.encodedBytes())
	}

	got, err := DecodeRejectionMessage(data, 8)
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyRejectionMessage(got, testExchange, address(operatorKey(t))); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if err := verifyEncodedRejections(got, data, testExchange, address(operatorKey(t))); err != nil {
		t.Fatalf("verify encoded: %v", err)
	}
	if len(got.Rejections) != len(m.Rejections) {
		t.Fatalf("decoded %d rejections, expected %d", len(got.Rejections), len(m.Rejections))
	}
	for i, r := range got.Rejections {
		want := m.Rejections[i]
		if r.Cancel != want.Cancel || r.Hash != want.Hash || r.Seq != want.Seq || r.Code != want.Code ||
			r.Message != want.Message || !bytes.Equal(r.Data, want.Data) || !bytes.Equal(r.Signature[:64], want.Signature[:64]) {
			t.Errorf("rejection %d decoded as %+v, expected %+v", i, r, want)
		}
	}
}

func TestRejectionMessageWrongSigner(t *testing.T) {
	m, err := NewRejectionMessage(testExchange, testRejections(t, 2), testKey(t, "intruder"))
	if err != nil {
		t.Fatal(err)
	}
	err = VerifyRejectionMessage(m, testExchange, address(operatorKey(t)))
	if !errors.Is(err, ErrNotOperator) {
		t.Fatalf("verify a message of another key: %v, expected ErrNotOperator", err)
	}
	other := ExchangeRef{ChainID: 56, Contract: testExchange.Contract}
	if err := VerifyRejectionMessage(signRejections(t, testRejections(t, 1)), other, address(operatorKey(t))); !errors.Is(err, ErrWrongTopic) {
		t.Fatalf("verify a message of another exchange: %v, expected ErrWrongTopic", err)
	}
}

func TestRejectionMessageBuildLimits(t *testing.T) {
	cases := []struct {
		name string
		edit func([]Rejection) []Rejection
	}{
		{"none", func([]Rejection) []Rejection { return nil }},
		{"long message", func(r []Rejection) []Rejection {
			r[0].Message = strings.Repeat("x", RejectionTextBytesMax+1)
			return r
		}},
		{"not UTF-8", func(r []Rejection) []Rejection {
			r[0].Message = "\xff"
			return r
		}},
		{"large data", func(r []Rejection) []Rejection {
			r[0].Data = make([]byte, RejectionDataBytesMax+1)
			return r
		}},
	}
	for _, tc := range cases {
		_, err := NewRejectionMessage(testExchange, tc.edit(testRejections(t, 2)), operatorKey(t))
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: error %v, expected ErrMalformed", tc.name, err)
		}
	}
}

func TestDecodeRejectionMessageLimits(t *testing.T) {
	valid := encodeRejections(t, signRejections(t, testRejections(t, 3)))
	withCount := func(n uint16) []byte {
		data := bytes.Clone(valid)
		binary.BigEndian.PutUint16(data[29:31], n)
		return data
	}
	// The first rejection's message length sits after its fixed fields.
	textLength := rejectionHeaderBytes + rejectionFixedBytes - 4
	withTextLength := func(n uint16) []byte {
		data := bytes.Clone(valid)
		binary.BigEndian.PutUint16(data[textLength:], n)
		return data
	}
	badKind := bytes.Clone(valid)
	badKind[rejectionHeaderBytes] = 7
	badV := bytes.Clone(valid)
	badV[rejectionHeaderBytes+1+32+64] = 5
	badVersion := bytes.Clone(valid)
	badVersion[0] = 2

	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrMalformed},
		{"header only", valid[:rejectionOverheadBytes-1], ErrMalformed},
		{"version", badVersion, ErrUnsupportedVersion},
		{"zero count", withCount(0), ErrMalformed},
		{"count above the limit", withCount(4), ErrMalformed},
		{"count the bytes cannot hold", withCount(1000), ErrMalformed},
		{"kind", badKind, ErrMalformed},
		{"trader signature v", badV, ErrMalformed},
		{"message past the end", withTextLength(60000), ErrMalformed},
		{"message above the limit", withTextLength(RejectionTextBytesMax + 1), ErrMalformed},
		{"truncated", valid[:len(valid)-10], ErrMalformed},
		{"trailing bytes", append(bytes.Clone(valid[:len(valid)-65]), append([]byte{0}, valid[len(valid)-65:]...)...), ErrMalformed},
	}
	for _, tc := range cases {
		_, err := DecodeRejectionMessage(tc.data, 3)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, expected %v", tc.name, err, tc.want)
		}
	}
	if _, err := DecodeRejectionMessage(valid, 2); !errors.Is(err, ErrMalformed) {
		t.Errorf("3 rejections with a limit of 2: error %v, expected ErrMalformed", err)
	}
}

// rejectionRecorder is a RejectionHandler that keeps what it receives.
type rejectionRecorder struct {
	mu  sync.Mutex
	got []*RejectionMessage
}

func (r *rejectionRecorder) HandleRejections(_ context.Context, m *RejectionMessage) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, m)
}

func (r *rejectionRecorder) messages() []*RejectionMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*RejectionMessage(nil), r.got...)
}

// Only the operator's rejection messages within the limits reach the
// handler; forged, oversized and malformed ones are rejected and counted.
func TestRejectionValidator(t *testing.T) {
	cfg := testConfig(t)
	cfg.Limits.RejectionsPerMessageMax = 4
	recorder := &rejectionRecorder{}
	follower := startHost(t, cfg, Handlers{Rejections: recorder})
	raw := startRawPeer(t, false)
	topic := RejectionTopic(testExchange)
	raw.connect(t, follower, topic)

	forged, err := NewRejectionMessage(testExchange, testRejections(t, 1), testKey(t, "intruder"))
	if err != nil {
		t.Fatal(err)
	}
	raw.publish(t, topic, encodeRejections(t, forged))
	waitFor(t, "the forged rejections to be rejected", func() bool {
		return counter(follower.metrics.rejected, "rejections", reasonNotOperator) == 1
	})

	tooMany := encodeRejections(t, signRejections(t, testRejections(t, 5)))
	raw.publish(t, topic, tooMany)
	waitFor(t, "the message of too many rejections to be rejected", func() bool {
		return counter(follower.metrics.rejected, "rejections", reasonMalformed) == 1
	})
	raw.publish(t, topic, make([]byte, rejectionMessageBytesMax(4)+1))
	waitFor(t, "the oversized message to be rejected", func() bool {
		return counter(follower.metrics.rejected, "rejections", reasonOversized) == 1
	})

	genuine := signRejections(t, testRejections(t, 4))
	raw.publish(t, topic, encodeRejections(t, genuine))
	waitFor(t, "the operator's rejections to be delivered", func() bool { return len(recorder.messages()) == 1 })
	got := recorder.messages()[0]
	if len(got.Rejections) != 4 || got.Rejections[3].Hash != genuine.Rejections[3].Hash {
		t.Fatalf("delivered %+v, expected the operator's 4 rejections", got.Rejections)
	}
}

// A sequencer host, which has no RejectionHandler, publishes rejections
// to a follower and gets an error for a message signed by another key.
func TestPublishRejections(t *testing.T) {
	sequencer := startHost(t, testConfig(t), Handlers{})
	recorder := &rejectionRecorder{}
	follower := startHost(t, testConfig(t), Handlers{Rejections: recorder})
	connect(t, follower, sequencer)
	topic := RejectionTopic(testExchange)
	waitFor(t, "the sequencer to see the follower on the rejection topic", func() bool { return sequencer.TopicPeers(topic) == 1 })

	forged, err := NewRejectionMessage(testExchange, testRejections(t, 1), testKey(t, "intruder"))
	if err != nil {
		t.Fatal(err)
	}
	if err := sequencer.PublishRejections(context.Background(), forged); err == nil {
		t.Fatal("publishing rejections signed by another key succeeded")
	}
	if err := sequencer.PublishRejections(context.Background(), signRejections(t, testRejections(t, 2))); err != nil {
		t.Fatalf("publish rejections: %v", err)
	}
	waitFor(t, "the follower to receive the rejections", func() bool { return len(recorder.messages()) == 1 })
	if n := len(recorder.messages()[0].Rejections); n != 2 {
		t.Fatalf("follower received %d rejections, expected 2", n)
	}
}
