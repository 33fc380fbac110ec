// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {ERC20} from "../ERC20.sol";

/// @title ReentrantToken
/// @notice Test-only token that calls back into a target during every
/// transfer and transferFrom, with calldata the test chose. It records
/// whether the callback succeeded and its revert data, so a test can check
/// that the Exchange's reentrancy guard rejected it.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public callbackData;
    bool public lastCallbackOk;
    bytes public lastCallbackResult;
    uint256 public callbackCount;

    constructor() ERC20("Reentrant", "REE", 18) {}

    function mint(address to, uint256 value) external {
        _mint(to, value);
    }

    /// @notice Arms the callback: every later transfer calls `target_` with
    /// `data_`. An empty `data_` disarms it.
    function arm(address target_, bytes calldata data_) external {
        target = target_;
        callbackData = data_;
    }

    function _transfer(address from, address to, uint256 value) internal override {
        super._transfer(from, to, value);
        if (callbackData.length == 0) {
            return;
        }
        callbackCount++;
        (bool ok, bytes memory result) = target.call(callbackData);
        lastCallbackOk = ok;
        lastCallbackResult = result;
    }
}
