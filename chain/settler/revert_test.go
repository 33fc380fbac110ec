package settler

import (
	"errors"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common/hexutil"
)

type testDataError struct {
	msg  string
	data any
}

func (e testDataError) Error() string  { return e.msg }
func (e testDataError) ErrorData() any { return e.data }

// TestRevertReasonDecodesCustomError checks that the Exchange's custom
// error in a revert's data is named with its arguments, also when the
// error is wrapped, and that data the ABI does not know gives "".
func TestRevertReasonDecodesCustomError(t *testing.T) {
	parsed, err := exchangeABI()
	if err != nil {
		t.Fatal(err)
	}
	invalid := parsed.Errors["InvalidBatchId"]
	args, err := invalid.Inputs.Pack(uint64(18), uint64(17))
	if err != nil {
		t.Fatal(err)
	}
	data := hexutil.Encode(append(invalid.ID[:4:4], args...))
	wrapped := fmt.Errorf("estimate gas: %w", testDataError{msg: "execution reverted", data: data})
	if got := revertReason(wrapped); got != "InvalidBatchId(18, 17)" {
		t.Fatalf("revertReason = %q, expected InvalidBatchId(18, 17)", got)
	}
	unknown := testDataError{msg: "execution reverted", data: "0xdeadbeef"}
	if got := revertReason(unknown); got != "" {
		t.Fatalf("revertReason of an unknown selector = %q, expected none", got)
	}
	if got := revertReason(errors.New("execution reverted")); got != "" {
		t.Fatalf("revertReason without data = %q, expected none", got)
	}
}
