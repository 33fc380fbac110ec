// Package slotindex maps keys to the slots of a slab in 8-byte cells, for
// tables of millions of entries whose records live densely in the slab
// instead of in the slots of a Go map.
package slotindex

// Index maps keys to slots of a slab by open addressing with linear
// probing. A cell holds a 32-bit tag of the key's hash and the slot plus
// one, and 0 marks an empty cell. A tag can match another key, so every
// lookup confirms a match against the key stored in the slab, which makes
// the index exact. Slots are below MaxSlots.
//
// A cell costs 8 bytes and the index keeps at most 3/4 of its cells used,
// so a key costs 11 to 22 bytes. The zero Index is empty and ready to use.
type Index struct {
	cells []uint64
	count int
}

// cellsMin is the size of a new index's table.
const cellsMin = 1 << 10

// MaxSlots bounds the slot numbers: a slot must be below MaxSlots because
// a cell stores the slot plus one in 32 bits.
const MaxSlots = 1<<32 - 1

// Find returns the position of the cell whose slot the function eq
// accepts, or, with ok false, the empty cell where the search stopped.
//
// The compiler inlines Find (cost 80, the budget in Go 1.26) and eq with
// it, so a lookup makes no function call. Keep it that small.
func (x *Index) Find(tag uint32, eq func(slot uint32) bool) (pos int, ok bool) {
	mask := len(x.cells) - 1 // -1 for an index that never held a key
	for i := int(tag) & mask; mask >= 0; i = (i + 1) & mask {
		c := x.cells[i]
		if c == 0 {
			return i, false
		}
		if uint32(c>>32) == tag && eq(uint32(c)-1) {
			return i, true
		}
	}
	return 0, false
}

// Slot returns the slot in the used cell at pos.
func (x *Index) Slot(pos int) uint32 { return uint32(x.cells[pos]) - 1 }

// SetSlot changes the slot in the used cell at pos, for a slab that moved
// the key's entry.
func (x *Index) SetSlot(pos int, slot uint32) {
	x.cells[pos] = x.cells[pos]&^(1<<32-1) | uint64(slot+1)
}

// Len returns the number of keys.
func (x *Index) Len() int { return x.count }

// Insert adds the slot of a key that the index does not hold.
func (x *Index) Insert(tag, slot uint32) {
	if (x.count+1)*4 > len(x.cells)*3 {
		x.grow()
	}
	x.place(uint64(tag)<<32 | uint64(slot+1))
	x.count++
}

func (x *Index) place(cell uint64) {
	mask := len(x.cells) - 1
	i := int(cell>>32) & mask
	for x.cells[i] != 0 {
		i = (i + 1) & mask
	}
	x.cells[i] = cell
}

func (x *Index) grow() {
	old := x.cells
	x.cells = make([]uint64, max(cellsMin, 2*len(old)))
	for _, c := range old {
		if c != 0 {
			x.place(c)
		}
	}
}

// Remove empties the used cell at pos. It moves later cells of the same
// run back into the hole when their home cell allows it, so that no lookup
// stops early at an empty cell.
func (x *Index) Remove(pos int) {
	mask := len(x.cells) - 1
	hole := pos
	for j := (hole + 1) & mask; x.cells[j] != 0; j = (j + 1) & mask {
		home := int(x.cells[j]>>32) & mask
		// The cell at j may fill the hole when the hole lies between its
		// home and j, going forward and wrapping around.
		if (j-home)&mask >= (j-hole)&mask {
			x.cells[hole] = x.cells[j]
			hole = j
		}
	}
	x.cells[hole] = 0
	x.count--
}
