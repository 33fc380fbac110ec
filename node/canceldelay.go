package node

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/thaliumx/thaliumx/contracts/bindings"
)

// Figures of the cancel delay check at start.
const (
	// cancelDelaySafetyFactor multiplies the estimated time the node needs
	// before a cancel binds. The margin covers slower inclusion on a busy
	// chain, gas bumps and the node's own delays. It does not cover the
	// node being down.
	cancelDelaySafetyFactor = 2
	// exchangeCancelDelaySecondsMax is MAX_CANCEL_DELAY_SECONDS of
	// Exchange.sol, the largest delay setCancelDelay accepts.
	exchangeCancelDelaySecondsMax = 604_800
	// cancelDelayCheckTimeout bounds the check's chain reads, so that a
	// slow endpoint delays the node's start by at most this.
	cancelDelayCheckTimeout = 10 * time.Second

	// blockIntervalRuns and blockIntervalRunBlocksMax set the sample of
	// the block interval estimate: up to blockIntervalRuns consecutive
	// runs of up to blockIntervalRunBlocksMax blocks each, ending at the
	// head. The estimate is the upper median of the runs' mean intervals,
	// so one run that spans a pause, such as a dev chain that was
	// stopped, does not count.
	blockIntervalRuns         = 4
	blockIntervalRunBlocksMax = 16
	// blockIntervalsMin is the minimum number of intervals between blocks
	// after genesis that an estimate needs. The genesis block is left out
	// because dev chains set its time freely (0 on the embedded one).
	blockIntervalsMin = 3
	// headAgeIntervalsMax is the max age of the head block, in block
	// intervals. An older head means that the chain seals blocks only on
	// demand, or has stalled, so its past intervals do not tell how soon
	// a cancel gets its confirmations.
	headAgeIntervalsMax = 10
)

// logCancelDelay logs the Exchange's cancel delay and warns when it is
// shorter than the node needs before a cancel binds (checkCancelDelay).
// With such a delay, a trader's on-chain cancel of an order the node has
// already matched can revert the batch and halt the chain's settlement.
// A failed read is logged and does not stop the node.
func (l *chainLink) logCancelDelay(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, cancelDelayCheckTimeout)
	defer cancel()
	binding := bindings.NewExchange()
	instance := bind.NewBoundContract(l.cfg.Exchange, binding.GetABI(), l.client.Eth(), nil, nil)
	delay, err := bind.Call(instance, &bind.CallOpts{Context: ctx}, binding.PackCancelDelaySeconds(), binding.UnpackCancelDelaySeconds)
	switch {
	case err != nil:
		l.log.Warn("failed to read the Exchange's cancel delay", "exchange", l.cfg.Exchange, "err", err)
		return
	case delay == 0:
		l.log.Warn("exchange cancel delay is 0, so an on-chain cancel of a matched order reverts its batch and halts settlement",
			"exchange", l.cfg.Exchange, "fix", "the Exchange's owner calls setCancelDelay, see docs/OPERATORS.md")
		return
	}

	estimate, err := estimateBlockInterval(ctx, l.client.Eth(), l.n.cfg.Clock.Now())
	if err != nil {
		l.log.Warn("failed to estimate the chain's block interval, so the cancel delay is not checked",
			"exchange", l.cfg.Exchange, "seconds", delay, "err", err)
		return
	}
	if estimate.ms == 0 {
		l.log.Info("exchange cancel delay", "exchange", l.cfg.Exchange, "seconds", delay, "notChecked", estimate.reason)
		return
	}
	timing := cancelBindTiming{
		blockIntervalMs: estimate.ms,
		confirmations:   l.cfg.Confirmations,
		batchIntervalMs: durationMs(l.n.cfg.BatchInterval),
		pollIntervalMs:  durationMs(l.cfg.PollInterval),
	}
	verdict, minSeconds := checkCancelDelay(uint64(delay), timing)
	fields := []any{"exchange", l.cfg.Exchange, "seconds", delay, "minSeconds", minSeconds,
		"neededSeconds", ceilDiv(timing.neededMs(), 1000), "blockIntervalMs", timing.blockIntervalMs, "confirmations", timing.confirmations}
	if verdict != cancelDelayTooShort {
		l.log.Info("exchange cancel delay", fields...)
		return
	}
	l.log.Warn("exchange cancel delay is shorter than the node needs before a cancel binds, so an on-chain cancel of a matched order can revert its batch and halt settlement",
		append(fields, "fix", cancelDelayFix(l.cfg.ChainID, minSeconds))...)
}

// cancelDelayFix returns what the operator does about a cancel delay below
// minSeconds.
func cancelDelayFix(chainID, minSeconds uint64) string {
	if minSeconds > exchangeCancelDelaySecondsMax {
		return fmt.Sprintf("the delay needed is above the Exchange's maximum of %d s, so run the node with fewer confirmations "+
			"(--confirmations %d=N), see docs/OPERATORS.md", exchangeCancelDelaySecondsMax, chainID)
	}
	return fmt.Sprintf("the Exchange's owner raises the delay to at least %d s with setCancelDelay, "+
		"or the node runs with fewer confirmations (--confirmations %d=N), see docs/OPERATORS.md", minSeconds, chainID)
}

// cancelBindTiming contains the figures that the time the node needs
// before an on-chain cancel binds depends on.
type cancelBindTiming struct {
	blockIntervalMs uint64 // 0 if unknown
	confirmations   uint64
	batchIntervalMs uint64
	pollIntervalMs  uint64 // of the watcher and of the settler
}

// neededMs returns an estimate of the time from a cancel's block until the
// node has settled every trade it matched with the cancelled order before
// it applied the cancel, in milliseconds:
//   - confirmations blocks and one poll interval until the watcher
//     delivers the cancel;
//   - one batch interval until the batch that contains the last such trade is
//     sealed, and one poll interval until the settler sends it;
//   - confirmations blocks until the settle transaction is mined and
//     confirmed. The Exchange needs it mined only, but a reorg within its
//     confirmations drops it, and the settler's new copy is mined later.
//
// The sums and products saturate at math.MaxUint64 instead of
// overflowing.
func (t cancelBindTiming) neededMs() uint64 {
	blocks := mulSaturating(2, t.confirmations)
	needed := mulSaturating(blocks, t.blockIntervalMs)
	needed = addSaturating(needed, mulSaturating(2, t.pollIntervalMs))
	return addSaturating(needed, t.batchIntervalMs)
}

// cancelDelayVerdict is the outcome of checkCancelDelay.
type cancelDelayVerdict int

const (
	cancelDelayEnough cancelDelayVerdict = iota
	// cancelDelayZero: cancels bind in their own block.
	cancelDelayZero
	// cancelDelayUnchecked: the block interval is unknown.
	cancelDelayUnchecked
	cancelDelayTooShort
)

// checkCancelDelay compares an Exchange's cancel delay with
// cancelDelaySafetyFactor times timing.neededMs. It returns the verdict
// and that minimum delay in whole seconds, rounded up, or 0 when the
// block interval is unknown.
func checkCancelDelay(delaySeconds uint64, timing cancelBindTiming) (cancelDelayVerdict, uint64) {
	var minSeconds uint64
	if timing.blockIntervalMs != 0 {
		minSeconds = ceilDiv(mulSaturating(cancelDelaySafetyFactor, timing.neededMs()), 1000)
	}
	switch {
	case delaySeconds == 0:
		return cancelDelayZero, minSeconds
	case timing.blockIntervalMs == 0:
		return cancelDelayUnchecked, 0
	case delaySeconds < minSeconds:
		return cancelDelayTooShort, minSeconds
	}
	return cancelDelayEnough, minSeconds
}

// headerReader is the part of an Ethereum client that
// estimateBlockInterval reads; an *ethclient.Client satisfies it.
type headerReader interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// blockIntervalEstimate is a chain's estimated block interval, or the
// reason there is none.
type blockIntervalEstimate struct {
	ms     uint64 // 0 if unknown
	reason string // the explanation when ms is 0
}

// estimateBlockInterval estimates a chain's block interval from the
// timestamps of the blocks before its head, reading at most
// blockIntervalRuns+1 headers. A chain with fewer than blockIntervalsMin
// intervals after genesis, or whose head is older than
// headAgeIntervalsMax intervals at now, gets no estimate but a reason. An
// error means that a read failed or that the timestamps decrease.
func estimateBlockInterval(ctx context.Context, headers headerReader, now time.Time) (blockIntervalEstimate, error) {
	head, err := headers.HeaderByNumber(ctx, nil)
	if err != nil {
		return blockIntervalEstimate{}, fmt.Errorf("read the head block: %w", err)
	}
	number := head.Number.Uint64()
	if number < 1+blockIntervalsMin {
		return blockIntervalEstimate{reason: fmt.Sprintf(
			"the chain has %d blocks after genesis, too few to measure its block interval", number)}, nil
	}

	intervals := number - 1
	runBlocks := max(1, min(blockIntervalRunBlocksMax, intervals/blockIntervalRuns))
	runs := min(blockIntervalRuns, intervals/runBlocks)
	times := []uint64{head.Time}
	for i := uint64(1); i <= runs; i++ {
		block := number - i*runBlocks
		header, err := headers.HeaderByNumber(ctx, new(big.Int).SetUint64(block))
		if err != nil {
			return blockIntervalEstimate{}, fmt.Errorf("read block %d: %w", block, err)
		}
		times = append(times, header.Time)
	}
	ms, err := medianRunIntervalMs(times, runBlocks)
	if err != nil {
		return blockIntervalEstimate{}, fmt.Errorf("blocks %d to %d: %w", number-runs*runBlocks, number, err)
	}
	if ms == 0 {
		return blockIntervalEstimate{reason: fmt.Sprintf(
			"blocks %d to %d have equal timestamps, so their interval is below what whole seconds measure", number-runs*runBlocks, number)}, nil
	}

	nowSeconds := uint64(max(0, now.Unix()))
	if nowSeconds > head.Time {
		age := nowSeconds - head.Time
		if mulSaturating(age, 1000) > mulSaturating(headAgeIntervalsMax, ms) {
			return blockIntervalEstimate{reason: fmt.Sprintf(
				"the head block %d is %d s old, more than %d block intervals of %d ms, so the chain seals blocks only on demand, has stalled or was just restarted",
				number, age, headAgeIntervalsMax, ms)}, nil
		}
	}
	return blockIntervalEstimate{ms: ms}, nil
}

// medianRunIntervalMs returns the upper median of the mean block intervals
// of consecutive runs, in milliseconds rounded up. times[0] is the head's
// timestamp and times[i] that of the block i*runBlocks before it.
func medianRunIntervalMs(times []uint64, runBlocks uint64) (uint64, error) {
	if len(times) < 2 || runBlocks == 0 {
		return 0, fmt.Errorf("invalid sample of %d timestamps and %d blocks per run, expected at least 2 and 1", len(times), runBlocks)
	}
	means := make([]uint64, 0, len(times)-1)
	for i := 1; i < len(times); i++ {
		if times[i] > times[i-1] {
			return 0, fmt.Errorf("timestamp %d is after the later block's timestamp %d", times[i], times[i-1])
		}
		elapsedMs := mulSaturating(times[i-1]-times[i], 1000)
		means = append(means, ceilDiv(elapsedMs, runBlocks))
	}
	slices.Sort(means)
	return means[len(means)/2], nil
}

// durationMs returns d in whole milliseconds, rounded up, and 0 for a
// negative d.
func durationMs(d time.Duration) uint64 {
	if d <= 0 {
		return 0
	}
	return ceilDiv(uint64(d), uint64(time.Millisecond))
}

// mulSaturating returns a×b, or math.MaxUint64 when that overflows.
func mulSaturating(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return math.MaxUint64
	}
	return lo
}

// addSaturating returns a+b, or math.MaxUint64 when that overflows.
func addSaturating(a, b uint64) uint64 {
	sum, carry := bits.Add64(a, b, 0)
	if carry != 0 {
		return math.MaxUint64
	}
	return sum
}

// ceilDiv returns a/b rounded up. It panics when b is 0.
func ceilDiv(a, b uint64) uint64 {
	q := a / b
	if a%b != 0 {
		q++
	}
	return q
}
