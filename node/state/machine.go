package state

import (
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/matching"
	"github.com/thaliumx/thaliumx/node/ledger"
)

// ExpiryMarginSeconds is how long before its signed expiry an order leaves
// the book, so that every fill can still settle on chain, where the contract
// rejects an expired order. An order or withdrawal that expires sooner than
// this after its entry's time is rejected.
const ExpiryMarginSeconds = 30

var zeroAddress common.Address

// Machine is the exchange's state: one book per market and one ledger per
// chain, changed only by Apply. It is not safe for concurrent use.
type Machine struct {
	// seq is the sequence number of the last applied entry; time its time.
	seq  uint64
	time uint64

	chains map[uint64]*chainState
	// chainIDs lists the chains in increasing order.
	chainIDs []uint64
	markets  map[MarketKey]*marketState
	// marketList lists the markets by key.
	marketList []*marketState
	// marketsByIndex lists the markets in listing order, so that a record
	// names its market by index.
	marketsByIndex []*marketState
	symbols        map[string]*marketState

	// owners maps a trader to the owner id the books know it by; ownerAddrs
	// is the reverse, where id i is at index i-1.
	owners     map[common.Address]uint64
	ownerAddrs []common.Address

	// orders contains the orders that are open or that have a trade in a
	// batch not yet confirmed, by order id (the sequence number of the
	// entry that placed them).
	orders orderTable
	// hashes is the replay set: the order hashes placed, with their order
	// ids and expiries, until an expired hash's record is freed.
	hashes hashSet
	// cancelledEarly contains the order hashes that a trader cancelled on
	// chain before the order reached the node. The contract records such a
	// cancel for the caller only, so the key names the trader too: another
	// trader's cancel of the same hash blocks nothing.
	cancelledEarly map[cancelKey]struct{}
	// openHeads is the first slot plus one of each owner's list of open
	// orders, where owner id i is at index i-1, and 0 for none.
	// Invariant: the lists contain exactly the open records.
	openHeads []uint32

	// snapshotBytes is the size of the last snapshot, which sizes the
	// buffer of the next.
	snapshotBytes atomic.Int64

	// scratch, reused by every entry.
	events []matching.Event
	// gasTrades is reserveBatchGas's buffer, reused so that a command
	// allocates nothing for it; it grows with the trades of one command.
	gasTrades []gasTrade
	txs       []*txRef
	result    Result
}

// txRef is a ledger transaction opened by the current entry.
type txRef struct {
	chain *chainState
	tx    *ledger.Tx
}

type chainState struct {
	id     uint64
	domain eip712.Domain
	// hasher is domain's digest hasher, with its separator computed once.
	hasher eip712.Hasher
	ledger *ledger.Ledger
	// minNonce is each trader's cancelUpTo nonce.
	minNonce map[common.Address]uint64
	// usedNonces contains each trader's nonces of the immediate orders
	// that traded on this chain, which the Exchange marks used when it
	// settles them (nonces.go). Words below the trader's minNonce are
	// dropped.
	usedNonces map[common.Address]nonceWords
	// waitingStops maps the trader and nonce of each open immediate
	// order, a stop order that has not triggered, to its order id.
	// Snapshots leave it out and Restore rebuilds it from the records.
	waitingStops map[traderNonce]uint64
	// open collects the trades and withdrawals of the ledger's open batch.
	// Invariant: open.id == ledger.OpenBatch().
	open *batchRecord
	// sealed contains the sealed and failed batches by id.
	sealed map[uint64]*batchRecord
	// requests contains escape-hatch requests not yet put in a batch.
	requests map[requestKey]*WithdrawalRequest
}

type cancelKey struct {
	hash   common.Hash
	trader common.Address
}

type requestKey struct {
	trader common.Address
	token  common.Address
}

type marketState struct {
	def Market
	key MarketKey
	// index is the market's index in Machine.marketsByIndex.
	index      uint32
	chain      *chainState
	book       *matching.Book
	perTickLot uint64
	// halted is set when a batch with this market's trades failed.
	halted bool
}

// New returns an empty machine.
func New() *Machine {
	return &Machine{
		chains:         map[uint64]*chainState{},
		markets:        map[MarketKey]*marketState{},
		symbols:        map[string]*marketState{},
		owners:         map[common.Address]uint64{},
		hashes:         newHashSet(),
		cancelledEarly: map[cancelKey]struct{}{},
	}
}

// Seq returns the sequence number of the last applied entry.
func (m *Machine) Seq() uint64 { return m.seq }

// Time returns the time of the last applied entry in unix milliseconds.
func (m *Machine) Time() uint64 { return m.time }

// Apply applies the entry with sequence number seq, which must be
// Seq()+1. It returns what changed; the Result is valid until the next
// Apply. A rejected entry returns an error and leaves the machine exactly
// as it was, so a sequencer can drop it and reuse the sequence number.
//
// Apply trusts the entry's signatures: the sequencer verifies them before
// it sequences an entry, and followers take entries only from the
// sequencer's signed log.
func (m *Machine) Apply(seq uint64, e *Entry) (*Result, error) {
	return m.apply(seq, e, nil)
}

// ApplyWithOrderHash is Apply for an entry whose order hash the caller
// computed when it verified the signature, so that the machine does not
// hash the order again. The hash is used only for a place-order entry.
//
// Invariant: orderHash equals the hash that Apply computes for e.Order,
// the EIP-712 order hash in the domain of the Exchange that the order's
// chain lists. The machine does not check it. A wrong hash would become
// the order's hash in the replay set, the records and the result.
// Recovery and followers apply the entry from the log with Apply and
// compute the right hash, so their state hash would differ from this
// machine's, and Restore would reject a snapshot of this machine. Only
// the sequencer's live path calls ApplyWithOrderHash, and the hash never
// enters the log.
func (m *Machine) ApplyWithOrderHash(seq uint64, e *Entry, orderHash common.Hash) (*Result, error) {
	return m.apply(seq, e, &orderHash)
}

// apply is Apply with an optional order hash from the caller.
func (m *Machine) apply(seq uint64, e *Entry, orderHash *common.Hash) (*Result, error) {
	if seq != m.seq+1 {
		return nil, fmt.Errorf("%w: entry %d, last applied %d", ErrSeqNotNext, seq, m.seq)
	}
	if e.Time < m.time {
		return nil, fmt.Errorf("%w: entry %d at %d ms, previous entry at %d ms", ErrTimeBackwards, seq, e.Time, m.time)
	}
	m.result.reset(seq, e.Time)
	m.txs = m.txs[:0]

	if err := m.dispatch(seq, e, orderHash); err != nil {
		m.rollback()
		return nil, &EntryError{Seq: seq, Type: e.Type, Err: err}
	}
	limit := hashPrunesPerEntryMax
	if e.Type == EntryTick {
		limit = hashPrunesPerTickMax
	}
	m.pruneHashes(e.Time, limit)
	m.commit()
	m.seq, m.time = seq, e.Time
	return &m.result, nil
}

func (m *Machine) dispatch(seq uint64, e *Entry, orderHash *common.Hash) error {
	switch e.Type {
	case EntryListMarket:
		return m.listMarket(e.Market)
	case EntryPlaceOrder:
		return m.placeOrder(seq, e.Time, e.Order, orderHash)
	case EntryCancelOrder:
		return m.cancelOrder(seq, e.Cancel)
	case EntryChainCancel:
		return m.chainCancel(seq, e.ChainEvent)
	case EntryDeposit:
		return m.deposit(seq, e.Deposit)
	case EntryWithdraw:
		return m.withdraw(seq, e.Time, e.Withdrawal)
	case EntryWithdrawalRequest:
		return m.withdrawalRequest(e.Request)
	case EntrySealBatch:
		return m.sealBatch(seq, e.Batch)
	case EntrySettlementDone:
		return m.settlementDone(seq, e.Batch)
	case EntrySettlementFailed:
		return m.settlementFailed(seq, e.Batch)
	case EntryTick:
		return m.tick(seq, e.Time)
	}
	return fmt.Errorf("%w: unknown entry type %d", ErrInvalidEntry, e.Type)
}

// ledgerTx returns the current entry's transaction on the chain's ledger,
// opening it on first use.
func (m *Machine) ledgerTx(seq uint64, c *chainState) (*ledger.Tx, error) {
	for _, t := range m.txs {
		if t.chain == c {
			return t.tx, nil
		}
	}
	tx, err := c.ledger.Begin(seq)
	if err != nil {
		return nil, err
	}
	m.txs = append(m.txs, &txRef{chain: c, tx: tx})
	return tx, nil
}

func (m *Machine) commit() {
	for _, t := range m.txs {
		m.result.Postings = append(m.result.Postings, t.tx.Postings()...)
		if err := t.tx.Commit(); err != nil {
			panic(fmt.Sprintf("state: commit of an open ledger transaction failed: %v", err))
		}
	}
	m.result.collectBalances()
	m.txs = m.txs[:0]
}

func (m *Machine) rollback() {
	for _, t := range m.txs {
		if err := t.tx.Rollback(); err != nil {
			panic(fmt.Sprintf("state: rollback of an open ledger transaction failed: %v", err))
		}
	}
	m.txs = m.txs[:0]
}

// chain returns the chain with at least one listed market.
func (m *Machine) chain(id uint64) (*chainState, error) {
	c, ok := m.chains[id]
	if !ok {
		return nil, fmt.Errorf("%w: chain %d has no listed market", ErrUnknownChain, id)
	}
	return c, nil
}

// listMarket adds a market and, for its first market, the chain.
func (m *Machine) listMarket(def *Market) error {
	cfg, err := def.bookConfig()
	if err != nil {
		return err
	}
	key := def.Key()
	if _, ok := m.markets[key]; ok {
		return fmt.Errorf("%w: %s", ErrMarketExists, key)
	}
	if _, ok := m.symbols[def.Symbol]; ok {
		return fmt.Errorf("%w: symbol %q is taken", ErrMarketExists, def.Symbol)
	}
	c := m.chains[def.ChainID]
	if c != nil && c.domain.VerifyingContract != def.Exchange {
		return fmt.Errorf("%w: %s names exchange %s, but chain %d's markets use %s",
			ErrInvalidMarket, def.Symbol, def.Exchange, def.ChainID, c.domain.VerifyingContract)
	}
	book, err := matching.NewBook(cfg)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalidMarket, def.Symbol, err)
	}

	if c == nil {
		c = newChainState(def.ChainID, def.Exchange, ledger.New(ledger.DefaultConfig()))
		m.addChain(c)
	}
	ms := &marketState{def: *def, key: key, chain: c, book: book, perTickLot: cfg.QuotePerTickLot}
	m.addMarket(ms)
	return nil
}

func newChainState(id uint64, exchange common.Address, l *ledger.Ledger) *chainState {
	domain := eip712.Domain{ChainID: id, VerifyingContract: exchange}
	return &chainState{
		id:           id,
		domain:       domain,
		hasher:       domain.Hasher(),
		ledger:       l,
		minNonce:     map[common.Address]uint64{},
		usedNonces:   map[common.Address]nonceWords{},
		waitingStops: map[traderNonce]uint64{},
		open:         newBatchRecord(l.OpenBatch()),
		sealed:       map[uint64]*batchRecord{},
		requests:     map[requestKey]*WithdrawalRequest{},
	}
}

func (m *Machine) addChain(c *chainState) {
	m.chains[c.id] = c
	i, _ := slices.BinarySearch(m.chainIDs, c.id)
	m.chainIDs = slices.Insert(m.chainIDs, i, c.id)
}

func (m *Machine) addMarket(ms *marketState) {
	ms.index = uint32(len(m.marketsByIndex))
	m.marketsByIndex = append(m.marketsByIndex, ms)
	m.markets[ms.key] = ms
	m.symbols[ms.def.Symbol] = ms
	i, _ := slices.BinarySearchFunc(m.marketList, ms.key, func(x *marketState, k MarketKey) int { return x.key.compare(k) })
	m.marketList = slices.Insert(m.marketList, i, ms)
}

// ownerID returns the trader's owner id, or the id it will get if the
// entry commits.
func (m *Machine) ownerID(trader common.Address) (id uint64, isNew bool) {
	if id, ok := m.owners[trader]; ok {
		return id, false
	}
	return uint64(len(m.ownerAddrs)) + 1, true
}

func (m *Machine) addOwner(trader common.Address) uint64 {
	m.ownerAddrs = append(m.ownerAddrs, trader)
	m.openHeads = append(m.openHeads, 0)
	id := uint64(len(m.ownerAddrs))
	m.owners[trader] = id
	return id
}

// orderHash returns the order's EIP-712 digest, as eip712.Domain.OrderHash
// does, with the chain's separator computed once instead of per order.
func (c *chainState) orderHash(o *eip712.Order) common.Hash {
	return c.hasher.OrderHash(o)
}
