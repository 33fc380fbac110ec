package matching

import "fmt"

// keyTree is an ordered set of treeKeys, each with a uint32 value. It is a
// B-tree whose nodes are fixed-size arrays in a slab, recycled through a
// free list, so inserts and deletes allocate only when the tree grows past
// its largest size so far. Insert, MustDelete, Min and Next cost O(log n).
//
// It replaces google/btree, whose free list reuses a node's slices in
// another role (a leaf as an inner node) and so keeps allocating long
// after the tree has stopped growing.
//
// Invariant: every node but the root has treeKeysMin..treeKeysMax keys in
// ascending order, the root has 1..treeKeysMax, an inner node with k
// keys has k+1 children, all leaves are at the same depth, and every key in
// children[i] lies between keys[i-1] and keys[i].
type keyTree struct {
	nodes  [][]treeNode
	free   uint32 // head of the node free list (linked through children[0]), or nilSlot
	root   uint32 // nilSlot when the tree is empty
	length int
}

// treeKey orders lexicographically: hi first, then lo.
type treeKey struct{ hi, lo uint64 }

func (a treeKey) less(b treeKey) bool {
	return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo)
}

// treeDegree is the B-tree's minimum degree: a node has 15 to 31 keys, so
// a tree of a million keys is at most five nodes deep.
const (
	treeDegree  = 16
	treeKeysMax = 2*treeDegree - 1
	treeKeysMin = treeDegree - 1

	treeChunkShift = 6
	treeChunkLen   = 1 << treeChunkShift
	treeChunkMask  = treeChunkLen - 1
)

type treeNode struct {
	keys     [treeKeysMax]treeKey
	values   [treeKeysMax]uint32
	children [treeKeysMax + 1]uint32
	count    int32 // keys in use
	leaf     bool
}

func newKeyTree() keyTree { return keyTree{free: nilSlot, root: nilSlot} }

func (t *keyTree) node(slot uint32) *treeNode {
	return &t.nodes[slot>>treeChunkShift][slot&treeChunkMask]
}

// Len returns the number of keys.
func (t *keyTree) Len() int { return t.length }

func (t *keyTree) allocNode(leaf bool) uint32 {
	if t.free == nilSlot {
		base := uint32(len(t.nodes)) << treeChunkShift
		c := make([]treeNode, treeChunkLen)
		t.nodes = append(t.nodes, c)
		for i := treeChunkLen - 1; i >= 0; i-- {
			c[i].children[0] = t.free
			t.free = base + uint32(i)
		}
	}
	slot := t.free
	n := t.node(slot)
	t.free = n.children[0]
	n.count, n.leaf, n.children[0] = 0, leaf, nilSlot
	return slot
}

func (t *keyTree) releaseNode(slot uint32) {
	n := t.node(slot)
	n.count = 0
	n.children[0] = t.free
	t.free = slot
}

// search returns the index of the first key in n that is not less than k,
// and whether it equals k.
func (n *treeNode) search(k treeKey) (int, bool) {
	lo, hi := 0, int(n.count)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if n.keys[mid].less(k) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < int(n.count) && n.keys[lo] == k
}

// Min returns the smallest key and its value; ok is false when the tree is
// empty.
func (t *keyTree) Min() (k treeKey, value uint32, ok bool) {
	if t.root == nilSlot {
		return treeKey{}, 0, false
	}
	n := t.node(t.root)
	for !n.leaf {
		n = t.node(n.children[0])
	}
	return n.keys[0], n.values[0], true
}

// Next returns the smallest key greater than k and its value; ok is false
// when there is none.
func (t *keyTree) Next(k treeKey) (next treeKey, value uint32, ok bool) {
	for slot := t.root; slot != nilSlot; {
		n := t.node(slot)
		i, found := n.search(k)
		if found {
			i++ // the first key greater than k, or the subtree before it
			if !n.leaf {
				// The smallest key of the subtree right of k.
				c := t.node(n.children[i])
				for !c.leaf {
					c = t.node(c.children[0])
				}
				return c.keys[0], c.values[0], true
			}
		}
		if i < int(n.count) {
			next, value, ok = n.keys[i], n.values[i], true
		}
		if n.leaf {
			break
		}
		slot = n.children[i]
	}
	return next, value, ok
}

// Ascend calls fn for each key in ascending order until fn returns false.
// It costs O(log n) per key; fn must not change the tree.
func (t *keyTree) Ascend(fn func(k treeKey, value uint32) bool) {
	k, v, ok := t.Min()
	for ok && fn(k, v) {
		k, v, ok = t.Next(k)
	}
}

// Insert adds k with its value; k must be absent.
func (t *keyTree) Insert(k treeKey, value uint32) {
	if t.root == nilSlot {
		t.root = t.allocNode(true)
	}
	if t.node(t.root).count == treeKeysMax {
		old := t.root
		t.root = t.allocNode(false)
		t.node(t.root).children[0] = old
		t.splitChild(t.node(t.root), 0)
	}
	n := t.node(t.root)
	for !n.leaf {
		i, _ := n.search(k)
		if t.node(n.children[i]).count == treeKeysMax {
			t.splitChild(n, i)
			if n.keys[i].less(k) {
				i++
			}
		}
		n = t.node(n.children[i])
	}
	i, _ := n.search(k)
	n.insertAt(i, k, value)
	t.length++
}

// insertAt shifts the keys from i on one place right and puts k at i.
func (n *treeNode) insertAt(i int, k treeKey, value uint32) {
	c := int(n.count)
	copy(n.keys[i+1:c+1], n.keys[i:c])
	copy(n.values[i+1:c+1], n.values[i:c])
	n.keys[i], n.values[i] = k, value
	n.count++
}

// splitChild splits the full child i of p around its middle key, which
// moves up into p; p must not be full.
func (t *keyTree) splitChild(p *treeNode, i int) {
	leftSlot := p.children[i]
	left := t.node(leftSlot)
	rightSlot := t.allocNode(left.leaf)
	right := t.node(rightSlot)

	copy(right.keys[:treeKeysMin], left.keys[treeDegree:])
	copy(right.values[:treeKeysMin], left.values[treeDegree:])
	if !left.leaf {
		copy(right.children[:treeDegree], left.children[treeDegree:])
	}
	right.count, left.count = treeKeysMin, treeKeysMin

	c := int(p.count)
	copy(p.children[i+2:c+2], p.children[i+1:c+1])
	p.children[i+1] = rightSlot
	p.insertAt(i, left.keys[treeKeysMin], left.values[treeKeysMin])
}

// MustDelete removes k. It panics when k is absent, because the book
// deletes only keys it inserted, so an absent key means a broken
// invariant.
func (t *keyTree) MustDelete(k treeKey) {
	if t.root == nilSlot {
		panic("matching: key tree delete from an empty tree")
	}
	t.mustDeleteFrom(t.root, k)
	t.length--
	if root := t.node(t.root); root.count == 0 {
		old := t.root
		t.root = nilSlot
		if !root.leaf {
			t.root = root.children[0]
		}
		t.releaseNode(old)
	}
}

// mustDeleteFrom removes k from the subtree at slot, whose node has more
// than treeKeysMin keys unless it is the root, so that a key can leave it.
// It panics when k is absent.
func (t *keyTree) mustDeleteFrom(slot uint32, k treeKey) {
	for {
		n := t.node(slot)
		i, found := n.search(k)
		switch {
		case n.leaf:
			if !found {
				panic("matching: key tree delete of an absent key")
			}
			n.removeAt(i)
			return
		case found:
			// Replace k by its predecessor or successor from a child that
			// can spare a key, or merge the two children around k.
			left, right := t.node(n.children[i]), t.node(n.children[i+1])
			switch {
			case left.count > treeKeysMin:
				pk, pv := t.maxOf(n.children[i])
				n.keys[i], n.values[i] = pk, pv
				slot, k = n.children[i], pk
			case right.count > treeKeysMin:
				sk, sv := t.minOf(n.children[i+1])
				n.keys[i], n.values[i] = sk, sv
				slot, k = n.children[i+1], sk
			default:
				slot = t.merge(n, i)
			}
		default:
			slot = t.fillChild(n, i)
		}
	}
}

func (n *treeNode) removeAt(i int) {
	c := int(n.count)
	copy(n.keys[i:c-1], n.keys[i+1:c])
	copy(n.values[i:c-1], n.values[i+1:c])
	n.count--
}

func (t *keyTree) maxOf(slot uint32) (treeKey, uint32) {
	n := t.node(slot)
	for !n.leaf {
		n = t.node(n.children[n.count])
	}
	return n.keys[n.count-1], n.values[n.count-1]
}

func (t *keyTree) minOf(slot uint32) (treeKey, uint32) {
	n := t.node(slot)
	for !n.leaf {
		n = t.node(n.children[0])
	}
	return n.keys[0], n.values[0]
}

// fillChild makes sure child i of p has more than treeKeysMin keys, by
// borrowing a key through p from a sibling or merging with one, and
// returns the slot of the node that now covers child i's keys.
func (t *keyTree) fillChild(p *treeNode, i int) uint32 {
	child := t.node(p.children[i])
	if child.count > treeKeysMin {
		return p.children[i]
	}
	if i > 0 && t.node(p.children[i-1]).count > treeKeysMin {
		left := t.node(p.children[i-1])
		c := int(child.count)
		copy(child.children[1:c+2], child.children[:c+1])
		child.children[0] = left.children[left.count]
		child.insertAt(0, p.keys[i-1], p.values[i-1])
		p.keys[i-1], p.values[i-1] = left.keys[left.count-1], left.values[left.count-1]
		left.count--
		return p.children[i]
	}
	if i < int(p.count) && t.node(p.children[i+1]).count > treeKeysMin {
		right := t.node(p.children[i+1])
		child.keys[child.count], child.values[child.count] = p.keys[i], p.values[i]
		child.children[child.count+1] = right.children[0]
		child.count++
		p.keys[i], p.values[i] = right.keys[0], right.values[0]
		rc := int(right.count)
		copy(right.children[:rc], right.children[1:rc+1])
		right.removeAt(0)
		return p.children[i]
	}
	if i == int(p.count) {
		i--
	}
	return t.merge(p, i)
}

// merge moves key i of p and all of child i+1 into child i, frees child
// i+1, and returns child i's slot. Both children have treeKeysMin keys.
func (t *keyTree) merge(p *treeNode, i int) uint32 {
	leftSlot, rightSlot := p.children[i], p.children[i+1]
	left, right := t.node(leftSlot), t.node(rightSlot)
	c, rc := int(left.count), int(right.count)
	left.keys[c], left.values[c] = p.keys[i], p.values[i]
	copy(left.keys[c+1:c+1+rc], right.keys[:rc])
	copy(left.values[c+1:c+1+rc], right.values[:rc])
	if !left.leaf {
		copy(left.children[c+1:c+2+rc], right.children[:rc+1])
	}
	left.count += int32(rc + 1)

	pc := int(p.count)
	copy(p.children[i+1:pc], p.children[i+2:pc+1])
	p.removeAt(i)
	t.releaseNode(rightSlot)
	return leftSlot
}

// check verifies the tree's invariant by a full walk.
func (t *keyTree) check() error {
	if t.root == nilSlot {
		if t.length != 0 {
			return fmt.Errorf("%w: empty key tree has length %d", ErrInvariant, t.length)
		}
		return nil
	}
	w := treeWalk{leafDepth: -1}
	if err := t.checkNode(&w, t.root, 0); err != nil {
		return err
	}
	if w.keys != t.length {
		return fmt.Errorf("%w: key tree contains %d keys, but its length is %d", ErrInvariant, w.keys, t.length)
	}
	return nil
}

// treeWalk is the state of a check walk in key order.
type treeWalk struct {
	leafDepth int
	keys      int
	last      treeKey
}

func (t *keyTree) checkNode(w *treeWalk, slot uint32, depth int) error {
	n := t.node(slot)
	if n.count > treeKeysMax || (slot != t.root && n.count < treeKeysMin) || (slot == t.root && n.count == 0) {
		return fmt.Errorf("%w: key tree node at depth %d has %d keys", ErrInvariant, depth, n.count)
	}
	if n.leaf && w.leafDepth < 0 {
		w.leafDepth = depth
	}
	if n.leaf && depth != w.leafDepth {
		return fmt.Errorf("%w: key tree leaves at depths %d and %d", ErrInvariant, w.leafDepth, depth)
	}
	for i := 0; i <= int(n.count); i++ {
		if !n.leaf {
			if err := t.checkNode(w, n.children[i], depth+1); err != nil {
				return err
			}
		}
		if i == int(n.count) {
			break
		}
		if w.keys > 0 && !w.last.less(n.keys[i]) {
			return fmt.Errorf("%w: key tree keys %v and %v out of order", ErrInvariant, w.last, n.keys[i])
		}
		w.last = n.keys[i]
		w.keys++
	}
	return nil
}
