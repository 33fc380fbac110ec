package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
)

// postingsScanRecordsMax bounds the records one PostingsByAccount call
// reads, returned or not. An owner's records mix the postings of all its
// account kinds, so a page of one kind may skip many records of others.
const postingsScanRecordsMax = 10_000

// postingKindsMax is the number of account kinds the postings index can
// tell apart: one bit each in PostingRecord.Kinds.
const postingKindsMax = 16

// PostingsByAccount returns one page of an account's postings in log
// order (newest first with Reverse). Postings indexed by a format-2 build
// come from IndexPostingsByAccount and precede those of
// IndexPostingsByOwner, whose records are kept when their kinds contain
// the account's. A call reads at most postingsScanRecordsMax records, so
// a page may hold fewer than Limit records and still return a cursor. The
// cursor is nil only when no posting of the account follows.
func (s *Store) PostingsByAccount(a PostingAccount, page PageRequest) ([]PostingRecord, []byte, error) {
	if page.Limit < 1 || page.Limit > indexPageLimitMax {
		return nil, nil, fmt.Errorf("%w: page limit %d, expected 1 to %d", ErrInvalidLimit, page.Limit, indexPageLimitMax)
	}
	if a.Kind >= postingKindsMax {
		return nil, nil, fmt.Errorf("%w: account kind %d, expected 0 to %d", ErrInvalidIndexKey, a.Kind, postingKindsMax-1)
	}
	scans, err := a.postingScans()
	if err != nil {
		return nil, nil, err
	}
	if page.Reverse {
		slices.Reverse(scans)
	}
	first := 0
	if page.After != nil {
		first = slices.IndexFunc(scans, func(sc postingScan) bool {
			return bytes.HasPrefix(page.After, sc.prefix) && len(page.After) > len(sc.prefix)
		})
		if first < 0 {
			return nil, nil, fmt.Errorf("%w: cursor %x is not a posting key of this account; pass the Next value of the previous page", ErrInvalidCursor, page.After)
		}
	}
	exit, err := s.enter()
	if err != nil {
		return nil, nil, err
	}
	defer exit()

	p := &postingPage{account: a, limit: page.Limit, budget: postingsScanRecordsMax}
	err = s.db.View(func(txn *badger.Txn) error {
		for i := first; i < len(scans); i++ {
			after := page.After
			if i != first {
				after = nil
			}
			if done, err := p.scan(s, txn, scans[i], after, page.Reverse); done || err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return p.records, p.next, nil
}

// postingScan is the part of one index that holds an account's postings.
type postingScan struct {
	index  IndexID
	prefix []byte
}

// postingScans returns the account's key prefixes in both postings
// indexes, oldest layout first.
func (a PostingAccount) postingScans() ([]postingScan, error) {
	legacy, err := indexKey(IndexPostingsByAccount, [][]byte{a.legacyAccountKey()}, true)
	if err != nil {
		return nil, err
	}
	owner, err := indexKey(IndexPostingsByOwner, [][]byte{postingOwnerKey(a.Owner, a.ChainID, a.Token)}, true)
	if err != nil {
		return nil, err
	}
	return []postingScan{{IndexPostingsByAccount, legacy}, {IndexPostingsByOwner, owner}}, nil
}

// postingPage collects one page of PostingsByAccount.
type postingPage struct {
	account PostingAccount
	limit   int
	// budget is how many more records the call may read.
	budget  int
	records []PostingRecord
	// lastRead and lastKept are the keys of the last record read and of
	// the last one added to records.
	lastRead, lastKept []byte
	next               []byte
}

// scan reads the account's records of one index after the cursor. It
// returns true when the page is complete: full with a record following,
// or out of budget.
func (p *postingPage) scan(s *Store, txn *badger.Txn, sc postingScan, after []byte, reverse bool) (bool, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: sc.prefix, Reverse: reverse})
	defer it.Close()
	for seekIndex(it, sc.prefix, after, reverse); it.Valid(); it.Next() {
		if p.budget == 0 {
			p.next = p.lastRead
			return true, nil
		}
		record, key, err := s.readIndexRecord(it.Item())
		if err != nil {
			return false, err
		}
		p.budget--
		p.lastRead = key
		r, ok, err := p.decode(sc.index, record)
		if err != nil {
			return false, s.corrupt("index record", 0, key, err.Error())
		}
		if !ok {
			continue
		}
		if len(p.records) == p.limit {
			p.next = p.lastKept
			return true, nil
		}
		p.records = append(p.records, r)
		p.lastKept = key
	}
	return false, nil
}

// decode returns a record of the account, or false for a record of the
// same owner and asset that does not move the account's kind.
func (p *postingPage) decode(index IndexID, record IndexRecord) (PostingRecord, bool, error) {
	a := p.account
	r := PostingRecord{
		Owner: a.Owner, ChainID: a.ChainID, Token: a.Token, Kinds: 1 << a.Kind,
		Seq:    binary.BigEndian.Uint64(record.Parts[1]),
		Number: binary.BigEndian.Uint32(record.Parts[2]),
		Value:  record.Value,
	}
	if index == IndexPostingsByAccount {
		return r, true, nil
	}
	if len(record.Value) < 2 {
		return PostingRecord{}, false, fmt.Errorf("posting value of %d bytes has no account kinds", len(record.Value))
	}
	r.Kinds, r.Value = binary.BigEndian.Uint16(record.Value), record.Value[2:]
	return r, r.Kinds&(1<<a.Kind) != 0, nil
}

// seekIndex positions it on the first record after the cursor, or on the
// first record with the prefix when after is nil.
func seekIndex(it *badger.Iterator, prefix, after []byte, reverse bool) {
	start := after
	if start == nil && reverse {
		start = append(append([]byte(nil), prefix...), bytes.Repeat([]byte{0xff}, indexKeyBytesMax)...)
	} else if start == nil {
		start = prefix
	}
	it.Seek(start)
	if after != nil && it.Valid() && bytes.Equal(it.Item().Key(), after) {
		it.Next()
	}
}
