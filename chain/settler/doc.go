// Package settler submits encoded batches to the Exchange's settle and
// follows each to a receipt with the configured confirmations.
//
// EncodeBatch turns a batch.Batch (trades and withdrawals, built by the
// sequencer) into the encoded Batch that Submit takes.
//
// Batches are sent in submission order with consecutive nonces of the
// operator account, which the settler must use alone. Each transaction is
// an EIP-1559 one: the tip is the node's suggestion (at least MinTipWei)
// and the fee cap twice the base fee plus the tip, both capped by
// MaxFeePerGasWei. Every Step then checks each sent batch:
//   - a receipt with Confirmations blocks reports the batch settled, or
//     reverted (ErrBatchReverted) if its status is failure. A receipt has
//     no revert data, so the settler replays the call as a gas estimate on
//     the state after its block and names the Exchange's custom error in
//     the error and the log line;
//   - a batch whose receipt disappeared was dropped by a reorg, and its
//     newest transaction is sent again;
//   - a batch without a receipt after StuckAfter is replaced by a
//     transaction with the same nonce and fees BumpPercent higher, at most
//     AttemptsMax transactions per batch.
//
// A batch with a gas bound (chain/batch.GasBound, an upper bound of its
// gas) is sent with the bound plus GasMarginPercent as its gas limit.
// When every earlier batch is included, one eth_call at that limit on the
// latest state checks it first. Otherwise it is sent unchecked: a batch
// depends on the one before it (the Exchange requires consecutive batch
// ids), and the check would run on a state without the earlier batches.
//
// A batch without a bound, or whose check fails without reverting, is
// estimated instead (eth_estimateGas, which runs the call at least twice),
// against the latest state or, while earlier batches are unconfirmed, the
// pending state. A revert in a check, or in an estimate on the latest
// state, is final and reported without sending, with the Exchange's custom
// error named, such as InvalidBatchId(18, 17). A reverted batch means the
// off-chain and on-chain states disagree, and the node halts the batch's
// markets. IsPaused() is the exception, below.
//
// A paused Exchange rejects every settle with IsPaused(), and that revert
// is not final. A check or estimate that reverts with it keeps the batch
// first in the queue, sends nothing, and the next Step checks again;
// Paused reports the wait. A sent batch whose confirmed receipt reverted
// with it goes back to the queue, and so does every later sent batch that
// then reverts with IsPaused() or InvalidBatchId, in their order. Each is
// sent again with a new nonce, because the reverted transaction used its
// own. Sending waits until every sent batch has its outcome, and then the
// first batch is checked on the latest state, also with a fixed GasLimit.
//
// The clock that decides when a transaction is stuck is injected
// (Config.Clock), so tests drive time by hand and call Step directly.
//
// Limits: at most BatchesInFlightMax batches queued or unconfirmed; Submit
// returns ErrQueueFull beyond that.
//
// Concurrency: Submit and InFlight are safe from any goroutine. Step and
// Run belong to one goroutine; OnResult runs on it, outside the lock.
//
// NOTE: in-flight state lives in memory. After a restart the node must
// read LastBatchID and submit only its batches after that id.
package settler
