package state

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
)

// placeOrder checks a signed order, holds what it can cost, and runs it
// through its market's book. A non-nil orderHash is the order's hash as
// the caller computed it (ApplyWithOrderHash).
func (m *Machine) placeOrder(seq, now uint64, s *SignedOrder, orderHash *common.Hash) error {
	ms, hash, err := m.checkOrder(now, s, orderHash)
	if err != nil {
		return err
	}
	o := &s.Order
	owner, newOwner := m.ownerID(o.Trader)
	cmd, err := engineCommand(seq, owner, o)
	if err != nil {
		return err
	}

	holdAsset, holdAmount, err := orderCost(ms, o, o.Quantity)
	if err != nil {
		return err
	}
	tx, err := m.ledgerTx(seq, ms.chain)
	if err != nil {
		return err
	}
	if err := tx.PlaceHold(seq, o.Trader, holdAsset, &holdAmount); err != nil {
		return fmt.Errorf("order %s: %w", hash, err)
	}
	m.events, err = ms.book.Apply(cmd, m.events[:0])
	if err != nil {
		return fmt.Errorf("order %s: %w", hash, err)
	}

	// From here on the book has changed, so nothing may fail.
	if newOwner {
		m.addOwner(o.Trader)
	}
	rec := newOrderRecord(seq, now, uint32(owner), ms, s)
	rec.hashSlot = m.hashes.add(hash, seq, o.Expiry)
	m.hashes.expireLater(rec.hashSlot)
	rec.flags |= flagOpen
	r, slot := m.orders.add(rec)
	m.linkOpen(r, slot)
	m.mustApplyEvents(seq, ms, tx)
	if o.TimeInForce.Immediate() {
		m.noteWaitingStop(seq)
	}
	return nil
}

// PrecheckOrder returns why the machine would reject a signed order at
// time now (unix milliseconds) in its current state, without changing
// anything. It checks the market (unknown or halted), the fields, replays,
// cancelled nonces, the expiry, the used nonces of immediate orders and
// the available balance against the order's hold. A nil result does not promise acceptance, because the book
// may still reject the order, for example a post-only order that would
// trade.
func (m *Machine) PrecheckOrder(now uint64, s *SignedOrder) error {
	ms, hash, err := m.checkOrder(now, s, nil)
	if err != nil {
		return err
	}
	o := &s.Order
	asset, amount, err := orderCost(ms, o, o.Quantity)
	if err != nil {
		return fmt.Errorf("order %s: %w", hash, err)
	}
	bal, _ := ms.chain.ledger.Balance(o.Trader, asset)
	if bal.Available.Lt(&amount) {
		return fmt.Errorf("order %s: %w", hash, &ledger.ShortfallError{
			Err:     ledger.ErrInsufficientAvailable,
			Account: ledger.Account{Owner: o.Trader, Asset: asset, Kind: ledger.Available},
			Needed:  amount, Have: bal.Available,
		})
	}
	return nil
}

// checkOrder validates a signed order against its market, the trader's
// nonce and the orders seen so far, and returns its market and hash. It
// computes the hash unless orderHash gives it.
func (m *Machine) checkOrder(now uint64, s *SignedOrder, orderHash *common.Hash) (*marketState, common.Hash, error) {
	o := &s.Order
	ms, ok := m.markets[MarketKey{ChainID: s.ChainID, ID: o.Market}]
	if !ok {
		return nil, common.Hash{}, fmt.Errorf("%w: market %d on chain %d", ErrUnknownMarket, o.Market, s.ChainID)
	}
	if ms.halted {
		return nil, common.Hash{}, fmt.Errorf("%w: %s stopped after a failed settlement and takes no more orders, because the node "+
			"can neither settle nor skip the failed batch. The balances the Exchange holds for you stay as its settled batches left them; "+
			"withdraw them with the Exchange's requestWithdrawal and then withdrawRequested", ErrMarketHalted, ms.def.Symbol)
	}
	if err := o.Validate(); err != nil {
		return nil, common.Hash{}, fmt.Errorf("%w: %w", ErrInvalidEntry, err)
	}
	var hash common.Hash
	if orderHash != nil {
		hash = *orderHash
	} else {
		hash = ms.chain.orderHash(o)
	}
	if _, _, seen := m.hashes.lookup(hash); seen {
		return nil, hash, fmt.Errorf("%w: order %s", ErrOrderReplayed, hash)
	}
	if m.hashes.full() {
		return nil, hash, fmt.Errorf("%w: the replay set contains %d order hashes, its maximum", ErrTooManyOrders, orderHashesMax)
	}
	if _, cancelled := m.cancelledEarly[cancelKey{hash: hash, trader: o.Trader}]; cancelled {
		return nil, hash, fmt.Errorf("%w: order %s was cancelled on chain by %s before it was placed",
			ErrCancelledOnChain, hash, o.Trader)
	}
	if min := ms.chain.minNonce[o.Trader]; o.Nonce < min {
		return nil, hash, fmt.Errorf("%w: order %s has nonce %d, trader %s cancelled every nonce below %d",
			ErrNonceCancelled, hash, o.Nonce, o.Trader, min)
	}
	if o.Expiry != 0 && !expiresAfter(o.Expiry, now) {
		return nil, hash, &ExpiryError{Err: ErrOrderExpired, Hash: hash, ExpirySeconds: o.Expiry, EntryTimeMs: now}
	}
	if o.TimeInForce.Immediate() {
		if err := m.checkImmediateNonce(ms.chain, o, hash); err != nil {
			return nil, hash, err
		}
	}
	return ms, hash, nil
}

// expiresAfter reports whether a signed expiry in seconds leaves at least
// the settlement margin after now, in milliseconds.
func expiresAfter(expirySeconds, nowMs uint64) bool {
	return expirySeconds > ExpiryMarginSeconds && (expirySeconds-ExpiryMarginSeconds)*1000 > nowMs
}

// engineCommand maps a signed order to the book's place command. An order
// that may rest and carries an expiry becomes GTD and leaves the book
// ExpiryMarginSeconds before its signed expiry. An immediate stop order
// with an expiry keeps its time in force and leaves the book at the same
// time if it has not triggered by then. Any other immediate order trades
// at once, so its expiry is checked only at placement (checkOrder).
//
// NOTE: an immediate stop order that an older build placed has no expiry
// in its book, and a snapshot keeps it so, so it can still trade after its
// signed expiry.
func engineCommand(id, owner uint64, o *eip712.Order) (matching.Command, error) {
	tif := matching.TimeInForce(o.TimeInForce)
	stop := o.Kind == eip712.StopLimit || o.Kind == eip712.StopMarket
	var expiryMs uint64
	if o.Expiry != 0 && (!o.TimeInForce.Immediate() || stop) {
		if o.Expiry > (1<<64-1)/1000 {
			return matching.Command{}, fmt.Errorf("%w: expiry %d s is out of range", ErrInvalidEntry, o.Expiry)
		}
		if !o.TimeInForce.Immediate() {
			tif = matching.GTD
		}
		expiryMs = (o.Expiry - ExpiryMarginSeconds) * 1000
	}
	return matching.Command{
		Type:         matching.CommandPlace,
		OrderID:      id,
		Owner:        owner,
		Side:         matching.Side(o.Side),
		Kind:         matching.Kind(o.Kind),
		TimeInForce:  tif,
		SelfTrade:    matching.SelfTradeMode(o.SelfTradePrevention),
		PostOnly:     o.PostOnly,
		Price:        o.Price,
		TriggerPrice: o.TriggerPrice,
		Quantity:     o.Quantity,
		MaxFeeBps:    o.MaxFeeBps,
		Expiry:       expiryMs,
	}, nil
}

// orderCost returns the asset and amount an order of the given remaining
// quantity can still cost: quote with the maximum fee for a buy, base for a
// sell (docs/PROTOCOL.md).
func orderCost(ms *marketState, o *eip712.Order, remaining uint64) (ledger.Asset, uint256.Int, error) {
	if o.Side == eip712.Buy {
		amount, err := ledger.BuyHold(o.Price, remaining, ms.perTickLot, o.MaxFeeBps)
		return ledger.Asset{ChainID: ms.key.ChainID, Token: ms.def.Quote}, amount, err
	}
	amount, err := ledger.SellHold(remaining, &ms.def.LotSize)
	return ledger.Asset{ChainID: ms.key.ChainID, Token: ms.def.Base}, amount, err
}

// holdAsset returns the asset an order's hold is in.
func (m *Machine) holdAsset(r *orderRecord) ledger.Asset {
	ms := m.marketOf(r)
	token := ms.def.Base
	if r.side == eip712.Buy {
		token = ms.def.Quote
	}
	return ledger.Asset{ChainID: ms.key.ChainID, Token: token}
}

// mustApplyEvents carries the book's events of one command into the
// ledger, the orders and the result. The book has already changed, so an
// error here means the book and the ledger disagree: it panics.
func (m *Machine) mustApplyEvents(seq uint64, ms *marketState, tx *ledger.Tx) {
	split := m.reserveBatchGas(seq, ms, tx)
	for i := range m.events {
		e := &m.events[i]
		switch e.Type {
		case matching.EventTrade:
			m.mustApplyTrade(seq, ms, tx, e, split)
		case matching.EventCancelled, matching.EventExpired:
			m.mustCloseOrder(tx, e.OrderID, statusOf(e), e.Reason.String())
		case matching.EventDepthChanged:
			m.result.Depth = append(m.result.Depth, DepthChange{
				Market: ms.key, Side: e.Side, Price: e.Price, Quantity: e.Quantity,
			})
		case matching.EventAccepted, matching.EventStopTriggered, matching.EventAmended:
			m.noteOrder(m.order(e.OrderID), e)
		}
	}
}

func statusOf(e *matching.Event) OrderStatus {
	if e.Type == matching.EventExpired {
		return StatusExpired
	}
	return StatusCancelled
}

// mustApplyTrade books one trade in the ledger and the chain's open batch.
// With split set, a trade that would take the batch's gas bound over the
// maximum seals the batch first.
func (m *Machine) mustApplyTrade(seq uint64, ms *marketState, tx *ledger.Tx, e *matching.Event, split bool) {
	taker, maker := m.order(e.OrderID), m.order(e.MakerID)
	if taker == nil || maker == nil {
		panic(fmt.Sprintf("state: trade of taker %d and maker %d names an unknown order", e.OrderID, e.MakerID))
	}
	m.markImmediateTrade(ms.chain, taker)
	m.markImmediateTrade(ms.chain, maker)
	taker.filled += e.Quantity
	maker.filled += e.Quantity
	buy, sell := taker, maker
	buyFee, sellFee := e.TakerFee, e.MakerFee
	buyLeft, sellLeft := e.TakerRemaining, e.MakerRemaining
	if e.Side == matching.Sell {
		buy, sell = maker, taker
		buyFee, sellFee = e.MakerFee, e.TakerFee
		buyLeft, sellLeft = e.MakerRemaining, e.TakerRemaining
	}

	// A trade that would take the open batch's gas bound over the most one
	// settle transaction may use goes into the next batch.
	c := ms.chain
	mo, to := m.tradeOrderOfRecord(maker), m.tradeOrderOfRecord(taker)
	if split && !c.open.empty() && !c.open.gas.fits(c.open.gas.trade(&ms.def, ms.key, mo, to, false)) {
		m.mustSealOpen(seq, c, tx)
	}
	c.open.gas.trade(&ms.def, ms.key, mo, to, true)

	fill := ledger.Fill{BuyOrder: buy.id, SellOrder: sell.id, QuoteAmount: e.Quote, BuyerFee: buyFee, SellerFee: sellFee}
	mustNoErr(baseAmount(&fill.BaseAmount, ms, e.Quantity))
	fill.BuyRemainingCost = m.mustCost(ms, buy, buyLeft)
	fill.SellRemainingCost = m.mustCost(ms, sell, sellLeft)
	mustNoErr(tx.ApplyFill(&fill))

	t := Trade{
		Seq: seq, Index: uint32(len(m.result.Trades)), Time: m.result.Time, Market: ms.key,
		Price: e.Price, Quantity: e.Quantity, TakerSide: eip712.Side(e.Side),
		Maker: m.traderOf(maker), Taker: m.traderOf(taker),
		MakerOrder: m.hashOf(maker), TakerOrder: m.hashOf(taker), MakerID: maker.id, TakerID: taker.id,
		Quote: e.Quote, MakerFee: e.MakerFee, TakerFee: e.TakerFee, Batch: ms.chain.open.id,
	}
	ms.chain.open.trades = append(ms.chain.open.trades, t)
	ms.chain.open.markets[ms.key] = struct{}{}
	m.result.Trades = append(m.result.Trades, t)
	m.refBatch(maker, ms.chain.open.id)
	m.refBatch(taker, ms.chain.open.id)
	m.noteOrder(taker, e)
	m.noteOrder(maker, e)

	if e.TakerRemaining == 0 {
		m.mustCloseOrder(tx, taker.id, StatusFilled, "")
	}
	if e.MakerRemaining == 0 {
		m.mustCloseOrder(tx, maker.id, StatusFilled, "")
	}
}

func baseAmount(z *uint256.Int, ms *marketState, lots uint64) error {
	if _, overflow := z.MulOverflow(uint256.NewInt(lots), &ms.def.LotSize); overflow {
		return fmt.Errorf("%w: %d lots of %s overflow 256 bits", ErrInvalidEntry, lots, ms.def.Symbol)
	}
	return nil
}

func (m *Machine) mustCost(ms *marketState, r *orderRecord, remaining uint64) uint256.Int {
	if remaining == 0 {
		return uint256.Int{}
	}
	o := m.orderOf(r)
	_, amount, err := orderCost(ms, &o, remaining)
	mustNoErr(err)
	return amount
}

func mustNoErr(err error) {
	if err != nil {
		panic(fmt.Sprintf("state: the book and the ledger disagree: %v", err))
	}
}

// refBatch counts the batch once per order.
func (m *Machine) refBatch(r *orderRecord, batch uint64) {
	if r.lastBatch != batch {
		r.lastBatch = batch
		r.batches++
	}
}

// mustCloseOrder ends an open order: its hold's rest returns to available,
// and it is forgotten unless a batch still needs it.
func (m *Machine) mustCloseOrder(tx *ledger.Tx, id uint64, status OrderStatus, reason string) {
	r := m.order(id)
	if r == nil || !r.open() {
		panic(fmt.Sprintf("state: the book closed order %d, which is not open", id))
	}
	_, err := tx.ReleaseHold(id)
	mustNoErr(err)
	r.setFlag(flagOpen, false)
	m.unlinkOpen(r)
	m.forgetWaitingStop(r)
	m.closeOrder(r, status, reason)
	m.forgetIfDone(r)
}

// forgetIfDone removes a record that is closed and in no batch, and its
// hash too if pruneHashes already passed the hash's expiry. The record
// pointer is invalid afterwards.
func (m *Machine) forgetIfDone(r *orderRecord) {
	if r.open() || r.batches != 0 {
		return
	}
	slot := r.hashSlot
	m.orders.remove(r.id)
	if m.hashes.prunedKey(slot) {
		m.hashes.remove(slot)
	}
}

// order returns the record of an order id, or nil.
func (m *Machine) order(id uint64) *orderRecord {
	r, _ := m.orders.get(id)
	return r
}

// cancelOrder applies a signed off-chain cancel.
func (m *Machine) cancelOrder(seq uint64, s *SignedCancel) error {
	id, _, ok := m.hashes.lookup(s.Cancel.OrderHash)
	var r *orderRecord
	if ok {
		r = m.order(id)
	}
	if r == nil || !r.open() || m.marketOf(r).key.ChainID != s.ChainID {
		return fmt.Errorf("%w: no open order %s on chain %d; it was never placed, or it is filled, cancelled or expired",
			ErrUnknownOrder, s.Cancel.OrderHash, s.ChainID)
	}
	if trader := m.traderOf(r); trader != s.Cancel.Trader {
		return fmt.Errorf("%w: order %s belongs to %s, the cancel is signed by %s",
			ErrNotOrderOwner, s.Cancel.OrderHash, trader, s.Cancel.Trader)
	}
	return m.cancelInBook(seq, r)
}

func (m *Machine) cancelInBook(seq uint64, r *orderRecord) error {
	ms := m.marketOf(r)
	tx, err := m.ledgerTx(seq, ms.chain)
	if err != nil {
		return err
	}
	m.events, err = ms.book.Apply(matching.Cancel(r.id), m.events[:0])
	if err != nil {
		return fmt.Errorf("order %s: %w", m.hashOf(r), err)
	}
	m.mustApplyEvents(seq, ms, tx)
	return nil
}

// chainCancel applies cancelOrder or cancelUpTo seen on chain. The contract
// already refuses to settle those orders, so the book must drop them.
func (m *Machine) chainCancel(seq uint64, c *ChainCancel) error {
	chain, err := m.chain(c.ChainID)
	if err != nil {
		return err
	}
	if c.OrderHash != ([32]byte{}) {
		id, _, seen := m.hashes.lookup(c.OrderHash)
		if !seen {
			// NOTE: a hash pruned from the replay set lands here too. Its
			// order has expired, so the entry blocks nothing new but is
			// kept forever, like every early cancel.
			m.cancelledEarly[cancelKey{hash: c.OrderHash, trader: c.Trader}] = struct{}{}
			return nil
		}
		if r := m.order(id); r != nil && r.open() && m.traderOf(r) == c.Trader {
			return m.cancelInBook(seq, r)
		}
		return nil
	}
	if c.UpToNonce <= chain.minNonce[c.Trader] {
		return nil
	}
	var doomed []*orderRecord
	for _, r := range m.openOrdersOf(c.Trader) {
		if m.marketOf(r).chain == chain && r.nonce < c.UpToNonce {
			doomed = append(doomed, r)
		}
	}
	if len(doomed) > 0 {
		tx, err := m.ledgerTx(seq, chain)
		if err != nil {
			return err
		}
		for _, r := range doomed {
			m.mustCancelInBook(seq, r, tx)
		}
	}
	chain.minNonce[c.Trader] = c.UpToNonce
	chain.dropNoncesBelow(c.Trader, c.UpToNonce)
	return nil
}

// mustCancelInBook cancels an open order within an entry that has already
// changed state, so the book must accept the cancel.
func (m *Machine) mustCancelInBook(seq uint64, r *orderRecord, tx *ledger.Tx) {
	var err error
	ms := m.marketOf(r)
	m.events, err = ms.book.Apply(matching.Cancel(r.id), m.events[:0])
	mustNoErr(err)
	m.mustApplyEvents(seq, ms, tx)
}

// openOrdersOf returns a trader's open orders by id.
func (m *Machine) openOrdersOf(trader [20]byte) []*orderRecord {
	owner, ok := m.owners[trader]
	if !ok {
		return nil
	}
	var out []*orderRecord
	for next := m.openHeads[owner-1]; next != 0; {
		r := m.orders.at(next - 1)
		out = append(out, r)
		next = r.nextOpen
	}
	slices.SortFunc(out, func(a, b *orderRecord) int { return cmp.Compare(a.id, b.id) })
	return out
}

// tick advances every book's time, which expires GTD orders and immediate
// stop orders with an expiry. Each book
// expires at most matching.ExpiriesPerCommandMax of its due orders, so the
// entry's events, hold releases and order records stay bounded per
// market. The rest stay due and never trade. A place entry whose matching
// reaches them expires them, and the next ticks expire the others.
func (m *Machine) tick(seq, now uint64) error {
	for _, ms := range m.marketList {
		if now < ms.book.LastTick() {
			continue
		}
		var err error
		m.events, err = ms.book.Apply(matching.Tick(now), m.events[:0])
		if err != nil {
			return fmt.Errorf("%s: %w", ms.def.Symbol, err)
		}
		if len(m.events) == 0 {
			continue
		}
		tx, err := m.ledgerTx(seq, ms.chain)
		if err != nil {
			panic(fmt.Sprintf("state: ledger of chain %d rejected entry %d after its book expired orders: %v", ms.chain.id, seq, err))
		}
		m.mustApplyEvents(seq, ms, tx)
	}
	return nil
}

// ExpiriesPending reports whether a book holds due orders that a tick has
// not expired yet, so that the sequencer can log the next tick sooner.
// It costs O(markets).
func (m *Machine) ExpiriesPending() bool {
	for _, ms := range m.marketList {
		if ms.book.ExpiriesPending() {
			return true
		}
	}
	return false
}
