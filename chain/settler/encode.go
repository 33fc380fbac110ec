package settler

import (
	"fmt"

	"github.com/thaliumx/thaliumx/chain/batch"
)

// EncodeBatch encodes b with the batch encoder and returns it as a Batch
// for Submit, with the markets of its orders.
func EncodeBatch(b batch.Batch) (Batch, error) {
	data, err := batch.Encode(b)
	if err != nil {
		return Batch{}, fmt.Errorf("%w: batch %d: %w", ErrInvalidBatch, b.ID, err)
	}
	markets := make([]uint32, 0, len(b.Markets))
	seen := make(map[uint32]bool, len(b.Markets))
	for _, order := range b.Orders {
		if !seen[order.Market] {
			seen[order.Market] = true
			markets = append(markets, order.Market)
		}
	}
	return Batch{ID: b.ID, Markets: markets, Data: data}, nil
}
