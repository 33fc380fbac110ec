package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Store is a node's durable storage: the sequenced log, snapshots and query
// indexes in one Badger database. All methods are safe for concurrent use.
type Store struct {
	dir  string
	db   *badger.DB
	opts Options
	log  *slog.Logger

	// pageOutStop stops runPageOut, which closes pageOutDone; both are nil
	// in a read-only store.
	pageOutStop chan struct{}
	pageOutDone chan struct{}

	// mu guards the append queue and the fields below it.
	mu sync.Mutex
	// wake signals the writer that the queue is non-empty or closing.
	wake *sync.Cond
	// queue holds accepted requests not yet taken by the writer.
	// Invariant: sequence numbers across the queue are contiguous and
	// continue the batch in flight, or the durable log when none is.
	queue []*appendRequest
	// queuedEntries counts the entries in queue.
	// Invariant: at most opts.AppendQueueEntriesMax, except when a single
	// request was admitted to an empty queue.
	queuedEntries int
	// spaceFreed is closed and replaced whenever the writer takes entries
	// from the queue, waking blocked submitters.
	spaceFreed chan struct{}
	// nextSeq is the sequence number the next submitted entry must have.
	nextSeq uint64
	// indexQueued is the CommitIndexBatch call waiting for the writer.
	// Invariant: at most one, because indexMu serialises those calls.
	indexQueued *indexRequest
	// lastCommitAt is when the writer took its last batch, from which
	// Options.LogCommitInterval spaces the next one.
	lastCommitAt time.Time
	// commitSoon is set by CommitIndexSoon and makes the writer commit
	// what is queued without waiting for LogCommitInterval or
	// IndexBatchWait, but no sooner than forcedCommitGap after the last
	// commit started.
	// Invariant: false while nothing is queued, because only the writer
	// empties the queue and it clears the flag when it takes a batch.
	commitSoon bool
	// forcedCommitGap is ForcedCommitGapMin, which tests shorten or
	// lengthen.
	forcedCommitGap time.Duration
	// indexAwaitedSeq is the highest seq that an AwaitIndexed call waits to
	// see indexed. Until the index reaches it, the writer commits what
	// is queued as CommitIndexSoon makes it.
	// NOTE: when the caller stops writing index batches, as a node's
	// failed indexer does, the index never reaches it, and the writer
	// commits every ForcedCommitGapMin instead of every LogCommitInterval.
	indexAwaitedSeq uint64
	// indexAdvanced is closed and replaced whenever an index batch
	// commits, and when the writer stops, waking AwaitIndexed.
	indexAdvanced chan struct{}
	// closing is set by Close; no request is accepted after it.
	closing bool
	// writerStopped is set when the writer returns; index batches are
	// rejected after it.
	writerStopped bool
	// failure is the first commit error; it is sticky.
	failure error
	// users counts calls between enter and exit; idle signals when it
	// drops to zero, which Close waits for.
	users int
	idle  *sync.Cond

	writerDone chan struct{}
	// commits counts the writer's successful commits, each one sync, for
	// tests and benchmarks.
	commits atomic.Uint64

	// commitHook runs before each log batch commit when set, by a test
	// of this package or through Options.BeforeLogCommit. An error it
	// returns fails the commit.
	commitHook func() error

	// Durable positions, updated after each commit. Reads take them
	// without mu.
	// Invariant: the log holds exactly the entries base+1 .. last.
	base    atomic.Uint64
	last    atomic.Uint64
	indexed atomic.Uint64

	// snapshotMu serialises snapshot writes; indexMu serialises index
	// batches. Neither is held while mu is.
	snapshotMu sync.Mutex
	indexMu    sync.Mutex
	// pruneMu serialises PruneLog calls.
	pruneMu sync.Mutex

	// format is the data directory's format version when it was opened.
	format uint64

	closeOnce sync.Once
	closeErr  error
}

// Open opens or creates the store in dir, checks that the stored log is
// contiguous and its bounds match the durable markers, and starts the
// group-commit writer.
func Open(dir string, opts Options) (*Store, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if opts.ReadOnly {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			return nil, fmt.Errorf("store: data directory %s does not exist or is not a directory, so it cannot be opened read-only", dir)
		}
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: create data directory %s: %w", dir, err)
	}
	if opts.ReadOnly {
		if empty := emptyLogFiles(dir); len(empty) > 0 {
			return nil, fmt.Errorf("%w: data directory %s contains the empty file %s that a crash left, and only a read-write open "+
				"removes it: start the node on it once and stop it with SIGINT, then open it read-only again",
				ErrNeedsRecovery, dir, empty[0])
		}
	}
	db, err := badger.Open(badgerOptions(dir, opts))
	if err != nil && !opts.ReadOnly && isEmptyFileErr(err) {
		// Badger had the directory lock when it found the file, so no
		// other process is writing there; it released the lock on failing.
		if rerr := removeEmptyLogFiles(dir, opts.Logger); rerr != nil {
			return nil, rerr
		}
		db, err = badger.Open(badgerOptions(dir, opts))
	}
	if err != nil {
		return nil, openError(dir, err)
	}

	s := &Store{
		dir:           dir,
		db:            db,
		opts:          opts,
		log:           opts.Logger.With("component", "store", "dir", dir),
		spaceFreed:    make(chan struct{}),
		indexAdvanced: make(chan struct{}),
		writerDone:    make(chan struct{}),
		commitHook:    opts.BeforeLogCommit,

		forcedCommitGap: ForcedCommitGapMin,
	}
	s.wake = sync.NewCond(&s.mu)
	s.idle = sync.NewCond(&s.mu)
	if err := s.loadMeta(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.openSnapshots(); err != nil {
		db.Close()
		return nil, err
	}
	s.nextSeq = s.last.Load() + 1

	go s.runWriter()
	if !opts.ReadOnly {
		s.pageOutStop, s.pageOutDone = make(chan struct{}), make(chan struct{})
		go s.runPageOut(s.pageOutStop, s.pageOutDone)
	}
	s.log.Info("store opened", "first_seq", s.FirstSeq(), "last_seq", s.LastSeq(), "indexed_through", s.IndexedThrough(),
		"memtable_bytes", opts.MemTableBytes)
	return s, nil
}

// openSnapshots deletes what a crash left in the snapshot directory and
// moves snapshots stored as database records into files.
func (s *Store) openSnapshots() error {
	if s.opts.ReadOnly {
		if s.format == legacyFormatVersion {
			return fmt.Errorf("%w: data directory %s has format %d, whose snapshots a node of this build moves into files when it opens it; start the node once, then inspect",
				ErrNeedsRecovery, s.dir, s.format)
		}
		return nil
	}
	if err := s.cleanSnapshotDir(); err != nil {
		return err
	}
	return s.migrateSnapshotRecords(s.format)
}

// openError explains a Badger open failure: damaged files, or a lock held
// by another process.
func openError(dir string, err error) error {
	if isBadgerChecksumErr(err) {
		return &CorruptionError{Dir: dir, Record: "database file", Key: "(table or log file named below)", Reason: err.Error()}
	}
	if isTruncateNeededErr(err) {
		return fmt.Errorf("%w: data directory %s was not closed cleanly, as after a kill or crash of the node, "+
			"and its write-ahead file needs the recovery of a read-write open, which keeps every synced entry; "+
			"start the node on it once and stop it with SIGINT, then run the read-only command, such as thx db inspect, again (Badger: %v)", ErrNeedsRecovery, dir, err)
	}
	if strings.Contains(err.Error(), "Cannot acquire directory lock") {
		return fmt.Errorf("store: data directory %s is in use by another process, such as a running node; stop it first: %w", dir, err)
	}
	return fmt.Errorf("store: open data directory %s: %w", dir, err)
}

// isTruncateNeededErr reports whether err is Badger's refusal to open,
// read-only, a memtable's write-ahead file whose size is past its last
// entry. Badger v4.9.6 wraps that error with %+v in the memtable's open,
// so errors.Is finds it only where Badger returns it unwrapped.
func isTruncateNeededErr(err error) bool {
	return errors.Is(err, badger.ErrTruncateNeeded) || strings.Contains(err.Error(), badger.ErrTruncateNeeded.Error())
}

// Dir returns the data directory.
func (s *Store) Dir() string { return s.dir }

// FirstSeq returns the sequence number of the first stored log entry. When
// the log is empty it is LastSeq()+1.
func (s *Store) FirstSeq() uint64 { return s.base.Load() + 1 }

// LastSeq returns the sequence number of the last durable log entry, or of
// the installed snapshot when no entry followed it, or 0 for a new store.
func (s *Store) LastSeq() uint64 { return s.last.Load() }

// NextSeq returns the sequence number that the next submitted entry must
// carry. It counts entries accepted but not yet durable.
func (s *Store) NextSeq() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nextSeq
}

// IndexedThrough returns the sequence number through which the caller has
// written index records. Recovery re-indexes the entries after it.
func (s *Store) IndexedThrough() uint64 { return s.indexed.Load() }

// Close commits the entries already queued, waits for the calls in
// progress, stops the writer and closes the database. Calls after Close
// return ErrClosed.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closing = true
		s.wake.Broadcast()
		for s.users > 0 {
			s.idle.Wait()
		}
		s.mu.Unlock()
		<-s.writerDone
		if s.pageOutStop != nil {
			close(s.pageOutStop)
			<-s.pageOutDone
		}

		if err := s.db.Close(); err != nil {
			s.closeErr = fmt.Errorf("store: close data directory %s: %w", s.dir, err)
		}
		s.log.Info("store closed", "last_seq", s.LastSeq())
	})
	return s.closeErr
}

// loadMeta reads the durable markers, initialising them in a new store, and
// checks them against the stored log.
func (s *Store) loadMeta() error {
	if s.opts.ReadOnly {
		return s.db.View(s.checkMeta)
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		_, err := txn.Get(keyFormat)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return s.initMeta(txn)
		}
		return err
	})
	if err != nil {
		return err
	}
	return s.db.View(s.checkMeta)
}

// checkMeta checks the format marker and loads the log positions.
func (s *Store) checkMeta(txn *badger.Txn) error {
	version, err := s.readMeta(txn, keyFormat)
	if err != nil {
		return err
	}
	if version < legacyFormatVersion || version > formatVersion {
		return fmt.Errorf("%w: data directory %s has format %d, this build reads formats %d to %d; use a newer thx",
			ErrUnsupportedFormat, s.dir, version, legacyFormatVersion, formatVersion)
	}
	s.format = version
	return s.loadPositions(txn)
}

// initMeta writes the markers of a new store. A database that has data but
// no format marker was not written by this package.
func (s *Store) initMeta(txn *badger.Txn) error {
	it := txn.NewIterator(badger.IteratorOptions{})
	it.Rewind()
	hasData := it.Valid()
	it.Close()
	if hasData {
		return s.corrupt("metadata", 0, keyFormat, "the format marker is missing or unreadable, but the database has records")
	}
	for _, kv := range []struct {
		key   []byte
		value uint64
	}{{keyFormat, formatVersion}, {keyBase, 0}, {keyLast, 0}, {keyIndexed, 0}} {
		if err := txn.Set(kv.key, encodeChecked(kv.key, encodeUint64(kv.value))); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) loadPositions(txn *badger.Txn) error {
	base, err := s.readMeta(txn, keyBase)
	if err != nil {
		return err
	}
	last, err := s.readMeta(txn, keyLast)
	if err != nil {
		return err
	}
	indexed, err := s.readMeta(txn, keyIndexed)
	if err != nil {
		return err
	}
	if last < base {
		return s.corrupt("metadata", 0, keyLast, fmt.Sprintf("last seq %d is below base seq %d", last, base))
	}
	if indexed > last {
		return s.corrupt("metadata", 0, keyIndexed, fmt.Sprintf("indexed through seq %d is above last seq %d", indexed, last))
	}
	if err := s.checkLogBounds(txn, base, last); err != nil {
		return err
	}
	s.base.Store(base)
	s.last.Store(last)
	s.indexed.Store(indexed)
	return nil
}

// checkLogBounds compares the first and last stored log segments with the
// markers. Each batch writes its segment and the last marker in one
// transaction, so a mismatch means damage, never a torn batch.
func (s *Store) checkLogBounds(txn *badger.Txn, base, last uint64) error {
	first, _, firstOK := edgeSegment(txn, false)
	_, end, endOK := edgeSegment(txn, true)
	if last == base {
		if firstOK {
			return s.corrupt("log entry", first, segmentKey(first, end),
				fmt.Sprintf("entry stored in a log that is empty according to its markers (base and last seq %d)", base))
		}
		return nil
	}
	if !firstOK || first != base+1 {
		return s.missing(base+1, fmt.Sprintf("the log starts at %s", describeSeq(first, firstOK)))
	}
	if !endOK || end != last {
		return s.corrupt("log entry", last, keyLast, fmt.Sprintf("the last marker is seq %d but the log ends at %s", last, describeSeq(end, endOK)))
	}
	return nil
}

// edgeSegment returns the seq range of the first (or with reverse, the
// last) stored log segment.
func edgeSegment(txn *badger.Txn, reverse bool) (first, last uint64, ok bool) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixLog}, Reverse: reverse})
	defer it.Close()
	if reverse {
		it.Seek(segmentKey(math.MaxUint64, math.MaxUint64))
	} else {
		it.Seek(segmentKey(0, 0))
	}
	if !it.Valid() {
		return 0, 0, false
	}
	return parseSegmentKey(it.Item().Key())
}

func describeSeq(seq uint64, ok bool) string {
	if !ok {
		return "none"
	}
	return fmt.Sprintf("seq %d", seq)
}

// readMeta reads and verifies a uint64 metadata record.
func (s *Store) readMeta(txn *badger.Txn, key []byte) (uint64, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, s.corrupt("metadata", 0, key, "record missing")
	}
	if err != nil {
		return 0, fmt.Errorf("store: read %s in data directory %s: %w", key, s.dir, err)
	}
	var value uint64
	err = item.Value(func(raw []byte) error {
		data, err := decodeChecked(key, raw)
		if err != nil {
			return s.corrupt("metadata", 0, key, err.Error())
		}
		if len(data) != 8 {
			return s.corrupt("metadata", 0, key, fmt.Sprintf("value has %d bytes, expected 8", len(data)))
		}
		value = binary.BigEndian.Uint64(data)
		return nil
	})
	return value, err
}

func setMeta(txn *badger.Txn, key []byte, value uint64) error {
	return txn.Set(key, encodeChecked(key, encodeUint64(value)))
}

func (s *Store) corrupt(record string, seq uint64, key []byte, reason string) error {
	return &CorruptionError{Dir: s.dir, Record: record, Seq: seq, Key: printableKey(key), Reason: reason}
}

// enter registers a call that uses the database, so Close waits for it to
// finish. The caller must call the returned function when done. It returns
// ErrClosed after Close started.
func (s *Store) enter() (exit func(), err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return nil, fmt.Errorf("%w: data directory %s", ErrClosed, s.dir)
	}
	s.users++
	return s.exit, nil
}

func (s *Store) exit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users--
	if s.users == 0 {
		s.idle.Broadcast()
	}
}

// isBadgerChecksumErr reports a checksum failure inside Badger (a table
// block or a value-log record). Badger v4.9 wraps errors with %+v, which
// drops the chain, so the message text is matched.
func isBadgerChecksumErr(err error) bool {
	return strings.Contains(err.Error(), "checksum mismatch") || strings.Contains(err.Error(), "checksum validation failed")
}
