// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {ERC20} from "./ERC20.sol";

/// @title WrappedNative
/// @notice Wraps the chain's native coin one to one, like WETH9 on Ethereum
/// and WBNB on BNB Smart Chain, for the development chain.
contract WrappedNative is ERC20 {
    event Deposit(address indexed account, uint256 value);
    event Withdrawal(address indexed account, uint256 value);

    error NativeTransferFailed(address to, uint256 value);

    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_, 18) {}

    receive() external payable {
        deposit();
    }

    /// @notice Wraps msg.value of the native coin for the caller.
    function deposit() public payable {
        _mint(msg.sender, msg.value);
        emit Deposit(msg.sender, msg.value);
    }

    /// @notice Unwraps `value` and sends the native coin to the caller.
    function withdraw(uint256 value) external {
        _burn(msg.sender, value);
        emit Withdrawal(msg.sender, value);
        (bool ok,) = msg.sender.call{value: value}("");
        if (!ok) {
            revert NativeTransferFailed(msg.sender, value);
        }
    }
}
