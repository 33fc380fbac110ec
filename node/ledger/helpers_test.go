package ledger

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// The example market of docs/PROTOCOL.md: base THAL (18 decimals), quote
// USDC (6 decimals), tickSize 100, lotSize 10^16, so quotePerTickLot is 1.
var (
	alice = common.HexToAddress("0x00000000000000000000000000000000000a11ce")
	bob   = common.HexToAddress("0x0000000000000000000000000000000000000b0b")
	carol = common.HexToAddress("0x00000000000000000000000000000000000ca201")
	usdc  = Asset{ChainID: 1, Token: common.HexToAddress("0x00000000000000000000000000000000000005dc")}
	thal  = Asset{ChainID: 1, Token: common.HexToAddress("0x0000000000000000000000000000000000007a11")}

	lotSize         = uint256.NewInt(1e16)
	quotePerTickLot = uint64(1)
)

func u(x uint64) *uint256.Int { return uint256.NewInt(x) }

func depositID(n byte) DepositID { return DepositID{0: 0xde, 31: n} }

func withdrawalID(n byte) WithdrawalID { return WithdrawalID{0: 0x3d, 31: n} }

// apply runs fn as the entry seq and commits it, or rolls it back and
// returns fn's error.
func apply(t testing.TB, l *Ledger, seq uint64, fn func(tx *Tx) error) error {
	t.Helper()
	tx, err := l.Begin(seq)
	if err != nil {
		t.Fatalf("begin entry %d: %v", seq, err)
	}
	if err := fn(tx); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil {
			t.Fatalf("rollback entry %d: %v", seq, rbErr)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("commit entry %d: %v", seq, err)
	}
	return nil
}

// mustApply is apply for an entry that must succeed.
func mustApply(t testing.TB, l *Ledger, seq uint64, fn func(tx *Tx) error) {
	t.Helper()
	if err := apply(t, l, seq, fn); err != nil {
		t.Fatalf("entry %d: %v", seq, err)
	}
}

func mustSnapshot(t testing.TB, l *Ledger) []byte {
	t.Helper()
	data, err := l.Snapshot()
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	return data
}

func mustStateHash(t testing.TB, l *Ledger) [32]byte {
	t.Helper()
	h, err := l.StateHash()
	if err != nil {
		t.Fatalf("state hash: %v", err)
	}
	return h
}

func mustRestore(t testing.TB, data []byte) *Ledger {
	t.Helper()
	l, err := Restore(data, DefaultConfig())
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	return l
}

// holdCosts returns the ledger's own holds as open order costs, for tests
// whose open orders are exactly the ones holding.
func holdCosts(l *Ledger) map[uint64]uint256.Int {
	costs := make(map[uint64]uint256.Int, l.holds.count)
	for _, order := range l.holds.sortedOrders() {
		h, _ := l.holds.get(order)
		costs[order] = h.amount
	}
	return costs
}

func mustCheck(t testing.TB, l *Ledger, costs map[uint64]uint256.Int) {
	t.Helper()
	if err := l.CheckInvariants(costs); err != nil {
		t.Fatalf("invariants: %v", err)
	}
}

// wantBalance fails unless the owner's accounts in asset are as given.
func wantBalance(t testing.TB, l *Ledger, owner common.Address, asset Asset, available, held, pending, pendingWithdrawal uint64) {
	t.Helper()
	got, _ := l.Balance(owner, asset)
	want := Balance{Asset: asset, Available: *u(available), Held: *u(held), PendingSettlement: *u(pending), PendingWithdrawal: *u(pendingWithdrawal)}
	if got != want {
		t.Fatalf("balance of %s in %s: available %s held %s pending %s pending withdrawal %s; expected %d %d %d %d",
			owner.Hex(), asset, got.Available.Dec(), got.Held.Dec(), got.PendingSettlement.Dec(), got.PendingWithdrawal.Dec(),
			available, held, pending, pendingWithdrawal)
	}
}

func wantErrIs(t testing.TB, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("error %v, expected %v", err, want)
	}
}

func wantSameSnapshot(t testing.TB, before, after []byte) {
	t.Helper()
	if !bytes.Equal(before, after) {
		t.Fatalf("snapshot changed: %d bytes before, %d after", len(before), len(after))
	}
}

// fund deposits amount of asset to owner in entry seq.
func fund(t testing.TB, l *Ledger, seq uint64, id byte, owner common.Address, asset Asset, amount uint64) {
	t.Helper()
	mustApply(t, l, seq, func(tx *Tx) error { return tx.CreditDeposit(depositID(id), owner, asset, u(amount)) })
}

func buyHold(t testing.TB, price, quantity uint64, maxFeeBps uint16) uint256.Int {
	t.Helper()
	h, err := BuyHold(price, quantity, quotePerTickLot, maxFeeBps)
	if err != nil {
		t.Fatalf("buy hold: %v", err)
	}
	return h
}

func sellHold(t testing.TB, quantity uint64) uint256.Int {
	t.Helper()
	h, err := SellHold(quantity, lotSize)
	if err != nil {
		t.Fatalf("sell hold: %v", err)
	}
	return h
}

func fee(quote *uint256.Int, bps uint16) uint256.Int {
	var z uint256.Int
	feeOf(&z, quote, bps)
	return z
}

func postingSummary(ps []Posting) []PostingKind {
	kinds := make([]PostingKind, len(ps))
	for i := range ps {
		kinds[i] = ps[i].Kind
	}
	return kinds
}
