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
    /// @notice Batch format version accepted by settle.
    uint8 public constant BATCH_VERSION = 1;

    uint256 private constant TIF_IOC = 2;
    uint256 private constant TIF_FOK = 3;
    uint256 private constant FILLED_MASK = 0xffffffffffffffff;
    uint256 private constant CANCELLED_FLAG = 1 << 255;
    uint256 private constant MIN_NONCE_MASK = 0xffffffffffffffff;
    uint256 private constant HAS_CANCELS_FLAG = 1 << 64;
    uint256 private constant CACHED_WORD_SHIFT = 65;
    uint256 private constant CACHED_WORD_MASK = (1 << 63) - 1;
    uint256 private constant CACHED_BITS_SHIFT = 128;
    uint256 private constant REENTRANCY_SLOT = uint256(keccak256("thaliumx.exchange.reentrancy"));

    // Sizes in bytes of packed batch records, see docs/CONTRACTS.md.
    uint256 private constant ORDER_BYTES = 47;
    uint256 private constant TRADE_BYTES = 20;
    uint256 private constant SIGNATURE_BYTES = 65;
    uint256 private constant REQUEST_BYTES = 3;

    // ---------------------------------------------------------------------
    // Storage
    // ---------------------------------------------------------------------

    /// @notice The wrapped native coin that depositNative credits.
    address public immutable wrappedNative;
    uint256 private immutable cachedChainId;
    bytes32 private immutable cachedDomainSeparator;

    // Slot 0, read by every settle: the operator, the last settled batch id
    // and the pause flag.
    /// @notice The only account allowed to call settle.
    address public operator;
    /// @notice Id of the last settled batch. Invariant: the next batch must
    /// carry lastBatchId + 1.
    uint64 public lastBatchId;
    /// @notice While true, deposits and settle revert; the escape hatch and
    /// on-chain cancels keep working.
    bool public paused;

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
    /// token, the sum over all accounts equals the tokens this contract
    /// received through deposits minus the tokens it sent out.
    mapping(address trader => mapping(address token => uint256)) public balances;
    /// @dev Per-trader state in one slot, so that an immediate order's
    /// nonce checks cost one storage access: bits 0-63 the cancelUpTo
    /// minimum nonce, bit 64 set once the trader has called cancelOrder,
    /// bits 65-127 the index of the cached nonce word, bits 128-255 the
    /// cached word: bit (nonce % 128) is set if immediate nonce
    /// (word * 128 + nonce % 128) is used. Invariant: the cached word only
    /// moves to higher indices; when it moves, its bits are written to
    /// _spilledNonceWords, which holds every other word.
    mapping(address trader => uint256) private _traderState;
    /// @dev Used immediate-order nonces outside the cached word, 128 per word.
    mapping(address trader => mapping(uint256 word => uint256)) private _spilledNonceWords;
    /// @notice Used nonces of signed withdrawals, 256 per word: bit
    /// (nonce % 256) of word (nonce / 256).
    mapping(address trader => mapping(uint256 word => uint256)) public withdrawalNonceBitmap;
    /// @notice Fill record of each resting order: the filled quantity in lots
    /// in the low 64 bits and the cancelled flag in bit 255.
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
    event OrderCancelled(address indexed trader, bytes32 indexed orderHash);
    event NoncesCancelled(address indexed trader, uint64 minNonce);
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
    error InvalidMarket(address base, address quote, uint256 tickSize, uint256 lotSize, uint8 baseDecimals);
    error UnknownMarket(uint32 marketId);
    error TokenNotListed(address token);
    error ZeroAmount();
    error NothingReceived(address token);
    error NonceNotIncreasing(uint64 current, uint64 requested);
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
        cachedChainId = block.chainid;
        cachedDomainSeparator = _buildDomainSeparator();
        emit OwnershipTransferred(address(0), owner_);
        emit OperatorChanged(operator_);
        emit FeeRecipientChanged(feeRecipient_);
        emit WithdrawalDelayChanged(delayBlocks);
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
    /// nonce below `nonce`. The minimum nonce only grows.
    function cancelUpTo(uint64 nonce) external {
        uint256 state = _traderState[msg.sender];
        uint64 current = uint64(state);
        if (nonce <= current) {
            revert NonceNotIncreasing(current, nonce);
        }
        _traderState[msg.sender] = (state & ~MIN_NONCE_MASK) | nonce;
        emit NoncesCancelled(msg.sender, nonce);
    }

    /// @notice Cancels the caller's order with EIP-712 digest `orderHash`;
    /// it can never be settled afterwards. Calling it for a hash the caller
    /// never signed has no effect on anyone else.
    function cancelOrder(bytes32 orderHash) external {
        fillRecords[msg.sender][orderHash] |= CANCELLED_FLAG;
        _traderState[msg.sender] |= HAS_CANCELS_FLAG;
        emit OrderCancelled(msg.sender, orderHash);
    }

    /// @notice Orders of `trader` with a nonce below this are cancelled (cancelUpTo).
    function minNonce(address trader) external view returns (uint64) {
        return uint64(_traderState[trader]);
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

    struct MarketContext {
        uint32 id;
        uint256 baseIndex;
        uint256 quoteIndex;
        uint256 lotSize;
        uint256 quotePerTickLot;
        uint256 makerFeeBps;
        uint256 takerFeeBps;
    }

    // Order records: settle keeps each order of a batch in ORDER_RECORD
    // bytes of memory, written and read with assembly so that the hot loops
    // pay no array bounds checks. The assembly of _decodeOrder, _applyTrades
    // and _finishOrders uses these byte offsets as literals:
    //   0x00 trader index, 0x20 market index, 0x40 order bits,
    //   0x60 price (ticks), 0x80 quantity (lots), 0xa0 maxFeeBps,
    //   0xc0 lots filled in this batch, 0xe0 order hash.
    uint256 private constant ORDER_RECORD = 0x100;

    struct Batch {
        uint256 cursor;
        uint256 start;
        address[] traders;
        address[] tokens;
        MarketContext[] markets;
        // Memory address of orderCount order records.
        uint256 orders;
        uint256 orderCount;
        // Net balance change per (trader, token), at traderIndex * tokens.length + tokenIndex.
        int256[] deltas;
        // Fees collected per token index, credited to feeRecipient.
        uint256[] fees;
        uint256 withdrawalCount;
    }

    /// @notice Settles one batch of trades and withdrawals. Only the operator
    /// may call it, never while paused. The packed format is described in
    /// docs/CONTRACTS.md; every rule failure reverts the whole batch.
    function settle(bytes calldata batch) external whenNotPaused nonReentrant {
        if (msg.sender != operator) {
            revert NotOperator(msg.sender);
        }
        Batch memory b;
        b.start = _offset(batch);
        b.cursor = b.start;
        uint64 batchId;
        uint256 tradeCount;
        uint256 requestCount;
        (batchId, tradeCount, requestCount) = _readHeader(b);
        _readTables(b);
        _readOrders(b);
        _applyTrades(b, tradeCount);
        _finishOrders(b);
        Transfer[] memory payouts = new Transfer[](b.withdrawalCount + requestCount);
        _readWithdrawals(b, payouts);
        uint256 end = b.cursor + requestCount * REQUEST_BYTES;
        if (end - b.start != batch.length) {
            revert InvalidBatchLength(batch.length, end - b.start);
        }
        _applyDeltas(b);
        uint256 paid = _readRequests(b, requestCount, payouts);
        lastBatchId = batchId;
        emit BatchSettled(batchId, b.orderCount, tradeCount, paid);
        _sendPayouts(payouts, paid);
    }

    function _offset(bytes calldata data) private pure returns (uint256 offset) {
        assembly ("memory-safe") {
            offset := data.offset
        }
    }

    /// @dev Reads `size` bytes (1 to 32) big-endian at the cursor and advances it.
    function _read(Batch memory b, uint256 size) private pure returns (uint256 value) {
        uint256 position = b.cursor;
        assembly ("memory-safe") {
            value := shr(sub(256, mul(size, 8)), calldataload(position))
        }
        b.cursor = position + size;
    }

    function _readHeader(Batch memory b) private view returns (uint64 batchId, uint256 tradeCount, uint256 requestCount) {
        uint256 version = _read(b, 1);
        if (version != BATCH_VERSION) {
            revert InvalidBatchVersion(uint8(version));
        }
        batchId = uint64(_read(b, 8));
        if (batchId != lastBatchId + 1) {
            revert InvalidBatchId(batchId, lastBatchId + 1);
        }
        b.traders = new address[](_read(b, 2));
        b.tokens = new address[](_read(b, 1));
        b.markets = new MarketContext[](_read(b, 1));
        b.orderCount = _read(b, 2);
        b.orders = _allocate(b.orderCount * ORDER_RECORD);
        tradeCount = _read(b, 2);
        b.withdrawalCount = _read(b, 1);
        requestCount = _read(b, 2);
        b.deltas = new int256[](b.traders.length * b.tokens.length);
        b.fees = new uint256[](b.tokens.length);
    }

    function _readTables(Batch memory b) private view {
        for (uint256 i = 0; i < b.traders.length; i++) {
            b.traders[i] = address(uint160(_read(b, 20)));
        }
        for (uint256 i = 0; i < b.tokens.length; i++) {
            b.tokens[i] = address(uint160(_read(b, 20)));
        }
        for (uint256 i = 0; i < b.markets.length; i++) {
            MarketContext memory m = b.markets[i];
            m.id = uint32(_read(b, 4));
            m.baseIndex = _index(_read(b, 1), b.tokens.length);
            m.quoteIndex = _index(_read(b, 1), b.tokens.length);
            Market memory stored = _markets[m.id];
            if (stored.base == address(0)) {
                revert UnknownMarket(m.id);
            }
            if (stored.base != b.tokens[m.baseIndex] || stored.quote != b.tokens[m.quoteIndex]) {
                revert MarketTokenMismatch(m.id, b.tokens[m.baseIndex], b.tokens[m.quoteIndex]);
            }
            m.lotSize = stored.lotSize;
            m.quotePerTickLot = stored.quotePerTickLot;
            m.makerFeeBps = stored.makerFeeBps;
            m.takerFeeBps = stored.takerFeeBps;
        }
    }

    /// @dev Reserves `size` bytes of memory without clearing them.
    function _allocate(uint256 size) private pure returns (uint256 pointer) {
        assembly ("memory-safe") {
            pointer := mload(0x40)
            mstore(0x40, add(pointer, size))
        }
    }

    function _index(uint256 index, uint256 count) private pure returns (uint256) {
        if (index >= count) {
            revert IndexOutOfRange(index, count);
        }
        return index;
    }

    function _readOrders(Batch memory b) private {
        bytes32 separator = domainSeparator();
        for (uint256 i = 0; i < b.orderCount; i++) {
            _readOrder(b, i, separator);
        }
    }

    /// @dev Decodes and verifies order `i`: flags, expiry, nonce, on-chain
    /// cancels, replay protection and the signature. An order without a
    /// signature must already have a nonzero fill record, which proves an
    /// earlier batch verified its signature.
    function _readOrder(Batch memory b, uint256 i, bytes32 separator) private {
        (uint256 header, uint256 bits, uint64 nonce, uint64 expiry, address trader, bytes32 orderHash) =
            _decodeOrder(b, i, separator);
        if (expiry != 0 && block.timestamp > expiry) {
            revert OrderExpired(i, expiry);
        }
        uint256 state = _traderState[trader];
        if (nonce < uint64(state)) {
            revert OrderNonceCancelled(i, nonce, uint64(state));
        }

        // A resting order always needs its fill record; an immediate order
        // only when its trader has ever cancelled an order on chain.
        bool immediate = (bits >> 3) & 3 >= TIF_IOC;
        uint256 fillRecord;
        if (!immediate || state & HAS_CANCELS_FLAG != 0) {
            fillRecord = fillRecords[trader][orderHash];
            if (fillRecord & CANCELLED_FLAG != 0) {
                revert OrderCancelledOnChain(i, orderHash);
            }
        }
        if (immediate) {
            _useImmediateNonce(trader, state, nonce);
        }
        if (header == 1) {
            _verify(b, orderHash, trader, i);
        } else if (immediate || fillRecord == 0) {
            revert SignatureRequired(i);
        }
    }

    /// @dev Decodes the 47-byte order at the cursor into order record `i`
    /// and computes its order hash, in assembly because it runs once per
    /// order. Layout: flags (1), trader index (2), market index (1), order
    /// bits (1), price (8), trigger price (8), quantity (8), maxFeeBps (2),
    /// nonce (8), expiry (8). Returns the fields the checks need.
    function _decodeOrder(Batch memory b, uint256 i, bytes32 separator)
        private
        pure
        returns (uint256 header, uint256 bits, uint64 nonce, uint64 expiry, address trader, bytes32 orderHash)
    {
        uint256 position = b.cursor;
        uint256 record = b.orders + i * ORDER_RECORD;
        address[] memory traders = b.traders;
        MarketContext[] memory markets = b.markets;
        bytes32 typeHash = ORDER_TYPEHASH;
        uint256 traderIndex;
        uint256 marketIndex;
        assembly ("memory-safe") {
            let w0 := calldataload(position)
            let w1 := calldataload(add(position, 31))
            header := shr(248, w0)
            bits := and(shr(216, w0), 0xff)
            traderIndex := and(shr(232, w0), 0xffff)
            marketIndex := and(shr(224, w0), 0xff)
            nonce := shr(192, w1)
            expiry := and(shr(128, w1), 0xffffffffffffffff)
            let price := and(shr(152, w0), 0xffffffffffffffff)
            let quantity := and(shr(24, w0), 0xffffffffffffffff)
            let maxFee := and(shr(8, w0), 0xffff)
            mstore(add(record, 0x00), traderIndex)
            mstore(add(record, 0x20), marketIndex)
            mstore(add(record, 0x40), bits)
            mstore(add(record, 0x60), price)
            mstore(add(record, 0x80), quantity)
            mstore(add(record, 0xa0), maxFee)
            mstore(add(record, 0xc0), 0)

            // hashStruct(order) over 14 words at the free memory pointer,
            // which nothing else uses until the next allocation.
            if and(lt(traderIndex, mload(traders)), lt(marketIndex, mload(markets))) {
                trader := mload(add(add(traders, 0x20), shl(5, traderIndex)))
                let ptr := mload(0x40)
                mstore(ptr, typeHash)
                mstore(add(ptr, 0x20), trader)
                mstore(add(ptr, 0x40), mload(mload(add(add(markets, 0x20), shl(5, marketIndex)))))
                mstore(add(ptr, 0x60), and(bits, 1))
                mstore(add(ptr, 0x80), and(shr(1, bits), 3))
                mstore(add(ptr, 0xa0), and(shr(3, bits), 3))
                mstore(add(ptr, 0xc0), and(shr(5, bits), 1))
                mstore(add(ptr, 0xe0), shr(6, bits))
                mstore(add(ptr, 0x100), price)
                mstore(add(ptr, 0x120), and(shr(88, w0), 0xffffffffffffffff))
                mstore(add(ptr, 0x140), quantity)
                mstore(add(ptr, 0x160), maxFee)
                mstore(add(ptr, 0x180), nonce)
                mstore(add(ptr, 0x1a0), expiry)
                let structHash := keccak256(ptr, 0x1c0)
                mstore(ptr, 0x1901)
                mstore(add(ptr, 0x20), separator)
                mstore(add(ptr, 0x40), structHash)
                orderHash := keccak256(add(ptr, 0x1e), 0x42)
                mstore(add(record, 0xe0), orderHash)
            }
        }
        unchecked {
            b.cursor = position + ORDER_BYTES;
        }
        if (header > 1 || bits >> 6 == 3) {
            revert InvalidOrderFlags(i, header > 1 ? header : bits);
        }
        _index(traderIndex, traders.length);
        _index(marketIndex, markets.length);
    }

    /// @dev Verifies the 65-byte signature at the cursor over `digest`.
    function _verify(Batch memory b, bytes32 digest, address trader, uint256 index) private pure {
        (address signer, bool highS) = _recover(digest, b.cursor);
        b.cursor += SIGNATURE_BYTES;
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

    /// @dev Marks an immediate order's nonce used, reverting if it already
    /// was. `state` is the trader's current _traderState value.
    function _useImmediateNonce(address trader, uint256 state, uint64 nonce) private {
        uint256 word = nonce >> 7;
        uint256 bit = 1 << (nonce & 127);
        uint256 cachedWord = (state >> CACHED_WORD_SHIFT) & CACHED_WORD_MASK;
        uint256 cachedBits = state >> CACHED_BITS_SHIFT;
        if (word == cachedWord) {
            if (cachedBits & bit != 0) {
                revert NonceAlreadyUsed(trader, nonce);
            }
            _traderState[trader] = state | (bit << CACHED_BITS_SHIFT);
            return;
        }
        if (word < cachedWord) {
            uint256 used = _spilledNonceWords[trader][word];
            if (used & bit != 0) {
                revert NonceAlreadyUsed(trader, nonce);
            }
            _spilledNonceWords[trader][word] = used | bit;
            return;
        }
        // Move the cache up to `word`; the old cached word is written out.
        // The new word was never cached before, so it holds no used nonce.
        if (cachedBits != 0) {
            _spilledNonceWords[trader][cachedWord] = cachedBits;
        }
        uint256 low = state & (MIN_NONCE_MASK | HAS_CANCELS_FLAG);
        _traderState[trader] = low | (word << CACHED_WORD_SHIFT) | (bit << CACHED_BITS_SHIFT);
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
    function _applyTrades(Batch memory b, uint256 tradeCount) private pure {
        uint256 cursor = b.cursor;
        uint256 orders = b.orders;
        uint256 orderCount = b.orderCount;
        uint256 tokenCount = b.tokens.length;
        MarketContext[] memory markets = b.markets;
        int256[] memory deltas = b.deltas;
        uint256[] memory fees = b.fees;
        uint256 failure;
        uint256 failedTrade;
        uint256 detailA;
        uint256 detailB;
        assembly ("memory-safe") {
            for { let i := 0 } lt(i, tradeCount) { i := add(i, 1) } {
                let word := calldataload(add(cursor, mul(i, 20)))
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
                let maker := add(orders, mul(makerIndex, 0x100))
                let taker := add(orders, mul(takerIndex, 0x100))
                let makerBits := mload(add(maker, 0x40))
                let takerBits := mload(add(taker, 0x40))
                let marketIndex := mload(add(maker, 0x20))
                if or(iszero(eq(marketIndex, mload(add(taker, 0x20)))), iszero(and(xor(makerBits, takerBits), 1))) {
                    failure := 3 // TRADE_MISMATCH
                    break
                }
                if and(shr(5, takerBits), 1) {
                    failure := 4 // TRADE_POST_ONLY
                    break
                }

                // MarketContext fields: id, baseIndex, quoteIndex, lotSize,
                // quotePerTickLot, makerFeeBps, takerFeeBps.
                let m := mload(add(add(markets, 0x20), shl(5, marketIndex)))
                let makerFeeBps := mload(add(m, 0xa0))
                let takerFeeBps := mload(add(m, 0xc0))
                if gt(makerFeeBps, mload(add(maker, 0xa0))) {
                    failure := 5 // TRADE_FEE
                    detailA := makerFeeBps
                    detailB := mload(add(maker, 0xa0))
                    break
                }
                if gt(takerFeeBps, mload(add(taker, 0xa0))) {
                    failure := 5 // TRADE_FEE
                    detailA := takerFeeBps
                    detailB := mload(add(taker, 0xa0))
                    break
                }
                let makerSells := and(makerBits, 1)
                let buyer := maker
                let seller := taker
                if makerSells {
                    buyer := taker
                    seller := maker
                }
                if gt(price, mload(add(buyer, 0x60))) {
                    failure := 6 // TRADE_PRICE
                    detailA := price
                    detailB := mload(add(buyer, 0x60))
                    break
                }
                if lt(price, mload(add(seller, 0x60))) {
                    failure := 6 // TRADE_PRICE
                    detailA := price
                    detailB := mload(add(seller, 0x60))
                    break
                }

                mstore(add(maker, 0xc0), add(mload(add(maker, 0xc0)), quantity))
                mstore(add(taker, 0xc0), add(mload(add(taker, 0xc0)), quantity))
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
                let data := add(deltas, 0x20)
                let buyerRow := mul(mload(buyer), tokenCount)
                let sellerRow := mul(mload(seller), tokenCount)
                let p := add(data, shl(5, add(buyerRow, baseIndex)))
                mstore(p, add(mload(p), baseAmount))
                p := add(data, shl(5, add(buyerRow, quoteIndex)))
                mstore(p, sub(mload(p), add(quoteAmount, buyerFee)))
                p := add(data, shl(5, add(sellerRow, baseIndex)))
                mstore(p, sub(mload(p), baseAmount))
                p := add(data, shl(5, add(sellerRow, quoteIndex)))
                mstore(p, add(mload(p), sub(quoteAmount, sellerFee)))
                p := add(add(fees, 0x20), shl(5, quoteIndex))
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
    /// entry. Assembly, like _applyTrades; a cancelled order never gets
    /// here, so the new record has no cancelled flag.
    function _finishOrders(Batch memory b) private {
        uint256 orders = b.orders;
        uint256 orderCount = b.orderCount;
        address[] memory traders = b.traders;
        uint256 failure;
        uint256 failedOrder;
        uint256 failedFilled;
        uint256 failedQuantity;
        assembly ("memory-safe") {
            for { let i := 0 } lt(i, orderCount) { i := add(i, 1) } {
                let record := add(orders, mul(i, 0x100))
                let timeInForce := and(shr(3, mload(add(record, 0x40))), 3)
                let filled := mload(add(record, 0xc0))
                let quantity := mload(add(record, 0x80))
                failedOrder := i
                failedQuantity := quantity
                if gt(timeInForce, 1) {
                    if gt(filled, quantity) {
                        failure := 1 // Overfill
                        failedFilled := filled
                        break
                    }
                    if and(eq(timeInForce, 3), iszero(eq(filled, quantity))) {
                        failure := 2 // FillOrKillNotFilled
                        failedFilled := filled
                        break
                    }
                    continue
                }
                if iszero(filled) {
                    continue
                }
                // fillRecords[trader][orderHash]
                mstore(0x00, mload(add(add(traders, 0x20), shl(5, mload(record)))))
                mstore(0x20, fillRecords.slot)
                mstore(0x20, keccak256(0x00, 0x40))
                mstore(0x00, mload(add(record, 0xe0)))
                let slot := keccak256(0x00, 0x40)
                let total := add(and(sload(slot), 0xffffffffffffffff), filled)
                if gt(total, quantity) {
                    failure := 1 // Overfill
                    failedFilled := total
                    break
                }
                sstore(slot, total)
            }
        }
        if (failure == 1) {
            revert Overfill(failedOrder, failedFilled, uint64(failedQuantity));
        }
        if (failure == 2) {
            revert FillOrKillNotFilled(failedOrder, failedFilled, uint64(failedQuantity));
        }
    }

    struct Transfer {
        address trader;
        address token;
        uint256 amount;
    }

    /// @dev Verifies the signed withdrawals, debits them from the net
    /// balance changes and records the transfers to make in `payouts`.
    function _readWithdrawals(Batch memory b, Transfer[] memory payouts) private {
        uint256 count = b.withdrawalCount;
        for (uint256 i = 0; i < count; i++) {
            uint256 traderIndex = _index(_read(b, 2), b.traders.length);
            uint256 tokenIndex = _index(_read(b, 1), b.tokens.length);
            address trader = b.traders[traderIndex];
            address token = b.tokens[tokenIndex];
            uint256 amount = _read(b, 32);
            uint64 nonce = uint64(_read(b, 8));
            uint64 expiry = uint64(_read(b, 8));
            if (expiry != 0 && block.timestamp > expiry) {
                revert WithdrawalExpired(i, expiry);
            }
            if (amount == 0 || amount > uint256(type(int256).max)) {
                revert AmountTooLarge(amount);
            }
            bytes32 digest = hashWithdrawal(trader, token, amount, nonce, expiry);
            _useNonce(withdrawalNonceBitmap[trader], trader, nonce);
            _verify(b, digest, trader, i);
            b.deltas[traderIndex * b.tokens.length + tokenIndex] -= int256(amount);
            payouts[i] = Transfer(trader, token, amount);
        }
    }

    /// @dev Writes every nonzero net balance change and the fees, reverting
    /// if any balance would go below zero or above 2^256-1. The loop over
    /// (trader, token) cells is assembly, like _applyTrades.
    function _applyDeltas(Batch memory b) private {
        address[] memory traders = b.traders;
        address[] memory tokens = b.tokens;
        int256[] memory deltas = b.deltas;
        uint256 failure;
        address failedTrader;
        address failedToken;
        uint256 failedBalance;
        uint256 failedAmount;
        assembly ("memory-safe") {
            let tokenCount := mload(tokens)
            let traderCount := mload(traders)
            let cell := add(deltas, 0x20)
            for { let t := 0 } lt(t, traderCount) { t := add(t, 1) } {
                let trader := mload(add(add(traders, 0x20), shl(5, t)))
                mstore(0x00, trader)
                mstore(0x20, balances.slot)
                let traderSlot := keccak256(0x00, 0x40)
                for { let k := 0 } lt(k, tokenCount) { k := add(k, 1) } {
                    let delta := mload(cell)
                    cell := add(cell, 0x20)
                    if iszero(delta) {
                        continue
                    }
                    let token := mload(add(add(tokens, 0x20), shl(5, k)))
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

        mapping(address => uint256) storage feeBalances = balances[feeRecipient];
        for (uint256 k = 0; k < tokens.length; k++) {
            if (b.fees[k] != 0) {
                feeBalances[tokens[k]] += b.fees[k];
            }
        }
    }

    /// @dev Honours escape-hatch requests listed in the batch: each debits
    /// the requested amount, or the whole balance if smaller, and appends a
    /// transfer to `payouts`. A listed request that no longer exists (the
    /// trader withdrew it or cancelled it) is skipped, so a race with the
    /// trader never reverts a batch. Returns the number of transfers.
    function _readRequests(Batch memory b, uint256 count, Transfer[] memory payouts) private returns (uint256 paid) {
        paid = b.withdrawalCount;
        for (uint256 i = 0; i < count; i++) {
            address trader = b.traders[_index(_read(b, 2), b.traders.length)];
            address token = b.tokens[_index(_read(b, 1), b.tokens.length)];
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
