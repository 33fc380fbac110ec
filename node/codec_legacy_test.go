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
	e.Hash(o.Hash)
	e.U64(o.ChainID)
	e.Order(&o.Order)
	e.U8(uint8(o.Status))
	e.U64(o.Filled)
	e.U64(o.Remaining)
	e.text(o.Reason)
	e.U64(o.PlacedSeq)
	e.U64(o.Time)
	e.Bool(o.Triggered)
	return e.Buf
}

func encodeOrderLocationV1(trader common.Address, seq uint64) []byte {
	e := newEncoder(29, recordVersion1)
	e.Address(trader)
	e.U64(seq)
	return e.Buf
}

func encodePostingV1(p *ledger.Posting) []byte {
	e := newEncoder(200, recordVersion1)
	e.U64(p.Seq)
	e.U32(p.Index)
	e.U8(uint8(p.Kind))
	e.U64(p.Asset.ChainID)
	e.Address(p.Asset.Token)
	e.Amount(&p.Amount)
	e.Address(p.DebitOwner)
	e.U8(uint8(p.DebitKind))
	e.Address(p.CreditOwner)
	e.U8(uint8(p.CreditKind))
	e.U64(p.Order)
	e.U64(p.Batch)
	e.Hash(p.Ref)
	return e.Buf
}
