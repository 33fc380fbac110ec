// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {ERC20} from "../ERC20.sol";

/// @title FeeOnTransferToken
/// @notice Test-only token that burns `feeBps` of every transfer, so the
/// receiver gets less than the amount sent. Tests use it to check that a
/// deposit credits only what the Exchange actually received.
contract FeeOnTransferToken is ERC20 {
    uint256 public immutable feeBps;

    constructor(uint256 feeBps_) ERC20("Fee On Transfer", "FOT", 18) {
        feeBps = feeBps_;
    }

    function mint(address to, uint256 value) external {
        _mint(to, value);
    }

    function _transfer(address from, address to, uint256 value) internal override {
        uint256 fee = value * feeBps / 10_000;
        super._transfer(from, to, value - fee);
        if (fee > 0) {
            _burn(from, fee);
        }
    }
}
