package ledger

import (
	"errors"
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

var (
	seedFlag  = flag.Uint64("seed", 0, "seed of TestRandomStream; 0 picks one from the clock")
	stepsFlag = flag.Int("steps", 2000, "entries in TestRandomStream")
)

// opKind is one ledger operation of the random stream.
type opKind uint8

const (
	opDeposit opKind = iota + 1
	opHold
	opResize
	opFill
	opRelease
	opWithdraw
	opSeal
	opConfirm
	opFail
)

// op is one operation with its arguments, recorded so that the stream can
// be replayed.
type op struct {
	kind   opKind
	id     [32]byte
	owner  common.Address
	asset  Asset
	amount uint256.Int
	order  uint64
	batch  uint64
	fill   Fill
	// quantity is the fill's quantity in lots.
	quantity uint64
	// next is the order as a hold or resize leaves it in the model.
	next *modelOrder
	// want is the rejection the reference model expects, or nil.
	want error
}

// streamEntry is one log entry of the random stream.
type streamEntry struct {
	seq      uint64
	ops      []op
	rollback bool
}

func execOp(tx *Tx, o *op) error {
	switch o.kind {
	case opDeposit:
		return tx.CreditDeposit(DepositID(o.id), o.owner, o.asset, &o.amount)
	case opHold:
		return tx.PlaceHold(o.order, o.owner, o.asset, &o.amount)
	case opResize:
		return tx.ResizeHold(o.order, &o.amount)
	case opFill:
		return tx.ApplyFill(&o.fill)
	case opRelease:
		_, err := tx.ReleaseHold(o.order)
		return err
	case opWithdraw:
		_, err := tx.RequestWithdrawal(WithdrawalID(o.id), o.owner, o.asset, &o.amount)
		return err
	case opSeal:
		_, err := tx.SealBatch()
		return err
	case opConfirm:
		return tx.ConfirmSettlement(o.batch)
	case opFail:
		return tx.FailSettlement(o.batch)
	}
	return fmt.Errorf("unknown op kind %d", o.kind)
}

// applyEntry applies e and returns each operation's error message ("" for
// success), which is deterministic and so must be equal on a replay.
func applyEntry(l *Ledger, e *streamEntry) ([]string, error) {
	tx, err := l.Begin(e.seq)
	if err != nil {
		return nil, err
	}
	outcomes := make([]string, len(e.ops))
	for i := range e.ops {
		if err := execOp(tx, &e.ops[i]); err != nil {
			outcomes[i] = err.Error()
		}
	}
	if e.rollback {
		return outcomes, tx.Rollback()
	}
	return outcomes, tx.Commit()
}

// market is a market of the random stream.
type market struct {
	base, quote     Asset
	lotSize         uint256.Int
	quotePerTickLot uint64
}

type modelOrder struct {
	id        uint64
	owner     common.Address
	market    *market
	buy       bool
	price     uint64
	remaining uint64
	maxFeeBps uint16
	hold      *big.Int
}

func (o *modelOrder) asset() Asset {
	if o.buy {
		return o.market.quote
	}
	return o.market.base
}

// cost is what the order can still cost, by the docs/PROTOCOL.md formulas
// written out with math/big.
func (o *modelOrder) cost() *big.Int {
	if !o.buy {
		return new(big.Int).Mul(new(big.Int).SetUint64(o.remaining), o.market.lotSize.ToBig())
	}
	limitQuote := new(big.Int).SetUint64(o.price)
	limitQuote.Mul(limitQuote, new(big.Int).SetUint64(o.remaining))
	limitQuote.Mul(limitQuote, new(big.Int).SetUint64(o.market.quotePerTickLot))
	fee := new(big.Int).Mul(limitQuote, big.NewInt(int64(o.maxFeeBps)))
	fee.Quo(fee, big.NewInt(bpsPerWhole))
	return limitQuote.Add(limitQuote, fee)
}

type modelCredit struct {
	account Account
	amount  *big.Int
}

type modelBatch struct {
	id          uint64
	state       BatchState
	credits     []modelCredit
	fees        []modelCredit
	withdrawals []modelCredit
}

// model is the reference ledger: balances in math/big, changed by the
// rules written out in the simplest form.
type model struct {
	balances    map[Account]*big.Int
	orders      map[uint64]*modelOrder
	deposits    map[[32]byte]bool
	withdrawals map[[32]byte]bool
	batches     map[uint64]*modelBatch
	openBatch   uint64
	nextOrder   uint64
	nextID      uint32
}

func newModel() *model {
	return &model{
		balances:    map[Account]*big.Int{},
		orders:      map[uint64]*modelOrder{},
		deposits:    map[[32]byte]bool{},
		withdrawals: map[[32]byte]bool{},
		batches:     map[uint64]*modelBatch{1: {id: 1, state: BatchOpen}},
		openBatch:   1,
		nextOrder:   1,
	}
}

func (m *model) clone() *model {
	c := &model{
		balances: map[Account]*big.Int{}, orders: map[uint64]*modelOrder{},
		deposits: maps2(m.deposits), withdrawals: maps2(m.withdrawals), batches: map[uint64]*modelBatch{},
		openBatch: m.openBatch, nextOrder: m.nextOrder, nextID: m.nextID,
	}
	for k, v := range m.balances {
		c.balances[k] = new(big.Int).Set(v)
	}
	for k, o := range m.orders {
		copied := *o
		copied.hold = new(big.Int).Set(o.hold)
		c.orders[k] = &copied
	}
	for k, b := range m.batches {
		copied := *b
		copied.credits, copied.fees, copied.withdrawals = slices.Clone(b.credits), slices.Clone(b.fees), slices.Clone(b.withdrawals)
		c.batches[k] = &copied
	}
	return c
}

func maps2(m map[[32]byte]bool) map[[32]byte]bool {
	c := make(map[[32]byte]bool, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func (m *model) bal(owner common.Address, asset Asset, kind AccountKind) *big.Int {
	a := Account{Owner: owner, Asset: asset, Kind: kind}
	if m.balances[a] == nil {
		m.balances[a] = new(big.Int)
	}
	return m.balances[a]
}

// move moves amount between two accounts of the model.
func (m *model) move(from, to Account, amount *big.Int) {
	m.bal(from.Owner, from.Asset, from.Kind).Sub(m.bal(from.Owner, from.Asset, from.Kind), amount)
	m.bal(to.Owner, to.Asset, to.Kind).Add(m.bal(to.Owner, to.Asset, to.Kind), amount)
}

func acct(owner common.Address, asset Asset, kind AccountKind) Account {
	return Account{Owner: owner, Asset: asset, Kind: kind}
}

func (m *model) openCosts() map[uint64]uint256.Int {
	costs := make(map[uint64]uint256.Int, len(m.orders))
	for id, o := range m.orders {
		c, overflow := uint256.FromBig(o.cost())
		if overflow {
			panic("order cost above 256 bits in the random stream")
		}
		costs[id] = *c
	}
	return costs
}

// stream generates random operations against the model and checks the
// ledger against it after every entry.
type stream struct {
	t       *testing.T
	rng     *rand.Rand
	m       *model
	owners  []common.Address
	assets  []Asset
	markets []*market
	// forced are operations that must follow, such as the release of a
	// filled order's hold.
	forced []op
}

func newStream(t *testing.T, seed uint64) *stream {
	a := Asset{ChainID: 1, Token: common.HexToAddress("0xaaaa")}
	b := Asset{ChainID: 1, Token: common.HexToAddress("0xbbbb")}
	q := Asset{ChainID: 1, Token: common.HexToAddress("0x9999")}
	bscQuote := Asset{ChainID: 56, Token: common.HexToAddress("0x9999")}
	s := &stream{
		t:      t,
		rng:    rand.New(rand.NewPCG(seed, seed^0x5eed)),
		m:      newModel(),
		assets: []Asset{a, b, q, bscQuote},
		markets: []*market{
			{base: a, quote: q, lotSize: *u(1000), quotePerTickLot: 1},
			{base: b, quote: q, lotSize: *u(7), quotePerTickLot: 3},
			{base: a, quote: bscQuote, lotSize: *u(500), quotePerTickLot: 2},
		},
	}
	for i := 1; i <= 5; i++ {
		s.owners = append(s.owners, common.BigToAddress(big.NewInt(int64(0x1000+i))))
	}
	return s
}

func (s *stream) newID() [32]byte {
	s.m.nextID++
	var id [32]byte
	id[0] = 0x1d
	id[28], id[29], id[30], id[31] = byte(s.m.nextID>>24), byte(s.m.nextID>>16), byte(s.m.nextID>>8), byte(s.m.nextID)
	return id
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func (s *stream) sortedOrders() []*modelOrder {
	var orders []*modelOrder
	for _, id := range slices.Sorted(mapsKeys(s.m.orders)) {
		orders = append(orders, s.m.orders[id])
	}
	return orders
}

func mapsKeys[V any](m map[uint64]V) func(func(uint64) bool) {
	return func(yield func(uint64) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// nextOp returns a random operation with the rejection the model expects.
func (s *stream) nextOp() op {
	if len(s.forced) > 0 {
		o := s.forced[0]
		s.forced = s.forced[1:]
		return o
	}
	switch r := s.rng.IntN(100); {
	case r < 15:
		return s.genDeposit()
	case r < 40:
		return s.genHold()
	case r < 65:
		return s.genFill()
	case r < 73:
		return s.genRelease()
	case r < 78:
		return s.genResize()
	case r < 87:
		return s.genWithdraw()
	case r < 92:
		return s.genSeal()
	default:
		return s.genOutcome()
	}
}

func (s *stream) genDeposit() op {
	o := op{kind: opDeposit, owner: pick(s.rng, s.owners), asset: pick(s.rng, s.assets), id: s.newID()}
	o.amount.SetUint64(1 + s.rng.Uint64N(200_000))
	if len(s.m.deposits) > 0 && s.rng.IntN(10) == 0 {
		o.id = s.anyID(s.m.deposits)
		o.want = ErrDuplicateDeposit
	}
	return o
}

func (s *stream) anyID(ids map[[32]byte]bool) [32]byte {
	sorted := make([][32]byte, 0, len(ids))
	for id := range ids {
		sorted = append(sorted, id)
	}
	slices.SortFunc(sorted, func(x, y [32]byte) int { return compareBytes(x[:], y[:]) })
	return pick(s.rng, sorted)
}

func compareBytes(x, y []byte) int {
	for i := range x {
		if x[i] != y[i] {
			return int(x[i]) - int(y[i])
		}
	}
	return 0
}

func (s *stream) genHold() op {
	mk := pick(s.rng, s.markets)
	order := &modelOrder{
		id: s.m.nextOrder, owner: pick(s.rng, s.owners), market: mk, buy: s.rng.IntN(2) == 0,
		price: 1 + s.rng.Uint64N(200), remaining: 1 + s.rng.Uint64N(20), maxFeeBps: pick(s.rng, []uint16{0, 10, 30, 100}),
	}
	s.m.nextOrder++
	cost := order.cost()
	o := op{kind: opHold, order: order.id, owner: order.owner, asset: order.asset()}
	o.amount.SetFromBig(cost)
	if s.m.bal(order.owner, order.asset(), Available).Cmp(cost) < 0 {
		o.want = ErrInsufficientAvailable
	}
	o.next = order
	return o
}

func (s *stream) genFill() op {
	orders := s.sortedOrders()
	for range 8 {
		mk := pick(s.rng, s.markets)
		var buys, sells []*modelOrder
		for _, o := range orders {
			if o.market == mk && o.buy {
				buys = append(buys, o)
			} else if o.market == mk {
				sells = append(sells, o)
			}
		}
		if len(buys) == 0 || len(sells) == 0 {
			continue
		}
		buy, sell := pick(s.rng, buys), pick(s.rng, sells)
		if buy.price < sell.price {
			continue
		}
		return s.fillOp(buy, sell)
	}
	return s.genDeposit()
}

func (s *stream) fillOp(buy, sell *modelOrder) op {
	mk := buy.market
	quantity := 1 + s.rng.Uint64N(min(buy.remaining, sell.remaining))
	price := sell.price + s.rng.Uint64N(buy.price-sell.price+1)
	o := op{kind: opFill, quantity: quantity}
	f := &o.fill
	f.BuyOrder, f.SellOrder = buy.id, sell.id
	f.QuoteAmount.SetUint64(price * quantity * mk.quotePerTickLot)
	f.BaseAmount.Mul(u(quantity), &mk.lotSize)
	f.BuyerFee = fee(&f.QuoteAmount, uint16(s.rng.Uint64N(uint64(buy.maxFeeBps)+1)))
	f.SellerFee = fee(&f.QuoteAmount, uint16(s.rng.Uint64N(uint64(sell.maxFeeBps)+1)))
	buyAfter, sellAfter := *buy, *sell
	buyAfter.remaining -= quantity
	sellAfter.remaining -= quantity
	f.BuyRemainingCost.SetFromBig(buyAfter.cost())
	f.SellRemainingCost.SetFromBig(sellAfter.cost())
	if s.rng.IntN(20) == 0 {
		f.BuyRemainingCost.SetFromBig(buy.hold)
		o.want = ErrHoldShort
	}
	return o
}

func (s *stream) genRelease() op {
	orders := s.sortedOrders()
	if len(orders) == 0 || s.rng.IntN(20) == 0 {
		return op{kind: opRelease, order: s.m.nextOrder + 1000, want: ErrHoldNotFound}
	}
	return op{kind: opRelease, order: pick(s.rng, orders).id}
}

func (s *stream) genResize() op {
	orders := s.sortedOrders()
	if len(orders) == 0 {
		return s.genHold()
	}
	order := pick(s.rng, orders)
	amended := *order
	if order.remaining >= 2 && s.rng.IntN(2) == 0 {
		amended.remaining = 1 + s.rng.Uint64N(order.remaining-1)
	} else {
		amended.price = 1 + s.rng.Uint64N(200)
	}
	cost := amended.cost()
	o := op{kind: opResize, order: order.id}
	o.amount.SetFromBig(cost)
	raise := new(big.Int).Sub(cost, order.hold)
	if raise.Sign() > 0 && s.m.bal(order.owner, order.asset(), Available).Cmp(raise) < 0 {
		o.want = ErrInsufficientAvailable
	}
	o.next = &amended
	return o
}

func (s *stream) genWithdraw() op {
	o := op{kind: opWithdraw, owner: pick(s.rng, s.owners), asset: pick(s.rng, s.assets), id: s.newID()}
	available := s.m.bal(o.owner, o.asset, Available)
	if available.Sign() > 0 && s.rng.IntN(5) != 0 {
		o.amount.SetUint64(1 + s.rng.Uint64N(available.Uint64()))
	} else {
		o.amount.SetUint64(available.Uint64() + 1 + s.rng.Uint64N(100))
		o.want = ErrInsufficientAvailable
	}
	if len(s.m.withdrawals) > 0 && s.rng.IntN(10) == 0 {
		o.id = s.anyID(s.m.withdrawals)
		o.want = ErrDuplicateWithdrawal
	}
	return o
}

func (s *stream) genSeal() op {
	open := s.m.batches[s.m.openBatch]
	if len(open.credits) == 0 && len(open.withdrawals) == 0 {
		return op{kind: opSeal, want: ErrBatchEmpty}
	}
	return op{kind: opSeal}
}

func (s *stream) genOutcome() op {
	o := op{kind: opConfirm, batch: s.rng.Uint64N(s.m.openBatch + 2)}
	if s.rng.IntN(4) == 0 {
		o.kind = opFail
	}
	b := s.m.batches[o.batch]
	switch {
	case o.batch == 0 || o.batch > s.m.openBatch:
		o.want = ErrBatchNotFound
	case o.batch == s.m.openBatch:
		o.want = ErrBatchNotSealed
	case b == nil:
		o.want = ErrBatchSettled
	case b.state == BatchFailed:
		o.want = ErrBatchFailed
	}
	return o
}

// apply changes the model as the successful operation o changes the ledger.
func (m *model) apply(o *op) {
	switch o.kind {
	case opDeposit:
		m.deposits[o.id] = true
		m.move(acct(common.Address{}, o.asset, ExternalDeposits), acct(o.owner, o.asset, Available), o.amount.ToBig())
	case opHold:
		order := o.next
		order.hold = order.cost()
		m.orders[order.id] = order
		m.move(acct(order.owner, order.asset(), Available), acct(order.owner, order.asset(), Held), order.hold)
	case opResize:
		m.resize(o.next)
	case opFill:
		m.fill(o)
	case opRelease:
		order := m.orders[o.order]
		m.move(acct(order.owner, order.asset(), Held), acct(order.owner, order.asset(), Available), order.hold)
		delete(m.orders, o.order)
	case opWithdraw:
		m.withdrawals[o.id] = true
		m.move(acct(o.owner, o.asset, Available), acct(o.owner, o.asset, PendingWithdrawal), o.amount.ToBig())
		open := m.batches[m.openBatch]
		open.withdrawals = append(open.withdrawals, modelCredit{account: acct(o.owner, o.asset, PendingWithdrawal), amount: o.amount.ToBig()})
	case opSeal:
		m.batches[m.openBatch].state = BatchSealed
		m.openBatch++
		m.batches[m.openBatch] = &modelBatch{id: m.openBatch, state: BatchOpen}
	case opConfirm:
		m.confirm(m.batches[o.batch])
	case opFail:
		b := m.batches[o.batch]
		for _, w := range b.withdrawals {
			m.move(w.account, acct(w.account.Owner, w.account.Asset, Available), w.amount)
		}
		b.state = BatchFailed
	}
}

func (m *model) resize(amended *modelOrder) {
	order := m.orders[amended.id]
	cost := amended.cost()
	held, available := acct(order.owner, order.asset(), Held), acct(order.owner, order.asset(), Available)
	if diff := new(big.Int).Sub(cost, order.hold); diff.Sign() > 0 {
		m.move(available, held, diff)
	} else {
		m.move(held, available, diff.Neg(diff))
	}
	*order = *amended
	order.hold = cost
}

func (m *model) fill(o *op) {
	f := &o.fill
	buy, sell := m.orders[f.BuyOrder], m.orders[f.SellOrder]
	mk := buy.market
	quote, base := f.QuoteAmount.ToBig(), f.BaseAmount.ToBig()
	buyerFee, sellerFee := f.BuyerFee.ToBig(), f.SellerFee.ToBig()
	sellerGets := new(big.Int).Sub(quote, sellerFee)
	fees := new(big.Int).Add(buyerFee, sellerFee)

	m.move(acct(buy.owner, mk.quote, Held), acct(sell.owner, mk.quote, PendingSettlement), sellerGets)
	m.move(acct(buy.owner, mk.quote, Held), acct(common.Address{}, mk.quote, FeesPending), fees)
	m.move(acct(sell.owner, mk.base, Held), acct(buy.owner, mk.base, PendingSettlement), base)

	buy.remaining -= o.quantity
	sell.remaining -= o.quantity
	for _, order := range []*modelOrder{buy, sell} {
		spent := new(big.Int).Set(base)
		if order.buy {
			spent.Add(quote, buyerFee)
		}
		excess := new(big.Int).Sub(order.hold, spent)
		excess.Sub(excess, order.cost())
		m.move(acct(order.owner, order.asset(), Held), acct(order.owner, order.asset(), Available), excess)
		order.hold = order.cost()
	}

	open := m.batches[m.openBatch]
	open.credits = append(open.credits,
		modelCredit{account: acct(sell.owner, mk.quote, PendingSettlement), amount: sellerGets},
		modelCredit{account: acct(buy.owner, mk.base, PendingSettlement), amount: base})
	open.fees = append(open.fees, modelCredit{account: acct(common.Address{}, mk.quote, FeesPending), amount: fees})
}

func (m *model) confirm(b *modelBatch) {
	for _, c := range b.credits {
		m.move(c.account, acct(c.account.Owner, c.account.Asset, Available), c.amount)
	}
	for _, c := range b.fees {
		m.move(c.account, acct(common.Address{}, c.account.Asset, FeesSettled), c.amount)
	}
	for _, w := range b.withdrawals {
		m.move(w.account, acct(common.Address{}, w.account.Asset, ExternalWithdrawals), w.amount)
	}
	delete(m.batches, b.id)
}

// releasesAfterFill returns the releases of the orders a fill completed,
// which the engine reports as filled.
func (s *stream) releasesAfterFill(o *op) []op {
	var releases []op
	for _, id := range []uint64{o.fill.BuyOrder, o.fill.SellOrder} {
		if order := s.m.orders[id]; order != nil && order.remaining == 0 {
			releases = append(releases, op{kind: opRelease, order: id})
		}
	}
	return releases
}

// opCounts returns, per op kind name, how many operations applied and how
// many were rejected.
func opCounts(entries []streamEntry, outcomes [][]string) map[string][2]int {
	names := [...]string{opDeposit: "deposit", opHold: "hold", opResize: "resize", opFill: "fill", opRelease: "release",
		opWithdraw: "withdraw", opSeal: "seal", opConfirm: "confirm", opFail: "fail"}
	counts := map[string][2]int{}
	for i, e := range entries {
		for j, o := range e.ops {
			c := counts[names[o.kind]]
			if outcomes[i][j] == "" {
				c[0]++
			} else {
				c[1]++
			}
			counts[names[o.kind]] = c
		}
	}
	return counts
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestRandomStream applies a seeded random stream of deposits, holds,
// fills, amendments, releases, withdrawals, seals and settlement outcomes,
// some entries rolled back, and checks after every entry the invariants
// and every balance against the reference model. It then replays the
// stream on a new ledger, and its second half on a restored snapshot, and
// expects the same outcomes and state hash.
func TestRandomStream(t *testing.T) {
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d; rerun with go test ./node/ledger -run TestRandomStream -seed %d", seed, seed)
	s := newStream(t, seed)
	l := New(DefaultConfig())

	var entries []streamEntry
	var outcomes [][]string
	var midSnapshot []byte
	midIndex := 0
	var seq uint64
	for step := range *stepsFlag {
		if step == *stepsFlag/2 {
			midSnapshot, midIndex = mustSnapshot(t, l), len(entries)
		}
		if l.LastSeq() > 0 && s.rng.IntN(30) == 0 {
			old := 1 + s.rng.Uint64N(l.LastSeq())
			if _, err := l.Begin(old); !errors.Is(err, ErrSeqNotAfter) {
				t.Fatalf("seed %d step %d: entry %d applied again: %v, expected %v", seed, step, old, err, ErrSeqNotAfter)
			}
		}
		seq += 1 + s.rng.Uint64N(2)
		e, outs := s.runEntry(l, seq, step, seed)
		entries, outcomes = append(entries, e), append(outcomes, outs)

		if err := l.CheckInvariants(s.m.openCosts()); err != nil {
			t.Fatalf("seed %d step %d entry %d: %v", seed, step, seq, err)
		}
		s.compare(l, seed, step)
	}
	t.Logf("%d entries, %d open orders, open batch %d; operations applied and rejected by kind: %v",
		len(entries), len(s.m.orders), l.OpenBatch(), opCounts(entries, outcomes))

	replayed := New(DefaultConfig())
	replay(t, replayed, entries, outcomes)
	if mustStateHash(t, replayed) != mustStateHash(t, l) {
		t.Fatalf("seed %d: state hash of the replay differs", seed)
	}
	restored := mustRestore(t, midSnapshot)
	replay(t, restored, entries[midIndex:], outcomes[midIndex:])
	if mustStateHash(t, restored) != mustStateHash(t, l) {
		t.Fatalf("seed %d: state hash after restoring entry %d's snapshot and replaying the rest differs", seed, midIndex)
	}
}

// runEntry generates and applies one entry, checking each operation's
// outcome against the model, and returns the entry and the outcomes.
func (s *stream) runEntry(l *Ledger, seq uint64, step int, seed uint64) (streamEntry, []string) {
	t := s.t
	e := streamEntry{seq: seq, rollback: s.rng.IntN(20) == 0}
	modelBefore := s.m.clone()
	var before []byte
	if e.rollback {
		before = mustSnapshot(t, l)
	}

	tx, err := l.Begin(seq)
	if err != nil {
		t.Fatalf("seed %d step %d: begin %d: %v", seed, step, seq, err)
	}
	var outs []string
	for i := 0; i < 1+step%3 || len(s.forced) > 0; i++ {
		o := s.nextOp()
		err := execOp(tx, &o)
		if !errors.Is(err, o.want) || (o.want == nil && err != nil) {
			t.Fatalf("seed %d step %d entry %d op %d (kind %d): error %v, the model expects %v", seed, step, seq, i, o.kind, err, o.want)
		}
		if err == nil {
			s.m.apply(&o)
			if o.kind == opFill {
				s.forced = append(s.forced, s.releasesAfterFill(&o)...)
			}
		}
		e.ops = append(e.ops, o)
		outs = append(outs, errString(err))
	}

	if !e.rollback {
		if err := tx.Commit(); err != nil {
			t.Fatalf("seed %d step %d: commit: %v", seed, step, err)
		}
		return e, outs
	}
	if err := tx.Rollback(); err != nil {
		t.Fatalf("seed %d step %d: rollback: %v", seed, step, err)
	}
	s.m = modelBefore
	wantSameSnapshot(t, before, mustSnapshot(t, l))
	return e, outs
}

func replay(t *testing.T, l *Ledger, entries []streamEntry, outcomes [][]string) {
	t.Helper()
	for i := range entries {
		outs, err := applyEntry(l, &entries[i])
		if err != nil {
			t.Fatalf("replay of entry %d: %v", entries[i].seq, err)
		}
		if !slices.Equal(outs, outcomes[i]) {
			t.Fatalf("replay of entry %d: outcomes %q, first run %q", entries[i].seq, outs, outcomes[i])
		}
	}
}

// compare fails unless every balance and total of the ledger equals the model's.
func (s *stream) compare(l *Ledger, seed uint64, step int) {
	t := s.t
	amount := func(owner common.Address, asset Asset, kind AccountKind) uint256.Int {
		b := s.m.bal(owner, asset, kind)
		if kind == ExternalDeposits {
			b = new(big.Int).Neg(b)
		}
		if b.Sign() < 0 {
			t.Fatalf("seed %d step %d: the model's %s is negative: %s", seed, step, acct(owner, asset, kind), b)
		}
		v, _ := uint256.FromBig(b)
		return *v
	}
	for _, owner := range s.owners {
		for _, asset := range s.assets {
			got, _ := l.Balance(owner, asset)
			want := Balance{Asset: asset, Available: amount(owner, asset, Available), Held: amount(owner, asset, Held),
				PendingSettlement: amount(owner, asset, PendingSettlement), PendingWithdrawal: amount(owner, asset, PendingWithdrawal)}
			if got != want {
				t.Fatalf("seed %d step %d: balance of %s in %s is %+v, the model has %+v", seed, step, owner.Hex(), asset, got, want)
			}
		}
	}
	var system common.Address
	for _, asset := range s.assets {
		got, _ := l.Totals(asset)
		for _, c := range []struct {
			kind AccountKind
			got  uint256.Int
		}{{FeesPending, got.FeesPending}, {FeesSettled, got.FeesSettled}, {ExternalDeposits, got.Deposits}, {ExternalWithdrawals, got.Withdrawals}} {
			if want := amount(system, asset, c.kind); c.got != want {
				t.Fatalf("seed %d step %d: %s of %s is %s, the model has %s", seed, step, c.kind, asset, c.got.Dec(), want.Dec())
			}
		}
	}
	if l.HoldCount() != len(s.m.orders) {
		t.Fatalf("seed %d step %d: %d holds, the model has %d open orders", seed, step, l.HoldCount(), len(s.m.orders))
	}
}
