package eip712_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// FuzzOrderHash checks that the hand-written order hash, by Domain and by
// Hasher, equals go-ethereum's apitypes hash for any field values, valid
// or not.
func FuzzOrderHash(f *testing.F) {
	f.Add(uint64(1337), []byte{1, 2, 3}, uint32(1), uint8(0), uint8(0), uint8(0), false, uint8(0), uint64(1), uint64(0), uint64(1), uint16(0), uint64(0), uint64(0))
	f.Add(^uint64(0), []byte{0xff}, ^uint32(0), uint8(255), uint8(255), uint8(255), true, uint8(255), ^uint64(0), ^uint64(0), ^uint64(0), ^uint16(0), ^uint64(0), ^uint64(0))
	f.Fuzz(func(t *testing.T, chainID uint64, addr []byte, market uint32, side, kind, tif uint8, postOnly bool, stp uint8,
		price, trigger, quantity uint64, maxFee uint16, nonce, expiry uint64) {
		d := eip712.Domain{ChainID: chainID, VerifyingContract: common.BytesToAddress(addr)}
		o := eip712.Order{
			Trader: common.BytesToAddress(append([]byte{0x42}, addr...)), Market: market,
			Side: eip712.Side(side), Kind: eip712.Kind(kind), TimeInForce: eip712.TimeInForce(tif),
			PostOnly: postOnly, SelfTradePrevention: eip712.SelfTradePrevention(stp),
			Price: price, TriggerPrice: trigger, Quantity: quantity, MaxFeeBps: maxFee, Nonce: nonce, Expiry: expiry,
		}
		want, err := eip712.HashTypedData(d.OrderTypedData(o))
		if err != nil {
			t.Fatalf("apitypes rejected %+v: %v", o, err)
		}
		if got := d.OrderHash(o); got != want {
			t.Fatalf("order %+v: fast hash %s, apitypes %s", o, got, want)
		}
		if got := d.Hasher().OrderHash(&o); got != want {
			t.Fatalf("order %+v: Hasher.OrderHash %s, apitypes %s", o, got, want)
		}
	})
}

// FuzzWithdrawalHash checks the hand-written withdrawal hash against
// apitypes for any amount below 2^256.
func FuzzWithdrawalHash(f *testing.F) {
	f.Add(uint64(1), []byte{1}, []byte{2}, []byte{3}, uint64(0), uint64(0))
	f.Fuzz(func(t *testing.T, chainID uint64, trader, token, amount []byte, nonce, expiry uint64) {
		if len(amount) > 32 {
			amount = amount[:32]
		}
		d := eip712.Domain{ChainID: chainID, VerifyingContract: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")}
		w := eip712.Withdrawal{Trader: common.BytesToAddress(trader), Token: common.BytesToAddress(token), Amount: new(big.Int).SetBytes(amount), Nonce: nonce, Expiry: expiry}
		want, err := eip712.HashTypedData(d.WithdrawalTypedData(w))
		if err != nil {
			t.Fatalf("apitypes rejected %+v: %v", w, err)
		}
		if got := d.WithdrawalHash(w); got != want {
			t.Fatalf("withdrawal %+v: fast hash %s, apitypes %s", w, got, want)
		}
	})
}

// FuzzRecover feeds arbitrary bytes to Recover: it must return an error or
// an address, never panic.
func FuzzRecover(f *testing.F) {
	f.Add([]byte{}, make([]byte, 65))
	f.Fuzz(func(t *testing.T, digest, sig []byte) {
		_, _ = eip712.Recover(common.BytesToHash(digest), sig)
	})
}

func BenchmarkOrderHashFast(b *testing.B) {
	b.ReportAllocs()
	d := sampleDomain()
	o := sampleOrder(common.HexToAddress("0x1000000000000000000000000000000000000001"))
	for b.Loop() {
		d.OrderHash(o)
	}
}

// BenchmarkOrderHashHasher is BenchmarkOrderHashFast with the domain
// separator computed once, as the node hashes orders.
func BenchmarkOrderHashHasher(b *testing.B) {
	h := sampleDomain().Hasher()
	o := sampleOrder(common.HexToAddress("0x1000000000000000000000000000000000000001"))
	b.ReportAllocs()
	for b.Loop() {
		h.OrderHash(&o)
	}
}

func BenchmarkOrderHashApitypes(b *testing.B) {
	d := sampleDomain()
	o := sampleOrder(common.HexToAddress("0x1000000000000000000000000000000000000001"))
	for b.Loop() {
		if _, err := eip712.HashTypedData(d.OrderTypedData(o)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecover measures recovering the signer of an order hash, the
// work the node does once per signed order.
func BenchmarkRecover(b *testing.B) {
	key, err := crypto.GenerateKey()
	if err != nil {
		b.Fatal(err)
	}
	d := sampleDomain()
	o := sampleOrder(crypto.PubkeyToAddress(key.PublicKey))
	hash, sig, err := d.SignOrder(o, key)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := eip712.Verify(hash, sig[:], o.Trader); err != nil {
			b.Fatal(err)
		}
	}
}
