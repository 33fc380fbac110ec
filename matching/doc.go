// Package matching is the order book engine of one market: commands go in,
// events come out.
//
// A Book matches orders with strict price-time priority. Every trade prints
// at the resting (maker) order's price. Prices are uint64 ticks and
// quantities uint64 lots; quote amounts and fees are computed per fill as
// uint256 values with the rules of docs/PROTOCOL.md:
//
//	quote = price * quantity * QuotePerTickLot
//	fee   = floor(quote * feeBps / 10000)
//
// Rounding is down, in the trader's favour, so a fill never charges more than
// its rate, and the buyer's payment, the seller's proceeds and the two fees
// always add up.
//
// # Determinism
//
// The package is pure: it does no I/O, starts no goroutines, reads no wall
// clock and uses no randomness. Time comes only from Tick commands and the
// expiry field of orders. No map iteration reaches an event, a snapshot or
// the state hash, so the same command stream gives a byte-identical event
// stream and the same state hash on every machine. A Book is not safe for
// concurrent use; the goroutine that owns it calls every method.
//
// # Events and terminal events
//
// Apply appends events to a caller-provided slice. Every placed order ends
// with exactly one terminal event: Rejected (bad input), Cancelled, Expired,
// or the Trade that leaves its remaining quantity at zero (for the maker or
// the taker of that trade). A rejected cancel, amend or tick is reported by a
// Rejected event whose Command field names that command; it ends no order.
//
// # Stop orders and the cascade
//
// A buy stop triggers when the last trade price rises to its trigger price
// or above. A sell stop triggers when it falls to its trigger price or
// below. A stop is rejected when the last trade price has already reached
// its trigger, except before the first trade of a market, when any trigger
// price is accepted. Triggered stops are resolved inside the command that
// caused the trade, in this order:
//
//  1. The command's own order matches completely (it rests, fills or is
//     cancelled) before any stop is looked at.
//  2. While the current last trade price triggers a stop, the engine takes
//     one. Buy stops go before sell stops. Among buy stops the lowest
//     trigger price goes first, and among sell stops the highest. On equal
//     triggers the earliest accepted goes first.
//  3. It emits StopTriggered and matches that stop's order as a new incoming
//     order (a stop-limit becomes a limit order with the stop's time in
//     force; a stop-market becomes a market order, IOC unless it is FOK),
//     completely, before step 2 looks again at the new last trade price.
//
// Each stop triggers at most once, so a cascade ends after at most as many
// steps as there are stop orders.
//
// # Order kinds and time in force
//
// Market orders carry a worst acceptable price and are IOC or FOK. A GTD
// order is due from the first Tick whose time is at or after its expiry (see
// Expiry). A GTD order whose expiry is not after the last tick is rejected.
// An IOC or FOK stop order may carry an expiry too, which bounds the time
// it waits for its trigger. Until it triggers, it is due and expires as a
// GTD order does. Once triggered, it matches as IOC or FOK without the
// expiry. Every other order with an expiry is rejected. IOC remainders are
// cancelled and never rest. A FOK order is checked before any fill: when it
// cannot fill completely it is cancelled and the book is untouched. A
// post-only limit order is rejected when it would take liquidity.
//
// Self-trade prevention is chosen by the incoming (taker) order and applies
// when it meets a resting order of the same owner: cancel-newest cancels the
// taker's remainder, cancel-oldest cancels the resting order and goes on
// matching, cancel-both cancels both.
//
// An amend changes a resting order's price and remaining quantity. Reducing
// the quantity at the same price keeps time priority; changing the price or
// raising the quantity moves the order to the back of its level. An amend
// never takes liquidity: one whose new price would cross the book is rejected.
//
// # Expiry
//
// An order with an expiry (GTD, or an IOC or FOK stop order placed with
// one) is due once its expiry is at or before the last tick. One
// command expires at most ExpiriesPerCommandMax orders, so that many orders
// sharing an expiry cost several bounded commands instead of one huge one.
// A Tick expires due orders in order of expiry, then arrival, until it has
// expired that many, and the rest stay due for the next ticks.
// ExpiriesPending reports whether any are left.
//
// A due order never trades, and nothing but a cancel acts on it:
//
//   - When matching reaches a due maker, it emits Expired for it, as a tick
//     would, and goes on with the next maker. Self-trade prevention does not
//     apply to it. Once the command has expired ExpiriesPerCommandMax
//     orders, the next due maker ends matching: the incoming order's
//     remainder is cancelled with reason expiry-backlog, because resting it
//     would cross the due order.
//   - A FOK check skips due makers and fails when it would pass more of them
//     than the command may still expire.
//   - A due stop order that the last trade price triggers expires instead of
//     triggering, whatever its time in force, even beyond
//     ExpiriesPerCommandMax, because a triggered stop cannot stay. That adds
//     at most one Expired event per stop order to a cascade.
//   - A cancel of a due order cancels it (Cancelled, reason user).
//   - An amend of a due order is rejected as an unknown order and leaves the
//     book unchanged; a later tick expires the order.
//
// Until a due order expires, it still counts everywhere else: in the
// queries (BestBid, BestAsk, AppendDepth, LevelAt, Order, the ForEach
// methods, RestingOrders), in the post-only and amend crossing checks, and
// against Config.MaxRestingOrders. Hiding due orders there would cost a walk
// over them on every query, so they show until a tick or a taker expires
// them.
//
// # Invariants
//
// After every command, these hold:
//
//   - The book is not crossed (best bid below best ask), counting due orders.
//   - Each level's quantity is the sum of its orders' remaining quantities.
//   - Every resting and stop order has a remaining quantity between 1 and
//     Config.MaxQuantity.
//   - No stop order is triggered by the last trade price.
//
// Orders with an expiry at or before the last tick are allowed, because
// they are due and wait for a tick. CheckInvariants verifies all of the above
// by a full scan, for tests.
//
// # Cost
//
// Orders live in a slab of 64-byte records, one cache line each, found by
// id through an open-addressing hash index with Robin Hood placement.
//
// Each side groups its price levels into pages of 16 consecutive prices.
// A page has a 16-byte head (its key and a bitmap of the prices that have a
// level), packed with the other heads, and a 64-byte line of level slots.
// A hash index keyed by side and page number finds a page, and a B-tree of
// page numbers per side orders the pages best first. The best level is
// cached, so best-price lookup is O(1). Adding or removing a level sets or
// clears one bit, O(1), plus O(log pages) when its page appears or
// empties. The next level after a removed best level is one bit scan in its
// page, or the first page of the tree when the page emptied. Walking the
// depth costs O(1) per level within a page and O(log pages) per page.
//
// Expiries sit in a binary min-heap of (expiry, arrival, slot) entries.
// Matching checks a maker for being due only while the heap's minimum is
// due, so without a backlog the check is one comparison per maker.
// Stop orders sit in a B-tree per side ordered by trigger price and
// arrival. The slabs, indexes, heap and trees grow in chunks and recycle
// what they free. So once a book has reached its working size, an accepted
// command allocates nothing unless the caller's event slice must grow, and
// a rejected one allocates only its error.
//
// No command scans all levels or all orders, with one exception stated
// where it sits: a FOK check walks the orders it would fill, and those it
// would skip under self-trade prevention. Snapshots, the state hash and
// CheckInvariants cost O(orders).
package matching
