package matching

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
)

// Snapshot format, version 1, big-endian:
//
//	magic "THXB" | version u16
//	config: market u32, maker bps u16, taker bps u16, quote per tick lot u64,
//	        max price u64, max quantity u64, max resting u32, max stops u32,
//	        emit depth u8 (0 or 1)
//	last tick u64 | last trade price u64 | last arrival number u64
//	four sections, each a count u32 and that many orders:
//	  bids (best price first, then time), asks (the same), buy stops and
//	  sell stops (in trigger order)
//	order: id u64, owner u64, kind u8, time in force u8, self-trade u8,
//	       price u64, trigger u64, remaining u64, expiry u64, arrival u64
//	       (expiry is 0 unless GTD, or an IOC or FOK stop order's expiry)
//	sha256 of everything before it
//
// The encoding is canonical: it depends only on the book's state, and
// RestoreSnapshot accepts only canonical input, so restoring and encoding
// again gives the same bytes. The state hash is the trailing checksum.
const (
	snapshotMagic     = "THXB"
	snapshotVersion   = 1
	snapshotConfigLen = 4 + 2 + 2 + 8 + 8 + 8 + 4 + 4 + 1
	snapshotHeaderLen = len(snapshotMagic) + 2 + snapshotConfigLen + 3*8
	snapshotOrderLen  = 8 + 8 + 3 + 5*8
	snapshotSections  = 4
	snapshotMinLen    = snapshotHeaderLen + snapshotSections*4 + sha256.Size
)

// snapshotChunkLen is the buffer at which WriteSnapshot writes out.
const snapshotChunkLen = 64 << 10

// AppendSnapshot appends the book's snapshot to dst.
func (b *Book) AppendSnapshot(dst []byte) []byte {
	dst = slices.Grow(dst, b.SnapshotSize())
	start := len(dst)
	dst = b.appendState(dst, nil)
	sum := sha256.Sum256(dst[start:])
	return append(dst, sum[:]...)
}

// SnapshotSize returns the length of the book's snapshot. It costs
// O(price levels).
func (b *Book) SnapshotSize() int {
	orders := int(b.orderCount(Buy)) + int(b.orderCount(Sell)) + b.stopTree(Buy).Len() + b.stopTree(Sell).Len()
	return snapshotMinLen + orders*snapshotOrderLen
}

// WriteSnapshot writes the same bytes as AppendSnapshot to w, holding
// about 64 KiB of them in memory at a time instead of the whole book. It
// returns the first write error.
func (b *Book) WriteSnapshot(w io.Writer) error {
	h := sha256.New()
	var err error
	flush := func(buf []byte) []byte {
		h.Write(buf)
		if err == nil {
			_, err = w.Write(buf)
		}
		return buf[:0]
	}
	buf := b.appendState(make([]byte, 0, snapshotChunkLen+snapshotOrderLen), flush)
	flush(buf)
	if err == nil {
		_, err = w.Write(h.Sum(nil))
	}
	return err
}

// StateHash returns the sha256 of the book's canonical encoding, which is
// also the checksum that ends its snapshot. It costs O(open orders).
func (b *Book) StateHash() [32]byte {
	return sha256.Sum256(b.appendState(nil, nil))
}

// appendState appends the book's encoding to dst. With flush set, it
// hands dst to flush whenever it holds snapshotChunkLen bytes and goes on
// with what flush returns.
func (b *Book) appendState(dst []byte, flush func([]byte) []byte) []byte {
	c := &b.cfg
	dst = append(dst, snapshotMagic...)
	dst = binary.BigEndian.AppendUint16(dst, snapshotVersion)
	dst = binary.BigEndian.AppendUint32(dst, c.MarketID)
	dst = binary.BigEndian.AppendUint16(dst, c.MakerFeeBps)
	dst = binary.BigEndian.AppendUint16(dst, c.TakerFeeBps)
	dst = binary.BigEndian.AppendUint64(dst, c.QuotePerTickLot)
	dst = binary.BigEndian.AppendUint64(dst, c.MaxPrice)
	dst = binary.BigEndian.AppendUint64(dst, c.MaxQuantity)
	dst = binary.BigEndian.AppendUint32(dst, c.MaxRestingOrders)
	dst = binary.BigEndian.AppendUint32(dst, c.MaxStopOrders)
	dst = append(dst, boolByte(c.EmitDepth))
	dst = binary.BigEndian.AppendUint64(dst, b.lastTick)
	dst = binary.BigEndian.AppendUint64(dst, b.lastTradePrice)
	dst = binary.BigEndian.AppendUint64(dst, b.seq)

	appendOrder := func(o OrderInfo) bool {
		dst = binary.BigEndian.AppendUint64(dst, o.ID)
		dst = binary.BigEndian.AppendUint64(dst, o.Owner)
		dst = append(dst, byte(o.Kind), byte(o.TimeInForce), byte(o.SelfTrade))
		dst = binary.BigEndian.AppendUint64(dst, o.Price)
		dst = binary.BigEndian.AppendUint64(dst, o.TriggerPrice)
		dst = binary.BigEndian.AppendUint64(dst, o.Remaining)
		dst = binary.BigEndian.AppendUint64(dst, o.Expiry)
		return true
	}
	spill := func() {
		if flush != nil && len(dst) >= snapshotChunkLen {
			dst = flush(dst)
		}
	}
	for s := Buy; s <= Sell; s++ {
		dst = binary.BigEndian.AppendUint32(dst, b.orderCount(s))
		for ls := b.side(s).best; ls != nilSlot; ls = b.nextLevel(ls) {
			for slot := b.lvl(ls).head; slot != nilSlot; slot = b.orders.at(slot).next {
				appendOrder(b.orderInfo(slot))
				dst = binary.BigEndian.AppendUint64(dst, b.orders.at(slot).seq)
				spill()
			}
		}
	}
	for s := Buy; s <= Sell; s++ {
		dst = binary.BigEndian.AppendUint32(dst, uint32(b.stopTree(s).Len()))
		b.stopTree(s).Ascend(func(_ treeKey, slot uint32) bool {
			appendOrder(b.orderInfo(slot))
			dst = binary.BigEndian.AppendUint64(dst, b.orders.at(slot).seq)
			spill()
			return true
		})
	}
	return dst
}

// orderCount returns the number of resting orders on side s.
func (b *Book) orderCount(s Side) uint32 {
	var n uint32
	for ls := b.side(s).best; ls != nilSlot; ls = b.nextLevel(ls) {
		n += b.lvl(ls).count
	}
	return n
}

// snapshotReader reads big-endian fields and remembers the first shortfall.
type snapshotReader struct {
	data []byte
	err  error
}

func (r *snapshotReader) take(n int) []byte {
	if r.err != nil {
		return make([]byte, n)
	}
	if len(r.data) < n {
		r.err = fmt.Errorf("%w: truncated: %d bytes left, %d needed", ErrInvalidSnapshot, len(r.data), n)
		return make([]byte, n)
	}
	p := r.data[:n]
	r.data = r.data[n:]
	return p
}

func (r *snapshotReader) u8() uint8   { return r.take(1)[0] }
func (r *snapshotReader) u16() uint16 { return binary.BigEndian.Uint16(r.take(2)) }
func (r *snapshotReader) u32() uint32 { return binary.BigEndian.Uint32(r.take(4)) }
func (r *snapshotReader) u64() uint64 { return binary.BigEndian.Uint64(r.take(8)) }

// RestoreSnapshot rebuilds a book from a snapshot made by AppendSnapshot. It
// returns an error wrapping ErrInvalidSnapshot when the data is truncated,
// fails its checksum, is not canonical, or describes a book that breaks an
// invariant.
func RestoreSnapshot(data []byte) (*Book, error) {
	if len(data) < snapshotMinLen {
		return nil, fmt.Errorf("%w: %d bytes is shorter than the minimum %d", ErrInvalidSnapshot, len(data), snapshotMinLen)
	}
	body := data[:len(data)-sha256.Size]
	sum := sha256.Sum256(body)
	if !bytes.Equal(sum[:], data[len(body):]) {
		return nil, fmt.Errorf("%w: checksum mismatch; the snapshot is corrupt or truncated", ErrInvalidSnapshot)
	}
	r := &snapshotReader{data: body}
	if magic := r.take(len(snapshotMagic)); string(magic) != snapshotMagic {
		return nil, fmt.Errorf("%w: magic %q, expected %q", ErrInvalidSnapshot, magic, snapshotMagic)
	}
	if v := r.u16(); v != snapshotVersion {
		return nil, fmt.Errorf("%w: version %d; this build reads version %d", ErrInvalidSnapshot, v, snapshotVersion)
	}
	cfg, err := readConfig(r)
	if err != nil {
		return nil, err
	}
	b, err := NewBook(cfg)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidSnapshot, err)
	}
	b.lastTick, b.lastTradePrice, b.seq = r.u64(), r.u64(), r.u64()
	if err := b.restoreOrders(r); err != nil {
		return nil, err
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.data) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the last section", ErrInvalidSnapshot, len(r.data))
	}
	if err := b.CheckInvariants(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidSnapshot, err)
	}
	return b, nil
}

func readConfig(r *snapshotReader) (Config, error) {
	c := Config{
		MarketID: r.u32(), MakerFeeBps: r.u16(), TakerFeeBps: r.u16(), QuotePerTickLot: r.u64(),
		MaxPrice: r.u64(), MaxQuantity: r.u64(), MaxRestingOrders: r.u32(), MaxStopOrders: r.u32(),
	}
	switch depth := r.u8(); depth {
	case 0:
	case 1:
		c.EmitDepth = true
	default:
		return c, fmt.Errorf("%w: emit-depth byte is %d, expected 0 or 1", ErrInvalidSnapshot, depth)
	}
	return c, r.err
}

// restoreOrders reads the four order sections and links each order in.
func (b *Book) restoreOrders(r *snapshotReader) error {
	emitDepth := b.cfg.EmitDepth
	b.cfg.EmitDepth = false
	defer func() { b.cfg.EmitDepth = emitDepth }()

	seqs := make(map[uint64]struct{})
	for section := 0; section < snapshotSections && r.err == nil; section++ {
		n := r.u32()
		if uint64(n)*snapshotOrderLen > uint64(len(r.data)) {
			return fmt.Errorf("%w: section %d claims %d orders but only %d bytes remain", ErrInvalidSnapshot, section, n, len(r.data))
		}
		side, stops := Side(section%2), section >= 2
		var prev order
		for i := uint32(0); i < n; i++ {
			o, expiry := readOrder(r, side)
			if err := b.checkRestoredOrder(&o, expiry, &prev, i > 0, stops, seqs); err != nil {
				return err
			}
			if stops {
				b.addStop(&o, expiry)
			} else {
				b.rest(&o, expiry, noRestSpot)
			}
			prev = o
		}
	}
	return nil
}

// readOrder reads one order and its expiry.
func readOrder(r *snapshotReader, side Side) (order, uint64) {
	o := order{id: r.u64(), owner: r.u64(), side: side}
	o.kind, o.tif, o.stp = Kind(r.u8()), TimeInForce(r.u8()), SelfTradeMode(r.u8())
	o.price, o.trigger, o.remaining = r.u64(), r.u64(), r.u64()
	expiry := r.u64()
	o.seq = r.u64()
	return o, expiry
}

// checkRestoredOrder checks one order and its expiry from a snapshot
// section, including its position after prev.
func (b *Book) checkRestoredOrder(o *order, expiry uint64, prev *order, hasPrev, stop bool, seqs map[uint64]struct{}) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%w: order %d: %s", ErrInvalidSnapshot, o.id, fmt.Sprintf(format, args...))
	}
	switch {
	case !o.kind.valid() || !o.tif.valid() || !o.stp.valid():
		return fail("invalid kind %d, time in force %d or self-trade mode %d", o.kind, o.tif, o.stp)
	case stop && !o.kind.isStop():
		return fail("a %s order in a stop section", o.kind)
	case !stop && !mayRest(o.kind, o.tif):
		return fail("a %s %s order cannot rest", o.tif, o.kind)
	case o.price == 0 || o.price > b.cfg.MaxPrice || o.trigger > b.cfg.MaxPrice:
		return fail("price %d or trigger %d outside 1..%d", o.price, o.trigger, b.cfg.MaxPrice)
	case o.kind.isStop() != (o.trigger != 0):
		return fail("trigger price %d on a %s order", o.trigger, o.kind)
	case o.remaining == 0 || o.remaining > b.cfg.MaxQuantity:
		return fail("remaining %d lots outside 1..%d", o.remaining, b.cfg.MaxQuantity)
	case o.tif == GTD && expiry == 0, expiry != 0 && !takesExpiry(o.kind, o.tif):
		// An expiry at or before the last tick is a due order that no
		// tick has expired yet, because of ExpiriesPerCommandMax.
		return fail("expiry %d on a %s %s order", expiry, o.tif, o.kind)
	case o.seq == 0 || o.seq > b.seq:
		return fail("arrival number %d outside 1..%d", o.seq, b.seq)
	}
	if _, dup := seqs[o.seq]; dup {
		return fail("arrival number %d repeats", o.seq)
	}
	seqs[o.seq] = struct{}{}
	if _, dup := b.orderSlot(o.id); dup {
		return fail("id repeats")
	}
	if stop && b.stops >= b.cfg.MaxStopOrders || !stop && b.resting >= b.cfg.MaxRestingOrders {
		return fail("more orders than the book's capacity")
	}
	if !hasPrev {
		return nil
	}
	if stop {
		if !stopTreeKey(o.side, prev.trigger, prev.seq).less(stopTreeKey(o.side, o.trigger, o.seq)) {
			return fail("stop orders out of trigger order")
		}
	} else if better(o.side, o.price, prev.price) {
		return fail("resting orders out of price order")
	}
	return nil
}
