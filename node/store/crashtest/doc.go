// Package crashtest is the store's crash test harness. A child process
// appends log entries with group commit from several goroutines, saves
// snapshots, and prints each acknowledged sequence number. The parent kills
// it with SIGKILL at a random moment and reopens the store. It checks that
// every acknowledged entry is present and intact, and that the log is
// contiguous and ends at a request boundary (no half batch). It also checks
// that the state rebuilt from the newest snapshot plus the log tail has the
// same state hash as a clean replay of the whole log.
//
// The state is pluggable (StateMachine, EntrySource). ToyState, a running
// hash, is used today. The node's state machine and its state hash plug in
// through the same interfaces.
//
// Child output protocol, one line each:
//
//	ready <last seq after recovery>
//	ack <first seq> <last seq>      an append request is durable
//	snap <seq>                      a snapshot is saved
//
// Each payload the child stores is a frame: the first seq of its append
// request (8 bytes), the number of entries in that request (2 bytes), then
// the body from the EntrySource. The checker uses the frame to see that the
// log ends where a request ends.
package crashtest
