package ledger

import (
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

const benchOwners = 1024

// processCPUTime returns the user and system CPU time of the process, so
// that a benchmark on a shared machine can report throughput per CPU
// second beside throughput per wall-clock second.
func processCPUTime(b *testing.B) time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

// reportPostings reports postings per wall-clock second and per CPU second
// of the whole process, garbage collection included.
func reportPostings(b *testing.B, postings int, cpuStart time.Duration) {
	b.ReportMetric(float64(postings)/b.Elapsed().Seconds(), "postings/s")
	b.ReportMetric(float64(postings)/(processCPUTime(b)-cpuStart).Seconds(), "postings/cpu-s")
}

func benchLedger(b *testing.B) (*Ledger, []common.Address) {
	l := New(DefaultConfig())
	owners := make([]common.Address, benchOwners)
	seq := uint64(0)
	for i := range owners {
		owners[i] = common.BigToAddress(uint256.NewInt(uint64(0x10000 + i)).ToBig())
		for j, asset := range []Asset{usdc, thal} {
			seq++
			var amount uint256.Int
			amount.Lsh(uint256.NewInt(1), 200)
			if err := apply(b, l, seq, func(tx *Tx) error {
				return tx.CreditDeposit(DepositID{0: byte(j), 30: byte(i >> 8), 31: byte(i)}, owners[i], asset, &amount)
			}); err != nil {
				b.Fatal(err)
			}
		}
	}
	return l, owners
}

// BenchmarkPostings applies one order lifecycle per entry: two holds, a
// partial fill at a better price with fees, and the cancel of both
// remainders, which make 8 postings. Every 1,000 entries it also seals the
// batch and confirms it, which settles the batch's trades and fees.
func BenchmarkPostings(b *testing.B) {
	l, owners := benchLedger(b)
	seq := l.LastSeq()
	buyHoldAmount, _ := BuyHold(buyPrice, 2, quotePerTickLot, maxFeeBps)
	sellHoldAmount, _ := SellHold(2, lotSize)
	var f Fill
	f.QuoteAmount.SetUint64(12_000)
	f.BaseAmount.Set(lotSize)
	f.BuyerFee = fee(&f.QuoteAmount, 30)
	f.SellerFee = fee(&f.QuoteAmount, 10)
	f.BuyRemainingCost, _ = BuyHold(buyPrice, 1, quotePerTickLot, maxFeeBps)
	f.SellRemainingCost, _ = SellHold(1, lotSize)

	postings := 0
	b.ReportAllocs()
	b.ResetTimer()
	cpuStart := processCPUTime(b)
	for i := 0; b.Loop(); i++ {
		seq++
		tx, err := l.Begin(seq)
		if err != nil {
			b.Fatal(err)
		}
		buyer, seller := owners[i%benchOwners], owners[(i*7+1)%benchOwners]
		f.BuyOrder, f.SellOrder = uint64(2*i+1), uint64(2*i+2)
		if err := tx.PlaceHold(f.BuyOrder, buyer, usdc, &buyHoldAmount); err != nil {
			b.Fatal(err)
		}
		if err := tx.PlaceHold(f.SellOrder, seller, thal, &sellHoldAmount); err != nil {
			b.Fatal(err)
		}
		if err := tx.ApplyFill(&f); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.ReleaseHold(f.BuyOrder); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.ReleaseHold(f.SellOrder); err != nil {
			b.Fatal(err)
		}
		if i%1000 == 999 {
			id, err := tx.SealBatch()
			if err != nil {
				b.Fatal(err)
			}
			if err := tx.ConfirmSettlement(id); err != nil {
				b.Fatal(err)
			}
		}
		postings += len(tx.Postings())
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	reportPostings(b, postings, cpuStart)
	b.ReportMetric(float64(postings)/float64(b.N), "postings/op")
}

// BenchmarkFillPostings applies one small fill per entry against two large
// resting holds: the steady state of a busy market, 3 postings per entry.
func BenchmarkFillPostings(b *testing.B) {
	l, owners := benchLedger(b)
	seq := l.LastSeq() + 1
	const lots = 1 << 30
	if err := apply(b, l, seq, func(tx *Tx) error {
		bh, _ := BuyHold(buyPrice, lots, quotePerTickLot, 0)
		sh, _ := SellHold(lots, lotSize)
		if err := tx.PlaceHold(1, owners[0], usdc, &bh); err != nil {
			return err
		}
		return tx.PlaceHold(2, owners[1], thal, &sh)
	}); err != nil {
		b.Fatal(err)
	}
	f := Fill{BuyOrder: 1, SellOrder: 2}
	f.QuoteAmount.SetUint64(buyPrice)
	f.BaseAmount.Set(lotSize)
	f.SellerFee = fee(&f.QuoteAmount, 10)

	postings := 0
	remaining := uint64(lots)
	b.ReportAllocs()
	b.ResetTimer()
	cpuStart := processCPUTime(b)
	for b.Loop() {
		seq++
		remaining--
		f.BuyRemainingCost, _ = BuyHold(buyPrice, remaining, quotePerTickLot, 0)
		f.SellRemainingCost, _ = SellHold(remaining, lotSize)
		tx, err := l.Begin(seq)
		if err != nil {
			b.Fatal(err)
		}
		if err := tx.ApplyFill(&f); err != nil {
			b.Fatal(err)
		}
		postings += len(tx.Postings())
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	reportPostings(b, postings, cpuStart)
}

// BenchmarkStateHash hashes a ledger with 100,000 accounts (50,000 owners
// in two assets) and 10,000 holds, which the state hash encodes in full.
func BenchmarkStateHash(b *testing.B) {
	l := New(Config{})
	const owners = 50_000
	seq := uint64(0)
	for i := range owners {
		owner := common.BigToAddress(uint256.NewInt(uint64(0x100000 + i)).ToBig())
		seq++
		if err := apply(b, l, seq, func(tx *Tx) error {
			if err := tx.CreditDeposit(DepositID{0: 1, 28: byte(i >> 24), 29: byte(i >> 16), 30: byte(i >> 8), 31: byte(i)}, owner, usdc, u(1_000_000)); err != nil {
				return err
			}
			if err := tx.CreditDeposit(DepositID{0: 2, 28: byte(i >> 24), 29: byte(i >> 16), 30: byte(i >> 8), 31: byte(i)}, owner, thal, u(1e18)); err != nil {
				return err
			}
			if i%5 == 0 {
				return tx.PlaceHold(uint64(i+1), owner, usdc, u(1000))
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpuStart := processCPUTime(b)
	for b.Loop() {
		if _, err := l.StateHash(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((processCPUTime(b)-cpuStart).Milliseconds())/float64(b.N), "cpu-ms/op")
}
