package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// Key layout. The first byte of every key names its record kind; sequence
// numbers are 8-byte big-endian so that key order is sequence order.
//
//	m<name>                  metadata (format version, base, last, indexed through)
//	l<first seq><last seq>   log segment: the entries of one group-commit batch
//	i<index id><parts...>    index record: CRC-32C, value
//
// Snapshots are files beside the database (snapshot_file.go). Format 1
// stored them as records under the prefix s, which backups still use
// (snapshot_legacy.go).
//
// A log segment value is a version byte followed by one record per entry:
// seq u64 | payload length u32 | CRC-32C over seq and payload u32 | payload.
// Storing a batch under one key costs Badger one write per batch instead of
// one per entry, which is what lets group commit reach its throughput.
const (
	prefixMeta     = 'm'
	prefixLog      = 'l'
	prefixSnapshot = 's'
	prefixIndex    = 'i'

	snapshotHeaderTag = 'h'
	snapshotChunkTag  = 'c'
)

var (
	keyFormat  = []byte("mformat")
	keyBase    = []byte("mbase")
	keyLast    = []byte("mlast")
	keyIndexed = []byte("mindexed")
)

// formatVersion is the layout written by this code. Open moves the
// snapshots of a legacyFormatVersion directory into files, marks a format-2
// directory as format 3 and rejects any other version. Format 3 writes
// postings to IndexPostingsByOwner and reads the IndexPostingsByAccount
// records that format 2 wrote, so nothing needs rewriting. The node's
// index values carry their own version byte, so it reads both layouts.
// A format-3 directory is refused by builds that read only format 2,
// which would misread its records.
const (
	formatVersion       = 3
	legacyFormatVersion = 1
)

// segmentVersion is the first byte of every log segment value.
const segmentVersion = 1

// recordHeaderBytes is the size of an entry record without its payload.
const recordHeaderBytes = 8 + 4 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func segmentKey(first, last uint64) []byte {
	key := make([]byte, 17)
	key[0] = prefixLog
	binary.BigEndian.PutUint64(key[1:9], first)
	binary.BigEndian.PutUint64(key[9:], last)
	return key
}

// parseSegmentKey returns the seq range of a log segment key, or false
// when the key is not a well-formed segment key.
func parseSegmentKey(key []byte) (first, last uint64, ok bool) {
	if len(key) != 17 || key[0] != prefixLog {
		return 0, 0, false
	}
	first, last = binary.BigEndian.Uint64(key[1:9]), binary.BigEndian.Uint64(key[9:])
	return first, last, first <= last
}

// entryChecksum is the CRC-32C over the big-endian sequence number followed
// by the payload.
func entryChecksum(seq uint64, payload []byte) uint32 {
	var seqBytes [8]byte
	binary.BigEndian.PutUint64(seqBytes[:], seq)
	sum := crc32.Update(0, castagnoli, seqBytes[:])
	return crc32.Update(sum, castagnoli, payload)
}

// appendRecord appends the record of one entry to a segment value.
func appendRecord(dst []byte, seq uint64, payload []byte) []byte {
	dst = binary.BigEndian.AppendUint64(dst, seq)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(payload)))
	dst = binary.BigEndian.AppendUint32(dst, entryChecksum(seq, payload))
	return append(dst, payload...)
}

// segmentError is a damaged record in a segment; seq is the entry that
// failed.
type segmentError struct {
	seq    uint64
	reason string
}

func (e *segmentError) Error() string { return e.reason }

// decodeSegment checks the segment value stored for first..last and calls
// visit with each entry from seq from on, stopping when visit returns false.
// Payloads alias value. A damaged record returns a *segmentError; an error
// from visit is returned unchanged.
func decodeSegment(first, last, from uint64, value []byte, visit func(Entry) (bool, error)) error {
	if len(value) < 1 || value[0] != segmentVersion {
		return &segmentError{seq: first, reason: fmt.Sprintf("segment of %d bytes does not start with version %d", len(value), segmentVersion)}
	}
	rest := value[1:]
	for seq := first; seq <= last; seq++ {
		payload, next, err := decodeRecord(seq, rest)
		if err != nil {
			return &segmentError{seq: seq, reason: err.Error()}
		}
		rest = next
		if seq >= from {
			more, err := visit(Entry{Seq: seq, Payload: payload})
			if err != nil || !more {
				return err
			}
		}
	}
	if len(rest) != 0 {
		return &segmentError{seq: last, reason: fmt.Sprintf("%d bytes follow the last record of the segment", len(rest))}
	}
	return nil
}

// decodeRecord checks the record of seq at the start of b and returns its
// payload and the bytes after it.
func decodeRecord(seq uint64, b []byte) (payload, rest []byte, err error) {
	if len(b) < recordHeaderBytes {
		return nil, nil, fmt.Errorf("record of %d bytes is shorter than its %d-byte header", len(b), recordHeaderBytes)
	}
	if stored := binary.BigEndian.Uint64(b); stored != seq {
		return nil, nil, fmt.Errorf("record names seq %d", stored)
	}
	size := binary.BigEndian.Uint32(b[8:])
	if uint64(size) > uint64(len(b)-recordHeaderBytes) {
		return nil, nil, fmt.Errorf("payload length %d runs past the segment (%d bytes left)", size, len(b)-recordHeaderBytes)
	}
	payload = b[recordHeaderBytes : recordHeaderBytes+int(size)]
	stored := binary.BigEndian.Uint32(b[12:])
	if computed := entryChecksum(seq, payload); computed != stored {
		return nil, nil, fmt.Errorf("CRC-32C mismatch: stored %08x, computed %08x over %d payload bytes", stored, computed, len(payload))
	}
	return payload, b[recordHeaderBytes+int(size):], nil
}

// encodeChecked prefixes data with a CRC-32C over key and data. Metadata and
// index records use it.
func encodeChecked(key, data []byte) []byte {
	value := make([]byte, 4+len(data))
	sum := crc32.Update(crc32.Checksum(key, castagnoli), castagnoli, data)
	binary.BigEndian.PutUint32(value, sum)
	copy(value[4:], data)
	return value
}

// decodeChecked verifies a value written by encodeChecked and returns its
// data, which aliases value.
func decodeChecked(key, value []byte) ([]byte, error) {
	if len(value) < 4 {
		return nil, fmt.Errorf("value of %d bytes is shorter than its 4-byte checksum", len(value))
	}
	data := value[4:]
	stored := binary.BigEndian.Uint32(value)
	computed := crc32.Update(crc32.Checksum(key, castagnoli), castagnoli, data)
	if stored != computed {
		return nil, fmt.Errorf("CRC-32C mismatch: stored %08x, computed %08x", stored, computed)
	}
	return data, nil
}

func encodeUint64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// printableKey renders a key for error messages: the kind byte as a letter,
// the rest in hex.
func printableKey(key []byte) string {
	if len(key) == 0 {
		return "(empty)"
	}
	if key[0] == prefixMeta {
		return string(key)
	}
	return fmt.Sprintf("%c/%x", key[0], key[1:])
}
