package chain

import (
	"errors"
	"strings"

	"github.com/ethereum/go-ethereum"
)

// txIndexingMessage is the error go-ethereum (v1.14 and later) returns for
// a transaction or receipt it has not found while its transaction index is
// still catching up with the head.
const txIndexingMessage = "transaction indexing is in progress"

// ReceiptNotFound reports whether err from a receipt or transaction lookup
// means "not found yet": ethereum.NotFound, or go-ethereum's error while its
// transaction index lags the head. The caller retries later.
func ReceiptNotFound(err error) bool {
	if errors.Is(err, ethereum.NotFound) {
		return true
	}
	return err != nil && strings.Contains(err.Error(), txIndexingMessage)
}
