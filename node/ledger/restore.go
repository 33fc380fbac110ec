package ledger

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// Restore returns the ledger that Snapshot encoded in data. It verifies the
// checksum, the format version, the order of every list, and the same
// invariants as CheckInvariants except the costs of open orders. It rejects
// a snapshot that fails a check with ErrSnapshotCorrupt, or with
// ErrSnapshotVersion for an unknown format version.
func Restore(data []byte, cfg Config) (*Ledger, error) {
	headerSize := len(snapshotMagic) + 2
	if len(data) < headerSize+4 || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return nil, fmt.Errorf("%w: %d bytes do not start with the ledger snapshot magic %q", ErrSnapshotCorrupt, len(data), snapshotMagic)
	}
	body, sum := data[:len(data)-4], binary.BigEndian.Uint32(data[len(data)-4:])
	if got := crc32.Checksum(body, castagnoli); got != sum {
		return nil, fmt.Errorf("%w: checksum is %08x, the snapshot records %08x", ErrSnapshotCorrupt, got, sum)
	}
	if v := binary.BigEndian.Uint16(data[len(snapshotMagic):]); v != snapshotVersion {
		return nil, fmt.Errorf("%w: version %d, this build reads version %d", ErrSnapshotVersion, v, snapshotVersion)
	}

	d := &decoder{buf: body, pos: headerSize}
	l := newEmpty(cfg)
	d.ledger(l)
	if d.err == nil && d.pos != len(d.buf) {
		d.failf("the body continues for %d bytes after the last batch", len(d.buf)-d.pos)
	}
	if d.err != nil {
		return nil, d.err
	}
	if err := l.rebuild(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSnapshotCorrupt, err)
	}
	if err := l.checkState(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSnapshotCorrupt, err)
	}
	return l, nil
}

// decoder reads the snapshot body. After the first error every read
// returns zero values and err keeps that error.
type decoder struct {
	buf    []byte
	pos    int
	err    error
	assets []*assetState
	slots  []*slot
}

func (d *decoder) failf(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: at byte %d: %s", ErrSnapshotCorrupt, d.pos, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.buf)-d.pos {
		d.failf("need %d bytes, %d remain", n, len(d.buf)-d.pos)
		return nil
	}
	b := d.buf[d.pos : d.pos+n]
	d.pos += n
	return b
}

func (d *decoder) u8() uint8 {
	if b := d.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (d *decoder) u32() uint32 {
	if b := d.take(4); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}

func (d *decoder) u64() uint64 {
	if b := d.take(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

func (d *decoder) address() (a common.Address) {
	copy(a[:], d.take(len(a)))
	return a
}

func (d *decoder) id() (id [32]byte) {
	copy(id[:], d.take(len(id)))
	return id
}

func (d *decoder) amount(z *uint256.Int) {
	if b := d.take(amountSize); b != nil {
		z.SetBytes32(b)
	}
}

// count reads a list length and rejects one whose items, at minSize bytes
// each, cannot fit in the bytes that remain.
func (d *decoder) count(what string, minSize int) int {
	n := int(d.u32())
	if d.err == nil && n > (len(d.buf)-d.pos)/minSize {
		d.failf("%d %s cannot fit in %d bytes", n, what, len(d.buf)-d.pos)
		return 0
	}
	return n
}

func (d *decoder) slotAt(what string) *slot {
	i := d.u32()
	if d.err == nil && int(i) >= len(d.slots) {
		d.failf("%s refers to account %d of %d", what, i, len(d.slots))
		return nil
	}
	if d.err != nil {
		return nil
	}
	return d.slots[i]
}

func (d *decoder) assetAt(what string) *assetState {
	i := d.u32()
	if d.err == nil && int(i) >= len(d.assets) {
		d.failf("%s refers to asset %d of %d", what, i, len(d.assets))
		return nil
	}
	if d.err != nil {
		return nil
	}
	return d.assets[i]
}

func (d *decoder) ledger(l *Ledger) {
	l.lastSeq = d.u64()
	openID := d.u64()
	d.assetList(l)
	d.slotList(l)
	d.holdList(l)
	d.idLists(l)
	d.batchList(l, openID)
}

func (d *decoder) assetList(l *Ledger) {
	n := d.count("assets", 8+20+systemKinds*amountSize)
	for i := 0; i < n && d.err == nil; i++ {
		a := &assetState{asset: Asset{ChainID: d.u64(), Token: d.address()}}
		for k := range a.sys {
			d.amount(&a.sys[k])
		}
		if a.asset.ChainID == 0 {
			d.failf("asset %d has chain id 0", i)
		}
		if i > 0 && d.assets[i-1].asset.Compare(a.asset) >= 0 {
			d.failf("asset %d (%s) is not after %s", i, a.asset, d.assets[i-1].asset)
		}
		a.ordinal = uint32(i)
		d.assets = append(d.assets, a)
		l.assets[a.asset] = a
	}
}

func (d *decoder) slotList(l *Ledger) {
	n := d.count("accounts", 20+4+ownerKinds*amountSize)
	for i := 0; i < n && d.err == nil; i++ {
		s := &slot{owner: d.address(), asset: d.assetAt("account")}
		for k := range s.bal {
			d.amount(&s.bal[k])
		}
		if d.err != nil {
			return
		}
		if s.owner == (common.Address{}) {
			d.failf("account %d has the zero owner", i)
		}
		if i > 0 && compareSlots(d.slots[i-1], s) >= 0 {
			d.failf("account %d (%s in %s) is not after the one before", i, s.owner.Hex(), s.asset.asset)
		}
		s.ordinal = uint32(i)
		d.slots = append(d.slots, s)
		l.slots[slotKey{owner: s.owner, asset: s.asset.asset}] = s
	}
}

func (d *decoder) holdList(l *Ledger) {
	n := d.count("holds", 8+4+amountSize)
	var last uint64
	for i := 0; i < n && d.err == nil; i++ {
		order := d.u64()
		h := hold{slot: d.slotAt("hold")}
		d.amount(&h.amount)
		if order == 0 || i > 0 && order <= last {
			d.failf("hold of order %d is not after order %d", order, last)
		}
		last = order
		l.holds.put(order, h)
	}
}

func (d *decoder) idLists(l *Ledger) {
	n := d.count("deposit ids", 32)
	var last [32]byte
	for i := 0; i < n && d.err == nil; i++ {
		id := d.id()
		if i > 0 && bytes.Compare(last[:], id[:]) >= 0 {
			d.failf("deposit id %x is not after %x", id[:], last[:])
		}
		last = id
		l.deposits[id] = struct{}{}
	}
	n = d.count("withdrawal ids", 32)
	for i := 0; i < n && d.err == nil; i++ {
		id := d.id()
		if i > 0 && bytes.Compare(last[:], id[:]) >= 0 {
			d.failf("withdrawal id %x is not after %x", id[:], last[:])
		}
		last = id
		l.withdrawalIDs[id] = struct{}{}
	}
}

func (d *decoder) batchList(l *Ledger, openID uint64) {
	n := d.count("batches", 8+1+8+3*4)
	if d.err == nil && n == 0 {
		d.failf("no open batch")
	}
	seen := make(map[WithdrawalID]bool)
	for i := 0; i < n && d.err == nil; i++ {
		b := &batch{id: d.u64(), state: BatchState(d.u8()), sealedSeq: d.u64()}
		d.checkBatchHeader(l, b, i == n-1, openID)
		d.records(b)
		d.fees(b)
		d.withdrawals(l, b, seen)
		if d.err != nil {
			return
		}
		if i > 0 && b.id <= l.open.id {
			d.failf("batch %d is not after batch %d", b.id, l.open.id)
		}
		// The last batch read so far sits in l.open until the next one
		// moves it to l.batches.
		if l.open != nil {
			l.batches[l.open.id] = l.open
		}
		l.open = b
	}
}

func (d *decoder) checkBatchHeader(l *Ledger, b *batch, last bool, openID uint64) {
	switch {
	case last && (b.state != BatchOpen || b.id != openID || b.sealedSeq != 0):
		d.failf("last batch is %d in state %s sealed at %d, expected open batch %d", b.id, b.state, b.sealedSeq, openID)
	case !last && b.state != BatchSealed && b.state != BatchFailed:
		d.failf("batch %d is in state %s before the open batch", b.id, b.state)
	case !last && (b.sealedSeq == 0 || b.sealedSeq > l.lastSeq):
		d.failf("batch %d was sealed at entry %d, last applied entry is %d", b.id, b.sealedSeq, l.lastSeq)
	case b.id == 0:
		d.failf("batch id 0")
	}
}

func (d *decoder) records(b *batch) {
	n := d.count("batch records", 4+3*amountSize)
	for i := 0; i < n && d.err == nil; i++ {
		s := d.slotAt("batch record")
		if d.err != nil {
			return
		}
		r := &record{slot: s, asset: s.asset}
		d.amount(&r.received)
		d.amount(&r.paid)
		d.amount(&r.withdrawn)
		if i > 0 && b.records[i-1].slot.ordinal >= s.ordinal {
			d.failf("batch %d: record of account %d is not after account %d", b.id, s.ordinal, b.records[i-1].slot.ordinal)
		}
		b.records = append(b.records, r)
	}
}

func (d *decoder) fees(b *batch) {
	n := d.count("fee records", 4+amountSize)
	for i := 0; i < n && d.err == nil; i++ {
		a := d.assetAt("fee record")
		if d.err != nil {
			return
		}
		r := &record{asset: a}
		d.amount(&r.received)
		if i > 0 && b.fees[i-1].asset.ordinal >= a.ordinal {
			d.failf("batch %d: fee record of asset %d is not after asset %d", b.id, a.ordinal, b.fees[i-1].asset.ordinal)
		}
		b.fees = append(b.fees, r)
	}
}

func (d *decoder) withdrawals(l *Ledger, b *batch, seen map[WithdrawalID]bool) {
	n := d.count("withdrawals", 32+4+amountSize)
	for i := 0; i < n && d.err == nil; i++ {
		w := withdrawal{id: d.id(), slot: d.slotAt("withdrawal")}
		d.amount(&w.amount)
		if d.err != nil {
			return
		}
		if _, requested := l.withdrawalIDs[w.id]; !requested || seen[w.id] {
			d.failf("batch %d: withdrawal %x is not a requested id or appears twice", b.id, w.id[:])
		}
		if w.amount.IsZero() {
			d.failf("batch %d: withdrawal %x has amount 0", b.id, w.id[:])
		}
		seen[w.id] = true
		b.withdrawals = append(b.withdrawals, w)
	}
}

// rebuild derives what the snapshot does not store: running totals, the
// owners' slot lists and the open batch's record caches.
func (l *Ledger) rebuild() error {
	for _, s := range l.sortedSlots() {
		for k := range s.bal {
			t := &s.asset.totals[k]
			if _, overflow := t.AddOverflow(t, &s.bal[k]); overflow {
				return fmt.Errorf("%s accounts of %s sum to more than 256 bits", Available+AccountKind(k), s.asset.asset)
			}
		}
		l.owners[s.owner] = append(l.owners[s.owner], s)
	}
	for _, r := range l.open.records {
		r.slot.record, r.slot.recordBatch = r, l.open.id
	}
	for _, r := range l.open.fees {
		r.asset.feeRecord, r.asset.feeRecordBatch = r, l.open.id
	}
	return nil
}
