package devchain

import (
	"context"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// killChildDirEnv names the data directory of the child process of
// TestDataDirSurvivesKill.
const killChildDirEnv = "THX_DEVCHAIN_KILL_CHILD_DIR"

// sealedFile, in the child's data directory, holds the block number of
// the child's transfer once its receipt is in.
const sealedFile = "sealed-block"

// TestKillChild is the child process of TestDataDirSurvivesKill: it seals
// a transfer, writes its block number and waits to be killed.
func TestKillChild(t *testing.T) {
	dir := os.Getenv(killChildDirEnv)
	if dir == "" {
		t.Skip("runs only as the child process of TestDataDirSurvivesKill")
	}
	c, err := Start(Config{ChainID: 1337, BlockInterval: time.Hour, DataDir: dir, Logger: quietLogger()})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	client := dial(t, c.HTTPURL())
	accounts := c.Accounts()
	tx := sendValue(t, client, c.ChainID(), accounts[0], accounts[1].Address, 12345)
	block := waitReceipt(t, client, tx).BlockNumber.Uint64()
	if err := os.WriteFile(filepath.Join(dir, sealedFile), []byte(strconv.FormatUint(block, 10)), 0o600); err != nil {
		t.Fatalf("write the sealed block: %v", err)
	}
	time.Sleep(time.Hour)
}

// TestDataDirSurvivesKill kills a process that sealed a transfer on a
// chain with a data directory, without a graceful stop, and checks that
// the chain reopens with the transfer's block and its state.
func TestDataDirSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a dev chain in a child process")
	}
	dir := t.TempDir()
	child := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
	child.Env = append(os.Environ(), killChildDirEnv+"="+dir)
	if err := child.Start(); err != nil {
		t.Fatalf("start the child process: %v", err)
	}
	var sealed uint64
	deadline := time.Now().Add(waitMax)
	for {
		data, err := os.ReadFile(filepath.Join(dir, sealedFile))
		if err == nil {
			if sealed, err = strconv.ParseUint(string(data), 10, 64); err != nil {
				t.Fatalf("sealed block %q: %v", data, err)
			}
			break
		}
		if time.Now().After(deadline) {
			_ = child.Process.Kill()
			_ = child.Wait()
			t.Fatalf("the child sealed no transfer within %s", waitMax)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatalf("kill the child: %v", err)
	}
	_ = child.Wait()

	c := startChain(t, Config{ChainID: 1337, BlockInterval: time.Hour, DataDir: dir})
	client := dial(t, c.HTTPURL())
	ctx := context.Background()
	number, err := client.BlockNumber(ctx)
	if err != nil {
		t.Fatalf("BlockNumber: %v", err)
	}
	if number < sealed {
		t.Fatalf("the chain reopened at block %d after the kill, below the transfer's block %d", number, sealed)
	}
	balance, err := client.BalanceAt(ctx, c.Accounts()[1].Address, nil)
	expected := new(big.Int).Add(BalanceDefault, big.NewInt(12345))
	if err != nil || balance.Cmp(expected) != 0 {
		t.Fatalf("recipient balance after the kill = %s (err %v), expected %s", balance, err, expected)
	}
}
