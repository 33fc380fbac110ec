package ledger

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"

	"github.com/holiman/uint256"
)

// Snapshot format, version 1. Integers are big-endian; amounts are 32-byte
// big-endian; every list is sorted by its key and has no duplicates, so one
// state has exactly one encoding.
//
//	magic "THXLEDGR", version u16, last seq u64, open batch id u64
//	assets:   n u32, n × {chain id u64, token [20], fees pending, fees settled, deposits, withdrawals}
//	slots:    n u32, n × {owner [20], asset index u32, available, held, pending settlement, pending withdrawal}
//	holds:    n u32, n × {order id u64, slot index u32, amount}
//	deposits: n u32, n × {deposit id [32]}
//	withdrawal ids: n u32, n × {withdrawal id [32]}
//	batches:  n u32, n × batch, the open batch last
//	batch:    id u64, state u8, sealed seq u64,
//	          records: n u32, n × {slot index u32, received, paid, withdrawn},
//	          fees: n u32, n × {asset index u32, amount},
//	          withdrawals (request order): n u32, n × {withdrawal id [32], slot index u32, amount}
//	CRC-32C (Castagnoli) u32 of everything before it
//
// Assets are sorted by chain id and token, slots by owner and asset, holds
// by order id, ids bytewise, batches by id, records by slot index and fees
// by asset index. Running totals and caches are rebuilt on Restore.
const (
	snapshotMagic   = "THXLEDGR"
	snapshotVersion = 1
	amountSize      = 32
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Snapshot returns the ledger's state in the versioned, checksummed binary
// format that Restore reads. The posting history of AppendRecentPostings is not
// part of it. It is rejected while a transaction is open.
func (l *Ledger) Snapshot() ([]byte, error) {
	if l.tx.active {
		return nil, fmt.Errorf("%w: entry %d", ErrTxOpen, l.tx.seq)
	}
	return l.encode(), nil
}

// StateHash returns the SHA-256 of the snapshot encoding, which is
// deterministic: equal states give equal hashes on every node. It encodes
// the whole state, so it costs O(n log n) in the number of accounts. It
// is rejected while a transaction is open.
//
// NOTE: a node that publishes the hash after every gossip batch re-encodes
// all accounts each time. With millions of accounts that may need an
// incremental hash instead.
func (l *Ledger) StateHash() ([32]byte, error) {
	data, err := l.Snapshot()
	if err != nil {
		return [32]byte{}, err
	}
	return sha256.Sum256(data), nil
}

func appendAmount(dst []byte, x *uint256.Int) []byte {
	b := x.Bytes32()
	return append(dst, b[:]...)
}

func (l *Ledger) encode() []byte {
	assets := slices.SortedFunc(maps.Values(l.assets), func(x, y *assetState) int { return x.asset.Compare(y.asset) })
	for i, a := range assets {
		a.ordinal = uint32(i)
	}
	slots := l.sortedSlots()
	for i, s := range slots {
		s.ordinal = uint32(i)
	}

	dst := make([]byte, 0, l.encodedSize(len(assets), len(slots)))
	dst = append(dst, snapshotMagic...)
	dst = binary.BigEndian.AppendUint16(dst, snapshotVersion)
	dst = binary.BigEndian.AppendUint64(dst, l.lastSeq)
	dst = binary.BigEndian.AppendUint64(dst, l.open.id)

	dst = binary.BigEndian.AppendUint32(dst, uint32(len(assets)))
	for _, a := range assets {
		dst = binary.BigEndian.AppendUint64(dst, a.asset.ChainID)
		dst = append(dst, a.asset.Token[:]...)
		for k := range a.sys {
			dst = appendAmount(dst, &a.sys[k])
		}
	}
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(slots)))
	for _, s := range slots {
		dst = append(dst, s.owner[:]...)
		dst = binary.BigEndian.AppendUint32(dst, s.asset.ordinal)
		for k := range s.bal {
			dst = appendAmount(dst, &s.bal[k])
		}
	}
	dst = l.encodeHoldsAndIDs(dst)
	dst = l.encodeBatches(dst)
	return binary.BigEndian.AppendUint32(dst, crc32.Checksum(dst, castagnoli))
}

// encodedSize returns the length of the encoding, so that encode allocates
// its buffer once.
func (l *Ledger) encodedSize(assets, slots int) int {
	size := len(snapshotMagic) + 2 + 8 + 8
	size += 4 + assets*(8+20+systemKinds*amountSize)
	size += 4 + slots*(20+4+ownerKinds*amountSize)
	size += 4 + l.holds.count*(8+4+amountSize)
	size += 4 + len(l.deposits)*32 + 4 + len(l.withdrawalIDs)*32
	size += 4
	for _, b := range l.sortedBatches() {
		size += 8 + 1 + 8 + 3*4
		size += len(b.records)*(4+3*amountSize) + len(b.fees)*(4+amountSize) + len(b.withdrawals)*(32+4+amountSize)
	}
	return size + 4 // the checksum
}

func (l *Ledger) encodeHoldsAndIDs(dst []byte) []byte {
	orders := l.holds.sortedOrders()
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(orders)))
	for _, order := range orders {
		h, _ := l.holds.get(order)
		dst = binary.BigEndian.AppendUint64(dst, order)
		dst = binary.BigEndian.AppendUint32(dst, h.slot.ordinal)
		dst = appendAmount(dst, &h.amount)
	}

	deposits := slices.SortedFunc(maps.Keys(l.deposits), func(x, y DepositID) int { return bytes.Compare(x[:], y[:]) })
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(deposits)))
	for _, id := range deposits {
		dst = append(dst, id[:]...)
	}
	withdrawals := slices.SortedFunc(maps.Keys(l.withdrawalIDs), func(x, y WithdrawalID) int { return bytes.Compare(x[:], y[:]) })
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(withdrawals)))
	for _, id := range withdrawals {
		dst = append(dst, id[:]...)
	}
	return dst
}

func (l *Ledger) encodeBatches(dst []byte) []byte {
	batches := l.sortedBatches()
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(batches)))
	for _, b := range batches {
		dst = binary.BigEndian.AppendUint64(dst, b.id)
		dst = append(dst, byte(b.state))
		dst = binary.BigEndian.AppendUint64(dst, b.sealedSeq)

		records := slices.SortedFunc(slices.Values(b.records), func(x, y *record) int { return cmp.Compare(x.slot.ordinal, y.slot.ordinal) })
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(records)))
		for _, r := range records {
			dst = binary.BigEndian.AppendUint32(dst, r.slot.ordinal)
			dst = appendAmount(dst, &r.received)
			dst = appendAmount(dst, &r.paid)
			dst = appendAmount(dst, &r.withdrawn)
		}
		fees := slices.SortedFunc(slices.Values(b.fees), func(x, y *record) int { return cmp.Compare(x.asset.ordinal, y.asset.ordinal) })
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(fees)))
		for _, r := range fees {
			dst = binary.BigEndian.AppendUint32(dst, r.asset.ordinal)
			dst = appendAmount(dst, &r.received)
		}
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(b.withdrawals)))
		for _, w := range b.withdrawals {
			dst = append(dst, w.id[:]...)
			dst = binary.BigEndian.AppendUint32(dst, w.slot.ordinal)
			dst = appendAmount(dst, &w.amount)
		}
	}
	return dst
}
