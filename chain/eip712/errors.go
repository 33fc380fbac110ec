package eip712

import "errors"

var (
	// ErrSignatureLength rejects a signature that is not 65 bytes r ‖ s ‖ v.
	ErrSignatureLength = errors.New("eip712: signature must be 65 bytes")
	// ErrInvalidV rejects a recovery id other than 0, 1, 27 or 28.
	ErrInvalidV = errors.New("eip712: signature v must be 0, 1, 27 or 28")
	// ErrHighS rejects a signature whose s is above half the secp256k1 group
	// order; its low-s twin is the only accepted form.
	ErrHighS = errors.New("eip712: signature s is above half the curve order")
	// ErrInvalidSignature rejects a signature from which no public key can
	// be recovered.
	ErrInvalidSignature = errors.New("eip712: invalid signature")
	// ErrSignerMismatch rejects a valid signature by another account than
	// the message's trader.
	ErrSignerMismatch = errors.New("eip712: signer is not the trader")
	// ErrInvalidField rejects a message field outside its allowed values.
	ErrInvalidField = errors.New("eip712: invalid field")
	// ErrInvalidDomain rejects a domain without a chain id or contract.
	ErrInvalidDomain = errors.New("eip712: invalid domain")
)
