package settler

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/contracts/bindings"
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
	return Batch{ID: b.ID, Markets: markets, Data: data, GasBound: batch.GasBound(&b)}, nil
}

// LastBatchID returns the id of the last batch the Exchange settled, read
// from its lastBatchId at the latest block. A restarted node compares it
// with its own batches to know which to submit again.
func LastBatchID(ctx context.Context, caller bind.ContractCaller, exchange common.Address) (uint64, error) {
	binding := bindings.NewExchange()
	instance := bind.NewBoundContract(exchange, binding.GetABI(), caller, nil, nil)
	id, err := bind.Call(instance, &bind.CallOpts{Context: ctx}, binding.PackLastBatchId(), binding.UnpackLastBatchId)
	if err != nil {
		return 0, fmt.Errorf("settler: read lastBatchId of Exchange %s: %w", exchange, err)
	}
	return id, nil
}
