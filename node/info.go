package node

import (
	"fmt"
	"strconv"

	"github.com/thaliumx/thaliumx/rpc"
)

// NodeInfo describes the node.
func (n *Node) NodeInfo() rpc.NodeInfo {
	info := rpc.NodeInfo{Version: n.cfg.Version, Role: string(n.cfg.Role), Peers: n.peers()}
	for _, c := range n.cfg.Chains {
		ci := rpc.ChainInfo{ChainID: c.ChainID, Name: c.Name, Exchange: c.Exchange, RPCURL: c.RPCURL}
		if l := n.links[c.ChainID]; l != nil {
			ci.HeadBlock, ci.LastBatch = l.head.Load(), l.lastBatch.Load()
		}
		info.Chains = append(info.Chains, ci)
	}
	if h := n.hashAt.Load(); h != nil {
		info.Seq, info.StateHash = h.seq, h.hash
	}
	if err := n.failed(); err != nil {
		info.Failure = err.Error()
	}
	return info
}

// Health reports the status of the log, the sequencer (the forwarder on a
// follower), the indexer, settlement, the network and each chain.
func (n *Node) Health() rpc.Health {
	n.acceptMu.RLock()
	running := n.accepting
	n.acceptMu.RUnlock()
	failure := n.failed()

	logHealth := rpc.ComponentHealth{Name: "log", OK: failure == nil, Detail: map[string]any{
		"durable_seq": n.durable.Load(),
	}}
	if failure != nil {
		logHealth.Detail["error"] = failure.Error()
	}
	// The sequencer sequences the requests of its ingress queue, and a
	// follower forwards them to the sequencer.
	intake := "sequencer"
	if n.cfg.Role == RoleFollower {
		intake = "forwarder"
	}
	sequencer := rpc.ComponentHealth{Name: intake, OK: running && failure == nil, Detail: map[string]any{
		"accepting":        running,
		"ingress_requests": len(n.ingress),
		"ingress_max":      cap(n.ingress),
	}}
	indexer := rpc.ComponentHealth{Name: "indexer", OK: true, Detail: map[string]any{
		"indexed_through": n.store.IndexedThrough(),
	}}
	if p := n.indexFailure.Load(); p != nil {
		indexer.OK = false
		indexer.Detail["error"] = (*p).Error()
	}
	settlement := rpc.ComponentHealth{Name: "settlement", OK: true, Detail: map[string]any{}}
	var halted []string
	for _, m := range n.views.markets.Load().list {
		if m.Halted {
			halted = append(halted, m.Symbol)
		}
	}
	if len(halted) > 0 {
		settlement.OK = false
		settlement.Detail["halted_markets"] = halted
	}
	// A failed batch of withdrawals halts no market, but every later
	// batch of its chain reverts after it, so it is reported on its own.
	failed := map[string][]uint64{}
	n.mu.RLock()
	for _, chainID := range n.machine.ChainIDs() {
		if ids := n.machine.FailedBatches(chainID); len(ids) > 0 {
			failed[strconv.FormatUint(chainID, 10)] = ids
		}
	}
	n.mu.RUnlock()
	if len(failed) > 0 {
		settlement.OK = false
		settlement.Detail["failed_batches"] = failed
	}

	h := rpc.Health{Components: []rpc.ComponentHealth{logHealth, sequencer, indexer, settlement}}
	if n.net != nil {
		h.Components = append(h.Components, n.networkHealth())
	}
	for _, c := range n.cfg.Chains {
		if l := n.links[c.ChainID]; l != nil {
			h.Components = append(h.Components, l.health())
		}
	}
	h.OK = true
	for _, c := range h.Components {
		h.OK = h.OK && c.OK
	}
	return h
}

// health reports a chain's head, the watcher's progress and the settler's
// batches in flight. The chain is unhealthy while its head cannot be read,
// and while settlement waits for the Exchange to be unpaused.
func (l *chainLink) health() rpc.ComponentHealth {
	l.mu.Lock()
	waiting := len(l.pending)
	l.mu.Unlock()
	paused := l.settler.Paused()
	c := rpc.ComponentHealth{Name: fmt.Sprintf("chain %d", l.cfg.ChainID), OK: true, Detail: map[string]any{
		"head_block":        l.head.Load(),
		"delivered_block":   l.delivered.Load(),
		"last_batch":        l.lastBatch.Load(),
		"batches_in_flight": l.settler.InFlight(),
		"batches_waiting":   waiting,
		"exchange_paused":   paused,
	}}
	if paused {
		c.OK = false
	}
	if p := l.headErr.Load(); p != nil {
		c.OK = false
		c.Detail["error"] = (*p).Error()
	}
	return c
}
