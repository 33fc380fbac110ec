// Package testnet starts a local network of nodes on loopback around one
// embedded development chain and holds the network's end-to-end tests.
//
// Start runs the dev chain (node.StartDev), a sequencer configured for it
// and followers. Each node runs in this process, with its own data
// directory and a JSON-RPC server on a free 127.0.0.1 port. thx testnet
// is its command. Every host refuses addresses outside the loopback range.
// RunProcess runs one node from a ProcessSpec in a process of its own,
// which the tests kill with SIGKILL and the benchmark measures.
//
// The tests submit orders straight to the nodes (Node.PlaceOrder) or over
// JSON-RPC, then wait until every node has made the sequencer's last
// entry durable and reports the same state hash at it, and compare books,
// balances and open orders. THX_TESTNET_ORDERS sets the number of orders
// (make test-network runs 20,000), THX_TESTNET_SEED replays a run, and
// THX_TEST_LOG=debug|info|warn|error shows the nodes' logs.
// BenchmarkNetworkLatency takes THX_NETBENCH_NODES, THX_NETBENCH_RATE,
// THX_NETBENCH_DURATION and THX_NETBENCH_PROBE_EVERY, copies the node
// logs to the directory THX_NETBENCH_LOGS names and writes each node's CPU
// and heap profiles to the directory THX_NETBENCH_PROFILES names.
package testnet
