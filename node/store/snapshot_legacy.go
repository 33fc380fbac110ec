package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"

	"github.com/dgraph-io/badger/v4"
)

// Format 1 stored each snapshot in Badger: a header record s<seq>h and the
// payload in chunk records s<seq>c<chunk u32>. Format 2 keeps snapshots in
// files. Open moves the snapshots of a format-1 directory into files, and
// backups carry snapshots as these records in both formats, so a backup
// restores into either.
const (
	// snapshotChunkBytes is the size of each snapshot record in a backup;
	// the last one may be shorter.
	snapshotChunkBytes = 4 << 20

	legacySnapshotVersion = 1

	// legacyHeaderBytes: version, seq, state hash, payload length, chunk
	// count, payload CRC-32C, header CRC-32C.
	legacyHeaderBytes = 1 + 8 + 32 + 8 + 4 + 4 + 4
)

type snapshotHeader struct {
	seq          uint64
	stateHash    StateHash
	payloadBytes uint64
	chunks       uint32
	payloadCRC   uint32
}

func snapshotPrefix(seq uint64) []byte {
	key := make([]byte, 9)
	key[0] = prefixSnapshot
	binary.BigEndian.PutUint64(key[1:], seq)
	return key
}

func snapshotHeaderKey(seq uint64) []byte {
	return append(snapshotPrefix(seq), snapshotHeaderTag)
}

func snapshotChunkKey(seq uint64, chunk uint32) []byte {
	key := append(snapshotPrefix(seq), snapshotChunkTag, 0, 0, 0, 0)
	binary.BigEndian.PutUint32(key[10:], chunk)
	return key
}

func encodeSnapshotHeader(h snapshotHeader) []byte {
	b := make([]byte, legacyHeaderBytes)
	b[0] = legacySnapshotVersion
	binary.BigEndian.PutUint64(b[1:9], h.seq)
	copy(b[9:41], h.stateHash[:])
	binary.BigEndian.PutUint64(b[41:49], h.payloadBytes)
	binary.BigEndian.PutUint32(b[49:53], h.chunks)
	binary.BigEndian.PutUint32(b[53:57], h.payloadCRC)
	binary.BigEndian.PutUint32(b[57:61], crc32.Checksum(b[:57], castagnoli))
	return b
}

// decodeSnapshotHeader checks a snapshot header record; the error text is
// the reason for a CorruptionError.
func decodeSnapshotHeader(seq uint64, b []byte) (snapshotHeader, error) {
	var h snapshotHeader
	if len(b) != legacyHeaderBytes {
		return h, fmt.Errorf("header has %d bytes, expected %d", len(b), legacyHeaderBytes)
	}
	if stored, computed := binary.BigEndian.Uint32(b[57:61]), crc32.Checksum(b[:57], castagnoli); stored != computed {
		return h, fmt.Errorf("header CRC-32C mismatch: stored %08x, computed %08x", stored, computed)
	}
	if b[0] != legacySnapshotVersion {
		return h, fmt.Errorf("unknown snapshot version %d, expected %d", b[0], legacySnapshotVersion)
	}
	h.seq = binary.BigEndian.Uint64(b[1:9])
	copy(h.stateHash[:], b[9:41])
	h.payloadBytes = binary.BigEndian.Uint64(b[41:49])
	h.chunks = binary.BigEndian.Uint32(b[49:53])
	h.payloadCRC = binary.BigEndian.Uint32(b[53:57])
	if h.seq != seq {
		return h, fmt.Errorf("header names seq %d but is stored under seq %d", h.seq, seq)
	}
	if h.payloadBytes > snapshotPayloadBytesMax || uint64(h.chunks) != chunkCount(h.payloadBytes) {
		return h, fmt.Errorf("payload of %d bytes in %d chunks is inconsistent", h.payloadBytes, h.chunks)
	}
	return h, nil
}

func chunkCount(payloadBytes uint64) uint64 {
	return (payloadBytes + snapshotChunkBytes - 1) / snapshotChunkBytes
}

// migrateSnapshotRecords moves snapshots stored as Badger records (format
// 1, or records restored from a backup) into snapshot files, then deletes
// the records and marks the directory with the current format in one transaction. A
// damaged snapshot is logged and dropped, as LatestSnapshot would skip it.
// A crash part way repeats the move on the next Open, which replaces the
// files already written.
func (s *Store) migrateSnapshotRecords(version uint64) error {
	var seqs []uint64
	var keys [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixSnapshot}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			key := it.Item().KeyCopy(nil)
			keys = append(keys, key)
			if len(key) == 10 && key[9] == snapshotHeaderTag {
				seqs = append(seqs, binary.BigEndian.Uint64(key[1:9]))
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: list snapshot records in %s: %w", s.dir, err)
	}
	if len(keys) == 0 && version == formatVersion {
		return nil
	}
	for _, seq := range seqs {
		if err := s.moveSnapshotRecords(seq); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				return err
			}
			s.log.Error("damaged snapshot record not moved to a file", "seq", seq, "err", err)
		}
	}
	return s.db.Update(func(txn *badger.Txn) error {
		for _, key := range keys {
			if err := txn.Delete(key); err != nil {
				return fmt.Errorf("store: delete snapshot record %s in %s: %w", printableKey(key), s.dir, err)
			}
		}
		return setMeta(txn, keyFormat, formatVersion)
	})
}

// moveSnapshotRecords copies the snapshot records of seq into a snapshot
// file, checking the payload against its header.
func (s *Store) moveSnapshotRecords(seq uint64) error {
	if seq == 0 || seq > s.LastSeq() || seq < s.base.Load() {
		return s.corrupt("snapshot", seq, snapshotHeaderKey(seq), fmt.Sprintf("seq is outside the stored log %d to %d", s.base.Load(), s.LastSeq()))
	}
	w, err := s.newSnapshotWriter(seq)
	if err != nil {
		return err
	}
	var h snapshotHeader
	err = s.db.View(func(txn *badger.Txn) error {
		var err error
		if h, err = s.readLegacyHeader(txn, seq); err != nil {
			return err
		}
		return s.copyLegacyChunks(txn, h, w)
	})
	if err != nil {
		w.Discard()
		return err
	}
	if err := w.finish(h.stateHash); err != nil {
		return err
	}
	if err := s.commitSnapshotFile(w, nil); err != nil {
		return err
	}
	s.log.Info("snapshot moved from the database to a file", "seq", seq, "bytes", h.payloadBytes)
	return nil
}

func (s *Store) readLegacyHeader(txn *badger.Txn, seq uint64) (snapshotHeader, error) {
	key := snapshotHeaderKey(seq)
	item, err := txn.Get(key)
	if err != nil {
		return snapshotHeader{}, s.wrapSnapshotErr(err, seq, key)
	}
	var h snapshotHeader
	err = item.Value(func(value []byte) error {
		var err error
		if h, err = decodeSnapshotHeader(seq, value); err != nil {
			return s.corrupt("snapshot", seq, key, err.Error())
		}
		return nil
	})
	return h, s.wrapSnapshotErr(err, seq, key)
}

// copyLegacyChunks writes the payload chunks of h to w and checks their
// length and CRC against h.
func (s *Store) copyLegacyChunks(txn *badger.Txn, h snapshotHeader, w io.Writer) error {
	key := snapshotHeaderKey(h.seq)
	crc, n := uint32(0), uint64(0)
	for i := uint32(0); i < h.chunks; i++ {
		chunkKey := snapshotChunkKey(h.seq, i)
		item, err := txn.Get(chunkKey)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return s.corrupt("snapshot", h.seq, chunkKey, fmt.Sprintf("chunk %d of %d missing", i, h.chunks))
		}
		if err != nil {
			return s.wrapSnapshotErr(err, h.seq, chunkKey)
		}
		err = item.Value(func(chunk []byte) error {
			crc = crc32.Update(crc, castagnoli, chunk)
			n += uint64(len(chunk))
			_, err := w.Write(chunk)
			return err
		})
		if err != nil {
			return s.wrapSnapshotErr(err, h.seq, chunkKey)
		}
	}
	if n != h.payloadBytes {
		return s.corrupt("snapshot", h.seq, key, fmt.Sprintf("payload has %d bytes, header says %d", n, h.payloadBytes))
	}
	if crc != h.payloadCRC {
		return s.corrupt("snapshot", h.seq, key, fmt.Sprintf("payload CRC-32C mismatch: stored %08x, computed %08x", h.payloadCRC, crc))
	}
	return nil
}

func (s *Store) wrapSnapshotErr(err error, seq uint64, key []byte) error {
	if err != nil && isBadgerChecksumErr(err) {
		return s.corrupt("snapshot", seq, key, err.Error())
	}
	return err
}

// openSnapshotFiles opens every stored snapshot file for a backup, oldest
// first, so that a snapshot pruned meanwhile can still be read.
func (s *Store) openSnapshotFiles() ([]*os.File, []uint64, error) {
	seqs, err := s.snapshotSeqs()
	if err != nil {
		return nil, nil, err
	}
	var files []*os.File
	var kept []uint64
	for _, seq := range seqs {
		f, err := s.openSnapshotFile(seq)
		if errors.Is(err, ErrNoSnapshot) {
			continue
		}
		if err != nil {
			closeFiles(files)
			return nil, nil, err
		}
		files, kept = append(files, f), append(kept, seq)
	}
	return files, kept, nil
}

func closeFiles(files []*os.File) {
	for _, f := range files {
		f.Close()
	}
}

// writeSnapshotRecords writes a snapshot file to a backup as format-1
// records: its chunks, then its header, which sorts after them. It reads
// one chunk at a time and fails on a damaged snapshot, naming it.
func (s *Store) writeSnapshotRecords(bw *backupWriter, f *os.File, seq uint64) error {
	t, err := s.readSnapshotFrame(f, seq)
	if err != nil {
		return err
	}
	h := snapshotHeader{seq: seq, stateHash: t.stateHash, payloadBytes: t.payloadBytes,
		chunks: uint32(chunkCount(t.payloadBytes)), payloadCRC: t.payloadCRC}
	buf := make([]byte, snapshotChunkBytes)
	crc := uint32(0)
	for i := uint32(0); i < h.chunks; i++ {
		start := uint64(i) * snapshotChunkBytes
		chunk := buf[:min(snapshotChunkBytes, h.payloadBytes-start)]
		if _, err := f.ReadAt(chunk, int64(snapshotHeaderBytes)+int64(start)); err != nil {
			return fmt.Errorf("store: read snapshot seq %d in %s: %w", seq, s.dir, err)
		}
		crc = crc32.Update(crc, castagnoli, chunk)
		if err := bw.writeRecord(snapshotChunkKey(seq, i), chunk); err != nil {
			return err
		}
	}
	if crc != h.payloadCRC {
		return s.snapshotCorrupt(seq, fmt.Sprintf("payload CRC-32C mismatch: stored %08x, computed %08x", h.payloadCRC, crc))
	}
	return bw.writeRecord(snapshotHeaderKey(seq), encodeSnapshotHeader(h))
}
