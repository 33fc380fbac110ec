// Package contracts holds the Solidity sources of the Exchange and the test
// tokens, their compiled artifacts and the generated Go bindings.
package contracts
