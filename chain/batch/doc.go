// Package batch encodes and decodes the packed calldata of the Exchange
// contract's settle(bytes) function. docs/CONTRACTS.md gives the byte
// layout; this package is its Go implementation.
//
// A Batch lists orders once, trades that refer to orders by index, signed
// withdrawals and escape-hatch requests to honour. Encode builds the trader,
// token and market tables itself, in order of first use, so equal batches
// encode to equal bytes.
//
// What a settler must respect, because the contract reverts the whole batch
// otherwise:
//
//   - Batch ids run without gaps: a batch must carry the contract's
//     lastBatchId + 1. A batch dropped by a reorg is resubmitted with the
//     same id and content.
//   - An immediate order (IOC or FOK) appears in exactly one batch, with its
//     signature, and all its fills are in that batch. Settling it marks its
//     nonce used on chain, so a second immediate order of the same trader
//     with the same nonce can never settle. A FOK order's fills in the batch
//     must add up to its whole quantity.
//   - A resting order (GTC or GTD) needs its signature in the first batch
//     that fills it. Later batches may omit it (Order.Signature nil): the
//     contract then requires the order's fill record to be nonzero, which
//     proves that an earlier batch verified the signature. Listing the same
//     resting order twice in one batch is allowed but wastes gas.
//   - Every order must be unexpired at the block's timestamp, have a nonce
//     at or above the trader's cancelUpTo nonce and not be cancelled on
//     chain.
//   - A trade's price must be within both orders' limits and the taker must
//     not be post-only. The market's current maker and taker fees must not
//     exceed the orders' signed maxFeeBps.
//   - Balance changes are netted per (trader, token) over the whole batch,
//     so only each balance at the end of the batch must be non-negative.
//   - A signed withdrawal's nonce is single-use per trader. A withdrawal the
//     token refuses to transfer does not revert the batch: the amount
//     returns to the trader's balance and WithdrawalFailed is emitted.
//   - An escape-hatch request listed in the batch is paid in full or up to
//     the trader's balance; a request that no longer exists is skipped.
//
// The package is pure: no I/O, no goroutines, no shared state.
package batch
