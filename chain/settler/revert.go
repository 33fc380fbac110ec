package settler

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/contracts/bindings"
)

// exchangeABI parses the Exchange contract's ABI once, for decoding its
// custom errors.
var exchangeABI = sync.OnceValues(bindings.ExchangeMetaData.ParseABI)

// revertReason returns the Exchange custom error in a revert's data, such
// as "InvalidBatchId(18, 17)", or "" when err carries no data that the
// Exchange ABI decodes. A node operator reads it in the log line of a
// reverted batch instead of a bare "execution reverted".
func revertReason(err error) string {
	var dataErr rpc.DataError
	if !errors.As(err, &dataErr) {
		return ""
	}
	text, ok := dataErr.ErrorData().(string)
	if !ok {
		return ""
	}
	data, decodeErr := hexutil.Decode(text)
	if decodeErr != nil || len(data) < 4 {
		return ""
	}
	parsed, parseErr := exchangeABI()
	if parseErr != nil {
		return ""
	}
	abiErr, lookupErr := parsed.ErrorByID([4]byte(data[:4]))
	if lookupErr != nil {
		return ""
	}
	values, unpackErr := abiErr.Unpack(data)
	if unpackErr != nil {
		return abiErr.Name
	}
	return formatRevert(abiErr, values)
}

// formatRevert writes a decoded custom error as Name(arg, ...).
func formatRevert(e *abi.Error, values any) string {
	args, _ := values.([]any)
	parts := make([]string, len(args))
	for i, v := range args {
		parts[i] = fmt.Sprint(v)
	}
	return e.Name + "(" + strings.Join(parts, ", ") + ")"
}
