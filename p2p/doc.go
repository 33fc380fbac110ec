// Package p2p runs the libp2p host: gossipsub topics for signed orders and
// log batches, the log sync protocol and peer scoring.
package p2p
