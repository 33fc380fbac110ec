package ledger

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/holiman/uint256"
)

// checkViolationsMax bounds the violations one CheckInvariants error lists.
const checkViolationsMax = 16

// CheckInvariants checks the whole ledger and returns an error wrapping
// ErrInvariant that lists the first violations found, or nil. Tests call it
// after every entry; it sorts every account, so it costs O(n log n).
//
// openOrderCosts maps every open order's id to what it can still cost
// (BuyHold or SellHold on its remaining quantity). The checks are:
//   - every account's balance is at most its asset's deposits, so none has
//     wrapped below zero;
//   - each asset's running totals equal the sums over its accounts;
//   - debits equal credits: per asset, the debit-side balance
//     (ExternalDeposits) equals the sum of all other balances;
//   - per asset, the owners' balances plus the fees equal deposits minus
//     withdrawals;
//   - each slot's held balance is the sum of its orders' holds, and the
//     orders with a hold are exactly the open orders, each hold equal to
//     the order's cost;
//   - pending settlement, pending withdrawal and pending fees equal the
//     sums of the unconfirmed batches, and within each batch, per asset,
//     what owners received plus fees equals what they paid.
func (l *Ledger) CheckInvariants(openOrderCosts map[uint64]uint256.Int) error {
	c := l.check()
	c.orderCosts(l, openOrderCosts)
	return c.err()
}

// checkState checks everything CheckInvariants does except the costs of
// open orders, which only the caller can compute.
func (l *Ledger) checkState() error {
	return l.check().err()
}

type checker struct {
	violations []string
	dropped    int
}

func (c *checker) failf(format string, args ...any) {
	if len(c.violations) >= checkViolationsMax {
		c.dropped++
		return
	}
	c.violations = append(c.violations, fmt.Sprintf(format, args...))
}

func (c *checker) err() error {
	if len(c.violations) == 0 {
		return nil
	}
	msg := strings.Join(c.violations, "; ")
	if c.dropped > 0 {
		msg += fmt.Sprintf("; and %d more", c.dropped)
	}
	return fmt.Errorf("%w: %s", ErrInvariant, msg)
}

// sums are per-asset sums recomputed from the accounts and batches.
type sums struct {
	// owner is indexed by kind - Available.
	owner        [ownerKinds]uint256.Int
	overflowSeen bool
}

func (s *sums) add(z, x *uint256.Int) {
	if _, overflow := z.AddOverflow(z, x); overflow {
		s.overflowSeen = true
	}
}

func (l *Ledger) check() *checker {
	c := &checker{}
	assets := l.AppendAssets(nil)
	perAsset := make(map[*assetState]*sums, len(assets))
	for _, asset := range assets {
		perAsset[l.assets[asset]] = &sums{}
	}

	slots := l.sortedSlots()
	for _, s := range slots {
		c.slotBalances(s, perAsset[s.asset])
	}
	for _, asset := range assets {
		a := l.assets[asset]
		c.assetTotals(a, perAsset[a])
	}
	c.holds(l, slots)
	c.batches(l, slots, assets)
	return c
}

func (l *Ledger) sortedSlots() []*slot {
	slots := slices.Collect(maps.Values(l.slots))
	slices.SortFunc(slots, compareSlots)
	return slots
}

func (c *checker) slotBalances(s *slot, sum *sums) {
	if sum == nil {
		c.failf("account of %s in %s has no asset record", s.owner.Hex(), s.asset.asset)
		return
	}
	deposits := &s.asset.sys[ExternalDeposits-FeesPending]
	for k := range s.bal {
		if s.bal[k].Gt(deposits) {
			c.failf("%s account of %s in %s is %s, above the asset's deposits %s (negative?)",
				Available+AccountKind(k), s.owner.Hex(), s.asset.asset, s.bal[k].Dec(), deposits.Dec())
		}
		sum.add(&sum.owner[k], &s.bal[k])
	}
}

func (c *checker) assetTotals(a *assetState, sum *sums) {
	if sum.overflowSeen {
		c.failf("%s: the sum of owner balances overflows 256 bits", a.asset)
		return
	}
	var credits uint256.Int
	for k := range sum.owner {
		if !sum.owner[k].Eq(&a.totals[k]) {
			c.failf("%s: %s accounts sum to %s, running total is %s", a.asset, Available+AccountKind(k), sum.owner[k].Dec(), a.totals[k].Dec())
		}
		sum.add(&credits, &sum.owner[k])
	}
	owners := credits
	fees := new(uint256.Int).Add(&a.sys[FeesPending-FeesPending], &a.sys[FeesSettled-FeesPending])
	sum.add(&credits, fees)
	sum.add(&credits, &a.sys[ExternalWithdrawals-FeesPending])

	deposits := &a.sys[ExternalDeposits-FeesPending]
	withdrawals := &a.sys[ExternalWithdrawals-FeesPending]
	if sum.overflowSeen || !credits.Eq(deposits) {
		c.failf("%s: debits %s (deposits) differ from credits %s", a.asset, deposits.Dec(), credits.Dec())
	}
	var outstanding uint256.Int
	if _, short := outstanding.SubOverflow(deposits, withdrawals); short {
		c.failf("%s: withdrawals %s exceed deposits %s", a.asset, withdrawals.Dec(), deposits.Dec())
		return
	}
	owners.Add(&owners, fees)
	if !owners.Eq(&outstanding) {
		c.failf("%s: owner balances plus fees are %s, deposits minus withdrawals %s", a.asset, owners.Dec(), outstanding.Dec())
	}
}

func (c *checker) holds(l *Ledger, slots []*slot) {
	held := make(map[*slot]*uint256.Int, len(slots))
	for _, s := range slots {
		held[s] = new(uint256.Int)
	}
	orders := l.holds.sortedOrders()
	for _, order := range orders {
		h, _ := l.holds.get(order)
		sum, ok := held[h.slot]
		if !ok {
			c.failf("hold of order %d belongs to an account the ledger does not list", order)
			continue
		}
		if _, overflow := sum.AddOverflow(sum, &h.amount); overflow {
			c.failf("holds of %s in %s overflow 256 bits", h.slot.owner.Hex(), h.slot.asset.asset)
		}
	}
	for _, s := range slots {
		if got := &s.bal[Held-Available]; !got.Eq(held[s]) {
			c.failf("held account of %s in %s is %s, its orders' holds sum to %s", s.owner.Hex(), s.asset.asset, got.Dec(), held[s].Dec())
		}
	}
}

func (c *checker) orderCosts(l *Ledger, costs map[uint64]uint256.Int) {
	for _, order := range l.holds.sortedOrders() {
		if _, open := costs[order]; !open {
			h, _ := l.holds.get(order)
			c.failf("order %d is not open but holds %s of %s", order, h.amount.Dec(), h.slot.asset.asset)
		}
	}
	for _, order := range slices.Sorted(maps.Keys(costs)) {
		cost := costs[order]
		h, ok := l.holds.get(order)
		switch {
		case !ok:
			c.failf("open order %d can cost %s but has no hold", order, cost.Dec())
		case !h.amount.Eq(&cost):
			c.failf("hold of order %d is %s, the order can cost %s", order, h.amount.Dec(), cost.Dec())
		}
	}
}

// batchSums are the sums of all unconfirmed batches for one slot.
type batchSums struct {
	received  uint256.Int
	withdrawn uint256.Int
}

func (l *Ledger) sortedBatches() []*batch {
	batches := slices.Collect(maps.Values(l.batches))
	slices.SortFunc(batches, func(x, y *batch) int { return cmp.Compare(x.id, y.id) })
	return append(batches, l.open)
}

func (c *checker) batches(l *Ledger, slots []*slot, assets []Asset) {
	perSlot := make(map[*slot]*batchSums, len(slots))
	for _, s := range slots {
		perSlot[s] = &batchSums{}
	}
	fees := make(map[*assetState]*uint256.Int, len(assets))
	for _, asset := range assets {
		fees[l.assets[asset]] = new(uint256.Int)
	}

	for _, b := range l.sortedBatches() {
		c.batchShape(l, b)
		c.batchRecords(b, perSlot, fees)
	}

	for _, s := range slots {
		sum := perSlot[s]
		if got := &s.bal[PendingSettlement-Available]; !got.Eq(&sum.received) {
			c.failf("pending settlement of %s in %s is %s, its batches received %s", s.owner.Hex(), s.asset.asset, got.Dec(), sum.received.Dec())
		}
		if got := &s.bal[PendingWithdrawal-Available]; !got.Eq(&sum.withdrawn) {
			c.failf("pending withdrawal of %s in %s is %s, its batches withdraw %s", s.owner.Hex(), s.asset.asset, got.Dec(), sum.withdrawn.Dec())
		}
	}
	for _, asset := range assets {
		a := l.assets[asset]
		if got := &a.sys[FeesPending-FeesPending]; !got.Eq(fees[a]) {
			c.failf("%s: fees pending are %s, its batches collected %s", asset, got.Dec(), fees[a].Dec())
		}
	}
}

// batchShape checks the batch's id, state and record order.
func (c *checker) batchShape(l *Ledger, b *batch) {
	switch {
	case b == l.open && b.state != BatchOpen:
		c.failf("open batch %d is in state %s", b.id, b.state)
	case b != l.open && (b.state != BatchSealed && b.state != BatchFailed || b.id >= l.open.id):
		c.failf("batch %d is in state %s beside open batch %d", b.id, b.state, l.open.id)
	}
	if b.state == BatchOpen {
		return
	}
	if !slices.IsSortedFunc(b.records, func(x, y *record) int { return compareSlots(x.slot, y.slot) }) {
		c.failf("records of sealed batch %d are not sorted", b.id)
	}
	if !slices.IsSortedFunc(b.fees, func(x, y *record) int { return x.asset.asset.Compare(y.asset.asset) }) {
		c.failf("fee records of sealed batch %d are not sorted", b.id)
	}
}

// batchRecords adds the batch's records to the per-slot and per-asset sums
// and checks that, per asset, received plus fees equal paid, and that each
// record's withdrawn sum matches the batch's withdrawals.
func (c *checker) batchRecords(b *batch, perSlot map[*slot]*batchSums, fees map[*assetState]*uint256.Int) {
	type flow struct{ in, out uint256.Int }
	flows := make(map[*assetState]*flow)
	withdrawn := make(map[*slot]*uint256.Int)
	seen := make(map[*slot]bool, len(b.records))

	for _, w := range b.withdrawals {
		if withdrawn[w.slot] == nil {
			withdrawn[w.slot] = new(uint256.Int)
		}
		withdrawn[w.slot].Add(withdrawn[w.slot], &w.amount)
	}
	for _, r := range b.records {
		sum := perSlot[r.slot]
		if sum == nil || seen[r.slot] {
			c.failf("batch %d has a record the ledger does not list or lists twice", b.id)
			continue
		}
		seen[r.slot] = true
		if flows[r.asset] == nil {
			flows[r.asset] = &flow{}
		}
		flows[r.asset].in.Add(&flows[r.asset].in, &r.received)
		flows[r.asset].out.Add(&flows[r.asset].out, &r.paid)
		sum.received.Add(&sum.received, &r.received)

		expected := withdrawn[r.slot]
		if expected == nil {
			expected = new(uint256.Int)
		}
		if !r.withdrawn.Eq(expected) {
			c.failf("batch %d: record of %s in %s withdraws %s, its withdrawals sum to %s", b.id, r.slot.owner.Hex(), r.asset.asset, r.withdrawn.Dec(), expected.Dec())
		}
		if b.state != BatchFailed {
			sum.withdrawn.Add(&sum.withdrawn, &r.withdrawn)
		}
	}
	for _, w := range b.withdrawals {
		if !seen[w.slot] {
			c.failf("batch %d: withdrawal %x of %s has no record", b.id, w.id[:], w.slot.owner.Hex())
		}
	}
	for _, r := range b.fees {
		if flows[r.asset] == nil {
			flows[r.asset] = &flow{}
		}
		flows[r.asset].in.Add(&flows[r.asset].in, &r.received)
		if total := fees[r.asset]; total != nil {
			total.Add(total, &r.received)
		}
	}
	for _, r := range b.records {
		if f := flows[r.asset]; f != nil && !f.in.Eq(&f.out) {
			c.failf("batch %d: in %s the received sums plus fees are %s, the paid sums %s", b.id, r.asset.asset, f.in.Dec(), f.out.Dec())
			flows[r.asset] = nil
		}
	}
}
