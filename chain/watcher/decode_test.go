package watcher

import (
	"context"
	"errors"
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
	cases := map[string]types.Log{
		"no topics":          {},
		"unknown topic":      {Topics: []common.Hash{common.HexToHash("0x01")}},
		"deposit, 3 topics":  {Topics: []common.Hash{deposited, {}, {}}, Data: make([]byte, 32)},
		"deposit, no data":   {Topics: []common.Hash{deposited, {}, {}, {}}},
		"deposit id > 64bit": {Topics: []common.Hash{deposited, common.HexToHash("0x010000000000000000"), {}, {}}, Data: make([]byte, 32)},
		"request, 4 topics":  {Topics: []common.Hash{decoder.withdrawalRequested.ID, {}, {}, {}}, Data: make([]byte, 64)},
	}
	for name, log := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := decoder.Decode(1, log); !errors.Is(err, ErrInvalidLog) {
				t.Fatalf("Decode error = %v, expected ErrInvalidLog", err)
			}
		})
	}
}

func TestNewDecoderRejectsOtherLayout(t *testing.T) {
	const changed = `[
{"type":"event","name":"Deposited","inputs":[
 {"name":"depositId","type":"uint64","indexed":false},
 {"name":"trader","type":"address","indexed":true},
 {"name":"token","type":"address","indexed":true},
 {"name":"amount","type":"uint256","indexed":false}]},
{"type":"event","name":"WithdrawalRequested","inputs":[
 {"name":"trader","type":"address","indexed":true},
 {"name":"token","type":"address","indexed":true},
 {"name":"amount","type":"uint256","indexed":false},
 {"name":"unlockBlock","type":"uint64","indexed":false}]}
]`
	parsed, err := abi.JSON(strings.NewReader(changed))
	if err != nil {
		t.Fatalf("parse ABI: %v", err)
	}
	if _, err := NewDecoder(&parsed); !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("NewDecoder error = %v, expected ErrInvalidConfig", err)
	}
	empty := abi.ABI{}
	if _, err := NewDecoder(&empty); !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("NewDecoder without events: error = %v, expected ErrInvalidConfig", err)
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
