package ledger

import (
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// Queries read the current state, which includes the changes of an open
// transaction.

// Balance returns the owner's accounts in the asset, and false if the owner
// never had any.
func (l *Ledger) Balance(owner common.Address, asset Asset) (Balance, bool) {
	s := l.slot(owner, asset)
	if s == nil {
		return Balance{Asset: asset}, false
	}
	return s.balance(), true
}

func (s *slot) balance() Balance {
	return Balance{
		Asset:             s.asset.asset,
		Available:         s.bal[Available-Available],
		Held:              s.bal[Held-Available],
		PendingSettlement: s.bal[PendingSettlement-Available],
		PendingWithdrawal: s.bal[PendingWithdrawal-Available],
	}
}

// AppendBalances appends the owner's balances in every asset it ever had,
// sorted by asset, to dst and returns the extended slice.
func (l *Ledger) AppendBalances(dst []Balance, owner common.Address) []Balance {
	for _, s := range l.owners[owner] {
		dst = append(dst, s.balance())
	}
	return dst
}

// Hold returns the hold of an open order, and false if it has none.
func (l *Ledger) Hold(order uint64) (HoldInfo, bool) {
	h, ok := l.holds.get(order)
	if !ok {
		return HoldInfo{}, false
	}
	return HoldInfo{Order: order, Owner: h.slot.owner, Asset: h.slot.asset.asset, Amount: h.amount}, true
}

// HoldCount returns the number of orders with a hold.
func (l *Ledger) HoldCount() int { return l.holds.count }

// Totals returns the sums of all accounts of the asset by kind, and false
// if the ledger never saw the asset.
func (l *Ledger) Totals(asset Asset) (Totals, bool) {
	a := l.assets[asset]
	if a == nil {
		return Totals{Asset: asset}, false
	}
	return a.totalsInfo(), true
}

func (a *assetState) totalsInfo() Totals {
	return Totals{
		Asset:             a.asset,
		Available:         a.totals[Available-Available],
		Held:              a.totals[Held-Available],
		PendingSettlement: a.totals[PendingSettlement-Available],
		PendingWithdrawal: a.totals[PendingWithdrawal-Available],
		FeesPending:       a.sys[FeesPending-FeesPending],
		FeesSettled:       a.sys[FeesSettled-FeesPending],
		Deposits:          a.sys[ExternalDeposits-FeesPending],
		Withdrawals:       a.sys[ExternalWithdrawals-FeesPending],
	}
}

// AppendAssets appends every asset the ledger has seen, sorted, to dst and
// returns the extended slice.
func (l *Ledger) AppendAssets(dst []Asset) []Asset {
	start := len(dst)
	for asset := range l.assets {
		dst = append(dst, asset)
	}
	slices.SortFunc(dst[start:], Asset.Compare)
	return dst
}

// AppendRecentPostings appends the postings that debit or credit any of the
// owner's accounts in the asset, oldest first, to dst and returns the
// extended slice. It scans the last Config.RecentPostingsMax committed
// postings only; the store's posting index holds the full history.
func (l *Ledger) AppendRecentPostings(dst []Posting, owner common.Address, asset Asset) []Posting {
	r := &l.recent
	n := uint64(len(r.buf))
	for i := r.next - n; i < r.next; i++ {
		p := &r.buf[i%uint64(cap(r.buf))]
		if p.Asset == asset && (p.DebitOwner == owner || p.CreditOwner == owner) {
			dst = append(dst, *p)
		}
	}
	return dst
}
