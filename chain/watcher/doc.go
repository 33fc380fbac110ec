// Package watcher follows an Exchange contract's events on one chain and
// delivers them once they are confirmed: Deposited, WithdrawalRequested,
// and the on-chain cancels OrderCancelled (cancelOrder) and
// NoncesCancelled (cancelUpTo). Every kind follows the same confirmation,
// reorg and cursor rules below.
//
// Each Poll reads one range of blocks that have Config.Confirmations
// blocks on top (counting their own) and decodes the matching logs. It
// checks that they all come from the canonical chain, passes them with the
// new Cursor to the Handler, and then saves the cursor in the CursorStore.
// Reorgs:
//   - an event in a block reorged out before it has its confirmations is
//     never delivered, because the watcher never reads that block;
//   - an event that reappears in another block is delivered once, when
//     that block is confirmed;
//   - a reorg that replaces a block the watcher already delivered (deeper
//     than the confirmations) stops the watcher with ErrDeepReorg, because
//     what it delivered can no longer be trusted;
//   - a range that changes while it is read is dropped with
//     ErrChainChanged and read again on the next poll.
//
// Exactly once: the cursor moves only after the handler returns nil, and a
// restarted watcher resumes after the saved cursor. A crash between the
// handler and SaveCursor delivers the last range again; a node that stores
// Update.Cursor in the same transaction as the events' effects, and loads
// it through its CursorStore, never applies an event twice. Event.Key is a
// stable identity for consumers that deduplicate instead. A cancel applied
// again changes nothing, because its order is already cancelled or the
// minimum nonce already reached, so consumers need not deduplicate
// cancels.
//
// The decoder reads the event layout from the Exchange's generated
// bindings (contracts/bindings) and NewDecoder rejects an ABI in which one
// of the four events is missing or differs from what it decodes.
//
// Limits: one range spans at most BlocksPerQueryMax blocks and holds at
// most EventsPerUpdateMax events; a fuller range is halved.
//
// Concurrency: a Watcher belongs to the goroutine that calls Poll or Run.
package watcher
