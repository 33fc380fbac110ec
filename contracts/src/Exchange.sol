// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {SafeTransfer} from "./SafeTransfer.sol";

interface IERC20Balance {
    function balanceOf(address account) external view returns (uint256);
}

interface IWrappedNative {
    function deposit() external payable;
}

/// @title Exchange
/// @notice The ThaliumX vault and settlement contract, one per chain. Traders
/// deposit ERC-20 tokens (the native coin is wrapped on deposit); the
/// operator settles batches of trades between EIP-712 signed orders and
/// signed withdrawals; a trader who is ignored leaves through the escape
/// hatch (requestWithdrawal, then withdrawRequested after a delay).
/// @dev docs/CONTRACTS.md describes the batch format, the storage layout and
/// the roles. docs/PROTOCOL.md fixes the numbers, fees and EIP-712 types.
contract Exchange {
    using SafeTransfer for address;

    // ---------------------------------------------------------------------
    // Constants
    // ---------------------------------------------------------------------

    bytes32 public constant ORDER_TYPEHASH = keccak256(
        "Order(address trader,uint32 market,uint8 side,uint8 kind,uint8 timeInForce,bool postOnly,uint8 selfTradePrevention,uint64 price,uint64 triggerPrice,uint64 quantity,uint16 maxFeeBps,uint64 nonce,uint64 expiry)"
    );
    bytes32 public constant WITHDRAWAL_TYPEHASH =
        keccak256("Withdrawal(address trader,address token,uint256 amount,uint64 nonce,uint64 expiry)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("ThaliumX Exchange");
    bytes32 private constant VERSION_HASH = keccak256("1");

    /// @notice Half the secp256k1 group order; a signature with a larger s
    /// is rejected so that every signature has one valid form.
    uint256 public constant SECP256K1_HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// @notice Largest maker or taker fee a market can charge, in basis points.
    uint256 public constant MAX_FEE_BPS = 1_000;
    /// @notice Largest escape-hatch delay the owner can set, in blocks.
    uint256 public constant MAX_WITHDRAWAL_DELAY_BLOCKS = 1_000_000;
    /// @notice Largest cancel delay the owner can set, in seconds (7 days).
    uint256 public constant MAX_CANCEL_DELAY_SECONDS = 604_800;
    /// @notice Cancel delay of a new Exchange, in seconds (1 hour). An
    /// on-chain cancel must bind only after the node has seen it and
    /// settled every batch that already holds the order. On Ethereum, the
    /// slowest supported chain, the node's default wait of 12 confirmations
    /// takes about 144 seconds, and a batch settles within a few blocks
    /// unless gas prices spike. One hour leaves room for a congested chain
    /// and a few gas bumps. docs/OPERATORS.md says how to set it per chain.
    uint256 public constant DEFAULT_CANCEL_DELAY_SECONDS = 3_600;
    /// @notice Batch format version accepted by settle.
    uint8 public constant BATCH_VERSION = 1;

    uint256 private constant TIF_IOC = 2;
    uint256 private constant TIF_FOK = 3;
    uint256 private constant FILLED_MASK = 0xffffffffffffffff;
    uint256 private constant CANCELLED_FLAG = 1 << 255;
    uint256 private constant CANCEL_TIME_SHIFT = 64;
    uint256 private constant MIN_NONCE_MASK = 0xffffffffffffffff;
    uint256 private constant PENDING_NONCE_CANCEL_FLAG = 1 << 64;
    uint256 private constant HAS_CANCELS_FLAG = 1 << 127;
    uint256 private constant CACHED_WORD_SHIFT = 65;
    uint256 private constant CACHED_WORD_MASK = (1 << 62) - 1;
    uint256 private constant STAGE_BITS = 128;
    uint256 private constant STAGE_MASK = (1 << 128) - 1;
    uint256 private constant CACHED_BITS_SHIFT = 128;
    uint256 private constant REENTRANCY_SLOT = uint256(keccak256("thaliumx.exchange.reentrancy"));

    // Sizes in bytes of packed batch records, see docs/CONTRACTS.md.
    uint256 private constant HEADER_BYTES = 20;
    uint256 private constant ADDRESS_BYTES = 20;
    uint256 private constant MARKET_BYTES = 6;
    uint256 private constant ORDER_BYTES = 47;
    uint256 private constant TRADE_BYTES = 20;
    uint256 private constant SIGNATURE_BYTES = 65;
    uint256 private constant WITHDRAWAL_BYTES = 116;
    uint256 private constant REQUEST_BYTES = 3;

    // ---------------------------------------------------------------------
    // Storage
    // ---------------------------------------------------------------------

    /// @notice The wrapped native coin that depositNative credits.
    address public immutable wrappedNative;
    uint256 private immutable cachedChainId;
    bytes32 private immutable cachedDomainSeparator;

    // Slot 0, read by every settle: the operator, the last settled batch id,
    // the pause flag and the cancel delay.
    /// @notice The only account allowed to call settle.
    address public operator;
    /// @notice Id of the last settled batch. Invariant: the next batch must
    /// carry lastBatchId + 1.
    uint64 public lastBatchId;
    /// @notice While true, deposits and settle revert; the escape hatch and
    /// on-chain cancels keep working.
    bool public paused;
    /// @dev Seconds after a cancelOrder or cancelUpTo call before settle
    /// rejects the cancelled orders, read with cancelDelaySeconds(). It
    /// fits 24 bits because MAX_CANCEL_DELAY_SECONDS is below 2^24.
    uint24 private _cancelDelaySeconds;

    /// @notice The account that lists markets, sets roles and unpauses.
    address public owner;
    /// @notice The account that may accept ownership, set by transferOwnership.
    address public pendingOwner;

    // One slot: where fees go, the escape-hatch delay and the deposit counter.
    /// @notice The account whose internal balance receives all trading fees.
    address public feeRecipient;
    /// @notice Blocks a trader waits after requestWithdrawal before
    /// withdrawRequested works. A request keeps the delay in force when it
    /// was made.
    uint32 public withdrawalDelayBlocks;
    /// @notice Number of deposits so far; the id of the next deposit is
    /// depositCount + 1. Invariant: every Deposited event has a unique id.
    uint64 public depositCount;

    /// @notice Number of listed markets; market ids run from 1 to marketCount.
    uint32 public marketCount;

    /// @notice A listed market, packed in two slots.
    struct Market {
        address base;
        uint96 lotSize;
        address quote;
        uint64 quotePerTickLot;
        uint16 makerFeeBps;
        uint16 takerFeeBps;
    }

    /// @notice A pending escape-hatch withdrawal request, one slot.
    struct WithdrawalRequest {
        uint192 amount;
        uint64 unlockBlock;
    }

    mapping(uint32 marketId => Market) private _markets;
    /// @notice Tick size of each market in quote base units per whole base token.
    mapping(uint32 marketId => uint256) public tickSizes;
    /// @notice Tokens that belong to a listed market; only they can be deposited.
    mapping(address token => bool) public listedTokens;
    /// @notice Internal balances in token base units. Invariant: for every
    /// token, the sum over all accounts plus accruedFees[token] equals the
    /// tokens this contract received through deposits minus the tokens it
    /// sent out.
    mapping(address trader => mapping(address token => uint256)) public balances;
    /// @notice Trading fees that settle collected and collectFees has not
    /// yet credited to the fee recipient, in token base units. settle adds
    /// to this slot instead of the fee recipient's balance, which spares it
    /// the read of feeRecipient.
    mapping(address token => uint256) public accruedFees;
    /// @dev Per-trader state in one slot, so that an immediate order's
    /// nonce checks cost one storage access: bits 0-63 the binding
    /// cancelUpTo minimum nonce, bit 64 set while _pendingNonceCancels
    /// holds a stage, bits 65-126 the index of the cached nonce word (a
    /// 64-bit nonce has a word index below 2^57), bit 127 set once the
    /// trader has called cancelOrder, bits 128-255 the cached word: bit
    /// (nonce % 128) is set if immediate nonce (word * 128 + nonce % 128)
    /// is used. Invariant: the cached word only moves to higher indices;
    /// when it moves, its bits are written to _spilledNonceWords, which
    /// holds every other word.
    mapping(address trader => uint256) private _traderState;
    /// @dev Up to two cancelUpTo calls per trader that did not bind yet
    /// when cancelUpTo last folded them. Stage 0 is bits 0-127 and stage 1
    /// bits 128-255. A stage is the minimum nonce (low 64 bits) and the
    /// time from which it binds (next 64 bits, 0 for an empty stage), and
    /// stage 1, if set, has the higher nonce. settle only reads this slot.
    /// A stage whose time has come stays here, and the flag in
    /// _traderState stays set, until foldNonceCancels or the trader's next
    /// cancelUpTo folds it. Until then the trader's orders cost one more
    /// storage read per batch.
    mapping(address trader => uint256) private _pendingNonceCancels;
    /// @dev Used immediate-order nonces outside the cached word, 128 per word.
    mapping(address trader => mapping(uint256 word => uint256)) private _spilledNonceWords;
    /// @notice Used nonces of signed withdrawals, 256 per word: bit
    /// (nonce % 256) of word (nonce / 256).
    mapping(address trader => mapping(uint256 word => uint256)) public withdrawalNonceBitmap;
    /// @notice Fill record of each resting order: the filled quantity in lots
    /// in bits 0-63, the time from which a cancelOrder binds in bits 64-127
    /// and the cancelled flag in bit 255, set by cancelOrder.
    mapping(address trader => mapping(bytes32 orderHash => uint256)) public fillRecords;
    /// @notice Pending escape-hatch requests per trader and token.
    mapping(address trader => mapping(address token => WithdrawalRequest)) public withdrawalRequests;

    // ---------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------

    /// @notice A deposit of `amount` base units actually received, with a
    /// unique increasing id so that a watcher credits it exactly once.
    event Deposited(uint64 indexed depositId, address indexed trader, address indexed token, uint256 amount);
    /// @notice One event per settled batch.
    event BatchSettled(uint64 indexed batchId, uint256 orders, uint256 trades, uint256 withdrawals);
    /// @notice A withdrawal paid out, from a batch or the escape hatch.
    event Withdrawn(address indexed trader, address indexed token, uint256 amount);
    /// @notice A batch withdrawal the token refused to transfer; the amount
    /// went back to the trader's internal balance.
    event WithdrawalFailed(address indexed trader, address indexed token, uint256 amount);
    /// @notice An escape-hatch request that the operator must honour before
    /// `unlockBlock`, after which the trader may withdraw directly.
    event WithdrawalRequested(address indexed trader, address indexed token, uint256 amount, uint64 unlockBlock);
    /// @notice Accrued fees of `amount` credited to the fee recipient's
    /// internal balance.
    event FeesCollected(address indexed feeRecipient, address indexed token, uint256 amount);
    /// @notice A cancelOrder call; settle rejects the order from block
    /// timestamp `effectiveAt` on. A repeated call reports the earlier time.
    event OrderCancelled(address indexed trader, bytes32 indexed orderHash, uint64 effectiveAt);
    /// @notice A cancelUpTo call; settle rejects the trader's orders with a
    /// nonce below `minNonce` from block timestamp `effectiveAt` on.
    event NoncesCancelled(address indexed trader, uint64 minNonce, uint64 effectiveAt);
    event MarketListed(
        uint32 indexed marketId,
        address indexed base,
        address indexed quote,
        uint256 tickSize,
        uint256 lotSize,
        uint64 quotePerTickLot,
        uint16 makerFeeBps,
        uint16 takerFeeBps
    );
    event MarketFeesChanged(uint32 indexed marketId, uint16 makerFeeBps, uint16 takerFeeBps);
    event OperatorChanged(address indexed operator);
    event FeeRecipientChanged(address indexed feeRecipient);
    event WithdrawalDelayChanged(uint32 blocks);
    event CancelDelayChanged(uint32 delaySeconds);
    event PausedChanged(bool paused);
    event OwnershipTransferStarted(address indexed pendingOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    // ---------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------

    error NotOwner(address caller);
    error NotOperator(address caller);
    error NotPendingOwner(address caller);
    error IsPaused();
    error Reentrancy();
    error ZeroAddress();
    error InvalidFeeBps(uint256 feeBps, uint256 maxFeeBps);
    error InvalidWithdrawalDelay(uint256 blocks, uint256 maxBlocks);
    error InvalidCancelDelay(uint256 delaySeconds, uint256 maxSeconds);
    error InvalidMarket(address base, address quote, uint256 tickSize, uint256 lotSize, uint8 baseDecimals);
    error UnknownMarket(uint32 marketId);
    error TokenNotListed(address token);
    error ZeroAmount();
    error NothingReceived(address token);
    error NonceNotIncreasing(uint64 current, uint64 requested);
    error TooManyPendingNonceCancels(uint64 pendingMinNonce, uint64 effectiveAt);
    error AmountTooLarge(uint256 amount);
    error NoWithdrawalRequest(address trader, address token);
    error WithdrawalLocked(uint64 unlockBlock, uint256 currentBlock);

    error InvalidBatchVersion(uint8 version);
    error InvalidBatchId(uint64 batchId, uint64 expected);
    error InvalidBatchLength(uint256 length, uint256 expected);
    error IndexOutOfRange(uint256 index, uint256 count);
    error MarketTokenMismatch(uint32 marketId, address base, address quote);
    error InvalidOrderFlags(uint256 orderIndex, uint256 flags);
    error InvalidSignature(uint256 index);
    error HighS(uint256 index);
    error SignerMismatch(uint256 index, address signer, address trader);
    error SignatureRequired(uint256 orderIndex);
    error OrderExpired(uint256 orderIndex, uint64 expiry);
    error OrderNonceCancelled(uint256 orderIndex, uint64 nonce, uint64 minNonce);
    error OrderCancelledOnChain(uint256 orderIndex, bytes32 orderHash);
    error NonceAlreadyUsed(address trader, uint64 nonce);
    error OrderMismatch(uint256 tradeIndex);
    error PostOnlyTaker(uint256 tradeIndex);
    error InvalidTrade(uint256 tradeIndex);
    error PriceOutsideLimit(uint256 tradeIndex, uint64 price, uint64 limit);
    error FeeAboveMaximum(uint256 tradeIndex, uint256 feeBps, uint256 maxFeeBps);
    error Overfill(uint256 orderIndex, uint256 filled, uint64 quantity);
    error FillOrKillNotFilled(uint256 orderIndex, uint256 filled, uint64 quantity);
    error WithdrawalExpired(uint256 withdrawalIndex, uint64 expiry);
    error InsufficientBalance(address trader, address token, uint256 balance, uint256 needed);
    error BalanceOverflow(address trader, address token, uint256 balance, uint256 credit);

    // ---------------------------------------------------------------------
    // Construction, roles, pause
    // ---------------------------------------------------------------------

    constructor(address owner_, address operator_, address feeRecipient_, address wrappedNative_, uint32 delayBlocks) {
        if (owner_ == address(0) || operator_ == address(0) || feeRecipient_ == address(0)) {
            revert ZeroAddress();
        }
        if (wrappedNative_ == address(0)) {
            revert ZeroAddress();
        }
        if (delayBlocks == 0 || delayBlocks > MAX_WITHDRAWAL_DELAY_BLOCKS) {
            revert InvalidWithdrawalDelay(delayBlocks, MAX_WITHDRAWAL_DELAY_BLOCKS);
        }
        owner = owner_;
        operator = operator_;
        feeRecipient = feeRecipient_;
        wrappedNative = wrappedNative_;
        withdrawalDelayBlocks = delayBlocks;
        _cancelDelaySeconds = uint24(DEFAULT_CANCEL_DELAY_SECONDS);
        cachedChainId = block.chainid;
        cachedDomainSeparator = _buildDomainSeparator();
        emit OwnershipTransferred(address(0), owner_);
        emit OperatorChanged(operator_);
        emit FeeRecipientChanged(feeRecipient_);
        emit WithdrawalDelayChanged(delayBlocks);
        emit CancelDelayChanged(uint32(DEFAULT_CANCEL_DELAY_SECONDS));
    }

    modifier onlyOwner() {
        if (msg.sender != owner) {
            revert NotOwner(msg.sender);
        }
        _;
    }

    modifier whenNotPaused() {
        if (paused) {
            revert IsPaused();
        }
        _;
    }

    /// @dev A transient-storage lock (EIP-1153) shared by every function
    /// that moves tokens or changes balances.
    modifier nonReentrant() {
        uint256 slot = REENTRANCY_SLOT;
        uint256 locked;
        assembly ("memory-safe") {
            locked := tload(slot)
        }
        if (locked != 0) {
            revert Reentrancy();
        }
        assembly ("memory-safe") {
            tstore(slot, 1)
        }
        _;
        assembly ("memory-safe") {
            tstore(slot, 0)
        }
    }

    /// @notice Starts a two-step ownership transfer; `newOwner` calls acceptOwnership.
    function transferOwnership(address newOwner) external onlyOwner {
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(newOwner);
    }

    function acceptOwnership() external {
        if (msg.sender != pendingOwner) {
            revert NotPendingOwner(msg.sender);
        }
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }

    function setOperator(address operator_) external onlyOwner {
        if (operator_ == address(0)) {
            revert ZeroAddress();
        }
        operator = operator_;
        emit OperatorChanged(operator_);
    }

    /// @notice Sets the account that collectFees credits. Fees accrued
    /// before the change and collected after it go to the new recipient,
    /// so collect them first.
    function setFeeRecipient(address feeRecipient_) external onlyOwner {
        if (feeRecipient_ == address(0)) {
            revert ZeroAddress();
        }
        feeRecipient = feeRecipient_;
        emit FeeRecipientChanged(feeRecipient_);
    }

    /// @notice Sets the escape-hatch delay for requests made from now on.
    function setWithdrawalDelay(uint32 blocks) external onlyOwner {
        if (blocks == 0 || blocks > MAX_WITHDRAWAL_DELAY_BLOCKS) {
            revert InvalidWithdrawalDelay(blocks, MAX_WITHDRAWAL_DELAY_BLOCKS);
        }
        withdrawalDelayBlocks = blocks;
        emit WithdrawalDelayChanged(blocks);
    }

    /// @notice Sets the cancel delay, in seconds, for cancels made from now
    /// on. It must exceed the time the node needs to see a confirmed cancel
    /// and settle the batches that already hold the order; 0 makes cancels
    /// bind at once, so that one trader's cancel can revert a batch.
    function setCancelDelay(uint32 delaySeconds) external onlyOwner {
        if (delaySeconds > MAX_CANCEL_DELAY_SECONDS) {
            revert InvalidCancelDelay(delaySeconds, MAX_CANCEL_DELAY_SECONDS);
        }
        _cancelDelaySeconds = uint24(delaySeconds);
        emit CancelDelayChanged(delaySeconds);
    }

    /// @notice Returns the seconds after a cancelOrder or cancelUpTo call
    /// before settle rejects the cancelled orders. The node stops matching
    /// them as soon as it sees the confirmed event, so the delay only has
    /// to cover the batches that already hold them. A cancel keeps the
    /// time it was given when the delay changes later.
    function cancelDelaySeconds() external view returns (uint32) {
        return _cancelDelaySeconds;
    }

    /// @notice Stops deposits and settlement. The owner or the operator may
    /// pause; only the owner may unpause.
    function pause() external {
        if (msg.sender != owner && msg.sender != operator) {
            revert NotOperator(msg.sender);
        }
        paused = true;
        emit PausedChanged(true);
    }

    function unpause() external onlyOwner {
        paused = false;
        emit PausedChanged(false);
    }

    // ---------------------------------------------------------------------
    // Markets
    // ---------------------------------------------------------------------

    /// @notice Lists a market and returns its id. `tickSize` is in quote base
    /// units per whole base token per tick, `lotSize` in base base units per
    /// lot; `tickSize * lotSize / 10^baseDecimals` must be a whole number
    /// from 1 to 2^64-1 so that every fill's quote amount is an exact integer.
    function listMarket(
        address base,
        address quote,
        uint256 tickSize,
        uint256 lotSize,
        uint16 makerFeeBps,
        uint16 takerFeeBps
    ) external onlyOwner returns (uint32 marketId) {
        if (makerFeeBps > MAX_FEE_BPS || takerFeeBps > MAX_FEE_BPS) {
            revert InvalidFeeBps(makerFeeBps > takerFeeBps ? makerFeeBps : takerFeeBps, MAX_FEE_BPS);
        }
        uint8 baseDecimals = _decimals(base);
        uint64 perTickLot = _quotePerTickLot(base, quote, tickSize, lotSize, baseDecimals);

        marketId = ++marketCount;
        _markets[marketId] = Market({
            base: base,
            lotSize: uint96(lotSize),
            quote: quote,
            quotePerTickLot: perTickLot,
            makerFeeBps: makerFeeBps,
            takerFeeBps: takerFeeBps
        });
        tickSizes[marketId] = tickSize;
        listedTokens[base] = true;
        listedTokens[quote] = true;
        emit MarketListed(marketId, base, quote, tickSize, lotSize, perTickLot, makerFeeBps, takerFeeBps);
    }

    /// @notice Changes a market's fees. Orders whose signed maxFeeBps is
    /// below a new fee can no longer be filled in that role.
    function setMarketFees(uint32 marketId, uint16 makerFeeBps, uint16 takerFeeBps) external onlyOwner {
        if (makerFeeBps > MAX_FEE_BPS || takerFeeBps > MAX_FEE_BPS) {
            revert InvalidFeeBps(makerFeeBps > takerFeeBps ? makerFeeBps : takerFeeBps, MAX_FEE_BPS);
        }
        Market storage market = _markets[marketId];
        if (market.base == address(0)) {
            revert UnknownMarket(marketId);
        }
        market.makerFeeBps = makerFeeBps;
        market.takerFeeBps = takerFeeBps;
        emit MarketFeesChanged(marketId, makerFeeBps, takerFeeBps);
    }

    /// @notice Returns a listed market; base is the zero address for an unknown id.
    function markets(uint32 marketId) external view returns (Market memory) {
        return _markets[marketId];
    }

    function _quotePerTickLot(address base, address quote, uint256 tickSize, uint256 lotSize, uint8 baseDecimals)
        private
        pure
        returns (uint64)
    {
        bool valid = base != address(0) && quote != address(0) && base != quote && tickSize > 0 && lotSize > 0
            && lotSize <= type(uint96).max && tickSize <= type(uint128).max && baseDecimals <= 36;
        if (valid) {
            uint256 product = tickSize * lotSize;
            uint256 unit = 10 ** baseDecimals;
            uint256 perTickLot = product / unit;
            if (product % unit == 0 && perTickLot > 0 && perTickLot <= type(uint64).max) {
                return uint64(perTickLot);
            }
        }
        revert InvalidMarket(base, quote, tickSize, lotSize, baseDecimals);
    }

    function _decimals(address token) private view returns (uint8) {
        (bool ok, bytes memory result) = token.staticcall(abi.encodeWithSignature("decimals()"));
        if (!ok || result.length != 32) {
            revert InvalidMarket(token, address(0), 0, 0, 0);
        }
        uint256 value = abi.decode(result, (uint256));
        if (value > 36) {
            revert InvalidMarket(token, address(0), 0, 0, uint8(value > 255 ? 255 : value));
        }
        return uint8(value);
    }

    // ---------------------------------------------------------------------
    // Deposits
    // ---------------------------------------------------------------------

    /// @notice Deposits `amount` of a listed token from the caller, who must
    /// have approved it. Credits what the contract actually received, which
    /// is less than `amount` for a fee-on-transfer token.
    function deposit(address token, uint256 amount) external whenNotPaused nonReentrant {
        if (!listedTokens[token]) {
            revert TokenNotListed(token);
        }
        if (amount == 0) {
            revert ZeroAmount();
        }
        uint256 before = IERC20Balance(token).balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20Balance(token).balanceOf(address(this)) - before;
        if (received == 0) {
            revert NothingReceived(token);
        }
        _credit(msg.sender, token, received);
    }

    /// @notice Wraps msg.value into the wrapped native token and credits it.
    function depositNative() external payable whenNotPaused nonReentrant {
        if (msg.value == 0) {
            revert ZeroAmount();
        }
        if (!listedTokens[wrappedNative]) {
            revert TokenNotListed(wrappedNative);
        }
        IWrappedNative(wrappedNative).deposit{value: msg.value}();
        _credit(msg.sender, wrappedNative, msg.value);
    }

    function _credit(address trader, address token, uint256 amount) private {
        balances[trader][token] += amount;
        uint64 depositId = ++depositCount;
        emit Deposited(depositId, trader, token, amount);
    }

    // ---------------------------------------------------------------------
    // On-chain cancels
    // ---------------------------------------------------------------------

    /// @notice Cancels every order and immediate order of the caller with a
    /// nonce below `nonce`, from block timestamp now + cancelDelaySeconds
    /// on. `nonce` must exceed the binding and every pending minimum nonce.
    /// Up to two calls can wait for their time. A call that gets the same
    /// time as the latest pending one raises that one's nonce, and any
    /// other third call reverts with TooManyPendingNonceCancels until the
    /// first binds. Works while paused.
    function cancelUpTo(uint64 nonce) external {
        uint256 state = _traderState[msg.sender];
        uint64 binding = uint64(state);
        uint256 pending;
        if (state & PENDING_NONCE_CANCEL_FLAG != 0) {
            (binding, pending) = _foldNonceCancels(binding, _pendingNonceCancels[msg.sender]);
        }

        // Stages are kept in nonce order, so the last one has the highest.
        uint256 last = pending >> STAGE_BITS != 0 ? pending >> STAGE_BITS : pending;
        uint64 highest = last != 0 ? uint64(last) : binding;
        if (nonce <= highest) {
            revert NonceNotIncreasing(highest, nonce);
        }

        uint64 effectiveAt = uint64(block.timestamp) + _cancelDelaySeconds;
        uint256 stage = uint256(nonce) | (uint256(effectiveAt) << 64);
        if (pending == 0) {
            pending = stage;
        } else if (uint64(last >> 64) == effectiveAt) {
            // Same time as the latest stage: raising its nonce neither
            // delays nor hastens any cancel.
            pending = pending >> STAGE_BITS != 0 ? (pending & STAGE_MASK) | (stage << STAGE_BITS) : stage;
        } else if (pending >> STAGE_BITS == 0) {
            pending |= stage << STAGE_BITS;
        } else {
            revert TooManyPendingNonceCancels(uint64(pending), uint64(pending >> 64));
        }

        _pendingNonceCancels[msg.sender] = pending;
        _traderState[msg.sender] = (state & ~MIN_NONCE_MASK) | binding | PENDING_NONCE_CANCEL_FLAG;
        emit NoncesCancelled(msg.sender, nonce, effectiveAt);
    }

    /// @notice Moves the cancelUpTo calls of `trader` whose time has come
    /// into the binding minimum nonce. Once none waits, settle no longer
    /// reads them, which saves that trader's orders a storage read per
    /// batch. It changes no rule, so anyone may call it for any trader,
    /// also while paused.
    function foldNonceCancels(address trader) external {
        uint256 state = _traderState[trader];
        if (state & PENDING_NONCE_CANCEL_FLAG == 0) {
            return;
        }
        (uint64 binding, uint256 waiting) = _foldNonceCancels(uint64(state), _pendingNonceCancels[trader]);
        _pendingNonceCancels[trader] = waiting;
        state = (state & ~(MIN_NONCE_MASK | PENDING_NONCE_CANCEL_FLAG)) | binding;
        if (waiting != 0) {
            state |= PENDING_NONCE_CANCEL_FLAG;
        }
        _traderState[trader] = state;
    }

    /// @dev Applies the stages of `pending` whose time has come to the
    /// binding minimum nonce. Returns the new binding minimum and the
    /// stages still waiting, in nonce order from stage 0; a waiting stage
    /// at or below the new minimum is dropped because it cancels nothing
    /// more.
    function _foldNonceCancels(uint64 binding, uint256 pending)
        private
        view
        returns (uint64 newBinding, uint256 waiting)
    {
        newBinding = _bindingMinNonce(binding, pending);
        uint256 shift;
        for (uint256 i = 0; i < 2; i++) {
            uint256 stage = (pending >> (i * STAGE_BITS)) & STAGE_MASK;
            uint64 effectiveAt = uint64(stage >> 64);
            if (effectiveAt > block.timestamp && uint64(stage) > newBinding) {
                waiting |= stage << shift;
                shift += STAGE_BITS;
            }
        }
    }

    /// @dev Returns the minimum nonce that binds now: `binding` raised by
    /// every stage of `pending` whose time has come. The same rule as
    /// bindingMinNonce in _readOrders.
    function _bindingMinNonce(uint64 binding, uint256 pending) private view returns (uint64) {
        for (uint256 i = 0; i < 2; i++) {
            uint256 stage = (pending >> (i * STAGE_BITS)) & STAGE_MASK;
            uint64 effectiveAt = uint64(stage >> 64);
            if (effectiveAt != 0 && effectiveAt <= block.timestamp && uint64(stage) > binding) {
                binding = uint64(stage);
            }
        }
        return binding;
    }

    /// @notice Cancels the caller's order with EIP-712 digest `orderHash`
    /// from block timestamp now + cancelDelaySeconds on; settle rejects it
    /// from then on. A repeated call keeps the earlier time. Calling it for
    /// a hash the caller never signed has no effect on anyone else. Works
    /// while paused.
    function cancelOrder(bytes32 orderHash) external {
        uint256 record = fillRecords[msg.sender][orderHash];
        uint64 effectiveAt = uint64(block.timestamp) + _cancelDelaySeconds;
        if (record & CANCELLED_FLAG != 0) {
            uint64 recorded = uint64(record >> CANCEL_TIME_SHIFT);
            if (recorded < effectiveAt) {
                effectiveAt = recorded;
            }
        }
        fillRecords[msg.sender][orderHash] =
            (record & FILLED_MASK) | (uint256(effectiveAt) << CANCEL_TIME_SHIFT) | CANCELLED_FLAG;
        _traderState[msg.sender] |= HAS_CANCELS_FLAG;
        emit OrderCancelled(msg.sender, orderHash, effectiveAt);
    }

    /// @notice Returns the minimum nonce that binds now: settle rejects the
    /// orders of `trader` with a lower nonce. pendingNonceCancels lists the
    /// cancelUpTo calls still waiting for their time.
    function minNonce(address trader) external view returns (uint64) {
        uint256 state = _traderState[trader];
        if (state & PENDING_NONCE_CANCEL_FLAG == 0) {
            return uint64(state);
        }
        return _bindingMinNonce(uint64(state), _pendingNonceCancels[trader]);
    }

    /// @notice Returns the cancelUpTo calls of `trader` that do not bind
    /// yet, in nonce order: each minimum nonce with the block timestamp
    /// from which it binds. An absent stage is (0, 0).
    function pendingNonceCancels(address trader)
        external
        view
        returns (uint64 firstMinNonce, uint64 firstEffectiveAt, uint64 secondMinNonce, uint64 secondEffectiveAt)
    {
        uint256 state = _traderState[trader];
        if (state & PENDING_NONCE_CANCEL_FLAG == 0) {
            return (0, 0, 0, 0);
        }
        (, uint256 waiting) = _foldNonceCancels(uint64(state), _pendingNonceCancels[trader]);
        return (uint64(waiting), uint64(waiting >> 64), uint64(waiting >> 128), uint64(waiting >> 192));
    }

    /// @notice Returns the block timestamp from which settle rejects the
    /// order of `trader` with hash `orderHash`, or 0 if the trader never
    /// called cancelOrder for it.
    function orderCancelEffectiveAt(address trader, bytes32 orderHash) external view returns (uint64) {
        uint256 record = fillRecords[trader][orderHash];
        if (record & CANCELLED_FLAG == 0) {
            return 0;
        }
        return uint64(record >> CANCEL_TIME_SHIFT);
    }

    /// @notice Returns whether an immediate order (IOC, FOK) of `trader`
    /// with `nonce` has been settled, which makes the nonce unusable for
    /// immediate orders.
    function isImmediateNonceUsed(address trader, uint64 nonce) external view returns (bool) {
        uint256 state = _traderState[trader];
        uint256 word = nonce >> 7;
        uint256 bit = 1 << (nonce & 127);
        if (word == (state >> CACHED_WORD_SHIFT) & CACHED_WORD_MASK) {
            return (state >> CACHED_BITS_SHIFT) & bit != 0;
        }
        return _spilledNonceWords[trader][word] & bit != 0;
    }

    // ---------------------------------------------------------------------
    // Fees
    // ---------------------------------------------------------------------

    /// @notice Credits the fees accrued in `token` to the fee recipient's
    /// internal balance, from which it withdraws like any trader. Anyone may
    /// call it, also while paused. One base unit stays accrued, so that the
    /// next batch rewrites a nonzero slot (2,900 gas) rather than filling an
    /// empty one (20,000 gas). Returns the amount credited.
    function collectFees(address token) external returns (uint256 amount) {
        uint256 accrued = accruedFees[token];
        if (accrued <= 1) {
            return 0;
        }
        amount = accrued - 1;
        accruedFees[token] = 1;
        address recipient = feeRecipient;
        balances[recipient][token] += amount;
        emit FeesCollected(recipient, token, amount);
    }

    // ---------------------------------------------------------------------
    // Escape hatch
    // ---------------------------------------------------------------------

    /// @notice Asks the operator to withdraw `amount` of `token` for the
    /// caller. If no batch has paid it by the unlock block, the caller may
    /// call withdrawRequested. A new request replaces the previous one and
    /// restarts the delay; an amount of 0 withdraws the request. Works while
    /// paused.
    function requestWithdrawal(address token, uint256 amount) external nonReentrant {
        if (amount > type(uint192).max) {
            revert AmountTooLarge(amount);
        }
        uint64 unlockBlock = uint64(block.number) + withdrawalDelayBlocks;
        withdrawalRequests[msg.sender][token] = WithdrawalRequest(uint192(amount), unlockBlock);
        emit WithdrawalRequested(msg.sender, token, amount, unlockBlock);
    }

    /// @notice Pays the caller's pending request for `token` once its unlock
    /// block is reached: the requested amount, or the whole balance if that
    /// is smaller. Works while paused.
    function withdrawRequested(address token) external nonReentrant {
        WithdrawalRequest memory request = withdrawalRequests[msg.sender][token];
        if (request.amount == 0) {
            revert NoWithdrawalRequest(msg.sender, token);
        }
        if (block.number < request.unlockBlock) {
            revert WithdrawalLocked(request.unlockBlock, block.number);
        }
        delete withdrawalRequests[msg.sender][token];
        uint256 balance = balances[msg.sender][token];
        uint256 amount = request.amount < balance ? request.amount : balance;
        balances[msg.sender][token] = balance - amount;
        emit Withdrawn(msg.sender, token, amount);
        if (amount > 0) {
            token.safeTransfer(msg.sender, amount);
        }
    }

    // ---------------------------------------------------------------------
    // EIP-712
    // ---------------------------------------------------------------------

    /// @notice The EIP-712 domain separator for this contract on this chain.
    function domainSeparator() public view returns (bytes32) {
        if (block.chainid == cachedChainId) {
            return cachedDomainSeparator;
        }
        return _buildDomainSeparator();
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice An order as signed, for hashOrder and off-chain tools.
    struct Order {
        address trader;
        uint32 market;
        uint8 side;
        uint8 kind;
        uint8 timeInForce;
        bool postOnly;
        uint8 selfTradePrevention;
        uint64 price;
        uint64 triggerPrice;
        uint64 quantity;
        uint16 maxFeeBps;
        uint64 nonce;
        uint64 expiry;
    }

    /// @notice Returns the order hash (EIP-712 digest) of `order`.
    function hashOrder(Order calldata order) external view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(ORDER_TYPEHASH, order));
        return _digest(structHash);
    }

    /// @notice Returns the EIP-712 digest of a withdrawal.
    function hashWithdrawal(address trader, address token, uint256 amount, uint64 nonce, uint64 expiry)
        public
        view
        returns (bytes32)
    {
        return _digest(keccak256(abi.encode(WITHDRAWAL_TYPEHASH, trader, token, amount, nonce, expiry)));
    }

    function _digest(bytes32 structHash) private view returns (bytes32 digest) {
        bytes32 separator = domainSeparator();
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, hex"1901")
            mstore(add(ptr, 0x02), separator)
            mstore(add(ptr, 0x22), structHash)
            digest := keccak256(ptr, 0x42)
        }
    }

    /// @notice Returns the signer of `digest` for a 65-byte signature
    /// r ‖ s ‖ v, accepting v of 27/28 or 0/1 and rejecting a high s.
    /// Returns the zero address for an invalid signature.
    function recoverSigner(bytes32 digest, bytes calldata signature) external pure returns (address) {
        if (signature.length != SIGNATURE_BYTES) {
            return address(0);
        }
        (address signer, bool highS) = _recover(digest, _offset(signature));
        return highS ? address(0) : signer;
    }

    /// @dev Reads r ‖ s ‖ v at calldata offset `position` and recovers the signer.
    /// Returns highS = true, and no signer, for s above half the group order.
    function _recover(bytes32 digest, uint256 position) private pure returns (address signer, bool highS) {
        bytes32 r;
        bytes32 s;
        uint256 v;
        assembly ("memory-safe") {
            r := calldataload(position)
            s := calldataload(add(position, 32))
            v := byte(0, calldataload(add(position, 64)))
        }
        if (uint256(s) > SECP256K1_HALF_ORDER) {
            return (address(0), true);
        }
        if (v < 27) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            return (address(0), false);
        }
        signer = ecrecover(digest, uint8(v), r, s);
    }

    // ---------------------------------------------------------------------
    // Settlement
    // ---------------------------------------------------------------------

    // settle keeps the batch's markets and orders in raw memory records,
    // written and read with assembly so that the hot loops pay no array
    // bounds checks. The assembly uses the field offsets below as literals.
    //
    // Market record: 0x00 market id, 0x20 base token index, 0x40 quote
    // token index, 0x60 lotSize, 0x80 quotePerTickLot, 0xa0 makerFeeBps,
    // 0xc0 takerFeeBps.
    uint256 private constant MARKET_RECORD = 0xe0;
    // Order record: 0x00 the order's first 32 bytes of calldata as they
    // are (flags, trader index, market index, order bits, price, trigger
    // price, quantity, maxFeeBps and the first byte of the nonce; the
    // loops take fields out with shifts), 0x20 lots filled in this batch,
    // 0x40 storage slot of the fill record (0 for an immediate order whose
    // fill record was not read).
    uint256 private constant ORDER_RECORD = 0x60;

    /// @dev Where settle finds each part of a batch. Tables of addresses
    /// stay in calldata and are read by index; markets, orders, net
    /// balance changes and fees live in memory at the addresses below.
    struct Batch {
        uint64 id;
        // Calldata offsets: the batch, the next record to read, and the
        // trader and token tables (20 bytes per address).
        uint256 start;
        uint256 cursor;
        uint256 traders;
        uint256 tokens;
        uint256 traderCount;
        uint256 tokenCount;
        uint256 marketCount;
        uint256 orderCount;
        uint256 tradeCount;
        uint256 withdrawalCount;
        uint256 requestCount;
        // Memory addresses of marketCount market records and orderCount
        // order records.
        uint256 markets;
        uint256 orders;
        // Memory address of the net balance change (int256) per (trader,
        // token), at (traderIndex * tokenCount + tokenIndex) * 32.
        uint256 deltas;
        // Memory address of the fees collected per token index, added to
        // accruedFees.
        uint256 fees;
    }

    /// @notice Settles one batch of trades and withdrawals. Only the operator
    /// may call it, never while paused. The packed format is described in
    /// docs/CONTRACTS.md; every rule failure reverts the whole batch.
    function settle(bytes calldata batch) external whenNotPaused nonReentrant {
        if (msg.sender != operator) {
            revert NotOperator(msg.sender);
        }
        Batch memory b = _readHeader(batch);
        _readMarkets(b);
        _readOrders(b);
        _applyTrades(b);
        _finishOrders(b);
        Transfer[] memory payouts = new Transfer[](b.withdrawalCount + b.requestCount);
        _readWithdrawals(b, payouts);
        uint256 end = b.cursor + b.requestCount * REQUEST_BYTES;
        if (end - b.start != batch.length) {
            revert InvalidBatchLength(batch.length, end - b.start);
        }
        _applyDeltas(b);
        uint256 paid = _readRequests(b, payouts);
        lastBatchId = b.id;
        emit BatchSettled(b.id, b.orderCount, b.tradeCount, paid);
        _sendPayouts(payouts, paid);
    }

    function _offset(bytes calldata data) private pure returns (uint256 offset) {
        assembly ("memory-safe") {
            offset := data.offset
        }
    }

    /// @dev Returns the 32 bytes of calldata at `position`; bytes past the
    /// end of calldata read as zero.
    function _load(uint256 position) private pure returns (uint256 word) {
        assembly ("memory-safe") {
            word := calldataload(position)
        }
    }

    /// @dev Returns entry `index` of a calldata table of 20-byte addresses.
    function _addressAt(uint256 table, uint256 index) private pure returns (address) {
        unchecked {
            // index has at most 16 bits.
            return address(uint160(_load(table + index * ADDRESS_BYTES) >> 96));
        }
    }

    /// @dev Checks the version and the batch id, reads the counts of the
    /// 20-byte header and reserves the memory for the batch.
    function _readHeader(bytes calldata batch) private view returns (Batch memory b) {
        b.start = _offset(batch);
        uint256 word = _load(b.start);
        uint256 version = word >> 248;
        if (version != BATCH_VERSION) {
            revert InvalidBatchVersion(uint8(version));
        }
        b.id = uint64(word >> 184);
        if (b.id != lastBatchId + 1) {
            revert InvalidBatchId(b.id, lastBatchId + 1);
        }
        b.traderCount = (word >> 168) & 0xffff;
        b.tokenCount = (word >> 160) & 0xff;
        b.marketCount = (word >> 152) & 0xff;
        b.orderCount = (word >> 136) & 0xffff;
        b.tradeCount = (word >> 120) & 0xffff;
        b.withdrawalCount = (word >> 112) & 0xff;
        b.requestCount = (word >> 96) & 0xffff;

        // The counts have at most 16 bits and calldata offsets are far
        // below 2^64, so none of these sums or products can overflow.
        unchecked {
            b.traders = b.start + HEADER_BYTES;
            b.tokens = b.traders + b.traderCount * ADDRESS_BYTES;
            b.cursor = b.tokens + b.tokenCount * ADDRESS_BYTES;
            b.markets = _allocate(b.marketCount * MARKET_RECORD, false);
            b.orders = _allocate(b.orderCount * ORDER_RECORD, false);
            b.deltas = _allocate(b.traderCount * b.tokenCount * 32, true);
            b.fees = _allocate(b.tokenCount * 32, true);
        }
    }

    /// @dev Reserves `size` bytes of memory, zeroed if `zeroed` is set.
    function _allocate(uint256 size, bool zeroed) private pure returns (uint256 pointer) {
        assembly ("memory-safe") {
            pointer := mload(0x40)
            mstore(0x40, add(pointer, size))
            if zeroed {
                calldatacopy(pointer, calldatasize(), size)
            }
        }
    }

    function _index(uint256 index, uint256 count) private pure returns (uint256) {
        if (index >= count) {
            revert IndexOutOfRange(index, count);
        }
        return index;
    }

    /// @dev Reads the market table into market records, checking each
    /// entry's tokens against the stored market.
    function _readMarkets(Batch memory b) private view {
        uint256 position = b.cursor;
        for (uint256 i = 0; i < b.marketCount; i++) {
            uint256 word = _load(position);
            unchecked {
                position += MARKET_BYTES;
            }
            uint32 id = uint32(word >> 224);
            uint256 baseIndex = _index((word >> 216) & 0xff, b.tokenCount);
            uint256 quoteIndex = _index((word >> 208) & 0xff, b.tokenCount);
            Market memory stored = _markets[id];
            if (stored.base == address(0)) {
                revert UnknownMarket(id);
            }
            address base = _addressAt(b.tokens, baseIndex);
            address quote = _addressAt(b.tokens, quoteIndex);
            if (stored.base != base || stored.quote != quote) {
                revert MarketTokenMismatch(id, base, quote);
            }
            uint256 record;
            unchecked {
                record = b.markets + i * MARKET_RECORD;
            }
            uint256 lotSize = stored.lotSize;
            uint256 perTickLot = stored.quotePerTickLot;
            uint256 makerFeeBps = stored.makerFeeBps;
            uint256 takerFeeBps = stored.takerFeeBps;
            assembly ("memory-safe") {
                mstore(record, id)
                mstore(add(record, 0x20), baseIndex)
                mstore(add(record, 0x40), quoteIndex)
                mstore(add(record, 0x60), lotSize)
                mstore(add(record, 0x80), perTickLot)
                mstore(add(record, 0xa0), makerFeeBps)
                mstore(add(record, 0xc0), takerFeeBps)
            }
        }
        b.cursor = position;
    }

    // Reasons an order fails in _readOrders, turned into custom errors by
    // _revertOrder.
    uint256 private constant ORDER_OK = 0;
    uint256 private constant ORDER_FLAGS = 1;
    uint256 private constant ORDER_INDEX = 2;
    uint256 private constant ORDER_EXPIRED = 3;
    uint256 private constant ORDER_NONCE_CANCELLED = 4;
    uint256 private constant ORDER_CANCELLED = 5;
    uint256 private constant ORDER_NONCE_USED = 6;
    uint256 private constant ORDER_SIGNATURE_REQUIRED = 7;
    uint256 private constant ORDER_HIGH_S = 8;
    uint256 private constant ORDER_BAD_SIGNATURE = 9;
    uint256 private constant ORDER_SIGNER_MISMATCH = 10;

    // Order context: memory that _readOrders keeps for the whole loop.
    //   0x000 failure reason, 0x020 failed order index, 0x040 and 0x060
    //   the values the custom error reports;
    //   0x080 hashStruct(order) input, 14 words, the first one ORDER_TYPEHASH;
    //   0x240 EIP-712 digest input: "\x19\x01" in bytes 0x25e-0x25f, the
    //   domain separator at 0x260 and the struct hash at 0x280;
    //   0x2a0 ecrecover input, 4 words.
    uint256 private constant ORDER_CONTEXT = 0x320;

    /// @dev Decodes and verifies every order into its order record: flags
    /// and indices, expiry, the cancelUpTo nonce, on-chain cancels, replay
    /// of immediate orders and the signature. An order without a signature
    /// must be a resting order with filled lots in its fill record, which
    /// proves that an earlier batch verified its signature. The loop is assembly
    /// because it runs once per order. Each step writes a failure to the
    /// order context and the loop stops at the first one.
    function _readOrders(Batch memory b) private {
        uint256 context = _allocate(ORDER_CONTEXT, false);
        bytes32 typeHash = ORDER_TYPEHASH;
        bytes32 separator = domainSeparator();
        uint256 cursor = b.cursor;
        uint256 traderTable = b.traders;
        uint256 tradersInBatch = b.traderCount;
        uint256 marketMemory = b.markets;
        uint256 marketsInBatch = b.marketCount;
        uint256 orderMemory = b.orders;
        uint256 ordersInBatch = b.orderCount;
        assembly ("memory-safe") {
            function fail(ctx, reason, detailA, detailB) {
                mstore(ctx, reason)
                mstore(add(ctx, 0x40), detailA)
                mstore(add(ctx, 0x60), detailB)
            }

            // Checks the flags and indices of the 47-byte order at
            // `position`, decodes it into the hashStruct input and the
            // order record and returns its trader. Layout: flags (1),
            // trader index (2), market index (1), order bits (1), price
            // (8), trigger price (8), quantity (8), maxFeeBps (2), nonce
            // (8), expiry (8).
            function decodeOrder(ctx, position, record, traders, traderCount, marketRecords, marketCount) -> trader {
                let w0 := calldataload(position)
                let traderIndex := and(shr(232, w0), 0xffff)
                let marketIndex := and(shr(224, w0), 0xff)
                let bits := and(shr(216, w0), 0xff)
                if gt(shr(248, w0), 1) {
                    fail(ctx, 1, shr(248, w0), 0) // ORDER_FLAGS
                    leave
                }
                if eq(shr(6, bits), 3) {
                    fail(ctx, 1, bits, 0) // ORDER_FLAGS
                    leave
                }
                if iszero(lt(traderIndex, traderCount)) {
                    fail(ctx, 2, traderIndex, traderCount) // ORDER_INDEX
                    leave
                }
                if iszero(lt(marketIndex, marketCount)) {
                    fail(ctx, 2, marketIndex, marketCount) // ORDER_INDEX
                    leave
                }
                trader := shr(96, calldataload(add(traders, mul(traderIndex, ADDRESS_BYTES))))

                let input := add(ctx, 0x80)
                mstore(add(input, 0x20), trader)
                mstore(add(input, 0x40), mload(add(marketRecords, mul(marketIndex, MARKET_RECORD))))
                mstore(add(input, 0x60), and(bits, 1))
                mstore(add(input, 0x80), and(shr(1, bits), 3))
                mstore(add(input, 0xa0), and(shr(3, bits), 3))
                mstore(add(input, 0xc0), and(shr(5, bits), 1))
                mstore(add(input, 0xe0), shr(6, bits))
                mstore(add(input, 0x100), and(shr(152, w0), 0xffffffffffffffff))
                mstore(add(input, 0x120), and(shr(88, w0), 0xffffffffffffffff))
                mstore(add(input, 0x140), and(shr(24, w0), 0xffffffffffffffff))
                mstore(add(input, 0x160), and(shr(8, w0), 0xffff))
                let w1 := calldataload(add(position, 31))
                mstore(add(input, 0x180), shr(192, w1))
                mstore(add(input, 0x1a0), and(shr(128, w1), 0xffffffffffffffff))

                mstore(record, w0)
                mstore(add(record, 0x20), 0)
                mstore(add(record, 0x40), 0)
            }

            // Returns the minimum nonce of `trader` that binds now, like
            // _bindingMinNonce: `minimum` raised by each stage of
            // _pendingNonceCancels[trader] whose time has come.
            function bindingMinNonce(trader, minimum) -> binding {
                mstore(0x00, trader)
                mstore(0x20, _pendingNonceCancels.slot)
                let pending := sload(keccak256(0x00, 0x40))
                binding := minimum
                for { let shift := 0 } lt(shift, 256) { shift := add(shift, 128) } {
                    let stageNonce := and(shr(shift, pending), 0xffffffffffffffff)
                    let effectiveAt := and(shr(add(shift, 64), pending), 0xffffffffffffffff)
                    if and(iszero(iszero(effectiveAt)), iszero(lt(timestamp(), effectiveAt))) {
                        if gt(stageNonce, binding) {
                            binding := stageNonce
                        }
                    }
                }
            }

            // Checks the expiry, the cancelUpTo nonce and on-chain cancels
            // of the decoded order, marks an immediate order's nonce used,
            // and returns the fill record if it was read, without the
            // cancel fields. Stores the fill record's slot in the order
            // record. A cancel rejects the order only once its time has
            // come; until then the order settles as if never cancelled.
            function checkOrderState(ctx, trader, orderHash, record) -> fillRecord {
                let nonce := mload(add(ctx, 0x200))
                let expiry := mload(add(ctx, 0x220))
                if and(iszero(iszero(expiry)), gt(timestamp(), expiry)) {
                    fail(ctx, 3, expiry, 0) // ORDER_EXPIRED
                    leave
                }
                mstore(0x00, trader)
                mstore(0x20, _traderState.slot)
                let stateSlot := keccak256(0x00, 0x40)
                let state := sload(stateSlot)
                // Bits 0-64 are the binding minimum nonce and the flag of a
                // pending cancelUpTo. A set flag makes them exceed every
                // nonce, so only a trader with a pending cancelUpTo takes
                // this branch without failing, and only that trader pays
                // the read of _pendingNonceCancels.
                let minimum := and(state, 0x1ffffffffffffffff)
                if lt(nonce, minimum) {
                    if shr(64, minimum) {
                        minimum := bindingMinNonce(trader, and(minimum, 0xffffffffffffffff))
                    }
                    if lt(nonce, minimum) {
                        fail(ctx, 4, nonce, minimum) // ORDER_NONCE_CANCELLED
                        leave
                    }
                }

                // A resting order always needs its fill record; an immediate
                // order only when its trader has ever called cancelOrder.
                let immediate := gt(and(shr(219, mload(record)), 3), 1)
                if or(iszero(immediate), and(shr(127, state), 1)) {
                    // fillRecords[trader][orderHash] is at
                    // keccak256(orderHash, keccak256(trader, fillRecords.slot)).
                    mstore(0x00, trader)
                    mstore(0x20, fillRecords.slot)
                    mstore(0x20, keccak256(0x00, 0x40))
                    mstore(0x00, orderHash)
                    let fillSlot := keccak256(0x00, 0x40)
                    fillRecord := sload(fillSlot)
                    if shr(255, fillRecord) {
                        if iszero(lt(timestamp(), and(shr(64, fillRecord), 0xffffffffffffffff))) {
                            fail(ctx, 5, orderHash, 0) // ORDER_CANCELLED
                            leave
                        }
                        // Only the filled lots tell whether an earlier
                        // batch verified the order's signature.
                        fillRecord := and(fillRecord, 0xffffffffffffffff)
                    }
                    mstore(add(record, 0x40), fillSlot)
                }
                if immediate {
                    if iszero(useImmediateNonce(trader, stateSlot, state, nonce)) {
                        fail(ctx, 6, trader, nonce) // ORDER_NONCE_USED
                    }
                }
            }

            // Marks immediate nonce `nonce` of `trader` used, in the
            // layout that isImmediateNonceUsed reads. Returns 0 if it
            // already was. `state` is _traderState[trader], at `stateSlot`.
            function useImmediateNonce(trader, stateSlot, state, nonce) -> ok {
                let word := shr(7, nonce)
                let bit := shl(and(nonce, 127), 1)
                let cachedWord := and(shr(65, state), 0x3fffffffffffffff)
                let cachedBits := shr(128, state)
                if eq(word, cachedWord) {
                    if and(cachedBits, bit) {
                        leave
                    }
                    sstore(stateSlot, or(state, shl(128, bit)))
                    ok := 1
                    leave
                }
                // _spilledNonceWords[trader][word] is at
                // keccak256(word, keccak256(trader, _spilledNonceWords.slot)).
                mstore(0x00, trader)
                mstore(0x20, _spilledNonceWords.slot)
                mstore(0x20, keccak256(0x00, 0x40))
                if lt(word, cachedWord) {
                    mstore(0x00, word)
                    let slot := keccak256(0x00, 0x40)
                    let used := sload(slot)
                    if and(used, bit) {
                        leave
                    }
                    sstore(slot, or(used, bit))
                    ok := 1
                    leave
                }
                // Move the cache up to `word` and write the old cached word
                // out. The new word was never cached before, so it holds no
                // used nonce.
                if cachedBits {
                    mstore(0x00, cachedWord)
                    sstore(keccak256(0x00, 0x40), cachedBits)
                }
                // Keep the minimum nonce and the flags in bits 64 and 127.
                let kept := and(state, 0x8000000000000001ffffffffffffffff)
                sstore(stateSlot, or(kept, or(shl(65, word), shl(128, bit))))
                ok := 1
            }

            // Checks the 65-byte signature r ‖ s ‖ v at `position` over
            // `digest` like _verify: low s, v of 27/28 or 0/1, signer equal
            // to `trader`.
            function verifySignature(ctx, position, digest, trader) {
                let s := calldataload(add(position, 0x20))
                if gt(s, SECP256K1_HALF_ORDER) {
                    fail(ctx, 8, 0, 0) // ORDER_HIGH_S
                    leave
                }
                let v := byte(0, calldataload(add(position, 0x40)))
                if lt(v, 27) {
                    v := add(v, 27)
                }
                let input := add(ctx, 0x2a0)
                mstore(input, digest)
                mstore(add(input, 0x20), v)
                mstore(add(input, 0x40), calldataload(position))
                mstore(add(input, 0x60), s)
                // The ecrecover precompile returns no output for an invalid
                // signature (including v other than 27 and 28), which leaves
                // the zero written here.
                mstore(0x00, 0)
                pop(staticcall(gas(), 1, input, 0x80, 0x00, 0x20))
                let signer := mload(0x00)
                if iszero(signer) {
                    fail(ctx, 9, 0, 0) // ORDER_BAD_SIGNATURE
                    leave
                }
                if iszero(eq(signer, trader)) {
                    fail(ctx, 10, signer, trader) // ORDER_SIGNER_MISMATCH
                }
            }

            mstore(context, 0)
            mstore(add(context, 0x80), typeHash)
            mstore(add(context, 0x240), 0x1901)
            mstore(add(context, 0x260), separator)
            for { let i := 0 } lt(i, ordersInBatch) { i := add(i, 1) } {
                mstore(add(context, 0x20), i)
                let record := add(orderMemory, mul(i, ORDER_RECORD))
                let trader := decodeOrder(context, cursor, record, traderTable, tradersInBatch, marketMemory, marketsInBatch)
                if mload(context) {
                    break
                }
                mstore(add(context, 0x280), keccak256(add(context, 0x80), 0x1c0))
                let orderHash := keccak256(add(context, 0x25e), 0x42)
                let fillRecord := checkOrderState(context, trader, orderHash, record)
                if mload(context) {
                    break
                }
                let signed := shr(248, calldataload(cursor))
                cursor := add(cursor, ORDER_BYTES)
                if signed {
                    verifySignature(context, cursor, orderHash, trader)
                    if mload(context) {
                        break
                    }
                    cursor := add(cursor, SIGNATURE_BYTES)
                    continue
                }
                // Unsigned: only a resting order with filled lots.
                if or(gt(and(shr(219, mload(record)), 3), 1), iszero(fillRecord)) {
                    fail(context, 7, 0, 0) // ORDER_SIGNATURE_REQUIRED
                    break
                }
            }
        }
        uint256 failure;
        uint256 failedOrder;
        uint256 detailA;
        uint256 detailB;
        assembly ("memory-safe") {
            failure := mload(context)
            failedOrder := mload(add(context, 0x20))
            detailA := mload(add(context, 0x40))
            detailB := mload(add(context, 0x60))
        }
        if (failure != ORDER_OK) {
            _revertOrder(failure, failedOrder, detailA, detailB);
        }
        b.cursor = cursor;
    }

    function _revertOrder(uint256 failure, uint256 i, uint256 detailA, uint256 detailB) private pure {
        if (failure == ORDER_FLAGS) {
            revert InvalidOrderFlags(i, detailA);
        }
        if (failure == ORDER_INDEX) {
            revert IndexOutOfRange(detailA, detailB);
        }
        if (failure == ORDER_EXPIRED) {
            revert OrderExpired(i, uint64(detailA));
        }
        if (failure == ORDER_NONCE_CANCELLED) {
            revert OrderNonceCancelled(i, uint64(detailA), uint64(detailB));
        }
        if (failure == ORDER_CANCELLED) {
            revert OrderCancelledOnChain(i, bytes32(detailA));
        }
        if (failure == ORDER_NONCE_USED) {
            revert NonceAlreadyUsed(address(uint160(detailA)), uint64(detailB));
        }
        if (failure == ORDER_SIGNATURE_REQUIRED) {
            revert SignatureRequired(i);
        }
        if (failure == ORDER_HIGH_S) {
            revert HighS(i);
        }
        if (failure == ORDER_BAD_SIGNATURE) {
            revert InvalidSignature(i);
        }
        revert SignerMismatch(i, address(uint160(detailA)), address(uint160(detailB)));
    }

    /// @dev Verifies the 65-byte signature at calldata offset `position`
    /// over `digest`.
    function _verify(uint256 position, bytes32 digest, address trader, uint256 index) private pure {
        (address signer, bool highS) = _recover(digest, position);
        if (highS) {
            revert HighS(index);
        }
        if (signer == address(0)) {
            revert InvalidSignature(index);
        }
        if (signer != trader) {
            revert SignerMismatch(index, signer, trader);
        }
    }

    /// @dev Marks `nonce` used in `bitmap`, reverting if it already was.
    function _useNonce(mapping(uint256 => uint256) storage bitmap, address trader, uint64 nonce) private {
        uint256 word = nonce >> 8;
        uint256 bit = 1 << (nonce & 0xff);
        uint256 used = bitmap[word];
        if (used & bit != 0) {
            revert NonceAlreadyUsed(trader, nonce);
        }
        bitmap[word] = used | bit;
    }

    // Reasons a trade fails in _applyTrades, turned into custom errors by
    // _revertTrade.
    uint256 private constant TRADE_OK = 0;
    uint256 private constant TRADE_ZERO = 1;
    uint256 private constant TRADE_INDEX = 2;
    uint256 private constant TRADE_MISMATCH = 3;
    uint256 private constant TRADE_POST_ONLY = 4;
    uint256 private constant TRADE_FEE = 5;
    uint256 private constant TRADE_PRICE = 6;

    /// @dev Checks every trade against its two orders and nets its balance
    /// changes and fees. Prices are in ticks, quantities in lots. The loop
    /// is assembly because it runs once per trade; indices into the order
    /// records are checked here, and the trader, market and token indices
    /// inside the records were checked when the orders were decoded.
    /// Arithmetic is unchecked: a batch has at most 2^16 trades, so fills
    /// stay below 2^80 lots; base = q * lotSize < 2^160 and quote = p * q *
    /// perTickLot < 2^192, so each net change stays below 2^209 in size.
    /// Trades are applied before withdrawals, which use checked math.
    function _applyTrades(Batch memory b) private pure {
        uint256 cursor = b.cursor;
        uint256 tradeCount = b.tradeCount;
        uint256 orders = b.orders;
        uint256 orderCount = b.orderCount;
        uint256 tokenCount = b.tokenCount;
        uint256 marketRecords = b.markets;
        uint256 deltas = b.deltas;
        uint256 fees = b.fees;
        uint256 failure;
        uint256 failedTrade;
        uint256 detailA;
        uint256 detailB;
        assembly ("memory-safe") {
            for { let i := 0 } lt(i, tradeCount) { i := add(i, 1) } {
                let word := calldataload(add(cursor, mul(i, TRADE_BYTES)))
                let price := and(shr(160, word), 0xffffffffffffffff)
                let quantity := and(shr(96, word), 0xffffffffffffffff)
                failedTrade := i
                if or(iszero(price), iszero(quantity)) {
                    failure := 1 // TRADE_ZERO
                    break
                }
                let makerIndex := shr(240, word)
                let takerIndex := and(shr(224, word), 0xffff)
                if iszero(and(lt(makerIndex, orderCount), lt(takerIndex, orderCount))) {
                    failure := 2 // TRADE_INDEX
                    detailA := makerIndex
                    if lt(makerIndex, orderCount) { detailA := takerIndex }
                    detailB := orderCount
                    break
                }
                // Order words: see ORDER_RECORD for the fields and their bits.
                let maker := add(orders, mul(makerIndex, ORDER_RECORD))
                let taker := add(orders, mul(takerIndex, ORDER_RECORD))
                let makerWord := mload(maker)
                let takerWord := mload(taker)
                let difference := xor(makerWord, takerWord)
                // Same market index, opposite sides.
                if or(and(shr(224, difference), 0xff), iszero(and(shr(216, difference), 1))) {
                    failure := 3 // TRADE_MISMATCH
                    break
                }
                if and(shr(221, takerWord), 1) {
                    failure := 4 // TRADE_POST_ONLY
                    break
                }

                let m := add(marketRecords, mul(and(shr(224, makerWord), 0xff), MARKET_RECORD))
                let makerFeeBps := mload(add(m, 0xa0))
                let takerFeeBps := mload(add(m, 0xc0))
                if gt(makerFeeBps, and(shr(8, makerWord), 0xffff)) {
                    failure := 5 // TRADE_FEE
                    detailA := makerFeeBps
                    detailB := and(shr(8, makerWord), 0xffff)
                    break
                }
                if gt(takerFeeBps, and(shr(8, takerWord), 0xffff)) {
                    failure := 5 // TRADE_FEE
                    detailA := takerFeeBps
                    detailB := and(shr(8, takerWord), 0xffff)
                    break
                }
                let makerSells := and(shr(216, makerWord), 1)
                let buyerWord := makerWord
                let sellerWord := takerWord
                if makerSells {
                    buyerWord := takerWord
                    sellerWord := makerWord
                }
                if gt(price, and(shr(152, buyerWord), 0xffffffffffffffff)) {
                    failure := 6 // TRADE_PRICE
                    detailA := price
                    detailB := and(shr(152, buyerWord), 0xffffffffffffffff)
                    break
                }
                if lt(price, and(shr(152, sellerWord), 0xffffffffffffffff)) {
                    failure := 6 // TRADE_PRICE
                    detailA := price
                    detailB := and(shr(152, sellerWord), 0xffffffffffffffff)
                    break
                }

                mstore(add(maker, 0x20), add(mload(add(maker, 0x20)), quantity))
                mstore(add(taker, 0x20), add(mload(add(taker, 0x20)), quantity))
                let baseAmount := mul(quantity, mload(add(m, 0x60)))
                let quoteAmount := mul(mul(price, quantity), mload(add(m, 0x80)))
                let makerFee := div(mul(quoteAmount, makerFeeBps), 10000)
                let takerFee := div(mul(quoteAmount, takerFeeBps), 10000)
                let buyerFee := makerFee
                let sellerFee := takerFee
                if makerSells {
                    buyerFee := takerFee
                    sellerFee := makerFee
                }
                let baseIndex := mload(add(m, 0x20))
                let quoteIndex := mload(add(m, 0x40))
                let buyerRow := mul(and(shr(232, buyerWord), 0xffff), tokenCount)
                let sellerRow := mul(and(shr(232, sellerWord), 0xffff), tokenCount)
                let p := add(deltas, shl(5, add(buyerRow, baseIndex)))
                mstore(p, add(mload(p), baseAmount))
                p := add(deltas, shl(5, add(buyerRow, quoteIndex)))
                mstore(p, sub(mload(p), add(quoteAmount, buyerFee)))
                p := add(deltas, shl(5, add(sellerRow, baseIndex)))
                mstore(p, sub(mload(p), baseAmount))
                p := add(deltas, shl(5, add(sellerRow, quoteIndex)))
                mstore(p, add(mload(p), sub(quoteAmount, sellerFee)))
                p := add(fees, shl(5, quoteIndex))
                mstore(p, add(mload(p), add(makerFee, takerFee)))
            }
        }
        if (failure != TRADE_OK) {
            _revertTrade(failure, failedTrade, detailA, detailB);
        }
        b.cursor = cursor + tradeCount * TRADE_BYTES;
    }

    function _revertTrade(uint256 failure, uint256 i, uint256 detailA, uint256 detailB) private pure {
        if (failure == TRADE_ZERO) {
            revert InvalidTrade(i);
        }
        if (failure == TRADE_INDEX) {
            revert IndexOutOfRange(detailA, detailB);
        }
        if (failure == TRADE_MISMATCH) {
            revert OrderMismatch(i);
        }
        if (failure == TRADE_POST_ONLY) {
            revert PostOnlyTaker(i);
        }
        if (failure == TRADE_FEE) {
            revert FeeAboveMaximum(i, detailA, detailB);
        }
        revert PriceOutsideLimit(i, uint64(detailA), uint64(detailB));
    }

    /// @dev Checks every order's total fill against its signed quantity and
    /// writes the fill records of resting orders. The record is read again
    /// here, so an order listed twice in one batch is counted once per
    /// entry. Assembly, like _applyTrades. An order whose cancel does not
    /// bind yet gets here, so the write keeps the record's cancel fields.
    function _finishOrders(Batch memory b) private {
        uint256 orders = b.orders;
        uint256 orderCount = b.orderCount;
        uint256 failure;
        uint256 failedOrder;
        uint256 failedFilled;
        // The loop sets failedOrder and failedFilled only when it fails,
        // which keeps its stack small.
        assembly ("memory-safe") {
            for { let i := 0 } lt(i, orderCount) { i := add(i, 1) } {
                let record := add(orders, mul(i, ORDER_RECORD))
                let word := mload(record)
                let timeInForce := and(shr(219, word), 3)
                let filled := mload(add(record, 0x20))
                let quantity := and(shr(24, word), 0xffffffffffffffff)
                if gt(timeInForce, 1) {
                    if gt(filled, quantity) {
                        failure := 1 // Overfill
                        failedOrder := i
                        failedFilled := filled
                        break
                    }
                    if and(eq(timeInForce, 3), iszero(eq(filled, quantity))) {
                        failure := 2 // FillOrKillNotFilled
                        failedOrder := i
                        failedFilled := filled
                        break
                    }
                    continue
                }
                if iszero(filled) {
                    continue
                }
                // _readOrders stored the slot of fillRecords[trader][orderHash].
                let slot := mload(add(record, 0x40))
                let stored := sload(slot)
                let total := add(and(stored, 0xffffffffffffffff), filled)
                if gt(total, quantity) {
                    failure := 1 // Overfill
                    failedOrder := i
                    failedFilled := total
                    break
                }
                // total is below 2^64, so the addition keeps the record's
                // cancel fields.
                sstore(slot, add(stored, filled))
            }
        }
        if (failure == 0) {
            return;
        }
        uint256 failedQuantity;
        assembly ("memory-safe") {
            let word := mload(add(orders, mul(failedOrder, ORDER_RECORD)))
            failedQuantity := and(shr(24, word), 0xffffffffffffffff)
        }
        if (failure == 1) {
            revert Overfill(failedOrder, failedFilled, uint64(failedQuantity));
        }
        revert FillOrKillNotFilled(failedOrder, failedFilled, uint64(failedQuantity));
    }

    struct Transfer {
        address trader;
        address token;
        uint256 amount;
    }

    /// @dev Verifies the signed withdrawals, debits them from the net
    /// balance changes and records the transfers to make in `payouts`.
    function _readWithdrawals(Batch memory b, Transfer[] memory payouts) private {
        uint256 position = b.cursor;
        for (uint256 i = 0; i < b.withdrawalCount; i++) {
            uint256 word = _load(position);
            uint256 traderIndex = _index(word >> 240, b.traderCount);
            uint256 tokenIndex = _index((word >> 232) & 0xff, b.tokenCount);
            address trader = _addressAt(b.traders, traderIndex);
            address token = _addressAt(b.tokens, tokenIndex);
            uint256 amount = _load(position + 3);
            uint256 tail = _load(position + 35);
            uint64 nonce = uint64(tail >> 192);
            uint64 expiry = uint64(tail >> 128);
            position += WITHDRAWAL_BYTES - SIGNATURE_BYTES;
            if (expiry != 0 && block.timestamp > expiry) {
                revert WithdrawalExpired(i, expiry);
            }
            if (amount == 0 || amount > uint256(type(int256).max)) {
                revert AmountTooLarge(amount);
            }
            bytes32 digest = hashWithdrawal(trader, token, amount, nonce, expiry);
            _useNonce(withdrawalNonceBitmap[trader], trader, nonce);
            _verify(position, digest, trader, i);
            position += SIGNATURE_BYTES;
            _debit(b, traderIndex, tokenIndex, amount);
            payouts[i] = Transfer(trader, token, amount);
        }
        b.cursor = position;
    }

    /// @dev Subtracts `amount` (at most 2^255-1) from a net balance change,
    /// reverting on int256 overflow.
    function _debit(Batch memory b, uint256 traderIndex, uint256 tokenIndex, uint256 amount) private pure {
        uint256 cell = b.deltas + (traderIndex * b.tokenCount + tokenIndex) * 32;
        int256 delta;
        assembly ("memory-safe") {
            delta := mload(cell)
        }
        delta -= int256(amount);
        assembly ("memory-safe") {
            mstore(cell, delta)
        }
    }

    /// @dev Writes every nonzero net balance change and the fees, reverting
    /// if any balance would go below zero or above 2^256-1. The loop over
    /// (trader, token) cells is assembly, like _applyTrades.
    function _applyDeltas(Batch memory b) private {
        uint256 traders = b.traders;
        uint256 tokens = b.tokens;
        uint256 traderCount = b.traderCount;
        uint256 tokenCount = b.tokenCount;
        uint256 cell = b.deltas;
        uint256 failure;
        address failedTrader;
        address failedToken;
        uint256 failedBalance;
        uint256 failedAmount;
        assembly ("memory-safe") {
            for { let t := 0 } lt(t, traderCount) { t := add(t, 1) } {
                let trader := shr(96, calldataload(add(traders, mul(t, ADDRESS_BYTES))))
                mstore(0x00, trader)
                mstore(0x20, balances.slot)
                let traderSlot := keccak256(0x00, 0x40)
                for { let k := 0 } lt(k, tokenCount) { k := add(k, 1) } {
                    let delta := mload(cell)
                    cell := add(cell, 0x20)
                    if iszero(delta) {
                        continue
                    }
                    let token := shr(96, calldataload(add(tokens, mul(k, ADDRESS_BYTES))))
                    mstore(0x00, token)
                    mstore(0x20, traderSlot)
                    let slot := keccak256(0x00, 0x40)
                    let held := sload(slot)
                    let updated := add(held, delta)
                    // A debit must not exceed the balance, a credit must not wrap.
                    if xor(slt(delta, 0), lt(updated, held)) {
                        failure := 1
                        failedTrader := trader
                        failedToken := token
                        failedBalance := held
                        failedAmount := delta
                        break
                    }
                    sstore(slot, updated)
                }
                if failure {
                    break
                }
            }
        }
        if (failure != 0) {
            if (int256(failedAmount) < 0) {
                revert InsufficientBalance(failedTrader, failedToken, failedBalance, uint256(-int256(failedAmount)));
            }
            revert BalanceOverflow(failedTrader, failedToken, failedBalance, failedAmount);
        }

        uint256 fees = b.fees;
        for (uint256 k = 0; k < tokenCount; k++) {
            uint256 fee;
            assembly ("memory-safe") {
                fee := mload(add(fees, shl(5, k)))
            }
            if (fee != 0) {
                accruedFees[_addressAt(tokens, k)] += fee;
            }
        }
    }

    /// @dev Honours escape-hatch requests listed in the batch: each debits
    /// the requested amount, or the whole balance if smaller, and appends a
    /// transfer to `payouts`. A listed request that no longer exists (the
    /// trader withdrew it or cancelled it) is skipped, so a race with the
    /// trader never reverts a batch. Returns the number of transfers.
    function _readRequests(Batch memory b, Transfer[] memory payouts) private returns (uint256 paid) {
        paid = b.withdrawalCount;
        uint256 position = b.cursor;
        for (uint256 i = 0; i < b.requestCount; i++) {
            uint256 word = _load(position);
            position += REQUEST_BYTES;
            address trader = _addressAt(b.traders, _index(word >> 240, b.traderCount));
            address token = _addressAt(b.tokens, _index((word >> 232) & 0xff, b.tokenCount));
            WithdrawalRequest memory request = withdrawalRequests[trader][token];
            if (request.amount == 0) {
                continue;
            }
            delete withdrawalRequests[trader][token];
            uint256 balance = balances[trader][token];
            uint256 amount = request.amount < balance ? request.amount : balance;
            if (amount == 0) {
                continue;
            }
            balances[trader][token] = balance - amount;
            payouts[paid] = Transfer(trader, token, amount);
            paid++;
        }
        b.cursor = position;
    }

    /// @dev Sends the first `count` payouts after all state is written.
    function _sendPayouts(Transfer[] memory payouts, uint256 count) private {
        for (uint256 i = 0; i < count; i++) {
            _send(payouts[i].trader, payouts[i].token, payouts[i].amount);
        }
    }

    /// @dev Sends a withdrawal; a token that refuses the transfer does not
    /// stop the batch, and the amount goes back to the internal balance.
    function _send(address trader, address token, uint256 amount) private {
        if (token.trySafeTransfer(trader, amount)) {
            emit Withdrawn(trader, token, amount);
            return;
        }
        balances[trader][token] += amount;
        emit WithdrawalFailed(trader, token, amount);
    }
}
