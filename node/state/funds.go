package state

import (
	"encoding/binary"
	"fmt"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/ledger"
)

// deposit credits a deposit confirmed on chain. The contract's deposit id
// makes the credit idempotent: the same deposit seen again, for example
// after a restart, is rejected by the ledger.
func (m *Machine) deposit(seq uint64, d *Deposit) error {
	c, err := m.chain(d.ChainID)
	if err != nil {
		return err
	}
	tx, err := m.ledgerTx(seq, c)
	if err != nil {
		return err
	}
	var id ledger.DepositID
	binary.BigEndian.PutUint64(id[24:], d.ID)
	asset := ledger.Asset{ChainID: d.ChainID, Token: d.Token}
	if err := tx.CreditDeposit(id, d.Trader, asset, &d.Amount); err != nil {
		return fmt.Errorf("deposit %d on chain %d: %w", d.ID, d.ChainID, err)
	}
	m.result.Deposits = append(m.result.Deposits, *d)
	return nil
}

// withdraw debits a signed withdrawal from the trader's available balance
// into the open batch.
func (m *Machine) withdraw(seq, now uint64, s *SignedWithdrawal) error {
	c, err := m.chain(s.ChainID)
	if err != nil {
		return err
	}
	w := &s.Withdrawal
	if err := w.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidEntry, err)
	}
	hash := c.domain.WithdrawalHash(*w)
	if w.Expiry != 0 && !expiresAfter(w.Expiry, now) {
		return &ExpiryError{Err: ErrWithdrawalExpired, Hash: hash, ExpirySeconds: w.Expiry, EntryTimeMs: now}
	}
	var amount uint256.Int
	amount.SetFromBig(w.Amount)
	tx, err := m.ledgerTx(seq, c)
	if err != nil {
		return err
	}
	if !c.open.gas.fits(batch.GasBoundWithdrawal) {
		return fmt.Errorf("%w: withdrawal %s on chain %d; seal batch %d first", ErrBatchFull, hash, c.id, c.open.id)
	}
	asset := ledger.Asset{ChainID: s.ChainID, Token: w.Token}
	if _, err := tx.RequestWithdrawal(withdrawalNonceID(c.id, w), w.Trader, asset, &amount); err != nil {
		return fmt.Errorf("withdrawal %s with nonce %d: %w", hash, w.Nonce, err)
	}
	c.open.gas.total += batch.GasBoundWithdrawal
	rec := WithdrawalRecord{Hash: hash, Signed: *s, Amount: amount, Batch: c.open.id, Seq: seq}
	c.open.withdrawals = append(c.open.withdrawals, rec)
	m.result.Withdrawals = append(m.result.Withdrawals, rec)
	return nil
}

// withdrawalRequest records an escape-hatch request; the next seal puts it
// in a batch. A new request for the same token replaces the previous one,
// and an amount of zero withdraws it, as in the contract.
func (m *Machine) withdrawalRequest(r *WithdrawalRequest) error {
	c, err := m.chain(r.ChainID)
	if err != nil {
		return err
	}
	key := requestKey{trader: r.Trader, token: r.Token}
	if r.Amount.IsZero() {
		delete(c.requests, key)
		return nil
	}
	req := *r
	c.requests[key] = &req
	return nil
}

// sealBatch closes the chain's open batch for settlement. Escape-hatch
// requests go in first, each for what the contract will pay: the requested
// amount or the trader's whole balance in the token if smaller. To make the
// two agree, a request waits while the trader has trades of that token not
// yet settled, and the trader's open orders that hold the token are
// cancelled before the amount is taken from available.
func (m *Machine) sealBatch(seq uint64, ref *BatchRef) error {
	c, err := m.chain(ref.ChainID)
	if err != nil {
		return err
	}
	if c.open.empty() && len(c.requests) == 0 {
		return fmt.Errorf("%w: chain %d's batch %d has no trades, withdrawals or requests", ErrNothingToSeal, c.id, c.open.id)
	}
	tx, err := m.ledgerTx(seq, c)
	if err != nil {
		return err
	}
	if err := m.takeRequests(seq, c, tx); err != nil {
		return err
	}
	if c.open.empty() {
		return nil // only requests with nothing to pay, now dropped
	}
	m.mustSealOpen(seq, c, tx)
	return nil
}

// mustSealOpen seals the chain's open batch, which is not empty, and opens
// the next. The sealing entry is either a seal entry or the entry whose
// trade or withdrawal would take the open batch's gas bound over
// batch.GasBoundMax.
func (m *Machine) mustSealOpen(seq uint64, c *chainState, tx *ledger.Tx) {
	id, err := tx.SealBatch()
	mustNoErr(err)
	b := c.open
	if b.id != id {
		panic(fmt.Sprintf("state: chain %d sealed ledger batch %d, expected %d", c.id, id, b.id))
	}
	b.sealedSeq = seq
	b.gas.release()
	c.sealed[id] = b
	c.open = newBatchRecord(c.ledger.OpenBatch())
	m.result.Sealed = append(m.result.Sealed, BatchKey{ChainID: c.id, ID: id})
}

func (m *Machine) takeRequests(seq uint64, c *chainState, tx *ledger.Tx) error {
	for _, key := range sortedRequestKeys(c.requests) {
		if !c.open.gas.fits(batch.GasBoundRequest) {
			return nil // the rest wait for the next seal
		}
		r := c.requests[key]
		asset := ledger.Asset{ChainID: c.id, Token: r.Token}
		if bal, ok := c.ledger.Balance(r.Trader, asset); ok && !bal.PendingSettlement.IsZero() {
			continue
		}
		for _, o := range m.openOrdersOf(r.Trader) {
			if m.marketOf(o).chain == c && m.holdAsset(o) == asset {
				m.mustCancelInBook(seq, o, tx)
			}
		}
		delete(c.requests, key)
		bal, _ := c.ledger.Balance(r.Trader, asset)
		amount := r.Amount
		if bal.Available.Lt(&amount) {
			amount = bal.Available
		}
		if amount.IsZero() {
			continue
		}
		id := requestID(c.id, seq, r)
		if _, err := tx.RequestWithdrawal(id, r.Trader, asset, &amount); err != nil {
			return fmt.Errorf("escape-hatch request of %s for %s: %w", r.Trader, r.Token, err)
		}
		c.open.gas.total += batch.GasBoundRequest
		c.open.requests = append(c.open.requests, RequestRecord{Request: *r, Paid: amount})
	}
	return nil
}

// withdrawalNonceID names a signed withdrawal in the ledger by its chain,
// trader and nonce, so the ledger rejects a second withdrawal with that
// nonce. The Exchange takes each withdrawal nonce of a trader once, whatever
// the token and amount, and would revert the batch with NonceAlreadyUsed.
//
// NOTE: builds before this one named withdrawals by hash, so the ids in a
// snapshot they wrote do not stop a reuse of those withdrawals' nonces.
func withdrawalNonceID(chainID uint64, w *eip712.Withdrawal) ledger.WithdrawalID {
	var buf [len(withdrawalIDTag) + 8 + 20 + 8]byte
	n := copy(buf[:], withdrawalIDTag)
	binary.BigEndian.PutUint64(buf[n:], chainID)
	copy(buf[n+8:], w.Trader[:])
	binary.BigEndian.PutUint64(buf[n+28:], w.Nonce)
	return ledger.WithdrawalID(crypto.Keccak256Hash(buf[:]))
}

// withdrawalIDTag sets the input of withdrawalNonceID apart from that of
// requestID, which hashes the same kind of fields.
const withdrawalIDTag = "thx.withdrawal.nonce"

// requestID names an escape-hatch payout in the ledger: the hash of the
// chain, the sealing entry, the trader and the token.
func requestID(chainID, seq uint64, r *WithdrawalRequest) ledger.WithdrawalID {
	var buf [8 + 8 + 20 + 20]byte
	binary.BigEndian.PutUint64(buf[0:], chainID)
	binary.BigEndian.PutUint64(buf[8:], seq)
	copy(buf[16:], r.Trader[:])
	copy(buf[36:], r.Token[:])
	return ledger.WithdrawalID(crypto.Keccak256Hash(buf[:]))
}

// settlementDone applies a batch confirmed on chain.
func (m *Machine) settlementDone(seq uint64, ref *BatchRef) error {
	c, b, err := m.sealedBatch(ref)
	if err != nil {
		return err
	}
	tx, err := m.ledgerTx(seq, c)
	if err != nil {
		return err
	}
	if err := tx.ConfirmSettlement(b.id); err != nil {
		return fmt.Errorf("batch %d on chain %d: %w", b.id, c.id, err)
	}
	delete(c.sealed, b.id)
	for _, id := range b.orderIDs() {
		m.releaseBatchRef(id)
	}
	m.result.Settled = append(m.result.Settled, BatchKey{ChainID: c.id, ID: b.id})
	return nil
}

// releaseBatchRef drops a confirmed batch's hold on an order record.
func (m *Machine) releaseBatchRef(id uint64) {
	r := m.order(id)
	if r == nil || r.batches == 0 {
		panic(fmt.Sprintf("state: a confirmed batch names order %d, which no batch holds", id))
	}
	r.setFlag(flagSettled, true)
	r.batches--
	m.forgetIfDone(r)
}

// settlementFailed applies a batch that reverted on chain: its withdrawals
// return to available, its trades stay pending, and every market with a
// trade in it halts, because the node and the contract disagree.
func (m *Machine) settlementFailed(seq uint64, ref *BatchRef) error {
	c, b, err := m.sealedBatch(ref)
	if err != nil {
		return err
	}
	tx, err := m.ledgerTx(seq, c)
	if err != nil {
		return err
	}
	if err := tx.FailSettlement(b.id); err != nil {
		return fmt.Errorf("batch %d on chain %d: %w", b.id, c.id, err)
	}
	b.failed = true
	b.reason = ref.Reason
	for _, key := range b.marketKeys() {
		m.markets[key].halted = true
		m.result.Halted = append(m.result.Halted, key)
	}
	m.result.Failed = append(m.result.Failed, BatchKey{ChainID: c.id, ID: b.id})
	return nil
}

func (m *Machine) sealedBatch(ref *BatchRef) (*chainState, *batchRecord, error) {
	c, err := m.chain(ref.ChainID)
	if err != nil {
		return nil, nil, err
	}
	b, ok := c.sealed[ref.ID]
	if !ok || b.failed {
		return nil, nil, fmt.Errorf("%w: no sealed batch %d on chain %d", ErrUnknownBatch, ref.ID, ref.ChainID)
	}
	return c, b, nil
}
