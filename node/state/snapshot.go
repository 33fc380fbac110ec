package state

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"math/bits"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/internal/bincodec"
	"github.com/thaliumx/thaliumx/node/ledger"
)

// ErrInvalidSnapshot: a snapshot is truncated, fails its checksum or
// describes an inconsistent state.
var ErrInvalidSnapshot = errors.New("state: invalid snapshot")

// Snapshot format, version 5 (version 4 lacked the used nonces, version
// 3 also the expiries of the hashes and the prune key, version 2 also the
// early cancels, version 1 also the orders' placement time):
//
//	magic "THXM" | version u32 | seq u64 | time u64
//	chains:  count u32, then per chain in id order: id, exchange,
//	         ledger snapshot (length-prefixed), min nonces, pending
//	         requests, open batch, sealed batches
//	markets: count u32, then per market in key order: listing, halted,
//	         book snapshot (length-prefixed)
//	owners:  count u32, addresses in owner id order
//	orders:  count u32, records in id order
//	hashes:  count u32, (hash, order id, expiry u64) in hash order, then
//	         the key of the last hash pruned: expiry u64, hash
//	early cancels: count u32, (hash, trader) in hash then trader order
//	used nonces: count u32, then per (chain, trader) in chain id then
//	         address order: chain id u64, trader, word count u32, (word
//	         u64, mask u64) in word order (nonces.go)
//	sha256 of everything before it
//
// Every list is sorted, so equal states give equal bytes. The layout does
// not depend on how the machine keeps its records in memory. Restore also
// reads version 4, which gets the used nonces of the orders in batches
// not yet confirmed only, and version 3, whose hashes also get expiry 0
// and so are kept forever.
const (
	snapshotMagic   = "THXM"
	snapshotVersion = 5
	// snapshotVersionNoNonces and snapshotVersionNoExpiry are the
	// previous versions, which Restore still reads.
	snapshotVersionNoNonces = 4
	snapshotVersionNoExpiry = 3
	// blobBytesMax bounds one length-prefixed book or ledger snapshot.
	blobBytesMax = 1 << 34
)

// Snapshot returns the machine's state in the format Restore reads.
func (m *Machine) Snapshot() ([]byte, error) {
	// One allocation of about the last snapshot's size, instead of a
	// buffer that doubles up to it and leaves its smaller copies behind.
	last := int(m.snapshotBytes.Load())
	enc := newEncoder(max(1<<16, last+last/8), nil, toSnapshot)
	if err := m.encodeState(enc, snapshotVersion); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(enc.Buf)
	enc.raw(sum[:])
	m.snapshotBytes.Store(int64(len(enc.Buf)))
	return enc.Buf, nil
}

// WriteSnapshot writes the same bytes as Snapshot to w and returns the
// state hash, which StateHash also returns. Like StateHash, it holds the
// ledger's blob and the sorted keys in memory but not the whole snapshot,
// which with a million resting orders is about 300 MB. The hashes and w
// take the encoding on another goroutine while the state is encoded.
func (m *Machine) WriteSnapshot(w io.Writer) (common.Hash, error) {
	body := sha256.New()
	out := &countingWriter{w: w}
	leaves := m.hashes.digests.newLeafHasher()
	sink := newAsyncSink(io.MultiWriter(body, out), nil, leaves)
	enc := newSinkEncoder(sink, toBoth)
	enc.leaves = leaves
	var state hash.Hash
	var forkErr error
	enc.forkState = func() {
		clone, err := body.(hash.Cloner).Clone()
		if err != nil {
			forkErr = fmt.Errorf("state: clone the snapshot's SHA-256 state: %w", err)
			return
		}
		state = clone.(hash.Hash)
		sink.setState(state)
	}
	err := m.encodeState(enc, snapshotVersion)
	if err == nil {
		err = forkErr
	}
	if err == nil {
		enc.flush()
	}
	sink.Close()
	putSinkBuffer(enc.Buf)
	if err != nil {
		return common.Hash{}, err
	}
	if out.err == nil {
		_, _ = out.Write(body.Sum(nil))
	}
	if out.err != nil {
		return common.Hash{}, fmt.Errorf("state: write snapshot at seq %d: %w", m.seq, out.err)
	}
	m.snapshotBytes.Store(out.n)
	return common.Hash(state.Sum(nil)), nil
}

// countingWriter counts the bytes written. It keeps the first error and
// drops later writes, and WriteSnapshot checks the error at the end.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.err == nil {
		var n int
		n, c.err = c.w.Write(p)
		c.n += int64(n)
	}
	return len(p), nil
}

// StateHash returns the hash that nodes compare to find a divergence:
// the SHA-256 of the snapshot's body with the replay set's entries
// replaced by their digests (replaydigest.go), so that its cost follows
// the changes to the set, not its size. It differs from the checksum
// that ends a snapshot, which covers every byte. It hashes the encoding
// as it is made, so it needs memory for the ledger's blob and the sorted
// keys, not for the whole encoding. The hash runs on another goroutine
// while the state is encoded, so the caller waits for the longer of the
// two, not their sum.
func (m *Machine) StateHash() (common.Hash, error) {
	return m.stateHash(snapshotVersion)
}

// StateHashOfVersion returns the state hash as a build that writes
// snapshot version version computes it, for a snapshot that such a build
// stored with its state hash: version 4 leaves out the used nonces. It
// reads versions 4 and 5, the versions whose builds hash the replay set
// as digests.
func (m *Machine) StateHashOfVersion(version uint32) (common.Hash, error) {
	if version != snapshotVersion && version != snapshotVersionNoNonces {
		return common.Hash{}, fmt.Errorf("%w: state hash of snapshot version %d; this build hashes versions %d and %d",
			ErrInvalidSnapshot, version, snapshotVersionNoNonces, snapshotVersion)
	}
	return m.stateHash(version)
}

// SnapshotVersion returns the format version of a snapshot's bytes,
// without checking the rest.
func SnapshotVersion(data []byte) (uint32, error) {
	if len(data) < len(snapshotMagic)+4 || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return 0, fmt.Errorf("%w: not a state snapshot (%d bytes, no %q header)", ErrInvalidSnapshot, len(data), snapshotMagic)
	}
	return binary.BigEndian.Uint32(data[len(snapshotMagic):]), nil
}

func (m *Machine) stateHash(version uint32) (common.Hash, error) {
	h := sha256.New()
	sink := newAsyncSink(nil, h, nil)
	enc := newSinkEncoder(sink, toStateHash)
	err := m.encodeState(enc, version)
	if err == nil {
		enc.flush()
	}
	sink.Close()
	putSinkBuffer(enc.Buf)
	if err != nil {
		return common.Hash{}, err
	}
	return common.Hash(h.Sum(nil)), nil
}

// encodeState encodes everything a snapshot holds but its checksum, for
// the outputs enc.parts names: the snapshot, the state hash or both.
// A version below snapshotVersion writes that version's layout, which
// only the state hash of an older snapshot needs (StateHashOfVersion).
func (m *Machine) encodeState(enc *encoder, version uint32) error {
	enc.raw([]byte(snapshotMagic))
	enc.u32(version)
	enc.u64(m.seq)
	enc.u64(m.time)
	if err := m.encodeChains(enc); err != nil {
		return err
	}
	if err := m.encodeMarkets(enc); err != nil {
		return err
	}
	enc.u32(uint32(len(m.ownerAddrs)))
	for _, a := range m.ownerAddrs {
		enc.address(a)
		enc.spill()
	}
	m.encodeOrders(enc)
	m.encodeHashes(enc)
	m.encodeEarlyCancels(enc)
	if version >= snapshotVersion {
		m.encodeImmediateNonces(enc)
	}
	return nil
}

func (m *Machine) encodeChains(enc *encoder) error {
	enc.u32(uint32(len(m.chainIDs)))
	for _, id := range m.chainIDs {
		c := m.chains[id]
		enc.u64(c.id)
		enc.address(c.domain.VerifyingContract)
		snap, err := c.ledger.Snapshot()
		if err != nil {
			return fmt.Errorf("ledger of chain %d: %w", c.id, err)
		}
		enc.bytes(snap)
		encodeNonces(enc, c.minNonce)
		keys := sortedRequestKeys(c.requests)
		enc.u32(uint32(len(keys)))
		for _, k := range keys {
			encodeRequest(enc, c.requests[k])
		}
		encodeBatch(enc, c.open)
		ids := make([]uint64, 0, len(c.sealed))
		for id := range c.sealed {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		enc.u32(uint32(len(ids)))
		for _, id := range ids {
			encodeBatch(enc, c.sealed[id])
			enc.spill()
		}
	}
	return nil
}

func encodeNonces(enc *encoder, nonces map[common.Address]uint64) {
	traders := make([]common.Address, 0, len(nonces))
	for a := range nonces {
		traders = append(traders, a)
	}
	slices.SortFunc(traders, common.Address.Cmp)
	enc.u32(uint32(len(traders)))
	for _, a := range traders {
		enc.address(a)
		enc.u64(nonces[a])
		enc.spill()
	}
}

func encodeRequest(enc *encoder, r *WithdrawalRequest) {
	enc.u64(r.ChainID)
	enc.address(r.Trader)
	enc.address(r.Token)
	enc.amount(&r.Amount)
	enc.u64(r.Block)
	enc.hash(r.TxHash)
}

func encodeBatch(enc *encoder, b *batchRecord) {
	enc.u64(b.id)
	enc.u64(b.sealedSeq)
	enc.boolean(b.failed)
	enc.bytes([]byte(b.reason))
	enc.u32(uint32(len(b.trades)))
	for i := range b.trades {
		EncodeTrade(&enc.Encoder, &b.trades[i])
	}
	enc.u32(uint32(len(b.withdrawals)))
	for i := range b.withdrawals {
		w := &b.withdrawals[i]
		enc.hash(w.Hash)
		_ = w.Signed.encode(enc) // amounts were checked when the entry applied
		enc.amount(&w.Amount)
		enc.u64(w.Batch)
		enc.u64(w.Seq)
	}
	enc.u32(uint32(len(b.requests)))
	for i := range b.requests {
		encodeRequest(enc, &b.requests[i].Request)
		enc.amount(&b.requests[i].Paid)
	}
}

// EncodeTrade appends t's fields in the order of the Trade struct, 273
// bytes. Snapshots and node's trade records share this layout, so
// changing it changes both formats.
func EncodeTrade(enc *bincodec.Encoder, t *Trade) {
	enc.U64(t.Seq)
	enc.U32(t.Index)
	enc.U64(t.Time)
	enc.U64(t.Market.ChainID)
	enc.U32(t.Market.ID)
	enc.U64(t.Price)
	enc.U64(t.Quantity)
	enc.U8(uint8(t.TakerSide))
	enc.Address(t.Maker)
	enc.Address(t.Taker)
	enc.Hash(t.MakerOrder)
	enc.Hash(t.TakerOrder)
	enc.U64(t.MakerID)
	enc.U64(t.TakerID)
	enc.Amount(&t.Quote)
	enc.Amount(&t.MakerFee)
	enc.Amount(&t.TakerFee)
	enc.U64(t.Batch)
}

func (m *Machine) encodeMarkets(enc *encoder) error {
	enc.u32(uint32(len(m.marketList)))
	for _, ms := range m.marketList {
		if err := ms.def.encode(enc); err != nil {
			return err
		}
		enc.boolean(ms.halted)
		if err := encodeBook(enc, ms.book); err != nil {
			return fmt.Errorf("book of %s: %w", ms.def.Symbol, err)
		}
		enc.spill()
	}
	return nil
}

// encodeBook writes a book's snapshot as a length-prefixed byte string.
// With a sink it streams the book, which with a million resting orders
// would otherwise need a 59 MB buffer at every snapshot and state hash.
func encodeBook(enc *encoder, book *matching.Book) error {
	if enc.sink == nil {
		enc.bytes(book.AppendSnapshot(nil))
		return nil
	}
	enc.u32(uint32(book.SnapshotSize()))
	enc.flush()
	return book.WriteSnapshot(enc.sink)
}

func (m *Machine) encodeOrders(enc *encoder) {
	slots := make([]uint32, 0, m.orders.count)
	m.orders.forEach(func(_ *orderRecord, slot uint32) bool {
		slots = append(slots, slot)
		return true
	})
	slices.SortFunc(slots, func(a, b uint32) int { return cmp.Compare(m.orders.at(a).id, m.orders.at(b).id) })
	enc.u32(uint32(len(slots)))
	for _, slot := range slots {
		r := m.orders.at(slot)
		enc.u64(r.id)
		enc.hash(m.hashOf(r))
		signed := m.signedOf(r)
		signed.encode(enc)
		enc.u64(r.time)
		enc.u64(uint64(r.owner))
		enc.u64(r.filled)
		enc.boolean(r.open())
		enc.u32(r.batches)
		enc.u64(r.lastBatch)
		enc.boolean(r.settled())
		enc.spill()
	}
}

// encodeHashes writes the number of hashes in the replay set, then for
// a snapshot the entries in hash order and for the state hash their
// digests, then the key of the last hash pruned.
func (m *Machine) encodeHashes(enc *encoder) {
	enc.u32(m.hashes.count)
	switch enc.parts {
	case toSnapshot:
		for _, k := range m.hashes.sortedSlots() {
			e := m.hashes.at(k.slot)
			enc.hash(e.hash)
			enc.u64(e.id)
			enc.u64(e.expiry)
			enc.spill()
		}
	case toStateHash:
		m.hashes.digests.encode(&m.hashes, enc, nil)
	case toBoth:
		if enc.forkState != nil {
			enc.flush()
			enc.sink.wait()
			enc.forkState()
		}
		m.hashes.digests.encode(&m.hashes, enc, m.hashes.sortedSlots())
	}
	enc.route(toBoth)
	enc.u64(m.hashes.pruned.expiry)
	enc.hash(m.hashes.pruned.hash)
}

// prefixSlot is a slot of the replay set with its hash's first 8 bytes.
type prefixSlot struct {
	prefix uint64
	slot   uint32
}

// hashBucketBitsMax bounds the buckets of sortedSlots to 2^16, whose
// counters take 256 KiB.
const hashBucketBitsMax = 16

// sortedSlots returns the slots of the set in hash order, each with its
// hash's first 8 bytes, which takes 16 bytes per hash instead of a sorted
// copy of the hashes. Every state hash sorts the whole set, so this is a
// bucket sort by the hashes' top bits. Order hashes are uniformly
// distributed, so a bucket holds one hash or fewer on average up to 2^16
// hashes, and n/2^16 beyond. Each bucket is then sorted by comparison, so
// hashes chosen to share their top bits make the sort about as slow as
// one comparison sort of the set.
func (s *hashSet) sortedSlots() []prefixSlot {
	n := int(s.count)
	keys := make([]prefixSlot, n)
	if n == 0 {
		return keys
	}
	bucketBits := min(bits.Len(uint(n)), hashBucketBitsMax)
	shift := 64 - bucketBits
	// next[b] is where the next key of bucket b goes.
	next := make([]uint32, 1<<bucketBits)
	s.forEach(func(slot uint32) {
		next[s.prefix(slot)>>shift]++
	})
	start := uint32(0)
	for b, count := range next {
		next[b] = start
		start += count
	}
	s.forEach(func(slot uint32) {
		prefix := s.prefix(slot)
		b := prefix >> shift
		keys[next[b]] = prefixSlot{prefix: prefix, slot: slot}
		next[b]++
	})

	// Bucket b now ends at next[b] and starts where bucket b-1 ends.
	compare := func(a, b prefixSlot) int {
		if c := cmp.Compare(a.prefix, b.prefix); c != 0 {
			return c
		}
		return bytes.Compare(s.at(a.slot).hash[:], s.at(b.slot).hash[:])
	}
	begin := uint32(0)
	for _, end := range next {
		if end-begin > 1 {
			slices.SortFunc(keys[begin:end], compare)
		}
		begin = end
	}
	return keys
}

func (s *hashSet) prefix(slot uint32) uint64 {
	return binary.BigEndian.Uint64(s.at(slot).hash[:8])
}

func (m *Machine) encodeEarlyCancels(enc *encoder) {
	keys := make([]cancelKey, 0, len(m.cancelledEarly))
	for k := range m.cancelledEarly {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareCancelKeys)
	enc.u32(uint32(len(keys)))
	for _, k := range keys {
		enc.hash(k.hash)
		enc.address(k.trader)
	}
}

func compareCancelKeys(a, b cancelKey) int {
	if c := bytes.Compare(a.hash[:], b.hash[:]); c != 0 {
		return c
	}
	return a.trader.Cmp(b.trader)
}

func (m *Machine) decodeEarlyCancels(d *decoder) error {
	var last cancelKey
	for n := d.u32("early cancel count"); n > 0 && d.err == nil; n-- {
		k := cancelKey{hash: d.hash("order hash"), trader: d.address("trader")}
		if d.err != nil {
			break
		}
		if len(m.cancelledEarly) > 0 && compareCancelKeys(last, k) >= 0 {
			return fmt.Errorf("early cancel of %s by %s is out of order", k.hash, k.trader)
		}
		last = k
		m.cancelledEarly[k] = struct{}{}
	}
	return d.err
}

// Restore rebuilds a machine from a snapshot. It checks the checksum and
// that the records agree with each other, the books and the ledgers.
func Restore(data []byte) (*Machine, error) {
	if len(data) < len(snapshotMagic)+4+sha256.Size || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return nil, fmt.Errorf("%w: not a state snapshot (%d bytes, no %q header)", ErrInvalidSnapshot, len(data), snapshotMagic)
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrInvalidSnapshot)
	}
	d := newDecoder(body, len(snapshotMagic))
	version := d.u32("version")
	if version < snapshotVersionNoExpiry || version > snapshotVersion {
		return nil, fmt.Errorf("%w: version %d; this build reads versions %d to %d",
			ErrInvalidSnapshot, version, snapshotVersionNoExpiry, snapshotVersion)
	}
	withExpiry := version >= snapshotVersionNoNonces
	withNonces := version >= snapshotVersion
	m := New()
	m.seq = d.u64("seq")
	m.time = d.u64("time")
	steps := []func(*decoder) error{
		m.decodeChains, m.decodeMarkets, m.decodeOwners,
		m.decodeOrders,
		func(d *decoder) error { return m.decodeHashes(d, withExpiry) },
		m.decodeEarlyCancels,
	}
	if withNonces {
		steps = append(steps, m.decodeImmediateNonces)
	}
	for _, step := range steps {
		if err := step(d); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidSnapshot, err)
		}
	}
	if err := d.finish("snapshot"); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidSnapshot, err)
	}
	m.rebuildOpenGas()
	m.hashes.rebuildExpiring()
	m.rebuildImmediateNonces(withNonces)
	if err := m.CheckInvariants(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidSnapshot, err)
	}
	return m, nil
}

func (m *Machine) decodeChains(d *decoder) error {
	n := d.u32("chain count")
	for i := uint32(0); i < n && d.err == nil; i++ {
		id := d.u64("chain id")
		exchange := d.address("exchange")
		snap := d.bytes("ledger snapshot", blobBytesMax)
		if d.err != nil {
			break
		}
		l, err := ledger.Restore(snap, ledger.DefaultConfig())
		if err != nil {
			return fmt.Errorf("ledger of chain %d: %w", id, err)
		}
		if _, dup := m.chains[id]; dup || (i > 0 && id <= m.chainIDs[len(m.chainIDs)-1]) {
			return fmt.Errorf("chain %d is out of order", id)
		}
		c := newChainState(id, exchange, l)
		decodeChainRecords(d, c)
		m.addChain(c)
	}
	return d.err
}

func decodeChainRecords(d *decoder, c *chainState) {
	for n := d.u32("nonce count"); n > 0 && d.err == nil; n-- {
		a := d.address("trader")
		c.minNonce[a] = d.u64("min nonce")
	}
	for n := d.u32("request count"); n > 0 && d.err == nil; n-- {
		r := decodeRequest(d)
		c.requests[requestKey{trader: r.Trader, token: r.Token}] = r
	}
	c.open = decodeBatch(d)
	for n := d.u32("sealed batch count"); n > 0 && d.err == nil; n-- {
		b := decodeBatch(d)
		b.gas.release()
		c.sealed[b.id] = b
	}
	if d.err == nil && c.open.id != c.ledger.OpenBatch() {
		d.fail("chain %d's open batch is %d, its ledger's is %d", c.id, c.open.id, c.ledger.OpenBatch())
	}
}

func decodeRequest(d *decoder) *WithdrawalRequest {
	return &WithdrawalRequest{
		ChainID: d.u64("chain id"), Trader: d.address("trader"), Token: d.address("token"),
		Amount: d.amount("amount"), Block: d.u64("block"), TxHash: d.hash("tx hash"),
	}
}

func decodeBatch(d *decoder) *batchRecord {
	b := newBatchRecord(d.u64("batch id"))
	b.sealedSeq = d.u64("sealed seq")
	b.failed = d.boolean("failed")
	b.reason = string(d.bytes("reason", reasonBytesMax))
	for n := d.u32("trade count"); n > 0 && d.err == nil; n-- {
		t := DecodeTrade(&d.Decoder)
		b.trades = append(b.trades, t)
		b.markets[t.Market] = struct{}{}
	}
	for n := d.u32("withdrawal count"); n > 0 && d.err == nil; n-- {
		w := WithdrawalRecord{Hash: d.hash("withdrawal hash")}
		w.Signed = *decodeWithdrawal(d)
		w.Amount = d.amount("amount")
		w.Batch = d.u64("batch")
		w.Seq = d.u64("seq")
		b.withdrawals = append(b.withdrawals, w)
	}
	for n := d.u32("request count"); n > 0 && d.err == nil; n-- {
		r := RequestRecord{Request: *decodeRequest(d)}
		r.Paid = d.amount("paid")
		b.requests = append(b.requests, r)
	}
	return b
}

// DecodeTrade reads what EncodeTrade appends.
func DecodeTrade(d *bincodec.Decoder) Trade {
	t := Trade{Seq: d.U64("seq"), Index: d.U32("index"), Time: d.U64("time")}
	t.Market = MarketKey{ChainID: d.U64("chain id"), ID: d.U32("market id")}
	t.Price = d.U64("price")
	t.Quantity = d.U64("quantity")
	t.TakerSide = eip712.Side(d.U8("taker side"))
	t.Maker, t.Taker = d.Address("maker"), d.Address("taker")
	t.MakerOrder, t.TakerOrder = d.Hash("maker order"), d.Hash("taker order")
	t.MakerID, t.TakerID = d.U64("maker id"), d.U64("taker id")
	t.Quote, t.MakerFee, t.TakerFee = d.Amount("quote"), d.Amount("maker fee"), d.Amount("taker fee")
	t.Batch = d.U64("batch")
	return t
}

func (m *Machine) decodeMarkets(d *decoder) error {
	for n := d.u32("market count"); n > 0 && d.err == nil; n-- {
		def := decodeMarket(d)
		halted := d.boolean("halted")
		snap := d.bytes("book snapshot", blobBytesMax)
		if d.err != nil {
			break
		}
		cfg, err := def.bookConfig()
		if err != nil {
			return err
		}
		book, err := matching.RestoreSnapshot(snap)
		if err != nil {
			return fmt.Errorf("book of %s: %w", def.Symbol, err)
		}
		if book.Config() != cfg {
			return fmt.Errorf("book of %s has another configuration than its listing", def.Symbol)
		}
		c := m.chains[def.ChainID]
		if c == nil || c.domain.VerifyingContract != def.Exchange {
			return fmt.Errorf("%s names chain %d and exchange %s, which the snapshot does not list", def.Symbol, def.ChainID, def.Exchange)
		}
		ms := &marketState{def: *def, key: def.Key(), chain: c, book: book, perTickLot: cfg.QuotePerTickLot, halted: halted}
		if len(m.marketList) > 0 && m.marketList[len(m.marketList)-1].key.compare(ms.key) >= 0 {
			return fmt.Errorf("%s is out of order", ms.key)
		}
		if _, dup := m.symbols[def.Symbol]; dup {
			return fmt.Errorf("symbol %q appears twice", def.Symbol)
		}
		m.addMarket(ms)
	}
	return d.err
}

func (m *Machine) decodeOwners(d *decoder) error {
	for n := d.u32("owner count"); n > 0 && d.err == nil; n-- {
		a := d.address("owner")
		if _, dup := m.owners[a]; dup || a == zeroAddress {
			return fmt.Errorf("owner %s appears twice or is zero", a)
		}
		m.addOwner(a)
	}
	return d.err
}

// decodeOrders reads the order records and adds their hashes to the
// replay set. decodeHashes sets the hashes' expiries.
func (m *Machine) decodeOrders(d *decoder) error {
	var last uint64
	for n := d.u32("order count"); n > 0 && d.err == nil; n-- {
		id, hash := d.u64("order id"), d.hash("order hash")
		s := SignedOrder{ChainID: d.u64("chain id")}
		s.Order = d.Order()
		copy(s.Signature[:], d.take(eip712.SignatureLength, "signature"))
		now := d.u64("time")
		owner, filled, open := d.u64("owner"), d.u64("filled"), d.boolean("open")
		batches, lastBatch, settled := d.u32("batches"), d.u64("last batch"), d.boolean("settled")
		if d.err != nil {
			break
		}
		if id <= last {
			return fmt.Errorf("order %d is out of order", id)
		}
		last = id
		ms, err := m.checkRestoredOrder(id, hash, owner, &s)
		if err != nil {
			return err
		}
		r := newOrderRecord(id, now, uint32(owner), ms, &s)
		r.filled, r.batches, r.lastBatch = filled, batches, lastBatch
		r.setFlag(flagOpen, open)
		r.setFlag(flagSettled, settled)
		r.hashSlot = m.hashes.add(hash, id, 0)
		rec, slot := m.orders.add(r)
		if open {
			m.linkOpen(rec, slot)
		}
	}
	return d.err
}

// checkRestoredOrder checks that a snapshot's order names a listed market,
// its trader's owner id and its own hash, which no other order has, and
// returns its market.
func (m *Machine) checkRestoredOrder(id uint64, hash common.Hash, owner uint64, s *SignedOrder) (*marketState, error) {
	ms := m.markets[MarketKey{ChainID: s.ChainID, ID: s.Order.Market}]
	if ms == nil {
		return nil, fmt.Errorf("order %d names unlisted market %d on chain %d", id, s.Order.Market, s.ChainID)
	}
	if owner == 0 || owner > uint64(len(m.ownerAddrs)) || m.ownerAddrs[owner-1] != s.Order.Trader {
		return nil, fmt.Errorf("order %d has owner id %d, which is not its trader %s", id, owner, s.Order.Trader)
	}
	if ms.chain.orderHash(&s.Order) != hash {
		return nil, fmt.Errorf("order %d's hash does not match its fields", id)
	}
	if m.hashes.full() {
		return nil, fmt.Errorf("the snapshot contains more than %d order hashes, the maximum", orderHashesMax)
	}
	if other, _, dup := m.hashes.lookup(hash); dup {
		return nil, fmt.Errorf("orders %d and %d have the same hash %s", other, id, hash)
	}
	return ms, nil
}

// decodeHashes reads the replay set. The orders' hashes are in the set
// already, so each must appear here with its order's id. A hash's expiry
// is the order's, or 0 for a hash kept from a snapshot without expiries;
// CheckInvariants checks that.
func (m *Machine) decodeHashes(d *decoder, withExpiry bool) error {
	var last common.Hash
	first, matched := true, 0
	for n := d.u32("hash count"); n > 0 && d.err == nil; n-- {
		h := d.hash("order hash")
		id := d.u64("order id")
		expiry := uint64(0)
		if withExpiry {
			expiry = d.u64("expiry")
		}
		if d.err != nil {
			break
		}
		if !first && bytes.Compare(h[:], last[:]) <= 0 {
			return fmt.Errorf("order hash %s is out of order", h)
		}
		first, last = false, h
		if id == 0 {
			return fmt.Errorf("order hash %s has order id 0", h)
		}
		if known, slot, ok := m.hashes.lookup(h); ok {
			if known != id {
				return fmt.Errorf("order hash %s maps to order %d, but order %d has it", h, id, known)
			}
			m.hashes.at(slot).expiry = expiry
			m.hashes.digests.changed(h)
			matched++
			continue
		}
		if m.hashes.full() {
			return fmt.Errorf("the snapshot contains more than %d order hashes, the maximum", orderHashesMax)
		}
		m.hashes.add(h, id, expiry)
	}
	if d.err == nil && matched != m.orders.count {
		return fmt.Errorf("%d of %d orders' hashes are missing from the list of hashes", m.orders.count-matched, m.orders.count)
	}
	if withExpiry {
		m.hashes.pruned = expiryKey{expiry: d.u64("pruned expiry"), hash: d.hash("pruned hash")}
	}
	return d.err
}
