// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {ERC20} from "./ERC20.sol";

/// @title TestToken
/// @notice A development ERC-20 that anyone can mint. Deploy it with 18
/// decimals for a THAL-like token and with 6 decimals for a USDC-like one.
/// Never deploy it on a production chain: minting is unrestricted.
contract TestToken is ERC20 {
    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_, decimals_) {}

    /// @notice Mints `value` base units to `to`.
    function mint(address to, uint256 value) external {
        _mint(to, value);
    }
}
