package p2p

import (
	"encoding/binary"
	"fmt"
	"io"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/thaliumx/thaliumx/node/store"
)

// Sync protocol wire format, version 1. One request per stream; every
// message is a frame: length u32 | bytes, big-endian like every integer.
//
//	request:  version u8 | kind u8 | body
//	  status:   (empty)
//	  log:      from u64 | max entries u32 | max bytes u32
//	  snapshot: (empty)
//	response: version u8 | kind u8 | status u8 | body
//	  failure (status other than OK): first u64 | last u64 | reason length u16 | reason
//	  status:   first u64 | last u64 | snapshot seq u64 (0: none)
//	  log:      first u64 | count u32 | count × (payload length u32 | payload)
//	  snapshot: seq u64 | state hash [32] | payload bytes u64 | chunk bytes u32 |
//	            SHA-256 of the payload [32], then one frame per chunk of
//	            chunk bytes (the last may be shorter)
//
// first and last are the server's stored log bounds, so a client learns
// where to look next from a failure too.
const (
	syncVersion = 1

	syncKindStatus   = 1
	syncKindLog      = 2
	syncKindSnapshot = 3

	syncRequestBytesMax    = 18
	syncReasonBytesMax     = 256
	syncFailureBytesMax    = 3 + 8 + 8 + 2 + syncReasonBytesMax
	statusResponseBytes    = 3 + 8 + 8 + 8
	logResponseHeaderBytes = 3 + 8 + 4
	snapshotHeaderBytes    = 3 + 8 + 32 + 8 + 4 + 32
	logEntryHeaderBytes    = 4
	frameHeaderBytes       = 4
	snapshotSumBytes       = 32

	// logResponseBytesMin fits one entry of the largest size, which a log
	// response must be able to carry.
	logResponseBytesMin = logResponseHeaderBytes + logEntryHeaderBytes + entryPayloadBytesMax

	// syncControlFrameBytes bounds every response frame but a log
	// response and a snapshot chunk.
	syncControlFrameBytes = max(syncFailureBytesMax, statusResponseBytes, snapshotHeaderBytes)
)

// Response statuses.
const (
	statusOK          = 0
	statusNotStored   = 1
	statusBehind      = 2
	statusNoSnapshot  = 3
	statusBusy        = 4
	statusBadRequest  = 5
	statusUnavailable = 6
	statusFailed      = 7
	statusEnd         = 8
)

var statusNames = [...]string{
	statusOK:          "ok",
	statusNotStored:   "not_stored",
	statusBehind:      "behind",
	statusNoSnapshot:  "no_snapshot",
	statusBusy:        "busy",
	statusBadRequest:  "bad_request",
	statusUnavailable: "unavailable",
	statusFailed:      "failed",
}

var statusErrors = [...]error{
	statusNotStored:   ErrRangeNotStored,
	statusBehind:      ErrPeerBehind,
	statusNoSnapshot:  ErrNoSnapshot,
	statusBusy:        ErrPeerBusy,
	statusBadRequest:  ErrRequestRejected,
	statusUnavailable: ErrSyncUnavailable,
	statusFailed:      ErrPeerFailed,
}

var kindNames = [...]string{syncKindStatus: "status", syncKindLog: "log", syncKindSnapshot: "snapshot"}

// RemoteError is a peer's failure response to a sync request. It unwraps to one of ErrRangeNotStored, ErrPeerBehind, ErrNoSnapshot,
// ErrPeerBusy, ErrRequestRejected, ErrSyncUnavailable or ErrPeerFailed.
type RemoteError struct {
	Peer peer.ID
	// FirstSeq and LastSeq are the peer's stored log bounds.
	FirstSeq, LastSeq uint64
	Reason            string
	status            byte
}

func (e *RemoteError) Error() string {
	return fmt.Sprintf("%v: peer %s stores seq %d to %d: %s", e.Unwrap(), e.Peer, e.FirstSeq, e.LastSeq, e.Reason)
}

// Unwrap returns the sentinel of the peer's status.
func (e *RemoteError) Unwrap() error { return statusErrors[e.status] }

// PeerStatus is a peer's response to a status request.
type PeerStatus struct {
	Peer peer.ID
	// FirstSeq and LastSeq bound the peer's stored log; LastSeq <
	// FirstSeq when it stores no entry.
	FirstSeq, LastSeq uint64
	// SnapshotSeq is the seq of the peer's newest snapshot, 0 for none.
	SnapshotSeq uint64
}

// Holds reports whether the peer stores entry seq.
func (s PeerStatus) Holds(seq uint64) bool {
	return seq >= s.FirstSeq && seq <= s.LastSeq
}

type syncRequest struct {
	kind       byte
	from       uint64
	maxEntries uint32
	// maxBytes bounds the log response frame, so that the client's limit
	// holds whatever the server's is.
	maxBytes uint32
}

func (r syncRequest) encode() []byte {
	buf := []byte{syncVersion, r.kind}
	if r.kind == syncKindLog {
		buf = binary.BigEndian.AppendUint64(buf, r.from)
		buf = binary.BigEndian.AppendUint32(buf, r.maxEntries)
		buf = binary.BigEndian.AppendUint32(buf, r.maxBytes)
	}
	return buf
}

func decodeSyncRequest(b []byte) (syncRequest, error) {
	var r syncRequest
	if len(b) < 2 {
		return r, fmt.Errorf("%w: request of %d bytes, shorter than its header", ErrMalformed, len(b))
	}
	if b[0] != syncVersion {
		return r, fmt.Errorf("%w: sync request version %d; this build reads version %d", ErrUnsupportedVersion, b[0], syncVersion)
	}
	r.kind = b[1]
	want := 2
	switch r.kind {
	case syncKindStatus, syncKindSnapshot:
	case syncKindLog:
		want = 2 + 8 + 4 + 4
		if len(b) == want {
			r.from = binary.BigEndian.Uint64(b[2:10])
			r.maxEntries = binary.BigEndian.Uint32(b[10:14])
			r.maxBytes = binary.BigEndian.Uint32(b[14:18])
		}
	default:
		return r, fmt.Errorf("%w: sync request kind %d, expected 1 to 3", ErrMalformed, r.kind)
	}
	if len(b) != want {
		return r, fmt.Errorf("%w: %s request of %d bytes, expected %d", ErrMalformed, kindNames[r.kind], len(b), want)
	}
	return r, nil
}

// syncFailure is a response with a status other than OK.
type syncFailure struct {
	status      byte
	first, last uint64
	reason      string
}

func (f syncFailure) encode(kind byte) []byte {
	reason := f.reason[:min(len(f.reason), syncReasonBytesMax)]
	buf := []byte{syncVersion, kind, f.status}
	buf = binary.BigEndian.AppendUint64(buf, f.first)
	buf = binary.BigEndian.AppendUint64(buf, f.last)
	buf = binary.BigEndian.AppendUint16(buf, uint16(len(reason)))
	return append(buf, reason...)
}

// decodeResponseHeader checks the version and kind of a response and
// returns its status and body. A failure is returned as a *RemoteError.
func decodeResponseHeader(b []byte, kind byte, from peer.ID) (body []byte, err error) {
	if len(b) < 3 {
		return nil, fmt.Errorf("%w: response of %d bytes, shorter than its header", ErrInvalidResponse, len(b))
	}
	if b[0] != syncVersion {
		return nil, fmt.Errorf("%w: response version %d; this build reads version %d", ErrInvalidResponse, b[0], syncVersion)
	}
	if b[1] != kind {
		return nil, fmt.Errorf("%w: response kind %d to a %s request", ErrInvalidResponse, b[1], kindNames[kind])
	}
	status := b[2]
	if status == statusOK {
		return b[3:], nil
	}
	if status >= statusEnd {
		return nil, fmt.Errorf("%w: unknown status %d", ErrInvalidResponse, status)
	}
	return nil, decodeFailure(b[3:], status, from)
}

func decodeFailure(b []byte, status byte, from peer.ID) error {
	if len(b) < 18 {
		return fmt.Errorf("%w: %s failure of %d bytes, shorter than its bounds", ErrInvalidResponse, statusNames[status], len(b))
	}
	n := int(binary.BigEndian.Uint16(b[16:18]))
	if n > syncReasonBytesMax || len(b) != 18+n {
		return fmt.Errorf("%w: %s failure reason of %d bytes in %d", ErrInvalidResponse, statusNames[status], n, len(b)-18)
	}
	return &RemoteError{
		Peer:     from,
		FirstSeq: binary.BigEndian.Uint64(b[0:8]),
		LastSeq:  binary.BigEndian.Uint64(b[8:16]),
		Reason:   printable(b[18:]),
		status:   status,
	}
}

// printable keeps a peer's reason text to printable ASCII, so that it
// cannot forge log lines.
func printable(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			c = '?'
		}
		out[i] = c
	}
	return string(out)
}

func encodeStatusResponse(s PeerStatus) []byte {
	buf := []byte{syncVersion, syncKindStatus, statusOK}
	buf = binary.BigEndian.AppendUint64(buf, s.FirstSeq)
	buf = binary.BigEndian.AppendUint64(buf, s.LastSeq)
	return binary.BigEndian.AppendUint64(buf, s.SnapshotSeq)
}

func decodeStatusBody(b []byte, from peer.ID) (PeerStatus, error) {
	if len(b) != 24 {
		return PeerStatus{}, fmt.Errorf("%w: status body of %d bytes, expected 24", ErrInvalidResponse, len(b))
	}
	return PeerStatus{
		Peer:        from,
		FirstSeq:    binary.BigEndian.Uint64(b[0:8]),
		LastSeq:     binary.BigEndian.Uint64(b[8:16]),
		SnapshotSeq: binary.BigEndian.Uint64(b[16:24]),
	}, nil
}

func encodeLogResponse(entries []store.Entry) []byte {
	size := logResponseHeaderBytes
	for _, e := range entries {
		size += logEntryHeaderBytes + len(e.Payload)
	}
	buf := make([]byte, 0, size)
	buf = append(buf, syncVersion, syncKindLog, statusOK)
	buf = binary.BigEndian.AppendUint64(buf, entries[0].Seq)
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(entries)))
	for _, e := range entries {
		buf = binary.BigEndian.AppendUint32(buf, uint32(len(e.Payload)))
		buf = append(buf, e.Payload...)
	}
	return buf
}

// decodeLogBody parses the entries of a log response to a request from
// seq from for at most maxEntries entries.
func decodeLogBody(b []byte, from uint64, maxEntries int) ([]store.Entry, error) {
	if len(b) < 12 {
		return nil, fmt.Errorf("%w: log body of %d bytes, shorter than its header", ErrInvalidResponse, len(b))
	}
	first := binary.BigEndian.Uint64(b[0:8])
	count := binary.BigEndian.Uint32(b[8:12])
	switch {
	case first != from:
		return nil, fmt.Errorf("%w: entries start at seq %d, requested %d", ErrInvalidResponse, first, from)
	case count == 0 || int64(count) > int64(maxEntries):
		return nil, fmt.Errorf("%w: %d entries, requested 1 to %d", ErrInvalidResponse, count, maxEntries)
	}
	entries, rest, err := decodeBatchEntries(b[12:], first, count)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidResponse, err)
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the last entry", ErrInvalidResponse, len(rest))
	}
	return entries, nil
}

// snapshotHeader describes the snapshot that follows in chunk frames.
type snapshotHeader struct {
	seq          uint64
	stateHash    store.StateHash
	payloadBytes uint64
	chunkBytes   uint32
	sum          [snapshotSumBytes]byte
}

func (h snapshotHeader) encode() []byte {
	buf := []byte{syncVersion, syncKindSnapshot, statusOK}
	buf = binary.BigEndian.AppendUint64(buf, h.seq)
	buf = append(buf, h.stateHash[:]...)
	buf = binary.BigEndian.AppendUint64(buf, h.payloadBytes)
	buf = binary.BigEndian.AppendUint32(buf, h.chunkBytes)
	return append(buf, h.sum[:]...)
}

// decodeSnapshotHeader parses the header body, accepting at most
// payloadMax bytes of payload in chunks of at most snapshotChunkBytesLimit
// bytes.
func decodeSnapshotHeader(b []byte, payloadMax int64) (snapshotHeader, error) {
	var h snapshotHeader
	if len(b) != snapshotHeaderBytes-3 {
		return h, fmt.Errorf("%w: snapshot header body of %d bytes, expected %d", ErrInvalidResponse, len(b), snapshotHeaderBytes-3)
	}
	h.seq = binary.BigEndian.Uint64(b[0:8])
	copy(h.stateHash[:], b[8:40])
	h.payloadBytes = binary.BigEndian.Uint64(b[40:48])
	h.chunkBytes = binary.BigEndian.Uint32(b[48:52])
	copy(h.sum[:], b[52:84])
	switch {
	case h.seq == 0:
		return h, fmt.Errorf("%w: snapshot at seq 0", ErrInvalidResponse)
	case h.payloadBytes > uint64(payloadMax):
		return h, fmt.Errorf("%w: snapshot of %d bytes, the limit is SnapshotBytesMax %d", ErrMessageTooLarge, h.payloadBytes, payloadMax)
	case h.chunkBytes == 0 || h.chunkBytes > snapshotChunkBytesLimit:
		return h, fmt.Errorf("%w: snapshot chunks of %d bytes, expected 1 to %d", ErrInvalidResponse, h.chunkBytes, snapshotChunkBytesLimit)
	}
	return h, nil
}

// chunks returns how many chunk frames follow the header.
func (h snapshotHeader) chunks() uint64 {
	return (h.payloadBytes + uint64(h.chunkBytes) - 1) / uint64(h.chunkBytes)
}

// writeFrame writes b as one frame.
func writeFrame(w io.Writer, b []byte) error {
	var header [frameHeaderBytes]byte
	binary.BigEndian.PutUint32(header[:], uint32(len(b)))
	if _, err := w.Write(header[:]); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

// readFrame reads one frame of at most limit bytes.
func readFrame(r io.Reader, limit int) ([]byte, error) {
	var header [frameHeaderBytes]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(header[:])
	if int64(n) > int64(limit) {
		return nil, fmt.Errorf("%w: frame of %d bytes, the limit is %d", ErrMessageTooLarge, n, limit)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, err
	}
	return b, nil
}
