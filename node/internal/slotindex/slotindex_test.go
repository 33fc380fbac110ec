package slotindex

import (
	"flag"
	"math/rand/v2"
	"testing"
	"time"
)

var seed = flag.Uint64("seed", 0, "seed of TestIndexMatchesMap; 0 picks one from the clock")

// slab is the keys of an index's slots, with a free list, as a caller of
// Index keeps them.
type slab struct {
	keys []uint64
	free []uint32
}

func (s *slab) add(key uint64) uint32 {
	if n := len(s.free); n > 0 {
		slot := s.free[n-1]
		s.free = s.free[:n-1]
		s.keys[slot] = key
		return slot
	}
	s.keys = append(s.keys, key)
	return uint32(len(s.keys) - 1)
}

// TestIndexMatchesMap applies random inserts, lookups and removes to an
// index and to a map, and checks that they agree after every step. The
// tag functions make many keys share a tag and runs wrap around the end
// of the table, which exercises the confirmation by key and the moves of
// Remove.
func TestIndexMatchesMap(t *testing.T) {
	s := *seed
	if s == 0 {
		s = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -seed=%d)", s, s)
	tags := map[string]func(uint64) uint32{
		"spread":        func(k uint64) uint32 { return uint32((k * 0x9e3779b97f4a7c15) >> 32) },
		"shared tags":   func(k uint64) uint32 { return uint32(k % 7) },
		"wrapping runs": func(k uint64) uint32 { return 1<<32 - 1 - uint32(k%40) },
	}
	for name, tag := range tags {
		t.Run(name, func(t *testing.T) {
			checkAgainstMap(t, rand.New(rand.NewPCG(s, 1)), tag)
		})
	}
}

func checkAgainstMap(t *testing.T, rng *rand.Rand, tag func(uint64) uint32) {
	var x Index
	var keys slab
	want := map[uint64]uint32{}
	find := func(k uint64) (int, bool) {
		return x.Find(tag(k), func(slot uint32) bool { return keys.keys[slot] == k })
	}
	for step := range 20_000 {
		k := uint64(rng.IntN(3_000))
		pos, found := find(k)
		slot, present := want[k]
		if found != present {
			t.Fatalf("step %d: key %d found %v, the map has it %v", step, k, found, present)
		}
		switch {
		case found && x.Slot(pos) != slot:
			t.Fatalf("step %d: key %d in slot %d, the map says %d", step, k, x.Slot(pos), slot)
		case found && rng.IntN(2) == 0:
			x.Remove(pos)
			keys.free = append(keys.free, slot)
			delete(want, k)
		case !found:
			slot := keys.add(k)
			x.Insert(tag(k), slot)
			want[k] = slot
		}
		if x.Len() != len(want) {
			t.Fatalf("step %d: index holds %d keys, the map %d", step, x.Len(), len(want))
		}
	}
	for k, slot := range want {
		if pos, ok := find(k); !ok || x.Slot(pos) != slot {
			t.Fatalf("key %d missing or in the wrong slot at the end", k)
		}
	}
}

// TestSetSlotKeepsTag checks that SetSlot changes the slot of a key and
// the key is still found by its tag.
func TestSetSlotKeepsTag(t *testing.T) {
	var x Index
	x.Insert(0xdeadbeef, 3)
	pos, ok := x.Find(0xdeadbeef, func(slot uint32) bool { return slot == 3 })
	if !ok {
		t.Fatal("inserted key not found")
	}
	x.SetSlot(pos, 9)
	if pos, ok := x.Find(0xdeadbeef, func(slot uint32) bool { return slot == 9 }); !ok || x.Slot(pos) != 9 {
		t.Fatalf("after SetSlot the key is found %v in slot %d, expected slot 9", ok, x.Slot(pos))
	}
}

// TestFindEmpty checks lookups in an index that never held a key.
func TestFindEmpty(t *testing.T) {
	var x Index
	if _, ok := x.Find(1, func(uint32) bool { return true }); ok {
		t.Fatal("empty index found a key")
	}
}
