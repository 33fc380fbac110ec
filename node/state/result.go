package state

import (
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
)

// OrderStatus is the stage of an order's life.
type OrderStatus uint8

// Order statuses. An open order may be partly filled; Filled, Cancelled and
// Expired are final.
const (
	StatusOpen OrderStatus = iota + 1
	StatusFilled
	StatusCancelled
	StatusExpired
)

var statusNames = [...]string{StatusOpen: "open", StatusFilled: "filled", StatusCancelled: "cancelled", StatusExpired: "expired"}

func (s OrderStatus) String() string {
	if s >= StatusOpen && s <= StatusExpired {
		return statusNames[s]
	}
	return "unknown"
}

// OrderUpdate is an order's state after an entry. ID is the sequence
// number of the entry that placed the order and Time that entry's time in
// unix milliseconds; Order is the signed order itself, so that a reader
// needs no other record to describe it.
type OrderUpdate struct {
	ID        uint64
	Hash      common.Hash
	Trader    common.Address
	Market    MarketKey
	Order     eip712.Order
	Time      uint64
	Status    OrderStatus
	Filled    uint64 // lots
	Remaining uint64 // lots
	// Reason is the cause of a cancel, for example "self-trade".
	Reason string
	// Triggered is false for a stop order that has not reached its trigger
	// price, true for every other order.
	Triggered bool
}

// DepthChange is a price level's new total quantity; zero removes it.
type DepthChange struct {
	Market   MarketKey
	Side     matching.Side
	Price    uint64 // ticks
	Quantity uint64 // lots
}

// BalanceKey names the balance of one owner in one asset.
type BalanceKey struct {
	Owner common.Address
	Asset ledger.Asset
}

// Result lists the changes of one entry. Its slices are reused by the
// next Apply, so copy what must outlive it.
type Result struct {
	Seq  uint64
	Time uint64 // unix milliseconds

	Orders      []OrderUpdate
	Trades      []Trade
	Depth       []DepthChange
	Deposits    []Deposit
	Withdrawals []WithdrawalRecord
	Sealed      []BatchKey
	Settled     []BatchKey
	Failed      []BatchKey
	Halted      []MarketKey
	Postings    []ledger.Posting
	// Balances lists the owner balances the entry changed, sorted.
	Balances []BalanceKey

	orderIndex map[uint64]int
}

func (r *Result) reset(seq, time uint64) {
	*r = Result{
		Seq: seq, Time: time,
		Orders: r.Orders[:0], Trades: r.Trades[:0], Depth: r.Depth[:0], Deposits: r.Deposits[:0],
		Withdrawals: r.Withdrawals[:0], Sealed: r.Sealed[:0], Settled: r.Settled[:0], Failed: r.Failed[:0],
		Halted: r.Halted[:0], Postings: r.Postings[:0], Balances: r.Balances[:0], orderIndex: r.orderIndex,
	}
	if r.orderIndex == nil {
		r.orderIndex = map[uint64]int{}
	}
	clear(r.orderIndex)
}

// noteOrder records the order's state after an event that changed it.
func (m *Machine) noteOrder(o *orderRecord, e *matching.Event) {
	if o == nil {
		return
	}
	u := m.orderUpdate(o)
	switch e.Type {
	case matching.EventAmended:
		u.Remaining = e.Quantity
	case matching.EventStopTriggered:
		u.Triggered = true
	}
}

// closeOrder records an order's final status.
func (m *Machine) closeOrder(o *orderRecord, status OrderStatus, reason string) {
	u := m.orderUpdate(o)
	u.Status = status
	u.Reason = reason
	if status != StatusFilled {
		u.Remaining = 0
	}
}

// orderUpdate returns the result's update of an order, adding it on the
// order's first change in the entry.
func (m *Machine) orderUpdate(o *orderRecord) *OrderUpdate {
	r := &m.result
	q := o.quantity
	if i, ok := r.orderIndex[o.id]; ok {
		u := &r.Orders[i]
		u.Filled, u.Remaining = o.filled, q-o.filled
		return u
	}
	r.orderIndex[o.id] = len(r.Orders)
	order := m.orderOf(o)
	r.Orders = append(r.Orders, OrderUpdate{
		ID: o.id, Hash: m.hashOf(o), Trader: order.Trader, Market: m.marketOf(o).key,
		Order: order, Time: o.time, Status: StatusOpen, Filled: o.filled, Remaining: q - o.filled,
		Triggered: m.triggered(o),
	})
	return &r.Orders[len(r.Orders)-1]
}

// collectBalances lists the owner accounts that the postings touched.
func (r *Result) collectBalances() {
	for i := range r.Postings {
		p := &r.Postings[i]
		if !p.DebitKind.IsSystem() {
			r.Balances = append(r.Balances, BalanceKey{Owner: p.DebitOwner, Asset: p.Asset})
		}
		if !p.CreditKind.IsSystem() {
			r.Balances = append(r.Balances, BalanceKey{Owner: p.CreditOwner, Asset: p.Asset})
		}
	}
	slices.SortFunc(r.Balances, compareBalanceKeys)
	r.Balances = slices.Compact(r.Balances)
}

func compareBalanceKeys(a, b BalanceKey) int {
	if c := a.Owner.Cmp(b.Owner); c != 0 {
		return c
	}
	return a.Asset.Compare(b.Asset)
}
