package p2p

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// Protocol identifiers. Private ids keep a ThaliumX host out of public
// libp2p networks, whose gossipsub uses other ids and message sizes.
const (
	// GossipProtocol is gossipsub v1.2 under a private id.
	GossipProtocol = protocol.ID("/thx/meshsub/1.2.0")

	// SyncProtocol is the request/response protocol for log ranges and
	// snapshots.
	SyncProtocol = protocol.ID("/thx/sync/1")

	// topicPrefix starts every topic name; the 1 is the version of the
	// message formats carried on the topics.
	topicPrefix = "/thx/1/"

	// topicsPerPeerMax bounds the topic subscriptions one peer may announce.
	topicsPerPeerMax = 4096
)

// topicPattern matches the names OrderTopic, LogTopic and RejectionTopic
// produce. Peers' subscriptions to any other topic are dropped.
var topicPattern = regexp.MustCompile(`^/thx/1/(orders/[0-9]{1,20}/0x[0-9a-f]{40}/[0-9]{1,10}|(log|rejections)/[0-9]{1,20}/0x[0-9a-f]{40})$`)

// ExchangeRef names one Exchange contract on one chain.
type ExchangeRef struct {
	ChainID  uint64
	Contract common.Address
}

// Validate checks that the reference names a chain and a contract.
func (e ExchangeRef) Validate() error {
	if e.ChainID == 0 {
		return invalidConfig("exchange chain id is 0; set the chain id of the Exchange contract")
	}
	if e.Contract == (common.Address{}) {
		return invalidConfig("exchange contract is the zero address; set the Exchange contract address")
	}
	return nil
}

// Domain returns the EIP-712 domain of the Exchange.
func (e ExchangeRef) Domain() eip712.Domain {
	return eip712.Domain{ChainID: e.ChainID, VerifyingContract: e.Contract}
}

func (e ExchangeRef) String() string {
	return fmt.Sprintf("exchange %s on chain %d", e.Contract, e.ChainID)
}

// MarketRef names one market of one Exchange contract: the unit of an order
// topic.
type MarketRef struct {
	ExchangeRef
	Market uint32
}

func (m MarketRef) String() string {
	return fmt.Sprintf("market %d of %s", m.Market, m.ExchangeRef)
}

// Validate checks the exchange and that the market id is set.
func (m MarketRef) Validate() error {
	if err := m.ExchangeRef.Validate(); err != nil {
		return err
	}
	if m.Market == 0 {
		return invalidConfig("market id is 0; market ids start at 1")
	}
	return nil
}

// OrderTopic returns the gossip topic of a market's signed orders and
// cancels: /thx/1/orders/<chain id>/<exchange>/<market>.
func OrderTopic(m MarketRef) string {
	return fmt.Sprintf("%sorders/%d/%s/%d", topicPrefix, m.ChainID, lowerHex(m.Contract), m.Market)
}

// LogTopic returns the gossip topic of an exchange's log batches:
// /thx/1/log/<chain id>/<exchange>.
func LogTopic(e ExchangeRef) string {
	return fmt.Sprintf("%slog/%d/%s", topicPrefix, e.ChainID, lowerHex(e.Contract))
}

// RejectionTopic returns the gossip topic of the sequencer's rejections
// of gossiped orders and cancels: /thx/1/rejections/<chain id>/<exchange>.
func RejectionTopic(e ExchangeRef) string {
	return fmt.Sprintf("%srejections/%d/%s", topicPrefix, e.ChainID, lowerHex(e.Contract))
}

func lowerHex(a common.Address) string {
	return strings.ToLower(a.Hex())
}

// MessageID returns the gossip message id of data: the hex SHA-256 of the
// message bytes. It depends on nothing else, so one order has one id
// whichever node publishes or forwards it, and duplicates are dropped.
func MessageID(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func messageIDFn(m *pb.Message) string {
	return MessageID(m.GetData())
}

// gossipFeatures declares what GossipProtocol supports: the gossipsub v1.2
// feature set.
func gossipFeatures(feature pubsub.GossipSubFeature, id protocol.ID) bool {
	if id != GossipProtocol {
		return false
	}
	switch feature {
	case pubsub.GossipSubFeatureMesh, pubsub.GossipSubFeaturePX, pubsub.GossipSubFeatureIdontwant:
		return true
	}
	return false
}

// subscriptionFilter drops subscriptions to foreign topics and caps how many
// one peer may announce.
func subscriptionFilter() pubsub.SubscriptionFilter {
	return pubsub.WrapLimitSubscriptionFilter(pubsub.NewRegexpSubscriptionFilter(topicPattern), topicsPerPeerMax)
}
