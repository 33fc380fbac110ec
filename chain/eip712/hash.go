package eip712

import (
	"encoding/binary"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
)

// Type hashes: keccak256 of the type strings.
var (
	OrderTypeHash      = crypto.Keccak256Hash([]byte(OrderType))
	CancelTypeHash     = crypto.Keccak256Hash([]byte(CancelType))
	WithdrawalTypeHash = crypto.Keccak256Hash([]byte(WithdrawalType))
	DomainTypeHash     = crypto.Keccak256Hash([]byte(DomainType))
	nameHash           = crypto.Keccak256Hash([]byte(DomainName))
	versionHash        = crypto.Keccak256Hash([]byte(DomainVersion))
)

// words is an ABI encoding buffer of 32-byte words.
type words []byte

func newWords(n int) words {
	return make(words, 32*n)
}

func (w words) putHash(i int, h common.Hash) {
	copy(w[32*i:], h[:])
}

func (w words) putAddress(i int, a common.Address) {
	copy(w[32*i+12:], a[:])
}

func (w words) putUint(i int, v uint64) {
	binary.BigEndian.PutUint64(w[32*i+24:], v)
}

func (w words) putBool(i int, v bool) {
	if v {
		w[32*i+31] = 1
	}
}

// Separator returns the EIP-712 domain separator.
func (d Domain) Separator() common.Hash {
	w := newWords(5)
	w.putHash(0, DomainTypeHash)
	w.putHash(1, nameHash)
	w.putHash(2, versionHash)
	w.putUint(3, d.ChainID)
	w.putAddress(4, d.VerifyingContract)
	return crypto.Keccak256Hash(w)
}

// Digest returns keccak256("\x19\x01" ‖ separator ‖ structHash).
func (d Domain) Digest(structHash common.Hash) common.Hash {
	return d.Hasher().Digest(structHash)
}

// Hasher computes the digests of one domain with its separator computed
// once, which saves a keccak256 per message over the Domain methods. The
// zero Hasher is not usable, so get one from Domain.Hasher.
type Hasher struct {
	separator common.Hash
}

// Hasher returns the domain's Hasher.
func (d Domain) Hasher() Hasher {
	return Hasher{separator: d.Separator()}
}

// Digest returns keccak256("\x19\x01" ‖ separator ‖ structHash).
func (h Hasher) Digest(structHash common.Hash) common.Hash {
	var buf [2 + 32 + 32]byte
	buf[0], buf[1] = 0x19, 0x01
	copy(buf[2:], h.separator[:])
	copy(buf[34:], structHash[:])
	return crypto.Keccak256Hash(buf[:])
}

// OrderHash returns the order hash, as Domain.OrderHash does.
func (h Hasher) OrderHash(o *Order) common.Hash {
	return h.Digest(o.StructHash())
}

// StructHash returns the EIP-712 hashStruct of the order.
func (o Order) StructHash() common.Hash {
	w := newWords(14)
	w.putHash(0, OrderTypeHash)
	w.putAddress(1, o.Trader)
	w.putUint(2, uint64(o.Market))
	w.putUint(3, uint64(o.Side))
	w.putUint(4, uint64(o.Kind))
	w.putUint(5, uint64(o.TimeInForce))
	w.putBool(6, o.PostOnly)
	w.putUint(7, uint64(o.SelfTradePrevention))
	w.putUint(8, o.Price)
	w.putUint(9, o.TriggerPrice)
	w.putUint(10, o.Quantity)
	w.putUint(11, uint64(o.MaxFeeBps))
	w.putUint(12, o.Nonce)
	w.putUint(13, o.Expiry)
	return crypto.Keccak256Hash(w)
}

// StructHash returns the EIP-712 hashStruct of the cancel.
func (c Cancel) StructHash() common.Hash {
	w := newWords(3)
	w.putHash(0, CancelTypeHash)
	w.putAddress(1, c.Trader)
	w.putHash(2, c.OrderHash)
	return crypto.Keccak256Hash(w)
}

// StructHash returns the EIP-712 hashStruct of the withdrawal. A nil
// amount hashes as 0, and a negative or oversized amount as its value
// modulo 2^256, which apitypes rejects; call Validate first.
func (w Withdrawal) StructHash() common.Hash {
	buf := newWords(6)
	buf.putHash(0, WithdrawalTypeHash)
	buf.putAddress(1, w.Trader)
	buf.putAddress(2, w.Token)
	if w.Amount != nil {
		copy(buf[3*32:], math.U256Bytes(new(big.Int).Set(w.Amount)))
	}
	buf.putUint(4, w.Nonce)
	buf.putUint(5, w.Expiry)
	return crypto.Keccak256Hash(buf)
}

// OrderHash returns the order hash: the EIP-712 digest of the order in
// this domain, which the contract keys fill records by.
func (d Domain) OrderHash(o Order) common.Hash {
	return d.Digest(o.StructHash())
}

// CancelHash returns the EIP-712 digest of the cancel.
func (d Domain) CancelHash(c Cancel) common.Hash {
	return d.Digest(c.StructHash())
}

// WithdrawalHash returns the EIP-712 digest of the withdrawal.
func (d Domain) WithdrawalHash(w Withdrawal) common.Hash {
	return d.Digest(w.StructHash())
}
