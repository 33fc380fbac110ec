package ledger

import (
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

const (
	// DefaultRecentPostingsMax is the default number of recent postings kept
	// in memory for RecentPostings.
	DefaultRecentPostingsMax = 1 << 14
	// postingsPerEntryMax bounds the postings of one entry, and so the
	// memory of its transaction. A market order sweeping a deep book makes
	// about five postings per fill, far below this.
	postingsPerEntryMax = 1 << 20
)

// Config sets the ledger's limits.
type Config struct {
	// RecentPostingsMax is how many of the most recent committed postings
	// are kept in memory for RecentPostings; 0 keeps none.
	RecentPostingsMax int
}

// DefaultConfig returns the configuration the node uses.
func DefaultConfig() Config {
	return Config{RecentPostingsMax: DefaultRecentPostingsMax}
}

// Ledger is the double-entry ledger. It is not safe for concurrent use: one
// goroutine, the state machine's, owns it.
type Ledger struct {
	cfg Config

	// lastSeq is the sequence number of the last committed entry.
	lastSeq uint64

	assets map[Asset]*assetState
	slots  map[slotKey]*slot
	// owners lists each owner's slots.
	// Invariant: each list is sorted by asset.
	owners map[common.Address][]*slot
	// holds maps an open order's id to its hold.
	// Invariant: for each slot, bal[Held] is the sum of its holds.
	holds holdTable
	// deposits contains every deposit id ever credited.
	deposits map[DepositID]struct{}
	// withdrawalIDs contains every withdrawal id ever requested.
	withdrawalIDs map[WithdrawalID]struct{}

	// open is the batch that collects fills and withdrawals.
	// Invariant: open.id is greater than every id in batches.
	open *batch
	// batches contains the sealed and failed batches by id. A confirmed
	// batch is removed.
	batches map[uint64]*batch

	recent postingRing
	tx     Tx
}

type slotKey struct {
	owner common.Address
	asset Asset
}

// slot contains one owner's accounts in one asset.
type slot struct {
	owner common.Address
	asset *assetState
	// bal is indexed by kind - Available.
	bal [ownerKinds]uint256.Int
	// record is this slot's record in the open batch if recordBatch equals
	// the open batch's id; otherwise the slot has no record there yet.
	record      *record
	recordBatch uint64
	// ordinal is scratch space for encoding: the slot's position in the
	// sorted slot list.
	ordinal uint32
}

// assetState contains one asset's system accounts and running totals.
type assetState struct {
	asset Asset
	// sys is indexed by kind - FeesPending.
	sys [systemKinds]uint256.Int
	// Invariant: totals[k] is the sum of bal[k] over the asset's slots.
	totals [ownerKinds]uint256.Int
	// feeRecord is the asset's fee record in the open batch if
	// feeRecordBatch equals the open batch's id.
	feeRecord      *record
	feeRecordBatch uint64
	ordinal        uint32
}

// hold is the reservation of one open order.
type hold struct {
	slot   *slot
	amount uint256.Int
}

// record is one slot's movements within a batch, or, with a nil slot, the
// fees of one asset (in received).
type record struct {
	slot      *slot
	asset     *assetState
	received  uint256.Int
	paid      uint256.Int
	withdrawn uint256.Int
}

type withdrawal struct {
	id     WithdrawalID
	slot   *slot
	amount uint256.Int
}

// batch is a settlement batch.
type batch struct {
	id        uint64
	state     BatchState
	sealedSeq uint64
	// records are the owner records.
	// Invariant: sorted by owner, then asset, once sealed.
	records []*record
	// fees are the fee records. Invariant: sorted by asset once sealed.
	fees []*record
	// withdrawals are in request order.
	withdrawals []withdrawal
}

func (b *batch) empty() bool { return len(b.records) == 0 && len(b.withdrawals) == 0 }

// postingRing keeps the most recent committed postings.
type postingRing struct {
	buf []Posting
	// next is the number of postings ever added; the newest is at
	// (next-1) % len(buf).
	next uint64
}

func (r *postingRing) add(ps []Posting) {
	if cap(r.buf) == 0 {
		return
	}
	for i := range ps {
		if len(r.buf) < cap(r.buf) {
			r.buf = append(r.buf, ps[i])
		} else {
			r.buf[r.next%uint64(cap(r.buf))] = ps[i]
		}
		r.next++
	}
}

// New returns an empty ledger whose open batch has id 1.
func New(cfg Config) *Ledger {
	l := newEmpty(cfg)
	l.open = &batch{id: 1, state: BatchOpen}
	return l
}

func newEmpty(cfg Config) *Ledger {
	l := &Ledger{
		cfg:           cfg,
		assets:        make(map[Asset]*assetState),
		slots:         make(map[slotKey]*slot),
		owners:        make(map[common.Address][]*slot),
		deposits:      make(map[DepositID]struct{}),
		withdrawalIDs: make(map[WithdrawalID]struct{}),
		batches:       make(map[uint64]*batch),
	}
	if cfg.RecentPostingsMax > 0 {
		l.recent.buf = make([]Posting, 0, cfg.RecentPostingsMax)
	}
	return l
}

func (l *Ledger) slot(owner common.Address, asset Asset) *slot {
	return l.slots[slotKey{owner: owner, asset: asset}]
}

// insertOwnerSlot adds s to its owner's sorted slot list.
func (l *Ledger) insertOwnerSlot(s *slot) {
	list := l.owners[s.owner]
	i, _ := slices.BinarySearchFunc(list, s.asset.asset, compareSlotAsset)
	l.owners[s.owner] = slices.Insert(list, i, s)
}

// removeOwnerSlot removes s from its owner's slot list.
func (l *Ledger) removeOwnerSlot(s *slot) {
	list := l.owners[s.owner]
	i, found := slices.BinarySearchFunc(list, s.asset.asset, compareSlotAsset)
	if !found {
		return
	}
	list = slices.Delete(list, i, i+1)
	if len(list) == 0 {
		delete(l.owners, s.owner)
		return
	}
	l.owners[s.owner] = list
}

func compareSlotAsset(s *slot, a Asset) int { return s.asset.asset.Compare(a) }

// compareSlots orders slots by owner, then asset.
func compareSlots(a, b *slot) int {
	if c := compareAddresses(a.owner, b.owner); c != 0 {
		return c
	}
	return a.asset.asset.Compare(b.asset.asset)
}
