package node

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/rpc"
)

// indexDrainRoundsMax bounds the durable rounds the indexer writes in one
// index transaction.
const indexDrainRoundsMax = 64

// runIndexer writes the query indexes of durable rounds. It lags the log
// when busy; recovery re-indexes whatever it had not written.
func (n *Node) runIndexer() {
	defer n.pipelines.Done()
	for r := range n.indexQ {
		recs := recordsOf(r)
	drain:
		for range indexDrainRoundsMax - 1 {
			select {
			case more, ok := <-n.indexQ:
				if !ok {
					break drain
				}
				recs = append(recs, recordsOf(more)...)
			default:
				break drain
			}
		}
		if n.indexFailure.Load() != nil {
			continue
		}
		if err := n.writeIndexes(recs); err != nil {
			n.indexFailure.Store(&err)
			n.log.Error("indexer stopped; queries miss entries until a restart re-indexes them",
				"indexed_through", n.store.IndexedThrough(), "err", err)
		}
	}
}

func recordsOf(r *round) []*record {
	recs := make([]*record, 0, len(r.items))
	for _, it := range r.items {
		if it.rec != nil {
			recs = append(recs, it.rec)
		}
	}
	return recs
}

// writeIndexes writes the index records of recs, which are in log order,
// skipping those already indexed.
func (n *Node) writeIndexes(recs []*record) error {
	w := &indexWriter{store: n.store, through: n.store.IndexedThrough(), pending: map[string][]byte{}}
	for _, rec := range recs {
		if rec.seq <= w.through {
			continue
		}
		if err := w.add(rec); err != nil {
			return err
		}
		w.through = rec.seq
	}
	if err := w.commit(); err != nil {
		return err
	}
	n.metrics.indexedThrough.Set(float64(w.through))
	return nil
}

// indexWriter collects index records and commits them in batches that
// respect the store's limits. through is the last entry whose records
// are all in the batch or committed.
type indexWriter struct {
	store   *store.Store
	batch   store.IndexBatch
	through uint64
	// pending holds the withdrawal records written since the last commit,
	// by key, so that a later entry in the same batch updates them.
	pending map[string][]byte
}

func (w *indexWriter) put(index store.IndexID, parts [][]byte, value []byte) error {
	return w.write(func(b *store.IndexBatch) error { return b.Put(index, parts, value) })
}

// write applies add to the batch, committing the batch first when it is
// full.
func (w *indexWriter) write(add func(*store.IndexBatch) error) error {
	err := add(&w.batch)
	if errors.Is(err, store.ErrIndexBatchTooLarge) {
		if err := w.commit(); err != nil {
			return err
		}
		err = add(&w.batch)
	}
	return err
}

// commit writes the batch with the indexed-through marker. A record that
// spans two batches is committed with the marker before it, so a crash
// between them re-indexes the whole entry.
func (w *indexWriter) commit() error {
	if w.batch.Len() == 0 && w.through == w.store.IndexedThrough() {
		return nil
	}
	if err := w.store.CommitIndexBatch(w.through, &w.batch); err != nil {
		return err
	}
	w.batch = store.IndexBatch{}
	clear(w.pending)
	return nil
}

func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }
func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

// add writes the records of one entry.
func (w *indexWriter) add(rec *record) error {
	steps := []func(*record) error{w.addOrders, w.addTrades, w.addPostings, w.addDeposits, w.addWithdrawals}
	for _, step := range steps {
		if err := step(rec); err != nil {
			return fmt.Errorf("node: index entry %d: %w", rec.seq, err)
		}
	}
	return nil
}

func (w *indexWriter) addOrders(rec *record) error {
	for i := range rec.orders {
		u := &rec.orders[i]
		info := orderInfo(u)
		if err := w.put(store.IndexOrdersByTrader, orderParts(u.Trader, u.ID, u.Hash), encodeOrderInfo(&info)); err != nil {
			return err
		}
		if u.ID != rec.seq {
			continue // placed by an earlier entry, which wrote its location
		}
		if err := w.put(store.IndexOrdersByHash, [][]byte{u.Hash[:]}, encodeOrderLocation(u.Trader, u.ID)); err != nil {
			return err
		}
	}
	return nil
}

func orderParts(trader common.Address, seq uint64, hash common.Hash) [][]byte {
	return [][]byte{trader[:], u64(seq), hash[:]}
}

func (w *indexWriter) addTrades(rec *record) error {
	for i := range rec.trades {
		t := &rec.trades[i]
		value := encodeTrade(t)
		chain, market, seq, number := u64(t.Market.ChainID), u32(t.Market.ID), u64(t.Seq), u32(t.Index)
		if err := w.put(store.IndexTradesByMarket, [][]byte{chain, market, seq, number}, value); err != nil {
			return err
		}
		for _, trader := range []common.Address{t.Maker, t.Taker} {
			if err := w.put(store.IndexTradesByTraderMarket, [][]byte{trader[:], chain, market, seq, number}, value); err != nil {
				return err
			}
		}
	}
	return nil
}

// addPostings writes each posting once under its owner when both of its
// accounts belong to one owner, as holds and releases do, and otherwise
// once under each owner.
func (w *indexWriter) addPostings(rec *record) error {
	for i := range rec.postings {
		p := &rec.postings[i]
		records := []store.PostingRecord{postingRecord(p, p.DebitOwner, postingSideBoth)}
		if p.DebitOwner != p.CreditOwner {
			records = []store.PostingRecord{postingRecord(p, p.DebitOwner, postingOwnerDebits), postingRecord(p, p.CreditOwner, postingOwnerCredits)}
		}
		for _, r := range records {
			if err := w.write(func(b *store.IndexBatch) error { return b.PutPosting(r) }); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *indexWriter) addDeposits(rec *record) error {
	for i, d := range rec.deposits {
		info := rpc.DepositInfo{Deposit: d, Seq: rec.seq, Time: rec.time}
		if err := w.put(store.IndexDepositsByTrader, [][]byte{d.Trader[:], u64(rec.seq), u32(uint32(i))}, encodeDeposit(&info)); err != nil {
			return err
		}
	}
	return nil
}

// addWithdrawals writes signed withdrawals and escape-hatch payouts when
// they enter a batch, and their status when the batch settles or fails.
// A signed withdrawal is keyed by its entry; a payout by the seal entry
// and its position among the batch's payouts.
func (w *indexWriter) addWithdrawals(rec *record) error {
	for _, wr := range rec.withdrawals {
		info := withdrawalInfo(&wr, withdrawalPending, rec.time)
		if err := w.putWithdrawal(&info, 0); err != nil {
			return err
		}
	}
	for _, b := range rec.sealed {
		for i := range b.Requests {
			info := requestInfo(&b, i, rec.time)
			if err := w.putWithdrawal(&info, uint32(i)); err != nil {
				return err
			}
		}
	}
	for _, b := range rec.settled {
		if err := w.setBatchStatus(&b, withdrawalSettled); err != nil {
			return err
		}
	}
	for _, b := range rec.failed {
		if err := w.setBatchStatus(&b, withdrawalReturned); err != nil {
			return err
		}
	}
	return nil
}

func withdrawalInfo(wr *state.WithdrawalRecord, status string, time uint64) rpc.WithdrawalInfo {
	w := &wr.Signed.Withdrawal
	return rpc.WithdrawalInfo{
		Hash: wr.Hash, ChainID: wr.Signed.ChainID, Trader: w.Trader, Token: w.Token, Amount: wr.Amount,
		Nonce: w.Nonce, Batch: wr.Batch, Status: status, Seq: wr.Seq, Time: time,
	}
}

// requestInfo describes the i-th escape-hatch payout of a sealed batch.
// Its hash is the hash of the transaction that made the request.
func requestInfo(b *state.SettlementBatch, i int, time uint64) rpc.WithdrawalInfo {
	rq := &b.Requests[i]
	return rpc.WithdrawalInfo{
		Hash: rq.Request.TxHash, ChainID: b.ChainID, Trader: rq.Request.Trader, Token: rq.Request.Token,
		Amount: rq.Paid, Batch: b.ID, Status: withdrawalPending, Seq: b.SealedSeq, Time: time, Request: true,
	}
}

func withdrawalParts(trader common.Address, seq uint64, number uint32) [][]byte {
	return [][]byte{trader[:], u64(seq), u32(number)}
}

func (w *indexWriter) putWithdrawal(info *rpc.WithdrawalInfo, number uint32) error {
	parts := withdrawalParts(info.Trader, info.Seq, number)
	value := encodeWithdrawal(info)
	if err := w.put(store.IndexWithdrawalsByTrader, parts, value); err != nil {
		return err
	}
	w.pending[string(parts[0])+string(parts[1])+string(parts[2])] = value
	return nil
}

// setBatchStatus rewrites the records of a batch's withdrawals and payouts
// with a final status, keeping the time they were requested.
func (w *indexWriter) setBatchStatus(b *state.SettlementBatch, status string) error {
	for i := range b.Withdrawals {
		info := withdrawalInfo(&b.Withdrawals[i], status, 0)
		if err := w.updateWithdrawal(&info, 0); err != nil {
			return err
		}
	}
	for i := range b.Requests {
		info := requestInfo(b, i, 0)
		info.Status = status
		if err := w.updateWithdrawal(&info, uint32(i)); err != nil {
			return err
		}
	}
	return nil
}

// updateWithdrawal writes info with the time of the stored record.
func (w *indexWriter) updateWithdrawal(info *rpc.WithdrawalInfo, number uint32) error {
	parts := withdrawalParts(info.Trader, info.Seq, number)
	value, ok := w.pending[string(parts[0])+string(parts[1])+string(parts[2])]
	if !ok {
		var err error
		value, ok, err = w.store.GetIndexRecord(store.IndexWithdrawalsByTrader, parts)
		if err != nil {
			return err
		}
	}
	if ok {
		stored, err := decodeWithdrawal(value)
		if err != nil {
			return err
		}
		info.Time = stored.Time
	}
	return w.putWithdrawal(info, number)
}
