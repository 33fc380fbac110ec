package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"syscall"

	gethnode "github.com/ethereum/go-ethereum/node"
	"github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/node"
)

// checkNodeFlags checks the settings that need no chain or data
// directory, and that the p2p addresses are free, so that thx node
// rejects them before it starts the dev chain or opens the store.
func checkNodeFlags(c *cli.Context) error {
	if err := rejectArguments(c, "thx node"); err != nil {
		return err
	}
	if err := checkNetworkFlags(c, c.Bool("dev")); err != nil {
		return err
	}
	if err := checkHTTPAddr(c.String("http.addr")); err != nil {
		return err
	}
	if dir := c.String("datadir"); dir != "" {
		if info, err := os.Stat(dir); err == nil && !info.IsDir() {
			return fmt.Errorf("invalid --datadir %s: it is a file; give a directory, new or a node's data directory", dir)
		}
	}
	if c.Bool("dev") {
		if err := checkDevFlags(c); err != nil {
			return err
		}
	}
	if !networkOn(c) {
		return nil
	}
	listen, err := listenAddrs(c)
	if err != nil {
		return err
	}
	return checkP2PListen(listen)
}

// checkNetworkFlags checks the role and its combinations with --dev.
func checkNetworkFlags(c *cli.Context, dev bool) error {
	role := node.Role(c.String("role"))
	if role != node.RoleSequencer && role != node.RoleFollower {
		return fmt.Errorf("invalid --role %q: use %s or %s", role, node.RoleSequencer, node.RoleFollower)
	}
	if role == node.RoleFollower && dev {
		return errors.New("--dev runs a sequencer on its own chain; a follower takes --chain and --exchange of the sequencer's chain instead")
	}
	if c.Bool("p2p.mdns") && !dev {
		return errors.New("--p2p.mdns sends multicast DNS on the local network and is for --dev only; list peers with --bootnodes")
	}
	return nil
}

// checkHTTPAddr checks that --http.addr is HOST:PORT.
func checkHTTPAddr(addr string) error {
	_, portText, err := net.SplitHostPort(addr)
	if err != nil {
		if port, convErr := strconv.Atoi(addr); convErr == nil && port >= 0 && port <= 65535 {
			return fmt.Errorf("invalid --http.addr %q: missing the host; use 127.0.0.1:%d to listen on this machine only", addr, port)
		}
		return fmt.Errorf("invalid --http.addr %q: expected HOST:PORT, such as %s", addr, httpAddrDefault)
	}
	if port, err := strconv.Atoi(portText); err != nil || port < 0 || port > 65535 {
		return fmt.Errorf("invalid --http.addr %q: port %q is not 0 to 65535", addr, portText)
	}
	return nil
}

// listenHTTP opens the --http.addr listener before the node starts, so a
// port in use fails at once.
func listenHTTP(addr string) (net.Listener, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on --http.addr %s: %w; stop the program that uses it or choose another address", addr, err)
	}
	return l, nil
}

// checkP2PListen checks that no other process listens on the p2p
// addresses. libp2p binds its ports with SO_REUSEPORT, so a second node
// on the same port starts without an error and then receives none of the
// connections. A plain bind without SO_REUSEPORT fails on such a port.
func checkP2PListen(addrs []multiaddr.Multiaddr) error {
	for _, addr := range addrs {
		network, host, err := manet.DialArgs(addr)
		if err != nil || portOf(host) == 0 {
			continue // QUIC and other transports: libp2p reports their errors
		}
		var closeErr error
		switch network {
		case "tcp", "tcp4", "tcp6":
			var l net.Listener
			if l, err = net.Listen(network, host); err == nil {
				closeErr = l.Close()
			}
		case "udp", "udp4", "udp6":
			var pc net.PacketConn
			if pc, err = net.ListenPacket(network, host); err == nil {
				closeErr = pc.Close()
			}
		default:
			continue
		}
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("p2p address %s is in use, perhaps by another node on this machine: stop it or choose another address with --p2p.listen", addr)
		}
		if err != nil {
			return fmt.Errorf("p2p address %s: %w; check --p2p.listen", addr, err)
		}
		if closeErr != nil {
			return fmt.Errorf("p2p address %s: close the test listener: %w", addr, closeErr)
		}
	}
	return nil
}

func portOf(hostPort string) int {
	_, portText, err := net.SplitHostPort(hostPort)
	if err != nil {
		return 0
	}
	port, _ := strconv.Atoi(portText)
	return port
}

// explainDatadirUsed names the data directory when the dev chain finds it
// locked by another process.
func explainDatadirUsed(err error, dir string) error {
	if !errors.Is(err, gethnode.ErrDatadirUsed) {
		return err
	}
	return fmt.Errorf("data directory %s is in use by another process, such as a running thx node: stop that node or choose another --datadir: %w", dir, err)
}

// rejectArguments rejects arguments of a command that takes none. The flag
// parser stops at the first argument, so without this check every flag
// after it would be ignored without an error.
func rejectArguments(c *cli.Context, command string) error {
	if c.NArg() == 0 {
		return nil
	}
	return fmt.Errorf("%s takes no arguments, got %q, and reads no flag after the first argument: "+
		"give each value with its flag, and quote a flag value that contains spaces", command, c.Args().Slice())
}
