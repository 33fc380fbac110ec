package watcher

import (
	"context"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

func TestDecodeRejectsMalformedLogs(t *testing.T) {
	decoder := mustExchangeDecoder()
	deposited := decoder.deposited.ID
	orderCancelled := decoder.orderCancelled.ID
	noncesCancelled := decoder.noncesCancelled.ID
	cases := map[string]types.Log{
		"no topics":               {},
		"unknown topic":           {Topics: []common.Hash{common.HexToHash("0x01")}},
		"deposit, 3 topics":       {Topics: []common.Hash{deposited, {}, {}}, Data: make([]byte, 32)},
		"deposit, no data":        {Topics: []common.Hash{deposited, {}, {}, {}}},
		"deposit id > 64bit":      {Topics: []common.Hash{deposited, common.HexToHash("0x010000000000000000"), {}, {}}, Data: make([]byte, 32)},
		"request, 4 topics":       {Topics: []common.Hash{decoder.withdrawalRequested.ID, {}, {}, {}}, Data: make([]byte, 64)},
		"order cancel, 2 topics":  {Topics: []common.Hash{orderCancelled, {}}, Data: make([]byte, 32)},
		"order cancel, 4 topics":  {Topics: []common.Hash{orderCancelled, {}, {}, {}}, Data: make([]byte, 32)},
		"order cancel, no data":   {Topics: []common.Hash{orderCancelled, {}, {}}},
		"order cancel, short":     {Topics: []common.Hash{orderCancelled, {}, {}}, Data: make([]byte, 31)},
		"order cancel time > 64b": {Topics: []common.Hash{orderCancelled, {}, {}}, Data: common.HexToHash("0x010000000000000000").Bytes()},
		"nonce cancel, 3 topics":  {Topics: []common.Hash{noncesCancelled, {}, {}}, Data: make([]byte, 64)},
		"nonce cancel, no data":   {Topics: []common.Hash{noncesCancelled, {}}},
		"nonce cancel, no time":   {Topics: []common.Hash{noncesCancelled, {}}, Data: make([]byte, 32)},
		"nonce cancel, short":     {Topics: []common.Hash{noncesCancelled, {}}, Data: make([]byte, 63)},
		"min nonce above 64 bits": {Topics: []common.Hash{noncesCancelled, {}}, Data: append(common.HexToHash("0x010000000000000000").Bytes(), make([]byte, 32)...)},
		"nonce cancel time > 64b": {Topics: []common.Hash{noncesCancelled, {}}, Data: append(make([]byte, 32), common.HexToHash("0x010000000000000000").Bytes()...)},
	}
	for name, log := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := decoder.Decode(1, log); !errors.Is(err, ErrInvalidLog) {
				t.Fatalf("Decode error = %v, expected ErrInvalidLog", err)
			}
		})
	}
}

func TestDecodeCancels(t *testing.T) {
	decoder := mustExchangeDecoder()
	orderHash := common.HexToHash("0xc0ffee")
	traderTopic := common.BytesToHash(traderA.Bytes())
	tx := common.HexToHash("0x7a")

	const effectiveAt = 1_800_000_000
	event, err := decoder.Decode(5, types.Log{Topics: []common.Hash{decoder.orderCancelled.ID, traderTopic, orderHash},
		Data: word(big.NewInt(effectiveAt)), BlockNumber: 9, TxHash: tx, Index: 2})
	if err != nil {
		t.Fatalf("Decode OrderCancelled: %v", err)
	}
	if event.Kind != KindOrderCancel || event.Trader != traderA || event.OrderHash != orderHash || event.Amount != nil {
		t.Fatalf("OrderCancelled decoded as %+v, expected trader %s's cancel of %s", event, traderA, orderHash)
	}
	if event.EffectiveAt != effectiveAt {
		t.Fatalf("OrderCancelled effective time = %d, expected %d", event.EffectiveAt, effectiveAt)
	}
	if event.ChainID != 5 || event.BlockNumber != 9 || event.TxHash != tx || event.LogIndex != 2 {
		t.Fatalf("OrderCancelled location = chain %d block %d tx %s log %d", event.ChainID, event.BlockNumber, event.TxHash, event.LogIndex)
	}

	data := append(word(new(big.Int).SetUint64(1<<64-1)), word(big.NewInt(effectiveAt+1))...)
	event, err = decoder.Decode(5, types.Log{Topics: []common.Hash{decoder.noncesCancelled.ID, traderTopic}, Data: data})
	if err != nil {
		t.Fatalf("Decode NoncesCancelled: %v", err)
	}
	if event.Kind != KindNonceCancel || event.Trader != traderA || event.MinNonce != 1<<64-1 || event.Amount != nil {
		t.Fatalf("NoncesCancelled decoded as %+v, expected trader %s's minimum nonce 2^64-1", event, traderA)
	}
	if event.EffectiveAt != effectiveAt+1 {
		t.Fatalf("NoncesCancelled effective time = %d, expected %d", event.EffectiveAt, effectiveAt+1)
	}
}

func TestEventKeyOfCancelIgnoresLocation(t *testing.T) {
	orderCancel := Event{Kind: KindOrderCancel, ChainID: 5, Trader: traderA, OrderHash: common.HexToHash("0x01"),
		BlockNumber: 10, TxHash: common.HexToHash("0xaa"), LogIndex: 1}
	moved := orderCancel
	moved.BlockNumber, moved.BlockHash, moved.LogIndex = 11, common.HexToHash("0xbb"), 4
	if orderCancel.Key() != moved.Key() {
		t.Fatalf("order cancel key changed with its block: %s, then %s", orderCancel.Key(), moved.Key())
	}
	want := "5/order-cancel/" + traderA.Hex() + "/" + common.HexToHash("0x01").Hex()
	if orderCancel.Key() != want {
		t.Fatalf("order cancel key = %s, expected %s", orderCancel.Key(), want)
	}

	nonceCancel := Event{Kind: KindNonceCancel, ChainID: 5, Trader: traderA, MinNonce: 8, TxHash: common.HexToHash("0xaa")}
	higher := nonceCancel
	higher.MinNonce = 9
	if nonceCancel.Key() == higher.Key() {
		t.Fatalf("nonce cancels to 8 and 9 share the key %s", nonceCancel.Key())
	}
	if want := "5/nonce-cancel/" + traderA.Hex() + "/8"; nonceCancel.Key() != want {
		t.Fatalf("nonce cancel key = %s, expected %s", nonceCancel.Key(), want)
	}
	otherTrader := nonceCancel
	otherTrader.Trader = common.HexToAddress("0xa2")
	if nonceCancel.Key() == otherTrader.Key() {
		t.Fatalf("two traders' nonce cancels share the key %s", nonceCancel.Key())
	}
}

// Event layouts of an ABI that NewDecoder accepts, as JSON fragments.
var (
	depositedJSON = `{"type":"event","name":"Deposited","inputs":[
 {"name":"depositId","type":"uint64","indexed":true},
 {"name":"trader","type":"address","indexed":true},
 {"name":"token","type":"address","indexed":true},
 {"name":"amount","type":"uint256","indexed":false}]}`
	withdrawalRequestedJSON = `{"type":"event","name":"WithdrawalRequested","inputs":[
 {"name":"trader","type":"address","indexed":true},
 {"name":"token","type":"address","indexed":true},
 {"name":"amount","type":"uint256","indexed":false},
 {"name":"unlockBlock","type":"uint64","indexed":false}]}`
	orderCancelledJSON = `{"type":"event","name":"OrderCancelled","inputs":[
 {"name":"trader","type":"address","indexed":true},
 {"name":"orderHash","type":"bytes32","indexed":true},
 {"name":"effectiveAt","type":"uint64","indexed":false}]}`
	noncesCancelledJSON = `{"type":"event","name":"NoncesCancelled","inputs":[
 {"name":"trader","type":"address","indexed":true},
 {"name":"minNonce","type":"uint64","indexed":false},
 {"name":"effectiveAt","type":"uint64","indexed":false}]}`
)

func parseEvents(t *testing.T, events ...string) *abi.ABI {
	t.Helper()
	parsed, err := abi.JSON(strings.NewReader("[" + strings.Join(events, ",") + "]"))
	if err != nil {
		t.Fatalf("parse ABI: %v", err)
	}
	return &parsed
}

func TestNewDecoderRejectsOtherLayout(t *testing.T) {
	if _, err := NewDecoder(parseEvents(t, depositedJSON, withdrawalRequestedJSON, orderCancelledJSON, noncesCancelledJSON)); err != nil {
		t.Fatalf("NewDecoder with the Exchange's layout: %v", err)
	}
	cases := map[string][]string{
		"no events":              nil,
		"no Deposited":           {withdrawalRequestedJSON, orderCancelledJSON, noncesCancelledJSON},
		"no WithdrawalRequested": {depositedJSON, orderCancelledJSON, noncesCancelledJSON},
		"no OrderCancelled":      {depositedJSON, withdrawalRequestedJSON, noncesCancelledJSON},
		"no NoncesCancelled":     {depositedJSON, withdrawalRequestedJSON, orderCancelledJSON},
		"deposit id not indexed": {strings.Replace(depositedJSON, `"uint64","indexed":true`, `"uint64","indexed":false`, 1), withdrawalRequestedJSON, orderCancelledJSON, noncesCancelledJSON},
		"order hash not indexed": {depositedJSON, withdrawalRequestedJSON, strings.Replace(orderCancelledJSON, `"bytes32","indexed":true`, `"bytes32","indexed":false`, 1), noncesCancelledJSON},
		"min nonce indexed":      {depositedJSON, withdrawalRequestedJSON, orderCancelledJSON, strings.Replace(noncesCancelledJSON, `"uint64","indexed":false`, `"uint64","indexed":true`, 1)},
		"order cancel without time": {depositedJSON, withdrawalRequestedJSON, strings.Replace(orderCancelledJSON, `,
 {"name":"effectiveAt","type":"uint64","indexed":false}`, "", 1), noncesCancelledJSON},
		"nonce cancel time indexed":   {depositedJSON, withdrawalRequestedJSON, orderCancelledJSON, strings.Replace(noncesCancelledJSON, `"effectiveAt","type":"uint64","indexed":false`, `"effectiveAt","type":"uint64","indexed":true`, 1)},
		"min nonce of another type":   {depositedJSON, withdrawalRequestedJSON, orderCancelledJSON, strings.Replace(noncesCancelledJSON, `"uint64"`, `"uint256"`, 1)},
		"order cancel without trader": {depositedJSON, withdrawalRequestedJSON, `{"type":"event","name":"OrderCancelled","inputs":[{"name":"orderHash","type":"bytes32","indexed":true},{"name":"effectiveAt","type":"uint64","indexed":false}]}`, noncesCancelledJSON},
	}
	for name, events := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := NewDecoder(parseEvents(t, events...)); !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("NewDecoder error = %v, expected ErrInvalidConfig", err)
			}
		})
	}
}

func TestFileCursorStoreRoundTrip(t *testing.T) {
	dir := t.TempDir()
	store, err := NewFileCursorStore(dir)
	if err != nil {
		t.Fatalf("NewFileCursorStore: %v", err)
	}
	ctx := context.Background()
	if _, ok, err := store.LoadCursor(ctx, 5); ok || err != nil {
		t.Fatalf("LoadCursor on an empty store = %v, %v", ok, err)
	}
	saved := Cursor{ChainID: 5, Block: 123, Hash: common.HexToHash("0xabc")}
	if err := store.SaveCursor(ctx, saved); err != nil {
		t.Fatalf("SaveCursor: %v", err)
	}
	loaded, ok, err := store.LoadCursor(ctx, 5)
	if err != nil || !ok || loaded != saved {
		t.Fatalf("LoadCursor = %+v, %v, %v, expected %+v", loaded, ok, err, saved)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("%d files in the store directory, expected 1 (no temporary files left)", len(entries))
	}

	if err := os.WriteFile(filepath.Join(dir, "cursor-6.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.LoadCursor(ctx, 6); !errors.Is(err, ErrInvalidCursor) {
		t.Fatalf("LoadCursor of a torn file: error = %v, expected ErrInvalidCursor", err)
	}
	if _, err := NewFileCursorStore(filepath.Join(dir, "missing")); !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("NewFileCursorStore on a missing directory: error = %v, expected ErrInvalidConfig", err)
	}
}
