// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

/// @title SafeTransfer
/// @notice ERC-20 calls that accept tokens returning no value (such as USDT
/// on Ethereum) as well as tokens returning a boolean. A call succeeds when
/// it does not revert and either returns nothing or returns true, and the
/// token address holds code.
library SafeTransfer {
    error TokenTransferFailed(address token, address from, address to, uint256 amount);

    /// @notice Moves `amount` of `token` from `from` to `to` with
    /// transferFrom, reverting with TokenTransferFailed on any failure.
    function safeTransferFrom(address token, address from, address to, uint256 amount) internal {
        bytes memory data = abi.encodeWithSelector(0x23b872dd, from, to, amount);
        if (!_call(token, data)) {
            revert TokenTransferFailed(token, from, to, amount);
        }
    }

    /// @notice Sends `amount` of `token` to `to`, reverting with
    /// TokenTransferFailed on any failure.
    function safeTransfer(address token, address to, uint256 amount) internal {
        if (!trySafeTransfer(token, to, amount)) {
            revert TokenTransferFailed(token, address(this), to, amount);
        }
    }

    /// @notice Sends `amount` of `token` to `to` and returns whether the
    /// token accepted the transfer, without reverting.
    function trySafeTransfer(address token, address to, uint256 amount) internal returns (bool) {
        return _call(token, abi.encodeWithSelector(0xa9059cbb, to, amount));
    }

    function _call(address token, bytes memory data) private returns (bool) {
        if (token.code.length == 0) {
            return false;
        }
        (bool ok, bytes memory result) = token.call(data);
        if (!ok) {
            return false;
        }
        if (result.length == 0) {
            return true;
        }
        return result.length == 32 && abi.decode(result, (uint256)) == 1;
    }
}
