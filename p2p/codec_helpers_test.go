package p2p

import (
	"crypto/ecdsa"
	"encoding/binary"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/node/store"
)

var testExchange = ExchangeRef{ChainID: 1337, Contract: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")}

var testMarket = MarketRef{ExchangeRef: testExchange, Market: 1}

// testKey derives a deterministic secp256k1 key from a label.
func testKey(t testing.TB, label string) *ecdsa.PrivateKey {
	t.Helper()
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("thx p2p test key " + label)))
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func operatorKey(t testing.TB) *ecdsa.PrivateKey { return testKey(t, "operator") }

func address(key *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(key.PublicKey) }

// signOrder returns a limit order of trader on testMarket, signed.
func signOrder(t testing.TB, trader *ecdsa.PrivateKey, nonce uint64) *state.SignedOrder {
	t.Helper()
	o := eip712.Order{
		Trader:      address(trader),
		Market:      testMarket.Market,
		Side:        eip712.Buy,
		Kind:        eip712.Limit,
		TimeInForce: eip712.GTC,
		Price:       12345,
		Quantity:    3,
		MaxFeeBps:   30,
		Nonce:       nonce,
	}
	_, sig, err := testExchange.Domain().SignOrder(o, trader)
	if err != nil {
		t.Fatal(err)
	}
	return &state.SignedOrder{ChainID: testExchange.ChainID, Order: o, Signature: sig}
}

func encodeOrder(t testing.TB, o *state.SignedOrder) []byte {
	t.Helper()
	data, err := (&OrderMessage{Market: testMarket, Order: o}).Encode()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func testPayload(seq uint64) []byte {
	p := make([]byte, 8+seq%50)
	binary.BigEndian.PutUint64(p, seq)
	return p
}

func testEntries(from, to uint64) []store.Entry {
	var entries []store.Entry
	for seq := from; seq <= to; seq++ {
		entries = append(entries, store.Entry{Seq: seq, Payload: testPayload(seq)})
	}
	return entries
}

func signBatch(t testing.TB, key *ecdsa.PrivateKey, from, to uint64) *Batch {
	t.Helper()
	b, err := NewBatch(testExchange, testEntries(from, to), store.StateHash{byte(to)}, key)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
func signCancel(t testing.TB, trader *ecdsa.PrivateKey, orderHash common.Hash) *state.SignedCancel {
	t.Helper()
	c := eip712.Cancel{Trader: address(trader), OrderHash: orderHash}
	_, sig, err := testExchange.Domain().SignCancel(c, trader)
	if err != nil {
		t.Fatal(err)
	}
	return &state.SignedCancel{ChainID: testExchange.ChainID, Cancel: c, Signature: sig}
}
