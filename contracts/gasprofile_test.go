package contracts_test

import (
	"encoding/json"
	"flag"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/eth/tracers"
)

// gasProfileFlag makes BenchmarkSettleGas trace every transaction on its
// simulated chain and report where the gas of the last settle went.
var gasProfileFlag = flag.Bool("gasprofile", false,
	"BenchmarkSettleGas: also report the settle gas per trade by kind (storage reads, storage writes, ecrecover, ...), from an opcode trace")

// gasTracerName names the go-ethereum live tracer that records gas by
// kind. withMainnetRules installs it when gasProfileFlag is set.
const gasTracerName = "thaliumx-gas-by-kind"

// Kinds of gas in a profile, the metric names BenchmarkSettleGas reports.
const (
	gasKindStorageRead  = "sload-gas/trade"
	gasKindStorageWrite = "sstore-gas/trade"
	gasKindEcrecover    = "ecrecover-gas/trade"
	gasKindKeccak       = "keccak-gas/trade"
	gasKindLog          = "log-gas/trade"
	gasKindOther        = "other-execution-gas/trade"
)

// gasProfilesMax bounds the profiles kept. The benchmark needs only the
// last settle, so all profiles are dropped when the limit is reached.
const gasProfilesMax = 1_000

var gasProfiles = struct {
	sync.Mutex
	byTx    map[common.Hash]map[string]uint64
	current map[string]uint64
	// Kind of the previous opcode at call depth 1 and the gas left before
	// it ran.
	previousKind string
	gasBefore    uint64
}{byTx: map[common.Hash]map[string]uint64{}}

func init() {
	tracers.LiveDirectory.Register(gasTracerName, func(json.RawMessage) (*tracing.Hooks, error) {
		return &tracing.Hooks{OnTxStart: gasProfileTxStart, OnOpcode: gasProfileOpcode, OnTxEnd: gasProfileTxEnd}, nil
	})
}

func gasProfileTxStart(_ *tracing.VMContext, tx *types.Transaction, _ common.Address) {
	gasProfiles.Lock()
	defer gasProfiles.Unlock()
	if len(gasProfiles.byTx) >= gasProfilesMax {
		gasProfiles.byTx = map[common.Hash]map[string]uint64{}
	}
	gasProfiles.current = map[string]uint64{}
	gasProfiles.previousKind = ""
	gasProfiles.byTx[tx.Hash()] = gasProfiles.current
}

// gasProfileOpcode charges each opcode of the called contract with the gas
// spent between it and the next one, so that a call is charged with
// everything its callee spent.
func gasProfileOpcode(_ uint64, op byte, gas, _ uint64, _ tracing.OpContext, _ []byte, depth int, _ error) {
	gasProfiles.Lock()
	defer gasProfiles.Unlock()
	if gasProfiles.current == nil || depth != 1 {
		return
	}
	if gasProfiles.previousKind != "" {
		gasProfiles.current[gasProfiles.previousKind] += gasProfiles.gasBefore - gas
	}
	gasProfiles.previousKind = gasKind(vm.OpCode(op))
	gasProfiles.gasBefore = gas
}

func gasProfileTxEnd(*types.Receipt, error) {
	gasProfiles.Lock()
	defer gasProfiles.Unlock()
	gasProfiles.current = nil
}

func gasKind(op vm.OpCode) string {
	switch op {
	case vm.SLOAD:
		return gasKindStorageRead
	case vm.SSTORE:
		return gasKindStorageWrite
	case vm.STATICCALL:
		// settle makes no other static call than to the ecrecover precompile.
		return gasKindEcrecover
	case vm.KECCAK256:
		return gasKindKeccak
	case vm.LOG0, vm.LOG1, vm.LOG2, vm.LOG3, vm.LOG4:
		return gasKindLog
	}
	return gasKindOther
}

// gasProfile returns the gas of transaction tx by kind, or nil if it was
// not traced.
func gasProfile(tx common.Hash) map[string]uint64 {
	gasProfiles.Lock()
	defer gasProfiles.Unlock()
	return gasProfiles.byTx[tx]
}
