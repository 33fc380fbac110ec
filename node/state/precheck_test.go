package state

import (
	"errors"
	"testing"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
)

func TestPrecheckOrderChangesNothing(t *testing.T) {
	h := newHarness(t)
	alice := trader(1)
	h.deposit(alice, tokenUSDC, 10*usdc)
	before := h.stateHash()

	ok := h.order(alice, eip712.Buy, 10_000, 5) // 5 lots at 1 USDC base unit per lot and tick
	if err := h.m.PrecheckOrder(h.time, ok); err != nil {
		t.Errorf("order within the balance: %v", err)
	}
	big := h.order(alice, eip712.Buy, 10_000, 100_000)
	err := h.m.PrecheckOrder(h.time, big)
	var short *ledger.ShortfallError
	if !errors.As(err, &short) || !errors.Is(err, ledger.ErrInsufficientAvailable) {
		t.Errorf("order above the balance: %v, expected a shortfall", err)
	}
	unknown := h.order(alice, eip712.Buy, 10_000, 1)
	unknown.Order.Market = 9
	if err := h.m.PrecheckOrder(h.time, unknown); !errors.Is(err, ErrUnknownMarket) {
		t.Errorf("order of an unknown market: %v", err)
	}
	if after := h.stateHash(); after != before {
		t.Fatalf("prechecks changed the state hash from %s to %s", before, after)
	}
	h.place(ok)
	if err := h.m.PrecheckOrder(h.time, ok); !errors.Is(err, ErrOrderReplayed) {
		t.Errorf("order placed before: %v", err)
	}
}
