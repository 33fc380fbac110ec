package watcher

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/thaliumx/thaliumx/contracts/bindings"
)

// Names of the Exchange events the watcher follows.
const (
	depositedEvent           = "Deposited"
	withdrawalRequestedEvent = "WithdrawalRequested"
	orderCancelledEvent      = "OrderCancelled"
	noncesCancelledEvent     = "NoncesCancelled"
)

// eventLayout is the signature and the indexed inputs of an event as the
// decoder reads it.
type eventLayout struct {
	name      string
	signature string
	indexed   []bool
}

// exchangeEvents are the layouts of the followed events, in the order of
// Decoder.Topics.
var exchangeEvents = []eventLayout{
	{depositedEvent, "Deposited(uint64,address,address,uint256)", []bool{true, true, true, false}},
	{withdrawalRequestedEvent, "WithdrawalRequested(address,address,uint256,uint64)", []bool{true, true, false, false}},
	{orderCancelledEvent, "OrderCancelled(address,bytes32,uint64)", []bool{true, true, false}},
	{noncesCancelledEvent, "NoncesCancelled(address,uint64,uint64)", []bool{true, false, false}},
}

// Decoder turns Exchange logs into Events.
type Decoder struct {
	deposited           abi.Event
	withdrawalRequested abi.Event
	orderCancelled      abi.Event
	noncesCancelled     abi.Event
}

// NewDecoder returns a decoder for the Deposited, WithdrawalRequested,
// OrderCancelled and NoncesCancelled events of contractABI, or an error if
// one is missing or has another signature or other indexed inputs.
func NewDecoder(contractABI *abi.ABI) (*Decoder, error) {
	events := make([]abi.Event, len(exchangeEvents))
	for i, layout := range exchangeEvents {
		event, ok := contractABI.Events[layout.name]
		if !ok {
			return nil, fmt.Errorf("%w: the ABI has no %s event", ErrInvalidConfig, layout.name)
		}
		if err := checkEvent(event, layout.signature, layout.indexed); err != nil {
			return nil, err
		}
		events[i] = event
	}
	return &Decoder{deposited: events[0], withdrawalRequested: events[1], orderCancelled: events[2], noncesCancelled: events[3]}, nil
}

// checkEvent rejects an event whose signature or indexed inputs differ
// from the layout the decoder reads.
func checkEvent(event abi.Event, signature string, indexed []bool) error {
	if event.Sig != signature {
		return fmt.Errorf("%w: event %s, expected %s", ErrInvalidConfig, event.Sig, signature)
	}
	for i, input := range event.Inputs {
		if input.Indexed != indexed[i] {
			return fmt.Errorf("%w: input %q of %s has indexed=%v, expected %v", ErrInvalidConfig, input.Name, signature, input.Indexed, indexed[i])
		}
	}
	return nil
}

// ExchangeDecoder returns a decoder for the events of the Exchange
// contract in package bindings.
func ExchangeDecoder() (*Decoder, error) {
	parsed, err := bindings.ExchangeMetaData.ParseABI()
	if err != nil {
		return nil, fmt.Errorf("watcher: parse the Exchange ABI: %w", err)
	}
	return NewDecoder(parsed)
}

// Topics returns the first-topic filter that matches the followed events.
func (d *Decoder) Topics() [][]common.Hash {
	return [][]common.Hash{{d.deposited.ID, d.withdrawalRequested.ID, d.orderCancelled.ID, d.noncesCancelled.ID}}
}

// Decode decodes one log of the chain. It returns an error wrapping
// ErrInvalidLog if the log does not match the event its first topic names.
func (d *Decoder) Decode(chainID uint64, log types.Log) (Event, error) {
	if len(log.Topics) == 0 {
		return Event{}, fmt.Errorf("%w: log %d of transaction %s has no topics", ErrInvalidLog, log.Index, log.TxHash)
	}
	event := Event{
		ChainID:     chainID,
		BlockNumber: log.BlockNumber,
		BlockHash:   log.BlockHash,
		TxHash:      log.TxHash,
		LogIndex:    log.Index,
	}
	var err error
	switch log.Topics[0] {
	case d.deposited.ID:
		err = d.decodeDeposit(log, &event)
	case d.withdrawalRequested.ID:
		err = d.decodeWithdrawalRequest(log, &event)
	case d.orderCancelled.ID:
		err = d.decodeOrderCancel(log, &event)
	case d.noncesCancelled.ID:
		err = d.decodeNonceCancel(log, &event)
	default:
		err = fmt.Errorf("unknown event topic %s", log.Topics[0])
	}
	if err != nil {
		return Event{}, fmt.Errorf("%w: log %d of transaction %s: %w", ErrInvalidLog, log.Index, log.TxHash, err)
	}
	return event, nil
}

func (d *Decoder) decodeDeposit(log types.Log, event *Event) error {
	if len(log.Topics) != 4 {
		return fmt.Errorf("%s has %d topics, expected 4", depositedEvent, len(log.Topics))
	}
	values, err := d.deposited.Inputs.Unpack(log.Data)
	if err != nil {
		return err
	}
	depositID := new(big.Int).SetBytes(log.Topics[1].Bytes())
	if !depositID.IsUint64() {
		return fmt.Errorf("deposit id %s does not fit 64 bits", depositID)
	}
	event.Kind = KindDeposit
	event.DepositID = depositID.Uint64()
	event.Trader = common.BytesToAddress(log.Topics[2].Bytes())
	event.Token = common.BytesToAddress(log.Topics[3].Bytes())
	event.Amount = values[0].(*big.Int)
	return nil
}

func (d *Decoder) decodeWithdrawalRequest(log types.Log, event *Event) error {
	if len(log.Topics) != 3 {
		return fmt.Errorf("%s has %d topics, expected 3", withdrawalRequestedEvent, len(log.Topics))
	}
	values, err := d.withdrawalRequested.Inputs.Unpack(log.Data)
	if err != nil {
		return err
	}
	event.Kind = KindWithdrawalRequest
	event.Trader = common.BytesToAddress(log.Topics[1].Bytes())
	event.Token = common.BytesToAddress(log.Topics[2].Bytes())
	event.Amount = values[0].(*big.Int)
	event.UnlockBlock = values[1].(uint64)
	return nil
}

func (d *Decoder) decodeOrderCancel(log types.Log, event *Event) error {
	if len(log.Topics) != 3 {
		return fmt.Errorf("%s has %d topics, expected 3", orderCancelledEvent, len(log.Topics))
	}
	values, err := d.orderCancelled.Inputs.Unpack(log.Data)
	if err != nil {
		return err
	}
	event.Kind = KindOrderCancel
	event.Trader = common.BytesToAddress(log.Topics[1].Bytes())
	event.OrderHash = log.Topics[2]
	event.EffectiveAt = values[0].(uint64)
	return nil
}

func (d *Decoder) decodeNonceCancel(log types.Log, event *Event) error {
	if len(log.Topics) != 2 {
		return fmt.Errorf("%s has %d topics, expected 2", noncesCancelledEvent, len(log.Topics))
	}
	values, err := d.noncesCancelled.Inputs.Unpack(log.Data)
	if err != nil {
		return err
	}
	event.Kind = KindNonceCancel
	event.Trader = common.BytesToAddress(log.Topics[1].Bytes())
	event.MinNonce = values[0].(uint64)
	event.EffectiveAt = values[1].(uint64)
	return nil
}
