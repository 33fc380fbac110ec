package node

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/node/state"
)

func TestRecordPlacedOrder(t *testing.T) {
	placed := state.OrderUpdate{ID: 7, Hash: common.Hash{7}}
	maker := state.OrderUpdate{ID: 3, Hash: common.Hash{3}}
	cases := []struct {
		name   string
		orders []state.OrderUpdate
		found  bool
	}{
		{"maker listed first", []state.OrderUpdate{maker, placed}, true},
		{"placed order only", []state.OrderUpdate{placed}, true},
		{"earlier orders only", []state.OrderUpdate{maker}, false},
		{"no orders", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := &record{seq: 7, orders: c.orders}
			u, ok := rec.placed()
			if ok != c.found {
				t.Fatalf("placed() found %v, expected %v", ok, c.found)
			}
			if ok && u.Hash != placed.Hash {
				t.Fatalf("placed() returned order %s, expected %s", u.Hash, placed.Hash)
			}
		})
	}
}
