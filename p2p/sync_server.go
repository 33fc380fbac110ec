package p2p

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/libp2p/go-libp2p/core/network"

	"github.com/thaliumx/thaliumx/node/store"
)

// syncServer serves sync requests from the node's LogSource. Each request
// runs on the stream's own goroutine, and the semaphores bound how many
// are served at once.
type syncServer struct {
	h *Host
	// streams and snapshots are semaphores of SyncServeStreamsMax and
	// SnapshotServesMax slots.
	streams   chan struct{}
	snapshots chan struct{}

	// chunkHook, when set by a test, runs before each snapshot chunk is
	// sent, with the chunk's index.
	chunkHook func(chunk int)
}

func newSyncServer(h *Host) *syncServer {
	return &syncServer{
		h:         h,
		streams:   make(chan struct{}, h.cfg.Limits.SyncServeStreamsMax),
		snapshots: make(chan struct{}, h.cfg.Limits.SnapshotServesMax),
	}
}

// handle serves one request on st. A request that cannot be read resets
// the stream. Every other outcome gets a response with a status.
func (s *syncServer) handle(st network.Stream) {
	defer st.Close()
	timeout := s.h.cfg.Limits.SyncRequestTimeout
	if err := st.SetDeadline(time.Now().Add(timeout)); err != nil {
		st.Reset()
		return
	}
	log := s.h.log.With("peer", st.Conn().RemotePeer())
	frame, err := readFrame(st, syncRequestBytesMax)
	if err != nil {
		log.Debug("sync request unreadable", "err", err)
		st.Reset()
		return
	}
	s.h.metrics.syncBytes.WithLabelValues("received").Add(float64(frameHeaderBytes + len(frame)))

	req, err := decodeSyncRequest(frame)
	var response []byte
	switch {
	case err != nil:
		response = s.failure(requestKind(frame), statusBadRequest, err.Error())
	case s.h.handlers.Log == nil:
		response = s.failure(req.kind, statusUnavailable, "this node does not serve its log")
	default:
		select {
		case s.streams <- struct{}{}:
			defer func() { <-s.streams }()
			response = s.serve(st, req)
		default:
			response = s.failure(req.kind, statusBusy, fmt.Sprintf("serving %d sync requests already", cap(s.streams)))
		}
	}
	if response == nil {
		return // the snapshot was streamed
	}
	if err := s.send(st, response); err != nil {
		log.Debug("sync response not sent", "err", err)
	}
}

// requestKind returns the kind byte of a request that failed to decode, so
// the failure names the kind the client expects.
func requestKind(frame []byte) byte {
	if len(frame) >= 2 {
		return frame[1]
	}
	return 0
}

// serve handles a decoded request. It returns the response frame, or nil
// when it streamed a snapshot itself.
func (s *syncServer) serve(st network.Stream, req syncRequest) []byte {
	switch req.kind {
	case syncKindStatus:
		return s.serveStatus()
	case syncKindLog:
		return s.serveLog(req)
	default:
		return s.serveSnapshot(st)
	}
}

func (s *syncServer) serveStatus() []byte {
	src := s.h.handlers.Log
	status := PeerStatus{FirstSeq: src.FirstSeq(), LastSeq: src.LastSeq()}
	infos, err := src.Snapshots()
	if err != nil {
		s.h.log.Error("listing snapshots for a peer failed", "err", err)
	}
	for _, info := range infos {
		if info.Err == nil {
			status.SnapshotSeq = info.Seq
			break
		}
	}
	s.count(syncKindStatus, statusOK)
	return encodeStatusResponse(status)
}

func (s *syncServer) serveLog(req syncRequest) []byte {
	src := s.h.handlers.Log
	first, last := src.FirstSeq(), src.LastSeq()
	limits := s.h.cfg.Limits
	maxEntries := min(int(req.maxEntries), limits.SyncEntriesMax)
	maxBytes := min(int(req.maxBytes), limits.SyncResponseBytesMax)
	payloadBytes := maxBytes - logResponseHeaderBytes - maxEntries*logEntryHeaderBytes
	switch {
	case maxEntries < 1:
		return s.failure(syncKindLog, statusBadRequest, "max entries is 0")
	case maxBytes < logResponseBytesMin || payloadBytes < 1:
		return s.failure(syncKindLog, statusBadRequest,
			fmt.Sprintf("max bytes %d cannot hold %d entries of up to %d bytes", req.maxBytes, maxEntries, entryPayloadBytesMax))
	case req.from < first:
		return s.failure(syncKindLog, statusNotStored, fmt.Sprintf("seq %d is before the first stored entry; fetch a snapshot", req.from))
	case req.from > last:
		return s.failure(syncKindLog, statusBehind, fmt.Sprintf("seq %d is past the last stored entry", req.from))
	}

	entries, err := src.ReadLog(req.from, maxEntries, payloadBytes)
	switch {
	case errors.Is(err, store.ErrNotStored):
		return s.failure(syncKindLog, statusNotStored, err.Error())
	case err != nil:
		s.h.log.Error("reading the log for a peer failed", "from_seq", req.from, "err", err)
		return s.failure(syncKindLog, statusFailed, "reading the log failed")
	case len(entries) == 0:
		return s.failure(syncKindLog, statusBehind, fmt.Sprintf("seq %d is past the last stored entry", req.from))
	}
	s.count(syncKindLog, statusOK)
	return encodeLogResponse(entries)
}

// serveSnapshot streams the newest snapshot: a header frame, then chunk
// frames, each written within SyncRequestTimeout.
func (s *syncServer) serveSnapshot(st network.Stream) []byte {
	select {
	case s.snapshots <- struct{}{}:
		defer func() { <-s.snapshots }()
	default:
		return s.failure(syncKindSnapshot, statusBusy, fmt.Sprintf("serving %d snapshots already", cap(s.snapshots)))
	}
	snap, skipped, err := s.h.handlers.Log.LatestSnapshot()
	for _, e := range skipped {
		s.h.log.Warn("damaged snapshot not served", "err", e)
	}
	switch {
	case errors.Is(err, store.ErrNoSnapshot):
		return s.failure(syncKindSnapshot, statusNoSnapshot, "no valid snapshot stored")
	case err != nil:
		s.h.log.Error("loading the snapshot for a peer failed", "err", err)
		return s.failure(syncKindSnapshot, statusFailed, "loading the snapshot failed")
	}

	chunk := s.h.cfg.Limits.SnapshotChunkBytes
	header := snapshotHeader{
		seq:          snap.Seq,
		stateHash:    snap.StateHash,
		payloadBytes: uint64(len(snap.Payload)),
		chunkBytes:   uint32(chunk),
		sum:          sha256.Sum256(snap.Payload),
	}
	if err := s.send(st, header.encode()); err != nil {
		s.h.log.Debug("snapshot header not sent", "seq", snap.Seq, "err", err)
		return nil
	}
	if err := s.sendChunks(st, snap.Payload, chunk); err != nil {
		s.h.log.Info("snapshot transfer to a peer stopped", "peer", st.Conn().RemotePeer(), "seq", snap.Seq, "err", err)
		st.Reset()
		return nil
	}
	s.count(syncKindSnapshot, statusOK)
	s.h.log.Info("snapshot sent to a peer", "peer", st.Conn().RemotePeer(), "seq", snap.Seq, "bytes", len(snap.Payload))
	return nil
}

func (s *syncServer) sendChunks(st network.Stream, payload []byte, chunk int) error {
	for i, start := 0, 0; start < len(payload); i, start = i+1, start+chunk {
		if s.chunkHook != nil {
			s.chunkHook(i)
		}
		if err := st.SetWriteDeadline(time.Now().Add(s.h.cfg.Limits.SyncRequestTimeout)); err != nil {
			return err
		}
		if err := s.send(st, payload[start:min(start+chunk, len(payload))]); err != nil {
			return err
		}
	}
	return nil
}

func (s *syncServer) send(st network.Stream, frame []byte) error {
	if err := writeFrame(st, frame); err != nil {
		return err
	}
	s.h.metrics.syncBytes.WithLabelValues("sent").Add(float64(frameHeaderBytes + len(frame)))
	return nil
}

// failure builds a failure response and counts it.
func (s *syncServer) failure(kind, status byte, reason string) []byte {
	s.count(kind, status)
	src := s.h.handlers.Log
	f := syncFailure{status: status, reason: reason}
	if src != nil {
		f.first, f.last = src.FirstSeq(), src.LastSeq()
	}
	return f.encode(kind)
}

func (s *syncServer) count(kind, status byte) {
	name := "unknown"
	if int(kind) < len(kindNames) && kindNames[kind] != "" {
		name = kindNames[kind]
	}
	s.h.metrics.syncRequests.WithLabelValues(name, statusNames[status]).Inc()
}
