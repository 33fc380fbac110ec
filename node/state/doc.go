// Package state is the exchange's deterministic state machine: it applies
// the entries of the sequenced log, one at a time and in order, to one
// matching.Book per market and one ledger.Ledger per chain, and returns what
// each entry changed. Every node of an exchange applies the same entries
// and so holds the same state, byte for byte.
//
// # Determinism
//
// The package does no I/O, starts no goroutine, reads no clock and uses no
// randomness that reaches an output. Time comes from the entries
// (Entry.Time, unix milliseconds, never decreasing). Maps are never
// iterated where the order could reach an output: snapshots, batches and
// results sort what they list. The index of the order hashes keys its
// tags with a random seed per machine, so that crafted hashes cannot make
// its lookups slow. The seed decides only where the index keeps a hash.
// One goroutine owns a Machine; readers must be kept out while Apply runs.
//
// # Entries
//
// An entry lists a market, places or cancels a signed order, or applies a
// cancel made on chain. Other entries credit a confirmed deposit, take a
// signed withdrawal or an escape-hatch request, seal a settlement batch,
// record a batch's outcome on chain, or advance time. Apply trusts signatures:
// the sequencer verifies them before it sequences an entry, because doing
// so again on replay would cost tens of microseconds per entry.
// ApplyWithOrderHash also takes the order hash that the verifier computed,
// which must equal the hash Apply computes. The log never carries that
// hash, so recovery and followers compute it from the entry.
//
// Apply is atomic. A rejected entry (a short balance, a replayed order, a
// post-only order that would take) returns an error and leaves the machine,
// its books and its ledgers exactly as they were, so the sequencer drops it
// and reuses its sequence number. Once a book has changed, the ledger must
// follow it; a ledger error at that point means the two disagree, and the
// machine panics rather than continue with a wrong balance.
//
// # Orders
//
// An order's id in its book is the sequence number of the entry that
// placed it, and its owner id is assigned when its trader first places an
// order. Placing an order holds what it can cost (docs/PROTOCOL.md); each
// fill moves funds from both holds to pending settlement in the chain's
// open batch; the end of an order releases the rest of its hold. An order
// with an expiry leaves its book ExpiryMarginSeconds before it, so that
// every fill can still settle before the contract rejects the order as
// expired. The replay set remembers every order hash placed, and every
// hash cancelled on chain is remembered too, so an order can never be
// placed twice. After each entry the machine drops up to
// hashPrunesPerEntryMax hashes (hashPrunesPerTickMax after a tick) whose
// signed expiry has passed at the entry's time and whose record is free,
// because placing such an order again fails as expired anyway. A hash
// without an expiry is kept forever, so a trader who wants the nodes'
// memory bounded signs an expiry.
//
// The Exchange marks an immediate order's (IOC, FOK) nonce used for its
// trader when it settles the order, and reverts a batch that holds a
// second immediate order of the trader with that nonce. So the machine
// marks, per chain and trader, the nonce of each immediate order at its
// first trade. It rejects another immediate order with a marked nonce, or
// with the nonce of an immediate stop order that waits to trigger. A mark
// is kept until a cancelUpTo seen on chain makes its nonce invalid anyway
// (nonces.go).
//
// # Settlement
//
// Each chain has one open batch. A seal entry closes it; SettlementBatch
// then returns the batch's orders, trades, withdrawals and escape-hatch
// payouts for the settler, and a confirmation moves its pending funds to
// available. All fills of one entry land in the same batch, which the
// contract requires of immediate orders. A failed batch returns its
// withdrawals and halts every market it traded in: the node and the
// contract disagree, and an operator must resolve it.
//
// An escape-hatch request is paid when the batch is sealed, for what the
// contract will pay: the requested amount or the trader's whole balance if
// smaller. It waits while the trader has trades of the token awaiting
// settlement, and the trader's open orders that hold the token are
// cancelled first, so that the node's balance and the contract's agree.
//
// # Snapshots and the state hash
//
// Snapshot encodes the whole state, books and ledgers included, in a
// versioned format with a SHA-256 checksum; Restore checks it and every
// invariant. StateHash is that checksum, so two machines with equal hashes
// hold equal state. Both cost time linear in the state's size.
package state
