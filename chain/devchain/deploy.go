package devchain

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/thaliumx/thaliumx/chain"
	"github.com/thaliumx/thaliumx/contracts/bindings"
)

const (
	// gasMarginPercent is added to each setup transaction's gas estimate.
	gasMarginPercent = 25
	// receiptWaitMax bounds the wait for one setup transaction's receipt.
	receiptWaitMax = 30 * time.Second
	// receiptPollInterval is the pause between receipt lookups while waiting.
	receiptPollInterval = 10 * time.Millisecond
	// WithdrawalDelayBlocksDefault is the escape-hatch delay of the dev Exchange.
	WithdrawalDelayBlocksDefault = 20
	// CancelDelaySecondsDefault is the cancel delay of the dev Exchange:
	// how long an on-chain cancel waits before settle rejects the order.
	// A dev node waits for 1 confirmation and seals a batch every second,
	// so a minute leaves a wide margin while a developer can still watch
	// a cancel bind. The contract's own default, one hour, is sized for
	// Ethereum mainnet.
	CancelDelaySecondsDefault = 60
	// cancelDelaySecondsMax is MAX_CANCEL_DELAY_SECONDS of Exchange.sol.
	cancelDelaySecondsMax = 604_800
)

// Token is a test token deployed on a development chain.
type Token struct {
	Symbol   string
	Decimals uint8
	Address  common.Address
}

// Market is a market listed on a development chain's Exchange.
type Market struct {
	ID uint32
	// Symbol is "BASE/QUOTE", such as "THAL/USDC".
	Symbol      string
	Base        common.Address
	Quote       common.Address
	TickSize    *big.Int
	LotSize     *big.Int
	MakerFeeBps uint16
	TakerFeeBps uint16
}

// Deployment is the Exchange and test tokens deployed on a development
// chain, with the markets listed.
type Deployment struct {
	ChainID  uint64
	Exchange common.Address
	// DeployBlock is the Exchange's deployment block, where a deposit
	// watcher starts.
	DeployBlock  uint64
	Owner        common.Address
	Operator     common.Address
	FeeRecipient common.Address
	// CancelDelaySeconds is the Exchange's cancel delay.
	CancelDelaySeconds uint32
	// Tokens are THAL (18 decimals), USDC (6 decimals) and WETH, the
	// wrapped native coin (18 decimals).
	Tokens  []Token
	Markets []Market
}

// Token returns the deployed token with the symbol, and false if none.
func (d Deployment) Token(symbol string) (Token, bool) {
	for _, token := range d.Tokens {
		if token.Symbol == symbol {
			return token, true
		}
	}
	return Token{}, false
}

// MarketSpec describes a market to list by token symbols.
type MarketSpec struct {
	Base, Quote string
	TickSize    *big.Int
	LotSize     *big.Int
	MakerFeeBps uint16
	TakerFeeBps uint16
}

// DefaultMarkets are listed when DeployConfig.Markets is nil:
//   - THAL/USDC: tick 0.0001 USDC, lot 0.01 THAL (quote per tick-lot 1);
//   - WETH/USDC: tick 0.01 USDC, lot 0.001 WETH (quote per tick-lot 10).
//
// Both charge 2 bp to makers and 5 bp to takers.
func DefaultMarkets() []MarketSpec {
	return []MarketSpec{
		{Base: "THAL", Quote: "USDC", TickSize: big.NewInt(100), LotSize: pow10(16), MakerFeeBps: 2, TakerFeeBps: 5},
		{Base: "WETH", Quote: "USDC", TickSize: big.NewInt(10_000), LotSize: pow10(15), MakerFeeBps: 2, TakerFeeBps: 5},
	}
}

// DeployConfig sets up DeployExchange. Zero fields select defaults.
type DeployConfig struct {
	// Deployer deploys the contracts and owns the Exchange; account 0 if nil.
	Deployer *Account
	// Operator may settle batches; the deployer if zero.
	Operator common.Address
	// FeeRecipient receives trading fees; the deployer if zero.
	FeeRecipient common.Address
	// WithdrawalDelayBlocks is the escape-hatch delay;
	// WithdrawalDelayBlocksDefault if zero.
	WithdrawalDelayBlocks uint32
	// CancelDelaySeconds is the cancel delay in seconds, at most the
	// contract's MAX_CANCEL_DELAY_SECONDS (604,800);
	// CancelDelaySecondsDefault if zero.
	CancelDelaySeconds uint32
	// Markets to list; DefaultMarkets() if nil.
	Markets []MarketSpec
	// Traders are minted tokens and deposit into the Exchange; every
	// development account but the deployer if nil.
	Traders []Account
	// THALWhole, USDCWhole and WETHWhole are the whole tokens each trader
	// deposits; 1,000,000 THAL, 1,000,000 USDC and 100 WETH if zero.
	THALWhole, USDCWhole, WETHWhole int64
}

// DeployExchange deploys the test tokens and the Exchange, lists the
// markets, mints tokens to the traders and deposits them into the
// Exchange, and returns the addresses. In Manual mode it seals the blocks
// itself. It is the setup that `thx node --dev` calls on a fresh chain.
func (c *Chain) DeployExchange(ctx context.Context, cfg DeployConfig) (*Deployment, error) {
	cfg, err := c.deployDefaults(cfg)
	if err != nil {
		return nil, err
	}
	s := &setup{chain: c, ctx: ctx, nonces: make(map[common.Address]uint64)}
	defer s.releaseSealing()
	deployment, err := s.deployContracts(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.fundTraders(cfg, deployment); err != nil {
		return nil, err
	}
	c.logger.Info("dev exchange deployed", "exchange", deployment.Exchange, "block", deployment.DeployBlock,
		"markets", len(deployment.Markets), "traders", len(cfg.Traders))
	return deployment, nil
}

func (c *Chain) deployDefaults(cfg DeployConfig) (DeployConfig, error) {
	if cfg.Deployer == nil {
		deployer := c.accounts[0]
		cfg.Deployer = &deployer
	}
	if cfg.Operator == (common.Address{}) {
		cfg.Operator = cfg.Deployer.Address
	}
	if cfg.FeeRecipient == (common.Address{}) {
		cfg.FeeRecipient = cfg.Deployer.Address
	}
	if cfg.WithdrawalDelayBlocks == 0 {
		cfg.WithdrawalDelayBlocks = WithdrawalDelayBlocksDefault
	}
	if cfg.CancelDelaySeconds == 0 {
		cfg.CancelDelaySeconds = CancelDelaySecondsDefault
	}
	if cfg.CancelDelaySeconds > cancelDelaySecondsMax {
		return cfg, fmt.Errorf("%w: cancel delay %d s is above the Exchange's maximum of %d s", ErrInvalidConfig, cfg.CancelDelaySeconds, cancelDelaySecondsMax)
	}

	if cfg.Markets == nil {
		cfg.Markets = DefaultMarkets()
	}
	for _, spec := range cfg.Markets {
		if err := spec.check(); err != nil {
			return cfg, err
		}
	}

	if cfg.Traders == nil {
		for _, account := range c.accounts {
			if account.Address != cfg.Deployer.Address {
				cfg.Traders = append(cfg.Traders, account)
			}
		}
	}

	for name, whole := range map[string]*int64{"THAL": &cfg.THALWhole, "USDC": &cfg.USDCWhole, "WETH": &cfg.WETHWhole} {
		if *whole < 0 {
			return cfg, fmt.Errorf("%w: %s deposit %d is negative", ErrInvalidConfig, name, *whole)
		}
	}
	if cfg.THALWhole == 0 {
		cfg.THALWhole = DepositTHALWholeDefault
	}
	if cfg.USDCWhole == 0 {
		cfg.USDCWhole = DepositUSDCWholeDefault
	}
	if cfg.WETHWhole == 0 {
		cfg.WETHWhole = DepositWETHWholeDefault
	}
	return cfg, nil
}

// Whole tokens each trader deposits when DeployConfig leaves them zero.
const (
	DepositTHALWholeDefault = 1_000_000
	DepositUSDCWholeDefault = 1_000_000
	DepositWETHWholeDefault = 100
)

// deployContracts deploys the tokens and the Exchange and lists the markets.
func (s *setup) deployContracts(cfg DeployConfig) (*Deployment, error) {
	deployer := *cfg.Deployer
	testToken := bindings.NewTestToken()
	wrapped := bindings.NewWrappedNative()
	exchangeABI := bindings.NewExchange()

	tokens := []Token{
		{Symbol: "THAL", Decimals: 18, Address: s.deploy(deployer, bindings.TestTokenMetaData.Bin, testToken.PackConstructor("ThaliumX Test Token", "THAL", 18), "deploy THAL")},
		{Symbol: "USDC", Decimals: 6, Address: s.deploy(deployer, bindings.TestTokenMetaData.Bin, testToken.PackConstructor("Test USD Coin", "USDC", 6), "deploy USDC")},
		{Symbol: "WETH", Decimals: 18, Address: s.deploy(deployer, bindings.WrappedNativeMetaData.Bin, wrapped.PackConstructor("Wrapped Ether", "WETH"), "deploy WETH")},
	}
	deployment := &Deployment{
		ChainID: s.chain.cfg.ChainID, Owner: deployer.Address, Operator: cfg.Operator,
		FeeRecipient: cfg.FeeRecipient, CancelDelaySeconds: cfg.CancelDelaySeconds, Tokens: tokens,
	}
	exchangeLabel := "deploy Exchange"
	deployment.Exchange = s.deploy(deployer, bindings.ExchangeMetaData.Bin,
		exchangeABI.PackConstructor(deployer.Address, cfg.Operator, cfg.FeeRecipient, tokens[2].Address, cfg.WithdrawalDelayBlocks), exchangeLabel)
	receipts, err := s.wait()
	if err != nil {
		return nil, err
	}
	deployment.DeployBlock = receipts[exchangeLabel].BlockNumber.Uint64()

	s.call(deployer, deployment.Exchange, nil, exchangeABI.PackSetCancelDelay(cfg.CancelDelaySeconds), "set the cancel delay")
	for i, spec := range cfg.Markets {
		market, err := marketFromSpec(spec, deployment, uint32(i+1))
		if err != nil {
			return nil, err
		}
		s.call(deployer, deployment.Exchange, nil, exchangeABI.PackListMarket(market.Base, market.Quote, market.TickSize, market.LotSize, market.MakerFeeBps, market.TakerFeeBps), "list "+market.Symbol)
		deployment.Markets = append(deployment.Markets, market)
	}
	if _, err := s.wait(); err != nil {
		return nil, err
	}
	return deployment, nil
}

// fundTraders mints tokens to each trader, who approves and deposits them
// and deposits native coin as WETH. Each step waits for the one before,
// so every transaction's gas is estimated on the state it runs on.
func (s *setup) fundTraders(cfg DeployConfig, d *Deployment) error {
	testToken := bindings.NewTestToken()
	exchangeABI := bindings.NewExchange()
	thal, _ := d.Token("THAL")
	usdc, _ := d.Token("USDC")
	amounts := map[string]*big.Int{
		"THAL": new(big.Int).Mul(big.NewInt(cfg.THALWhole), pow10(18)),
		"USDC": new(big.Int).Mul(big.NewInt(cfg.USDCWhole), pow10(6)),
	}
	for _, trader := range cfg.Traders {
		for _, token := range []Token{thal, usdc} {
			s.call(*cfg.Deployer, token.Address, nil, testToken.PackMint(trader.Address, amounts[token.Symbol]), "mint "+token.Symbol)
			s.call(trader, token.Address, nil, testToken.PackApprove(d.Exchange, amounts[token.Symbol]), "approve "+token.Symbol)
		}
	}
	if _, err := s.wait(); err != nil {
		return err
	}
	weth := new(big.Int).Mul(big.NewInt(cfg.WETHWhole), big.NewInt(params.Ether))
	for _, trader := range cfg.Traders {
		for _, token := range []Token{thal, usdc} {
			s.call(trader, d.Exchange, nil, exchangeABI.PackDeposit(token.Address, amounts[token.Symbol]), "deposit "+token.Symbol)
		}
		s.call(trader, d.Exchange, weth, exchangeABI.PackDepositNative(), "deposit native coin")
	}
	_, err := s.wait()
	return err
}

// check rejects a market of a token DeployExchange does not deploy, of a
// token against itself, or without a positive tick and lot size. The
// Exchange checks the rest when the market is listed.
func (spec MarketSpec) check() error {
	known := map[string]bool{"THAL": true, "USDC": true, "WETH": true}
	switch {
	case !known[spec.Base] || !known[spec.Quote]:
		return fmt.Errorf("%w: market %s/%s: tokens must be THAL, USDC or WETH", ErrInvalidConfig, spec.Base, spec.Quote)
	case spec.Base == spec.Quote:
		return fmt.Errorf("%w: market %s/%s trades a token against itself", ErrInvalidConfig, spec.Base, spec.Quote)
	case spec.TickSize == nil || spec.LotSize == nil || spec.TickSize.Sign() <= 0 || spec.LotSize.Sign() <= 0:
		return fmt.Errorf("%w: market %s/%s needs a positive tick size and lot size", ErrInvalidConfig, spec.Base, spec.Quote)
	}
	return nil
}

func marketFromSpec(spec MarketSpec, d *Deployment, id uint32) (Market, error) {
	base, _ := d.Token(spec.Base)
	quote, _ := d.Token(spec.Quote)
	return Market{
		ID: id, Symbol: spec.Base + "/" + spec.Quote, Base: base.Address, Quote: quote.Address,
		TickSize: spec.TickSize, LotSize: spec.LotSize, MakerFeeBps: spec.MakerFeeBps, TakerFeeBps: spec.TakerFeeBps,
	}, nil
}

func pow10(exponent int64) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(exponent), nil)
}

// setup sends the setup transactions of DeployExchange. The first error
// stops it: later sends do nothing and wait returns the error.
type setup struct {
	chain   *Chain
	ctx     context.Context
	nonces  map[common.Address]uint64
	pending []pendingTx
	err     error
	// release ends the hold on sealing that the first send of a wave
	// takes; wait runs it, so each wave lands in a few blocks.
	release func()
}

type pendingTx struct {
	label string
	hash  common.Hash
}

// deploy sends a contract creation and returns the contract's address,
// which follows from the sender and its nonce.
func (s *setup) deploy(from Account, binHex string, constructorArgs []byte, label string) common.Address {
	code, err := hexutil.Decode(binHex)
	if err != nil {
		s.fail(fmt.Errorf("devchain: %s: decode bytecode: %w", label, err))
		return common.Address{}
	}
	nonce := s.send(from, nil, nil, append(code, constructorArgs...), label)
	return crypto.CreateAddress(from.Address, nonce)
}

func (s *setup) call(from Account, to common.Address, value *big.Int, data []byte, label string) {
	s.send(from, &to, value, data, label)
}

// send estimates, signs and sends one transaction and returns its nonce.
func (s *setup) send(from Account, to *common.Address, value *big.Int, data []byte, label string) uint64 {
	if s.err != nil {
		return 0
	}
	if s.release == nil {
		s.release = s.chain.holdSealing()
	}
	nonce, err := s.nonce(from.Address)
	if err != nil {
		s.fail(err)
		return 0
	}
	if value == nil {
		value = new(big.Int)
	}
	gas, err := s.chain.client.EstimateGas(s.ctx, ethereum.CallMsg{From: from.Address, To: to, Value: value, Data: data})
	if err != nil {
		s.fail(fmt.Errorf("devchain: %s from %s: estimate gas: %w", label, from.Address, err))
		return 0
	}
	gas += gas * gasMarginPercent / 100

	head, err := s.chain.client.HeaderByNumber(s.ctx, nil)
	if err != nil {
		s.fail(fmt.Errorf("devchain: %s: read head: %w", label, err))
		return 0
	}
	tip := big.NewInt(params.GWei)
	feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip)
	signer := types.LatestSignerForChainID(new(big.Int).SetUint64(s.chain.cfg.ChainID))
	tx, err := types.SignNewTx(from.Key, signer, &types.DynamicFeeTx{
		ChainID: signer.ChainID(), Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap,
		Gas: gas, To: to, Value: value, Data: data,
	})

	if err == nil {
		err = s.chain.client.SendTransaction(s.ctx, tx)
	}
	if err != nil {
		s.fail(fmt.Errorf("devchain: %s from %s: %w", label, from.Address, err))
		return 0
	}
	s.nonces[from.Address] = nonce + 1
	s.pending = append(s.pending, pendingTx{label: label, hash: tx.Hash()})
	return nonce
}

func (s *setup) nonce(account common.Address) (uint64, error) {
	if nonce, ok := s.nonces[account]; ok {
		return nonce, nil
	}
	nonce, err := s.chain.client.PendingNonceAt(s.ctx, account)
	if err != nil {
		return 0, fmt.Errorf("devchain: read nonce of %s: %w", account, err)
	}
	return nonce, nil
}

func (s *setup) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

// wait ends the wave's hold on sealing, seals blocks in Manual mode, then
// waits for every pending transaction's receipt and returns them by label. A reverted transaction
// is an error naming its label.
func (s *setup) wait() (map[string]*types.Receipt, error) {
	s.releaseSealing()
	if s.err != nil {
		return nil, s.err
	}
	if s.chain.cfg.Manual {
		s.chain.sealPending()
	}
	receipts := make(map[string]*types.Receipt, len(s.pending))
	for _, tx := range s.pending {
		receipt, err := s.chain.waitReceipt(s.ctx, tx.hash)
		if err != nil {
			return nil, fmt.Errorf("devchain: %s: %w", tx.label, err)
		}
		if receipt.Status != types.ReceiptStatusSuccessful {
			return nil, fmt.Errorf("devchain: %s reverted in transaction %s", tx.label, tx.hash)
		}
		receipts[tx.label] = receipt
	}
	s.pending = s.pending[:0]
	return receipts, nil
}

// releaseSealing ends the wave's hold on sealing, if one is taken.
func (s *setup) releaseSealing() {
	if s.release != nil {
		s.release()
		s.release = nil
	}
}

// waitReceipt polls for a receipt until receiptWaitMax passes.
func (c *Chain) waitReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	ctx, cancel := context.WithTimeout(ctx, receiptWaitMax)
	defer cancel()
	ticker := time.NewTicker(receiptPollInterval)
	defer ticker.Stop()
	for {
		receipt, err := c.client.TransactionReceipt(ctx, hash)
		if err == nil {
			return receipt, nil
		}
		if !chain.ReceiptNotFound(err) {
			return nil, fmt.Errorf("receipt of %s: %w", hash, err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("no receipt for %s within %s: %w", hash, receiptWaitMax, ctx.Err())
		case <-ticker.C:
		}
	}
}
