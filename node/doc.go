// Package node assembles the ThaliumX daemon: configuration, lifecycle, the
// deterministic state machine that applies the sequenced log to the order
// books and the ledger, and the sequencer and follower roles.
package node
