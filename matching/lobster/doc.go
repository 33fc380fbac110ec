// Package lobster replays NASDAQ order flow in the LOBSTER format through the
// matching engine and checks the engine's top of book against the recorded
// one after every message.
//
// A LOBSTER sample is a message file (time, type, order id, size, price,
// direction) and an orderbook file whose row i is the book's top levels
// after message i. The replay maps message types onto engine commands:
//
//   - 1 (submission): a GTC limit order.
//   - 2 (partial cancellation): an amend that reduces the named order,
//     keeping its time priority.
//   - 3 (deletion): a cancel of the named order.
//   - 4 (visible execution): an incoming IOC order of the opposite side, for
//     that size at that price. Price-time priority decides which resting
//     orders it fills.
//   - 5 and 6 (hidden and cross executions): no visible change.
//   - 7 (trading halt, quoting, resume): tracked; a visible execution during
//     a halt is an error.
//
// A file of N levels shows only the top N levels, so orders that rested
// deeper before reaching the top are missing from the messages. The replay
// seeds the book from the first orderbook row and keeps anonymous filler
// orders for quantity that the rows show but no message explains. It
// reconstructs and counts four kinds of gap:
//
//   - an event naming an unknown order, which is carved out of the fillers
//     at its level;
//   - a level whose size disagrees with the previous row before the event;
//   - a named order whose size disagrees with the event;
//   - a level that moves into view from beyond the previous row's levels.
//
// Levels inside the previous row's range are never adjusted after the
// event, so a matching fault there shows as a mismatch.
//
// The package does no I/O of its own: it reads from io.Reader values.
package lobster
