package store_test

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/node/store/crashtest"
)

// machineState plugs the node's state machine into the crash test. The
// crash test's entries are generated without looking at the state, so an
// entry the machine rejects (a settlement of a batch that does not exist,
// an order larger than a balance) is applied as a tick at its time. Replays
// reject the same entries, so they stay identical.
type machineState struct {
	m *state.Machine
}

func newMachineState() crashtest.StateMachine { return &machineState{m: state.New()} }

func (s *machineState) Apply(seq uint64, body []byte) error {
	e, err := state.DecodeEntry(body)
	if err != nil {
		return fmt.Errorf("entry %d: %w", seq, err)
	}
	if _, err := s.m.Apply(seq, &e); err == nil {
		return nil
	}
	tick := state.Entry{Type: state.EntryTick, Time: e.Time}
	if _, err := s.m.Apply(seq, &tick); err != nil {
		return fmt.Errorf("entry %d as a tick: %w", seq, err)
	}
	return nil
}

func (s *machineState) StateHash() store.StateHash {
	hash, err := s.m.StateHash()
	if err != nil {
		panic(fmt.Sprintf("state hash at entry %d: %v", s.m.Seq(), err))
	}
	return store.StateHash(hash)
}

func (s *machineState) EncodeSnapshot() ([]byte, error) { return s.m.Snapshot() }

func (s *machineState) DecodeSnapshot(seq uint64, payload []byte) error {
	m, err := state.Restore(payload)
	if err != nil {
		return err
	}
	if m.Seq() != seq {
		return fmt.Errorf("snapshot stored under seq %d holds the state after entry %d", seq, m.Seq())
	}
	s.m = m
	return nil
}

func (s *machineState) CheckInvariants() error { return s.m.CheckInvariants() }

// machineEntries generates exchange log entries from a seed: two market
// listings, deposits for eight traders, then a mix of orders of every time
// in force, ticks, seals and settlements.
type machineEntries struct {
	Seed int64
}

const (
	crashChain     = 31337
	crashTraders   = 8
	crashStartTime = 1_700_000_000_000
)

var (
	crashExchange = common.HexToAddress("0x00000000000000000000000000000000000e0001")
	crashTokens   = []common.Address{
		common.HexToAddress("0x00000000000000000000000000000000000a0001"), // THAL, 18 decimals
		common.HexToAddress("0x00000000000000000000000000000000000a0002"), // USDC, 6 decimals
		common.HexToAddress("0x00000000000000000000000000000000000a0003"), // WETH, 18 decimals
	}
)

func (g machineEntries) Body(seq uint64) []byte {
	e := g.entry(seq)
	e.Time = crashStartTime + seq*10
	body, err := e.Encode()
	if err != nil {
		panic(fmt.Sprintf("encode generated entry %d: %v", seq, err))
	}
	return body
}

func (g machineEntries) entry(seq uint64) state.Entry {
	switch {
	case seq <= 2:
		return state.Entry{Type: state.EntryListMarket, Market: crashMarket(uint32(seq))}
	case seq <= 2+crashTraders*3:
		i := seq - 3
		amount := new(uint256.Int).Mul(uint256.NewInt(1e18), uint256.NewInt(1e6))
		return state.Entry{Type: state.EntryDeposit, Deposit: &state.Deposit{
			ChainID: crashChain, ID: seq, Trader: crashTrader(i / 3), Token: crashTokens[i%3], Amount: *amount,
		}}
	}
	r := mix(uint64(g.Seed) ^ seq*0x9e3779b97f4a7c15)
	switch p := r % 100; {
	case p < 70:
		return state.Entry{Type: state.EntryPlaceOrder, Order: crashOrder(seq, r>>8)}
	case p < 80:
		return state.Entry{Type: state.EntryTick}
	case p < 90:
		return state.Entry{Type: state.EntrySealBatch, Batch: &state.BatchRef{ChainID: crashChain}}
	default:
		guess := (r>>8)%(seq/20+1) + 1
		return state.Entry{Type: state.EntrySettlementDone, Batch: &state.BatchRef{ChainID: crashChain, ID: guess}}
	}
}

func crashMarket(id uint32) *state.Market {
	m := &state.Market{
		ChainID: crashChain, ID: id, Exchange: crashExchange, Quote: crashTokens[1],
		BaseDecimals: 18, QuoteDecimals: 6, MakerFeeBps: 10, TakerFeeBps: 20,
		MaxPrice: 1 << 40, MaxQuantity: 1 << 30, MaxRestingOrders: 1 << 16, MaxStopOrders: 1 << 10,
		TickSize: *uint256.NewInt(100), LotSize: *uint256.NewInt(1e16),
	}
	m.Symbol, m.Base = "THAL/USDC", crashTokens[0]
	if id == 2 {
		m.Symbol, m.Base = "WETH/USDC", crashTokens[2]
	}
	return m
}

func crashTrader(i uint64) common.Address {
	var a common.Address
	binary.BigEndian.PutUint64(a[12:], 0x1000+i)
	return a
}

// crashOrder returns an order with the entry's seq as nonce, so no two
// orders share a hash.
func crashOrder(seq, r uint64) *state.SignedOrder {
	o := eip712.Order{
		Trader: crashTrader(r % crashTraders), Market: uint32(1 + (r>>4)%2), Side: eip712.Side((r >> 5) % 2),
		Kind: eip712.Limit, Price: 10_000 - 20 + (r>>6)%41, Quantity: 1 + (r>>12)%20, MaxFeeBps: 50, Nonce: seq,
	}
	switch (r >> 20) % 10 {
	case 0, 1, 2:
		o.TimeInForce = eip712.IOC
	case 3:
		o.TimeInForce = eip712.FOK
	case 4:
		o.TimeInForce = eip712.GTD
		o.Expiry = (crashStartTime+seq*10)/1000 + 60 + (r>>24)%60
	}
	return &state.SignedOrder{ChainID: crashChain, Order: o}
}

func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// TestMachineEntriesExercise checks that the crash test's generated stream
// trades and settles, so that recovery is tested on a state with books,
// holds and batches rather than on rejected entries.
func TestMachineEntriesExercise(t *testing.T) {
	gen := machineEntries{Seed: 7}
	m := state.New()
	var applied, trades, settled int
	for seq := uint64(1); seq <= 3000; seq++ {
		e, err := state.DecodeEntry(gen.Body(seq))
		if err != nil {
			t.Fatalf("decode entry %d: %v", seq, err)
		}
		res, err := m.Apply(seq, &e)
		if err != nil {
			tick := state.Entry{Type: state.EntryTick, Time: e.Time}
			if _, err := m.Apply(seq, &tick); err != nil {
				t.Fatalf("entry %d as a tick: %v", seq, err)
			}
			continue
		}
		applied++
		trades += len(res.Trades)
		settled += len(res.Settled)
	}
	t.Logf("%d of 3000 entries applied, %d trades, %d batches settled", applied, trades, settled)
	if trades < 100 || settled < 10 {
		t.Fatalf("generated stream made %d trades and settled %d batches, expected at least 100 and 10", trades, settled)
	}
	if err := m.CheckInvariants(); err != nil {
		t.Fatalf("after the stream: %v", err)
	}
}
