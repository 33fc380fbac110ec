package state

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// The Exchange marks the nonce of an immediate order (IOC, FOK) used for
// its trader when it settles the order, and reverts the whole batch with
// NonceAlreadyUsed when a second immediate order of the trader has that
// nonce. Batch ids go in order, so that revert would stop every later
// batch on the chain. The machine therefore keeps, per chain and trader,
// the nonces of the immediate orders that traded, from their first trade
// on, and checkOrder rejects another immediate order with one of them.
// Resting orders (GTC, GTD) are not marked on chain and are not checked.

// nonceWordShift splits a nonce into a word, nonce >> nonceWordShift, and
// a bit, nonce & nonceBitMask, of a 64-bit mask. A trader who counts
// nonces up fills one word per 64 immediate orders.
const (
	nonceWordShift = 6
	nonceBitMask   = 1<<nonceWordShift - 1
)

// nonceWords contains one trader's used immediate-order nonces on one
// chain: bit (nonce & nonceBitMask) of word (nonce >> nonceWordShift).
// Invariant: no word is zero.
type nonceWords map[uint64]uint64

// traderNonce names an immediate order of a chain by trader and nonce.
type traderNonce struct {
	trader common.Address
	nonce  uint64
}

func nonceBit(nonce uint64) uint64 { return 1 << (nonce & nonceBitMask) }

// nonceUsed reports whether an immediate order of the trader with this
// nonce traded on the chain.
func (c *chainState) nonceUsed(trader common.Address, nonce uint64) bool {
	return c.usedNonces[trader][nonce>>nonceWordShift]&nonceBit(nonce) != 0
}

// markNonceUsed records that an immediate order of the trader with this
// nonce traded. Marking a nonce twice changes nothing.
func (c *chainState) markNonceUsed(trader common.Address, nonce uint64) {
	words := c.usedNonces[trader]
	if words == nil {
		words = nonceWords{}
		c.usedNonces[trader] = words
	}
	words[nonce>>nonceWordShift] |= nonceBit(nonce)
}

// dropNoncesBelow removes the trader's words whose nonces are all below
// minNonce. checkOrder rejects those nonces as cancelled on chain, and
// the minimum never falls, so their marks are no longer needed.
func (c *chainState) dropNoncesBelow(trader common.Address, minNonce uint64) {
	words := c.usedNonces[trader]
	if words == nil {
		return
	}
	first := minNonce >> nonceWordShift
	for word := range words {
		if word < first {
			delete(words, word)
		}
	}
	if len(words) == 0 {
		delete(c.usedNonces, trader)
	}
}

// checkImmediateNonce rejects an immediate order whose nonce an earlier
// immediate order of its trader on its chain used: one that traded, or
// a stop order that waits to trigger and would mark the nonce used when
// it trades.
func (m *Machine) checkImmediateNonce(c *chainState, o *eip712.Order, hash common.Hash) error {
	const next = "sign the order with a nonce that no earlier immediate order of the trader used"
	if c.nonceUsed(o.Trader, o.Nonce) {
		return fmt.Errorf("%w: order %s: an earlier immediate order of %s with nonce %d traded on chain %d, "+
			"and the Exchange settles one immediate order per nonce; %s",
			ErrImmediateNonceUsed, hash, o.Trader, o.Nonce, c.id, next)
	}
	if id, ok := c.waitingStops[traderNonce{trader: o.Trader, nonce: o.Nonce}]; ok {
		stop := m.hashOf(m.order(id))
		return fmt.Errorf("%w: order %s: immediate stop order %s of %s with nonce %d waits to trigger on chain %d, "+
			"and the Exchange settles one immediate order per nonce; %s, or cancel stop order %s first, which frees the nonce",
			ErrImmediateNonceUsed, hash, stop, o.Trader, o.Nonce, c.id, next, stop)
	}
	return nil
}

// markImmediateTrade marks the nonce of an immediate order at its first
// trade. Call it before the trade adds to r.filled.
func (m *Machine) markImmediateTrade(c *chainState, r *orderRecord) {
	if r.timeInForce.Immediate() && r.filled == 0 {
		c.markNonceUsed(m.traderOf(r), r.nonce)
	}
}

// noteWaitingStop records an immediate order that is still open after
// the entry that placed it, which is a stop order that has not
// triggered, so that no other immediate order takes its nonce.
func (m *Machine) noteWaitingStop(id uint64) {
	r := m.order(id)
	if r == nil || !r.open() || !r.timeInForce.Immediate() {
		return
	}
	m.marketOf(r).chain.waitingStops[traderNonce{trader: m.traderOf(r), nonce: r.nonce}] = id
}

// forgetWaitingStop removes a closing immediate order from its chain's
// waiting stop orders.
func (m *Machine) forgetWaitingStop(r *orderRecord) {
	if !r.timeInForce.Immediate() {
		return
	}
	c := m.marketOf(r).chain
	key := traderNonce{trader: m.traderOf(r), nonce: r.nonce}
	if c.waitingStops[key] == r.id {
		delete(c.waitingStops, key)
	}
}

// rebuildImmediateNonces rebuilds what a snapshot does not hold from the
// order records: each chain's waiting stop orders, and, for a snapshot
// without used nonces, the marks of the immediate orders that traded in
// a batch not yet confirmed.
//
// NOTE: a snapshot older than version 5 has no used nonces, so an
// immediate order whose batch was confirmed before it was taken is
// forgotten, and its nonce can trade again and make a batch revert.
func (m *Machine) rebuildImmediateNonces(withNonces bool) {
	m.orders.forEach(func(r *orderRecord, _ uint32) bool {
		if !r.timeInForce.Immediate() {
			return true
		}
		c := m.marketOf(r).chain
		trader := m.traderOf(r)
		if r.open() {
			c.waitingStops[traderNonce{trader: trader, nonce: r.nonce}] = r.id
		}
		if !withNonces && r.filled > 0 && r.nonce >= c.minNonce[trader] {
			c.markNonceUsed(trader, r.nonce)
		}
		return true
	})
}

// encodeImmediateNonces writes the used nonces of every chain: the
// number of (chain, trader) pairs, then each pair in chain id and address
// order. A pair is the chain id, the trader, the number of words, and
// each word's index and mask in index order.
func (m *Machine) encodeImmediateNonces(enc *encoder) {
	pairs := 0
	for _, id := range m.chainIDs {
		pairs += len(m.chains[id].usedNonces)
	}
	enc.u32(uint32(pairs))
	var words []uint64
	for _, id := range m.chainIDs {
		c := m.chains[id]
		traders := make([]common.Address, 0, len(c.usedNonces))
		for a := range c.usedNonces {
			traders = append(traders, a)
		}
		slices.SortFunc(traders, common.Address.Cmp)
		for _, a := range traders {
			used := c.usedNonces[a]
			words = words[:0]
			for w := range used {
				words = append(words, w)
			}
			slices.Sort(words)
			enc.u64(c.id)
			enc.address(a)
			enc.u32(uint32(len(words)))
			for _, w := range words {
				enc.u64(w)
				enc.u64(used[w])
				enc.spill()
			}
		}
	}
}

// decodeImmediateNonces reads what encodeImmediateNonces wrote.
func (m *Machine) decodeImmediateNonces(d *decoder) error {
	var lastChain uint64
	var lastTrader common.Address
	first := true
	for n := d.u32("used nonce trader count"); n > 0 && d.err == nil; n-- {
		chainID, trader := d.u64("chain id"), d.address("trader")
		count := d.u32("used nonce word count")
		if d.err != nil {
			break
		}
		c := m.chains[chainID]
		switch {
		case c == nil:
			return fmt.Errorf("used nonces name chain %d, which has no listed market", chainID)
		case !first && cmp.Or(cmp.Compare(lastChain, chainID), lastTrader.Cmp(trader)) >= 0:
			return fmt.Errorf("used nonces of %s on chain %d are out of order", trader, chainID)
		case count == 0:
			return fmt.Errorf("used nonces of %s on chain %d have no words", trader, chainID)
		}
		first, lastChain, lastTrader = false, chainID, trader
		if err := decodeNonceWords(d, c, trader, count); err != nil {
			return err
		}
	}
	return d.err
}

// decodeNonceWords reads count words of a trader's used nonces.
func decodeNonceWords(d *decoder, c *chainState, trader common.Address, count uint32) error {
	words := nonceWords{}
	c.usedNonces[trader] = words
	var last uint64
	for i := uint32(0); i < count && d.err == nil; i++ {
		word, mask := d.u64("used nonce word"), d.u64("used nonce mask")
		if d.err != nil {
			break
		}
		if i > 0 && word <= last {
			return fmt.Errorf("used nonce word %d of %s on chain %d is out of order", word, trader, c.id)
		}
		if mask == 0 {
			return fmt.Errorf("used nonce word %d of %s on chain %d is zero", word, trader, c.id)
		}
		last = word
		words[word] = mask
	}
	return d.err
}

// checkImmediateNonces checks that every immediate order that traded has
// its nonce marked, unless the nonce is below the trader's cancelUpTo
// nonce, and that the waiting stop orders are exactly the open immediate
// orders.
func (m *Machine) checkImmediateNonces() error {
	waiting := 0
	var err error
	m.orders.forEach(func(r *orderRecord, _ uint32) bool {
		if !r.timeInForce.Immediate() {
			return true
		}
		c := m.marketOf(r).chain
		trader := m.traderOf(r)
		if r.filled > 0 && r.nonce >= c.minNonce[trader] && !c.nonceUsed(trader, r.nonce) {
			err = fmt.Errorf("%w: immediate order %d traded, but nonce %d of %s is not marked used on chain %d",
				ErrInvariant, r.id, r.nonce, trader, c.id)
			return false
		}
		if r.open() {
			waiting++
			if id := c.waitingStops[traderNonce{trader: trader, nonce: r.nonce}]; id != r.id {
				err = fmt.Errorf("%w: open immediate order %d is not the waiting stop order of nonce %d of %s, order %d is",
					ErrInvariant, r.id, r.nonce, trader, id)
				return false
			}
		}
		return true
	})
	if err != nil {
		return err
	}
	listed := 0
	for _, id := range m.chainIDs {
		listed += len(m.chains[id].waitingStops)
	}
	if listed != waiting {
		return fmt.Errorf("%w: %d waiting stop orders listed, %d open immediate orders", ErrInvariant, listed, waiting)
	}
	return nil
}
