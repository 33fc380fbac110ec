package state

import (
	"flag"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

var (
	randomSeed  = flag.Uint64("seed", 0, "seed of TestRandomStream; 0 picks one from the clock")
	randomSteps = flag.Int("steps", 3000, "entries per run of TestRandomStream")
)

// TestRandomStream drives the machine with a seeded random stream of
// orders, cancels, deposits, withdrawals, ticks, seals and settlements,
// checks every invariant after each entry, and then checks that replaying
// the log, from the start and from a snapshot taken midway, gives the same
// state hash.
func TestRandomStream(t *testing.T) {
	for _, seed := range randomStreamSeeds() {
		t.Logf("seed %d (rerun with -seed=%d)", seed, seed)
		runRandomStream(t, seed, *randomSteps, false)
	}
}

// TestRandomStreamOrderHashes is TestRandomStream with the order hashes
// given to the machine, as the sequencer gives its verifier's hashes
// (ApplyWithOrderHash). The replay of the log, which computes each hash
// from its entry as recovery and followers do, must reach the same state
// hash.
func TestRandomStreamOrderHashes(t *testing.T) {
	for _, seed := range randomStreamSeeds() {
		t.Logf("seed %d (rerun with -seed=%d)", seed, seed)
		runRandomStream(t, seed, *randomSteps, true)
	}
}

// randomStreamSeeds returns the -seed flag, or seeds 1 to 3 and, unless
// the tests run with -short, one from the clock.
func randomStreamSeeds() []uint64 {
	seeds := []uint64{1, 2, 3}
	if *randomSeed != 0 {
		seeds = []uint64{*randomSeed}
	} else if !testing.Short() {
		seeds = append(seeds, uint64(time.Now().UnixNano()))
	}
	return seeds
}

type streamer struct {
	*harness
	rng     *rand.Rand
	traders []common.Address
	log     [][]byte // encoded entries that applied
	applied int
	// counts of what the applied entries did, to show the stream is not idle.
	trades, closed, sealed, settled, placed int
	// snapAt is the log length when snap was taken.
	snap   []byte
	snapAt int
}

// runRandomStream applies the stream of seed and checks its replay.
// orderHashes sets the harness's field of that name.
func runRandomStream(t *testing.T, seed uint64, steps int, orderHashes bool) {
	s := &streamer{harness: newHarness(t), rng: rand.New(rand.NewPCG(seed, seed^0x5eed))}
	s.orderHashes = orderHashes
	s.log = append(s.log, mustEncode(t, &Entry{Type: EntryListMarket, Market: testMarket(), Time: 0}))
	for i := 0; i < 8; i++ {
		s.traders = append(s.traders, trader(i))
	}
	s.log = s.log[:0] // the harness's own listings are re-made by replay below
	for _, who := range s.traders {
		s.record(s.depositEntry(who, tokenUSDC, 10_000*usdc))
		s.record(s.depositEntry(who, tokenTHAL, 10_000*thal))
		s.record(s.depositEntry(who, tokenWETH, 10_000*thal))
	}
	for i := 0; i < steps; i++ {
		if i == steps/2 {
			s.takeSnapshot()
		}
		s.record(s.nextEntry())
	}
	t.Logf("seed %d: %d of %d entries applied: %d trades, %d orders closed, %d batches sealed, %d settled, %d of %d order hashes kept",
		seed, s.applied, steps, s.trades, s.closed, s.sealed, s.settled, s.m.ReplaySetLen(), s.placed)
	if s.trades == 0 || s.settled == 0 {
		t.Fatalf("seed %d: the stream made %d trades and settled %d batches; it must exercise both", seed, s.trades, s.settled)
	}
	if s.m.ReplaySetLen() >= s.placed {
		t.Fatalf("seed %d: the replay set kept all %d order hashes; the stream must make it prune", seed, s.placed)
	}
	s.checkReplay()
}

// record applies an entry and keeps it in the log when it applies.
func (s *streamer) record(e *Entry) {
	s.t.Helper()
	s.time += uint64(s.rng.IntN(1500))
	res, err := s.apply(e)
	if err != nil {
		return
	}
	s.applied++
	if e.Type == EntryPlaceOrder {
		s.placed++
	}
	s.trades += len(res.Trades)
	s.sealed += len(res.Sealed)
	s.settled += len(res.Settled)
	for _, o := range res.Orders {
		if o.Status != StatusOpen {
			s.closed++
		}
	}
	s.log = append(s.log, mustEncode(s.t, e))
}

func (s *streamer) takeSnapshot() {
	snap, err := s.m.Snapshot()
	if err != nil {
		s.t.Fatalf("snapshot: %v", err)
	}
	s.snap, s.snapAt = snap, len(s.log)
}

func (s *streamer) checkReplay() {
	want := s.stateHash()

	fresh := New()
	replay(s.t, fresh, 1, []*Entry{{Type: EntryListMarket, Market: testMarket(), Time: 1}, {Type: EntryListMarket, Market: testMarket2(), Time: 1}})
	replayEncoded(s.t, fresh, s.log)
	if got, _ := fresh.StateHash(); got != want {
		s.t.Fatalf("replay of %d entries gives state hash %s, expected %s", len(s.log), got, want)
	}

	restored, err := Restore(s.snap)
	if err != nil {
		s.t.Fatalf("restore the snapshot taken midway: %v", err)
	}
	replayEncoded(s.t, restored, s.log[s.snapAt:])
	if got, _ := restored.StateHash(); got != want {
		s.t.Fatalf("snapshot plus %d entries gives state hash %s, expected %s", len(s.log)-s.snapAt, got, want)
	}
}

func replay(t *testing.T, m *Machine, first uint64, entries []*Entry) {
	t.Helper()
	for _, e := range entries {
		if _, err := m.Apply(m.Seq()+1, e); err != nil {
			t.Fatalf("replay entry %d: %v", m.Seq()+1, err)
		}
	}
}

func replayEncoded(t *testing.T, m *Machine, log [][]byte) {
	t.Helper()
	for _, data := range log {
		e, err := DecodeEntry(data)
		if err != nil {
			t.Fatalf("decode logged entry %d: %v", m.Seq()+1, err)
		}
		if _, err := m.Apply(m.Seq()+1, &e); err != nil {
			t.Fatalf("replay entry %d: %v", m.Seq()+1, err)
		}
	}
}

func mustEncode(t *testing.T, e *Entry) []byte {
	t.Helper()
	data, err := e.Encode()
	if err != nil {
		t.Fatalf("encode %s: %v", e.Type, err)
	}
	return data
}

func (s *streamer) depositEntry(who, token common.Address, amount uint64) *Entry {
	s.deposits++
	return &Entry{Type: EntryDeposit, Deposit: &Deposit{ChainID: testChain, ID: s.deposits, Trader: who, Token: token,
		Amount: *uint256.NewInt(amount)}}
}

func (s *streamer) nextEntry() *Entry {
	who := s.traders[s.rng.IntN(len(s.traders))]
	switch p := s.rng.IntN(100); {
	case p < 50:
		return &Entry{Type: EntryPlaceOrder, Order: s.randomOrder(who)}
	case p < 65:
		return s.randomCancel(who)
	case p < 67:
		return &Entry{Type: EntryChainCancel, ChainEvent: &ChainCancel{ChainID: testChain, Trader: who,
			UpToNonce: s.nonces[who] - uint64(s.rng.IntN(3))}}
	case p < 71:
		return s.depositEntry(who, []common.Address{tokenUSDC, tokenTHAL, tokenWETH}[s.rng.IntN(3)], uint64(s.rng.IntN(1000))*usdc)
	case p < 75:
		s.nonces[who]++
		return &Entry{Type: EntryWithdraw, Withdrawal: &SignedWithdrawal{ChainID: testChain, Withdrawal: eip712.Withdrawal{
			Trader: who, Token: tokenUSDC, Amount: big.NewInt(int64(1 + s.rng.IntN(200*usdc))), Nonce: s.nonces[who],
		}}}
	case p < 77:
		return &Entry{Type: EntryWithdrawalRequest, Request: &WithdrawalRequest{ChainID: testChain, Trader: who,
			Token: tokenTHAL, Amount: *uint256.NewInt(uint64(s.rng.IntN(50)) * thal)}}
	case p < 84:
		s.time += uint64(s.rng.IntN(30_000))
		return &Entry{Type: EntryTick}
	case p < 91:
		return &Entry{Type: EntrySealBatch, Batch: &BatchRef{ChainID: testChain}}
	default:
		return s.randomOutcome()
	}
}

func (s *streamer) randomOrder(who common.Address) *SignedOrder {
	market := uint32(1 + s.rng.IntN(2))
	mid := uint64(10_000)
	if market == 2 {
		mid = 300_000
	}
	o := s.order(who, eip712.Side(s.rng.IntN(2)), mid-20+uint64(s.rng.IntN(41)), 1+uint64(s.rng.IntN(50)))
	o.Order.Market = market
	o.Order.SelfTradePrevention = eip712.SelfTradePrevention(s.rng.IntN(3))
	switch k := s.rng.IntN(100); {
	case k < 12:
		o.Order.Kind, o.Order.TimeInForce = eip712.Market, eip712.TimeInForce(2+s.rng.IntN(2))
	case k < 18:
		o.Order.Kind = eip712.StopLimit
		o.Order.TriggerPrice = o.Order.Price
	case k < 22:
		o.Order.Kind, o.Order.TimeInForce = eip712.StopMarket, eip712.IOC
		o.Order.TriggerPrice = o.Order.Price
	default:
		o.Order.TimeInForce = eip712.TimeInForce(s.rng.IntN(4))
		o.Order.PostOnly = o.Order.TimeInForce < eip712.IOC && s.rng.IntN(10) == 0
	}
	switch {
	case o.Order.TimeInForce == eip712.GTD:
		o.Order.Expiry = s.time/1000 + 40 + uint64(s.rng.IntN(300))
	case s.rng.IntN(3) == 0:
		// An expiry on other orders lets the replay set prune their
		// hashes.
		o.Order.Expiry = s.time/1000 + 40 + uint64(s.rng.IntN(600))
	}
	return o
}

func (s *streamer) randomCancel(who common.Address) *Entry {
	open := s.m.OpenOrders(who)
	var hash common.Hash
	if len(open) > 0 {
		hash = open[s.rng.IntN(len(open))].Hash
	}
	signer := who
	if s.rng.IntN(10) == 0 {
		signer = s.traders[s.rng.IntN(len(s.traders))]
	}
	return &Entry{Type: EntryCancelOrder, Cancel: &SignedCancel{ChainID: testChain, Cancel: eip712.Cancel{Trader: signer, OrderHash: hash}}}
}

// randomOutcome settles a sealed batch, and once in a while fails it
// instead.
func (s *streamer) randomOutcome() *Entry {
	sealed := s.m.SealedBatches(testChain)
	ref := &BatchRef{ChainID: testChain, ID: 1}
	if len(sealed) > 0 {
		ref.ID = sealed[s.rng.IntN(len(sealed))] // a failed one is rejected
	}
	if s.rng.IntN(200) == 0 {
		ref.Reason = "reverted"
		return &Entry{Type: EntrySettlementFailed, Batch: ref}
	}
	return &Entry{Type: EntrySettlementDone, Batch: ref}
}

func FuzzDecodeEntry(f *testing.F) {
	h := newHarness(&testing.T{})
	for _, e := range []*Entry{
		{Type: EntryListMarket, Market: testMarket()},
		{Type: EntryPlaceOrder, Order: h.order(trader(1), eip712.Buy, 100, 5)},
		{Type: EntryDeposit, Deposit: &Deposit{ChainID: 1, ID: 2, Amount: *uint256.NewInt(3)}},
		{Type: EntryWithdraw, Withdrawal: &SignedWithdrawal{ChainID: 1, Withdrawal: eip712.Withdrawal{Amount: big.NewInt(5)}}},
		{Type: EntrySettlementFailed, Batch: &BatchRef{ChainID: 1, ID: 2, Reason: "x"}},
		{Type: EntryTick, Time: 9},
	} {
		data, err := e.Encode()
		if err != nil {
			f.Fatalf("encode seed %s: %v", e.Type, err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := DecodeEntry(data)
		if err != nil {
			return
		}
		again, err := e.Encode()
		if err != nil {
			t.Fatalf("decoded %s entry does not encode: %v", e.Type, err)
		}
		if string(again) != string(data) {
			t.Fatalf("%s entry re-encodes to other bytes", e.Type)
		}
	})
}
