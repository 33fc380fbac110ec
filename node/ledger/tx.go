package ledger

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// Tx applies the operations of one log entry. Every posting it makes carries
// the entry's sequence number. A rejected operation changes nothing, and
// the caller then either continues with other operations or calls Rollback
// so that the whole entry leaves the ledger as it was.
type Tx struct {
	l      *Ledger
	seq    uint64
	active bool
	// postings are the entry's postings so far, kept until the next Begin.
	postings []Posting
	// journal undoes the entry's changes in reverse order.
	journal []undo
}

// Begin opens the transaction of the entry with sequence number seq. It
// rejects seq unless it is after the last committed one, so an entry that
// is applied twice is never counted twice. The returned Tx is valid until
// the next Begin.
func (l *Ledger) Begin(seq uint64) (*Tx, error) {
	if l.tx.active {
		return nil, fmt.Errorf("%w: entry %d is not committed or rolled back", ErrTxOpen, l.tx.seq)
	}
	if seq <= l.lastSeq {
		return nil, fmt.Errorf("%w: entry %d, last applied %d", ErrSeqNotAfter, seq, l.lastSeq)
	}
	l.tx = Tx{l: l, seq: seq, active: true, postings: l.tx.postings[:0], journal: l.tx.journal[:0]}
	return &l.tx, nil
}

// LastSeq returns the sequence number of the last committed entry.
func (l *Ledger) LastSeq() uint64 { return l.lastSeq }

// Seq returns the entry's sequence number.
func (tx *Tx) Seq() uint64 { return tx.seq }

// Postings returns the entry's postings in the order they were made. The
// slice stays valid after Commit until the next Begin; the store indexes
// postings by account from it.
func (tx *Tx) Postings() []Posting { return tx.postings }

// Commit makes the entry's changes final and records its sequence number
// as the last applied one, even if the entry made no posting.
func (tx *Tx) Commit() error {
	if !tx.active {
		return fmt.Errorf("%w: commit of entry %d", ErrTxClosed, tx.seq)
	}
	tx.l.recent.add(tx.postings)
	tx.l.lastSeq = tx.seq
	tx.active = false
	clear(tx.journal) // so that the journal keeps no slot, record or batch alive
	tx.journal = tx.journal[:0]
	return nil
}

// Rollback undoes every change of the entry. The ledger's state and the
// last applied sequence number are then as before Begin.
func (tx *Tx) Rollback() error {
	if !tx.active {
		return fmt.Errorf("%w: rollback of entry %d", ErrTxClosed, tx.seq)
	}
	tx.undoTo(0)
	tx.active = false
	return nil
}

func (tx *Tx) usable() error {
	if !tx.active {
		return fmt.Errorf("%w: entry %d", ErrTxClosed, tx.seq)
	}
	return nil
}

// ref locates one account's balance.
type ref struct {
	slot  *slot // nil for a system account
	asset *assetState
	kind  AccountKind
}

func ownerRef(s *slot, kind AccountKind) ref { return ref{slot: s, asset: s.asset, kind: kind} }

func systemRef(a *assetState, kind AccountKind) ref { return ref{asset: a, kind: kind} }

func (r ref) balance() *uint256.Int {
	if r.slot != nil {
		return &r.slot.bal[r.kind-Available]
	}
	return &r.asset.sys[r.kind-FeesPending]
}

// total returns the running total of the account's kind, or nil for a
// system account, whose balance is its own total.
func (r ref) total() *uint256.Int {
	if r.slot != nil {
		return &r.asset.totals[r.kind-Available]
	}
	return nil
}

func (r ref) owner() common.Address {
	if r.slot != nil {
		return r.slot.owner
	}
	return common.Address{}
}

func (r ref) account() Account {
	return Account{Owner: r.owner(), Asset: r.asset.asset, Kind: r.kind}
}

// move is one posting to make, with its effect on the open batch's records.
type move struct {
	kind   PostingKind
	debit  ref
	credit ref
	amount uint256.Int
	order  uint64
	batch  uint64
	ref    [32]byte
	// paidBy, receivedBy and withdrawnBy are the batch records whose paid,
	// received and withdrawn sums grow by amount, or nil.
	paidBy      *record
	receivedBy  *record
	withdrawnBy *record
}

// post applies one posting, or changes nothing and returns why. A zero
// amount makes no posting.
func (tx *Tx) post(m *move) error {
	if m.amount.IsZero() {
		return nil
	}
	if len(tx.postings) >= postingsPerEntryMax {
		return fmt.Errorf("%w: entry %d reached %d postings", ErrEntryTooLarge, tx.seq, postingsPerEntryMax)
	}
	if m.debit.kind == m.credit.kind || m.debit.asset != m.credit.asset {
		return fmt.Errorf("%w: %s posting from %s to %s", ErrInvariant, m.kind, m.debit.account(), m.credit.account())
	}

	var next [4]uint256.Int // debit, credit, debit total, credit total
	if err := tx.computeBalances(m, &next); err != nil {
		return err
	}
	if err := checkRecordSums(m); err != nil {
		return err
	}

	m.debit.balance().Set(&next[0])
	m.credit.balance().Set(&next[1])
	if t := m.debit.total(); t != nil {
		t.Set(&next[2])
	}
	if t := m.credit.total(); t != nil {
		t.Set(&next[3])
	}
	addRecordSums(m)

	tx.postings = append(tx.postings, tx.posting(m))
	tx.journal = append(tx.journal, undo{op: undoMove, move: *m})
	return nil
}

// computeBalances computes the balances and totals after m into next, or
// returns why m cannot apply.
func (tx *Tx) computeBalances(m *move, next *[4]uint256.Int) error {
	amount := &m.amount
	debit := m.debit.balance()
	if m.debit.kind == ExternalDeposits {
		if _, overflow := next[0].AddOverflow(debit, amount); overflow {
			return fmt.Errorf("%w: deposits of %s total %s, adding %s", ErrOverflow, m.debit.asset.asset, debit.Dec(), amount.Dec())
		}
	} else if _, short := next[0].SubOverflow(debit, amount); short {
		err := ErrInsufficientAvailable
		if m.debit.kind == Held {
			err = ErrHoldShort
		}
		return &ShortfallError{Err: err, Account: m.debit.account(), Order: m.order, Needed: *amount, Have: *debit}
	}

	credit := m.credit.balance()
	if _, overflow := next[1].AddOverflow(credit, amount); overflow {
		return fmt.Errorf("%w: %s has %s, adding %s", ErrOverflow, m.credit.account(), credit.Dec(), amount.Dec())
	}

	if t := m.debit.total(); t != nil {
		if _, short := next[2].SubOverflow(t, amount); short {
			return fmt.Errorf("%w: %s total of %s is %s, below the debit of %s", ErrInvariant, m.debit.kind, m.debit.asset.asset, t.Dec(), amount.Dec())
		}
	}
	if t := m.credit.total(); t != nil {
		if _, overflow := next[3].AddOverflow(t, amount); overflow {
			return fmt.Errorf("%w: %s total of %s is %s, adding %s", ErrOverflow, m.credit.kind, m.credit.asset.asset, t.Dec(), amount.Dec())
		}
	}
	return nil
}

// checkRecordSums returns ErrOverflow if a batch record sum of m cannot
// grow by its amount.
func checkRecordSums(m *move) error {
	for _, sum := range m.recordSums() {
		if sum == nil {
			continue
		}
		var next uint256.Int
		if _, overflow := next.AddOverflow(sum, &m.amount); overflow {
			return fmt.Errorf("%w: a batch sum of %s is %s, adding %s", ErrOverflow, m.debit.asset.asset, sum.Dec(), m.amount.Dec())
		}
	}
	return nil
}

// recordSums returns the batch record sums that m changes; unused ones are nil.
func (m *move) recordSums() [3]*uint256.Int {
	var sums [3]*uint256.Int
	if m.paidBy != nil {
		sums[0] = &m.paidBy.paid
	}
	if m.receivedBy != nil {
		sums[1] = &m.receivedBy.received
	}
	if m.withdrawnBy != nil {
		sums[2] = &m.withdrawnBy.withdrawn
	}
	return sums
}

func addRecordSums(m *move) {
	for _, sum := range m.recordSums() {
		if sum != nil {
			sum.Add(sum, &m.amount)
		}
	}
}

func (tx *Tx) posting(m *move) Posting {
	return Posting{
		Seq:         tx.seq,
		Index:       uint32(len(tx.postings)),
		Kind:        m.kind,
		Asset:       m.debit.asset.asset,
		Amount:      m.amount,
		DebitOwner:  m.debit.owner(),
		DebitKind:   m.debit.kind,
		CreditOwner: m.credit.owner(),
		CreditKind:  m.credit.kind,
		Order:       m.order,
		Batch:       m.batch,
		Ref:         m.ref,
	}
}
