package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"reflect"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/node"
	"github.com/thaliumx/thaliumx/testnet"
)

// testnetStartTimeout bounds the start of the chain and every node.
const testnetStartTimeout = 5 * time.Minute

func testnetCommand() *cli.Command {
	return &cli.Command{
		Name:  "testnet",
		Usage: "run a local network: a development chain, a sequencer and followers on 127.0.0.1",
		Description: "Starts one embedded development chain with the Exchange, test tokens and funded accounts, and N nodes:\n" +
			"node 0 sequences the log and nodes 1 to N-1 follow it over libp2p. Every node serves JSON-RPC on its own\n" +
			"port, and orders sent to any node reach the sequencer. SIGINT or SIGTERM stops them all, also during the\n" +
			"start; a second signal exits at once.",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "nodes", Value: 3, Usage: fmt.Sprintf("number of nodes, 1 to %d: one sequencer and N-1 followers", testnet.NodesMax)},
			&cli.StringFlag{Name: "datadir", Usage: "DIR for the chain and the nodes' data (default: a temporary directory removed at exit)"},
			&cli.IntFlag{Name: "dev.port", Value: devChainPortDefault, Usage: "JSON-RPC PORT of the development chain on 127.0.0.1 (0: any free port)"},
			&cli.IntFlag{Name: "dev.accounts", Value: testnet.AccountsDefault, Usage: "funded development accounts; account 0 operates the Exchange"},
			&cli.Uint64Flag{Name: "snapshot-entries", Value: node.SnapshotEntriesDefault, Usage: "log entries between state snapshots; a busy node waits until it is quiet or --snapshot-entries-busy entries have passed"},
			&cli.Uint64Flag{Name: "snapshot-entries-busy", DefaultText: fmt.Sprintf("%d, or --snapshot-entries if larger", node.SnapshotEntriesBusyDefault), Usage: "log entries after which a busy node takes its snapshot anyway; at least --snapshot-entries"},
			&cli.BoolFlag{Name: "mdns", Usage: "also discover peers by multicast DNS, which sends packets on the machine's network interfaces"},
			&cli.StringFlag{Name: "log.level", Value: "warn", Usage: "log LEVEL: debug, info, warn or error"},
			&cli.StringFlag{Name: "log.format", Value: "text", Usage: "log FORMAT: text or json"},
		},
		Action: runTestnet,
	}
}

func runTestnet(c *cli.Context) error {
	logger, err := newLogger(c)
	if err != nil {
		return err
	}
	if err := rejectArguments(c, "thx testnet"); err != nil {
		return err
	}
	if n := c.Int("nodes"); n < 1 || n > testnet.NodesMax {
		return fmt.Errorf("invalid --nodes %d: use 1 to %d", n, testnet.NodesMax)
	}
	dir := c.String("datadir")
	temporary := dir == ""
	if temporary {
		if dir, err = os.MkdirTemp("", "thx-testnet-"); err != nil {
			return fmt.Errorf("create a temporary data directory: %w", err)
		}
		defer os.RemoveAll(dir)
	}

	// Catch the signals before the start and until every node has stopped,
	// so that a signal sent once thx has printed anything stops the network.
	// Before Notify, SIGINT kills the process without a stop, or the kernel
	// drops it where thx inherited SIGINT ignored, as a command that a shell
	// without job control runs with & does.
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(signals)

	nw, interrupted, err := startTestnet(c, signals, testnet.Config{
		Nodes: c.Int("nodes"), DataDir: dir, Accounts: c.Int("dev.accounts"), ChainPort: c.Int("dev.port"),
		MDNS: c.Bool("mdns"), SnapshotEntries: c.Uint64("snapshot-entries"),
		SnapshotEntriesBusy: c.Uint64("snapshot-entries-busy"), Version: versionString(), Logger: logger,
	})
	switch {
	case interrupted && errors.Is(err, context.Canceled):
		// Start stopped what it had started.
		return nil
	case err != nil:
		return explainDevStartError(err, c.Int("dev.port"))
	case interrupted:
		return nw.Close()
	}
	printTestnetBanner(c, nw, dir, temporary)
	return errors.Join(waitTestnet(c, nw, signals), nw.Close())
}

// startTestnet starts the network and cancels the start when a signal
// arrives on signals first, which it reports as interrupted. An
// interrupted start may still return a running network, which the caller
// then closes.
func startTestnet(c *cli.Context, signals <-chan os.Signal, cfg testnet.Config) (nw *testnet.Network, interrupted bool, err error) {
	ctx, cancel := context.WithTimeout(c.Context, testnetStartTimeout)
	defer cancel()
	started := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case <-signals:
			interrupted = true
			announceStop(c, signals)
			cancel()
		case <-started:
		}
	}()
	nw, err = testnet.Start(ctx, cfg)
	close(started)
	<-watched // the goroutine sets interrupted, if at all, before it returns
	return nw, interrupted, err
}

// waitTestnet waits for SIGINT, SIGTERM or a node that stops sequencing
// or following after an error.
func waitTestnet(c *cli.Context, nw *testnet.Network, signals <-chan os.Signal) error {
	members := nw.Members()
	cases := []reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(signals)}}
	for _, m := range members {
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(m.Node.Failed())})
	}
	chosen, _, _ := reflect.Select(cases)
	if chosen == 0 {
		announceStop(c, signals)
		return nil
	}
	exitOnSignal(c, signals)
	m := members[chosen-1]
	return fmt.Errorf("node %d failed, so the network stops: %w", m.Index, m.Node.Err())
}

// announceStop prints that the network stops after a signal, and that
// another signal exits at once.
func announceStop(c *cli.Context, signals <-chan os.Signal) {
	fmt.Fprintln(c.App.ErrWriter, "stopping the network; send the signal again to exit at once")
	exitOnSignal(c, signals)
}

// exitOnSignal exits the process at once, with no graceful stop, when
// the next signal arrives on signals.
func exitOnSignal(c *cli.Context, signals <-chan os.Signal) {
	go func() {
		<-signals
		fmt.Fprintln(c.App.ErrWriter, "thx: exiting at once without a graceful stop")
		os.Exit(130)
	}()
}

// printTestnetBanner prints each node's JSON-RPC URL, the chain and the
// development accounts.
func printTestnetBanner(c *cli.Context, nw *testnet.Network, dir string, temporary bool) {
	w := c.App.Writer
	d := nw.Dev.Deployment
	fmt.Fprintf(w, "\nThaliumX local network: %d nodes on 127.0.0.1\n\n", len(nw.Members()))
	for _, m := range nw.Members() {
		role := "follower "
		if m.Index == 0 {
			role = "sequencer"
		}
		fmt.Fprintf(w, "  node %-2d  %s  %s  ws%s\n", m.Index, role, m.RPCURL, m.RPCURL[len("http"):])
	}
	fmt.Fprintf(w, "\n  Dev chain       %s  (chain id %d)\n", nw.Dev.Chain.HTTPURL(), d.ChainID)
	fmt.Fprintf(w, "  Exchange        %s\n", d.Exchange)
	fmt.Fprintf(w, "  Data directory  %s%s\n", dir, temporaryNote(temporary))
	fmt.Fprintf(w, "\n  Development accounts, from the public test mnemonic %q:\n", devchain.TestMnemonic)
	fmt.Fprintf(w, "  Their private keys, which thx node --dev prints, are public test keys: never send real funds to them.\n")
	for i, a := range nw.Dev.Chain.Accounts() {
		role := "trader, tokens deposited"
		if i == 0 {
			role = "operator of the Exchange"
		}
		fmt.Fprintf(w, "  %2d  %s  %s\n", i, a.Address, role)
	}
	fmt.Fprintln(w, "\n  Press Ctrl-C to stop every node and the chain.")
}
