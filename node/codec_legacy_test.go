package node

import (
	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/rpc"
)

// The version 1 encoders, as builds before version 2 wrote index values.
// Tests use them to check that data directories of those builds stay
// readable.

func encodeOrderInfoV1(o *rpc.OrderInfo) []byte {
	e := newEncoder(200, recordVersion1)
	e.hash(o.Hash)
	e.u64(o.ChainID)
	e.order(&o.Order)
	e.u8(uint8(o.Status))
	e.u64(o.Filled)
	e.u64(o.Remaining)
	e.text(o.Reason)
	e.u64(o.PlacedSeq)
	e.u64(o.Time)
	e.boolean(o.Triggered)
	return e.buf
}

func encodeOrderLocationV1(trader common.Address, seq uint64) []byte {
	e := newEncoder(29, recordVersion1)
	e.address(trader)
	e.u64(seq)
	return e.buf
}

func encodePostingV1(p *ledger.Posting) []byte {
	e := newEncoder(200, recordVersion1)
	e.u64(p.Seq)
	e.u32(p.Index)
	e.u8(uint8(p.Kind))
	e.u64(p.Asset.ChainID)
	e.address(p.Asset.Token)
	e.amount(&p.Amount)
	e.address(p.DebitOwner)
	e.u8(uint8(p.DebitKind))
	e.address(p.CreditOwner)
	e.u8(uint8(p.CreditKind))
	e.u64(p.Order)
	e.u64(p.Batch)
	e.hash(p.Ref)
	return e.buf
}
