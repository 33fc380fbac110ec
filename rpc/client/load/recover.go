package load

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// MeasureRecovery recovers the signers of orders with eip712.Recover on
// every core for about duration, and returns the recoveries per second.
// It fails if a signature does not recover its trader.
func MeasureRecovery(orders []SignedOrder, duration time.Duration) (float64, error) {
	if len(orders) == 0 {
		return 0, fmt.Errorf("%w: no orders to recover", ErrInvalidWorkload)
	}
	workers := runtime.GOMAXPROCS(0)
	var total atomic.Int64
	var failure atomic.Pointer[error]
	deadline := time.Now().Add(duration)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			count := int64(0)
			for i := w; time.Now().Before(deadline); i = (i + workers) % len(orders) {
				o := &orders[i]
				signer, err := eip712.Recover(o.Hash, o.Signature[:])
				if err == nil && signer != o.Order.Trader {
					err = fmt.Errorf("load: order %s recovers %s, not its trader %s", o.Hash, signer, o.Order.Trader)
				}
				if err != nil {
					failure.Store(&err)
					return
				}
				count++
			}
			total.Add(count)
		}()
	}
	wg.Wait()
	if p := failure.Load(); p != nil {
		return 0, *p
	}
	return float64(total.Load()) / time.Since(start).Seconds(), nil
}
