package contracts_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	bind "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/chain/batch"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/chain/eip712/testvector"
	"github.com/thaliumx/thaliumx/contracts/bindings"
)

// Market parameters of the test market THAL/USDC, the example of
// docs/PROTOCOL.md: tick 0.0001 USDC (tickSize 100), lot 0.01 THAL
// (lotSize 10^16), so one lot at one tick costs 1 USDC base unit.
var (
	testTickSize = big.NewInt(100)
	testLotSize  = new(big.Int).Exp(big.NewInt(10), big.NewInt(16), nil)
)

const (
	testMakerFeeBps = 10
	testTakerFeeBps = 20
	testDelayBlocks = 5
	// txGasMax is the gas limit of transactions sent without estimation.
	txGasMax = 15_000_000
)

var (
	exchangeABI = mustABI(bindings.ExchangeMetaData.ParseABI())
	tokenABI    = mustABI(bindings.TestTokenMetaData.ParseABI())
	exchangeB   = bindings.NewExchange()
	tokenB      = bindings.NewTestToken()
)

func mustABI(a *abi.ABI, err error) *abi.ABI {
	if err != nil {
		panic(err)
	}
	return a
}

// harness is one simulated chain with a deployed Exchange, a THAL/USDC
// market and funded accounts.
type harness struct {
	t        testing.TB
	backend  *simulated.Backend
	client   simulated.Client
	chainID  *big.Int
	deployer *ecdsa.PrivateKey // owner of the Exchange and deployer of the tokens
	operator *ecdsa.PrivateKey
	feeTo    common.Address
	exchange common.Address
	wrapped  common.Address
	base     common.Address // THAL, 18 decimals
	quote    common.Address // USDC, 6 decimals
	marketID uint32
	domain   eip712.Domain
	batchID  uint64
	nonces   map[common.Address]uint64
	traders  []common.Address // every account that deposited through fund
	// queued lists the transactions queue sent that commit has not yet
	// seen mined.
	queued []common.Hash
}

// accounts returns every account that can hold an internal balance.
func (h *harness) accounts() []common.Address {
	return append([]common.Address{h.feeTo}, h.traders...)
}

// newHarness starts a simulated chain (chain id 1337) and deploys the
// Exchange with the test vector's deployer key as its first transaction,
// so that the Exchange sits at the vector's verifying contract.
func newHarness(t testing.TB, funded ...*ecdsa.PrivateKey) *harness {
	t.Helper()
	v, err := testvector.Load("../" + testvector.Path)
	if err != nil {
		t.Fatal(err)
	}
	deployer, err := v.Key(v.DeployerKey)
	if err != nil {
		t.Fatal(err)
	}

	operator := newKey(t)
	wrappedDeployer := newKey(t)
	alloc := types.GenesisAlloc{}
	rich := new(big.Int).Exp(big.NewInt(10), big.NewInt(24), nil)
	for _, k := range append([]*ecdsa.PrivateKey{deployer, operator, wrappedDeployer}, funded...) {
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: rich}
	}
	backend := simulated.NewBackend(alloc, simulated.WithBlockGasLimit(60_000_000), withMainnetRules)
	t.Cleanup(func() { backend.Close() })

	h := &harness{
		t: t, backend: backend, client: backend.Client(), chainID: big.NewInt(1337),
		deployer: deployer, operator: operator, feeTo: common.HexToAddress("0xfee0000000000000000000000000000000000fee"),
		nonces: map[common.Address]uint64{},
	}

	h.wrapped = h.deploy(wrappedDeployer, bindings.WrappedNativeMetaData.Bin, bindings.NewWrappedNative().PackConstructor("Wrapped Ether", "WETH"))
	h.exchange = h.deploy(deployer, bindings.ExchangeMetaData.Bin, exchangeB.PackConstructor(
		crypto.PubkeyToAddress(deployer.PublicKey), crypto.PubkeyToAddress(operator.PublicKey), h.feeTo, h.wrapped, testDelayBlocks))
	if h.exchange != v.Domain.VerifyingContract {
		t.Fatalf("Exchange deployed at %s, the test vector expects %s", h.exchange, v.Domain.VerifyingContract)
	}
	h.base = h.deployToken("Thalium", "THAL", 18)
	h.quote = h.deployToken("USD Coin", "USDC", 6)
	h.domain = eip712.Domain{ChainID: h.chainID.Uint64(), VerifyingContract: h.exchange}
	h.marketID = h.listMarket(h.base, h.quote, testTickSize, testLotSize, testMakerFeeBps, testTakerFeeBps)
	return h
}

// withMainnetRules runs the simulated chain under the rules Ethereum
// mainnet runs in go-ethereum v1.17.10 (Osaka). The simulated chain's
// default also activates the Bogota fork, whose draft state-access
// repricing (EIP-8037, EIP-8038) no production chain uses and which would
// distort every gas figure. With -gasprofile it also installs the tracer
// that records gas by kind.
func withMainnetRules(_ *node.Config, ethConf *ethconfig.Config) {
	config := *params.AllDevChainProtocolChanges
	config.BogotaTime = nil
	config.AmsterdamTime = nil
	ethConf.Genesis.Config = &config
	if *gasProfileFlag {
		ethConf.VMTrace = gasTracerName
	}
}

func newKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func addr(k *ecdsa.PrivateKey) common.Address {
	return crypto.PubkeyToAddress(k.PublicKey)
}

func (h *harness) deploy(key *ecdsa.PrivateKey, bin string, args []byte) common.Address {
	h.t.Helper()
	opts := h.opts(key)
	address, tx, err := bind.DeployContract(opts, common.FromHex(bin), h.client, args)
	if err != nil {
		h.t.Fatalf("deploy: %v", err)
	}
	h.backend.Commit()
	h.receipt(tx)
	return address
}

func (h *harness) deployToken(name, symbol string, decimals uint8) common.Address {
	h.t.Helper()
	return h.deploy(h.deployer, bindings.TestTokenMetaData.Bin, tokenB.PackConstructor(name, symbol, decimals))
}

func (h *harness) listMarket(base, quote common.Address, tick, lot *big.Int, makerFee, takerFee uint16) uint32 {
	h.t.Helper()
	h.mustSend(h.deployer, h.exchange, exchangeB.PackListMarket(base, quote, tick, lot, makerFee, takerFee))
	count, err := bind.Call(h.exchangeContract(), nil, exchangeB.PackMarketCount(), exchangeB.UnpackMarketCount)
	if err != nil {
		h.t.Fatal(err)
	}
	return count
}

func (h *harness) exchangeContract() *bind.BoundContract {
	return exchangeB.Instance(h.client, h.exchange)
}

// opts returns transaction options with the account's next nonce.
func (h *harness) opts(key *ecdsa.PrivateKey) *bind.TransactOpts {
	opts := bind.NewKeyedTransactor(key, h.chainID)
	opts.Context = context.Background()
	return opts
}

// send estimates, sends and mines one transaction. A revert during
// estimation comes back as an error naming the custom error.
func (h *harness) send(key *ecdsa.PrivateKey, to common.Address, data []byte) (*types.Receipt, error) {
	return h.sendValue(key, to, data, nil)
}

func (h *harness) sendValue(key *ecdsa.PrivateKey, to common.Address, data []byte, value *big.Int) (*types.Receipt, error) {
	h.t.Helper()
	opts := h.opts(key)
	opts.Value = value
	c := bind.NewBoundContract(to, abi.ABI{}, h.client, h.client, h.client)
	tx, err := c.RawTransact(opts, data)
	if err != nil {
		return nil, revertError(err)
	}
	h.backend.Commit()
	r := h.receipt(tx)
	if r.Status != types.ReceiptStatusSuccessful {
		return r, fmt.Errorf("transaction %s reverted", tx.Hash())
	}
	return r, nil
}

func (h *harness) mustSend(key *ecdsa.PrivateKey, to common.Address, data []byte) *types.Receipt {
	h.t.Helper()
	r, err := h.send(key, to, data)
	if err != nil {
		h.t.Fatalf("transaction to %s: %v", to, err)
	}
	return r
}

// queue sends a transaction without estimation or mining, for setting up
// many accounts in few blocks; commit mines the queue.
func (h *harness) queue(key *ecdsa.PrivateKey, to common.Address, data []byte) {
	h.t.Helper()
	from := addr(key)
	nonce, ok := h.nonces[from]
	if !ok {
		n, err := h.client.PendingNonceAt(context.Background(), from)
		if err != nil {
			h.t.Fatal(err)
		}
		nonce = n
	}
	h.nonces[from] = nonce + 1
	opts := h.opts(key)
	opts.Nonce = new(big.Int).SetUint64(nonce)
	opts.GasLimit = 300_000
	c := bind.NewBoundContract(to, abi.ABI{}, h.client, h.client, h.client)
	tx, err := c.RawTransact(opts, data)
	if err != nil {
		h.t.Fatalf("queue transaction from %s: %v", from, err)
	}
	h.queued = append(h.queued, tx.Hash())
}

// commit mines blocks until every queued transaction has a receipt. The
// pool adds a sent transaction in the background, so an empty pool does
// not mean that all of them were mined.
func (h *harness) commit() {
	h.t.Helper()
	for range 100 {
		h.backend.Commit()
		for len(h.queued) > 0 {
			if _, err := h.client.TransactionReceipt(context.Background(), h.queued[0]); err != nil {
				break
			}
			h.queued = h.queued[1:]
		}
		if len(h.queued) == 0 {
			h.nonces = map[common.Address]uint64{}
			return
		}
		time.Sleep(time.Millisecond)
	}
	h.t.Fatalf("%d queued transactions still not mined after 100 blocks", len(h.queued))
}

func (h *harness) receipt(tx *types.Transaction) *types.Receipt {
	h.t.Helper()
	r, err := h.client.TransactionReceipt(context.Background(), tx.Hash())
	if err != nil {
		h.t.Fatalf("receipt of %s: %v", tx.Hash(), err)
	}
	return r
}

// revertError turns an estimation failure into an error that names the
// contract's custom error, for example "reverted: OrderExpired(...)".
func revertError(err error) error {
	var dataErr rpc.DataError
	if !errors.As(err, &dataErr) {
		return err
	}
	text, ok := dataErr.ErrorData().(string)
	if !ok {
		return err
	}
	data, decodeErr := hexutil.Decode(text)
	if decodeErr != nil || len(data) < 4 {
		return err
	}
	for _, a := range []*abi.ABI{exchangeABI, tokenABI} {
		for name, e := range a.Errors {
			if string(e.ID[:4]) != string(data[:4]) {
				continue
			}
			values, _ := e.Inputs.Unpack(data[4:])
			return &revert{name: name, values: values}
		}
	}
	return fmt.Errorf("%w (revert data %s)", err, text)
}

// revert is a decoded custom error of a reverted call.
type revert struct {
	name   string
	values []any
}

func (r *revert) Error() string {
	return fmt.Sprintf("reverted: %s%v", r.name, r.values)
}

// expectRevert fails the test unless err is the custom error `name`.
func expectRevert(t testing.TB, err error, name string) {
	t.Helper()
	var r *revert
	if !errors.As(err, &r) {
		t.Fatalf("expected revert %s, got %v", name, err)
	}
	if r.name != name {
		t.Fatalf("expected revert %s, got %s", name, r)
	}
}

// fund mints and deposits base and quote tokens for each trader.
func (h *harness) fund(baseAmount, quoteAmount *big.Int, traders ...*ecdsa.PrivateKey) {
	h.t.Helper()
	for _, k := range traders {
		h.queue(h.deployer, h.base, tokenB.PackMint(addr(k), baseAmount))
		h.queue(h.deployer, h.quote, tokenB.PackMint(addr(k), quoteAmount))
		h.queue(k, h.base, tokenB.PackApprove(h.exchange, baseAmount))
		h.queue(k, h.quote, tokenB.PackApprove(h.exchange, quoteAmount))
	}
	h.commit()
	for _, k := range traders {
		h.traders = append(h.traders, addr(k))
		h.queue(k, h.exchange, exchangeB.PackDeposit(h.base, baseAmount))
		h.queue(k, h.exchange, exchangeB.PackDeposit(h.quote, quoteAmount))
	}
	h.commit()
}

func (h *harness) balance(trader, token common.Address) *big.Int {
	h.t.Helper()
	v, err := bind.Call(h.exchangeContract(), nil, exchangeB.PackBalances(trader, token), exchangeB.UnpackBalances)
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

// accruedFees returns the fees of token that settle collected and
// collectFees has not yet credited to the fee recipient.
func (h *harness) accruedFees(token common.Address) *big.Int {
	h.t.Helper()
	v, err := bind.Call(h.exchangeContract(), nil, exchangeB.PackAccruedFees(token), exchangeB.UnpackAccruedFees)
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

func (h *harness) tokenBalance(token, account common.Address) *big.Int {
	h.t.Helper()
	c := tokenB.Instance(h.client, token)
	v, err := bind.Call(c, nil, tokenB.PackBalanceOf(account), tokenB.UnpackBalanceOf)
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

func (h *harness) market() batch.Market {
	return batch.Market{ID: h.marketID, Base: h.base, Quote: h.quote}
}

// order returns a signed GTC limit order of the trader.
func (h *harness) order(key *ecdsa.PrivateKey, side eip712.Side, tif eip712.TimeInForce, price, quantity, nonce uint64) batch.Order {
	o := eip712.Order{
		Trader: addr(key), Market: h.marketID, Side: side, Kind: eip712.Limit, TimeInForce: tif,
		Price: price, Quantity: quantity, MaxFeeBps: 50, Nonce: nonce,
	}
	return h.sign(key, o)
}

func (h *harness) sign(key *ecdsa.PrivateKey, o eip712.Order) batch.Order {
	h.t.Helper()
	_, sig, err := h.domain.SignOrder(o, key)
	if err != nil {
		h.t.Fatal(err)
	}
	return batch.Order{Order: o, Signature: &sig}
}

// settle encodes the batch with the next batch id and sends it from the
// operator. On success the harness advances its batch id.
func (h *harness) settle(b batch.Batch) (*types.Receipt, error) {
	h.t.Helper()
	return h.settleFrom(h.operator, b)
}

func (h *harness) settleFrom(key *ecdsa.PrivateKey, b batch.Batch) (*types.Receipt, error) {
	h.t.Helper()
	b.ID = h.batchID + 1
	if len(b.Markets) == 0 {
		b.Markets = []batch.Market{h.market()}
	}
	data, err := batch.Encode(b)
	if err != nil {
		h.t.Fatalf("encode batch: %v", err)
	}
	r, err := h.send(key, h.exchange, exchangeB.PackSettle(data))
	if err == nil {
		h.batchID++
	}
	return r, err
}

func (h *harness) mustSettle(b batch.Batch) *types.Receipt {
	h.t.Helper()
	r, err := h.settle(b)
	if err != nil {
		h.t.Fatalf("settle: %v", err)
	}
	return r
}

// units returns n * 10^decimals.
func units(n int64, decimals int64) *big.Int {
	return new(big.Int).Mul(big.NewInt(n), new(big.Int).Exp(big.NewInt(10), big.NewInt(decimals), nil))
}

// advanceTo seals an empty block with the timestamp `timestamp`, which
// must be later than the head's. The next transaction's block is one
// second later.
func (h *harness) advanceTo(timestamp uint64) {
	h.t.Helper()
	now := h.headTime()
	if timestamp <= now {
		h.t.Fatalf("advance to timestamp %d: the head block already has timestamp %d", timestamp, now)
	}
	// AdjustTime fails while the pool lists a pending transaction, and the
	// pool drops a mined transaction in the background after the block.
	var err error
	for range 1_000 {
		if err = h.backend.AdjustTime(time.Duration(timestamp-now) * time.Second); err == nil {
			return
		}
		time.Sleep(time.Millisecond)
	}
	h.t.Fatalf("advance to timestamp %d: %v", timestamp, err)
}

// sendUnestimated sends and mines one transaction with a fixed gas limit
// and returns its receipt, which may show a revert.
func (h *harness) sendUnestimated(key *ecdsa.PrivateKey, to common.Address, data []byte) *types.Receipt {
	h.t.Helper()
	h.queue(key, to, data)
	hash := h.queued[len(h.queued)-1]
	h.commit()
	r, err := h.client.TransactionReceipt(context.Background(), hash)
	if err != nil {
		h.t.Fatalf("receipt of %s: %v", hash, err)
	}
	return r
}

// blockTime returns the timestamp of the block that holds r.
func (h *harness) blockTime(r *types.Receipt) uint64 {
	h.t.Helper()
	header, err := h.client.HeaderByHash(context.Background(), r.BlockHash)
	if err != nil {
		h.t.Fatalf("read block %d: %v", r.BlockNumber, err)
	}
	return header.Time
}

// headTime returns the timestamp of the head block.
func (h *harness) headTime() uint64 {
	h.t.Helper()
	head, err := h.client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		h.t.Fatalf("read the head block: %v", err)
	}
	return head.Time
}

// cancelDelay returns the Exchange's cancel delay in seconds.
func (h *harness) cancelDelay() uint64 {
	h.t.Helper()
	delay, err := bind.Call(h.exchangeContract(), nil, exchangeB.PackCancelDelaySeconds(), exchangeB.UnpackCancelDelaySeconds)
	if err != nil {
		h.t.Fatalf("cancelDelaySeconds: %v", err)
	}
	return uint64(delay)
}

// cancelOrder sends cancelOrder(orderHash) from key and returns the
// effective time of its OrderCancelled event.
func (h *harness) cancelOrder(key *ecdsa.PrivateKey, orderHash common.Hash) uint64 {
	h.t.Helper()
	r := h.mustSend(key, h.exchange, exchangeB.PackCancelOrder(orderHash))
	for _, log := range r.Logs {
		if event, err := exchangeB.UnpackOrderCancelledEvent(log); err == nil {
			if event.Trader != addr(key) || event.OrderHash != orderHash {
				h.t.Fatalf("OrderCancelled of trader %s and hash %x, expected %s and %s", event.Trader, event.OrderHash, addr(key), orderHash)
			}
			return event.EffectiveAt
		}
	}
	h.t.Fatalf("cancelOrder(%s) emitted no OrderCancelled event", orderHash)
	return 0
}

// cancelUpTo sends cancelUpTo(nonce) from key and returns the effective
// time of its NoncesCancelled event.
func (h *harness) cancelUpTo(key *ecdsa.PrivateKey, nonce uint64) uint64 {
	h.t.Helper()
	r := h.mustSend(key, h.exchange, exchangeB.PackCancelUpTo(nonce))
	for _, log := range r.Logs {
		if event, err := exchangeB.UnpackNoncesCancelledEvent(log); err == nil {
			if event.Trader != addr(key) || event.MinNonce != nonce {
				h.t.Fatalf("NoncesCancelled of trader %s and nonce %d, expected %s and %d", event.Trader, event.MinNonce, addr(key), nonce)
			}
			return event.EffectiveAt
		}
	}
	h.t.Fatalf("cancelUpTo(%d) emitted no NoncesCancelled event", nonce)
	return 0
}

// minNonce returns the Exchange's binding minimum nonce of trader.
func (h *harness) minNonce(trader common.Address) uint64 {
	h.t.Helper()
	nonce, err := bind.Call(h.exchangeContract(), nil, exchangeB.PackMinNonce(trader), exchangeB.UnpackMinNonce)
	if err != nil {
		h.t.Fatalf("minNonce(%s): %v", trader, err)
	}
	return nonce
}
