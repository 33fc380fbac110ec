package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// Key layout. The first byte of every key names its record kind; sequence
// numbers are 8-byte big-endian so that key order is sequence order.
//
//	m<name>                 metadata (format version, base, last, indexed through)
//	l<seq>                  log entry: version, CRC-32C, payload
//	s<seq>h                 snapshot header
//	s<seq>c<chunk u32>      snapshot payload chunk
//	i<index id><parts...>   index record: CRC-32C, value
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

// formatVersion is the layout written by this code. Open rejects a data
// directory with a higher version.
const formatVersion = 1

// entryVersion is the first byte of every log entry value.
const entryVersion = 1

// entryHeaderBytes is the size of a log entry value without its payload:
// the version byte and the CRC-32C.
const entryHeaderBytes = 1 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func logKey(seq uint64) []byte {
	key := make([]byte, 9)
	key[0] = prefixLog
	binary.BigEndian.PutUint64(key[1:], seq)
	return key
}

// parseLogKey returns the sequence number of a log key, or false when the
// key is not a well-formed log key.
func parseLogKey(key []byte) (uint64, bool) {
	if len(key) != 9 || key[0] != prefixLog {
		return 0, false
	}
	return binary.BigEndian.Uint64(key[1:]), true
}

// entryChecksum is the CRC-32C over the big-endian sequence number followed
// by the payload.
func entryChecksum(seq uint64, payload []byte) uint32 {
	var seqBytes [8]byte
	binary.BigEndian.PutUint64(seqBytes[:], seq)
	sum := crc32.Update(0, castagnoli, seqBytes[:])
	return crc32.Update(sum, castagnoli, payload)
}

// encodeEntry builds the stored value of a log entry.
func encodeEntry(seq uint64, payload []byte) []byte {
	value := make([]byte, entryHeaderBytes+len(payload))
	value[0] = entryVersion
	binary.BigEndian.PutUint32(value[1:5], entryChecksum(seq, payload))
	copy(value[entryHeaderBytes:], payload)
	return value
}

// decodeEntry checks a stored log entry value and returns its payload, which
// aliases value. The error text is the reason for a CorruptionError.
func decodeEntry(seq uint64, value []byte) ([]byte, error) {
	if len(value) < entryHeaderBytes {
		return nil, fmt.Errorf("value of %d bytes is shorter than the %d-byte header", len(value), entryHeaderBytes)
	}
	if value[0] != entryVersion {
		return nil, fmt.Errorf("unknown entry version %d, expected %d", value[0], entryVersion)
	}
	payload := value[entryHeaderBytes:]
	stored := binary.BigEndian.Uint32(value[1:5])
	if computed := entryChecksum(seq, payload); computed != stored {
		return nil, fmt.Errorf("CRC-32C mismatch: stored %08x, computed %08x over %d payload bytes", stored, computed, len(payload))
	}
	return payload, nil
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
