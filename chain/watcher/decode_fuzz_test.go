package watcher

import (
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// FuzzDecode feeds arbitrary topics and data under both event ids: the
// decoder returns an event or ErrInvalidLog, and never panics.
func FuzzDecode(f *testing.F) {
	f.Add(uint8(0), uint8(4), []byte{}, make([]byte, 32))
	f.Add(uint8(1), uint8(3), []byte{1, 2, 3}, make([]byte, 64))
	decoder := mustExchangeDecoder()
	ids := []common.Hash{decoder.deposited.ID, decoder.withdrawalRequested.ID}
	f.Fuzz(func(t *testing.T, which uint8, topicCount uint8, topicSeed []byte, data []byte) {
		topics := []common.Hash{ids[int(which)%len(ids)]}
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
		if event.Amount == nil || (event.Kind != KindDeposit && event.Kind != KindWithdrawalRequest) {
			t.Fatalf("Decode returned %+v without an error", event)
		}
	})
}
