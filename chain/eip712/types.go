package eip712

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// Domain name and version of the Exchange contract's EIP-712 domain.
const (
	DomainName    = "ThaliumX Exchange"
	DomainVersion = "1"
)

// EIP-712 type strings, the same as in the Exchange contract.
const (
	OrderType      = "Order(address trader,uint32 market,uint8 side,uint8 kind,uint8 timeInForce,bool postOnly,uint8 selfTradePrevention,uint64 price,uint64 triggerPrice,uint64 quantity,uint16 maxFeeBps,uint64 nonce,uint64 expiry)"
	CancelType     = "Cancel(address trader,bytes32 orderHash)"
	WithdrawalType = "Withdrawal(address trader,address token,uint256 amount,uint64 nonce,uint64 expiry)"
	DomainType     = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
)

// Domain is the EIP-712 domain of one Exchange contract on one chain. The
// name and version are fixed (DomainName, DomainVersion).
type Domain struct {
	ChainID           uint64
	VerifyingContract common.Address
}

// Validate checks that the domain names a chain and a contract.
func (d Domain) Validate() error {
	if d.ChainID == 0 {
		return fmt.Errorf("%w: chain id is 0, set the chain id of the Exchange's chain", ErrInvalidDomain)
	}
	if d.VerifyingContract == (common.Address{}) {
		return fmt.Errorf("%w: verifying contract is the zero address, set the Exchange address", ErrInvalidDomain)
	}
	return nil
}

// Side is the side of an order.
type Side uint8

// Order sides.
const (
	Buy  Side = 0
	Sell Side = 1
)

// Kind is the kind of an order.
type Kind uint8

// Order kinds. A market or stop-market order signs its worst acceptable
// price in Price.
const (
	Limit      Kind = 0
	Market     Kind = 1
	StopLimit  Kind = 2
	StopMarket Kind = 3
)

// TimeInForce is how long an order rests on the book.
type TimeInForce uint8

// Times in force. IOC and FOK orders are immediate: they never rest, and
// the contract settles all fills of one in a single batch.
const (
	GTC TimeInForce = 0
	GTD TimeInForce = 1
	IOC TimeInForce = 2
	FOK TimeInForce = 3
)

// Immediate reports whether the time in force is IOC or FOK.
func (t TimeInForce) Immediate() bool {
	return t == IOC || t == FOK
}

// SelfTradePrevention selects what happens when an order would trade
// against an order of the same trader.
type SelfTradePrevention uint8

// Self-trade prevention modes.
const (
	CancelNewest SelfTradePrevention = 0
	CancelOldest SelfTradePrevention = 1
	CancelBoth   SelfTradePrevention = 2
)

// Order is a signed order. Prices are in ticks, the quantity in lots, the
// expiry in unix seconds (0 means none); see docs/PROTOCOL.md.
type Order struct {
	Trader              common.Address
	Market              uint32
	Side                Side
	Kind                Kind
	TimeInForce         TimeInForce
	PostOnly            bool
	SelfTradePrevention SelfTradePrevention
	Price               uint64
	TriggerPrice        uint64
	Quantity            uint64
	MaxFeeBps           uint16
	Nonce               uint64
	Expiry              uint64
}

// maxFeeBps is 100%: a larger signed maximum fee has no meaning.
const maxFeeBps = 10_000

// Validate checks every enumerated field and the fields that must be
// nonzero. It does not check market-specific rules such as tick bounds.
func (o Order) Validate() error {
	switch {
	case o.Trader == (common.Address{}):
		return fmt.Errorf("%w: trader is the zero address", ErrInvalidField)
	case o.Market == 0:
		return fmt.Errorf("%w: market is 0, market ids start at 1", ErrInvalidField)
	case o.Side > Sell:
		return fmt.Errorf("%w: side %d, expected 0 (buy) or 1 (sell)", ErrInvalidField, o.Side)
	case o.Kind > StopMarket:
		return fmt.Errorf("%w: kind %d, expected 0 to 3", ErrInvalidField, o.Kind)
	case o.TimeInForce > FOK:
		return fmt.Errorf("%w: timeInForce %d, expected 0 to 3", ErrInvalidField, o.TimeInForce)
	case o.SelfTradePrevention > CancelBoth:
		return fmt.Errorf("%w: selfTradePrevention %d, expected 0 to 2", ErrInvalidField, o.SelfTradePrevention)
	case o.Price == 0:
		return fmt.Errorf("%w: price is 0 ticks, sign a limit or worst acceptable price", ErrInvalidField)
	case o.Quantity == 0:
		return fmt.Errorf("%w: quantity is 0 lots", ErrInvalidField)
	case o.MaxFeeBps > maxFeeBps:
		return fmt.Errorf("%w: maxFeeBps %d above %d", ErrInvalidField, o.MaxFeeBps, maxFeeBps)
	}
	return o.validateTrigger()
}

func (o Order) validateTrigger() error {
	stop := o.Kind == StopLimit || o.Kind == StopMarket
	if stop && o.TriggerPrice == 0 {
		return fmt.Errorf("%w: stop order with triggerPrice 0", ErrInvalidField)
	}
	if !stop && o.TriggerPrice != 0 {
		return fmt.Errorf("%w: triggerPrice %d on a non-stop order, expected 0", ErrInvalidField, o.TriggerPrice)
	}
	if o.TimeInForce == GTD && o.Expiry == 0 {
		return fmt.Errorf("%w: GTD order with expiry 0", ErrInvalidField)
	}
	return nil
}

// Cancel is a signed off-chain request to cancel the order with OrderHash.
type Cancel struct {
	Trader    common.Address
	OrderHash common.Hash
}

// Withdrawal is a signed request to send Amount base units of Token from
// the trader's Exchange balance to the trader.
type Withdrawal struct {
	Trader common.Address
	Token  common.Address
	Amount *big.Int
	Nonce  uint64
	Expiry uint64
}

// Validate checks the addresses and that the amount is from 1 to 2^255-1,
// the range the contract accepts.
func (w Withdrawal) Validate() error {
	switch {
	case w.Trader == (common.Address{}):
		return fmt.Errorf("%w: trader is the zero address", ErrInvalidField)
	case w.Token == (common.Address{}):
		return fmt.Errorf("%w: token is the zero address", ErrInvalidField)
	case w.Amount == nil || w.Amount.Sign() <= 0:
		return fmt.Errorf("%w: amount %v, expected a positive number of base units", ErrInvalidField, w.Amount)
	case w.Amount.BitLen() > 255:
		return fmt.Errorf("%w: amount %v above 2^255-1", ErrInvalidField, w.Amount)
	}
	return nil
}
