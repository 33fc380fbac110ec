package p2p

import (
	"context"
	"fmt"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/discovery/mdns"
	"github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

const (
	// mdnsServiceName keeps ThaliumX nodes apart from other libp2p
	// programs on the same network.
	mdnsServiceName = "_thx-p2p._udp"

	// mdnsDialsMax bounds the dials to discovered peers in flight; a peer
	// found while all are busy is skipped until it is announced again.
	mdnsDialsMax = 4
)

// mdnsNotifee dials the peers that mDNS discovers.
type mdnsNotifee struct {
	h     *Host
	slots chan struct{}
}

func (h *Host) startMDNS() error {
	n := &mdnsNotifee{h: h, slots: make(chan struct{}, mdnsDialsMax)}
	s := mdns.NewMdnsService(h.host, mdnsServiceName, n)
	if err := s.Start(); err != nil {
		return fmt.Errorf("p2p: start mDNS discovery: %w", err)
	}
	h.mdns = s
	return nil
}

// HandlePeerFound connects to a discovered peer. mDNS calls it on a new
// goroutine per announcement.
func (n *mdnsNotifee) HandlePeerFound(info peer.AddrInfo) {
	h := n.h
	if h.ctx.Err() != nil || info.ID == h.host.ID() || h.bans.banned(info.ID) ||
		h.host.Network().Connectedness(info.ID) == network.Connected {
		return
	}
	if h.cfg.LoopbackOnly {
		info.Addrs = loopbackAddrs(info.Addrs)
		if len(info.Addrs) == 0 {
			return
		}
	}
	select {
	case n.slots <- struct{}{}:
		defer func() { <-n.slots }()
	default:
		return
	}
	ctx, cancel := context.WithTimeout(h.ctx, h.cfg.Limits.DialTimeout)
	defer cancel()
	if err := h.host.Connect(ctx, info); err != nil {
		h.log.Debug("peer found by mDNS unreachable", "peer", info.ID, "err", err)
		return
	}
	h.log.Info("peer found by mDNS", "peer", info.ID)
}

func loopbackAddrs(addrs []multiaddr.Multiaddr) []multiaddr.Multiaddr {
	var out []multiaddr.Multiaddr
	for _, a := range addrs {
		if manet.IsIPLoopback(a) {
			out = append(out, a)
		}
	}
	return out
}
