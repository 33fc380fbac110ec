package node

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain"
	"github.com/thaliumx/thaliumx/contracts/bindings"
)

// startFollower starts a follower: it reads the operator whose batches it
// accepts, recovers its state from the store, starts its pipeline and its
// host, and starts catching up with the peers' log. It returns once the
// node accepts requests, which may be before it has caught up.
func (n *Node) startFollower(ctx context.Context) error {
	operator, err := n.readOperator(ctx)
	if err != nil {
		return err
	}
	if err := n.recover(ctx); err != nil {
		return err
	}
	n.startFollowerPipeline()
	if err := n.net.startHost(operator); err != nil {
		return err
	}
	n.net.follower.startSync()
	n.watchOperator(operator)

	n.acceptMu.Lock()
	n.accepting = true
	n.acceptMu.Unlock()
	n.log.Info("node started", "role", RoleFollower, "seq", n.durable.Load(), "operator", operator,
		"markets", len(n.views.markets.Load().list), "peer_id", n.net.host.ID())
	return nil
}

// startFollowerPipeline starts the verifiers, the forwarder, the applier,
// the publisher, the indexer and the snapshot writer.
func (n *Node) startFollowerPipeline() {
	for range n.cfg.VerifyWorkers {
		n.workers.Add(1)
		go n.runVerifier()
	}
	n.pipelines.Add(5)
	go n.runFollower()
	go n.runForwarder()
	go n.runPublisher()
	go n.runIndexer()
	go n.runSnapshotWriter()
	n.pipelineStarted = true
}

// readOperator returns the account whose signature log batches must
// carry: the operator registered in the first chain's Exchange when the
// chain has an endpoint, else Network.Operator. A chain client stays open
// in n.net.chain for watchOperator.
func (n *Node) readOperator(ctx context.Context) (common.Address, error) {
	cfg := n.cfg.Chains[0]
	if cfg.Endpoint == "" {
		return n.cfg.Network.Operator, nil
	}
	client, err := chain.Dial(ctx, chain.Endpoint{ChainID: cfg.ChainID, URL: cfg.Endpoint})
	if err != nil {
		return common.Address{}, fmt.Errorf("node: chain %d: %w", cfg.ChainID, err)
	}
	operator, err := exchangeOperator(ctx, client, cfg.Exchange)
	if err != nil {
		client.Close()
		return common.Address{}, fmt.Errorf("node: chain %d: %w", cfg.ChainID, err)
	}
	if configured := n.cfg.Network.Operator; configured != (common.Address{}) && configured != operator {
		client.Close()
		return common.Address{}, fmt.Errorf("%w: Network.Operator is %s, the Exchange %s on chain %d registers %s",
			ErrInvalidConfig, configured, cfg.Exchange, cfg.ChainID, operator)
	}
	n.net.chain = client
	return operator, nil
}

// exchangeOperator reads the operator registered in an Exchange.
func exchangeOperator(ctx context.Context, client *chain.Client, exchange common.Address) (common.Address, error) {
	binding := bindings.NewExchange()
	instance := bind.NewBoundContract(exchange, binding.GetABI(), client.Eth(), nil, nil)
	operator, err := bind.Call(instance, &bind.CallOpts{Context: ctx}, binding.PackOperator(), binding.UnpackOperator)
	if err != nil {
		return common.Address{}, fmt.Errorf("read the operator of Exchange %s: %w", exchange, err)
	}
	if operator == (common.Address{}) {
		return common.Address{}, fmt.Errorf("%w: Exchange %s has no operator", ErrInvalidConfig, exchange)
	}
	return operator, nil
}

// watchOperator reads the Exchange's operator every OperatorPollInterval
// and hands a new one to the host, so that the follower accepts the
// batches of a new sequencer once the Exchange registers it.
func (n *Node) watchOperator(operator common.Address) {
	nw := n.net
	if nw.chain == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	nw.stopWatch = func() {
		cancel()
		<-done
		nw.chain.Close()
	}
	exchange := n.cfg.Chains[0].Exchange
	go func() {
		defer close(done)
		ticker := time.NewTicker(nw.cfg.OperatorPollInterval)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
			current, err := exchangeOperator(ctx, nw.chain, exchange)
			switch {
			case errors.Is(err, context.Canceled):
				return
			case err != nil:
				nw.log.Warn("reading the Exchange's operator failed; batches are still checked against the last one",
					"operator", operator, "err", err)
			case current != operator:
				nw.log.Info("the Exchange registers a new operator; accepting its batches", "previous", operator, "operator", current)
				operator = current
				nw.host.SetOperator(current)
			}
		}
	}()
}
