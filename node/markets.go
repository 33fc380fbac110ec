package node

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/thaliumx/thaliumx/contracts/bindings"
	"github.com/thaliumx/thaliumx/node/state"
)

// exchangeMarketsMax bounds the markets read from one Exchange.
const exchangeMarketsMax = 1024

// ExchangeMarkets reads the markets listed in an Exchange contract, with
// each token's symbol and decimals, as the node lists them: with the
// default limits and the tick size that the contract's quote per tick and
// lot implies.
func ExchangeMarkets(ctx context.Context, caller bind.ContractCaller, chainID uint64, exchange common.Address) ([]state.Market, error) {
	binding := bindings.NewExchange()
	instance := bind.NewBoundContract(exchange, binding.GetABI(), caller, nil, nil)
	opts := &bind.CallOpts{Context: ctx}
	count, err := bind.Call(instance, opts, binding.PackMarketCount(), binding.UnpackMarketCount)
	if err != nil {
		return nil, fmt.Errorf("node: read the market count of Exchange %s on chain %d: %w", exchange, chainID, err)
	}
	if count > exchangeMarketsMax {
		return nil, fmt.Errorf("%w: Exchange %s lists %d markets, this node lists at most %d", ErrInvalidConfig, exchange, count, exchangeMarketsMax)
	}
	tokens := map[common.Address]tokenInfo{}
	var out []state.Market
	for id := uint32(1); id <= count; id++ {
		m, err := bind.Call(instance, opts, binding.PackMarkets(id), binding.UnpackMarkets)
		if err != nil {
			return nil, fmt.Errorf("node: read market %d of Exchange %s: %w", id, exchange, err)
		}
		market, err := exchangeMarket(ctx, caller, tokens, chainID, exchange, id, m)
		if err != nil {
			return nil, err
		}
		out = append(out, market)
	}
	return out, nil
}

type tokenInfo struct {
	symbol   string
	decimals uint8
}

func exchangeMarket(ctx context.Context, caller bind.ContractCaller, tokens map[common.Address]tokenInfo,
	chainID uint64, exchange common.Address, id uint32, m bindings.ExchangeMarket) (state.Market, error) {
	base, err := readToken(ctx, caller, tokens, m.Base)
	if err != nil {
		return state.Market{}, err
	}
	quote, err := readToken(ctx, caller, tokens, m.Quote)
	if err != nil {
		return state.Market{}, err
	}
	// tickSize = quotePerTickLot * 10^baseDecimals / lotSize, exactly.
	tick := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(base.decimals)), nil)
	tick.Mul(tick, new(big.Int).SetUint64(m.QuotePerTickLot))
	if m.LotSize == nil || m.LotSize.Sign() <= 0 {
		return state.Market{}, fmt.Errorf("%w: market %d of Exchange %s has lot size %v", ErrInvalidConfig, id, exchange, m.LotSize)
	}
	tick, rem := tick.QuoRem(tick, m.LotSize, new(big.Int))
	var tickSize, lotSize uint256.Int
	if rem.Sign() != 0 || tickSize.SetFromBig(tick) || lotSize.SetFromBig(m.LotSize) {
		return state.Market{}, fmt.Errorf("%w: market %d of Exchange %s: quote per tick and lot %d with lot size %s gives no whole tick size",
			ErrInvalidConfig, id, exchange, m.QuotePerTickLot, m.LotSize)
	}
	return state.Market{
		ChainID: chainID, ID: id, Symbol: base.symbol + "/" + quote.symbol, Exchange: exchange,
		Base: m.Base, Quote: m.Quote, BaseDecimals: base.decimals, QuoteDecimals: quote.decimals,
		TickSize: tickSize, LotSize: lotSize, MakerFeeBps: m.MakerFeeBps, TakerFeeBps: m.TakerFeeBps,
		MaxPrice: MarketMaxPriceDefault, MaxQuantity: MarketMaxQuantityDefault,
		MaxRestingOrders: MarketMaxRestingOrdersDefault, MaxStopOrders: MarketMaxStopOrdersDefault,
	}, nil
}

// readToken reads an ERC-20 token's symbol and decimals once.
func readToken(ctx context.Context, caller bind.ContractCaller, cache map[common.Address]tokenInfo, token common.Address) (tokenInfo, error) {
	if info, ok := cache[token]; ok {
		return info, nil
	}
	binding := bindings.NewTestToken()
	instance := bind.NewBoundContract(token, binding.GetABI(), caller, nil, nil)
	opts := &bind.CallOpts{Context: ctx}
	symbol, err := bind.Call(instance, opts, binding.PackSymbol(), binding.UnpackSymbol)
	if err != nil {
		return tokenInfo{}, fmt.Errorf("node: read the symbol of token %s: %w", token, err)
	}
	decimals, err := bind.Call(instance, opts, binding.PackDecimals(), binding.UnpackDecimals)
	if err != nil {
		return tokenInfo{}, fmt.Errorf("node: read the decimals of token %s: %w", token, err)
	}
	info := tokenInfo{symbol: symbol, decimals: decimals}
	cache[token] = info
	return info, nil
}
