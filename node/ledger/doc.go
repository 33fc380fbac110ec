// Package ledger is the exchange's double-entry ledger of traders' balances.
// It is a pure, deterministic state machine: it does no I/O, starts no
// goroutine, reads no clock and uses no randomness, and no map iteration
// order reaches its output. One goroutine, the node's state machine, owns a
// Ledger and drives it from the sequenced log.
//
// # Accounts and postings
//
// Amounts are token base units held in holiman/uint256 values; every sum is
// checked for overflow. Each owner (a trader's address) has four accounts
// per asset (a token on a chain): Available, Held (reserved for open
// orders), PendingSettlement (received from trades whose batch is not yet
// confirmed on chain) and PendingWithdrawal. Each asset has four system
// accounts: FeesPending, FeesSettled, ExternalDeposits, the source of every
// deposit, and ExternalWithdrawals, the sink of every withdrawal. Every
// change is a Posting that debits one account and credits another by the
// same amount of the same asset, and carries the sequence number of the log
// entry that caused it.
//
// # Entries and idempotency
//
// The state machine applies each log entry in one transaction:
//
//	tx, err := l.Begin(seq) // rejects seq unless it is after LastSeq
//	err = tx.PlaceHold(...) // and the entry's other operations
//	err = tx.Commit()       // or tx.Rollback()
//
// Begin rejects an entry whose sequence number is not after the last
// committed one, so an entry applied twice is never counted twice. Each
// operation either applies all its postings or none, and Rollback undoes
// every operation of the entry, so a rejected entry leaves the ledger, its
// snapshot and its state hash exactly as before. Tx.Postings lists the
// entry's postings for the store's index of postings by account, and
// AppendRecentPostings searches a bounded history of recent ones. The *Tx
// that Begin returns is reused by the next Begin, which keeps the steady
// state free of allocations, so the caller must not keep it.
//
// # Orders
//
// PlaceHold reserves what an order can cost, fee included: BuyHold and
// SellHold compute it as docs/PROTOCOL.md fixes. ApplyFill takes each
// side's payment from its hold and then keeps in each hold exactly what the
// order can still cost on its remaining quantity, returning the rest (price
// improvement, a lower fee rate, rounding) to available. ReleaseHold
// returns the rest of a hold when the order ends, whether filled,
// cancelled, expired or an IOC remainder. So after every entry each open
// order's hold equals what it can still cost, which CheckInvariants checks
// against the caller's list of open orders.
//
// # Settlement batches
//
// Fills and withdrawal requests go into the open batch. The sequencer seals
// it (SealBatch); Batch then lists its changes per owner and asset,
// deterministically, for the settler. ConfirmSettlement moves the batch's
// pending settlement to available, its fees to FeesSettled and its
// withdrawals to ExternalWithdrawals, and drops the batch. FailSettlement
// returns the batch's withdrawals to available but leaves its trades
// pending settlement, because the chain did not take them and the ledger
// cannot undo a trade. The batch stays in state BatchFailed, and the node
// halts the batch's markets until an operator resolves it. The ledger does
// not yet offer an operation that resolves a failed batch.
//
// Deposits are credited only by CreditDeposit, which the state machine
// calls for a confirmed chain deposit. A deposit whose confirmations have
// not arrived has no trace in the ledger. Each deposit id and each
// withdrawal id is accepted once. The sets of ids grow with every deposit
// and withdrawal, because forgetting an id would let it be credited again.
//
// # Invariants
//
// CheckInvariants checks, per asset, that debits equal credits, that no
// balance is negative, and that owners' balances plus fees equal deposits
// minus withdrawals. It also checks that the holds equal what open orders
// can cost and that the pending accounts equal the sums of the unconfirmed
// batches. Tests call it after every entry.
//
// # Snapshots
//
// Snapshot encodes the state in a versioned binary format with a CRC-32C,
// and Restore reads it back after checking the checksum and the
// invariants. StateHash is the SHA-256 of that encoding. Both sort the
// state, so they cost O(n log n) in the number of accounts and holds. The
// recent posting history is not part of the state.
package ledger
