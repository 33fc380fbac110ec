package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/multiformats/go-multiaddr"
	"github.com/urfave/cli/v2"
	"github.com/urfave/cli/v2/altsrc"

	"github.com/thaliumx/thaliumx/node"
	"github.com/thaliumx/thaliumx/node/store"
)

// p2pPortDefault is the TCP and UDP port of the p2p host when the network
// is on and --p2p.listen is not set.
const p2pPortDefault = 30645

func networkFlags() []cli.Flag {
	return []cli.Flag{
		altsrc.NewStringFlag(&cli.StringFlag{Name: "role", Value: string(node.RoleSequencer), Usage: "ROLE of the node: sequencer (sequences the log; its operator must be the Exchange's) or follower (applies the sequencer's log from its peers)", EnvVars: []string{"THX_ROLE"}}),
		altsrc.NewBoolFlag(&cli.BoolFlag{Name: "p2p", Usage: fmt.Sprintf("run the p2p host, on 127.0.0.1 port %d unless --p2p.listen sets the addresses; implied by the other p2p settings and by --role follower", p2pPortDefault), EnvVars: []string{"THX_P2P"}}),
		altsrc.NewStringSliceFlag(&cli.StringSliceFlag{Name: "p2p.listen", Usage: fmt.Sprintf("MULTIADDR the p2p host listens on, TCP or QUIC, such as /ip4/0.0.0.0/tcp/%d; repeatable (default: 127.0.0.1 TCP and QUIC on port %d)", p2pPortDefault, p2pPortDefault), EnvVars: []string{"THX_P2P_LISTEN"}}),
		altsrc.NewStringSliceFlag(&cli.StringSliceFlag{Name: "bootnodes", Usage: "MULTIADDR ending in /p2p/<peer id> of a peer to stay connected to; repeatable or comma-separated. A follower needs a direct connection to the sequencer", EnvVars: []string{"THX_BOOTNODES"}}),
		altsrc.NewDurationFlag(&cli.DurationFlag{Name: "log.commit-interval", Value: node.FollowerLogCommitIntervalDefault, Usage: fmt.Sprintf("least DURATION between a follower's log commits, at most %s; 0 commits each applied round at once. A sequencer commits each round at once, because its replies wait for the sync", store.LogCommitIntervalMax), EnvVars: []string{"THX_LOG_COMMIT_INTERVAL"}}),
		altsrc.NewBoolFlag(&cli.BoolFlag{Name: "p2p.mdns", Usage: "discover peers on the local network by multicast DNS; with --dev only", EnvVars: []string{"THX_P2P_MDNS"}}),
	}
}

// networkOn reports whether the settings ask for the p2p host.
func networkOn(c *cli.Context) bool {
	return c.Bool("p2p") || len(c.StringSlice("p2p.listen")) > 0 || len(c.StringSlice("bootnodes")) > 0 ||
		c.Bool("p2p.mdns") || isFollower(c)
}

func isFollower(c *cli.Context) bool { return c.String("role") == string(node.RoleFollower) }

// configureNetwork sets the node's role and network from the settings.
func configureNetwork(c *cli.Context, cfg *node.Config, dev bool) error {
	if err := checkNetworkFlags(c, dev); err != nil {
		return err
	}
	role := node.Role(c.String("role"))
	cfg.Role = role
	if err := configureCommitInterval(c, cfg); err != nil {
		return err
	}
	if !networkOn(c) {
		return nil
	}
	listen, err := listenAddrs(c)
	if err != nil {
		return err
	}
	bootnodes, err := parseMultiaddrs("bootnodes", c.StringSlice("bootnodes"))
	if err != nil {
		return err
	}
	if role == node.RoleFollower && len(bootnodes) == 0 {
		return errors.New("a follower needs --bootnodes: the p2p address of the sequencer or of a node connected to it")
	}
	cfg.Network = &node.NetworkConfig{ListenAddrs: listen, Bootnodes: bootnodes, MDNS: c.Bool("p2p.mdns")}
	return nil
}

// configureCommitInterval sets a follower's least time between log
// commits from --log.commit-interval, which only a follower takes.
func configureCommitInterval(c *cli.Context, cfg *node.Config) error {
	interval := c.Duration("log.commit-interval")
	if cfg.Role != node.RoleFollower {
		if c.IsSet("log.commit-interval") {
			return fmt.Errorf("--log.commit-interval %s applies to --role follower only: a sequencer commits each round at once, because its replies wait for the sync; remove the flag", interval)
		}
		return nil
	}
	if interval < 0 || interval > store.LogCommitIntervalMax {
		return fmt.Errorf("invalid --log.commit-interval %s: use 0 (commit each applied round at once) to %s", interval, store.LogCommitIntervalMax)
	}
	if interval == 0 {
		// The node's config reads zero as the default and a negative
		// value as "at once".
		interval = -1
	}
	cfg.Store.LogCommitInterval = interval
	return nil
}

// listenAddrs returns the addresses of --p2p.listen, or the default ones.
func listenAddrs(c *cli.Context) ([]multiaddr.Multiaddr, error) {
	listen, err := parseMultiaddrs("p2p.listen", c.StringSlice("p2p.listen"))
	if err != nil || len(listen) > 0 {
		return listen, err
	}
	return []multiaddr.Multiaddr{
		multiaddr.StringCast(fmt.Sprintf("/ip4/127.0.0.1/tcp/%d", p2pPortDefault)),
		multiaddr.StringCast(fmt.Sprintf("/ip4/127.0.0.1/udp/%d/quic-v1", p2pPortDefault)),
	}, nil
}

// parseMultiaddrs parses the values of a multiaddr flag, each possibly a
// comma-separated list.
func parseMultiaddrs(flag string, values []string) ([]multiaddr.Multiaddr, error) {
	var out []multiaddr.Multiaddr
	for _, v := range values {
		for _, text := range strings.Split(v, ",") {
			text = strings.TrimSpace(text)
			if text == "" {
				continue
			}
			addr, err := multiaddr.NewMultiaddr(text)
			if err != nil {
				return nil, fmt.Errorf("invalid --%s %q: %v; write a multiaddr such as /ip4/127.0.0.1/tcp/%d", flag, text, err, p2pPortDefault)
			}
			out = append(out, addr)
		}
	}
	return out, nil
}
