package load

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/rpc"
)

// Workload selects the orders of a run.
type Workload string

const (
	// Rest places buys below and sells above a middle price, on
	// Levels levels per side, so that every order rests on the book.
	Rest Workload = "rest"
	// Trade lets the first half of the traders sell and the second half
	// buy one lot at the same price, so that most orders trade and the
	// book stays small. Sellers and buyers never meet their own orders.
	Trade Workload = "trade"
)

// ErrInvalidWorkload: the workload's settings cannot make valid orders.
var ErrInvalidWorkload = errors.New("load: invalid workload")

// Spec describes the orders to sign.
type Spec struct {
	Market   rpc.MarketJSON
	Traders  []*ecdsa.PrivateKey
	Orders   int
	Workload Workload
	// MidTicks is the middle price; Rest orders rest from one to Levels
	// ticks away from it, and Trade orders trade at it.
	MidTicks uint64
	Levels   int
	// NonceBase plus the order's index is its nonce. Take a new base for
	// each run, such as the time in microseconds, so that no order
	// repeats one of an earlier run.
	NonceBase uint64
	// Expiry is every order's signed expiry in unix seconds, 0 for none.
	// An order with an expiry rests as GTD, and its hash leaves the
	// node's replay set after the expiry.
	Expiry uint64
}

// SignedOrder is an order, its hash and its signature.
type SignedOrder struct {
	Order     eip712.Order
	Hash      common.Hash
	Signature eip712.Signature
}

func (s *Spec) check() error {
	switch {
	case s.Orders < 1:
		return fmt.Errorf("%w: %d orders, expected at least 1", ErrInvalidWorkload, s.Orders)
	case len(s.Traders) < 2:
		return fmt.Errorf("%w: %d traders, expected at least 2", ErrInvalidWorkload, len(s.Traders))
	case s.Workload != Rest && s.Workload != Trade:
		return fmt.Errorf("%w: workload %q, expected %q or %q", ErrInvalidWorkload, s.Workload, Rest, Trade)
	case s.Workload == Rest && (s.Levels < 1 || uint64(s.Levels) >= s.MidTicks):
		return fmt.Errorf("%w: %d levels around %d ticks; use 1 to %d levels", ErrInvalidWorkload, s.Levels, s.MidTicks, s.MidTicks-1)
	case s.MidTicks == 0 || s.MidTicks+uint64(s.Levels) > uint64(s.Market.MaxPriceTicks):
		return fmt.Errorf("%w: price of %d ticks and %d levels above the market's maximum of %d", ErrInvalidWorkload, s.MidTicks, s.Levels, s.Market.MaxPriceTicks)
	}
	return nil
}

// order returns the i-th order of the workload, unsigned.
func (s *Spec) order(i int, traders []common.Address) eip712.Order {
	o := eip712.Order{
		Market: s.Market.MarketID, Quantity: 1, MaxFeeBps: max(s.Market.MakerFeeBps, s.Market.TakerFeeBps),
		Nonce: s.NonceBase + uint64(i), Expiry: s.Expiry,
	}
	switch s.Workload {
	case Trade:
		// Orders alternate sell and buy; sellers are the first half of
		// the traders and buyers the second.
		half := len(traders) / 2
		pair := i / 2
		o.Price = s.MidTicks
		if i%2 == 0 {
			o.Side, o.Trader = eip712.Sell, traders[pair%half]
		} else {
			o.Side, o.Trader = eip712.Buy, traders[half+pair%(len(traders)-half)]
		}
	default:
		o.Trader = traders[i%len(traders)]
		offset := 1 + uint64((i/2)%s.Levels)
		if i%2 == 0 {
			o.Side, o.Price = eip712.Buy, s.MidTicks-offset
		} else {
			o.Side, o.Price = eip712.Sell, s.MidTicks+offset
		}
	}
	return o
}

// Sign builds and signs the workload's orders on every core.
func Sign(s Spec) ([]SignedOrder, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	addresses := make([]common.Address, len(s.Traders))
	keys := make(map[common.Address]*ecdsa.PrivateKey, len(s.Traders))
	for i, k := range s.Traders {
		addresses[i] = crypto.PubkeyToAddress(k.PublicKey)
		keys[addresses[i]] = k
	}

	domain := eip712.Domain{ChainID: s.Market.ChainID, VerifyingContract: s.Market.Exchange}
	out := make([]SignedOrder, s.Orders)
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < s.Orders; i += workers {
				o := s.order(i, addresses)
				hash, sig, err := domain.SignOrder(o, keys[o.Trader])
				if err != nil {
					errs[w] = err
					return
				}
				out[i] = SignedOrder{Order: o, Hash: hash, Signature: sig}
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}
