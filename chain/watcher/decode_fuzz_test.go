package watcher

import (
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// FuzzDecode feeds arbitrary topics and data under each followed event id:
// the decoder returns an event of that id's kind or ErrInvalidLog, and
// never panics.
func FuzzDecode(f *testing.F) {
	// Seeds: a Deposited and a WithdrawalRequested log with one topic too
	// many, then a valid log of each event in the order of ids, a
	// NoncesCancelled whose minimum nonce is above 64 bits and an
	// OrderCancelled whose effective time is.
	f.Add(uint8(0), uint8(4), []byte{}, make([]byte, 32))
	f.Add(uint8(1), uint8(3), []byte{1, 2, 3}, make([]byte, 64))
	f.Add(uint8(0), uint8(3), []byte{}, make([]byte, 32))
	f.Add(uint8(1), uint8(2), []byte{3}, make([]byte, 64))
	f.Add(uint8(2), uint8(2), []byte{7, 9}, make([]byte, 32))
	f.Add(uint8(3), uint8(1), []byte{5}, make([]byte, 64))
	f.Add(uint8(3), uint8(1), []byte{5}, append(common.HexToHash("0x010000000000000000").Bytes(), make([]byte, 32)...))
	f.Add(uint8(2), uint8(2), []byte{7, 9}, common.HexToHash("0x010000000000000000").Bytes())
	decoder := mustExchangeDecoder()
	ids := []common.Hash{decoder.deposited.ID, decoder.withdrawalRequested.ID, decoder.orderCancelled.ID, decoder.noncesCancelled.ID}
	kinds := []Kind{KindDeposit, KindWithdrawalRequest, KindOrderCancel, KindNonceCancel}
	f.Fuzz(func(t *testing.T, which uint8, topicCount uint8, topicSeed []byte, data []byte) {
		id := int(which) % len(ids)
		topics := []common.Hash{ids[id]}
		for i := range int(topicCount % 6) {
			var topic common.Hash
			if len(topicSeed) > 0 {
				topic[31] = topicSeed[i%len(topicSeed)]
				topic[0] = topicSeed[(i+1)%len(topicSeed)]
			}
			topics = append(topics, topic)
		}
		event, err := decoder.Decode(1, types.Log{Topics: topics, Data: data})
		if err != nil {
			if !errors.Is(err, ErrInvalidLog) {
				t.Fatalf("Decode error %v does not wrap ErrInvalidLog", err)
			}
			return
		}
		if event.Kind != kinds[id] {
			t.Fatalf("Decode returned a %s for a %s log: %+v", event.Kind, kinds[id], event)
		}
		hasAmount := event.Kind == KindDeposit || event.Kind == KindWithdrawalRequest
		if (event.Amount != nil) != hasAmount {
			t.Fatalf("Decode returned a %s with amount %v", event.Kind, event.Amount)
		}
	})
}
