package eip712_test

import (
	"encoding/json"
	"errors"
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/chain/eip712/testvector"
)

var update = flag.Bool("update", false, "rewrite testdata/vector.json from the Go implementation")

const vectorFile = "testdata/vector.json"

// TestMailExampleDigest checks go-ethereum's typed-data hashing against the
// Mail example of the EIP-712 specification and its published digest.
func TestMailExampleDigest(t *testing.T) {
	data := apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {
				{Name: "name", Type: "string"},
				{Name: "version", Type: "string"},
				{Name: "chainId", Type: "uint256"},
				{Name: "verifyingContract", Type: "address"},
			},
			"Person": {
				{Name: "name", Type: "string"},
				{Name: "wallet", Type: "address"},
			},
			"Mail": {
				{Name: "from", Type: "Person"},
				{Name: "to", Type: "Person"},
				{Name: "contents", Type: "string"},
			},
		},
		PrimaryType: "Mail",
		Domain: apitypes.TypedDataDomain{
			Name:              "Ether Mail",
			Version:           "1",
			ChainId:           math.NewHexOrDecimal256(1),
			VerifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC",
		},
		Message: apitypes.TypedDataMessage{
			"from":     map[string]any{"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
			"to":       map[string]any{"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
			"contents": "Hello, Bob!",
		},
	}
	digest, err := eip712.HashTypedData(data)
	if err != nil {
		t.Fatalf("hash Mail example: %v", err)
	}
	const published = "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"
	if digest.Hex() != published {
		t.Fatalf("Mail example digest %s, the EIP-712 specification publishes %s", digest.Hex(), published)
	}
}

func sampleDomain() eip712.Domain {
	return eip712.Domain{ChainID: 1337, VerifyingContract: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")}
}

func sampleOrder(trader common.Address) eip712.Order {
	return eip712.Order{
		Trader:              trader,
		Market:              1,
		Side:                eip712.Buy,
		Kind:                eip712.Limit,
		TimeInForce:         eip712.GTD,
		PostOnly:            true,
		SelfTradePrevention: eip712.CancelBoth,
		Price:               12_345,
		Quantity:            300,
		MaxFeeBps:           25,
		Nonce:               7,
		Expiry:              1_900_000_000,
	}
}

func TestOrderHashMatchesApitypes(t *testing.T) {
	key, _ := crypto.GenerateKey()
	d := sampleDomain()
	o := sampleOrder(crypto.PubkeyToAddress(key.PublicKey))
	want, err := eip712.HashTypedData(d.OrderTypedData(o))
	if err != nil {
		t.Fatalf("apitypes hash: %v", err)
	}
	if got := d.OrderHash(o); got != want {
		t.Fatalf("fast order hash %s, apitypes %s", got, want)
	}
}

func TestCancelAndWithdrawalHashMatchApitypes(t *testing.T) {
	d := sampleDomain()
	c := eip712.Cancel{Trader: common.HexToAddress("0x1000000000000000000000000000000000000001"), OrderHash: common.HexToHash("0xabcdef")}
	want, err := eip712.HashTypedData(d.CancelTypedData(c))
	if err != nil {
		t.Fatalf("apitypes cancel hash: %v", err)
	}
	if got := d.CancelHash(c); got != want {
		t.Fatalf("fast cancel hash %s, apitypes %s", got, want)
	}
	amount, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	w := eip712.Withdrawal{Trader: c.Trader, Token: common.HexToAddress("0x2000000000000000000000000000000000000002"), Amount: amount, Nonce: 3, Expiry: 9}
	want, err = eip712.HashTypedData(d.WithdrawalTypedData(w))
	if err != nil {
		t.Fatalf("apitypes withdrawal hash: %v", err)
	}
	if got := d.WithdrawalHash(w); got != want {
		t.Fatalf("fast withdrawal hash %s, apitypes %s", got, want)
	}
}

func TestSignRecoverRoundTrip(t *testing.T) {
	key, _ := crypto.GenerateKey()
	d := sampleDomain()
	o := sampleOrder(crypto.PubkeyToAddress(key.PublicKey))
	hash, sig, err := d.SignOrder(o, key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	if sig[64] != 27 && sig[64] != 28 {
		t.Fatalf("signature v = %d, expected 27 or 28", sig[64])
	}
	if err := eip712.Verify(hash, sig[:], o.Trader); err != nil {
		t.Fatalf("verify with v=%d: %v", sig[64], err)
	}
	zeroOne := sig
	zeroOne[64] -= 27
	if err := eip712.Verify(hash, zeroOne[:], o.Trader); err != nil {
		t.Fatalf("verify with v=%d: %v", zeroOne[64], err)
	}
}

func TestRecoverRejectsBadSignatures(t *testing.T) {
	key, _ := crypto.GenerateKey()
	d := sampleDomain()
	o := sampleOrder(crypto.PubkeyToAddress(key.PublicKey))
	hash, sig, err := d.SignOrder(o, key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}

	// The high-s twin (s' = n - s, v flipped) recovers the same key but
	// must be rejected.
	high := sig
	s := new(big.Int).SetBytes(sig[32:64])
	new(big.Int).Sub(crypto.S256().Params().N, s).FillBytes(high[32:64])
	high[64] = 27 + (28 - sig[64])
	if _, err := eip712.Recover(hash, high[:]); !errors.Is(err, eip712.ErrHighS) {
		t.Fatalf("high-s signature: error %v, expected ErrHighS", err)
	}

	badV := sig
	badV[64] = 29
	if _, err := eip712.Recover(hash, badV[:]); !errors.Is(err, eip712.ErrInvalidV) {
		t.Fatalf("v=29: error %v, expected ErrInvalidV", err)
	}
	if _, err := eip712.Recover(hash, sig[:64]); !errors.Is(err, eip712.ErrSignatureLength) {
		t.Fatalf("64-byte signature: error %v, expected ErrSignatureLength", err)
	}

	other, _ := crypto.GenerateKey()
	if err := eip712.Verify(hash, sig[:], crypto.PubkeyToAddress(other.PublicKey)); !errors.Is(err, eip712.ErrSignerMismatch) {
		t.Fatalf("other trader: error %v, expected ErrSignerMismatch", err)
	}
	if _, _, err := d.SignOrder(o, other); !errors.Is(err, eip712.ErrSignerMismatch) {
		t.Fatalf("signing another trader's order: error %v, expected ErrSignerMismatch", err)
	}
}

func TestDigestBindsChainAndContract(t *testing.T) {
	d := sampleDomain()
	o := sampleOrder(common.HexToAddress("0x1000000000000000000000000000000000000001"))
	otherChain := d
	otherChain.ChainID = 56
	otherContract := d
	otherContract.VerifyingContract = common.HexToAddress("0x1")
	if d.OrderHash(o) == otherChain.OrderHash(o) {
		t.Fatal("order hash is the same on chain 1337 and chain 56")
	}
	if d.OrderHash(o) == otherContract.OrderHash(o) {
		t.Fatal("order hash is the same for two Exchange contracts")
	}
}

func TestOrderValidate(t *testing.T) {
	base := sampleOrder(common.HexToAddress("0x1000000000000000000000000000000000000001"))
	if err := base.Validate(); err != nil {
		t.Fatalf("valid order rejected: %v", err)
	}
	cases := map[string]func(*eip712.Order){
		"zero trader":        func(o *eip712.Order) { o.Trader = common.Address{} },
		"market 0":           func(o *eip712.Order) { o.Market = 0 },
		"side 2":             func(o *eip712.Order) { o.Side = 2 },
		"kind 4":             func(o *eip712.Order) { o.Kind = 4 },
		"time in force 4":    func(o *eip712.Order) { o.TimeInForce = 4 },
		"stp 3":              func(o *eip712.Order) { o.SelfTradePrevention = 3 },
		"price 0":            func(o *eip712.Order) { o.Price = 0 },
		"quantity 0":         func(o *eip712.Order) { o.Quantity = 0 },
		"fee above 100%":     func(o *eip712.Order) { o.MaxFeeBps = 10_001 },
		"stop no trigger":    func(o *eip712.Order) { o.Kind = eip712.StopLimit },
		"limit trigger":      func(o *eip712.Order) { o.TriggerPrice = 5 },
		"gtd without expiry": func(o *eip712.Order) { o.Expiry = 0 },
	}
	for name, mutate := range cases {
		o := base
		mutate(&o)
		if err := o.Validate(); !errors.Is(err, eip712.ErrInvalidField) {
			t.Errorf("%s: error %v, expected ErrInvalidField", name, err)
		}
	}
}

func TestWithdrawalValidate(t *testing.T) {
	w := eip712.Withdrawal{Trader: common.HexToAddress("0x1"), Token: common.HexToAddress("0x2"), Amount: big.NewInt(1)}
	if err := w.Validate(); err != nil {
		t.Fatalf("valid withdrawal rejected: %v", err)
	}
	for name, amount := range map[string]*big.Int{
		"nil":      nil,
		"zero":     big.NewInt(0),
		"negative": big.NewInt(-1),
		"2^255":    new(big.Int).Lsh(big.NewInt(1), 255),
	} {
		w.Amount = amount
		if err := w.Validate(); !errors.Is(err, eip712.ErrInvalidField) {
			t.Errorf("amount %s: error %v, expected ErrInvalidField", name, err)
		}
	}
}

func TestSignTypedDataJSON(t *testing.T) {
	d := sampleDomain()
	o := sampleOrder(common.HexToAddress("0x1000000000000000000000000000000000000001"))
	out, err := eip712.SignTypedDataJSON(d.OrderTypedData(o))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("decode %s: %v", out, err)
	}
	domain, _ := doc["domain"].(map[string]any)
	if len(domain) != 4 || domain["chainId"] != float64(1337) || domain["name"] != eip712.DomainName {
		t.Fatalf("domain %v, expected exactly name, version, chainId 1337 and verifyingContract", domain)
	}
	if doc["primaryType"] != "Order" {
		t.Fatalf("primaryType %v, expected Order", doc["primaryType"])
	}
	// The payload, read back as apitypes typed data, hashes to the order hash.
	var back apitypes.TypedData
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("decode as apitypes: %v", err)
	}
	got, err := eip712.HashTypedData(back)
	if err != nil {
		t.Fatalf("hash decoded payload: %v", err)
	}
	if got != d.OrderHash(o) {
		t.Fatalf("payload hashes to %s, order hash is %s", got, d.OrderHash(o))
	}
}

// TestSharedVector recomputes testdata/vector.json. Run with -update to
// rewrite it after changing the vector's inputs below.
func TestSharedVector(t *testing.T) {
	if *update {
		writeVector(t)
	}
	v, err := testvector.Load(vectorFile)
	if err != nil {
		t.Fatal(err)
	}
	d := v.DomainValue()
	if got := d.Separator(); got != v.DomainSeparator {
		t.Errorf("domain separator %s, vector has %s", got, v.DomainSeparator)
	}
	checkVectorOrder(t, v, d)
	checkVectorWithdrawal(t, v, d)
	checkVectorCancel(t, v, d)
}

func checkVectorOrder(t *testing.T, v testvector.Vector, d eip712.Domain) {
	t.Helper()
	o, err := v.OrderValue()
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Validate(); err != nil {
		t.Fatalf("vector order is invalid: %v", err)
	}
	reference, err := eip712.HashTypedData(d.OrderTypedData(o))
	if err != nil {
		t.Fatal(err)
	}
	if reference != v.OrderHash || d.OrderHash(o) != v.OrderHash {
		t.Errorf("order hash: apitypes %s, fast %s, vector %s", reference, d.OrderHash(o), v.OrderHash)
	}
	checkVectorSignature(t, "order", v.OrderHash, v.OrderSignature, v)
}

func checkVectorWithdrawal(t *testing.T, v testvector.Vector, d eip712.Domain) {
	t.Helper()
	w, err := v.WithdrawalValue()
	if err != nil {
		t.Fatal(err)
	}
	reference, err := eip712.HashTypedData(d.WithdrawalTypedData(w))
	if err != nil {
		t.Fatal(err)
	}
	if reference != v.WithdrawalHash || d.WithdrawalHash(w) != v.WithdrawalHash {
		t.Errorf("withdrawal hash: apitypes %s, fast %s, vector %s", reference, d.WithdrawalHash(w), v.WithdrawalHash)
	}
	checkVectorSignature(t, "withdrawal", v.WithdrawalHash, v.WithdrawalSignature, v)
}

func checkVectorCancel(t *testing.T, v testvector.Vector, d eip712.Domain) {
	t.Helper()
	c := v.CancelValue()
	reference, err := eip712.HashTypedData(d.CancelTypedData(c))
	if err != nil {
		t.Fatal(err)
	}
	if reference != v.CancelHash || d.CancelHash(c) != v.CancelHash {
		t.Errorf("cancel hash: apitypes %s, fast %s, vector %s", reference, d.CancelHash(c), v.CancelHash)
	}
	checkVectorSignature(t, "cancel", v.CancelHash, v.CancelSignature, v)
}

// checkVectorSignature signs the digest again with the trader key (signing
// is deterministic) and recovers the signer from the vector's signature.
func checkVectorSignature(t *testing.T, what string, digest common.Hash, sigHex string, v testvector.Vector) {
	t.Helper()
	key, err := v.Key(v.TraderKey)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := eip712.Sign(digest, key)
	if err != nil {
		t.Fatal(err)
	}
	if hexutil.Encode(sig[:]) != sigHex {
		t.Errorf("%s signature %s, vector has %s", what, hexutil.Encode(sig[:]), sigHex)
	}
	raw, err := hexutil.Decode(sigHex)
	if err != nil {
		t.Fatalf("%s signature in vector: %v", what, err)
	}
	signer, err := eip712.Recover(digest, raw)
	if err != nil || signer != v.Trader {
		t.Errorf("%s signer %s (error %v), vector trader %s", what, signer, err, v.Trader)
	}
}

// writeVector builds the vector from fixed keys and messages. The keys are
// keccak256 of public strings: test-only, never fund them on a real chain.
func writeVector(t *testing.T) {
	t.Helper()
	deployerKey := crypto.Keccak256([]byte("thaliumx test vector deployer"))
	traderKey := crypto.Keccak256([]byte("thaliumx test vector trader"))
	deployer, err := crypto.ToECDSA(deployerKey)
	if err != nil {
		t.Fatal(err)
	}
	trader, err := crypto.ToECDSA(traderKey)
	if err != nil {
		t.Fatal(err)
	}
	traderAddress := crypto.PubkeyToAddress(trader.PublicKey)
	d := eip712.Domain{ChainID: 1337, VerifyingContract: crypto.CreateAddress(crypto.PubkeyToAddress(deployer.PublicKey), 0)}

	o := eip712.Order{
		Trader: traderAddress, Market: 1, Side: eip712.Sell, Kind: eip712.StopLimit,
		TimeInForce: eip712.GTD, PostOnly: true, SelfTradePrevention: eip712.CancelOldest,
		Price: 12_345, TriggerPrice: 12_400, Quantity: 300, MaxFeeBps: 25,
		Nonce: 1_700_000_000_123, Expiry: 4_000_000_000,
	}
	amount, _ := new(big.Int).SetString("1234500000000000000000", 10)
	w := eip712.Withdrawal{Trader: traderAddress, Token: common.HexToAddress("0x00000000000000000000000000000000000000aa"), Amount: amount, Nonce: 42, Expiry: 4_000_000_000}
	orderHash, orderSig, err := d.SignOrder(o, trader)
	if err != nil {
		t.Fatal(err)
	}
	c := eip712.Cancel{Trader: traderAddress, OrderHash: orderHash}
	withdrawalHash, withdrawalSig, err := d.SignWithdrawal(w, trader)
	if err != nil {
		t.Fatal(err)
	}
	cancelHash, cancelSig, err := d.SignCancel(c, trader)
	if err != nil {
		t.Fatal(err)
	}

	v := testvector.Vector{
		Comment:             "Shared EIP-712 test vector: Go (chain/eip712), Solidity (contracts tests) and ethers v6 (contracts/eip712-check.js) must all reproduce it. Keys are test-only.",
		DeployerKey:         hexutil.Encode(deployerKey),
		TraderKey:           hexutil.Encode(traderKey),
		Trader:              traderAddress,
		Domain:              testvector.Domain{Name: eip712.DomainName, Version: eip712.DomainVersion, ChainID: d.ChainID, VerifyingContract: d.VerifyingContract},
		DomainSeparator:     d.Separator(),
		Order:               d.OrderTypedData(o).Message,
		OrderHash:           orderHash,
		OrderSignature:      hexutil.Encode(orderSig[:]),
		Withdrawal:          d.WithdrawalTypedData(w).Message,
		WithdrawalHash:      withdrawalHash,
		WithdrawalSignature: hexutil.Encode(withdrawalSig[:]),
		Cancel:              d.CancelTypedData(c).Message,
		CancelHash:          cancelHash,
		CancelSignature:     hexutil.Encode(cancelSig[:]),
	}
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(vectorFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(vectorFile, append(out, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
