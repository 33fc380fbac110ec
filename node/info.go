package node

import (
	"github.com/thaliumx/thaliumx/rpc"
)

// NodeInfo describes the node.
func (n *Node) NodeInfo() rpc.NodeInfo {
	info := rpc.NodeInfo{Version: n.cfg.Version, Role: "sequencer"}
	for _, c := range n.cfg.Chains {
		info.Chains = append(info.Chains, rpc.ChainInfo{ChainID: c.ChainID, Name: c.Name, Exchange: c.Exchange, RPCURL: c.RPCURL})
	}
	if h := n.hashAt.Load(); h != nil {
		info.Seq, info.StateHash = h.seq, h.hash
	}
	return info
}

// Health reports the status of the log, the sequencer and the indexer.
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
	sequencer := rpc.ComponentHealth{Name: "sequencer", OK: running && failure == nil, Detail: map[string]any{
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

	h := rpc.Health{Components: []rpc.ComponentHealth{logHealth, sequencer, indexer, settlement}}
	h.OK = true
	for _, c := range h.Components {
		h.OK = h.OK && c.OK
	}
	return h
}
