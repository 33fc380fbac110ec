// Package eip712 defines the signed messages of the ThaliumX protocol
// (Order, Cancel and Withdrawal), their EIP-712 domain, hashing, signing and
// signature recovery.
//
// The types, field order and domain are fixed in docs/PROTOCOL.md and must
// match the Exchange contract (contracts/src/Exchange.sol) and every wallet.
// Two hashing paths exist. The TypedData methods build go-ethereum apitypes
// values, the reference and also the JSON payload for eth_signTypedData_v4.
// The Hash methods compute the same digests by hand, several times faster,
// and a fuzz test checks that both paths agree.
//
// Signatures are 65 bytes r ‖ s ‖ v. Recover accepts v of 27/28 or 0/1 and
// rejects s above half the secp256k1 group order, as the contract does.
//
// The package holds no state and starts no goroutines; every function is
// safe for concurrent use.
package eip712
