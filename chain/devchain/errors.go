package devchain

import "errors"

// Sentinel errors of package devchain. The returned errors wrap them with
// the values involved.
var (
	// ErrInvalidConfig marks a Config field out of its documented range.
	ErrInvalidConfig = errors.New("devchain: invalid config")

	// ErrInvalidMnemonic marks a mnemonic that is not valid BIP-39 English.
	ErrInvalidMnemonic = errors.New("devchain: invalid mnemonic")

	// ErrStartFailed marks a failure to start the embedded node, such as a
	// port already in use.
	ErrStartFailed = errors.New("devchain: start failed")

	// ErrClosed marks a call on a chain after Close.
	ErrClosed = errors.New("devchain: chain closed")
)
