// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// ExchangeMarket is an auto generated low-level Go binding around an user-defined struct.
type ExchangeMarket struct {
	Base            common.Address
	LotSize         *big.Int
	Quote           common.Address
	QuotePerTickLot uint64
	MakerFeeBps     uint16
	TakerFeeBps     uint16
}

// ExchangeOrder is an auto generated low-level Go binding around an user-defined struct.
type ExchangeOrder struct {
	Trader              common.Address
	Market              uint32
	Side                uint8
	Kind                uint8
	TimeInForce         uint8
	PostOnly            bool
	SelfTradePrevention uint8
	Price               uint64
	TriggerPrice        uint64
	Quantity            uint64
	MaxFeeBps           uint16
	Nonce               uint64
	Expiry              uint64
}

// ExchangeMetaData contains all meta data concerning the Exchange contract.
var ExchangeMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"feeRecipient_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"wrappedNative_\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"delayBlocks\",\"type\":\"uint32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"AmountTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"credit\",\"type\":\"uint256\"}],\"name\":\"BalanceOverflow\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tradeIndex\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"feeBps\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxFeeBps\",\"type\":\"uint256\"}],\"name\":\"FeeAboveMaximum\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"orderIndex\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"filled\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"quantity\",\"type\":\"uint64\"}],\"name\":\"FillOrKillNotFilled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"HighS\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"count\",\"type\":\"uint256\"}],\"name\":\"IndexOutOfRange\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"batchId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expected\",\"type\":\"uint64\"}],\"name\":\"InvalidBatchId\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"InvalidBatchLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"version\",\"type\":\"uint8\"}],\"name\":\"InvalidBatchVersion\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"delaySeconds\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxSeconds\",\"type\":\"uint256\"}],\"name\":\"InvalidCancelDelay\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"feeBps\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxFeeBps\",\"type\":\"uint256\"}],\"name\":\"InvalidFeeBps\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"base\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"quote\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tickSize\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"lotSize\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"baseDecimals\",\"type\":\"uint8\"}],\"name\":\"InvalidMarket\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"orderIndex\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"flags\",\"type\":\"uint256\"}],\"name\":\"InvalidOrderFlags\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tradeIndex\",\"type\":\"uint256\"}],\"name\":\"InvalidTrade\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"blocks\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxBlocks\",\"type\":\"uint256\"}],\"name\":\"InvalidWithdrawalDelay\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"IsPaused\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"marketId\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"base\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"quote\",\"type\":\"address\"}],\"name\":\"MarketTokenMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"NoWithdrawalRequest\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"nonce\",\"type\":\"uint64\"}],\"name\":\"NonceAlreadyUsed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"current\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"requested\",\"type\":\"uint64\"}],\"name\":\"NonceNotIncreasing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPendingOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"NothingReceived\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"orderIndex\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"orderHash\",\"type\":\"bytes32\"}],\"name\":\"OrderCancelledOnChain\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"orderIndex\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"}],\"name\":\"OrderExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tradeIndex\",\"type\":\"uint256\"}],\"name\":\"OrderMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"orderIndex\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"nonce\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"minNonce\",\"type\":\"uint64\"}],\"name\":\"OrderNonceCancelled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"orderIndex\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"filled\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"quantity\",\"type\":\"uint64\"}],\"name\":\"Overfill\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tradeIndex\",\"type\":\"uint256\"}],\"name\":\"PostOnlyTaker\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tradeIndex\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"price\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"limit\",\"type\":\"uint64\"}],\"name\":\"PriceOutsideLimit\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Reentrancy\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"orderIndex\",\"type\":\"uint256\"}],\"name\":\"SignatureRequired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"}],\"name\":\"SignerMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"TokenNotListed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TokenTransferFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"pendingMinNonce\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"effectiveAt\",\"type\":\"uint64\"}],\"name\":\"TooManyPendingNonceCancels\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"marketId\",\"type\":\"uint32\"}],\"name\":\"UnknownMarket\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"withdrawalIndex\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"}],\"name\":\"WithdrawalExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"unlockBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"currentBlock\",\"type\":\"uint256\"}],\"name\":\"WithdrawalLocked\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"batchId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"orders\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"trades\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"withdrawals\",\"type\":\"uint256\"}],\"name\":\"BatchSettled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"delaySeconds\",\"type\":\"uint32\"}],\"name\":\"CancelDelayChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"depositId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Deposited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"feeRecipient\",\"type\":\"address\"}],\"name\":\"FeeRecipientChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"feeRecipient\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"FeesCollected\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"marketId\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"makerFeeBps\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"takerFeeBps\",\"type\":\"uint16\"}],\"name\":\"MarketFeesChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"marketId\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"base\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"quote\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"tickSize\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"lotSize\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"quotePerTickLot\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"makerFeeBps\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"takerFeeBps\",\"type\":\"uint16\"}],\"name\":\"MarketListed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"minNonce\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"effectiveAt\",\"type\":\"uint64\"}],\"name\":\"NoncesCancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"OperatorChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"orderHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"effectiveAt\",\"type\":\"uint64\"}],\"name\":\"OrderCancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"pendingOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"paused\",\"type\":\"bool\"}],\"name\":\"PausedChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"blocks\",\"type\":\"uint32\"}],\"name\":\"WithdrawalDelayChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"WithdrawalFailed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"unlockBlock\",\"type\":\"uint64\"}],\"name\":\"WithdrawalRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"BATCH_VERSION\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DEFAULT_CANCEL_DELAY_SECONDS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_CANCEL_DELAY_SECONDS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_FEE_BPS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_WITHDRAWAL_DELAY_BLOCKS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"ORDER_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SECP256K1_HALF_ORDER\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"WITHDRAWAL_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"acceptOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"accruedFees\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"balances\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"cancelDelaySeconds\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"orderHash\",\"type\":\"bytes32\"}],\"name\":\"cancelOrder\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"nonce\",\"type\":\"uint64\"}],\"name\":\"cancelUpTo\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"collectFees\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"deposit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"depositCount\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"depositNative\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"feeRecipient\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"orderHash\",\"type\":\"bytes32\"}],\"name\":\"fillRecords\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"}],\"name\":\"foldNonceCancels\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"market\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"side\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"kind\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"timeInForce\",\"type\":\"uint8\"},{\"internalType\":\"bool\",\"name\":\"postOnly\",\"type\":\"bool\"},{\"internalType\":\"uint8\",\"name\":\"selfTradePrevention\",\"type\":\"uint8\"},{\"internalType\":\"uint64\",\"name\":\"price\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"triggerPrice\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"quantity\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"maxFeeBps\",\"type\":\"uint16\"},{\"internalType\":\"uint64\",\"name\":\"nonce\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"}],\"internalType\":\"structExchange.Order\",\"name\":\"order\",\"type\":\"tuple\"}],\"name\":\"hashOrder\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"nonce\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"}],\"name\":\"hashWithdrawal\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"nonce\",\"type\":\"uint64\"}],\"name\":\"isImmediateNonceUsed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lastBatchId\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"base\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"quote\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tickSize\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"lotSize\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"makerFeeBps\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"takerFeeBps\",\"type\":\"uint16\"}],\"name\":\"listMarket\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"marketId\",\"type\":\"uint32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"listedTokens\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"marketCount\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"marketId\",\"type\":\"uint32\"}],\"name\":\"markets\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"base\",\"type\":\"address\"},{\"internalType\":\"uint96\",\"name\":\"lotSize\",\"type\":\"uint96\"},{\"internalType\":\"address\",\"name\":\"quote\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"quotePerTickLot\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"makerFeeBps\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"takerFeeBps\",\"type\":\"uint16\"}],\"internalType\":\"structExchange.Market\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"}],\"name\":\"minNonce\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"operator\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"orderHash\",\"type\":\"bytes32\"}],\"name\":\"orderCancelEffectiveAt\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pause\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"paused\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"}],\"name\":\"pendingNonceCancels\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"firstMinNonce\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"firstEffectiveAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"secondMinNonce\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"secondEffectiveAt\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingOwner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"recoverSigner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestWithdrawal\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"delaySeconds\",\"type\":\"uint32\"}],\"name\":\"setCancelDelay\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"feeRecipient_\",\"type\":\"address\"}],\"name\":\"setFeeRecipient\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"marketId\",\"type\":\"uint32\"},{\"internalType\":\"uint16\",\"name\":\"makerFeeBps\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"takerFeeBps\",\"type\":\"uint16\"}],\"name\":\"setMarketFees\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator_\",\"type\":\"address\"}],\"name\":\"setOperator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"blocks\",\"type\":\"uint32\"}],\"name\":\"setWithdrawalDelay\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"batch\",\"type\":\"bytes\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"marketId\",\"type\":\"uint32\"}],\"name\":\"tickSizes\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unpause\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"withdrawRequested\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdrawalDelayBlocks\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"word\",\"type\":\"uint256\"}],\"name\":\"withdrawalNonceBitmap\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"trader\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"withdrawalRequests\",\"outputs\":[{\"internalType\":\"uint192\",\"name\":\"amount\",\"type\":\"uint192\"},{\"internalType\":\"uint64\",\"name\":\"unlockBlock\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"wrappedNative\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Exchange",
	Bin: "0x60e080604052346102fe5760a081615f34803803809161001f8285610302565b8339810103126102fe5761003281610339565b9061003f60208201610339565b9061004c60408201610339565b90608061005b60608301610339565b9101519163ffffffff8316948584036102fe576001600160a01b031693841580156102ed575b80156102dc575b6102cd576001600160a01b038316156102cd57851580156102c1575b6102a757600180546001600160a01b031916861790555f80546003805460809687526001600160c01b0319166001600160a01b0395861690811760a098891b63ffffffff60a01b1617909155600160a01b600160e81b039091169390921692831760e160ec1b17905546808552604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208281019182527f5e25e43d82ad113c3fd17b29a97ae5ee73929335310a95654ad25e24f5f4b1fe938301939093527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608301529581019290925230828701529481527f41760b8d518b8c1dcfce056547321737254d71511c54f6e5dc58a7ba52fc03689694959493919291906101d060c082610302565b51902060c052604051935f7f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e08180a37f4721129e0e676ed6a92909bb24e853ccdd63ad72280cc2e974e38e480e0e6e545f80a27f167cccccc6e9b2892a740ec13fc1e51d3de8ea384f25bd87fee7412d588637e25f80a28152a17ffa20a0e88ec7fe7147295cc7da4a1f48067e9b146c39e14fa616174ed7ede1366020604051610e108152a1604051615be6908161034e82396080518181816108390152610a61015260a05181614d47015260c05181614e060152f35b8563c9a2e5cd60e01b5f52600452620f424060245260445ffd5b50620f424086116100a4565b63d92e233d60e01b5f5260045ffd5b506001600160a01b03821615610088565b506001600160a01b03811615610081565b5f80fd5b601f909101601f19168101906001600160401b0382119082101761032557604052565b634e487b7160e01b5f52604160045260245ffd5b51906001600160a01b03821682036102fe5756fe6080806040526004361015610012575f80fd5b5f905f3560e01c90816302acbfd7146147135750806307311283146146b057806312d81b60146143d757806317d4398e1461435f5780631988fa4314614307578063289fbe08146141f35780632dfdf0b5146141b55780633f4ba83a1461411657806340c5a6a2146140d5578063469048401461408457806347e7ef2414613da857806350f73e7c14613d64578063570ca73514613d1457806358715e3b14613bf45780635b25a15a14613b925780635b5eee8814613b4b5780635bb73b7014613b125780635c975abb14613ad057806361a2f38114613a8b578063672f57f4146134ac5780637093f47f146134445780637489ec23146132b657806378e48c0e1461326357806379ba50971461317b5780638456cb59146130945780638855f2cd1461305a5780638da5cb5b1461300957806395eebc7314612df657806397aba7f914612d7b578063983ab45d14612d40578063a480ca7914612cff578063aa99fa9814612cac578063afc382a214612c3d578063b3ab15fb14612b29578063b84f319714612a7c578063c23f001f146129f0578063ca661c04146129b5578063d0322fbf1461111f578063d55be8c6146110e5578063d62eb5d114610dd1578063da95ebf714610bec578063db6b5246146109d9578063e30c397814610987578063e74b981b1461089b578063e99615831461085d578063eb6d3a11146107ee578063ec979082146107ac578063ece91e3514610678578063ed6160ad1461060a578063f24f326f1461044f578063f2fde38b14610365578063f698da2514610324578063f973a209146102cb5763fdfd5a2514610270575f80fd5b346102c857807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c85760206040517fd929c1a94927ed57339b7ea5bf147ef31dbdbd6fe873f8fbe1b436a959c6fd038152f35b80fd5b50346102c857807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c85760206040517fd6fb37d9e2fb21af307e503954ec34608bac465ba58ca65b29afcda49de4545c8152f35b50346102c857807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c857602061035d614d45565b604051908152f35b50346102c85760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c85761039d61477d565b73ffffffffffffffffffffffffffffffffffffffff6001541633036104235773ffffffffffffffffffffffffffffffffffffffff16807fffffffffffffffffffffffff000000000000000000000000000000000000000060025416176002557fd9be0e8e07417e00f2521db636cb53e316fd288f5051f16d2aa2bf0c3938a8768280a280f35b6024827f245aecd300000000000000000000000000000000000000000000000000000000815233600452fd5b50346102c8576101a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c85760405160208101917fd6fb37d9e2fb21af307e503954ec34608bac465ba58ca65b29afcda49de4545c835273ffffffffffffffffffffffffffffffffffffffff6104c861477d565b16604083015260243563ffffffff811680910361060657606083015260443560ff811680910361060657608083015260643560ff81168091036106065760a083015260843560ff81168091036106065760c083015260a4358015158091036106065760e083015260c43560ff81168091036106065761010083015260e43567ffffffffffffffff8116809103610606576101208301526101043567ffffffffffffffff8116809103610606576101408301526101243567ffffffffffffffff8116809103610606576101608301526101443561ffff8116809103610606576101808301526101643567ffffffffffffffff8116809103610606576101a0830152610184359067ffffffffffffffff82168092036102c857602061035d8585856101c08201526101c081526105fe6101e08261489a565b519020614ec9565b5080fd5b50346102c85760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c857608067ffffffffffffffff808061065761065261477d565b614cb2565b93929590918160405197168752166020860152166040840152166060820152f35b50346102c85760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c857604060c09163ffffffff6106ba6147c3565b8260a085516106c881614846565b8281528260208201528287820152826060820152826080820152015216815260056020522061ffff6040516106fc81614846565b8183549167ffffffffffffffff600173ffffffffffffffffffffffffffffffffffffffff851696878452602084019560a01c865201549373ffffffffffffffffffffffffffffffffffffffff6040840181871681526bffffffffffffffffffffffff6060860193858960a01c16855260a06080880197898b60e01c168952019860f01c89526040519a8b52511660208a0152511660408801525116606086015251166080840152511660a0820152f35b50346102c857807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c857602063ffffffff60045416604051908152f35b50346102c857807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c857602060405173ffffffffffffffffffffffffffffffffffffffff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b50346102c857807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c8576020905460e81c604051908152f35b50346102c85760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c8576108d361477d565b73ffffffffffffffffffffffffffffffffffffffff6001541633036104235773ffffffffffffffffffffffffffffffffffffffff16801561095f57807fffffffffffffffffffffffff000000000000000000000000000000000000000060035416176003557f167cccccc6e9b2892a740ec13fc1e51d3de8ea384f25bd87fee7412d588637e28280a280f35b6004827fd92e233d000000000000000000000000000000000000000000000000000000008152fd5b50346102c857807ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126102c857602073ffffffffffffffffffffffffffffffffffffffff60025416604051908152f35b505f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455760ff5f5460e01c16610bc4577f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5c610b9c5760017f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5d3415610b74577f000000000000000000000000000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff8116805f52600760205260ff60405f20541615610b4957803b15610b45575f600491604051928380927fd0e30db000000000000000000000000000000000000000000000000000000000825234905af18015610b3a57610b23575b50610afd90349033614f0a565b807f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5d80f35b610b309192505f9061489a565b5f90610afd610af0565b6040513d5f823e3d90fd5b5f80fd5b7f42f22db5000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7f1f2a2005000000000000000000000000000000000000000000000000000000005f5260045ffd5b7fab143c06000000000000000000000000000000000000000000000000000000005f5260045ffd5b7f1309a563000000000000000000000000000000000000000000000000000000005f5260045ffd5b34610b455760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557610c2361477d565b602435907f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5c610b9c5760017f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5d77ffffffffffffffffffffffffffffffffffffffffffffffff8211610da55773ffffffffffffffffffffffffffffffffffffffff90610cc563ffffffff60035460a01c1667ffffffffffffffff4316614824565b604051610cd18161487e565b77ffffffffffffffffffffffffffffffffffffffffffffffff858116825267ffffffffffffffff929092166020808301828152335f818152600f84526040808220989099168082529784528890209451915160c01b7fffffffffffffffff000000000000000000000000000000000000000000000000169190951617909255845195865290850152909290917f99917c09ff0ca44503897d7fbced1728758961df7b8b79579df03a556064dd7691a35f7f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5d005b507f08083b2a000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557610e0861477d565b7f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5c610b9c5760017f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5d335f52600f60205260405f2073ffffffffffffffffffffffffffffffffffffffff82165f5260205260405f209060405191610e8c8361487e565b5477ffffffffffffffffffffffffffffffffffffffffffffffff8116808452602084019160c01c82521561109f5767ffffffffffffffff9051168043106110705750335f52600f60205260405f2073ffffffffffffffffffffffffffffffffffffffff82165f526020525f6040812055335f52600860205260405f2073ffffffffffffffffffffffffffffffffffffffff82165f5260205277ffffffffffffffffffffffffffffffffffffffffffffffff60405f20549251168281105f1461106557610f59908093614a14565b335f52600860205260405f2073ffffffffffffffffffffffffffffffffffffffff83165f5260205260405f205560405182815273ffffffffffffffffffffffffffffffffffffffff8216907fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb60203392a381610ff5575b5f7f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5d005b611000823383615b84565b610fd0576040517fabae3d6d00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff9091166004820152306024820152336044820152606481019190915280608481015b0390fd5b50610f598280614a14565b7ff2712406000000000000000000000000000000000000000000000000000000005f526004524360245260445ffd5b73ffffffffffffffffffffffffffffffffffffffff827f9a8b24d0000000000000000000000000000000000000000000000000000000005f52336004521660245260445ffd5b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455760206040516103e88152f35b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455760043567ffffffffffffffff8111610b455761116e9036906004016147d6565b5f549160ff8360e01c16610bc4577f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5c610b9c5760017f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5d73ffffffffffffffffffffffffffffffffffffffff831633036129895760405192610200840184811067ffffffffffffffff82111761295c576040525f84525f60408501525f60608501525f60808501525f60a08501525f60c08501525f60e08501525f6101008501525f6101208501525f6101408501525f6101608501525f6101808501525f6101a08501525f6101c08501525f6101e0850152816020850152813560f81c60018103612931575067ffffffffffffffff80833560b81c169182865260a01c169067ffffffffffffffff6112a083614804565b16036128ea5750601461ffff823560a81c168060a08601528160ff843560a01c16918260c088015261ffff60ff863560981c16958660e08a015281813560881c166101008a015281813560781c166101208a015260ff813560701c166101408a01523560601c166101608801528160208801519181830160608a01520201918183016080880152020101604084015260e0604051910281016040526101808301526060610100830151026040519081016040526101a083015260a082015160c08301510260051b604051908082016040523682376101c083015260c082015160051b604051908082016040523682376101e08301526040820151915f5b60e08201518110156115d557600684359401936113c460c084015160ff8360d81c16615a86565b6113d860c085015160ff8460d01c16615a86565b908260e01c5f52600560205260405f2090604051916113f683614846565b600181549173ffffffffffffffffffffffffffffffffffffffff83169283865260a01c6020860152015473ffffffffffffffffffffffffffffffffffffffff8116604085015267ffffffffffffffff8160a01c16606085015261ffff8160e01c16608085015260f01c60a0840152156115a65760808601516014820281013560601c9060148502013560601c9073ffffffffffffffffffffffffffffffffffffffff80855116911680911480159061156c575b61151f5750509160c091600195949361018088015160e0870201926bffffffffffffffffffffffff6020840151169067ffffffffffffffff6060850151169261ffff60a081608088015116960151169760e01c8652602086015260408501526060840152608083015260a082015201520161139d565b73ffffffffffffffffffffffffffffffffffffffff9250857f746bee27000000000000000000000000000000000000000000000000000000005f5260e01c6004526024521660445260645ffd5b5073ffffffffffffffffffffffffffffffffffffffff60408501511673ffffffffffffffffffffffffffffffffffffffff831614156114a9565b837fcaabda11000000000000000000000000000000000000000000000000000000005f5260e01c60045260245ffd5b509160408301526040519061032082016040526115f0614d45565b9160408401519060608501519360a08601519061018087015160e0880151906101a0890151936101008a0151935f87527fd6fb37d9e2fb21af307e503954ec34608bac465ba58ca65b29afcda49de4545c60808801526119016102408801526102608701525f5b87858210156128da5761167b8585858e8c8e8860208301528d60608a020191615380565b9088516128c9576101c060808a01206102808a0152604261025e8a0120916116aa606085028a0184838d615512565b928a516128b657602f8c019b3560f81c6128845750505015600160036060840289015160db1c1611176116e1576001905b01611657565b50505050505090919250600781525f60408201525f60608201525b8051602082015160606040840151930151918061261557505050508060408401526101208301516101a08401516101008501519060c086015190610180870151926101c0880151936101e0890151925f925f945f965f985f955b8b8710612356575b505050505050508061220a5750505050601481029080820460141490151715611a0a5761178a91614b42565b60408301526117988261587c565b6117ad61014083015161016084015190614b42565b917fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe06117f16117db85614c87565b946117e9604051968761489a565b808652614c87565b015f5b8181106121e157505060408101515f5b610140830151811015611bad5781359061183a61182860a08601518460f01c615a86565b9260ff60c08701519160e81c16615a86565b92606085015160148402013560601c90608086015160148602013560601c936003820191828111611a0a5760238101808211611a0a5735908160c01c67ffffffffffffffff8360801c16926033830193848411611a0a5780151580611ba4575b611b75578635158015611b4b575b611b1e576118ba908388358c8b6148db565b9173ffffffffffffffffffffffffffffffffffffffff88165f52600d60205260405f209160c81c91600160ff83161b92805f528160205260405f205492848416611ad957509186939161191895935f526020521760405f205561523f565b611aad5773ffffffffffffffffffffffffffffffffffffffff168015611a815773ffffffffffffffffffffffffffffffffffffffff86168103611a375750607401809111611a0a5761197f909661197a6101c08a01519360c08b015190614c9f565b614b42565b8060051b9080820460201490151715611a0a5761199b91614b42565b80519482358603955f843512818812811691881390151617611a0a5760019573ffffffffffffffffffffffffffffffffffffffff925281604051946119df86614862565b1684521660208301523560408201526119f882886159ec565b52611a0381876159ec565b5001611804565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b8573ffffffffffffffffffffffffffffffffffffffff91887fc758c30f000000000000000000000000000000000000000000000000000000005f526004526024521660445260645ffd5b867f52bf9848000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b867f9ddca1c9000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b73ffffffffffffffffffffffffffffffffffffffff8b7fa5a429c3000000000000000000000000000000000000000000000000000000005f521660045260245260445ffd5b867f08083b2a000000000000000000000000000000000000000000000000000000005f523560045260245ffd5b507f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8735116118a8565b887ff768b428000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b5080421161189a565b50919091806040840152610160830151600381029080820460031490151715611a0a57611bd991614b42565b81611be8602085015183614a14565b036121a357505060608101519060808101519160a08201519260c0830151916101c08401515f915f915f935f915f935f5b8b81106120f3575b50505090919293949596975061200257505050506101e08301515f5b838110611fad578585610140810151916040820151915f935b610160820151851015611e785783359360038101809111611a0a579373ffffffffffffffffffffffffffffffffffffffff60608401516014611c9f60a08701518560f01c615a86565b02013560601c916014611cc260808701519260ff60c08901519160e81c16615a86565b02013560601c911690815f52600f60205260405f2073ffffffffffffffffffffffffffffffffffffffff82165f5260205260405f209060405191611d058361487e565b5477ffffffffffffffffffffffffffffffffffffffffffffffff81169081845260c01c602084015215611e6c57825f52600f60205260405f2073ffffffffffffffffffffffffffffffffffffffff82165f526020525f6040812055825f52600860205260405f2073ffffffffffffffffffffffffffffffffffffffff82165f5260205277ffffffffffffffffffffffffffffffffffffffffffffffff60405f20549251168281105f14611e6557915b8215611e585790611dda8373ffffffffffffffffffffffffffffffffffffffff93614a14565b845f52600860205260405f208383165f5260205260405f205560405193611e0085614862565b84521660208301526040820152611e1782856159ec565b52611e2281846159ec565b507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8114611a0a576001809101945b0193611c56565b5050505093600190611e51565b5081611db4565b50505093600190611e51565b919260408201527f555870594511c2cb2e0a4b0e8394015e97710e645bb9b96f63a6d46c1f3b97b2606067ffffffffffffffff83515f547fffffffff0000000000000000ffffffffffffffffffffffffffffffffffffffff7bffffffffffffffff00000000000000000000000000000000000000008360a01b169116175f5561012061010086015195015160405195865260208601528560408601521692a25f5b818110611f45575f7f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5d005b80611fa773ffffffffffffffffffffffffffffffffffffffff611f6a600194876159ec565b51511673ffffffffffffffffffffffffffffffffffffffff6020611f8e85896159ec565b510151166040611f9e85896159ec565b51015191615ac2565b01611f19565b8060019160051b83015180611fc4575b5001611c3d565b73ffffffffffffffffffffffffffffffffffffffff6014830286013560601c165f526009602052611ffa60405f20918254614b42565b905587611fbd565b5f821261206f5790611061916040519485947fa5dfac3d000000000000000000000000000000000000000000000000000000008652600486019094939273ffffffffffffffffffffffffffffffffffffffff60609381608085019816845216602083015260408201520152565b90917f80000000000000000000000000000000000000000000000000000000000000008314611a0a576040517f861da4bd00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff91821660048201529316602484015260448301525f036064820152608490fd5b6014810282013560601c5f5260086020528360405f205f5b8c8110612126575b505061212157600101611c19565b611c21565b90915060208551950194801561219a57601482028c013560601c5f528260205260405f208054828101928184105f82121861216b575050556001905b0190859161210b565b99509b505050975050925093506001938260148087950283013560601c970289013560601c9794958e80612113565b50600190612162565b60206121b29293015190614a14565b907fcc582fc5000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b6020906040516121f081614862565b5f81525f838201525f6040820152828288010152016117f4565b6001811461232a57600281146122fa57600381146122ce57600481146122a2576005146122715767ffffffffffffffff929183917f152c7997000000000000000000000000000000000000000000000000000000005f52600452166024521660445260645ffd5b7f5c42ce9e000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b507fc8ecc1e2000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b507fcf3e25af000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b50507f94666f0d000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b507f95a7c073000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b9091929394959750601488028c01359767ffffffffffffffff8960a01c169867ffffffffffffffff8160601c16829a81158115176125fc5761ffff8360f01c9360e01c16928981108a85108116156125ce575060608091028b0193028a019280519084519182811860ff60018260d81c16159160e01c16176125b25760018360dd1c166125965760e060ff82821c160288019460a08601519460c08701519761ffff8460081c16808811612570575061ffff8660081c16808a1161254a575060018460d81c169484869597809661253f575b505067ffffffffffffffff8760981c16808411612517575067ffffffffffffffff8560981c1680841061251757506127108e979593602060019d9c9b9a989694818495018681510190520184815101905260608a015184029360808b0151910202968702049886020496888d899561250a575b61ffff95968987604060208701519601519b8c998a9460e81c16029760e81c16029584810160051b83018681510190520160051b019087018151039052820160051b8c019081510390520160051b89019103815101905260051b88019101815101905201959493929190611756565b508994508890508d61249b565b9f5050509e50505050505050505050505050935050925060069291928880808080808061175e565b975094505f80612428565b9f5050505050505050509a5050505050505092505060059291928880808080808061175e565b9f505050505050509c50505050505050505092505060059291928880808080808061175e565b505050505050505050505050505060048880808080808061175e565b505050505050505050505050505060038880808080808061175e565b9d509d505050965050505050509150600294936125f4575b50928880808080808061175e565b9250886125e6565b505050505050505050505060018880808080808061175e565b60018114612854576002811461282457600381146127ea57600481146127aa576005811461277a576006811461272a57600781146126fe57600881146126d2576009146126a75773ffffffffffffffffffffffffffffffffffffffff9283917fc758c30f000000000000000000000000000000000000000000000000000000005f52600452166024521660445260645ffd5b7f52bf9848000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b507f9ddca1c9000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b507fe4c135bd000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b67ffffffffffffffff8373ffffffffffffffffffffffffffffffffffffffff867fa5a429c3000000000000000000000000000000000000000000000000000000005f52166004521660245260445ffd5b83827f866b02a9000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b5067ffffffffffffffff9283917f1a1472c3000000000000000000000000000000000000000000000000000000005f52600452166024521660445260645ffd5b67ffffffffffffffff84837fa753986d000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b82847f94666f0d000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b83827f7f2eafe2000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b8b61289393959c94508b6157b9565b87516128a65750607060019101976116db565b98995050505050505090506116fc565b50505050505050505050909192506116fc565b5050505050505050909192506116fc565b50505050505050909192506116fc565b67ffffffffffffffff906129018286511691614804565b907fab3fefe3000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b7f3b71f3f6000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b7f76c6c93a000000000000000000000000000000000000000000000000000000005f523360045260245ffd5b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b45576020604051620f42408152f35b34610b455760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557612a2761477d565b73ffffffffffffffffffffffffffffffffffffffff612a446147a0565b91165f52600860205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52602052602060405f2054604051908152f35b34610b455760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557612ab361477d565b73ffffffffffffffffffffffffffffffffffffffff612ad06147a0565b91165f52600f60205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f526020526040805f205481519077ffffffffffffffffffffffffffffffffffffffffffffffff8116825260c01c6020820152f35b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557612b6061477d565b73ffffffffffffffffffffffffffffffffffffffff600154163303612c115773ffffffffffffffffffffffffffffffffffffffff168015612be957807fffffffffffffffffffffffff00000000000000000000000000000000000000005f5416175f557f4721129e0e676ed6a92909bb24e853ccdd63ad72280cc2e974e38e480e0e6e545f80a2005b7fd92e233d000000000000000000000000000000000000000000000000000000005f5260045ffd5b7f245aecd3000000000000000000000000000000000000000000000000000000005f523360045260245ffd5b34610b455760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455773ffffffffffffffffffffffffffffffffffffffff612c8961477d565b165f52600d60205260405f206024355f52602052602060405f2054604051908152f35b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b45576020612ced612ce861477d565b614c24565b67ffffffffffffffff60405191168152f35b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557602061035d612d3b61477d565b614b4f565b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557602060405162093a808152f35b34610b455760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455760243567ffffffffffffffff8111610b4557612dd8612dcf60209236906004016147d6565b90600435614b02565b73ffffffffffffffffffffffffffffffffffffffff60405191168152f35b34610b455760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557612e2d6147c3565b60243561ffff811690818103610b45576044359161ffff831693848403610b455773ffffffffffffffffffffffffffffffffffffffff600154163303612c11576103e882118015612ffe575b612fb55763ffffffff1693845f52600560205260405f2073ffffffffffffffffffffffffffffffffffffffff81541615612f89577f2612577a99e99271272473c13c36e53362d4cf95fa779cac2315b916202dd82694604094612f2d6001612f7c94019182907fffff0000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff7dffff0000000000000000000000000000000000000000000000000000000083549260e01b169116179055565b907dffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7fffff00000000000000000000000000000000000000000000000000000000000083549260f01b169116179055565b82519182526020820152a2005b857fcaabda11000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b50918361ffff93115f14612ff757505b7f080b3497000000000000000000000000000000000000000000000000000000005f52166004526103e860245260445ffd5b9050612fc5565b506103e88511612e79565b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557602073ffffffffffffffffffffffffffffffffffffffff60015416604051908152f35b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b45576020604051610e108152f35b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455773ffffffffffffffffffffffffffffffffffffffff600154163314158061315a575b612989577c01000000000000000000000000000000000000000000000000000000007fffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffff5f5416175f557fd83d5281277e107f080e362699d46082adb74e7dc6a9bccbc87d8ae9533add44602060405160018152a1005b5073ffffffffffffffffffffffffffffffffffffffff5f54163314156130e4565b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455760025473ffffffffffffffffffffffffffffffffffffffff81163303613237577fffffffffffffffffffffffff0000000000000000000000000000000000000000906001543373ffffffffffffffffffffffffffffffffffffffff82167f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e05f80a38216331760015516600255005b7fa09b9a43000000000000000000000000000000000000000000000000000000005f523360045260245ffd5b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455763ffffffff61329f6147c3565b165f526006602052602060405f2054604051908152f35b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557600435335f52600e60205260405f20815f5260205260405f20546133175f5460e81c67ffffffffffffffff4216614824565b907f800000000000000000000000000000000000000000000000000000000000000081166133f6575b7f800000000000000000000000000000000000000000000000000000000000000090335f52600e60205260405f20845f5260205267ffffffffffffffff6fffffffffffffffff00000000000000008460401b169116171760405f2055335f52600a60205260405f206f80000000000000000000000000000000815417905567ffffffffffffffff604051911681527f5930ceb5938be8ec68a9cf2ead2b09fbd366a14a635d58499094e01c3e24e95960203392a3005b67ffffffffffffffff8160401c1667ffffffffffffffff8316811061341c575b50613340565b91507f8000000000000000000000000000000000000000000000000000000000000000613416565b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455773ffffffffffffffffffffffffffffffffffffffff61349061477d565b165f526007602052602060ff60405f2054166040519015158152f35b34610b455760c07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b45576134e361477d565b6134eb6147a0565b9060443591606435926084359061ffff821691828103610b455760a4359061ffff821691828103610b455773ffffffffffffffffffffffffffffffffffffffff600154163303612c11576103e885118015613a80575b613a425750505f8060405160208101907f313ce5670000000000000000000000000000000000000000000000000000000082526004815261358360248261489a565b5190885afa61359061500e565b90158015613a36575b6139d75760208151918180820193849201010312610b455751602481116139605760ff6135ca91168784878961506b565b926004549363ffffffff851663ffffffff8114611a0a5760010163ffffffff1697887fffffffffffffffffffffffffffffffffffffffffffffffffffffffff00000000819716176004556040519761362189614846565b73ffffffffffffffffffffffffffffffffffffffff1696878952602089016bffffffffffffffffffffffff8316815260408a019173ffffffffffffffffffffffffffffffffffffffff16998a8352606081019467ffffffffffffffff1694858152608082019187835260a08101938985528b5f52600560205260405f20915173ffffffffffffffffffffffffffffffffffffffff1673ffffffffffffffffffffffffffffffffffffffff1682547fffffffffffffffffffffffff0000000000000000000000000000000000000000161782555181549060a01b7fffffffffffffffffffffffff0000000000000000000000000000000000000000169073ffffffffffffffffffffffffffffffffffffffff16178155600101935173ffffffffffffffffffffffffffffffffffffffff1673ffffffffffffffffffffffffffffffffffffffff1684547fffffffffffffffffffffffff0000000000000000000000000000000000000000161784555183549060a01b7bffffffffffffffff0000000000000000000000000000000000000000167bffffffffffffffff000000000000000000000000000000000000000016907fffffffff0000000000000000ffffffffffffffffffffffffffffffffffffffff161783555161ffff166138509083907fffff0000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff7dffff0000000000000000000000000000000000000000000000000000000083549260e01b169116179055565b5181547dffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1660f09190911b7fffff00000000000000000000000000000000000000000000000000000000000016179055855f5260066020528460405f2055865f52600760205260405f2080547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00166001179055875f52600760205260405f2080547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00166001179055604051948552602085015260408401526060830152608082015260a07f3aaa4dbca1afb3d2924ba2929d400a9a7e50a94f96a401a1adacd64228ac23f991a4604051908152602090f35b8560a49160ff81115f146139cf575060ff805b73ffffffffffffffffffffffffffffffffffffffff604051937fce5987b80000000000000000000000000000000000000000000000000000000085521660048401525f60248401525f60448401525f6064840152166084820152fd5b60ff90613973565b60a48673ffffffffffffffffffffffffffffffffffffffff604051917fce5987b80000000000000000000000000000000000000000000000000000000083521660048201525f60248201525f60448201525f60648201525f6084820152fd5b50602081511415613599565b61ffff92851115612ff757507f080b3497000000000000000000000000000000000000000000000000000000005f52166004526103e860245260445ffd5b506103e88311613541565b34610b455760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b45576020612ced613ac761477d565b60243590614a99565b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557602060ff5f5460e01c166040519015158152f35b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557602060405160018152f35b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557602067ffffffffffffffff5f5460a01c16604051908152f35b34610b455760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557613bc961477d565b6024359067ffffffffffffffff82168203610b4557602091613bea91614a21565b6040519015158152f35b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557613c2b6147c3565b73ffffffffffffffffffffffffffffffffffffffff600154163303612c115763ffffffff81169081158015613d08575b613cd5577f41760b8d518b8c1dcfce056547321737254d71511c54f6e5dc58a7ba52fc0368916020917fffffffffffffffff00000000ffffffffffffffffffffffffffffffffffffffff77ffffffff00000000000000000000000000000000000000006003549260a01b16911617600355604051908152a1005b507fc9a2e5cd000000000000000000000000000000000000000000000000000000005f52600452620f424060245260445ffd5b50620f42408211613c5b565b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557602073ffffffffffffffffffffffffffffffffffffffff5f5416604051908152f35b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557602063ffffffff60035460a01c16604051908152f35b34610b455760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557613ddf61477d565b6024359060ff5f5460e01c16610bc4577f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5c610b9c5760017f780f9d6c8cdddc4b6ea32e729dee2b817527cf9aaaf73e91b627e33bc2fd87cf5d73ffffffffffffffffffffffffffffffffffffffff811691825f52600760205260ff60405f20541615614058578015610b7457604051907f70a08231000000000000000000000000000000000000000000000000000000008252306004830152602082602481875afa918215610b3a575f92614024575b50613f046040517f23b872dd00000000000000000000000000000000000000000000000000000000602082015233602482015230604482015282606482015260648152613efe60848261489a565b84615a2d565b15613fc95750604051907f70a08231000000000000000000000000000000000000000000000000000000008252306004830152602082602481875afa8015610b3a575f90613f95575b613f579250614a14565b908115613f6957610fd0925033614f0a565b827f179b264d000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b506020823d602011613fc1575b81613faf6020938361489a565b81010312610b4557613f579151613f4d565b3d9150613fa2565b6040517fabae3d6d00000000000000000000000000000000000000000000000000000000815273ffffffffffffffffffffffffffffffffffffffff841660048201523360248201523060448201526064810191909152608490fd5b9091506020813d602011614050575b816140406020938361489a565b81010312610b4557519084613eb0565b3d9150614033565b827f42f22db5000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557602073ffffffffffffffffffffffffffffffffffffffff60035416604051908152f35b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455761411461410f61477d565b61495e565b005b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455773ffffffffffffffffffffffffffffffffffffffff600154163303612c11577fffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffff5f54165f557fd83d5281277e107f080e362699d46082adb74e7dc6a9bccbc87d8ae9533add4460206040515f8152a1005b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b4557602060035460c01c604051908152f35b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455761422a6147c3565b73ffffffffffffffffffffffffffffffffffffffff600154163303612c115763ffffffff81169062093a8082116142d4577ffa20a0e88ec7fe7147295cc7da4a1f48067e9b146c39e14fa616174ed7ede136916020917cffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7fffffff00000000000000000000000000000000000000000000000000000000005f549260e81b169116175f55604051908152a1005b507f59484390000000000000000000000000000000000000000000000000000000005f5260045262093a8060245260445ffd5b34610b45575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455760206040517f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08152f35b34610b455760a07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455761439661477d565b61439e6147a0565b60643567ffffffffffffffff81168103610b45576084359067ffffffffffffffff82168203610b455760209361035d93604435916148db565b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455760043567ffffffffffffffff8116809103610b4557335f908152600a602052604081205467ffffffffffffffff8116680100000000000000008216614690575b608083901c801593908461468957905b811561467a5767ffffffffffffffff8083165b16948587111561464a576fffffffffffffffff0000000000000000955061449e5f5460e81c67ffffffffffffffff4216614824565b67ffffffffffffffff811696879160401b1688179383155f14614549575050505067ffffffffffffffff6801000000000000000093927fffffffffffffffffffffffffffffffffffffffffffffffff0000000000000000925b335f52600b60205260405f2055335f52600a602052169116171760405f205560405191825260208201527f52bb8b548078967bcd14fadf8cd279c611ad4db50454b73515e79812defcb45560403392a2005b92939260401c67ffffffffffffffff16036145c557506801000000000000000093927fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000009267ffffffffffffffff92608082901c156145be576fffffffffffffffffffffffffffffffff9060801b9116176144f7565b90506144f7565b1561460b576801000000000000000093927fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000009267ffffffffffffffff9260801b176144f7565b67ffffffffffffffff827f7d3e318b000000000000000000000000000000000000000000000000000000005f5281811660045260401c1660245260445ffd5b86867f928e4225000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b67ffffffffffffffff83614469565b5080614456565b6146a9919250335f52600b60205260405f205490614e28565b9190614446565b34610b455760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455773ffffffffffffffffffffffffffffffffffffffff6146fc61477d565b165f526009602052602060405f2054604051908152f35b34610b455760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610b455760209073ffffffffffffffffffffffffffffffffffffffff61476261477d565b165f52600e825260405f206024355f52825260405f20548152f35b6004359073ffffffffffffffffffffffffffffffffffffffff82168203610b4557565b6024359073ffffffffffffffffffffffffffffffffffffffff82168203610b4557565b6004359063ffffffff82168203610b4557565b9181601f84011215610b455782359167ffffffffffffffff8311610b455760208381860195010111610b4557565b67ffffffffffffffff60019116019067ffffffffffffffff8211611a0a57565b9067ffffffffffffffff8091169116019067ffffffffffffffff8211611a0a57565b60c0810190811067ffffffffffffffff82111761295c57604052565b6060810190811067ffffffffffffffff82111761295c57604052565b6040810190811067ffffffffffffffff82111761295c57604052565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff82111761295c57604052565b929367ffffffffffffffff61495b9581939473ffffffffffffffffffffffffffffffffffffffff604051968160208901997fd929c1a94927ed57339b7ea5bf147ef31dbdbd6fe873f8fbe1b436a959c6fd038b5216604089015216606087015260808601521660a08401521660c082015260c081526105fe60e08261489a565b90565b73ffffffffffffffffffffffffffffffffffffffff16805f52600a60205260405f20549068010000000000000000821615614a105767ffffffffffffffff91815f52600b6020527ffffffffffffffffffffffffffffffffffffffffffffffffe00000000000000006149d660405f2054858416614e28565b9490845f52600b6020528560405f205516911617916149fe575b5f52600a60205260405f2055565b906801000000000000000017906149f0565b5050565b91908203918211611a0a57565b73ffffffffffffffffffffffffffffffffffffffff1690815f52600a60205260405f2054916001607f6701ffffffffffffff8460071c1693161b92673fffffffffffffff8160411c168314614a8d57505f52600c60205260405f20905f5260205260405f205416151590565b91505060801c16151590565b73ffffffffffffffffffffffffffffffffffffffff165f52600e60205260405f20905f5260205260405f20547f8000000000000000000000000000000000000000000000000000000000000000811615614afd5760401c67ffffffffffffffff1690565b505f90565b917fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffbf01614b3c57614b329161523f565b1561495b57505f90565b50505f90565b91908201809211611a0a57565b73ffffffffffffffffffffffffffffffffffffffff1690815f52600960205260405f2054916001831115614c1e577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8301928311611a0a5782815f526009602052600160405f20557f9bcb6d1f38f6800906185471a11ede9a8e16200853225aa62558db6076490f2d602073ffffffffffffffffffffffffffffffffffffffff6003541692835f526008825260405f20855f52825260405f20614c13828254614b42565b9055604051908152a3565b505f9150565b73ffffffffffffffffffffffffffffffffffffffff16805f52600a60205260405f205468010000000000000000811615614c785761495b915f52600b60205267ffffffffffffffff60405f205491166152f3565b67ffffffffffffffff91501690565b67ffffffffffffffff811161295c5760051b60200190565b81810292918115918404141715611a0a57565b73ffffffffffffffffffffffffffffffffffffffff16805f52600a60205260405f205468010000000000000000811615614d3957614d06915f52600b60205267ffffffffffffffff60405f20549116614e28565b91905067ffffffffffffffff82169167ffffffffffffffff8160401c169167ffffffffffffffff8260801c169160c01c90565b50505f905f905f905f90565b7f00000000000000000000000000000000000000000000000000000000000000004614614e045760405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527f5e25e43d82ad113c3fd17b29a97ae5ee73929335310a95654ad25e24f5f4b1fe60408201527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a082015260a08152614dfe60c08261489a565b51902090565b7f000000000000000000000000000000000000000000000000000000000000000090565b9091614e35835f936152f3565b925f905f5b60028110614e4757505050565b8060071b81810460801482151715611a0a5782901c4267ffffffffffffffff8260401c161180614eac575b614e80575b50600101614e3a565b6fffffffffffffffffffffffffffffffff16831b909417939160808101908110611a0a57916001614e77565b5067ffffffffffffffff871667ffffffffffffffff821611614e72565b604290614ed4614d45565b90604051917f19010000000000000000000000000000000000000000000000000000000000008352600283015260228201522090565b73ffffffffffffffffffffffffffffffffffffffff909291921690815f52600860205260405f2073ffffffffffffffffffffffffffffffffffffffff84165f5260205260405f20614f5c828254614b42565b9055600354928360c01c67ffffffffffffffff8114611a0a5767ffffffffffffffff73ffffffffffffffffffffffffffffffffffffffff7f3058c9982050baca4b61c4c19150229f108f491b297706a6e1d190eb8399a974936001602094019777ffffffffffffffffffffffffffffffffffffffffffffffff7fffffffffffffffff0000000000000000000000000000000000000000000000008a60c01b1691161760035560405195865216951692a4565b3d15615066573d9067ffffffffffffffff821161295c576040519161505b60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f840116018461489a565b82523d5f602084013e565b606090565b73ffffffffffffffffffffffffffffffffffffffff90959495169384151580615220575b80615200575b806151f7575b806151ee575b806151d8575b806151be575b806151b0575b61511a575b509160a4949173ffffffffffffffffffffffffffffffffffffffff60ff94604051967fce5987b8000000000000000000000000000000000000000000000000000000008852600488015216602486015260448501526064840152166084820152fd5b6151248484614c9f565b60ff8716604d8111611a0a57600a0a8015615183578082049106158061517a575b80615168575b61515557506150b8565b67ffffffffffffffff1695509350505050565b5067ffffffffffffffff81111561514b565b50801515615145565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601260045260245ffd5b50602460ff871611156150b3565b506fffffffffffffffffffffffffffffffff8311156150ad565b506bffffffffffffffffffffffff8411156150a7565b508315156150a1565b5082151561509b565b5073ffffffffffffffffffffffffffffffffffffffff8216851415615095565b5073ffffffffffffffffffffffffffffffffffffffff8216151561508f565b5f9160208101359160408201355f1a907f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084116152e757601b82106152d5575b601b821415806152ca575b6152bf576020935f9360ff6080946040519485521686840152356040830152606082015282805260015afa15610b3a575f5191565b50505050505f905f90565b50601c82141561528a565b90601b8101809111611a0a579061527f565b50505050505f90600190565b905f5b6002811061530357505090565b8060071b81810460801482151715611a0a5782901c67ffffffffffffffff8160401c168015159081615375575b5080615358575b615345575b506001016152f6565b67ffffffffffffffff169250600161533c565b5067ffffffffffffffff841667ffffffffffffffff821611615337565b90504210155f615330565b9293909194955f979683359561ffff8760e81c1660ff8860e01c169a8860d81c948960f81c600181116154f4575060038a60de1c1696600388146154d257808410156154b65750808d101561549b575050601402013560601c988960a087015260e002015160c085015260011660e08401528360d91c6003166101008401528360db1c6003166101208401528360dd1c6001166101408401526101608301528260981c67ffffffffffffffff166101808301528260581c67ffffffffffffffff166101a08301528260181c67ffffffffffffffff166101c08301528260081c61ffff166101e0830152601f01358060c01c61020083015260801c67ffffffffffffffff169061022001528152602081015f90526040015f9052565b99509a95505050505050606092506002825260408201520152565b9a50509a50945050505050606092506002825260408201520152565b50509a5050505090505f94506060935060ff9150600183521660408201520152565b9750509a5050505050505f9350606092506001825260408201520152565b5f94939261020082015193610220830151804211811515166156bf5750835f52600a60205260405f20908154926801ffffffffffffffff8416808810615624575b5060016003835160db1c161191600185607f1c168315176155ac575b505061557d575b5050505050565b615589918591856156d6565b15615596575b8080615576565b60609160068252604082015201525f808061558f565b909850855f52600e60205260405f20602052885f5260405f20908154998a60ff1c6155de575b50604001525f8061556f565b67ffffffffffffffff8b60409c939c1c16421015615609575067ffffffffffffffff169860406155d2565b945098505050505f9350606092506005825260408201520152565b60018560401c1661564f575b8088101561555357969350505050606092506004825260408201520152565b50855f52600b60205260405f205467ffffffffffffffff8516905f5b610100811061567b575050615630565b67ffffffffffffffff82821c1667ffffffffffffffff83604084011c1680421015901515166156ae575b5060800161566b565b838111156156a557925060806156a5565b9150505f9350606092506003825260408201520152565b5f909391938260071c6001607f85161b92673fffffffffffffff8660411c16918660801c938382146157a1575f52600c60205260405f2060205282811061577857505091816f8000000000000001ffffffffffffffff94937ffffffffffffffffffffffffffffffffffffffffffffffffe00000000000000009361576a575b505060801b91603a1b16179116179055600190565b5f5260405f20555f80615755565b94509550505091505f5260405f209182549082821661579a5750179055600190565b9392505050565b505092935050821661579a575060801b179055600190565b91906020810135907f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08211615865576020925f928260406080940135851a601b811061585d575b6102a088019384526102c0880152356102e087015261030086015282805260015afa505f519081156158485782820361583857505050565b606091600a825260408201520152565b5f925060609150600981528260408201520152565b601b01615800565b5050505f9150806008606092528260408201520152565b906101006101a0830151920151905f925f915f935f5b818110615927575b50508415615920575060608202015160181c67ffffffffffffffff16926001146158ef577fe30cc2c9000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b7f070e26e3000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b9350505050565b606081028401805160038160db1c169167ffffffffffffffff60208201519260181c1692600181116159a55750811561599a5760400151918254908267ffffffffffffffff83160190811161598457500190556001905b01615892565b9750505050955050925060019391925f8061589a565b50505060019061597e565b919280915083116159d7576003908314159114166159c6575060019061597e565b60029750955093505f90508061589a565b50509450955050925060019391925f8061589a565b8051821015615a005760209160051b010190565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b803b15614b3c57815f92918360208194519301915af1615a4b61500e565b9015614afd5780518015615a7f57602081149182615a6857505090565b602081810193509181010312610b45575160011490565b5050600190565b9080821015615a93575090565b907f94666f0d000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b615acd838284615b84565b615b3b57602073ffffffffffffffffffffffffffffffffffffffff807f3b02b5c31975954cee388ce4cad21a8d5f151e190084f0c2241f3e158be6ad91931693845f526008835260405f208282165f52835260405f20615b2e878254614b42565b90556040519586521693a3565b9190602073ffffffffffffffffffffffffffffffffffffffff807fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb9360405195865216941692a3565b61495b9273ffffffffffffffffffffffffffffffffffffffff604051937fa9059cbb000000000000000000000000000000000000000000000000000000006020860152166024840152604483015260448252615be160648361489a565b615a2d56",
}

// Exchange is an auto generated Go binding around an Ethereum contract.
type Exchange struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Exchange) GetABI() abi.ABI {
	return c.abi
}

// NewExchange creates a new instance of Exchange.
func NewExchange() *Exchange {
	parsed, err := ExchangeMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Exchange{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Exchange) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address owner_, address operator_, address feeRecipient_, address wrappedNative_, uint32 delayBlocks) returns()
func (exchange *Exchange) PackConstructor(owner_ common.Address, operator_ common.Address, feeRecipient_ common.Address, wrappedNative_ common.Address, delayBlocks uint32) []byte {
	enc, err := exchange.abi.Pack("", owner_, operator_, feeRecipient_, wrappedNative_, delayBlocks)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackBATCHVERSION is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5bb73b70.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function BATCH_VERSION() view returns(uint8)
func (exchange *Exchange) PackBATCHVERSION() []byte {
	enc, err := exchange.abi.Pack("BATCH_VERSION")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBATCHVERSION is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5bb73b70.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function BATCH_VERSION() view returns(uint8)
func (exchange *Exchange) TryPackBATCHVERSION() ([]byte, error) {
	return exchange.abi.Pack("BATCH_VERSION")
}

// UnpackBATCHVERSION is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5bb73b70.
//
// Solidity: function BATCH_VERSION() view returns(uint8)
func (exchange *Exchange) UnpackBATCHVERSION(data []byte) (uint8, error) {
	out, err := exchange.abi.Unpack("BATCH_VERSION", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackDEFAULTCANCELDELAYSECONDS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8855f2cd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DEFAULT_CANCEL_DELAY_SECONDS() view returns(uint256)
func (exchange *Exchange) PackDEFAULTCANCELDELAYSECONDS() []byte {
	enc, err := exchange.abi.Pack("DEFAULT_CANCEL_DELAY_SECONDS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDEFAULTCANCELDELAYSECONDS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8855f2cd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DEFAULT_CANCEL_DELAY_SECONDS() view returns(uint256)
func (exchange *Exchange) TryPackDEFAULTCANCELDELAYSECONDS() ([]byte, error) {
	return exchange.abi.Pack("DEFAULT_CANCEL_DELAY_SECONDS")
}

// UnpackDEFAULTCANCELDELAYSECONDS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8855f2cd.
//
// Solidity: function DEFAULT_CANCEL_DELAY_SECONDS() view returns(uint256)
func (exchange *Exchange) UnpackDEFAULTCANCELDELAYSECONDS(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("DEFAULT_CANCEL_DELAY_SECONDS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXCANCELDELAYSECONDS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x983ab45d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_CANCEL_DELAY_SECONDS() view returns(uint256)
func (exchange *Exchange) PackMAXCANCELDELAYSECONDS() []byte {
	enc, err := exchange.abi.Pack("MAX_CANCEL_DELAY_SECONDS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXCANCELDELAYSECONDS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x983ab45d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_CANCEL_DELAY_SECONDS() view returns(uint256)
func (exchange *Exchange) TryPackMAXCANCELDELAYSECONDS() ([]byte, error) {
	return exchange.abi.Pack("MAX_CANCEL_DELAY_SECONDS")
}

// UnpackMAXCANCELDELAYSECONDS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x983ab45d.
//
// Solidity: function MAX_CANCEL_DELAY_SECONDS() view returns(uint256)
func (exchange *Exchange) UnpackMAXCANCELDELAYSECONDS(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("MAX_CANCEL_DELAY_SECONDS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXFEEBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd55be8c6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_FEE_BPS() view returns(uint256)
func (exchange *Exchange) PackMAXFEEBPS() []byte {
	enc, err := exchange.abi.Pack("MAX_FEE_BPS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXFEEBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd55be8c6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_FEE_BPS() view returns(uint256)
func (exchange *Exchange) TryPackMAXFEEBPS() ([]byte, error) {
	return exchange.abi.Pack("MAX_FEE_BPS")
}

// UnpackMAXFEEBPS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd55be8c6.
//
// Solidity: function MAX_FEE_BPS() view returns(uint256)
func (exchange *Exchange) UnpackMAXFEEBPS(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("MAX_FEE_BPS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXWITHDRAWALDELAYBLOCKS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xca661c04.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_WITHDRAWAL_DELAY_BLOCKS() view returns(uint256)
func (exchange *Exchange) PackMAXWITHDRAWALDELAYBLOCKS() []byte {
	enc, err := exchange.abi.Pack("MAX_WITHDRAWAL_DELAY_BLOCKS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXWITHDRAWALDELAYBLOCKS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xca661c04.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_WITHDRAWAL_DELAY_BLOCKS() view returns(uint256)
func (exchange *Exchange) TryPackMAXWITHDRAWALDELAYBLOCKS() ([]byte, error) {
	return exchange.abi.Pack("MAX_WITHDRAWAL_DELAY_BLOCKS")
}

// UnpackMAXWITHDRAWALDELAYBLOCKS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xca661c04.
//
// Solidity: function MAX_WITHDRAWAL_DELAY_BLOCKS() view returns(uint256)
func (exchange *Exchange) UnpackMAXWITHDRAWALDELAYBLOCKS(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("MAX_WITHDRAWAL_DELAY_BLOCKS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackORDERTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf973a209.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ORDER_TYPEHASH() view returns(bytes32)
func (exchange *Exchange) PackORDERTYPEHASH() []byte {
	enc, err := exchange.abi.Pack("ORDER_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackORDERTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf973a209.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ORDER_TYPEHASH() view returns(bytes32)
func (exchange *Exchange) TryPackORDERTYPEHASH() ([]byte, error) {
	return exchange.abi.Pack("ORDER_TYPEHASH")
}

// UnpackORDERTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf973a209.
//
// Solidity: function ORDER_TYPEHASH() view returns(bytes32)
func (exchange *Exchange) UnpackORDERTYPEHASH(data []byte) ([32]byte, error) {
	out, err := exchange.abi.Unpack("ORDER_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackSECP256K1HALFORDER is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1988fa43.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function SECP256K1_HALF_ORDER() view returns(uint256)
func (exchange *Exchange) PackSECP256K1HALFORDER() []byte {
	enc, err := exchange.abi.Pack("SECP256K1_HALF_ORDER")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSECP256K1HALFORDER is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1988fa43.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function SECP256K1_HALF_ORDER() view returns(uint256)
func (exchange *Exchange) TryPackSECP256K1HALFORDER() ([]byte, error) {
	return exchange.abi.Pack("SECP256K1_HALF_ORDER")
}

// UnpackSECP256K1HALFORDER is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1988fa43.
//
// Solidity: function SECP256K1_HALF_ORDER() view returns(uint256)
func (exchange *Exchange) UnpackSECP256K1HALFORDER(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("SECP256K1_HALF_ORDER", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackWITHDRAWALTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfdfd5a25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function WITHDRAWAL_TYPEHASH() view returns(bytes32)
func (exchange *Exchange) PackWITHDRAWALTYPEHASH() []byte {
	enc, err := exchange.abi.Pack("WITHDRAWAL_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWITHDRAWALTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfdfd5a25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function WITHDRAWAL_TYPEHASH() view returns(bytes32)
func (exchange *Exchange) TryPackWITHDRAWALTYPEHASH() ([]byte, error) {
	return exchange.abi.Pack("WITHDRAWAL_TYPEHASH")
}

// UnpackWITHDRAWALTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfdfd5a25.
//
// Solidity: function WITHDRAWAL_TYPEHASH() view returns(bytes32)
func (exchange *Exchange) UnpackWITHDRAWALTYPEHASH(data []byte) ([32]byte, error) {
	out, err := exchange.abi.Unpack("WITHDRAWAL_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackAcceptOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x79ba5097.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function acceptOwnership() returns()
func (exchange *Exchange) PackAcceptOwnership() []byte {
	enc, err := exchange.abi.Pack("acceptOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAcceptOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x79ba5097.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function acceptOwnership() returns()
func (exchange *Exchange) TryPackAcceptOwnership() ([]byte, error) {
	return exchange.abi.Pack("acceptOwnership")
}

// PackAccruedFees is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07311283.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function accruedFees(address token) view returns(uint256)
func (exchange *Exchange) PackAccruedFees(token common.Address) []byte {
	enc, err := exchange.abi.Pack("accruedFees", token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAccruedFees is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07311283.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function accruedFees(address token) view returns(uint256)
func (exchange *Exchange) TryPackAccruedFees(token common.Address) ([]byte, error) {
	return exchange.abi.Pack("accruedFees", token)
}

// UnpackAccruedFees is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x07311283.
//
// Solidity: function accruedFees(address token) view returns(uint256)
func (exchange *Exchange) UnpackAccruedFees(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("accruedFees", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBalances is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc23f001f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balances(address trader, address token) view returns(uint256)
func (exchange *Exchange) PackBalances(trader common.Address, token common.Address) []byte {
	enc, err := exchange.abi.Pack("balances", trader, token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalances is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc23f001f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balances(address trader, address token) view returns(uint256)
func (exchange *Exchange) TryPackBalances(trader common.Address, token common.Address) ([]byte, error) {
	return exchange.abi.Pack("balances", trader, token)
}

// UnpackBalances is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc23f001f.
//
// Solidity: function balances(address trader, address token) view returns(uint256)
func (exchange *Exchange) UnpackBalances(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("balances", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCancelDelaySeconds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe9961583.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancelDelaySeconds() view returns(uint32)
func (exchange *Exchange) PackCancelDelaySeconds() []byte {
	enc, err := exchange.abi.Pack("cancelDelaySeconds")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancelDelaySeconds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe9961583.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancelDelaySeconds() view returns(uint32)
func (exchange *Exchange) TryPackCancelDelaySeconds() ([]byte, error) {
	return exchange.abi.Pack("cancelDelaySeconds")
}

// UnpackCancelDelaySeconds is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe9961583.
//
// Solidity: function cancelDelaySeconds() view returns(uint32)
func (exchange *Exchange) UnpackCancelDelaySeconds(data []byte) (uint32, error) {
	out, err := exchange.abi.Unpack("cancelDelaySeconds", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackCancelOrder is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7489ec23.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancelOrder(bytes32 orderHash) returns()
func (exchange *Exchange) PackCancelOrder(orderHash [32]byte) []byte {
	enc, err := exchange.abi.Pack("cancelOrder", orderHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancelOrder is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7489ec23.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancelOrder(bytes32 orderHash) returns()
func (exchange *Exchange) TryPackCancelOrder(orderHash [32]byte) ([]byte, error) {
	return exchange.abi.Pack("cancelOrder", orderHash)
}

// PackCancelUpTo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x12d81b60.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancelUpTo(uint64 nonce) returns()
func (exchange *Exchange) PackCancelUpTo(nonce uint64) []byte {
	enc, err := exchange.abi.Pack("cancelUpTo", nonce)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancelUpTo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x12d81b60.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancelUpTo(uint64 nonce) returns()
func (exchange *Exchange) TryPackCancelUpTo(nonce uint64) ([]byte, error) {
	return exchange.abi.Pack("cancelUpTo", nonce)
}

// PackCollectFees is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa480ca79.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function collectFees(address token) returns(uint256 amount)
func (exchange *Exchange) PackCollectFees(token common.Address) []byte {
	enc, err := exchange.abi.Pack("collectFees", token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCollectFees is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa480ca79.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function collectFees(address token) returns(uint256 amount)
func (exchange *Exchange) TryPackCollectFees(token common.Address) ([]byte, error) {
	return exchange.abi.Pack("collectFees", token)
}

// UnpackCollectFees is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa480ca79.
//
// Solidity: function collectFees(address token) returns(uint256 amount)
func (exchange *Exchange) UnpackCollectFees(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("collectFees", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x47e7ef24.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deposit(address token, uint256 amount) returns()
func (exchange *Exchange) PackDeposit(token common.Address, amount *big.Int) []byte {
	enc, err := exchange.abi.Pack("deposit", token, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x47e7ef24.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deposit(address token, uint256 amount) returns()
func (exchange *Exchange) TryPackDeposit(token common.Address, amount *big.Int) ([]byte, error) {
	return exchange.abi.Pack("deposit", token, amount)
}

// PackDepositCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2dfdf0b5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function depositCount() view returns(uint64)
func (exchange *Exchange) PackDepositCount() []byte {
	enc, err := exchange.abi.Pack("depositCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDepositCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2dfdf0b5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function depositCount() view returns(uint64)
func (exchange *Exchange) TryPackDepositCount() ([]byte, error) {
	return exchange.abi.Pack("depositCount")
}

// UnpackDepositCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2dfdf0b5.
//
// Solidity: function depositCount() view returns(uint64)
func (exchange *Exchange) UnpackDepositCount(data []byte) (uint64, error) {
	out, err := exchange.abi.Unpack("depositCount", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackDepositNative is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb6b5246.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function depositNative() payable returns()
func (exchange *Exchange) PackDepositNative() []byte {
	enc, err := exchange.abi.Pack("depositNative")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDepositNative is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb6b5246.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function depositNative() payable returns()
func (exchange *Exchange) TryPackDepositNative() ([]byte, error) {
	return exchange.abi.Pack("depositNative")
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (exchange *Exchange) PackDomainSeparator() []byte {
	enc, err := exchange.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (exchange *Exchange) TryPackDomainSeparator() ([]byte, error) {
	return exchange.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (exchange *Exchange) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := exchange.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackFeeRecipient is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x46904840.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function feeRecipient() view returns(address)
func (exchange *Exchange) PackFeeRecipient() []byte {
	enc, err := exchange.abi.Pack("feeRecipient")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFeeRecipient is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x46904840.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function feeRecipient() view returns(address)
func (exchange *Exchange) TryPackFeeRecipient() ([]byte, error) {
	return exchange.abi.Pack("feeRecipient")
}

// UnpackFeeRecipient is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x46904840.
//
// Solidity: function feeRecipient() view returns(address)
func (exchange *Exchange) UnpackFeeRecipient(data []byte) (common.Address, error) {
	out, err := exchange.abi.Unpack("feeRecipient", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackFillRecords is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x02acbfd7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fillRecords(address trader, bytes32 orderHash) view returns(uint256)
func (exchange *Exchange) PackFillRecords(trader common.Address, orderHash [32]byte) []byte {
	enc, err := exchange.abi.Pack("fillRecords", trader, orderHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFillRecords is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x02acbfd7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fillRecords(address trader, bytes32 orderHash) view returns(uint256)
func (exchange *Exchange) TryPackFillRecords(trader common.Address, orderHash [32]byte) ([]byte, error) {
	return exchange.abi.Pack("fillRecords", trader, orderHash)
}

// UnpackFillRecords is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x02acbfd7.
//
// Solidity: function fillRecords(address trader, bytes32 orderHash) view returns(uint256)
func (exchange *Exchange) UnpackFillRecords(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("fillRecords", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackFoldNonceCancels is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c5a6a2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function foldNonceCancels(address trader) returns()
func (exchange *Exchange) PackFoldNonceCancels(trader common.Address) []byte {
	enc, err := exchange.abi.Pack("foldNonceCancels", trader)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFoldNonceCancels is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c5a6a2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function foldNonceCancels(address trader) returns()
func (exchange *Exchange) TryPackFoldNonceCancels(trader common.Address) ([]byte, error) {
	return exchange.abi.Pack("foldNonceCancels", trader)
}

// PackHashOrder is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf24f326f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hashOrder((address,uint32,uint8,uint8,uint8,bool,uint8,uint64,uint64,uint64,uint16,uint64,uint64) order) view returns(bytes32)
func (exchange *Exchange) PackHashOrder(order ExchangeOrder) []byte {
	enc, err := exchange.abi.Pack("hashOrder", order)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHashOrder is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf24f326f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hashOrder((address,uint32,uint8,uint8,uint8,bool,uint8,uint64,uint64,uint64,uint16,uint64,uint64) order) view returns(bytes32)
func (exchange *Exchange) TryPackHashOrder(order ExchangeOrder) ([]byte, error) {
	return exchange.abi.Pack("hashOrder", order)
}

// UnpackHashOrder is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf24f326f.
//
// Solidity: function hashOrder((address,uint32,uint8,uint8,uint8,bool,uint8,uint64,uint64,uint64,uint16,uint64,uint64) order) view returns(bytes32)
func (exchange *Exchange) UnpackHashOrder(data []byte) ([32]byte, error) {
	out, err := exchange.abi.Unpack("hashOrder", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackHashWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x17d4398e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hashWithdrawal(address trader, address token, uint256 amount, uint64 nonce, uint64 expiry) view returns(bytes32)
func (exchange *Exchange) PackHashWithdrawal(trader common.Address, token common.Address, amount *big.Int, nonce uint64, expiry uint64) []byte {
	enc, err := exchange.abi.Pack("hashWithdrawal", trader, token, amount, nonce, expiry)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHashWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x17d4398e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hashWithdrawal(address trader, address token, uint256 amount, uint64 nonce, uint64 expiry) view returns(bytes32)
func (exchange *Exchange) TryPackHashWithdrawal(trader common.Address, token common.Address, amount *big.Int, nonce uint64, expiry uint64) ([]byte, error) {
	return exchange.abi.Pack("hashWithdrawal", trader, token, amount, nonce, expiry)
}

// UnpackHashWithdrawal is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x17d4398e.
//
// Solidity: function hashWithdrawal(address trader, address token, uint256 amount, uint64 nonce, uint64 expiry) view returns(bytes32)
func (exchange *Exchange) UnpackHashWithdrawal(data []byte) ([32]byte, error) {
	out, err := exchange.abi.Unpack("hashWithdrawal", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackIsImmediateNonceUsed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5b25a15a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isImmediateNonceUsed(address trader, uint64 nonce) view returns(bool)
func (exchange *Exchange) PackIsImmediateNonceUsed(trader common.Address, nonce uint64) []byte {
	enc, err := exchange.abi.Pack("isImmediateNonceUsed", trader, nonce)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsImmediateNonceUsed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5b25a15a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isImmediateNonceUsed(address trader, uint64 nonce) view returns(bool)
func (exchange *Exchange) TryPackIsImmediateNonceUsed(trader common.Address, nonce uint64) ([]byte, error) {
	return exchange.abi.Pack("isImmediateNonceUsed", trader, nonce)
}

// UnpackIsImmediateNonceUsed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5b25a15a.
//
// Solidity: function isImmediateNonceUsed(address trader, uint64 nonce) view returns(bool)
func (exchange *Exchange) UnpackIsImmediateNonceUsed(data []byte) (bool, error) {
	out, err := exchange.abi.Unpack("isImmediateNonceUsed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLastBatchId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5b5eee88.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lastBatchId() view returns(uint64)
func (exchange *Exchange) PackLastBatchId() []byte {
	enc, err := exchange.abi.Pack("lastBatchId")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLastBatchId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5b5eee88.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lastBatchId() view returns(uint64)
func (exchange *Exchange) TryPackLastBatchId() ([]byte, error) {
	return exchange.abi.Pack("lastBatchId")
}

// UnpackLastBatchId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5b5eee88.
//
// Solidity: function lastBatchId() view returns(uint64)
func (exchange *Exchange) UnpackLastBatchId(data []byte) (uint64, error) {
	out, err := exchange.abi.Unpack("lastBatchId", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackListMarket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x672f57f4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function listMarket(address base, address quote, uint256 tickSize, uint256 lotSize, uint16 makerFeeBps, uint16 takerFeeBps) returns(uint32 marketId)
func (exchange *Exchange) PackListMarket(base common.Address, quote common.Address, tickSize *big.Int, lotSize *big.Int, makerFeeBps uint16, takerFeeBps uint16) []byte {
	enc, err := exchange.abi.Pack("listMarket", base, quote, tickSize, lotSize, makerFeeBps, takerFeeBps)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackListMarket is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x672f57f4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function listMarket(address base, address quote, uint256 tickSize, uint256 lotSize, uint16 makerFeeBps, uint16 takerFeeBps) returns(uint32 marketId)
func (exchange *Exchange) TryPackListMarket(base common.Address, quote common.Address, tickSize *big.Int, lotSize *big.Int, makerFeeBps uint16, takerFeeBps uint16) ([]byte, error) {
	return exchange.abi.Pack("listMarket", base, quote, tickSize, lotSize, makerFeeBps, takerFeeBps)
}

// UnpackListMarket is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x672f57f4.
//
// Solidity: function listMarket(address base, address quote, uint256 tickSize, uint256 lotSize, uint16 makerFeeBps, uint16 takerFeeBps) returns(uint32 marketId)
func (exchange *Exchange) UnpackListMarket(data []byte) (uint32, error) {
	out, err := exchange.abi.Unpack("listMarket", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackListedTokens is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7093f47f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function listedTokens(address token) view returns(bool)
func (exchange *Exchange) PackListedTokens(token common.Address) []byte {
	enc, err := exchange.abi.Pack("listedTokens", token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackListedTokens is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7093f47f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function listedTokens(address token) view returns(bool)
func (exchange *Exchange) TryPackListedTokens(token common.Address) ([]byte, error) {
	return exchange.abi.Pack("listedTokens", token)
}

// UnpackListedTokens is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7093f47f.
//
// Solidity: function listedTokens(address token) view returns(bool)
func (exchange *Exchange) UnpackListedTokens(data []byte) (bool, error) {
	out, err := exchange.abi.Unpack("listedTokens", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMarketCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xec979082.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function marketCount() view returns(uint32)
func (exchange *Exchange) PackMarketCount() []byte {
	enc, err := exchange.abi.Pack("marketCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMarketCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xec979082.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function marketCount() view returns(uint32)
func (exchange *Exchange) TryPackMarketCount() ([]byte, error) {
	return exchange.abi.Pack("marketCount")
}

// UnpackMarketCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xec979082.
//
// Solidity: function marketCount() view returns(uint32)
func (exchange *Exchange) UnpackMarketCount(data []byte) (uint32, error) {
	out, err := exchange.abi.Unpack("marketCount", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackMarkets is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xece91e35.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function markets(uint32 marketId) view returns((address,uint96,address,uint64,uint16,uint16))
func (exchange *Exchange) PackMarkets(marketId uint32) []byte {
	enc, err := exchange.abi.Pack("markets", marketId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMarkets is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xece91e35.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function markets(uint32 marketId) view returns((address,uint96,address,uint64,uint16,uint16))
func (exchange *Exchange) TryPackMarkets(marketId uint32) ([]byte, error) {
	return exchange.abi.Pack("markets", marketId)
}

// UnpackMarkets is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xece91e35.
//
// Solidity: function markets(uint32 marketId) view returns((address,uint96,address,uint64,uint16,uint16))
func (exchange *Exchange) UnpackMarkets(data []byte) (ExchangeMarket, error) {
	out, err := exchange.abi.Unpack("markets", data)
	if err != nil {
		return *new(ExchangeMarket), err
	}
	out0 := *abi.ConvertType(out[0], new(ExchangeMarket)).(*ExchangeMarket)
	return out0, nil
}

// PackMinNonce is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaa99fa98.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minNonce(address trader) view returns(uint64)
func (exchange *Exchange) PackMinNonce(trader common.Address) []byte {
	enc, err := exchange.abi.Pack("minNonce", trader)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinNonce is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaa99fa98.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minNonce(address trader) view returns(uint64)
func (exchange *Exchange) TryPackMinNonce(trader common.Address) ([]byte, error) {
	return exchange.abi.Pack("minNonce", trader)
}

// UnpackMinNonce is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xaa99fa98.
//
// Solidity: function minNonce(address trader) view returns(uint64)
func (exchange *Exchange) UnpackMinNonce(data []byte) (uint64, error) {
	out, err := exchange.abi.Unpack("minNonce", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x570ca735.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function operator() view returns(address)
func (exchange *Exchange) PackOperator() []byte {
	enc, err := exchange.abi.Pack("operator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x570ca735.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function operator() view returns(address)
func (exchange *Exchange) TryPackOperator() ([]byte, error) {
	return exchange.abi.Pack("operator")
}

// UnpackOperator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x570ca735.
//
// Solidity: function operator() view returns(address)
func (exchange *Exchange) UnpackOperator(data []byte) (common.Address, error) {
	out, err := exchange.abi.Unpack("operator", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackOrderCancelEffectiveAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x61a2f381.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function orderCancelEffectiveAt(address trader, bytes32 orderHash) view returns(uint64)
func (exchange *Exchange) PackOrderCancelEffectiveAt(trader common.Address, orderHash [32]byte) []byte {
	enc, err := exchange.abi.Pack("orderCancelEffectiveAt", trader, orderHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOrderCancelEffectiveAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x61a2f381.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function orderCancelEffectiveAt(address trader, bytes32 orderHash) view returns(uint64)
func (exchange *Exchange) TryPackOrderCancelEffectiveAt(trader common.Address, orderHash [32]byte) ([]byte, error) {
	return exchange.abi.Pack("orderCancelEffectiveAt", trader, orderHash)
}

// UnpackOrderCancelEffectiveAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x61a2f381.
//
// Solidity: function orderCancelEffectiveAt(address trader, bytes32 orderHash) view returns(uint64)
func (exchange *Exchange) UnpackOrderCancelEffectiveAt(data []byte) (uint64, error) {
	out, err := exchange.abi.Unpack("orderCancelEffectiveAt", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (exchange *Exchange) PackOwner() []byte {
	enc, err := exchange.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (exchange *Exchange) TryPackOwner() ([]byte, error) {
	return exchange.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (exchange *Exchange) UnpackOwner(data []byte) (common.Address, error) {
	out, err := exchange.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8456cb59.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pause() returns()
func (exchange *Exchange) PackPause() []byte {
	enc, err := exchange.abi.Pack("pause")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8456cb59.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pause() returns()
func (exchange *Exchange) TryPackPause() ([]byte, error) {
	return exchange.abi.Pack("pause")
}

// PackPaused is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c975abb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function paused() view returns(bool)
func (exchange *Exchange) PackPaused() []byte {
	enc, err := exchange.abi.Pack("paused")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPaused is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c975abb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function paused() view returns(bool)
func (exchange *Exchange) TryPackPaused() ([]byte, error) {
	return exchange.abi.Pack("paused")
}

// UnpackPaused is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5c975abb.
//
// Solidity: function paused() view returns(bool)
func (exchange *Exchange) UnpackPaused(data []byte) (bool, error) {
	out, err := exchange.abi.Unpack("paused", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackPendingNonceCancels is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xed6160ad.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingNonceCancels(address trader) view returns(uint64 firstMinNonce, uint64 firstEffectiveAt, uint64 secondMinNonce, uint64 secondEffectiveAt)
func (exchange *Exchange) PackPendingNonceCancels(trader common.Address) []byte {
	enc, err := exchange.abi.Pack("pendingNonceCancels", trader)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPendingNonceCancels is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xed6160ad.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pendingNonceCancels(address trader) view returns(uint64 firstMinNonce, uint64 firstEffectiveAt, uint64 secondMinNonce, uint64 secondEffectiveAt)
func (exchange *Exchange) TryPackPendingNonceCancels(trader common.Address) ([]byte, error) {
	return exchange.abi.Pack("pendingNonceCancels", trader)
}

// PendingNonceCancelsOutput serves as a container for the return parameters of contract
// method PendingNonceCancels.
type PendingNonceCancelsOutput struct {
	FirstMinNonce     uint64
	FirstEffectiveAt  uint64
	SecondMinNonce    uint64
	SecondEffectiveAt uint64
}

// UnpackPendingNonceCancels is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xed6160ad.
//
// Solidity: function pendingNonceCancels(address trader) view returns(uint64 firstMinNonce, uint64 firstEffectiveAt, uint64 secondMinNonce, uint64 secondEffectiveAt)
func (exchange *Exchange) UnpackPendingNonceCancels(data []byte) (PendingNonceCancelsOutput, error) {
	out, err := exchange.abi.Unpack("pendingNonceCancels", data)
	outstruct := new(PendingNonceCancelsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.FirstMinNonce = *abi.ConvertType(out[0], new(uint64)).(*uint64)
	outstruct.FirstEffectiveAt = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	outstruct.SecondMinNonce = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	outstruct.SecondEffectiveAt = *abi.ConvertType(out[3], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackPendingOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe30c3978.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingOwner() view returns(address)
func (exchange *Exchange) PackPendingOwner() []byte {
	enc, err := exchange.abi.Pack("pendingOwner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPendingOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe30c3978.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pendingOwner() view returns(address)
func (exchange *Exchange) TryPackPendingOwner() ([]byte, error) {
	return exchange.abi.Pack("pendingOwner")
}

// UnpackPendingOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe30c3978.
//
// Solidity: function pendingOwner() view returns(address)
func (exchange *Exchange) UnpackPendingOwner(data []byte) (common.Address, error) {
	out, err := exchange.abi.Unpack("pendingOwner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRecoverSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97aba7f9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function recoverSigner(bytes32 digest, bytes signature) pure returns(address)
func (exchange *Exchange) PackRecoverSigner(digest [32]byte, signature []byte) []byte {
	enc, err := exchange.abi.Pack("recoverSigner", digest, signature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRecoverSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97aba7f9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function recoverSigner(bytes32 digest, bytes signature) pure returns(address)
func (exchange *Exchange) TryPackRecoverSigner(digest [32]byte, signature []byte) ([]byte, error) {
	return exchange.abi.Pack("recoverSigner", digest, signature)
}

// UnpackRecoverSigner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x97aba7f9.
//
// Solidity: function recoverSigner(bytes32 digest, bytes signature) pure returns(address)
func (exchange *Exchange) UnpackRecoverSigner(data []byte) (common.Address, error) {
	out, err := exchange.abi.Unpack("recoverSigner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRequestWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xda95ebf7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestWithdrawal(address token, uint256 amount) returns()
func (exchange *Exchange) PackRequestWithdrawal(token common.Address, amount *big.Int) []byte {
	enc, err := exchange.abi.Pack("requestWithdrawal", token, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestWithdrawal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xda95ebf7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestWithdrawal(address token, uint256 amount) returns()
func (exchange *Exchange) TryPackRequestWithdrawal(token common.Address, amount *big.Int) ([]byte, error) {
	return exchange.abi.Pack("requestWithdrawal", token, amount)
}

// PackSetCancelDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x289fbe08.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setCancelDelay(uint32 delaySeconds) returns()
func (exchange *Exchange) PackSetCancelDelay(delaySeconds uint32) []byte {
	enc, err := exchange.abi.Pack("setCancelDelay", delaySeconds)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetCancelDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x289fbe08.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setCancelDelay(uint32 delaySeconds) returns()
func (exchange *Exchange) TryPackSetCancelDelay(delaySeconds uint32) ([]byte, error) {
	return exchange.abi.Pack("setCancelDelay", delaySeconds)
}

// PackSetFeeRecipient is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe74b981b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setFeeRecipient(address feeRecipient_) returns()
func (exchange *Exchange) PackSetFeeRecipient(feeRecipient common.Address) []byte {
	enc, err := exchange.abi.Pack("setFeeRecipient", feeRecipient)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetFeeRecipient is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe74b981b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setFeeRecipient(address feeRecipient_) returns()
func (exchange *Exchange) TryPackSetFeeRecipient(feeRecipient common.Address) ([]byte, error) {
	return exchange.abi.Pack("setFeeRecipient", feeRecipient)
}

// PackSetMarketFees is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95eebc73.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setMarketFees(uint32 marketId, uint16 makerFeeBps, uint16 takerFeeBps) returns()
func (exchange *Exchange) PackSetMarketFees(marketId uint32, makerFeeBps uint16, takerFeeBps uint16) []byte {
	enc, err := exchange.abi.Pack("setMarketFees", marketId, makerFeeBps, takerFeeBps)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetMarketFees is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95eebc73.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setMarketFees(uint32 marketId, uint16 makerFeeBps, uint16 takerFeeBps) returns()
func (exchange *Exchange) TryPackSetMarketFees(marketId uint32, makerFeeBps uint16, takerFeeBps uint16) ([]byte, error) {
	return exchange.abi.Pack("setMarketFees", marketId, makerFeeBps, takerFeeBps)
}

// PackSetOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb3ab15fb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setOperator(address operator_) returns()
func (exchange *Exchange) PackSetOperator(operator common.Address) []byte {
	enc, err := exchange.abi.Pack("setOperator", operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb3ab15fb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setOperator(address operator_) returns()
func (exchange *Exchange) TryPackSetOperator(operator common.Address) ([]byte, error) {
	return exchange.abi.Pack("setOperator", operator)
}

// PackSetWithdrawalDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x58715e3b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setWithdrawalDelay(uint32 blocks) returns()
func (exchange *Exchange) PackSetWithdrawalDelay(blocks uint32) []byte {
	enc, err := exchange.abi.Pack("setWithdrawalDelay", blocks)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetWithdrawalDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x58715e3b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setWithdrawalDelay(uint32 blocks) returns()
func (exchange *Exchange) TryPackSetWithdrawalDelay(blocks uint32) ([]byte, error) {
	return exchange.abi.Pack("setWithdrawalDelay", blocks)
}

// PackSettle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0322fbf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settle(bytes batch) returns()
func (exchange *Exchange) PackSettle(batch []byte) []byte {
	enc, err := exchange.abi.Pack("settle", batch)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0322fbf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settle(bytes batch) returns()
func (exchange *Exchange) TryPackSettle(batch []byte) ([]byte, error) {
	return exchange.abi.Pack("settle", batch)
}

// PackTickSizes is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x78e48c0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tickSizes(uint32 marketId) view returns(uint256)
func (exchange *Exchange) PackTickSizes(marketId uint32) []byte {
	enc, err := exchange.abi.Pack("tickSizes", marketId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTickSizes is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x78e48c0e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tickSizes(uint32 marketId) view returns(uint256)
func (exchange *Exchange) TryPackTickSizes(marketId uint32) ([]byte, error) {
	return exchange.abi.Pack("tickSizes", marketId)
}

// UnpackTickSizes is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x78e48c0e.
//
// Solidity: function tickSizes(uint32 marketId) view returns(uint256)
func (exchange *Exchange) UnpackTickSizes(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("tickSizes", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (exchange *Exchange) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := exchange.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (exchange *Exchange) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return exchange.abi.Pack("transferOwnership", newOwner)
}

// PackUnpause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f4ba83a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unpause() returns()
func (exchange *Exchange) PackUnpause() []byte {
	enc, err := exchange.abi.Pack("unpause")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnpause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f4ba83a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unpause() returns()
func (exchange *Exchange) TryPackUnpause() ([]byte, error) {
	return exchange.abi.Pack("unpause")
}

// PackWithdrawRequested is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd62eb5d1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawRequested(address token) returns()
func (exchange *Exchange) PackWithdrawRequested(token common.Address) []byte {
	enc, err := exchange.abi.Pack("withdrawRequested", token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawRequested is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd62eb5d1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawRequested(address token) returns()
func (exchange *Exchange) TryPackWithdrawRequested(token common.Address) ([]byte, error) {
	return exchange.abi.Pack("withdrawRequested", token)
}

// PackWithdrawalDelayBlocks is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x50f73e7c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawalDelayBlocks() view returns(uint32)
func (exchange *Exchange) PackWithdrawalDelayBlocks() []byte {
	enc, err := exchange.abi.Pack("withdrawalDelayBlocks")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawalDelayBlocks is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x50f73e7c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawalDelayBlocks() view returns(uint32)
func (exchange *Exchange) TryPackWithdrawalDelayBlocks() ([]byte, error) {
	return exchange.abi.Pack("withdrawalDelayBlocks")
}

// UnpackWithdrawalDelayBlocks is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x50f73e7c.
//
// Solidity: function withdrawalDelayBlocks() view returns(uint32)
func (exchange *Exchange) UnpackWithdrawalDelayBlocks(data []byte) (uint32, error) {
	out, err := exchange.abi.Unpack("withdrawalDelayBlocks", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackWithdrawalNonceBitmap is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xafc382a2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawalNonceBitmap(address trader, uint256 word) view returns(uint256)
func (exchange *Exchange) PackWithdrawalNonceBitmap(trader common.Address, word *big.Int) []byte {
	enc, err := exchange.abi.Pack("withdrawalNonceBitmap", trader, word)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawalNonceBitmap is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xafc382a2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawalNonceBitmap(address trader, uint256 word) view returns(uint256)
func (exchange *Exchange) TryPackWithdrawalNonceBitmap(trader common.Address, word *big.Int) ([]byte, error) {
	return exchange.abi.Pack("withdrawalNonceBitmap", trader, word)
}

// UnpackWithdrawalNonceBitmap is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xafc382a2.
//
// Solidity: function withdrawalNonceBitmap(address trader, uint256 word) view returns(uint256)
func (exchange *Exchange) UnpackWithdrawalNonceBitmap(data []byte) (*big.Int, error) {
	out, err := exchange.abi.Unpack("withdrawalNonceBitmap", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackWithdrawalRequests is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb84f3197.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawalRequests(address trader, address token) view returns(uint192 amount, uint64 unlockBlock)
func (exchange *Exchange) PackWithdrawalRequests(trader common.Address, token common.Address) []byte {
	enc, err := exchange.abi.Pack("withdrawalRequests", trader, token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawalRequests is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb84f3197.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawalRequests(address trader, address token) view returns(uint192 amount, uint64 unlockBlock)
func (exchange *Exchange) TryPackWithdrawalRequests(trader common.Address, token common.Address) ([]byte, error) {
	return exchange.abi.Pack("withdrawalRequests", trader, token)
}

// WithdrawalRequestsOutput serves as a container for the return parameters of contract
// method WithdrawalRequests.
type WithdrawalRequestsOutput struct {
	Amount      *big.Int
	UnlockBlock uint64
}

// UnpackWithdrawalRequests is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb84f3197.
//
// Solidity: function withdrawalRequests(address trader, address token) view returns(uint192 amount, uint64 unlockBlock)
func (exchange *Exchange) UnpackWithdrawalRequests(data []byte) (WithdrawalRequestsOutput, error) {
	out, err := exchange.abi.Unpack("withdrawalRequests", data)
	outstruct := new(WithdrawalRequestsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Amount = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.UnlockBlock = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackWrappedNative is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb6d3a11.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function wrappedNative() view returns(address)
func (exchange *Exchange) PackWrappedNative() []byte {
	enc, err := exchange.abi.Pack("wrappedNative")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWrappedNative is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb6d3a11.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function wrappedNative() view returns(address)
func (exchange *Exchange) TryPackWrappedNative() ([]byte, error) {
	return exchange.abi.Pack("wrappedNative")
}

// UnpackWrappedNative is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xeb6d3a11.
//
// Solidity: function wrappedNative() view returns(address)
func (exchange *Exchange) UnpackWrappedNative(data []byte) (common.Address, error) {
	out, err := exchange.abi.Unpack("wrappedNative", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// ExchangeBatchSettled represents a BatchSettled event raised by the Exchange contract.
type ExchangeBatchSettled struct {
	BatchId     uint64
	Orders      *big.Int
	Trades      *big.Int
	Withdrawals *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const ExchangeBatchSettledEventName = "BatchSettled"

// ContractEventName returns the user-defined event name.
func (ExchangeBatchSettled) ContractEventName() string {
	return ExchangeBatchSettledEventName
}

// UnpackBatchSettledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BatchSettled(uint64 indexed batchId, uint256 orders, uint256 trades, uint256 withdrawals)
func (exchange *Exchange) UnpackBatchSettledEvent(log *types.Log) (*ExchangeBatchSettled, error) {
	event := "BatchSettled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeBatchSettled)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeCancelDelayChanged represents a CancelDelayChanged event raised by the Exchange contract.
type ExchangeCancelDelayChanged struct {
	DelaySeconds uint32
	Raw          *types.Log // Blockchain specific contextual infos
}

const ExchangeCancelDelayChangedEventName = "CancelDelayChanged"

// ContractEventName returns the user-defined event name.
func (ExchangeCancelDelayChanged) ContractEventName() string {
	return ExchangeCancelDelayChangedEventName
}

// UnpackCancelDelayChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CancelDelayChanged(uint32 delaySeconds)
func (exchange *Exchange) UnpackCancelDelayChangedEvent(log *types.Log) (*ExchangeCancelDelayChanged, error) {
	event := "CancelDelayChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeCancelDelayChanged)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeDeposited represents a Deposited event raised by the Exchange contract.
type ExchangeDeposited struct {
	DepositId uint64
	Trader    common.Address
	Token     common.Address
	Amount    *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const ExchangeDepositedEventName = "Deposited"

// ContractEventName returns the user-defined event name.
func (ExchangeDeposited) ContractEventName() string {
	return ExchangeDepositedEventName
}

// UnpackDepositedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deposited(uint64 indexed depositId, address indexed trader, address indexed token, uint256 amount)
func (exchange *Exchange) UnpackDepositedEvent(log *types.Log) (*ExchangeDeposited, error) {
	event := "Deposited"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeDeposited)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeFeeRecipientChanged represents a FeeRecipientChanged event raised by the Exchange contract.
type ExchangeFeeRecipientChanged struct {
	FeeRecipient common.Address
	Raw          *types.Log // Blockchain specific contextual infos
}

const ExchangeFeeRecipientChangedEventName = "FeeRecipientChanged"

// ContractEventName returns the user-defined event name.
func (ExchangeFeeRecipientChanged) ContractEventName() string {
	return ExchangeFeeRecipientChangedEventName
}

// UnpackFeeRecipientChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event FeeRecipientChanged(address indexed feeRecipient)
func (exchange *Exchange) UnpackFeeRecipientChangedEvent(log *types.Log) (*ExchangeFeeRecipientChanged, error) {
	event := "FeeRecipientChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeFeeRecipientChanged)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeFeesCollected represents a FeesCollected event raised by the Exchange contract.
type ExchangeFeesCollected struct {
	FeeRecipient common.Address
	Token        common.Address
	Amount       *big.Int
	Raw          *types.Log // Blockchain specific contextual infos
}

const ExchangeFeesCollectedEventName = "FeesCollected"

// ContractEventName returns the user-defined event name.
func (ExchangeFeesCollected) ContractEventName() string {
	return ExchangeFeesCollectedEventName
}

// UnpackFeesCollectedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event FeesCollected(address indexed feeRecipient, address indexed token, uint256 amount)
func (exchange *Exchange) UnpackFeesCollectedEvent(log *types.Log) (*ExchangeFeesCollected, error) {
	event := "FeesCollected"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeFeesCollected)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeMarketFeesChanged represents a MarketFeesChanged event raised by the Exchange contract.
type ExchangeMarketFeesChanged struct {
	MarketId    uint32
	MakerFeeBps uint16
	TakerFeeBps uint16
	Raw         *types.Log // Blockchain specific contextual infos
}

const ExchangeMarketFeesChangedEventName = "MarketFeesChanged"

// ContractEventName returns the user-defined event name.
func (ExchangeMarketFeesChanged) ContractEventName() string {
	return ExchangeMarketFeesChangedEventName
}

// UnpackMarketFeesChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MarketFeesChanged(uint32 indexed marketId, uint16 makerFeeBps, uint16 takerFeeBps)
func (exchange *Exchange) UnpackMarketFeesChangedEvent(log *types.Log) (*ExchangeMarketFeesChanged, error) {
	event := "MarketFeesChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeMarketFeesChanged)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeMarketListed represents a MarketListed event raised by the Exchange contract.
type ExchangeMarketListed struct {
	MarketId        uint32
	Base            common.Address
	Quote           common.Address
	TickSize        *big.Int
	LotSize         *big.Int
	QuotePerTickLot uint64
	MakerFeeBps     uint16
	TakerFeeBps     uint16
	Raw             *types.Log // Blockchain specific contextual infos
}

const ExchangeMarketListedEventName = "MarketListed"

// ContractEventName returns the user-defined event name.
func (ExchangeMarketListed) ContractEventName() string {
	return ExchangeMarketListedEventName
}

// UnpackMarketListedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MarketListed(uint32 indexed marketId, address indexed base, address indexed quote, uint256 tickSize, uint256 lotSize, uint64 quotePerTickLot, uint16 makerFeeBps, uint16 takerFeeBps)
func (exchange *Exchange) UnpackMarketListedEvent(log *types.Log) (*ExchangeMarketListed, error) {
	event := "MarketListed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeMarketListed)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeNoncesCancelled represents a NoncesCancelled event raised by the Exchange contract.
type ExchangeNoncesCancelled struct {
	Trader      common.Address
	MinNonce    uint64
	EffectiveAt uint64
	Raw         *types.Log // Blockchain specific contextual infos
}

const ExchangeNoncesCancelledEventName = "NoncesCancelled"

// ContractEventName returns the user-defined event name.
func (ExchangeNoncesCancelled) ContractEventName() string {
	return ExchangeNoncesCancelledEventName
}

// UnpackNoncesCancelledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event NoncesCancelled(address indexed trader, uint64 minNonce, uint64 effectiveAt)
func (exchange *Exchange) UnpackNoncesCancelledEvent(log *types.Log) (*ExchangeNoncesCancelled, error) {
	event := "NoncesCancelled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeNoncesCancelled)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeOperatorChanged represents a OperatorChanged event raised by the Exchange contract.
type ExchangeOperatorChanged struct {
	Operator common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const ExchangeOperatorChangedEventName = "OperatorChanged"

// ContractEventName returns the user-defined event name.
func (ExchangeOperatorChanged) ContractEventName() string {
	return ExchangeOperatorChangedEventName
}

// UnpackOperatorChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OperatorChanged(address indexed operator)
func (exchange *Exchange) UnpackOperatorChangedEvent(log *types.Log) (*ExchangeOperatorChanged, error) {
	event := "OperatorChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeOperatorChanged)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeOrderCancelled represents a OrderCancelled event raised by the Exchange contract.
type ExchangeOrderCancelled struct {
	Trader      common.Address
	OrderHash   [32]byte
	EffectiveAt uint64
	Raw         *types.Log // Blockchain specific contextual infos
}

const ExchangeOrderCancelledEventName = "OrderCancelled"

// ContractEventName returns the user-defined event name.
func (ExchangeOrderCancelled) ContractEventName() string {
	return ExchangeOrderCancelledEventName
}

// UnpackOrderCancelledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OrderCancelled(address indexed trader, bytes32 indexed orderHash, uint64 effectiveAt)
func (exchange *Exchange) UnpackOrderCancelledEvent(log *types.Log) (*ExchangeOrderCancelled, error) {
	event := "OrderCancelled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeOrderCancelled)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeOwnershipTransferStarted represents a OwnershipTransferStarted event raised by the Exchange contract.
type ExchangeOwnershipTransferStarted struct {
	PendingOwner common.Address
	Raw          *types.Log // Blockchain specific contextual infos
}

const ExchangeOwnershipTransferStartedEventName = "OwnershipTransferStarted"

// ContractEventName returns the user-defined event name.
func (ExchangeOwnershipTransferStarted) ContractEventName() string {
	return ExchangeOwnershipTransferStartedEventName
}

// UnpackOwnershipTransferStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferStarted(address indexed pendingOwner)
func (exchange *Exchange) UnpackOwnershipTransferStartedEvent(log *types.Log) (*ExchangeOwnershipTransferStarted, error) {
	event := "OwnershipTransferStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeOwnershipTransferStarted)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeOwnershipTransferred represents a OwnershipTransferred event raised by the Exchange contract.
type ExchangeOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const ExchangeOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (ExchangeOwnershipTransferred) ContractEventName() string {
	return ExchangeOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (exchange *Exchange) UnpackOwnershipTransferredEvent(log *types.Log) (*ExchangeOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangePausedChanged represents a PausedChanged event raised by the Exchange contract.
type ExchangePausedChanged struct {
	Paused bool
	Raw    *types.Log // Blockchain specific contextual infos
}

const ExchangePausedChangedEventName = "PausedChanged"

// ContractEventName returns the user-defined event name.
func (ExchangePausedChanged) ContractEventName() string {
	return ExchangePausedChangedEventName
}

// UnpackPausedChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PausedChanged(bool paused)
func (exchange *Exchange) UnpackPausedChangedEvent(log *types.Log) (*ExchangePausedChanged, error) {
	event := "PausedChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangePausedChanged)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeWithdrawalDelayChanged represents a WithdrawalDelayChanged event raised by the Exchange contract.
type ExchangeWithdrawalDelayChanged struct {
	Blocks uint32
	Raw    *types.Log // Blockchain specific contextual infos
}

const ExchangeWithdrawalDelayChangedEventName = "WithdrawalDelayChanged"

// ContractEventName returns the user-defined event name.
func (ExchangeWithdrawalDelayChanged) ContractEventName() string {
	return ExchangeWithdrawalDelayChangedEventName
}

// UnpackWithdrawalDelayChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WithdrawalDelayChanged(uint32 blocks)
func (exchange *Exchange) UnpackWithdrawalDelayChangedEvent(log *types.Log) (*ExchangeWithdrawalDelayChanged, error) {
	event := "WithdrawalDelayChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeWithdrawalDelayChanged)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeWithdrawalFailed represents a WithdrawalFailed event raised by the Exchange contract.
type ExchangeWithdrawalFailed struct {
	Trader common.Address
	Token  common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const ExchangeWithdrawalFailedEventName = "WithdrawalFailed"

// ContractEventName returns the user-defined event name.
func (ExchangeWithdrawalFailed) ContractEventName() string {
	return ExchangeWithdrawalFailedEventName
}

// UnpackWithdrawalFailedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WithdrawalFailed(address indexed trader, address indexed token, uint256 amount)
func (exchange *Exchange) UnpackWithdrawalFailedEvent(log *types.Log) (*ExchangeWithdrawalFailed, error) {
	event := "WithdrawalFailed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeWithdrawalFailed)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeWithdrawalRequested represents a WithdrawalRequested event raised by the Exchange contract.
type ExchangeWithdrawalRequested struct {
	Trader      common.Address
	Token       common.Address
	Amount      *big.Int
	UnlockBlock uint64
	Raw         *types.Log // Blockchain specific contextual infos
}

const ExchangeWithdrawalRequestedEventName = "WithdrawalRequested"

// ContractEventName returns the user-defined event name.
func (ExchangeWithdrawalRequested) ContractEventName() string {
	return ExchangeWithdrawalRequestedEventName
}

// UnpackWithdrawalRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WithdrawalRequested(address indexed trader, address indexed token, uint256 amount, uint64 unlockBlock)
func (exchange *Exchange) UnpackWithdrawalRequestedEvent(log *types.Log) (*ExchangeWithdrawalRequested, error) {
	event := "WithdrawalRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeWithdrawalRequested)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExchangeWithdrawn represents a Withdrawn event raised by the Exchange contract.
type ExchangeWithdrawn struct {
	Trader common.Address
	Token  common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const ExchangeWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (ExchangeWithdrawn) ContractEventName() string {
	return ExchangeWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed trader, address indexed token, uint256 amount)
func (exchange *Exchange) UnpackWithdrawnEvent(log *types.Log) (*ExchangeWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exchange.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExchangeWithdrawn)
	if len(log.Data) > 0 {
		if err := exchange.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exchange.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (exchange *Exchange) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], exchange.abi.Errors["AmountTooLarge"].ID.Bytes()[:4]) {
		return exchange.UnpackAmountTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["BalanceOverflow"].ID.Bytes()[:4]) {
		return exchange.UnpackBalanceOverflowError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["FeeAboveMaximum"].ID.Bytes()[:4]) {
		return exchange.UnpackFeeAboveMaximumError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["FillOrKillNotFilled"].ID.Bytes()[:4]) {
		return exchange.UnpackFillOrKillNotFilledError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["HighS"].ID.Bytes()[:4]) {
		return exchange.UnpackHighSError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["IndexOutOfRange"].ID.Bytes()[:4]) {
		return exchange.UnpackIndexOutOfRangeError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InsufficientBalance"].ID.Bytes()[:4]) {
		return exchange.UnpackInsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InvalidBatchId"].ID.Bytes()[:4]) {
		return exchange.UnpackInvalidBatchIdError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InvalidBatchLength"].ID.Bytes()[:4]) {
		return exchange.UnpackInvalidBatchLengthError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InvalidBatchVersion"].ID.Bytes()[:4]) {
		return exchange.UnpackInvalidBatchVersionError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InvalidCancelDelay"].ID.Bytes()[:4]) {
		return exchange.UnpackInvalidCancelDelayError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InvalidFeeBps"].ID.Bytes()[:4]) {
		return exchange.UnpackInvalidFeeBpsError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InvalidMarket"].ID.Bytes()[:4]) {
		return exchange.UnpackInvalidMarketError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InvalidOrderFlags"].ID.Bytes()[:4]) {
		return exchange.UnpackInvalidOrderFlagsError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return exchange.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InvalidTrade"].ID.Bytes()[:4]) {
		return exchange.UnpackInvalidTradeError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["InvalidWithdrawalDelay"].ID.Bytes()[:4]) {
		return exchange.UnpackInvalidWithdrawalDelayError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["IsPaused"].ID.Bytes()[:4]) {
		return exchange.UnpackIsPausedError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["MarketTokenMismatch"].ID.Bytes()[:4]) {
		return exchange.UnpackMarketTokenMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["NoWithdrawalRequest"].ID.Bytes()[:4]) {
		return exchange.UnpackNoWithdrawalRequestError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["NonceAlreadyUsed"].ID.Bytes()[:4]) {
		return exchange.UnpackNonceAlreadyUsedError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["NonceNotIncreasing"].ID.Bytes()[:4]) {
		return exchange.UnpackNonceNotIncreasingError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["NotOperator"].ID.Bytes()[:4]) {
		return exchange.UnpackNotOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return exchange.UnpackNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["NotPendingOwner"].ID.Bytes()[:4]) {
		return exchange.UnpackNotPendingOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["NothingReceived"].ID.Bytes()[:4]) {
		return exchange.UnpackNothingReceivedError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["OrderCancelledOnChain"].ID.Bytes()[:4]) {
		return exchange.UnpackOrderCancelledOnChainError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["OrderExpired"].ID.Bytes()[:4]) {
		return exchange.UnpackOrderExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["OrderMismatch"].ID.Bytes()[:4]) {
		return exchange.UnpackOrderMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["OrderNonceCancelled"].ID.Bytes()[:4]) {
		return exchange.UnpackOrderNonceCancelledError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["Overfill"].ID.Bytes()[:4]) {
		return exchange.UnpackOverfillError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["PostOnlyTaker"].ID.Bytes()[:4]) {
		return exchange.UnpackPostOnlyTakerError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["PriceOutsideLimit"].ID.Bytes()[:4]) {
		return exchange.UnpackPriceOutsideLimitError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["Reentrancy"].ID.Bytes()[:4]) {
		return exchange.UnpackReentrancyError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["SignatureRequired"].ID.Bytes()[:4]) {
		return exchange.UnpackSignatureRequiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["SignerMismatch"].ID.Bytes()[:4]) {
		return exchange.UnpackSignerMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["TokenNotListed"].ID.Bytes()[:4]) {
		return exchange.UnpackTokenNotListedError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["TokenTransferFailed"].ID.Bytes()[:4]) {
		return exchange.UnpackTokenTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["TooManyPendingNonceCancels"].ID.Bytes()[:4]) {
		return exchange.UnpackTooManyPendingNonceCancelsError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["UnknownMarket"].ID.Bytes()[:4]) {
		return exchange.UnpackUnknownMarketError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["WithdrawalExpired"].ID.Bytes()[:4]) {
		return exchange.UnpackWithdrawalExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["WithdrawalLocked"].ID.Bytes()[:4]) {
		return exchange.UnpackWithdrawalLockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return exchange.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], exchange.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return exchange.UnpackZeroAmountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// ExchangeAmountTooLarge represents a AmountTooLarge error raised by the Exchange contract.
type ExchangeAmountTooLarge struct {
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AmountTooLarge(uint256 amount)
func ExchangeAmountTooLargeErrorID() common.Hash {
	return common.HexToHash("0x08083b2a16b607736bde3b2f81a2e47b6cddd068539243b1d8b47462dd533e58")
}

// UnpackAmountTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AmountTooLarge(uint256 amount)
func (exchange *Exchange) UnpackAmountTooLargeError(raw []byte) (*ExchangeAmountTooLarge, error) {
	out := new(ExchangeAmountTooLarge)
	if err := exchange.abi.UnpackIntoInterface(out, "AmountTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeBalanceOverflow represents a BalanceOverflow error raised by the Exchange contract.
type ExchangeBalanceOverflow struct {
	Trader  common.Address
	Token   common.Address
	Balance *big.Int
	Credit  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BalanceOverflow(address trader, address token, uint256 balance, uint256 credit)
func ExchangeBalanceOverflowErrorID() common.Hash {
	return common.HexToHash("0xa5dfac3d8d820470c9a8c5678fd7c89ef72f41d1ffc7decdabe7b14f3bf6c01f")
}

// UnpackBalanceOverflowError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BalanceOverflow(address trader, address token, uint256 balance, uint256 credit)
func (exchange *Exchange) UnpackBalanceOverflowError(raw []byte) (*ExchangeBalanceOverflow, error) {
	out := new(ExchangeBalanceOverflow)
	if err := exchange.abi.UnpackIntoInterface(out, "BalanceOverflow", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeFeeAboveMaximum represents a FeeAboveMaximum error raised by the Exchange contract.
type ExchangeFeeAboveMaximum struct {
	TradeIndex *big.Int
	FeeBps     *big.Int
	MaxFeeBps  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error FeeAboveMaximum(uint256 tradeIndex, uint256 feeBps, uint256 maxFeeBps)
func ExchangeFeeAboveMaximumErrorID() common.Hash {
	return common.HexToHash("0x5c42ce9ef4c4cfead112b2c144068879947ff46b24dbd9a700c198e8fc8cafcc")
}

// UnpackFeeAboveMaximumError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error FeeAboveMaximum(uint256 tradeIndex, uint256 feeBps, uint256 maxFeeBps)
func (exchange *Exchange) UnpackFeeAboveMaximumError(raw []byte) (*ExchangeFeeAboveMaximum, error) {
	out := new(ExchangeFeeAboveMaximum)
	if err := exchange.abi.UnpackIntoInterface(out, "FeeAboveMaximum", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeFillOrKillNotFilled represents a FillOrKillNotFilled error raised by the Exchange contract.
type ExchangeFillOrKillNotFilled struct {
	OrderIndex *big.Int
	Filled     *big.Int
	Quantity   uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error FillOrKillNotFilled(uint256 orderIndex, uint256 filled, uint64 quantity)
func ExchangeFillOrKillNotFilledErrorID() common.Hash {
	return common.HexToHash("0xe30cc2c98e6eef9faca4c0032ce48fb34f114be965ab95f00e63ef8dbf64d652")
}

// UnpackFillOrKillNotFilledError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error FillOrKillNotFilled(uint256 orderIndex, uint256 filled, uint64 quantity)
func (exchange *Exchange) UnpackFillOrKillNotFilledError(raw []byte) (*ExchangeFillOrKillNotFilled, error) {
	out := new(ExchangeFillOrKillNotFilled)
	if err := exchange.abi.UnpackIntoInterface(out, "FillOrKillNotFilled", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeHighS represents a HighS error raised by the Exchange contract.
type ExchangeHighS struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error HighS(uint256 index)
func ExchangeHighSErrorID() common.Hash {
	return common.HexToHash("0x9ddca1c96bf5df85bda9a85155bba25f24beea32631c2a3eb03a9997ab988f3f")
}

// UnpackHighSError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error HighS(uint256 index)
func (exchange *Exchange) UnpackHighSError(raw []byte) (*ExchangeHighS, error) {
	out := new(ExchangeHighS)
	if err := exchange.abi.UnpackIntoInterface(out, "HighS", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeIndexOutOfRange represents a IndexOutOfRange error raised by the Exchange contract.
type ExchangeIndexOutOfRange struct {
	Index *big.Int
	Count *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error IndexOutOfRange(uint256 index, uint256 count)
func ExchangeIndexOutOfRangeErrorID() common.Hash {
	return common.HexToHash("0x94666f0d776338bf3dc0d578dde468fba3b7901915ee98978704643d741cc12d")
}

// UnpackIndexOutOfRangeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error IndexOutOfRange(uint256 index, uint256 count)
func (exchange *Exchange) UnpackIndexOutOfRangeError(raw []byte) (*ExchangeIndexOutOfRange, error) {
	out := new(ExchangeIndexOutOfRange)
	if err := exchange.abi.UnpackIntoInterface(out, "IndexOutOfRange", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInsufficientBalance represents a InsufficientBalance error raised by the Exchange contract.
type ExchangeInsufficientBalance struct {
	Trader  common.Address
	Token   common.Address
	Balance *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientBalance(address trader, address token, uint256 balance, uint256 needed)
func ExchangeInsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0x861da4bdcc034e5b93a243ce140b0af4beebb1b979b0ffe7e141866659c2cfb4")
}

// UnpackInsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientBalance(address trader, address token, uint256 balance, uint256 needed)
func (exchange *Exchange) UnpackInsufficientBalanceError(raw []byte) (*ExchangeInsufficientBalance, error) {
	out := new(ExchangeInsufficientBalance)
	if err := exchange.abi.UnpackIntoInterface(out, "InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInvalidBatchId represents a InvalidBatchId error raised by the Exchange contract.
type ExchangeInvalidBatchId struct {
	BatchId  uint64
	Expected uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidBatchId(uint64 batchId, uint64 expected)
func ExchangeInvalidBatchIdErrorID() common.Hash {
	return common.HexToHash("0xab3fefe3d0f9a6845e5e336be32359e5cce57595a7cae52540f43fae012ba33e")
}

// UnpackInvalidBatchIdError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidBatchId(uint64 batchId, uint64 expected)
func (exchange *Exchange) UnpackInvalidBatchIdError(raw []byte) (*ExchangeInvalidBatchId, error) {
	out := new(ExchangeInvalidBatchId)
	if err := exchange.abi.UnpackIntoInterface(out, "InvalidBatchId", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInvalidBatchLength represents a InvalidBatchLength error raised by the Exchange contract.
type ExchangeInvalidBatchLength struct {
	Length   *big.Int
	Expected *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidBatchLength(uint256 length, uint256 expected)
func ExchangeInvalidBatchLengthErrorID() common.Hash {
	return common.HexToHash("0xcc582fc55dd3d7b401ef5d59153c5aedbf9429244f85934732568ad45d946b59")
}

// UnpackInvalidBatchLengthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidBatchLength(uint256 length, uint256 expected)
func (exchange *Exchange) UnpackInvalidBatchLengthError(raw []byte) (*ExchangeInvalidBatchLength, error) {
	out := new(ExchangeInvalidBatchLength)
	if err := exchange.abi.UnpackIntoInterface(out, "InvalidBatchLength", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInvalidBatchVersion represents a InvalidBatchVersion error raised by the Exchange contract.
type ExchangeInvalidBatchVersion struct {
	Version uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidBatchVersion(uint8 version)
func ExchangeInvalidBatchVersionErrorID() common.Hash {
	return common.HexToHash("0x3b71f3f61e42b09dc26d36e499d904b0ddfdfc06aa277dba2f46ef17ece67c70")
}

// UnpackInvalidBatchVersionError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidBatchVersion(uint8 version)
func (exchange *Exchange) UnpackInvalidBatchVersionError(raw []byte) (*ExchangeInvalidBatchVersion, error) {
	out := new(ExchangeInvalidBatchVersion)
	if err := exchange.abi.UnpackIntoInterface(out, "InvalidBatchVersion", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInvalidCancelDelay represents a InvalidCancelDelay error raised by the Exchange contract.
type ExchangeInvalidCancelDelay struct {
	DelaySeconds *big.Int
	MaxSeconds   *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidCancelDelay(uint256 delaySeconds, uint256 maxSeconds)
func ExchangeInvalidCancelDelayErrorID() common.Hash {
	return common.HexToHash("0x59484390522f465279ede7904987684584eb2e3905c78b48650c0538f6715069")
}

// UnpackInvalidCancelDelayError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidCancelDelay(uint256 delaySeconds, uint256 maxSeconds)
func (exchange *Exchange) UnpackInvalidCancelDelayError(raw []byte) (*ExchangeInvalidCancelDelay, error) {
	out := new(ExchangeInvalidCancelDelay)
	if err := exchange.abi.UnpackIntoInterface(out, "InvalidCancelDelay", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInvalidFeeBps represents a InvalidFeeBps error raised by the Exchange contract.
type ExchangeInvalidFeeBps struct {
	FeeBps    *big.Int
	MaxFeeBps *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidFeeBps(uint256 feeBps, uint256 maxFeeBps)
func ExchangeInvalidFeeBpsErrorID() common.Hash {
	return common.HexToHash("0x080b349727958faffc6debdc0f9fbddcfe04838db0324246578075fa7f6c9dd7")
}

// UnpackInvalidFeeBpsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidFeeBps(uint256 feeBps, uint256 maxFeeBps)
func (exchange *Exchange) UnpackInvalidFeeBpsError(raw []byte) (*ExchangeInvalidFeeBps, error) {
	out := new(ExchangeInvalidFeeBps)
	if err := exchange.abi.UnpackIntoInterface(out, "InvalidFeeBps", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInvalidMarket represents a InvalidMarket error raised by the Exchange contract.
type ExchangeInvalidMarket struct {
	Base         common.Address
	Quote        common.Address
	TickSize     *big.Int
	LotSize      *big.Int
	BaseDecimals uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidMarket(address base, address quote, uint256 tickSize, uint256 lotSize, uint8 baseDecimals)
func ExchangeInvalidMarketErrorID() common.Hash {
	return common.HexToHash("0xce5987b811440f9d2c48695beed3a09711225d50c4bcbeabbcd31ac379fd0347")
}

// UnpackInvalidMarketError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidMarket(address base, address quote, uint256 tickSize, uint256 lotSize, uint8 baseDecimals)
func (exchange *Exchange) UnpackInvalidMarketError(raw []byte) (*ExchangeInvalidMarket, error) {
	out := new(ExchangeInvalidMarket)
	if err := exchange.abi.UnpackIntoInterface(out, "InvalidMarket", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInvalidOrderFlags represents a InvalidOrderFlags error raised by the Exchange contract.
type ExchangeInvalidOrderFlags struct {
	OrderIndex *big.Int
	Flags      *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidOrderFlags(uint256 orderIndex, uint256 flags)
func ExchangeInvalidOrderFlagsErrorID() common.Hash {
	return common.HexToHash("0x7f2eafe2e7d8f464132c9ee1036a1c749fa6e8e08556ae64bf4445d7718d0fea")
}

// UnpackInvalidOrderFlagsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidOrderFlags(uint256 orderIndex, uint256 flags)
func (exchange *Exchange) UnpackInvalidOrderFlagsError(raw []byte) (*ExchangeInvalidOrderFlags, error) {
	out := new(ExchangeInvalidOrderFlags)
	if err := exchange.abi.UnpackIntoInterface(out, "InvalidOrderFlags", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInvalidSignature represents a InvalidSignature error raised by the Exchange contract.
type ExchangeInvalidSignature struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature(uint256 index)
func ExchangeInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x52bf9848f4f569cd5e845a26f8524878f8ac004dcaace7433d78683624c84a76")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature(uint256 index)
func (exchange *Exchange) UnpackInvalidSignatureError(raw []byte) (*ExchangeInvalidSignature, error) {
	out := new(ExchangeInvalidSignature)
	if err := exchange.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInvalidTrade represents a InvalidTrade error raised by the Exchange contract.
type ExchangeInvalidTrade struct {
	TradeIndex *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidTrade(uint256 tradeIndex)
func ExchangeInvalidTradeErrorID() common.Hash {
	return common.HexToHash("0x95a7c0732b4b615c0525502a158e067b6e6333fa45c5db55b6426801cd76cb15")
}

// UnpackInvalidTradeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidTrade(uint256 tradeIndex)
func (exchange *Exchange) UnpackInvalidTradeError(raw []byte) (*ExchangeInvalidTrade, error) {
	out := new(ExchangeInvalidTrade)
	if err := exchange.abi.UnpackIntoInterface(out, "InvalidTrade", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeInvalidWithdrawalDelay represents a InvalidWithdrawalDelay error raised by the Exchange contract.
type ExchangeInvalidWithdrawalDelay struct {
	Blocks    *big.Int
	MaxBlocks *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidWithdrawalDelay(uint256 blocks, uint256 maxBlocks)
func ExchangeInvalidWithdrawalDelayErrorID() common.Hash {
	return common.HexToHash("0xc9a2e5cd5a93b935e14c11cc8b2a4f65e5b578b95314cbe804cccd62cdbaa382")
}

// UnpackInvalidWithdrawalDelayError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidWithdrawalDelay(uint256 blocks, uint256 maxBlocks)
func (exchange *Exchange) UnpackInvalidWithdrawalDelayError(raw []byte) (*ExchangeInvalidWithdrawalDelay, error) {
	out := new(ExchangeInvalidWithdrawalDelay)
	if err := exchange.abi.UnpackIntoInterface(out, "InvalidWithdrawalDelay", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeIsPaused represents a IsPaused error raised by the Exchange contract.
type ExchangeIsPaused struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error IsPaused()
func ExchangeIsPausedErrorID() common.Hash {
	return common.HexToHash("0x1309a5639731e6b91c4aa19095f23eee07602ba240a393e2b5ccbf71a8e2952f")
}

// UnpackIsPausedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error IsPaused()
func (exchange *Exchange) UnpackIsPausedError(raw []byte) (*ExchangeIsPaused, error) {
	out := new(ExchangeIsPaused)
	if err := exchange.abi.UnpackIntoInterface(out, "IsPaused", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeMarketTokenMismatch represents a MarketTokenMismatch error raised by the Exchange contract.
type ExchangeMarketTokenMismatch struct {
	MarketId uint32
	Base     common.Address
	Quote    common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MarketTokenMismatch(uint32 marketId, address base, address quote)
func ExchangeMarketTokenMismatchErrorID() common.Hash {
	return common.HexToHash("0x746bee2715d4e5f5d3d6ee823e9003514585aeb53c33c5524de3d9662e2f4ead")
}

// UnpackMarketTokenMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MarketTokenMismatch(uint32 marketId, address base, address quote)
func (exchange *Exchange) UnpackMarketTokenMismatchError(raw []byte) (*ExchangeMarketTokenMismatch, error) {
	out := new(ExchangeMarketTokenMismatch)
	if err := exchange.abi.UnpackIntoInterface(out, "MarketTokenMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeNoWithdrawalRequest represents a NoWithdrawalRequest error raised by the Exchange contract.
type ExchangeNoWithdrawalRequest struct {
	Trader common.Address
	Token  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoWithdrawalRequest(address trader, address token)
func ExchangeNoWithdrawalRequestErrorID() common.Hash {
	return common.HexToHash("0x9a8b24d047d6544ab89e83b4fcdef6cfc26802a1738d23fb217bcf09ed44666b")
}

// UnpackNoWithdrawalRequestError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoWithdrawalRequest(address trader, address token)
func (exchange *Exchange) UnpackNoWithdrawalRequestError(raw []byte) (*ExchangeNoWithdrawalRequest, error) {
	out := new(ExchangeNoWithdrawalRequest)
	if err := exchange.abi.UnpackIntoInterface(out, "NoWithdrawalRequest", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeNonceAlreadyUsed represents a NonceAlreadyUsed error raised by the Exchange contract.
type ExchangeNonceAlreadyUsed struct {
	Trader common.Address
	Nonce  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NonceAlreadyUsed(address trader, uint64 nonce)
func ExchangeNonceAlreadyUsedErrorID() common.Hash {
	return common.HexToHash("0xa5a429c3bb27e4e0e8ebefc0d52c58cf54ac3caf5ecc4e2f858e3e1db3cba9d7")
}

// UnpackNonceAlreadyUsedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NonceAlreadyUsed(address trader, uint64 nonce)
func (exchange *Exchange) UnpackNonceAlreadyUsedError(raw []byte) (*ExchangeNonceAlreadyUsed, error) {
	out := new(ExchangeNonceAlreadyUsed)
	if err := exchange.abi.UnpackIntoInterface(out, "NonceAlreadyUsed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeNonceNotIncreasing represents a NonceNotIncreasing error raised by the Exchange contract.
type ExchangeNonceNotIncreasing struct {
	Current   uint64
	Requested uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NonceNotIncreasing(uint64 current, uint64 requested)
func ExchangeNonceNotIncreasingErrorID() common.Hash {
	return common.HexToHash("0x928e4225761f662b8f22e05f28c4d05b9e65aab654c17f31ac26703ff3ce1515")
}

// UnpackNonceNotIncreasingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NonceNotIncreasing(uint64 current, uint64 requested)
func (exchange *Exchange) UnpackNonceNotIncreasingError(raw []byte) (*ExchangeNonceNotIncreasing, error) {
	out := new(ExchangeNonceNotIncreasing)
	if err := exchange.abi.UnpackIntoInterface(out, "NonceNotIncreasing", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeNotOperator represents a NotOperator error raised by the Exchange contract.
type ExchangeNotOperator struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOperator(address caller)
func ExchangeNotOperatorErrorID() common.Hash {
	return common.HexToHash("0x76c6c93a6423c7e2cef5f93921b1d4d1a5ffb795cd7cfed2df95566b7c7f7c40")
}

// UnpackNotOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOperator(address caller)
func (exchange *Exchange) UnpackNotOperatorError(raw []byte) (*ExchangeNotOperator, error) {
	out := new(ExchangeNotOperator)
	if err := exchange.abi.UnpackIntoInterface(out, "NotOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeNotOwner represents a NotOwner error raised by the Exchange contract.
type ExchangeNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func ExchangeNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (exchange *Exchange) UnpackNotOwnerError(raw []byte) (*ExchangeNotOwner, error) {
	out := new(ExchangeNotOwner)
	if err := exchange.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeNotPendingOwner represents a NotPendingOwner error raised by the Exchange contract.
type ExchangeNotPendingOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotPendingOwner(address caller)
func ExchangeNotPendingOwnerErrorID() common.Hash {
	return common.HexToHash("0xa09b9a43f5079ab76282436418880308d29eac5d371578b36d8ee3ff8e88597d")
}

// UnpackNotPendingOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotPendingOwner(address caller)
func (exchange *Exchange) UnpackNotPendingOwnerError(raw []byte) (*ExchangeNotPendingOwner, error) {
	out := new(ExchangeNotPendingOwner)
	if err := exchange.abi.UnpackIntoInterface(out, "NotPendingOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeNothingReceived represents a NothingReceived error raised by the Exchange contract.
type ExchangeNothingReceived struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingReceived(address token)
func ExchangeNothingReceivedErrorID() common.Hash {
	return common.HexToHash("0x179b264dc6b15802a0d3d2cd04101376b0b7a79e002342502e001ebd262c49f1")
}

// UnpackNothingReceivedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingReceived(address token)
func (exchange *Exchange) UnpackNothingReceivedError(raw []byte) (*ExchangeNothingReceived, error) {
	out := new(ExchangeNothingReceived)
	if err := exchange.abi.UnpackIntoInterface(out, "NothingReceived", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeOrderCancelledOnChain represents a OrderCancelledOnChain error raised by the Exchange contract.
type ExchangeOrderCancelledOnChain struct {
	OrderIndex *big.Int
	OrderHash  [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OrderCancelledOnChain(uint256 orderIndex, bytes32 orderHash)
func ExchangeOrderCancelledOnChainErrorID() common.Hash {
	return common.HexToHash("0x866b02a9b52632d367a0cfd3abb7559d6f4aebbec9ef9d5bb2badc90bdba7db5")
}

// UnpackOrderCancelledOnChainError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OrderCancelledOnChain(uint256 orderIndex, bytes32 orderHash)
func (exchange *Exchange) UnpackOrderCancelledOnChainError(raw []byte) (*ExchangeOrderCancelledOnChain, error) {
	out := new(ExchangeOrderCancelledOnChain)
	if err := exchange.abi.UnpackIntoInterface(out, "OrderCancelledOnChain", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeOrderExpired represents a OrderExpired error raised by the Exchange contract.
type ExchangeOrderExpired struct {
	OrderIndex *big.Int
	Expiry     uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OrderExpired(uint256 orderIndex, uint64 expiry)
func ExchangeOrderExpiredErrorID() common.Hash {
	return common.HexToHash("0xa753986d63939e3b4b4b09ecf0f15db6dc4658ddfac9754caf2d4e8b7de93197")
}

// UnpackOrderExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OrderExpired(uint256 orderIndex, uint64 expiry)
func (exchange *Exchange) UnpackOrderExpiredError(raw []byte) (*ExchangeOrderExpired, error) {
	out := new(ExchangeOrderExpired)
	if err := exchange.abi.UnpackIntoInterface(out, "OrderExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeOrderMismatch represents a OrderMismatch error raised by the Exchange contract.
type ExchangeOrderMismatch struct {
	TradeIndex *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OrderMismatch(uint256 tradeIndex)
func ExchangeOrderMismatchErrorID() common.Hash {
	return common.HexToHash("0xcf3e25af232b874234f9fc887549d44c05e958fa4de3c5c49b7af5acba4c4794")
}

// UnpackOrderMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OrderMismatch(uint256 tradeIndex)
func (exchange *Exchange) UnpackOrderMismatchError(raw []byte) (*ExchangeOrderMismatch, error) {
	out := new(ExchangeOrderMismatch)
	if err := exchange.abi.UnpackIntoInterface(out, "OrderMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeOrderNonceCancelled represents a OrderNonceCancelled error raised by the Exchange contract.
type ExchangeOrderNonceCancelled struct {
	OrderIndex *big.Int
	Nonce      uint64
	MinNonce   uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OrderNonceCancelled(uint256 orderIndex, uint64 nonce, uint64 minNonce)
func ExchangeOrderNonceCancelledErrorID() common.Hash {
	return common.HexToHash("0x1a1472c355d4d67b5b178ef7f95e8fdfe3500cd9b190a298f29132a8d02e8e56")
}

// UnpackOrderNonceCancelledError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OrderNonceCancelled(uint256 orderIndex, uint64 nonce, uint64 minNonce)
func (exchange *Exchange) UnpackOrderNonceCancelledError(raw []byte) (*ExchangeOrderNonceCancelled, error) {
	out := new(ExchangeOrderNonceCancelled)
	if err := exchange.abi.UnpackIntoInterface(out, "OrderNonceCancelled", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeOverfill represents a Overfill error raised by the Exchange contract.
type ExchangeOverfill struct {
	OrderIndex *big.Int
	Filled     *big.Int
	Quantity   uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Overfill(uint256 orderIndex, uint256 filled, uint64 quantity)
func ExchangeOverfillErrorID() common.Hash {
	return common.HexToHash("0x070e26e3a5a13e1ea2f0a205611ba01a41d87c844d27f37eb1cd08dde1175963")
}

// UnpackOverfillError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Overfill(uint256 orderIndex, uint256 filled, uint64 quantity)
func (exchange *Exchange) UnpackOverfillError(raw []byte) (*ExchangeOverfill, error) {
	out := new(ExchangeOverfill)
	if err := exchange.abi.UnpackIntoInterface(out, "Overfill", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangePostOnlyTaker represents a PostOnlyTaker error raised by the Exchange contract.
type ExchangePostOnlyTaker struct {
	TradeIndex *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PostOnlyTaker(uint256 tradeIndex)
func ExchangePostOnlyTakerErrorID() common.Hash {
	return common.HexToHash("0xc8ecc1e2e8abf8f00d6f5c127a2de5f1030c68a1a14f3679f8aeb952074c72e4")
}

// UnpackPostOnlyTakerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PostOnlyTaker(uint256 tradeIndex)
func (exchange *Exchange) UnpackPostOnlyTakerError(raw []byte) (*ExchangePostOnlyTaker, error) {
	out := new(ExchangePostOnlyTaker)
	if err := exchange.abi.UnpackIntoInterface(out, "PostOnlyTaker", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangePriceOutsideLimit represents a PriceOutsideLimit error raised by the Exchange contract.
type ExchangePriceOutsideLimit struct {
	TradeIndex *big.Int
	Price      uint64
	Limit      uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PriceOutsideLimit(uint256 tradeIndex, uint64 price, uint64 limit)
func ExchangePriceOutsideLimitErrorID() common.Hash {
	return common.HexToHash("0x152c79973fb19d7fbf2c86b51b61f2442efadf2bdf865ca1583175ec076038cc")
}

// UnpackPriceOutsideLimitError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PriceOutsideLimit(uint256 tradeIndex, uint64 price, uint64 limit)
func (exchange *Exchange) UnpackPriceOutsideLimitError(raw []byte) (*ExchangePriceOutsideLimit, error) {
	out := new(ExchangePriceOutsideLimit)
	if err := exchange.abi.UnpackIntoInterface(out, "PriceOutsideLimit", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeReentrancy represents a Reentrancy error raised by the Exchange contract.
type ExchangeReentrancy struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Reentrancy()
func ExchangeReentrancyErrorID() common.Hash {
	return common.HexToHash("0xab143c06c9772d69bbbc9f2fe74acd02f810e93b099f3d1dac8448ac9ae35991")
}

// UnpackReentrancyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Reentrancy()
func (exchange *Exchange) UnpackReentrancyError(raw []byte) (*ExchangeReentrancy, error) {
	out := new(ExchangeReentrancy)
	if err := exchange.abi.UnpackIntoInterface(out, "Reentrancy", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeSignatureRequired represents a SignatureRequired error raised by the Exchange contract.
type ExchangeSignatureRequired struct {
	OrderIndex *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SignatureRequired(uint256 orderIndex)
func ExchangeSignatureRequiredErrorID() common.Hash {
	return common.HexToHash("0xe4c135bdc1e7d04c0ff0a8cf676c07d16992b0a157dbfe91ec40efdf7affe22b")
}

// UnpackSignatureRequiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SignatureRequired(uint256 orderIndex)
func (exchange *Exchange) UnpackSignatureRequiredError(raw []byte) (*ExchangeSignatureRequired, error) {
	out := new(ExchangeSignatureRequired)
	if err := exchange.abi.UnpackIntoInterface(out, "SignatureRequired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeSignerMismatch represents a SignerMismatch error raised by the Exchange contract.
type ExchangeSignerMismatch struct {
	Index  *big.Int
	Signer common.Address
	Trader common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SignerMismatch(uint256 index, address signer, address trader)
func ExchangeSignerMismatchErrorID() common.Hash {
	return common.HexToHash("0xc758c30ff0cea1df8a1389b8996f2dfa899bc7eae16648a121e0c13c23f06fb4")
}

// UnpackSignerMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SignerMismatch(uint256 index, address signer, address trader)
func (exchange *Exchange) UnpackSignerMismatchError(raw []byte) (*ExchangeSignerMismatch, error) {
	out := new(ExchangeSignerMismatch)
	if err := exchange.abi.UnpackIntoInterface(out, "SignerMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeTokenNotListed represents a TokenNotListed error raised by the Exchange contract.
type ExchangeTokenNotListed struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TokenNotListed(address token)
func ExchangeTokenNotListedErrorID() common.Hash {
	return common.HexToHash("0x42f22db5d2e7fbbdd186b6dcb99c081c6586edf9e01afee2241e786585a59c32")
}

// UnpackTokenNotListedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TokenNotListed(address token)
func (exchange *Exchange) UnpackTokenNotListedError(raw []byte) (*ExchangeTokenNotListed, error) {
	out := new(ExchangeTokenNotListed)
	if err := exchange.abi.UnpackIntoInterface(out, "TokenNotListed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeTokenTransferFailed represents a TokenTransferFailed error raised by the Exchange contract.
type ExchangeTokenTransferFailed struct {
	Token  common.Address
	From   common.Address
	To     common.Address
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TokenTransferFailed(address token, address from, address to, uint256 amount)
func ExchangeTokenTransferFailedErrorID() common.Hash {
	return common.HexToHash("0xabae3d6dec29baa1602fc6c2fcf63cd989238c510fa2926d3bafaa0da050b0f4")
}

// UnpackTokenTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TokenTransferFailed(address token, address from, address to, uint256 amount)
func (exchange *Exchange) UnpackTokenTransferFailedError(raw []byte) (*ExchangeTokenTransferFailed, error) {
	out := new(ExchangeTokenTransferFailed)
	if err := exchange.abi.UnpackIntoInterface(out, "TokenTransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeTooManyPendingNonceCancels represents a TooManyPendingNonceCancels error raised by the Exchange contract.
type ExchangeTooManyPendingNonceCancels struct {
	PendingMinNonce uint64
	EffectiveAt     uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooManyPendingNonceCancels(uint64 pendingMinNonce, uint64 effectiveAt)
func ExchangeTooManyPendingNonceCancelsErrorID() common.Hash {
	return common.HexToHash("0x7d3e318b02af55ce18cb961c69a5f1c65b1487ce24bfe7ec0cbaddc6e9c3a374")
}

// UnpackTooManyPendingNonceCancelsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooManyPendingNonceCancels(uint64 pendingMinNonce, uint64 effectiveAt)
func (exchange *Exchange) UnpackTooManyPendingNonceCancelsError(raw []byte) (*ExchangeTooManyPendingNonceCancels, error) {
	out := new(ExchangeTooManyPendingNonceCancels)
	if err := exchange.abi.UnpackIntoInterface(out, "TooManyPendingNonceCancels", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeUnknownMarket represents a UnknownMarket error raised by the Exchange contract.
type ExchangeUnknownMarket struct {
	MarketId uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownMarket(uint32 marketId)
func ExchangeUnknownMarketErrorID() common.Hash {
	return common.HexToHash("0xcaabda113b044491fe30045cfcaff24d10e24ea40e6c15d74f0f7c63a41de2b6")
}

// UnpackUnknownMarketError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownMarket(uint32 marketId)
func (exchange *Exchange) UnpackUnknownMarketError(raw []byte) (*ExchangeUnknownMarket, error) {
	out := new(ExchangeUnknownMarket)
	if err := exchange.abi.UnpackIntoInterface(out, "UnknownMarket", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeWithdrawalExpired represents a WithdrawalExpired error raised by the Exchange contract.
type ExchangeWithdrawalExpired struct {
	WithdrawalIndex *big.Int
	Expiry          uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WithdrawalExpired(uint256 withdrawalIndex, uint64 expiry)
func ExchangeWithdrawalExpiredErrorID() common.Hash {
	return common.HexToHash("0xf768b4286a90e839b66826154bc28bb3a0a173875adfdbcdeab2b27ca1e25107")
}

// UnpackWithdrawalExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WithdrawalExpired(uint256 withdrawalIndex, uint64 expiry)
func (exchange *Exchange) UnpackWithdrawalExpiredError(raw []byte) (*ExchangeWithdrawalExpired, error) {
	out := new(ExchangeWithdrawalExpired)
	if err := exchange.abi.UnpackIntoInterface(out, "WithdrawalExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeWithdrawalLocked represents a WithdrawalLocked error raised by the Exchange contract.
type ExchangeWithdrawalLocked struct {
	UnlockBlock  uint64
	CurrentBlock *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WithdrawalLocked(uint64 unlockBlock, uint256 currentBlock)
func ExchangeWithdrawalLockedErrorID() common.Hash {
	return common.HexToHash("0xf27124064bdf9e3abcf91e9a53e699e8c0d19250839c36172dfba2a9933b743b")
}

// UnpackWithdrawalLockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WithdrawalLocked(uint64 unlockBlock, uint256 currentBlock)
func (exchange *Exchange) UnpackWithdrawalLockedError(raw []byte) (*ExchangeWithdrawalLocked, error) {
	out := new(ExchangeWithdrawalLocked)
	if err := exchange.abi.UnpackIntoInterface(out, "WithdrawalLocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeZeroAddress represents a ZeroAddress error raised by the Exchange contract.
type ExchangeZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func ExchangeZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (exchange *Exchange) UnpackZeroAddressError(raw []byte) (*ExchangeZeroAddress, error) {
	out := new(ExchangeZeroAddress)
	if err := exchange.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExchangeZeroAmount represents a ZeroAmount error raised by the Exchange contract.
type ExchangeZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func ExchangeZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (exchange *Exchange) UnpackZeroAmountError(raw []byte) (*ExchangeZeroAmount, error) {
	out := new(ExchangeZeroAmount)
	if err := exchange.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// FeeOnTransferTokenMetaData contains all meta data concerning the FeeOnTransferToken contract.
var FeeOnTransferTokenMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"feeBps_\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"allowance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientAllowance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"allowance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"feeBps\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transfer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "FeeOnTransferToken",
	Bin: "0x60c06040523461034e57610e806020813803918261001c81610352565b93849283398101031261034e57516100346040610352565b90600f82526e2332b29027b7102a3930b739b332b960891b602083015261005b6040610352565b60038152621193d560ea1b602082015282519091906001600160401b038111610257575f54600181811c91168015610344575b602082101461023957601f81116102d7575b506020601f821160011461027657819293945f9261026b575b50508160011b915f199060031b1c1916175f555b81516001600160401b03811161025757600154600181811c9116801561024d575b602082101461023957601f81116101cb575b50602092601f821160011461016a57928192935f9261015f575b50508160011b915f199060031b1c1916176001555b601260805260a052604051610b0890816103788239608051816104a6015260a0518181816104ff01526109470152f35b015190505f8061011a565b601f1982169360015f52805f20915f5b8681106101b3575083600195961061019b575b505050811b0160015561012f565b01515f1960f88460031b161c191690555f808061018d565b9192602060018192868501518155019401920161017a565b818111156101005760015f52601f820160051c7fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf660208410610231575b81601f9101920160051c03905f5b828110610224575050610100565b5f82820155600101610216565b5f9150610208565b634e487b7160e01b5f52602260045260245ffd5b90607f16906100ee565b634e487b7160e01b5f52604160045260245ffd5b015190505f806100b9565b601f198216905f8052805f20915f5b8181106102bf575095836001959697106102a7575b505050811b015f556100cd565b01515f1960f88460031b161c191690555f808061029a565b9192602060018192868b015181550194019201610285565b818111156100a0575f8052601f820160051c7f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e5636020841061033c575b81601f9101920160051c03905f5b82811061032f5750506100a0565b5f82820155600101610321565b5f9150610313565b90607f169061008e565b5f80fd5b6040519190601f01601f191682016001600160401b038111838210176102575760405256fe60806040526004361015610011575f80fd5b5f3560e01c806306fdde0314610655578063095ea7b3146105b257806318160ddd1461057757806323b872dd1461052257806324a9d853146104ca578063313ce5671461046f57806340c10f19146103c957806370a082311461036657806395d89b4114610171578063a9059cbb146101225763dd62ed3e14610092575f80fd5b3461011e5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e576100c96107d0565b73ffffffffffffffffffffffffffffffffffffffff6100e66107f3565b91165f52600460205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52602052602060405f2054604051908152f35b5f80fd5b3461011e5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e5761016661015c6107d0565b6024359033610942565b602060405160018152f35b3461011e575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e576040515f600154908160011c6001831692831561035c575b60208210841461032f5781855284939081156102cf5750600114610255575b5003601f017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe01681019067ffffffffffffffff82118183101761022857604082905281906102249082610788565b0390f35b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b60015f90815291507fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf65b8183106102b357505081016020017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe06101d6565b602091935080600191548385880101520191019091839261027f565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff001660208581019190915291151560051b840190910191507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe090506101d6565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b90607f16906101b7565b3461011e5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e5773ffffffffffffffffffffffffffffffffffffffff6103b26107d0565b165f526003602052602060405f2054604051908152f35b3461011e5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e576104006107d0565b5f7fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef602073ffffffffffffffffffffffffffffffffffffffff6024359461044986600254610afb565b60025516938484526003825260408420610464828254610afb565b9055604051908152a3005b3461011e575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e57602060405160ff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b3461011e575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e5760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b3461011e5760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e5761016661055c6107d0565b6105646107f3565b604435916105728382610850565b610942565b3461011e575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e576020600254604051908152f35b3461011e5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e576105e96107d0565b73ffffffffffffffffffffffffffffffffffffffff60243591335f52600460205260405f208282165f526020528260405f205560405192835216907f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560203392a3602060405160018152f35b3461011e575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011e576040515f5f54908160011c6001831692831561077e575b60208210841461032f5781855284939081156102cf5750600114610706575003601f017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe01681019067ffffffffffffffff82118183101761022857604082905281906102249082610788565b5f80805291507f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e5635b81831061076257505081016020017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe06101d6565b602091935080600191548385880101520191019091839261072e565b90607f169061069a565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f602060409481855280519182918282880152018686015e5f8582860101520116010190565b6004359073ffffffffffffffffffffffffffffffffffffffff8216820361011e57565b6024359073ffffffffffffffffffffffffffffffffffffffff8216820361011e57565b9190820391821161082357565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b73ffffffffffffffffffffffffffffffffffffffff1690815f52600460205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260405f20547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff811461093d578181106108fb57906108cc91610816565b905f52600460205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260405f2055565b60849350604051927f91beda24000000000000000000000000000000000000000000000000000000008452600484015233602484015260448301526064820152fd5b505050565b9291927f00000000000000000000000000000000000000000000000000000000000000008085029085820414851517156108235761099a61271073ffffffffffffffffffffffffffffffffffffffff92048096610816565b911691825f52600360205260405f2054828110610ac757602073ffffffffffffffffffffffffffffffffffffffff85936109f5867fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef95610816565b855f526003845260405f20551693845f526003825260405f20610a19828254610afb565b9055604051908152a382610a2c57509050565b805f52600360205260405f2054838110610a9457602084610a705f95967fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef94610816565b848652600383526040862055610a8881600254610816565b600255604051908152a3565b91507fdb42144d000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b9050827fdb42144d000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b919082018092116108235756",
}

// FeeOnTransferToken is an auto generated Go binding around an Ethereum contract.
type FeeOnTransferToken struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *FeeOnTransferToken) GetABI() abi.ABI {
	return c.abi
}

// NewFeeOnTransferToken creates a new instance of FeeOnTransferToken.
func NewFeeOnTransferToken() *FeeOnTransferToken {
	parsed, err := FeeOnTransferTokenMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &FeeOnTransferToken{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *FeeOnTransferToken) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(uint256 feeBps_) returns()
func (feeOnTransferToken *FeeOnTransferToken) PackConstructor(feeBps_ *big.Int) []byte {
	enc, err := feeOnTransferToken.abi.Pack("", feeBps_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) PackAllowance(arg0 common.Address, arg1 common.Address) []byte {
	enc, err := feeOnTransferToken.abi.Pack("allowance", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) TryPackAllowance(arg0 common.Address, arg1 common.Address) ([]byte, error) {
	return feeOnTransferToken.abi.Pack("allowance", arg0, arg1)
}

// UnpackAllowance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd62ed3e.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) UnpackAllowance(data []byte) (*big.Int, error) {
	out, err := feeOnTransferToken.abi.Unpack("allowance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (feeOnTransferToken *FeeOnTransferToken) PackApprove(spender common.Address, value *big.Int) []byte {
	enc, err := feeOnTransferToken.abi.Pack("approve", spender, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (feeOnTransferToken *FeeOnTransferToken) TryPackApprove(spender common.Address, value *big.Int) ([]byte, error) {
	return feeOnTransferToken.abi.Pack("approve", spender, value)
}

// UnpackApprove is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x095ea7b3.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (feeOnTransferToken *FeeOnTransferToken) UnpackApprove(data []byte) (bool, error) {
	out, err := feeOnTransferToken.abi.Unpack("approve", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) PackBalanceOf(arg0 common.Address) []byte {
	enc, err := feeOnTransferToken.abi.Pack("balanceOf", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) TryPackBalanceOf(arg0 common.Address) ([]byte, error) {
	return feeOnTransferToken.abi.Pack("balanceOf", arg0)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := feeOnTransferToken.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() view returns(uint8)
func (feeOnTransferToken *FeeOnTransferToken) PackDecimals() []byte {
	enc, err := feeOnTransferToken.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() view returns(uint8)
func (feeOnTransferToken *FeeOnTransferToken) TryPackDecimals() ([]byte, error) {
	return feeOnTransferToken.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() view returns(uint8)
func (feeOnTransferToken *FeeOnTransferToken) UnpackDecimals(data []byte) (uint8, error) {
	out, err := feeOnTransferToken.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackFeeBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x24a9d853.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function feeBps() view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) PackFeeBps() []byte {
	enc, err := feeOnTransferToken.abi.Pack("feeBps")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFeeBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x24a9d853.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function feeBps() view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) TryPackFeeBps() ([]byte, error) {
	return feeOnTransferToken.abi.Pack("feeBps")
}

// UnpackFeeBps is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x24a9d853.
//
// Solidity: function feeBps() view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) UnpackFeeBps(data []byte) (*big.Int, error) {
	out, err := feeOnTransferToken.abi.Unpack("feeBps", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to, uint256 value) returns()
func (feeOnTransferToken *FeeOnTransferToken) PackMint(to common.Address, value *big.Int) []byte {
	enc, err := feeOnTransferToken.abi.Pack("mint", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to, uint256 value) returns()
func (feeOnTransferToken *FeeOnTransferToken) TryPackMint(to common.Address, value *big.Int) ([]byte, error) {
	return feeOnTransferToken.abi.Pack("mint", to, value)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (feeOnTransferToken *FeeOnTransferToken) PackName() []byte {
	enc, err := feeOnTransferToken.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (feeOnTransferToken *FeeOnTransferToken) TryPackName() ([]byte, error) {
	return feeOnTransferToken.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (feeOnTransferToken *FeeOnTransferToken) UnpackName(data []byte) (string, error) {
	out, err := feeOnTransferToken.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (feeOnTransferToken *FeeOnTransferToken) PackSymbol() []byte {
	enc, err := feeOnTransferToken.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (feeOnTransferToken *FeeOnTransferToken) TryPackSymbol() ([]byte, error) {
	return feeOnTransferToken.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (feeOnTransferToken *FeeOnTransferToken) UnpackSymbol(data []byte) (string, error) {
	out, err := feeOnTransferToken.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) PackTotalSupply() []byte {
	enc, err := feeOnTransferToken.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) TryPackTotalSupply() ([]byte, error) {
	return feeOnTransferToken.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (feeOnTransferToken *FeeOnTransferToken) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := feeOnTransferToken.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (feeOnTransferToken *FeeOnTransferToken) PackTransfer(to common.Address, value *big.Int) []byte {
	enc, err := feeOnTransferToken.abi.Pack("transfer", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (feeOnTransferToken *FeeOnTransferToken) TryPackTransfer(to common.Address, value *big.Int) ([]byte, error) {
	return feeOnTransferToken.abi.Pack("transfer", to, value)
}

// UnpackTransfer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa9059cbb.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (feeOnTransferToken *FeeOnTransferToken) UnpackTransfer(data []byte) (bool, error) {
	out, err := feeOnTransferToken.abi.Unpack("transfer", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (feeOnTransferToken *FeeOnTransferToken) PackTransferFrom(from common.Address, to common.Address, value *big.Int) []byte {
	enc, err := feeOnTransferToken.abi.Pack("transferFrom", from, to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (feeOnTransferToken *FeeOnTransferToken) TryPackTransferFrom(from common.Address, to common.Address, value *big.Int) ([]byte, error) {
	return feeOnTransferToken.abi.Pack("transferFrom", from, to, value)
}

// UnpackTransferFrom is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23b872dd.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (feeOnTransferToken *FeeOnTransferToken) UnpackTransferFrom(data []byte) (bool, error) {
	out, err := feeOnTransferToken.abi.Unpack("transferFrom", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// FeeOnTransferTokenApproval represents a Approval event raised by the FeeOnTransferToken contract.
type FeeOnTransferTokenApproval struct {
	Owner   common.Address
	Spender common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const FeeOnTransferTokenApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (FeeOnTransferTokenApproval) ContractEventName() string {
	return FeeOnTransferTokenApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed spender, uint256 value)
func (feeOnTransferToken *FeeOnTransferToken) UnpackApprovalEvent(log *types.Log) (*FeeOnTransferTokenApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != feeOnTransferToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(FeeOnTransferTokenApproval)
	if len(log.Data) > 0 {
		if err := feeOnTransferToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range feeOnTransferToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// FeeOnTransferTokenTransfer represents a Transfer event raised by the FeeOnTransferToken contract.
type FeeOnTransferTokenTransfer struct {
	From  common.Address
	To    common.Address
	Value *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const FeeOnTransferTokenTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (FeeOnTransferTokenTransfer) ContractEventName() string {
	return FeeOnTransferTokenTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 value)
func (feeOnTransferToken *FeeOnTransferToken) UnpackTransferEvent(log *types.Log) (*FeeOnTransferTokenTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != feeOnTransferToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(FeeOnTransferTokenTransfer)
	if len(log.Data) > 0 {
		if err := feeOnTransferToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range feeOnTransferToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (feeOnTransferToken *FeeOnTransferToken) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], feeOnTransferToken.abi.Errors["InsufficientAllowance"].ID.Bytes()[:4]) {
		return feeOnTransferToken.UnpackInsufficientAllowanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], feeOnTransferToken.abi.Errors["InsufficientBalance"].ID.Bytes()[:4]) {
		return feeOnTransferToken.UnpackInsufficientBalanceError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// FeeOnTransferTokenInsufficientAllowance represents a InsufficientAllowance error raised by the FeeOnTransferToken contract.
type FeeOnTransferTokenInsufficientAllowance struct {
	Owner     common.Address
	Spender   common.Address
	Allowance *big.Int
	Needed    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed)
func FeeOnTransferTokenInsufficientAllowanceErrorID() common.Hash {
	return common.HexToHash("0x91beda2419c8769f0c545a44607943b78700547e886f90b5189cc0e609a996c4")
}

// UnpackInsufficientAllowanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed)
func (feeOnTransferToken *FeeOnTransferToken) UnpackInsufficientAllowanceError(raw []byte) (*FeeOnTransferTokenInsufficientAllowance, error) {
	out := new(FeeOnTransferTokenInsufficientAllowance)
	if err := feeOnTransferToken.abi.UnpackIntoInterface(out, "InsufficientAllowance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// FeeOnTransferTokenInsufficientBalance represents a InsufficientBalance error raised by the FeeOnTransferToken contract.
type FeeOnTransferTokenInsufficientBalance struct {
	Account common.Address
	Balance *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientBalance(address account, uint256 balance, uint256 needed)
func FeeOnTransferTokenInsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xdb42144d928cd19733b9dfeead8bc02ed403845c274e06a6eee0944fb25ca5c4")
}

// UnpackInsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientBalance(address account, uint256 balance, uint256 needed)
func (feeOnTransferToken *FeeOnTransferToken) UnpackInsufficientBalanceError(raw []byte) (*FeeOnTransferTokenInsufficientBalance, error) {
	out := new(FeeOnTransferTokenInsufficientBalance)
	if err := feeOnTransferToken.abi.UnpackIntoInterface(out, "InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// NoReturnTokenMetaData contains all meta data concerning the NoReturnToken contract.
var NoReturnTokenMetaData = bind.MetaData{
	ABI: "[{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"allowance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transfer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "NoReturnToken",
	Bin: "0x608080604052346015576107a8908161001a8239f35b5f80fdfe60806040526004361015610011575f80fd5b5f3560e01c806306fdde0314610555578063095ea7b3146104bb57806318160ddd1461048157806323b872dd14610354578063313ce5671461031b57806340c10f191461027757806370a082311461021457806395d89b411461015d578063a9059cbb146101175763dd62ed3e14610087575f80fd5b346101135760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610113576100be61061f565b73ffffffffffffffffffffffffffffffffffffffff6100db610642565b91165f52600260205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52602052602060405f2054604051908152f35b5f80fd5b346101135760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101135761015b61015161061f565b60243590336106ac565b005b34610113575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011357604051604081019080821067ffffffffffffffff8311176101e7576101e391604052600381527f4e525400000000000000000000000000000000000000000000000000000000006020820152604051918291826105d7565b0390f35b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b346101135760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101135773ffffffffffffffffffffffffffffffffffffffff61026061061f565b165f526001602052602060405f2054604051908152f35b346101135760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610113576102ae61061f565b5f7fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef602073ffffffffffffffffffffffffffffffffffffffff602435946102f686865461069f565b85551693848452600182526040842061031082825461069f565b9055604051908152a3005b34610113575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011357602060405160068152f35b346101135760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101135761038b61061f565b610393610642565b6044359073ffffffffffffffffffffffffffffffffffffffff831692835f52600260205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f526020528260405f2054106104235761015b935f52600260205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260405f2061041c848254610665565b90556106ac565b60646040517f08c379a000000000000000000000000000000000000000000000000000000000815260206004820152600960248201527f616c6c6f77616e636500000000000000000000000000000000000000000000006044820152fd5b34610113575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101135760205f54604051908152f35b346101135760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610113576104f261061f565b73ffffffffffffffffffffffffffffffffffffffff60243591335f52600260205260405f208282165f526020528260405f205560405192835216907f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560203392a3005b34610113575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011357604051604081019080821067ffffffffffffffff8311176101e7576101e391604052600981527f4e6f2052657475726e00000000000000000000000000000000000000000000006020820152604051918291825b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f602060409481855280519182918282880152018686015e5f8582860101520116010190565b6004359073ffffffffffffffffffffffffffffffffffffffff8216820361011357565b6024359073ffffffffffffffffffffffffffffffffffffffff8216820361011357565b9190820391821161067257565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b9190820180921161067257565b73ffffffffffffffffffffffffffffffffffffffff1690815f5260016020528260405f20541061074a57602073ffffffffffffffffffffffffffffffffffffffff7fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef92845f526001835260405f20610725878254610665565b90551693845f526001825260405f2061073f82825461069f565b9055604051908152a3565b60646040517f08c379a000000000000000000000000000000000000000000000000000000000815260206004820152600760248201527f62616c616e6365000000000000000000000000000000000000000000000000006044820152fd",
}

// NoReturnToken is an auto generated Go binding around an Ethereum contract.
type NoReturnToken struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *NoReturnToken) GetABI() abi.ABI {
	return c.abi
}

// NewNoReturnToken creates a new instance of NoReturnToken.
func NewNoReturnToken() *NoReturnToken {
	parsed, err := NoReturnTokenMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &NoReturnToken{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *NoReturnToken) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (noReturnToken *NoReturnToken) PackAllowance(arg0 common.Address, arg1 common.Address) []byte {
	enc, err := noReturnToken.abi.Pack("allowance", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (noReturnToken *NoReturnToken) TryPackAllowance(arg0 common.Address, arg1 common.Address) ([]byte, error) {
	return noReturnToken.abi.Pack("allowance", arg0, arg1)
}

// UnpackAllowance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd62ed3e.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (noReturnToken *NoReturnToken) UnpackAllowance(data []byte) (*big.Int, error) {
	out, err := noReturnToken.abi.Unpack("allowance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address spender, uint256 value) returns()
func (noReturnToken *NoReturnToken) PackApprove(spender common.Address, value *big.Int) []byte {
	enc, err := noReturnToken.abi.Pack("approve", spender, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address spender, uint256 value) returns()
func (noReturnToken *NoReturnToken) TryPackApprove(spender common.Address, value *big.Int) ([]byte, error) {
	return noReturnToken.abi.Pack("approve", spender, value)
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (noReturnToken *NoReturnToken) PackBalanceOf(arg0 common.Address) []byte {
	enc, err := noReturnToken.abi.Pack("balanceOf", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (noReturnToken *NoReturnToken) TryPackBalanceOf(arg0 common.Address) ([]byte, error) {
	return noReturnToken.abi.Pack("balanceOf", arg0)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (noReturnToken *NoReturnToken) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := noReturnToken.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() view returns(uint8)
func (noReturnToken *NoReturnToken) PackDecimals() []byte {
	enc, err := noReturnToken.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() view returns(uint8)
func (noReturnToken *NoReturnToken) TryPackDecimals() ([]byte, error) {
	return noReturnToken.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() view returns(uint8)
func (noReturnToken *NoReturnToken) UnpackDecimals(data []byte) (uint8, error) {
	out, err := noReturnToken.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to, uint256 value) returns()
func (noReturnToken *NoReturnToken) PackMint(to common.Address, value *big.Int) []byte {
	enc, err := noReturnToken.abi.Pack("mint", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to, uint256 value) returns()
func (noReturnToken *NoReturnToken) TryPackMint(to common.Address, value *big.Int) ([]byte, error) {
	return noReturnToken.abi.Pack("mint", to, value)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (noReturnToken *NoReturnToken) PackName() []byte {
	enc, err := noReturnToken.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (noReturnToken *NoReturnToken) TryPackName() ([]byte, error) {
	return noReturnToken.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (noReturnToken *NoReturnToken) UnpackName(data []byte) (string, error) {
	out, err := noReturnToken.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (noReturnToken *NoReturnToken) PackSymbol() []byte {
	enc, err := noReturnToken.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (noReturnToken *NoReturnToken) TryPackSymbol() ([]byte, error) {
	return noReturnToken.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (noReturnToken *NoReturnToken) UnpackSymbol(data []byte) (string, error) {
	out, err := noReturnToken.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (noReturnToken *NoReturnToken) PackTotalSupply() []byte {
	enc, err := noReturnToken.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (noReturnToken *NoReturnToken) TryPackTotalSupply() ([]byte, error) {
	return noReturnToken.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (noReturnToken *NoReturnToken) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := noReturnToken.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transfer(address to, uint256 value) returns()
func (noReturnToken *NoReturnToken) PackTransfer(to common.Address, value *big.Int) []byte {
	enc, err := noReturnToken.abi.Pack("transfer", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transfer(address to, uint256 value) returns()
func (noReturnToken *NoReturnToken) TryPackTransfer(to common.Address, value *big.Int) ([]byte, error) {
	return noReturnToken.abi.Pack("transfer", to, value)
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns()
func (noReturnToken *NoReturnToken) PackTransferFrom(from common.Address, to common.Address, value *big.Int) []byte {
	enc, err := noReturnToken.abi.Pack("transferFrom", from, to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns()
func (noReturnToken *NoReturnToken) TryPackTransferFrom(from common.Address, to common.Address, value *big.Int) ([]byte, error) {
	return noReturnToken.abi.Pack("transferFrom", from, to, value)
}

// NoReturnTokenApproval represents a Approval event raised by the NoReturnToken contract.
type NoReturnTokenApproval struct {
	Owner   common.Address
	Spender common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const NoReturnTokenApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (NoReturnTokenApproval) ContractEventName() string {
	return NoReturnTokenApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed spender, uint256 value)
func (noReturnToken *NoReturnToken) UnpackApprovalEvent(log *types.Log) (*NoReturnTokenApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != noReturnToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(NoReturnTokenApproval)
	if len(log.Data) > 0 {
		if err := noReturnToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range noReturnToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// NoReturnTokenTransfer represents a Transfer event raised by the NoReturnToken contract.
type NoReturnTokenTransfer struct {
	From  common.Address
	To    common.Address
	Value *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const NoReturnTokenTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (NoReturnTokenTransfer) ContractEventName() string {
	return NoReturnTokenTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 value)
func (noReturnToken *NoReturnToken) UnpackTransferEvent(log *types.Log) (*NoReturnTokenTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != noReturnToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(NoReturnTokenTransfer)
	if len(log.Data) > 0 {
		if err := noReturnToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range noReturnToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ReentrantTokenMetaData contains all meta data concerning the ReentrantToken contract.
var ReentrantTokenMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"allowance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientAllowance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"allowance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"target_\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"data_\",\"type\":\"bytes\"}],\"name\":\"arm\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"callbackCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"callbackData\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lastCallbackOk\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lastCallbackResult\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"target\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transfer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "ReentrantToken",
	Bin: "0x60a06040523461033157604080519081016001600160401b0381118282101761023c57604090815260098252681499595b9d1c985b9d60ba1b602083015280519081016001600160401b0381118282101761023c57604052600381526252454560e81b602082015281516001600160401b03811161023c575f54600181811c91168015610327575b602082101461021e57601f81116102ba575b50602092601f821160011461025b57928192935f92610250575b50508160011b915f199060031b1c1916175f555b80516001600160401b03811161023c57600154600181811c91168015610232575b602082101461021e57601f81116101b0575b50602091601f8211600114610150579181925f92610145575b50508160011b915f199060031b1c1916176001555b601260805260405161115a90816103368239608051816107ab0152f35b015190505f80610113565b601f1982169260015f52805f20915f5b85811061019857508360019510610180575b505050811b01600155610128565b01515f1960f88460031b161c191690555f8080610172565b91926020600181928685015181550194019201610160565b818111156100fa5760015f52601f820160051c7fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf660208410610216575b81601f9101920160051c03905f5b8281106102095750506100fa565b5f828201556001016101fb565b5f91506101ed565b634e487b7160e01b5f52602260045260245ffd5b90607f16906100e8565b634e487b7160e01b5f52604160045260245ffd5b015190505f806100b3565b601f198216935f8052805f20915f5b8681106102a2575083600195961061028a575b505050811b015f556100c7565b01515f1960f88460031b161c191690555f808061027d565b9192602060018192868501518155019401920161026a565b81811115610099575f8052601f820160051c7f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e5636020841061031f575b81601f9101920160051c03905f5b828110610312575050610099565b5f82820155600101610304565b5f91506102f6565b90607f1690610087565b5f80fdfe60806040526004361015610011575f80fd5b5f3560e01c806306fdde0314610a00578063095ea7b31461095d5780630e1fa29f1461089a57806318160ddd1461085f5780631d04592f1461082457806323b872dd146107cf578063313ce567146107745780633522bfd01461052357806340c10f191461047d57806370a082311461041a57806395d89b4114610357578063a9059cbb14610308578063bcd77eb1146102c8578063d4b8399214610277578063dd62ed3e146101eb5763ef44c272146100c9575f80fd5b346101e7575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e7576040515f60065461010781610ac0565b80845290600181169081156101a55750600114610147575b6101438361012f81850382610b11565b604051918291602083526020830190610b7f565b0390f35b60065f9081527ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f939250905b80821061018b5750909150810160200161012f61011f565b919260018160209254838588010152019101909291610173565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff001660208086019190915291151560051b8401909101915061012f905061011f565b5f80fd5b346101e75760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e757610222610bc2565b73ffffffffffffffffffffffffffffffffffffffff61023f610be5565b91165f52600460205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52602052602060405f2054604051908152f35b346101e7575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e757602073ffffffffffffffffffffffffffffffffffffffff60055416604051908152f35b346101e7575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e757602060ff600754166040519015158152f35b346101e75760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e75761034c610342610bc2565b6024359033610d34565b602060405160018152f35b346101e7575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e7576040515f60015461039581610ac0565b80845290600181169081156101a557506001146103bc576101438361012f81850382610b11565b60015f9081527fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6939250905b8082106104005750909150810160200161012f61011f565b9192600181602092548385880101520191019092916103e8565b346101e75760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e75773ffffffffffffffffffffffffffffffffffffffff610466610bc2565b165f526003602052602060405f2054604051908152f35b346101e75760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e7576104b4610bc2565b5f7fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef602073ffffffffffffffffffffffffffffffffffffffff602435946104fd8660025461114d565b6002551693848452600382526040842061051882825461114d565b9055604051908152a3005b346101e75760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e75761055a610bc2565b6024359067ffffffffffffffff82116101e757366023830112156101e75781600401359067ffffffffffffffff82116101e75736602483850101116101e75773ffffffffffffffffffffffffffffffffffffffff167fffffffffffffffffffffffff000000000000000000000000000000000000000060055416176005556105e3600654610ac0565b601f8111610706575b505f601f821160011461064b578190610638935f9261063d575b50507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8260011b9260031b1c19161790565b600655005b602492500101358380610606565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08216927ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f915f5b8581106106eb575083600195106106b0575b505050811b01600655005b01602401357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff600384901b60f8161c191690558280806106a5565b90926020600181926024878701013581550194019101610693565b818111156105ec5760065f52601f820160051c7ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f6020841061076c575b81601f9101920160051c03905f5b82811061075f5750506105ec565b5f82820155600101610751565b5f9150610743565b346101e7575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e757602060405160ff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b346101e75760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e75761034c610809610bc2565b610811610be5565b6044359161081f8382610c42565b610d34565b346101e7575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e7576020600954604051908152f35b346101e7575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e7576020600254604051908152f35b346101e7575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e7576040515f6008546108d881610ac0565b80845290600181169081156101a557506001146108ff576101438361012f81850382610b11565b60085f9081527ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee3939250905b8082106109435750909150810160200161012f61011f565b91926001816020925483858801015201910190929161092b565b346101e75760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e757610994610bc2565b73ffffffffffffffffffffffffffffffffffffffff60243591335f52600460205260405f208282165f526020528260405f205560405192835216907f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560203392a3602060405160018152f35b346101e7575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101e7576040515f5f54610a3d81610ac0565b80845290600181169081156101a55750600114610a64576101438361012f81850382610b11565b5f8080527f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563939250905b808210610aa65750909150810160200161012f61011f565b919260018160209254838588010152019101909291610a8e565b90600182811c92168015610b07575b6020831014610ada57565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b91607f1691610acf565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff821117610b5257604052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f602080948051918291828752018686015e5f8582860101520116010190565b6004359073ffffffffffffffffffffffffffffffffffffffff821682036101e757565b6024359073ffffffffffffffffffffffffffffffffffffffff821682036101e757565b91908203918211610c1557565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b73ffffffffffffffffffffffffffffffffffffffff1690815f52600460205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260405f20547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8114610d2f57818110610ced5790610cbe91610c08565b905f52600460205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260405f2055565b60849350604051927f91beda24000000000000000000000000000000000000000000000000000000008452600484015233602484015260448301526064820152fd5b505050565b73ffffffffffffffffffffffffffffffffffffffff1690815f52600360205260405f20548381106111195773ffffffffffffffffffffffffffffffffffffffff7fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef92610da286602094610c08565b855f526003845260405f20551693845f526003825260405f20610dc682825461114d565b9055604051908152a3600654610ddb81610ac0565b15611116576009547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8114610c155760010160095573ffffffffffffffffffffffffffffffffffffffff6005541690604051905f90610e3981610ac0565b90600181169081156110e35750600114611094575b5091815f809493819403925af1903d1561108c573d9167ffffffffffffffff8311610b525760405192610ea960207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f8401160185610b11565b83523d5f602085013e5b60ff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00600754169115151617600755815167ffffffffffffffff8111610b5257610efe600854610ac0565b601f811161101e575b50602092601f8211600114610f6557610f55929382915f92610f5a5750507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8260011b9260031b1c19161790565b600855565b015190505f80610606565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe082169360085f527ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee3915f5b8681106110065750836001959610610fcf575b505050811b01600855565b01517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff60f88460031b161c191690555f8080610fc4565b91926020600181928685015181550194019201610fb1565b81811115610f075760085f52601f820160051c7ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee360208410611084575b81601f9101920160051c03905f5b828110611077575050610f07565b5f82820155600101611069565b5f915061105b565b606091610eb3565b905060065f527ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f5f905b8282106110cf575050810181610e4e565b6001816020925484870152019101906110be565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0016845250801515028201905081610e4e565b50565b9190507fdb42144d000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b91908201809211610c155756",
}

// ReentrantToken is an auto generated Go binding around an Ethereum contract.
type ReentrantToken struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ReentrantToken) GetABI() abi.ABI {
	return c.abi
}

// NewReentrantToken creates a new instance of ReentrantToken.
func NewReentrantToken() *ReentrantToken {
	parsed, err := ReentrantTokenMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ReentrantToken{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ReentrantToken) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (reentrantToken *ReentrantToken) PackAllowance(arg0 common.Address, arg1 common.Address) []byte {
	enc, err := reentrantToken.abi.Pack("allowance", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (reentrantToken *ReentrantToken) TryPackAllowance(arg0 common.Address, arg1 common.Address) ([]byte, error) {
	return reentrantToken.abi.Pack("allowance", arg0, arg1)
}

// UnpackAllowance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd62ed3e.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (reentrantToken *ReentrantToken) UnpackAllowance(data []byte) (*big.Int, error) {
	out, err := reentrantToken.abi.Unpack("allowance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (reentrantToken *ReentrantToken) PackApprove(spender common.Address, value *big.Int) []byte {
	enc, err := reentrantToken.abi.Pack("approve", spender, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (reentrantToken *ReentrantToken) TryPackApprove(spender common.Address, value *big.Int) ([]byte, error) {
	return reentrantToken.abi.Pack("approve", spender, value)
}

// UnpackApprove is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x095ea7b3.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (reentrantToken *ReentrantToken) UnpackApprove(data []byte) (bool, error) {
	out, err := reentrantToken.abi.Unpack("approve", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackArm is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3522bfd0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function arm(address target_, bytes data_) returns()
func (reentrantToken *ReentrantToken) PackArm(target common.Address, data []byte) []byte {
	enc, err := reentrantToken.abi.Pack("arm", target, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackArm is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3522bfd0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function arm(address target_, bytes data_) returns()
func (reentrantToken *ReentrantToken) TryPackArm(target common.Address, data []byte) ([]byte, error) {
	return reentrantToken.abi.Pack("arm", target, data)
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (reentrantToken *ReentrantToken) PackBalanceOf(arg0 common.Address) []byte {
	enc, err := reentrantToken.abi.Pack("balanceOf", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (reentrantToken *ReentrantToken) TryPackBalanceOf(arg0 common.Address) ([]byte, error) {
	return reentrantToken.abi.Pack("balanceOf", arg0)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (reentrantToken *ReentrantToken) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := reentrantToken.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCallbackCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d04592f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function callbackCount() view returns(uint256)
func (reentrantToken *ReentrantToken) PackCallbackCount() []byte {
	enc, err := reentrantToken.abi.Pack("callbackCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCallbackCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d04592f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function callbackCount() view returns(uint256)
func (reentrantToken *ReentrantToken) TryPackCallbackCount() ([]byte, error) {
	return reentrantToken.abi.Pack("callbackCount")
}

// UnpackCallbackCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1d04592f.
//
// Solidity: function callbackCount() view returns(uint256)
func (reentrantToken *ReentrantToken) UnpackCallbackCount(data []byte) (*big.Int, error) {
	out, err := reentrantToken.abi.Unpack("callbackCount", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCallbackData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef44c272.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function callbackData() view returns(bytes)
func (reentrantToken *ReentrantToken) PackCallbackData() []byte {
	enc, err := reentrantToken.abi.Pack("callbackData")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCallbackData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef44c272.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function callbackData() view returns(bytes)
func (reentrantToken *ReentrantToken) TryPackCallbackData() ([]byte, error) {
	return reentrantToken.abi.Pack("callbackData")
}

// UnpackCallbackData is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xef44c272.
//
// Solidity: function callbackData() view returns(bytes)
func (reentrantToken *ReentrantToken) UnpackCallbackData(data []byte) ([]byte, error) {
	out, err := reentrantToken.abi.Unpack("callbackData", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() view returns(uint8)
func (reentrantToken *ReentrantToken) PackDecimals() []byte {
	enc, err := reentrantToken.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() view returns(uint8)
func (reentrantToken *ReentrantToken) TryPackDecimals() ([]byte, error) {
	return reentrantToken.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() view returns(uint8)
func (reentrantToken *ReentrantToken) UnpackDecimals(data []byte) (uint8, error) {
	out, err := reentrantToken.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackLastCallbackOk is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbcd77eb1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lastCallbackOk() view returns(bool)
func (reentrantToken *ReentrantToken) PackLastCallbackOk() []byte {
	enc, err := reentrantToken.abi.Pack("lastCallbackOk")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLastCallbackOk is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbcd77eb1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lastCallbackOk() view returns(bool)
func (reentrantToken *ReentrantToken) TryPackLastCallbackOk() ([]byte, error) {
	return reentrantToken.abi.Pack("lastCallbackOk")
}

// UnpackLastCallbackOk is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbcd77eb1.
//
// Solidity: function lastCallbackOk() view returns(bool)
func (reentrantToken *ReentrantToken) UnpackLastCallbackOk(data []byte) (bool, error) {
	out, err := reentrantToken.abi.Unpack("lastCallbackOk", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLastCallbackResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e1fa29f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lastCallbackResult() view returns(bytes)
func (reentrantToken *ReentrantToken) PackLastCallbackResult() []byte {
	enc, err := reentrantToken.abi.Pack("lastCallbackResult")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLastCallbackResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e1fa29f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lastCallbackResult() view returns(bytes)
func (reentrantToken *ReentrantToken) TryPackLastCallbackResult() ([]byte, error) {
	return reentrantToken.abi.Pack("lastCallbackResult")
}

// UnpackLastCallbackResult is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0e1fa29f.
//
// Solidity: function lastCallbackResult() view returns(bytes)
func (reentrantToken *ReentrantToken) UnpackLastCallbackResult(data []byte) ([]byte, error) {
	out, err := reentrantToken.abi.Unpack("lastCallbackResult", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to, uint256 value) returns()
func (reentrantToken *ReentrantToken) PackMint(to common.Address, value *big.Int) []byte {
	enc, err := reentrantToken.abi.Pack("mint", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to, uint256 value) returns()
func (reentrantToken *ReentrantToken) TryPackMint(to common.Address, value *big.Int) ([]byte, error) {
	return reentrantToken.abi.Pack("mint", to, value)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (reentrantToken *ReentrantToken) PackName() []byte {
	enc, err := reentrantToken.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (reentrantToken *ReentrantToken) TryPackName() ([]byte, error) {
	return reentrantToken.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (reentrantToken *ReentrantToken) UnpackName(data []byte) (string, error) {
	out, err := reentrantToken.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (reentrantToken *ReentrantToken) PackSymbol() []byte {
	enc, err := reentrantToken.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (reentrantToken *ReentrantToken) TryPackSymbol() ([]byte, error) {
	return reentrantToken.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (reentrantToken *ReentrantToken) UnpackSymbol(data []byte) (string, error) {
	out, err := reentrantToken.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTarget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4b83992.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function target() view returns(address)
func (reentrantToken *ReentrantToken) PackTarget() []byte {
	enc, err := reentrantToken.abi.Pack("target")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTarget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4b83992.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function target() view returns(address)
func (reentrantToken *ReentrantToken) TryPackTarget() ([]byte, error) {
	return reentrantToken.abi.Pack("target")
}

// UnpackTarget is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd4b83992.
//
// Solidity: function target() view returns(address)
func (reentrantToken *ReentrantToken) UnpackTarget(data []byte) (common.Address, error) {
	out, err := reentrantToken.abi.Unpack("target", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (reentrantToken *ReentrantToken) PackTotalSupply() []byte {
	enc, err := reentrantToken.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (reentrantToken *ReentrantToken) TryPackTotalSupply() ([]byte, error) {
	return reentrantToken.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (reentrantToken *ReentrantToken) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := reentrantToken.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (reentrantToken *ReentrantToken) PackTransfer(to common.Address, value *big.Int) []byte {
	enc, err := reentrantToken.abi.Pack("transfer", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (reentrantToken *ReentrantToken) TryPackTransfer(to common.Address, value *big.Int) ([]byte, error) {
	return reentrantToken.abi.Pack("transfer", to, value)
}

// UnpackTransfer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa9059cbb.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (reentrantToken *ReentrantToken) UnpackTransfer(data []byte) (bool, error) {
	out, err := reentrantToken.abi.Unpack("transfer", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (reentrantToken *ReentrantToken) PackTransferFrom(from common.Address, to common.Address, value *big.Int) []byte {
	enc, err := reentrantToken.abi.Pack("transferFrom", from, to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (reentrantToken *ReentrantToken) TryPackTransferFrom(from common.Address, to common.Address, value *big.Int) ([]byte, error) {
	return reentrantToken.abi.Pack("transferFrom", from, to, value)
}

// UnpackTransferFrom is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23b872dd.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (reentrantToken *ReentrantToken) UnpackTransferFrom(data []byte) (bool, error) {
	out, err := reentrantToken.abi.Unpack("transferFrom", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// ReentrantTokenApproval represents a Approval event raised by the ReentrantToken contract.
type ReentrantTokenApproval struct {
	Owner   common.Address
	Spender common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const ReentrantTokenApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (ReentrantTokenApproval) ContractEventName() string {
	return ReentrantTokenApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed spender, uint256 value)
func (reentrantToken *ReentrantToken) UnpackApprovalEvent(log *types.Log) (*ReentrantTokenApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != reentrantToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ReentrantTokenApproval)
	if len(log.Data) > 0 {
		if err := reentrantToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range reentrantToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ReentrantTokenTransfer represents a Transfer event raised by the ReentrantToken contract.
type ReentrantTokenTransfer struct {
	From  common.Address
	To    common.Address
	Value *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const ReentrantTokenTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (ReentrantTokenTransfer) ContractEventName() string {
	return ReentrantTokenTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 value)
func (reentrantToken *ReentrantToken) UnpackTransferEvent(log *types.Log) (*ReentrantTokenTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != reentrantToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ReentrantTokenTransfer)
	if len(log.Data) > 0 {
		if err := reentrantToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range reentrantToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (reentrantToken *ReentrantToken) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], reentrantToken.abi.Errors["InsufficientAllowance"].ID.Bytes()[:4]) {
		return reentrantToken.UnpackInsufficientAllowanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], reentrantToken.abi.Errors["InsufficientBalance"].ID.Bytes()[:4]) {
		return reentrantToken.UnpackInsufficientBalanceError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// ReentrantTokenInsufficientAllowance represents a InsufficientAllowance error raised by the ReentrantToken contract.
type ReentrantTokenInsufficientAllowance struct {
	Owner     common.Address
	Spender   common.Address
	Allowance *big.Int
	Needed    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed)
func ReentrantTokenInsufficientAllowanceErrorID() common.Hash {
	return common.HexToHash("0x91beda2419c8769f0c545a44607943b78700547e886f90b5189cc0e609a996c4")
}

// UnpackInsufficientAllowanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed)
func (reentrantToken *ReentrantToken) UnpackInsufficientAllowanceError(raw []byte) (*ReentrantTokenInsufficientAllowance, error) {
	out := new(ReentrantTokenInsufficientAllowance)
	if err := reentrantToken.abi.UnpackIntoInterface(out, "InsufficientAllowance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ReentrantTokenInsufficientBalance represents a InsufficientBalance error raised by the ReentrantToken contract.
type ReentrantTokenInsufficientBalance struct {
	Account common.Address
	Balance *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientBalance(address account, uint256 balance, uint256 needed)
func ReentrantTokenInsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xdb42144d928cd19733b9dfeead8bc02ed403845c274e06a6eee0944fb25ca5c4")
}

// UnpackInsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientBalance(address account, uint256 balance, uint256 needed)
func (reentrantToken *ReentrantToken) UnpackInsufficientBalanceError(raw []byte) (*ReentrantTokenInsufficientBalance, error) {
	out := new(ReentrantTokenInsufficientBalance)
	if err := reentrantToken.abi.UnpackIntoInterface(out, "InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestTokenMetaData contains all meta data concerning the TestToken contract.
var TestTokenMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"string\",\"name\":\"name_\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"symbol_\",\"type\":\"string\"},{\"internalType\":\"uint8\",\"name\":\"decimals_\",\"type\":\"uint8\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"allowance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientAllowance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"allowance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transfer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "TestToken",
	Bin: "0x60a06040523461034157610d798038038061001981610345565b9283398101906060818303126103415780516001600160401b038111610341578261004591830161036a565b60208201519092906001600160401b0381116103415760409161006991840161036a565b91015160ff811681036103415782516001600160401b03811161024a575f54600181811c91168015610337575b602082101461022c57601f81116102ca575b506020601f821160011461026957819293945f9261025e575b50508160011b915f199060031b1c1916175f555b81516001600160401b03811161024a57600154600181811c91168015610240575b602082101461022c57601f81116101be575b50602092601f821160011461015d57928192935f92610152575b50508160011b915f199060031b1c1916176001555b6080526040516109bd90816103bc82396080518161049b0152f35b015190505f80610122565b601f1982169360015f52805f20915f5b8681106101a6575083600195961061018e575b505050811b01600155610137565b01515f1960f88460031b161c191690555f8080610180565b9192602060018192868501518155019401920161016d565b818111156101085760015f52601f820160051c7fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf660208410610224575b81601f9101920160051c03905f5b828110610217575050610108565b5f82820155600101610209565b5f91506101fb565b634e487b7160e01b5f52602260045260245ffd5b90607f16906100f6565b634e487b7160e01b5f52604160045260245ffd5b015190505f806100c1565b601f198216905f8052805f20915f5b8181106102b25750958360019596971061029a575b505050811b015f556100d5565b01515f1960f88460031b161c191690555f808061028d565b9192602060018192868b015181550194019201610278565b818111156100a8575f8052601f820160051c7f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e5636020841061032f575b81601f9101920160051c03905f5b8281106103225750506100a8565b5f82820155600101610314565b5f9150610306565b90607f1690610096565b5f80fd5b6040519190601f01601f191682016001600160401b0381118382101761024a57604052565b81601f82011215610341578051906001600160401b03821161024a57610399601f8301601f1916602001610345565b928284526020838301011161034157815f9260208093018386015e830101529056fe60806040526004361015610011575f80fd5b5f3560e01c806306fdde03146105f2578063095ea7b31461054f57806318160ddd1461051457806323b872dd146104bf578063313ce5671461046457806340c10f19146103be57806370a082311461035b57806395d89b4114610166578063a9059cbb146101175763dd62ed3e14610087575f80fd5b346101135760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610113576100be61076d565b73ffffffffffffffffffffffffffffffffffffffff6100db610790565b91165f52600460205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52602052602060405f2054604051908152f35b5f80fd5b346101135760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101135761015b61015161076d565b60243590336108ec565b602060405160018152f35b34610113575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610113576040515f600154908160011c60018316928315610351575b6020821084146103245781855284939081156102c4575060011461024a575b5003601f017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe01681019067ffffffffffffffff82118183101761021d57604082905281906102199082610725565b0390f35b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b60015f90815291507fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf65b8183106102a857505081016020017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe06101cb565b6020919350806001915483858801015201910190918392610274565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff001660208581019190915291151560051b840190910191507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe090506101cb565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b90607f16906101ac565b346101135760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101135773ffffffffffffffffffffffffffffffffffffffff6103a761076d565b165f526003602052602060405f2054604051908152f35b346101135760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610113576103f561076d565b5f7fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef602073ffffffffffffffffffffffffffffffffffffffff6024359461043e866002546108df565b600255169384845260038252604084206104598282546108df565b9055604051908152a3005b34610113575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261011357602060405160ff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b346101135760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101135761015b6104f961076d565b610501610790565b6044359161050f83826107ed565b6108ec565b34610113575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610113576020600254604051908152f35b346101135760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101135761058661076d565b73ffffffffffffffffffffffffffffffffffffffff60243591335f52600460205260405f208282165f526020528260405f205560405192835216907f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560203392a3602060405160018152f35b34610113575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610113576040515f5f54908160011c6001831692831561071b575b6020821084146103245781855284939081156102c457506001146106a3575003601f017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe01681019067ffffffffffffffff82118183101761021d57604082905281906102199082610725565b5f80805291507f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e5635b8183106106ff57505081016020017fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe06101cb565b60209193508060019154838588010152019101909183926106cb565b90607f1690610637565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f602060409481855280519182918282880152018686015e5f8582860101520116010190565b6004359073ffffffffffffffffffffffffffffffffffffffff8216820361011357565b6024359073ffffffffffffffffffffffffffffffffffffffff8216820361011357565b919082039182116107c057565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b73ffffffffffffffffffffffffffffffffffffffff1690815f52600460205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260405f20547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff81146108da578181106108985790610869916107b3565b905f52600460205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260405f2055565b60849350604051927f91beda24000000000000000000000000000000000000000000000000000000008452600484015233602484015260448301526064820152fd5b505050565b919082018092116107c057565b73ffffffffffffffffffffffffffffffffffffffff1690815f52600360205260405f20548381106109895773ffffffffffffffffffffffffffffffffffffffff7fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef9261095a866020946107b3565b855f526003845260405f20551693845f526003825260405f2061097e8282546108df565b9055604051908152a3565b9190507fdb42144d000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd",
}

// TestToken is an auto generated Go binding around an Ethereum contract.
type TestToken struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *TestToken) GetABI() abi.ABI {
	return c.abi
}

// NewTestToken creates a new instance of TestToken.
func NewTestToken() *TestToken {
	parsed, err := TestTokenMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &TestToken{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *TestToken) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(string name_, string symbol_, uint8 decimals_) returns()
func (testToken *TestToken) PackConstructor(name_ string, symbol_ string, decimals_ uint8) []byte {
	enc, err := testToken.abi.Pack("", name_, symbol_, decimals_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (testToken *TestToken) PackAllowance(arg0 common.Address, arg1 common.Address) []byte {
	enc, err := testToken.abi.Pack("allowance", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (testToken *TestToken) TryPackAllowance(arg0 common.Address, arg1 common.Address) ([]byte, error) {
	return testToken.abi.Pack("allowance", arg0, arg1)
}

// UnpackAllowance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd62ed3e.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (testToken *TestToken) UnpackAllowance(data []byte) (*big.Int, error) {
	out, err := testToken.abi.Unpack("allowance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (testToken *TestToken) PackApprove(spender common.Address, value *big.Int) []byte {
	enc, err := testToken.abi.Pack("approve", spender, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (testToken *TestToken) TryPackApprove(spender common.Address, value *big.Int) ([]byte, error) {
	return testToken.abi.Pack("approve", spender, value)
}

// UnpackApprove is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x095ea7b3.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (testToken *TestToken) UnpackApprove(data []byte) (bool, error) {
	out, err := testToken.abi.Unpack("approve", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (testToken *TestToken) PackBalanceOf(arg0 common.Address) []byte {
	enc, err := testToken.abi.Pack("balanceOf", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (testToken *TestToken) TryPackBalanceOf(arg0 common.Address) ([]byte, error) {
	return testToken.abi.Pack("balanceOf", arg0)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (testToken *TestToken) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := testToken.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() view returns(uint8)
func (testToken *TestToken) PackDecimals() []byte {
	enc, err := testToken.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() view returns(uint8)
func (testToken *TestToken) TryPackDecimals() ([]byte, error) {
	return testToken.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() view returns(uint8)
func (testToken *TestToken) UnpackDecimals(data []byte) (uint8, error) {
	out, err := testToken.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to, uint256 value) returns()
func (testToken *TestToken) PackMint(to common.Address, value *big.Int) []byte {
	enc, err := testToken.abi.Pack("mint", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to, uint256 value) returns()
func (testToken *TestToken) TryPackMint(to common.Address, value *big.Int) ([]byte, error) {
	return testToken.abi.Pack("mint", to, value)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (testToken *TestToken) PackName() []byte {
	enc, err := testToken.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (testToken *TestToken) TryPackName() ([]byte, error) {
	return testToken.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (testToken *TestToken) UnpackName(data []byte) (string, error) {
	out, err := testToken.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (testToken *TestToken) PackSymbol() []byte {
	enc, err := testToken.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (testToken *TestToken) TryPackSymbol() ([]byte, error) {
	return testToken.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (testToken *TestToken) UnpackSymbol(data []byte) (string, error) {
	out, err := testToken.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (testToken *TestToken) PackTotalSupply() []byte {
	enc, err := testToken.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (testToken *TestToken) TryPackTotalSupply() ([]byte, error) {
	return testToken.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (testToken *TestToken) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := testToken.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (testToken *TestToken) PackTransfer(to common.Address, value *big.Int) []byte {
	enc, err := testToken.abi.Pack("transfer", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (testToken *TestToken) TryPackTransfer(to common.Address, value *big.Int) ([]byte, error) {
	return testToken.abi.Pack("transfer", to, value)
}

// UnpackTransfer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa9059cbb.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (testToken *TestToken) UnpackTransfer(data []byte) (bool, error) {
	out, err := testToken.abi.Unpack("transfer", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (testToken *TestToken) PackTransferFrom(from common.Address, to common.Address, value *big.Int) []byte {
	enc, err := testToken.abi.Pack("transferFrom", from, to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (testToken *TestToken) TryPackTransferFrom(from common.Address, to common.Address, value *big.Int) ([]byte, error) {
	return testToken.abi.Pack("transferFrom", from, to, value)
}

// UnpackTransferFrom is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23b872dd.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (testToken *TestToken) UnpackTransferFrom(data []byte) (bool, error) {
	out, err := testToken.abi.Unpack("transferFrom", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// TestTokenApproval represents a Approval event raised by the TestToken contract.
type TestTokenApproval struct {
	Owner   common.Address
	Spender common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const TestTokenApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (TestTokenApproval) ContractEventName() string {
	return TestTokenApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed spender, uint256 value)
func (testToken *TestToken) UnpackApprovalEvent(log *types.Log) (*TestTokenApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestTokenApproval)
	if len(log.Data) > 0 {
		if err := testToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// TestTokenTransfer represents a Transfer event raised by the TestToken contract.
type TestTokenTransfer struct {
	From  common.Address
	To    common.Address
	Value *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const TestTokenTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (TestTokenTransfer) ContractEventName() string {
	return TestTokenTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 value)
func (testToken *TestToken) UnpackTransferEvent(log *types.Log) (*TestTokenTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestTokenTransfer)
	if len(log.Data) > 0 {
		if err := testToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testToken.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (testToken *TestToken) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], testToken.abi.Errors["InsufficientAllowance"].ID.Bytes()[:4]) {
		return testToken.UnpackInsufficientAllowanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], testToken.abi.Errors["InsufficientBalance"].ID.Bytes()[:4]) {
		return testToken.UnpackInsufficientBalanceError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// TestTokenInsufficientAllowance represents a InsufficientAllowance error raised by the TestToken contract.
type TestTokenInsufficientAllowance struct {
	Owner     common.Address
	Spender   common.Address
	Allowance *big.Int
	Needed    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed)
func TestTokenInsufficientAllowanceErrorID() common.Hash {
	return common.HexToHash("0x91beda2419c8769f0c545a44607943b78700547e886f90b5189cc0e609a996c4")
}

// UnpackInsufficientAllowanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed)
func (testToken *TestToken) UnpackInsufficientAllowanceError(raw []byte) (*TestTokenInsufficientAllowance, error) {
	out := new(TestTokenInsufficientAllowance)
	if err := testToken.abi.UnpackIntoInterface(out, "InsufficientAllowance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// TestTokenInsufficientBalance represents a InsufficientBalance error raised by the TestToken contract.
type TestTokenInsufficientBalance struct {
	Account common.Address
	Balance *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientBalance(address account, uint256 balance, uint256 needed)
func TestTokenInsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xdb42144d928cd19733b9dfeead8bc02ed403845c274e06a6eee0944fb25ca5c4")
}

// UnpackInsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientBalance(address account, uint256 balance, uint256 needed)
func (testToken *TestToken) UnpackInsufficientBalanceError(raw []byte) (*TestTokenInsufficientBalance, error) {
	out := new(TestTokenInsufficientBalance)
	if err := testToken.abi.UnpackIntoInterface(out, "InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedNativeMetaData contains all meta data concerning the WrappedNative contract.
var WrappedNativeMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"string\",\"name\":\"name_\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"symbol_\",\"type\":\"string\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"allowance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientAllowance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"NativeTransferFailed\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Deposit\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Withdrawal\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"allowance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"deposit\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transfer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "WrappedNative",
	Bin: "0x60a06040523461032f57610e938038038061001981610333565b92833981019060408183031261032f5780516001600160401b03811161032f5782610045918301610358565b60208201519092906001600160401b03811161032f576100659201610358565b81516001600160401b03811161023a575f54600181811c91168015610325575b602082101461021c57601f81116102b8575b50602092601f821160011461025957928192935f9261024e575b50508160011b915f199060031b1c1916175f555b80516001600160401b03811161023a57600154600181811c91168015610230575b602082101461021c57601f81116101ae575b50602091601f821160011461014e579181925f92610143575b50508160011b915f199060031b1c1916176001555b6012608052604051610ae990816103aa8239608051816103a20152f35b015190505f80610111565b601f1982169260015f52805f20915f5b8581106101965750836001951061017e575b505050811b01600155610126565b01515f1960f88460031b161c191690555f8080610170565b9192602060018192868501518155019401920161015e565b818111156100f85760015f52601f820160051c7fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf660208410610214575b81601f9101920160051c03905f5b8281106102075750506100f8565b5f828201556001016101f9565b5f91506101eb565b634e487b7160e01b5f52602260045260245ffd5b90607f16906100e6565b634e487b7160e01b5f52604160045260245ffd5b015190505f806100b1565b601f198216935f8052805f20915f5b8681106102a05750836001959610610288575b505050811b015f556100c5565b01515f1960f88460031b161c191690555f808061027b565b91926020600181928685015181550194019201610268565b81811115610097575f8052601f820160051c7f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e5636020841061031d575b81601f9101920160051c03905f5b828110610310575050610097565b5f82820155600101610302565b5f91506102f4565b90607f1690610085565b5f80fd5b6040519190601f01601f191682016001600160401b0381118382101761023a57604052565b81601f8201121561032f578051906001600160401b03821161023a57610387601f8301601f1916602001610333565b928284526020838301011161032f57815f9260208093018386015e830101529056fe60806040526004361015610022575b3615610018575f80fd5b61002061085c565b005b5f3560e01c806306fdde03146106b7578063095ea7b31461061457806318160ddd146105d957806323b872dd146105845780632e1a7d4d146103c6578063313ce5671461036b57806370a082311461030857806395d89b41146101af578063a9059cbb14610160578063d0e30db01461012f5763dd62ed3e0361000e573461012b5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b576100d6610816565b73ffffffffffffffffffffffffffffffffffffffff6100f3610839565b91165f52600460205273ffffffffffffffffffffffffffffffffffffffff60405f2091165f52602052602060405f2054604051908152f35b5f80fd5b5f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b5761002061085c565b3461012b5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b576101a461019a610816565b6024359033610a18565b602060405160018152f35b3461012b575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b576040515f6001548060011c906001811680156102fe575b6020831081146102d15782855290811561028f5750600114610231575b61022d836102218185038261078d565b604051918291826107ce565b0390f35b60015f9081527fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6939250905b80821061027557509091508101602001610221610211565b91926001816020925483858801015201910190929161025d565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff001660208086019190915291151560051b840190910191506102219050610211565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b91607f16916101f4565b3461012b5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b5773ffffffffffffffffffffffffffffffffffffffff610354610816565b165f526003602052602060405f2054604051908152f35b3461012b575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b57602060405160ff7f0000000000000000000000000000000000000000000000000000000000000000168152f35b3461012b5760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b57600435335f52600360205260405f20548180821061055157610416916108df565b335f52600360205260405f205561042f816002546108df565b6002555f6040518281527fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef60203392a36040518181527f7fcf532c15f0a6db0bd6d0e038bea71d30d808c7d98cb3bf7268a95bf5081b6560203392a25f80808084335af13d1561054c573d67ffffffffffffffff811161051f57604051906104df60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f840116018361078d565b81525f60203d92013e5b156104f057005b7fa5b05eec000000000000000000000000000000000000000000000000000000005f523360045260245260445ffd5b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b6104e9565b507fdb42144d000000000000000000000000000000000000000000000000000000005f523360045260245260445260645ffd5b3461012b5760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b576101a46105be610816565b6105c6610839565b604435916105d48382610919565b610a18565b3461012b575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b576020600254604051908152f35b3461012b5760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b5761064b610816565b73ffffffffffffffffffffffffffffffffffffffff60243591335f52600460205260405f208282165f526020528260405f205560405192835216907f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560203392a3602060405160018152f35b3461012b575f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012b576040515f5f548060011c90600181168015610783575b6020831081146102d15782855290811561028f57506001146107275761022d836102218185038261078d565b5f8080527f290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563939250905b80821061076957509091508101602001610221610211565b919260018160209254838588010152019101909291610751565b91607f16916106fb565b90601f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0910116810190811067ffffffffffffffff82111761051f57604052565b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f602060409481855280519182918282880152018686015e5f8582860101520116010190565b6004359073ffffffffffffffffffffffffffffffffffffffff8216820361012b57565b6024359073ffffffffffffffffffffffffffffffffffffffff8216820361012b57565b61086834600254610a0b565b600255335f52600360205260405f20610882348254610a0b565b90556040513481525f7fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef60203393a36040513481527fe1fffcc4923d04b559f4d29a8bfc6cda04eb5b0d3c460751c2402c5c5cc9109c60203392a2565b919082039182116108ec57565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b73ffffffffffffffffffffffffffffffffffffffff1690815f52600460205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260405f20547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8114610a06578181106109c45790610995916108df565b905f52600460205260405f2073ffffffffffffffffffffffffffffffffffffffff33165f5260205260405f2055565b60849350604051927f91beda24000000000000000000000000000000000000000000000000000000008452600484015233602484015260448301526064820152fd5b505050565b919082018092116108ec57565b73ffffffffffffffffffffffffffffffffffffffff1690815f52600360205260405f2054838110610ab55773ffffffffffffffffffffffffffffffffffffffff7fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef92610a86866020946108df565b855f526003845260405f20551693845f526003825260405f20610aaa828254610a0b565b9055604051908152a3565b9190507fdb42144d000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd",
}

// WrappedNative is an auto generated Go binding around an Ethereum contract.
type WrappedNative struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *WrappedNative) GetABI() abi.ABI {
	return c.abi
}

// NewWrappedNative creates a new instance of WrappedNative.
func NewWrappedNative() *WrappedNative {
	parsed, err := WrappedNativeMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &WrappedNative{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *WrappedNative) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(string name_, string symbol_) returns()
func (wrappedNative *WrappedNative) PackConstructor(name_ string, symbol_ string) []byte {
	enc, err := wrappedNative.abi.Pack("", name_, symbol_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (wrappedNative *WrappedNative) PackAllowance(arg0 common.Address, arg1 common.Address) []byte {
	enc, err := wrappedNative.abi.Pack("allowance", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (wrappedNative *WrappedNative) TryPackAllowance(arg0 common.Address, arg1 common.Address) ([]byte, error) {
	return wrappedNative.abi.Pack("allowance", arg0, arg1)
}

// UnpackAllowance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd62ed3e.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (wrappedNative *WrappedNative) UnpackAllowance(data []byte) (*big.Int, error) {
	out, err := wrappedNative.abi.Unpack("allowance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (wrappedNative *WrappedNative) PackApprove(spender common.Address, value *big.Int) []byte {
	enc, err := wrappedNative.abi.Pack("approve", spender, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (wrappedNative *WrappedNative) TryPackApprove(spender common.Address, value *big.Int) ([]byte, error) {
	return wrappedNative.abi.Pack("approve", spender, value)
}

// UnpackApprove is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x095ea7b3.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (wrappedNative *WrappedNative) UnpackApprove(data []byte) (bool, error) {
	out, err := wrappedNative.abi.Unpack("approve", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (wrappedNative *WrappedNative) PackBalanceOf(arg0 common.Address) []byte {
	enc, err := wrappedNative.abi.Pack("balanceOf", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (wrappedNative *WrappedNative) TryPackBalanceOf(arg0 common.Address) ([]byte, error) {
	return wrappedNative.abi.Pack("balanceOf", arg0)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (wrappedNative *WrappedNative) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := wrappedNative.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() view returns(uint8)
func (wrappedNative *WrappedNative) PackDecimals() []byte {
	enc, err := wrappedNative.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() view returns(uint8)
func (wrappedNative *WrappedNative) TryPackDecimals() ([]byte, error) {
	return wrappedNative.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() view returns(uint8)
func (wrappedNative *WrappedNative) UnpackDecimals(data []byte) (uint8, error) {
	out, err := wrappedNative.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0e30db0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deposit() payable returns()
func (wrappedNative *WrappedNative) PackDeposit() []byte {
	enc, err := wrappedNative.abi.Pack("deposit")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0e30db0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deposit() payable returns()
func (wrappedNative *WrappedNative) TryPackDeposit() ([]byte, error) {
	return wrappedNative.abi.Pack("deposit")
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (wrappedNative *WrappedNative) PackName() []byte {
	enc, err := wrappedNative.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (wrappedNative *WrappedNative) TryPackName() ([]byte, error) {
	return wrappedNative.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (wrappedNative *WrappedNative) UnpackName(data []byte) (string, error) {
	out, err := wrappedNative.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (wrappedNative *WrappedNative) PackSymbol() []byte {
	enc, err := wrappedNative.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (wrappedNative *WrappedNative) TryPackSymbol() ([]byte, error) {
	return wrappedNative.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (wrappedNative *WrappedNative) UnpackSymbol(data []byte) (string, error) {
	out, err := wrappedNative.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (wrappedNative *WrappedNative) PackTotalSupply() []byte {
	enc, err := wrappedNative.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (wrappedNative *WrappedNative) TryPackTotalSupply() ([]byte, error) {
	return wrappedNative.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (wrappedNative *WrappedNative) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := wrappedNative.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (wrappedNative *WrappedNative) PackTransfer(to common.Address, value *big.Int) []byte {
	enc, err := wrappedNative.abi.Pack("transfer", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (wrappedNative *WrappedNative) TryPackTransfer(to common.Address, value *big.Int) ([]byte, error) {
	return wrappedNative.abi.Pack("transfer", to, value)
}

// UnpackTransfer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa9059cbb.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (wrappedNative *WrappedNative) UnpackTransfer(data []byte) (bool, error) {
	out, err := wrappedNative.abi.Unpack("transfer", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (wrappedNative *WrappedNative) PackTransferFrom(from common.Address, to common.Address, value *big.Int) []byte {
	enc, err := wrappedNative.abi.Pack("transferFrom", from, to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (wrappedNative *WrappedNative) TryPackTransferFrom(from common.Address, to common.Address, value *big.Int) ([]byte, error) {
	return wrappedNative.abi.Pack("transferFrom", from, to, value)
}

// UnpackTransferFrom is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23b872dd.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (wrappedNative *WrappedNative) UnpackTransferFrom(data []byte) (bool, error) {
	out, err := wrappedNative.abi.Unpack("transferFrom", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e1a7d4d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(uint256 value) returns()
func (wrappedNative *WrappedNative) PackWithdraw(value *big.Int) []byte {
	enc, err := wrappedNative.abi.Pack("withdraw", value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e1a7d4d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(uint256 value) returns()
func (wrappedNative *WrappedNative) TryPackWithdraw(value *big.Int) ([]byte, error) {
	return wrappedNative.abi.Pack("withdraw", value)
}

// WrappedNativeApproval represents a Approval event raised by the WrappedNative contract.
type WrappedNativeApproval struct {
	Owner   common.Address
	Spender common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const WrappedNativeApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (WrappedNativeApproval) ContractEventName() string {
	return WrappedNativeApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed spender, uint256 value)
func (wrappedNative *WrappedNative) UnpackApprovalEvent(log *types.Log) (*WrappedNativeApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedNative.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedNativeApproval)
	if len(log.Data) > 0 {
		if err := wrappedNative.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedNative.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// WrappedNativeDeposit represents a Deposit event raised by the WrappedNative contract.
type WrappedNativeDeposit struct {
	Account common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const WrappedNativeDepositEventName = "Deposit"

// ContractEventName returns the user-defined event name.
func (WrappedNativeDeposit) ContractEventName() string {
	return WrappedNativeDepositEventName
}

// UnpackDepositEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deposit(address indexed account, uint256 value)
func (wrappedNative *WrappedNative) UnpackDepositEvent(log *types.Log) (*WrappedNativeDeposit, error) {
	event := "Deposit"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedNative.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedNativeDeposit)
	if len(log.Data) > 0 {
		if err := wrappedNative.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedNative.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// WrappedNativeTransfer represents a Transfer event raised by the WrappedNative contract.
type WrappedNativeTransfer struct {
	From  common.Address
	To    common.Address
	Value *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const WrappedNativeTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (WrappedNativeTransfer) ContractEventName() string {
	return WrappedNativeTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 value)
func (wrappedNative *WrappedNative) UnpackTransferEvent(log *types.Log) (*WrappedNativeTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedNative.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedNativeTransfer)
	if len(log.Data) > 0 {
		if err := wrappedNative.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedNative.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// WrappedNativeWithdrawal represents a Withdrawal event raised by the WrappedNative contract.
type WrappedNativeWithdrawal struct {
	Account common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const WrappedNativeWithdrawalEventName = "Withdrawal"

// ContractEventName returns the user-defined event name.
func (WrappedNativeWithdrawal) ContractEventName() string {
	return WrappedNativeWithdrawalEventName
}

// UnpackWithdrawalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawal(address indexed account, uint256 value)
func (wrappedNative *WrappedNative) UnpackWithdrawalEvent(log *types.Log) (*WrappedNativeWithdrawal, error) {
	event := "Withdrawal"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedNative.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedNativeWithdrawal)
	if len(log.Data) > 0 {
		if err := wrappedNative.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedNative.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (wrappedNative *WrappedNative) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], wrappedNative.abi.Errors["InsufficientAllowance"].ID.Bytes()[:4]) {
		return wrappedNative.UnpackInsufficientAllowanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedNative.abi.Errors["InsufficientBalance"].ID.Bytes()[:4]) {
		return wrappedNative.UnpackInsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedNative.abi.Errors["NativeTransferFailed"].ID.Bytes()[:4]) {
		return wrappedNative.UnpackNativeTransferFailedError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// WrappedNativeInsufficientAllowance represents a InsufficientAllowance error raised by the WrappedNative contract.
type WrappedNativeInsufficientAllowance struct {
	Owner     common.Address
	Spender   common.Address
	Allowance *big.Int
	Needed    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed)
func WrappedNativeInsufficientAllowanceErrorID() common.Hash {
	return common.HexToHash("0x91beda2419c8769f0c545a44607943b78700547e886f90b5189cc0e609a996c4")
}

// UnpackInsufficientAllowanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed)
func (wrappedNative *WrappedNative) UnpackInsufficientAllowanceError(raw []byte) (*WrappedNativeInsufficientAllowance, error) {
	out := new(WrappedNativeInsufficientAllowance)
	if err := wrappedNative.abi.UnpackIntoInterface(out, "InsufficientAllowance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedNativeInsufficientBalance represents a InsufficientBalance error raised by the WrappedNative contract.
type WrappedNativeInsufficientBalance struct {
	Account common.Address
	Balance *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientBalance(address account, uint256 balance, uint256 needed)
func WrappedNativeInsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xdb42144d928cd19733b9dfeead8bc02ed403845c274e06a6eee0944fb25ca5c4")
}

// UnpackInsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientBalance(address account, uint256 balance, uint256 needed)
func (wrappedNative *WrappedNative) UnpackInsufficientBalanceError(raw []byte) (*WrappedNativeInsufficientBalance, error) {
	out := new(WrappedNativeInsufficientBalance)
	if err := wrappedNative.abi.UnpackIntoInterface(out, "InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedNativeNativeTransferFailed represents a NativeTransferFailed error raised by the WrappedNative contract.
type WrappedNativeNativeTransferFailed struct {
	To    common.Address
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NativeTransferFailed(address to, uint256 value)
func WrappedNativeNativeTransferFailedErrorID() common.Hash {
	return common.HexToHash("0xa5b05eec8040da65485bf3ab248b47c42271aa50a9234ed8f116e568dc285cc6")
}

// UnpackNativeTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NativeTransferFailed(address to, uint256 value)
func (wrappedNative *WrappedNative) UnpackNativeTransferFailedError(raw []byte) (*WrappedNativeNativeTransferFailed, error) {
	out := new(WrappedNativeNativeTransferFailed)
	if err := wrappedNative.abi.UnpackIntoInterface(out, "NativeTransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}
