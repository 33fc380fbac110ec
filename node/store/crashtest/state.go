package crashtest

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/thaliumx/thaliumx/node/store"
)

// StateMachine is the deterministic state that the crash test rebuilds from
// a snapshot and the log tail and compares with a clean replay. ToyState
// implements it; the node's state machine (books and ledger) plugs in here
// with its own state hash.
type StateMachine interface {
	// Apply applies the body of the log entry at seq.
	Apply(seq uint64, body []byte) error
	// StateHash returns the hash of the state after the last applied entry.
	StateHash() store.StateHash
	// EncodeSnapshot serialises the state.
	EncodeSnapshot() ([]byte, error)
	// DecodeSnapshot replaces the state with one saved by EncodeSnapshot
	// after applying the log through seq.
	DecodeSnapshot(seq uint64, payload []byte) error
}

// EntrySource produces the body of the log entry at each seq. It must be
// deterministic, so that the checker can regenerate and compare every
// stored entry.
type EntrySource interface {
	Body(seq uint64) []byte
}

// ToyState is a running SHA-256 over the applied entries: each entry sets
// hash = SHA-256(hash || seq || body). It replaces the node's state
// machine until that exists.
type ToyState struct {
	seq  uint64
	hash store.StateHash
}

// NewToyState returns the state before the first entry.
func NewToyState() StateMachine { return &ToyState{} }

// Apply folds the entry into the hash. Entries must come in seq order.
func (s *ToyState) Apply(seq uint64, body []byte) error {
	if seq != s.seq+1 {
		return fmt.Errorf("toy state: applied seq %d after seq %d", seq, s.seq)
	}
	h := sha256.New()
	h.Write(s.hash[:])
	h.Write(binary.BigEndian.AppendUint64(nil, seq))
	h.Write(body)
	copy(s.hash[:], h.Sum(nil))
	s.seq = seq
	return nil
}

// StateHash returns the running hash.
func (s *ToyState) StateHash() store.StateHash { return s.hash }

// EncodeSnapshot returns seq followed by the hash.
func (s *ToyState) EncodeSnapshot() ([]byte, error) {
	return append(binary.BigEndian.AppendUint64(nil, s.seq), s.hash[:]...), nil
}

// DecodeSnapshot restores a state saved by EncodeSnapshot.
func (s *ToyState) DecodeSnapshot(seq uint64, payload []byte) error {
	if len(payload) != 8+len(s.hash) {
		return fmt.Errorf("toy state: snapshot of %d bytes, expected %d", len(payload), 8+len(s.hash))
	}
	if stored := binary.BigEndian.Uint64(payload); stored != seq {
		return fmt.Errorf("toy state: snapshot payload is for seq %d, stored under seq %d", stored, seq)
	}
	s.seq = seq
	copy(s.hash[:], payload[8:])
	return nil
}

// ToyEntries produces pseudo-random bodies of 50 to 399 bytes from a seed.
type ToyEntries struct {
	Seed int64
}

// Body returns the body of the entry at seq.
func (e ToyEntries) Body(seq uint64) []byte {
	x := splitmix(uint64(e.Seed) ^ seq*0x9e3779b97f4a7c15)
	body := make([]byte, 50+x%350)
	for i := 0; i < len(body); i += 8 {
		x = splitmix(x)
		var word [8]byte
		binary.LittleEndian.PutUint64(word[:], x)
		copy(body[i:], word[:])
	}
	return body
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
