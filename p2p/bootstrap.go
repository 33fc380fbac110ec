package p2p

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/peerstore"
	"github.com/multiformats/go-multiaddr"
)

// bootnodeTag protects bootnode connections from the connection manager.
const bootnodeTag = "thx-bootnode"

// parseBootnodes groups bootnode multiaddrs by peer.
func parseBootnodes(addrs []multiaddr.Multiaddr) ([]peer.AddrInfo, error) {
	for _, a := range addrs {
		if _, err := peer.AddrInfoFromP2pAddr(a); err != nil {
			return nil, invalidConfig("bootnode %s: %v; expected a multiaddr ending in /p2p/<peer id>", a, err)
		}
	}
	infos, err := peer.AddrInfosFromP2pAddrs(addrs...)
	if err != nil {
		return nil, invalidConfig("bootnodes: %v", err)
	}
	return infos, nil
}

// bootnodeDialer keeps one bootnode connected. Its goroutine owns rng and
// the backoff.
type bootnodeDialer struct {
	h    *Host
	info peer.AddrInfo
	rng  *mrand.Rand
	// wake is signalled when the bootnode disconnects.
	wake chan struct{}
}

// newBootnodeDialers builds one dialer per bootnode and fills
// h.bootnodeWake. It runs before the peer events goroutine reads the map.
func (h *Host) newBootnodeDialers() []*bootnodeDialer {
	seeds := newRand(h.cfg.Seed)
	dialers := make([]*bootnodeDialer, 0, len(h.bootnodes))
	h.bootnodeWake = make(map[peer.ID]chan struct{}, len(h.bootnodes))
	for _, info := range h.bootnodes {
		h.host.Peerstore().AddAddrs(info.ID, info.Addrs, peerstore.PermanentAddrTTL)
		h.host.ConnManager().Protect(info.ID, bootnodeTag)
		d := &bootnodeDialer{
			h:    h,
			info: info,
			rng:  mrand.New(mrand.NewPCG(seeds.Uint64(), seeds.Uint64())),
			wake: make(chan struct{}, 1),
		}
		h.bootnodeWake[info.ID] = d.wake
		dialers = append(dialers, d)
	}
	return dialers
}

// wakeBootnode signals p's dialer, if p is a bootnode, that p disconnected.
func (h *Host) wakeBootnode(p peer.ID) {
	if wake, ok := h.bootnodeWake[p]; ok {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
}

// run dials the bootnode whenever it is not connected, waiting between
// failed attempts with exponential backoff and jitter.
func (d *bootnodeDialer) run() {
	defer d.h.wg.Done()
	limits := d.h.cfg.Limits
	backoff := limits.BootnodeBackoffMin
	failures := 0
	for {
		if d.h.host.Network().Connectedness(d.info.ID) != network.Connected {
			if err := d.dial(); err != nil {
				failures++
				d.logFailure(failures, backoff, err)
				if !d.sleep(d.jitter(backoff)) {
					return
				}
				backoff = min(2*backoff, limits.BootnodeBackoffMax)
				continue
			}
			d.h.log.Info("bootnode connected", "peer", d.info.ID, "failed_attempts", failures)
			backoff, failures = limits.BootnodeBackoffMin, 0
		}
		select {
		case <-d.h.ctx.Done():
			return
		case <-d.wake:
		}
	}
}

// dial connects within DialTimeout. It skips the swarm's own dial backoff,
// because the dialer keeps its own.
func (d *bootnodeDialer) dial() error {
	ctx, cancel := context.WithTimeout(d.h.ctx, d.h.cfg.Limits.DialTimeout)
	defer cancel()
	ctx = network.WithForceDirectDial(ctx, "bootnode reconnection")
	if err := d.h.host.Connect(ctx, d.info); err != nil {
		return fmt.Errorf("p2p: dial bootnode %s: %w", d.info.ID, err)
	}
	return nil
}

// logFailure warns on the first failure and every tenth, and logs the rest
// at debug level, so that a bootnode down for hours does not flood the log.
func (d *bootnodeDialer) logFailure(failures int, backoff time.Duration, err error) {
	if failures == 1 || failures%10 == 0 {
		d.h.log.Warn("bootnode unreachable, retrying", "peer", d.info.ID, "attempts", failures, "retry_in", backoff, "err", err)
		return
	}
	d.h.log.Debug("bootnode unreachable, retrying", "peer", d.info.ID, "attempts", failures, "retry_in", backoff, "err", err)
}

// jitter returns d scaled by a random factor from 0.8 to 1.2.
func (d *bootnodeDialer) jitter(backoff time.Duration) time.Duration {
	return time.Duration(float64(backoff) * (0.8 + 0.4*d.rng.Float64()))
}

// sleep waits for delay and reports false if the host closed first.
func (d *bootnodeDialer) sleep(delay time.Duration) bool {
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-d.h.ctx.Done():
		return false
	}
}
