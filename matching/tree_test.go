package matching

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestKeyTreeMatchesSortedSlice applies seeded random inserts and deletes
// to a key tree and a sorted slice, and compares Len, Min, Next and the
// tree's invariant every checkEvery steps.
func TestKeyTreeMatchesSortedSlice(t *testing.T) {
	const steps, checkEvery = 12_000, 16
	for _, seed := range testSeeds(t, 4) {
		rng := rand.New(rand.NewPCG(seed, 0x7ee))
		tree := newKeyTree()
		var want []treeKey // sorted
		values := map[treeKey]uint32{}
		// Few distinct hi values, so that lo decides many comparisons.
		randomKey := func() treeKey { return treeKey{hi: uint64(rng.IntN(300)), lo: uint64(rng.IntN(50))} }
		for step := 0; step < steps; step++ {
			// Grow to a few thousand keys, then shrink to empty, twice.
			grow := (step/(steps/4))%2 == 0
			k := randomKey()
			i, present := slices.BinarySearchFunc(want, k, cmpTreeKey)
			switch {
			case present && (!grow || rng.IntN(4) == 0):
				tree.MustDelete(k)
				want = slices.Delete(want, i, i+1)
				delete(values, k)
			case !present && (grow || rng.IntN(4) == 0):
				v := rng.Uint32()
				tree.Insert(k, v)
				want = slices.Insert(want, i, k)
				values[k] = v
			}
			if step%checkEvery != 0 && step != steps-1 {
				continue
			}
			if failure := compareTree(&tree, want, values, randomKey()); failure != "" {
				t.Fatalf("seed %d (rerun with -seed=%d), step %d: %s", seed, seed, step, failure)
			}
		}
	}
}

func cmpTreeKey(a, b treeKey) int {
	switch {
	case a.less(b):
		return -1
	case b.less(a):
		return 1
	}
	return 0
}

// compareTree returns the first difference between the tree and the sorted
// keys, looking up Next of probe and of every tenth key, or "".
func compareTree(tree *keyTree, want []treeKey, values map[treeKey]uint32, probe treeKey) string {
	if err := tree.check(); err != nil {
		return err.Error()
	}
	if tree.Len() != len(want) {
		return "length differs"
	}
	k, v, ok := tree.Min()
	if ok != (len(want) > 0) || (ok && (k != want[0] || v != values[k])) {
		return "min differs"
	}
	probes := []treeKey{probe}
	for i := 0; i < len(want); i += 10 {
		probes = append(probes, want[i])
	}
	for _, p := range probes {
		i, found := slices.BinarySearchFunc(want, p, cmpTreeKey)
		if found {
			i++
		}
		next, v, ok := tree.Next(p)
		if ok != (i < len(want)) || (ok && (next != want[i] || v != values[next])) {
			return "next differs"
		}
	}
	return ""
}
