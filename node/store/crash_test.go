package store_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/thaliumx/thaliumx/node/store"
	"github.com/thaliumx/thaliumx/node/store/crashtest"
)

// The crash test runs crashTrialsDefault trials. -crash.trials or
// THX_CRASH_TRIALS sets another number, and -crash.seed or THX_CRASH_SEED
// reruns one sequence of trials.
var (
	crashTrialsFlag = flag.Int("crash.trials", 0, "number of crash trials (default 50, or THX_CRASH_TRIALS)")
	crashSeedFlag   = flag.Int64("crash.seed", 0, "seed of the crash trials (default: time-based, or THX_CRASH_SEED)")
)

const (
	crashTrialsDefault = 50
	// crashesPerDir: the trials of one data directory crash it this many
	// times in a row, so recovery is also tested on recovered data.
	crashesPerDir = 5
	// crashKillAfterMax bounds how long a child runs after it is ready.
	crashKillAfterMax = 150 * time.Millisecond
	// crashCommitInterval is the LogCommitInterval of every second data
	// directory's children, short enough for several commits before the
	// kill.
	crashCommitInterval = 5 * time.Millisecond

	envCrashChildDir  = "THX_STORE_CRASH_CHILD_DIR"
	envCrashChildSeed = "THX_STORE_CRASH_CHILD_SEED"
	// envCrashChildInterval is the child's LogCommitInterval, in the
	// format of time.ParseDuration.
	envCrashChildInterval = "THX_STORE_CRASH_CHILD_COMMIT_INTERVAL"
)

func crashConfig(seed int64, commitInterval time.Duration) crashtest.Config {
	return crashtest.Config{
		Seed:              seed,
		Writers:           4,
		RequestEntriesMax: 8,
		SnapshotEvery:     500,
		LastSeqMax:        1 << 40,
		NewState:          newMachineState,
		Entries:           machineEntries{Seed: seed},
		Store: store.Options{
			Logger:            slog.New(slog.NewTextHandler(io.Discard, nil)),
			SnapshotsKept:     3,
			LogCommitInterval: commitInterval,
		},
	}
}

// TestCrashChild is the child process of TestCrashRecovery; it does nothing
// in a normal run.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(envCrashChildDir)
	if dir == "" {
		t.Skip("runs only as the child process of TestCrashRecovery")
	}
	seed, err := strconv.ParseInt(os.Getenv(envCrashChildSeed), 10, 64)
	if err != nil {
		t.Fatalf("invalid %s: %v", envCrashChildSeed, err)
	}
	interval, err := time.ParseDuration(os.Getenv(envCrashChildInterval))
	if err != nil {
		t.Fatalf("invalid %s: %v", envCrashChildInterval, err)
	}
	// The parent kills the child; the timeout only bounds an orphan.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := crashtest.RunChild(ctx, dir, crashConfig(seed, interval), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(2)
	}
}

func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	trials := envInt(t, *crashTrialsFlag, "THX_CRASH_TRIALS", crashTrialsDefault)
	seed := int64(envInt(t, int(*crashSeedFlag), "THX_CRASH_SEED", int(time.Now().UnixNano()%1e9)))
	t.Logf("crash test: %d trials, seed %d (rerun with -crash.seed=%d)", trials, seed, seed)
	rng := rand.New(rand.NewSource(seed))

	root := t.TempDir()
	var hist crashtest.History
	var dir string
	var interval time.Duration
	for trial := 0; trial < trials; trial++ {
		if trial%crashesPerDir == 0 {
			dir = filepath.Join(root, fmt.Sprintf("chain-%d", trial/crashesPerDir))
			hist = crashtest.History{}
			// Every second directory spaces its commits, as a follower's
			// store does.
			interval = 0
			if trial/crashesPerDir%2 == 1 {
				interval = crashCommitInterval
			}
		}
		kill := crashtest.Kill{After: time.Duration(rng.Int63n(int64(crashKillAfterMax)))}
		// One trial in ten kills the child while it may still be recovering.
		kill.BeforeReady = trial%crashesPerDir != 0 && rng.Intn(10) == 0

		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
		cmd.Env = append(os.Environ(), envCrashChildDir+"="+dir, envCrashChildSeed+"="+strconv.FormatInt(seed, 10),
			envCrashChildInterval+"="+interval.String())
		out, err := crashtest.RunTrial(context.Background(), cmd, kill)
		if err != nil {
			t.Fatalf("trial %d (seed %d): %v", trial, seed, err)
		}
		if out.ExitedEarly {
			t.Fatalf("trial %d (seed %d): child exited before the kill; stderr:\n%s", trial, seed, out.Stderr)
		}
		if out.Ready && out.ReadySeq < hist.AckedThrough {
			t.Fatalf("trial %d (seed %d): child recovered to seq %d, but seq %d was acknowledged before", trial, seed, out.ReadySeq, hist.AckedThrough)
		}
		hist.AckedThrough = max(hist.AckedThrough, out.AckedThrough)
		hist.SnapshotSaved = max(hist.SnapshotSaved, out.SnapshotSaved)

		report, err := crashtest.Check(context.Background(), dir, crashConfig(seed, interval), hist)
		if err != nil {
			t.Fatalf("trial %d (seed %d, kill after %s, before ready %v, commit interval %s): %v",
				trial, seed, kill.After, kill.BeforeReady, interval, err)
		}
		t.Logf("trial %d: commit interval %s, killed after %s, acknowledged through %d, log ends at %d, indexed through %d, %d snapshots",
			trial, interval, kill.After, out.AckedThrough, report.LastSeq, report.IndexedThrough, report.Snapshots)
	}
}

// envInt returns flagValue when set, else the environment variable, else
// def.
func envInt(t *testing.T, flagValue int, env string, def int) int {
	if flagValue != 0 {
		return flagValue
	}
	if v := os.Getenv(env); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("invalid %s=%q: %v", env, v, err)
		}
		return n
	}
	return def
}
