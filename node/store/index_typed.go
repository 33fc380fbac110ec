package store

import (
	"encoding/binary"
	"fmt"
)

// Address is a 20-byte account address (an Ethereum address).
type Address [20]byte

// PageRequest selects one page of a typed index query.
type PageRequest struct {
	After   []byte // cursor from the previous page, nil for the first
	Limit   int    // 1 to 1000
	Reverse bool   // newest first
}

// OrderRecord is an entry of the orders-by-trader index. Records of one
// trader sort by Seq, the sequence number of the entry that placed the
// order. Value is the caller's encoding of the order's summary.
type OrderRecord struct {
	Trader    Address
	Seq       uint64
	OrderHash [32]byte
	Value     []byte
}

// TradeRecord is an entry of the trades-by-trader-and-market index, sorted
// by Seq and then Number, the trade's position among the trades of its
// entry. Market is the market's id on chain ChainID.
type TradeRecord struct {
	Trader  Address
	ChainID uint64
	Market  uint32
	Seq     uint64
	Number  uint32
	Value   []byte
}

// PostingAccount names one ledger account in the postings index: its
// owner (the zero address for a system account), its asset (a token on a
// chain) and its kind, as the ledger numbers account kinds (0 to 15).
type PostingAccount struct {
	Owner   Address
	ChainID uint64
	Token   Address
	Kind    uint8
}

// PostingRecord is an entry of the postings index: one posting as seen by
// one owner and asset. A posting between two accounts of the same owner
// and asset has one record, a posting between two owners or assets one
// under each. Kinds is the set of the owner's account kinds that the
// posting debits or credits, bit k for kind k. Records sort by Seq and
// then Number, the posting's position among the postings of its entry.
type PostingRecord struct {
	Owner   Address
	ChainID uint64
	Token   Address
	Kinds   uint16
	Seq     uint64
	Number  uint32
	Value   []byte
}

func uint64Part(v uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, v)
}

func uint32Part(v uint32) []byte {
	return binary.BigEndian.AppendUint32(nil, v)
}

func (r OrderRecord) parts() [][]byte {
	return [][]byte{r.Trader[:], uint64Part(r.Seq), r.OrderHash[:]}
}

func (r TradeRecord) parts() [][]byte {
	return [][]byte{r.Trader[:], uint64Part(r.ChainID), uint32Part(r.Market), uint64Part(r.Seq), uint32Part(r.Number)}
}

func (r PostingRecord) parts() [][]byte {
	return [][]byte{postingOwnerKey(r.Owner, r.ChainID, r.Token), uint64Part(r.Seq), uint32Part(r.Number)}
}

// postingOwnerKey is the owner-and-asset part of a postings key.
func postingOwnerKey(owner Address, chainID uint64, token Address) []byte {
	key := make([]byte, 0, postingOwnerBytes)
	key = append(key, owner[:]...)
	key = binary.BigEndian.AppendUint64(key, chainID)
	return append(key, token[:]...)
}

// legacyAccountKey is an account's key part in IndexPostingsByAccount.
func (a PostingAccount) legacyAccountKey() []byte {
	return append(postingOwnerKey(a.Owner, a.ChainID, a.Token), a.Kind)
}

// PutOrder adds or replaces an order record.
func (b *IndexBatch) PutOrder(r OrderRecord) error {
	return b.Put(IndexOrdersByTrader, r.parts(), r.Value)
}

// DeleteOrder removes an order record; its Value is ignored.
func (b *IndexBatch) DeleteOrder(r OrderRecord) error {
	return b.Delete(IndexOrdersByTrader, r.parts())
}

// PutTrade adds or replaces a trade record.
func (b *IndexBatch) PutTrade(r TradeRecord) error {
	return b.Put(IndexTradesByTraderMarket, r.parts(), r.Value)
}

// PutPosting adds or replaces a posting record. A record without kinds
// would never be returned, so it is rejected.
func (b *IndexBatch) PutPosting(r PostingRecord) error {
	if r.Kinds == 0 {
		return fmt.Errorf("%w: posting seq %d number %d has no account kinds", ErrInvalidIndexKey, r.Seq, r.Number)
	}
	value := binary.BigEndian.AppendUint16(make([]byte, 0, 2+len(r.Value)), r.Kinds)
	return b.Put(IndexPostingsByOwner, r.parts(), append(value, r.Value...))
}

// OrdersByTrader returns one page of a trader's orders in placement order.
func (s *Store) OrdersByTrader(trader Address, page PageRequest) ([]OrderRecord, []byte, error) {
	res, err := s.QueryIndex(IndexQuery{Index: IndexOrdersByTrader, Prefix: [][]byte{trader[:]},
		After: page.After, Limit: page.Limit, Reverse: page.Reverse})
	if err != nil {
		return nil, nil, err
	}
	records := make([]OrderRecord, 0, len(res.Records))
	for _, rec := range res.Records {
		r := OrderRecord{Seq: binary.BigEndian.Uint64(rec.Parts[1]), Value: rec.Value}
		copy(r.Trader[:], rec.Parts[0])
		copy(r.OrderHash[:], rec.Parts[2])
		records = append(records, r)
	}
	return records, res.Next, nil
}

// TradesByTrader returns one page of a trader's trades in one market of a
// chain, in log order.
func (s *Store) TradesByTrader(trader Address, chainID uint64, market uint32, page PageRequest) ([]TradeRecord, []byte, error) {
	res, err := s.QueryIndex(IndexQuery{Index: IndexTradesByTraderMarket, Prefix: [][]byte{trader[:], uint64Part(chainID), uint32Part(market)},
		After: page.After, Limit: page.Limit, Reverse: page.Reverse})
	if err != nil {
		return nil, nil, err
	}
	records := make([]TradeRecord, 0, len(res.Records))
	for _, rec := range res.Records {
		r := TradeRecord{
			ChainID: binary.BigEndian.Uint64(rec.Parts[1]),
			Market:  binary.BigEndian.Uint32(rec.Parts[2]),
			Seq:     binary.BigEndian.Uint64(rec.Parts[3]),
			Number:  binary.BigEndian.Uint32(rec.Parts[4]),
			Value:   rec.Value,
		}
		copy(r.Trader[:], rec.Parts[0])
		records = append(records, r)
	}
	return records, res.Next, nil
}
