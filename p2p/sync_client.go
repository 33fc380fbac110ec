package p2p

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/thaliumx/thaliumx/node/store"
)

const (
	// statusQueriesMax bounds the status requests in flight at once.
	statusQueriesMax = 16

	// snapshotPreallocBytesMax bounds the buffer allocated on a peer's
	// word before any chunk arrives.
	snapshotPreallocBytesMax = 64 << 20
)

// SyncClient fetches log ranges and snapshots from peers over SyncProtocol.
// Its methods are safe for concurrent use.
//
// NOTE: entries fetched by sync carry no signature of their own. A peer
// that serves forged entries is caught when the follower applies the next
// gossiped batch and its state hash, which the operator signed, differs.
type SyncClient struct {
	h *Host
}

func newSyncClient(h *Host) *SyncClient { return &SyncClient{h: h} }

// applyError marks an error returned by the caller's apply function, which
// stops a sync instead of moving it to another peer.
type applyError struct{ err error }

func (e *applyError) Error() string { return e.err.Error() }
func (e *applyError) Unwrap() error { return e.err }

// Status requests peer p's log bounds and newest snapshot.
func (c *SyncClient) Status(ctx context.Context, p peer.ID) (PeerStatus, error) {
	st, body, err := c.request(ctx, p, syncRequest{kind: syncKindStatus}, syncControlFrameBytes)
	if err != nil {
		return PeerStatus{}, err
	}
	st.Close()
	return decodeStatusBody(body, p)
}

// FetchLog requests up to maxEntries entries from seq from at peer p.
func (c *SyncClient) FetchLog(ctx context.Context, p peer.ID, from uint64, maxEntries int) ([]store.Entry, error) {
	limits := c.h.cfg.Limits
	if from == 0 || maxEntries < 1 || maxEntries > limits.SyncEntriesMax {
		return nil, fmt.Errorf("%w: from seq %d, max entries %d; expected seq 1 or more and 1 to %d entries",
			ErrInvalidRequest, from, maxEntries, limits.SyncEntriesMax)
	}
	req := syncRequest{kind: syncKindLog, from: from, maxEntries: uint32(maxEntries), maxBytes: uint32(limits.SyncResponseBytesMax)}
	st, body, err := c.request(ctx, p, req, limits.SyncResponseBytesMax)
	if err != nil {
		return nil, err
	}
	st.Close()
	entries, err := decodeLogBody(body, from, maxEntries)
	if err != nil {
		return nil, fmt.Errorf("peer %s: %w", p, err)
	}
	return entries, nil
}

// FetchSnapshot requests peer p's newest snapshot and checks its size and
// SHA-256 checksum. The node must still check the state hash after
// restoring it (see SyncClient).
func (c *SyncClient) FetchSnapshot(ctx context.Context, p peer.ID) (store.Snapshot, error) {
	st, body, err := c.request(ctx, p, syncRequest{kind: syncKindSnapshot}, syncControlFrameBytes)
	if err != nil {
		return store.Snapshot{}, err
	}
	defer st.Close()
	stop := context.AfterFunc(ctx, func() { st.Reset() })
	defer stop()
	h, err := decodeSnapshotHeader(body, c.h.cfg.Limits.SnapshotBytesMax)
	if err != nil {
		st.Reset()
		return store.Snapshot{}, fmt.Errorf("peer %s: %w", p, err)
	}
	payload, err := c.readChunks(st, h)
	if err != nil {
		st.Reset()
		return store.Snapshot{}, fmt.Errorf("snapshot seq %d from peer %s: %w", h.seq, p, err)
	}
	return store.Snapshot{Seq: h.seq, StateHash: h.stateHash, Payload: payload}, nil
}

// readChunks reads the chunk frames after a snapshot header, each within
// SyncRequestTimeout, and checks their sizes and the payload's checksum.
func (c *SyncClient) readChunks(st network.Stream, h snapshotHeader) ([]byte, error) {
	payload := make([]byte, 0, min(h.payloadBytes, snapshotPreallocBytesMax))
	sum := sha256.New()
	for i := uint64(0); i < h.chunks(); i++ {
		if err := st.SetReadDeadline(time.Now().Add(c.h.cfg.Limits.SyncRequestTimeout)); err != nil {
			return nil, err
		}
		chunk, err := readFrame(st, int(h.chunkBytes))
		if err != nil {
			return nil, fmt.Errorf("chunk %d of %d: %w", i, h.chunks(), err)
		}
		c.h.metrics.syncBytes.WithLabelValues("received").Add(float64(frameHeaderBytes + len(chunk)))
		expected := min(uint64(h.chunkBytes), h.payloadBytes-uint64(len(payload)))
		if uint64(len(chunk)) != expected {
			return nil, fmt.Errorf("%w: chunk %d has %d bytes, expected %d", ErrInvalidResponse, i, len(chunk), expected)
		}
		sum.Write(chunk)
		payload = append(payload, chunk...)
	}
	if got := sum.Sum(nil); !bytes.Equal(got, h.sum[:]) {
		return nil, fmt.Errorf("%w: payload SHA-256 %x, expected %x from the snapshot header", ErrInvalidResponse, got, h.sum)
	}
	return payload, nil
}

// request opens a stream to p, sends req and reads the first response
// frame. The stream's deadline is SyncRequestTimeout, and it is reset if
// ctx ends before request returns. The caller closes the returned stream.
func (c *SyncClient) request(ctx context.Context, p peer.ID, req syncRequest, responseLimit int) (network.Stream, []byte, error) {
	if c.h.isClosed() {
		return nil, nil, ErrClosed
	}
	timeout := c.h.cfg.Limits.SyncRequestTimeout
	openCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	st, err := c.h.host.NewStream(openCtx, p, SyncProtocol)
	if err != nil {
		return nil, nil, fmt.Errorf("p2p: open sync stream to peer %s: %w", p, err)
	}
	stop := context.AfterFunc(ctx, func() { st.Reset() })
	defer stop()

	body, err := c.exchange(st, req, responseLimit, timeout)
	if err != nil {
		st.Reset()
		if ctx.Err() != nil {
			err = errors.Join(ctx.Err(), err)
		}
		return nil, nil, fmt.Errorf("p2p: %s request to peer %s: %w", kindNames[req.kind], p, err)
	}
	return st, body, nil
}

func (c *SyncClient) exchange(st network.Stream, req syncRequest, responseLimit int, timeout time.Duration) ([]byte, error) {
	if err := st.SetDeadline(time.Now().Add(timeout)); err != nil {
		return nil, err
	}
	frame := req.encode()
	if err := writeFrame(st, frame); err != nil {
		return nil, err
	}
	if err := st.CloseWrite(); err != nil {
		return nil, err
	}
	c.h.metrics.syncBytes.WithLabelValues("sent").Add(float64(frameHeaderBytes + len(frame)))
	response, err := readFrame(st, responseLimit)
	if err != nil {
		return nil, err
	}
	c.h.metrics.syncBytes.WithLabelValues("received").Add(float64(frameHeaderBytes + len(response)))
	return decodeResponseHeader(response, req.kind, st.Conn().RemotePeer())
}

// Statuses asks every connected peer that may serve SyncProtocol for its
// status, and returns the answers, the most advanced log first.
func (c *SyncClient) Statuses(ctx context.Context) []PeerStatus {
	peers := c.syncPeers()
	results := make([]PeerStatus, 0, len(peers))
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, statusQueriesMax)
	for _, p := range peers {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			s, err := c.Status(ctx, p)
			if err != nil {
				c.h.log.Debug("sync status request failed", "peer", p, "err", err)
				return
			}
			mu.Lock()
			results = append(results, s)
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.SortFunc(results, func(a, b PeerStatus) int {
		if a.LastSeq != b.LastSeq {
			return cmpDesc(a.LastSeq, b.LastSeq)
		}
		return strings.Compare(string(a.Peer), string(b.Peer))
	})
	return results
}

func cmpDesc(a, b uint64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// syncPeers returns the connected peers that announced SyncProtocol, or
// whose protocols are not known yet.
func (c *SyncClient) syncPeers() []peer.ID {
	var peers []peer.ID
	store := c.h.host.Peerstore()
	for _, p := range c.h.host.Network().Peers() {
		protocols, err := store.GetProtocols(p)
		if err != nil || len(protocols) == 0 || slices.Contains(protocols, SyncProtocol) {
			peers = append(peers, p)
		}
	}
	return peers
}
