package store

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Backup stream format, all integers big-endian:
//
//	header  "THXSTORE" | backup version u16 | store format version u16
//	record  tag 1 | key length u32 | value length u32 | key | value | CRC-32C of the record
//	end     tag 2 | record count u64 | CRC-32C of every byte before the end record | CRC-32C of the end record
//
// Each record carries its own checksum so damage is located; the end record
// proves that the stream is complete.
const (
	backupMagic   = "THXSTORE"
	backupVersion = 1

	backupTagRecord = 1
	backupTagEnd    = 2

	// backupKeyBytesMax and backupValueBytesMax bound what Restore
	// allocates for one record; they are above anything the store writes.
	backupKeyBytesMax   = 65000
	backupValueBytesMax = 64 << 20
)

// BackupStats describes a written or restored backup.
type BackupStats struct {
	Records uint64
	Bytes   uint64
	LastSeq uint64
}

// Backup writes every record of the store to w as of one point in time (a
// single read transaction), so a backup taken while the node runs is
// consistent.
func (s *Store) Backup(w io.Writer) (BackupStats, error) {
	exit, err := s.enter()
	if err != nil {
		return BackupStats{}, err
	}
	defer exit()
	bw := newBackupWriter(w)
	var stats BackupStats
	err = s.db.View(func(txn *badger.Txn) error {
		last, err := s.readMeta(txn, keyLast)
		if err != nil {
			return err
		}
		stats.LastSeq = last
		if err := bw.writeHeader(); err != nil {
			return err
		}
		files, seqs, err := s.openSnapshotFiles()
		if err != nil {
			return err
		}
		defer closeFiles(files)
		if err := backupRecords(txn, bw); err != nil {
			return err
		}
		for i, f := range files {
			if err := s.writeSnapshotRecords(bw, f, seqs[i]); err != nil {
				return fmt.Errorf("store: back up snapshot seq %d: %w", seqs[i], err)
			}
		}
		return bw.writeEnd()
	})
	if err != nil {
		return BackupStats{}, err
	}
	stats.Records, stats.Bytes = bw.records, bw.bytes
	return stats, nil
}

// backupRecords writes every database record. Snapshot files follow
// them, because snapshot keys sort after every other prefix.
func backupRecords(txn *badger.Txn, bw *backupWriter) error {
	it := txn.NewIterator(badger.IteratorOptions{})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		err := item.Value(func(value []byte) error {
			return bw.writeRecord(item.Key(), value)
		})
		if err != nil {
			return fmt.Errorf("store: back up key %s: %w", printableKey(item.Key()), err)
		}
	}
	return nil
}

type backupWriter struct {
	w       *bufio.Writer
	body    hash.Hash32 // CRC-32C of everything written so far
	records uint64
	bytes   uint64
	err     error
}

func newBackupWriter(w io.Writer) *backupWriter {
	return &backupWriter{w: bufio.NewWriterSize(w, 1<<20), body: crc32.New(castagnoli)}
}

func (bw *backupWriter) write(b []byte) {
	if bw.err != nil {
		return
	}
	if _, bw.err = bw.w.Write(b); bw.err == nil {
		bw.body.Write(b)
		bw.bytes += uint64(len(b))
	}
}

func (bw *backupWriter) writeHeader() error {
	header := binary.BigEndian.AppendUint16([]byte(backupMagic), backupVersion)
	bw.write(binary.BigEndian.AppendUint16(header, formatVersion))
	return bw.err
}

func (bw *backupWriter) writeRecord(key, value []byte) error {
	head := []byte{backupTagRecord}
	head = binary.BigEndian.AppendUint32(head, uint32(len(key)))
	head = binary.BigEndian.AppendUint32(head, uint32(len(value)))
	sum := crc32.Update(crc32.Update(crc32.Checksum(head, castagnoli), castagnoli, key), castagnoli, value)
	bw.write(head)
	bw.write(key)
	bw.write(value)
	bw.write(binary.BigEndian.AppendUint32(nil, sum))
	bw.records++
	return bw.err
}

func (bw *backupWriter) writeEnd() error {
	end := []byte{backupTagEnd}
	end = binary.BigEndian.AppendUint64(end, bw.records)
	end = binary.BigEndian.AppendUint32(end, bw.body.Sum32())
	end = binary.BigEndian.AppendUint32(end, crc32.Checksum(end, castagnoli))
	bw.write(end)
	if bw.err == nil {
		bw.err = bw.w.Flush()
	}
	return bw.err
}

// RestoreOptions configures Restore.
type RestoreOptions struct {
	// Overwrite allows replacing a data directory that is not empty.
	Overwrite bool
	// Logger receives progress; nil means slog.Default().
	Logger *slog.Logger
}

// Restore rebuilds a data directory from a backup stream. It writes into a
// temporary directory beside dir, checks the result (checksums of every log
// entry and index record, log contiguity and markers), and only then moves
// it into place, so a failed restore leaves dir as it was. A dir that exists
// and is not empty is rejected unless opts.Overwrite is set.
func Restore(dir string, r io.Reader, opts RestoreOptions) (BackupStats, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if err := checkRestoreTarget(dir, opts.Overwrite); err != nil {
		return BackupStats{}, err
	}
	parent, base := filepath.Split(filepath.Clean(dir))
	if err := os.MkdirAll(filepath.Clean(parent+"."), 0o700); err != nil {
		return BackupStats{}, fmt.Errorf("store: create parent of %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(filepath.Clean(parent+"."), base+".restore-")
	if err != nil {
		return BackupStats{}, fmt.Errorf("store: create temporary restore directory beside %s: %w", dir, err)
	}
	keepTmp := false
	defer func() {
		if !keepTmp {
			os.RemoveAll(tmp)
		}
	}()

	stats, err := loadBackup(tmp, r, opts.Logger)
	if err != nil {
		return BackupStats{}, err
	}
	if err := verifyRestored(tmp, opts.Logger); err != nil {
		return BackupStats{}, err
	}
	if err := swapIntoPlace(tmp, dir); err != nil {
		keepTmp = true
		return BackupStats{}, err
	}
	opts.Logger.Info("store restored", "dir", dir, "records", stats.Records, "last_seq", stats.LastSeq)
	return stats, nil
}

func checkRestoreTarget(dir string, overwrite bool) error {
	names, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: read restore target %s: %w", dir, err)
	}
	if len(names) > 0 && !overwrite {
		return fmt.Errorf("%w: %s has %d entries; choose an empty directory or allow overwriting", ErrTargetNotEmpty, dir, len(names))
	}
	return nil
}

// loadBackup reads and checks the stream and writes its records into a new
// Badger database in dir.
func loadBackup(dir string, r io.Reader, log *slog.Logger) (BackupStats, error) {
	db, err := badger.Open(badgerOptions(dir, Options{Logger: log, BlockCacheBytes: blockCacheBytesDefault, IndexCacheBytes: indexCacheBytesDefault}))
	if err != nil {
		return BackupStats{}, fmt.Errorf("store: open temporary restore directory %s: %w", dir, err)
	}
	defer db.Close()

	br := &backupReader{r: bufio.NewReaderSize(r, 1<<20), body: crc32.New(castagnoli)}
	if err := br.readHeader(); err != nil {
		return BackupStats{}, err
	}
	wb := db.NewWriteBatch()
	defer wb.Cancel()
	var stats BackupStats
	for {
		key, value, done, err := br.next()
		if err != nil {
			return BackupStats{}, err
		}
		if done {
			break
		}
		if _, last, ok := parseSegmentKey(key); ok && last > stats.LastSeq {
			stats.LastSeq = last
		}
		if err := wb.Set(key, value); err != nil {
			return BackupStats{}, fmt.Errorf("store: restore key %s: %w", printableKey(key), err)
		}
	}
	if err := wb.Flush(); err != nil {
		return BackupStats{}, fmt.Errorf("store: write restored records to %s: %w", dir, err)
	}
	stats.Records, stats.Bytes = br.records, br.bytes
	return stats, db.Close()
}

// verifyRestored opens the restored directory as a store, which checks its
// markers, and scans every log entry and index record.
func verifyRestored(dir string, log *slog.Logger) error {
	s, err := Open(dir, Options{Logger: log})
	if err != nil {
		return fmt.Errorf("store: restored data failed its checks: %w", err)
	}
	defer s.Close()
	if err := s.verifyLogAndIndexes(context.Background()); err != nil {
		return fmt.Errorf("store: restored data failed its checks: %w", err)
	}
	infos, err := s.Snapshots()
	if err != nil {
		return err
	}
	for _, info := range infos {
		if _, err := s.LoadSnapshot(info.Seq); err != nil {
			log.Warn("restored snapshot is damaged; recovery will use an older one", "seq", info.Seq, "err", err)
		}
	}
	return s.Close()
}

// swapIntoPlace replaces dir with tmp. An existing dir is first renamed
// aside and removed only after tmp is in place.
func swapIntoPlace(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = fmt.Sprintf("%s.before-restore-%d", filepath.Clean(dir), time.Now().UnixNano())
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("store: move %s aside for the restore: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("store: move restored data from %s to %s (the previous data is in %s): %w", tmp, dir, old, err)
	}
	syncDir(filepath.Dir(filepath.Clean(dir)))
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

type backupReader struct {
	r       *bufio.Reader
	body    hash.Hash32
	records uint64
	bytes   uint64
}

func (br *backupReader) read(n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(br.r, b); err != nil {
		return nil, fmt.Errorf("%w: stream ends inside a record after %d bytes (%d records read): %w", ErrInvalidBackup, br.bytes, br.records, err)
	}
	br.body.Write(b)
	br.bytes += uint64(n)
	return b, nil
}

func (br *backupReader) readHeader() error {
	header, err := br.read(len(backupMagic) + 4)
	if err != nil {
		return err
	}
	if string(header[:len(backupMagic)]) != backupMagic {
		return fmt.Errorf("%w: the stream does not start with %q; is it a thx db backup file?", ErrInvalidBackup, backupMagic)
	}
	version := binary.BigEndian.Uint16(header[len(backupMagic):])
	format := binary.BigEndian.Uint16(header[len(backupMagic)+2:])
	if version != backupVersion || format < legacyFormatVersion || format > formatVersion {
		return fmt.Errorf("%w: backup version %d with store format %d, this build reads backup version %d with formats %d to %d",
			ErrUnsupportedFormat, version, format, backupVersion, legacyFormatVersion, formatVersion)
	}
	return nil
}

// next returns the next record, or done after a valid end record.
func (br *backupReader) next() (key, value []byte, done bool, err error) {
	bodySum := br.body.Sum32()
	tag, err := br.read(1)
	if err != nil {
		return nil, nil, false, err
	}
	switch tag[0] {
	case backupTagRecord:
		key, value, err = br.readRecord()
		return key, value, false, err
	case backupTagEnd:
		return nil, nil, true, br.readEnd(bodySum)
	}
	return nil, nil, false, fmt.Errorf("%w: unknown record tag %d at byte %d", ErrInvalidBackup, tag[0], br.bytes-1)
}

func (br *backupReader) readRecord() (key, value []byte, err error) {
	lengths, err := br.read(8)
	if err != nil {
		return nil, nil, err
	}
	keyLen, valueLen := binary.BigEndian.Uint32(lengths), binary.BigEndian.Uint32(lengths[4:])
	if keyLen == 0 || keyLen > backupKeyBytesMax || valueLen > backupValueBytesMax {
		return nil, nil, fmt.Errorf("%w: record %d has key length %d and value length %d, above the limits %d and %d",
			ErrInvalidBackup, br.records, keyLen, valueLen, backupKeyBytesMax, backupValueBytesMax)
	}
	data, err := br.read(int(keyLen) + int(valueLen) + 4)
	if err != nil {
		return nil, nil, err
	}
	key, value = data[:keyLen], data[keyLen:keyLen+valueLen]
	computed := crc32.Update(crc32.Update(crc32.Checksum(append([]byte{backupTagRecord}, lengths...), castagnoli), castagnoli, key), castagnoli, value)
	if stored := binary.BigEndian.Uint32(data[keyLen+valueLen:]); stored != computed {
		return nil, nil, fmt.Errorf("%w: record %d (key %s) CRC-32C mismatch: stored %08x, computed %08x",
			ErrInvalidBackup, br.records, printableKey(key), stored, computed)
	}
	br.records++
	return key, value, nil
}

func (br *backupReader) readEnd(bodySum uint32) error {
	end, err := br.read(16)
	if err != nil {
		return err
	}
	records, storedBody := binary.BigEndian.Uint64(end), binary.BigEndian.Uint32(end[8:])
	if stored, computed := binary.BigEndian.Uint32(end[12:]), crc32.Checksum(append([]byte{backupTagEnd}, end[:12]...), castagnoli); stored != computed {
		return fmt.Errorf("%w: end record CRC-32C mismatch: stored %08x, computed %08x", ErrInvalidBackup, stored, computed)
	}
	if records != br.records || storedBody != bodySum {
		return fmt.Errorf("%w: end record lists %d records with CRC-32C %08x, the stream had %d records with CRC-32C %08x",
			ErrInvalidBackup, records, storedBody, br.records, bodySum)
	}
	if _, err := br.r.ReadByte(); err != io.EOF {
		return fmt.Errorf("%w: data follows the end record at byte %d", ErrInvalidBackup, br.bytes)
	}
	return nil
}
