// Fixtures shared by the unit tests: the THAL/USDC market of
// docs/PROTOCOL.md (tick 0.0001 USDC, lot 0.01 THAL).

import type { Market, Trade } from './types';

export const thalUsdc: Market = {
  symbol: 'THAL/USDC',
  chainId: 1337,
  marketId: 1,
  exchange: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  base: { address: '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512', symbol: 'THAL', decimals: 18 },
  quote: { address: '0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0', symbol: 'USDC', decimals: 6 },
  tickSize: '0.0001',
  tickSizeUnits: '100',
  lotSize: '0.01',
  lotSizeUnits: '10000000000000000',
  priceDecimals: 4,
  quantityDecimals: 2,
  makerFeeBps: 2,
  takerFeeBps: 5,
  maxPrice: '1000000',
  maxPriceTicks: '10000000000',
  maxQuantity: '1000000000',
  maxQuantityLots: '100000000000',
  quotePerTickLot: '1',
  halted: false,
};

export function trade(seq: number, time: number, price: string, quantity: string): Trade {
  return {
    market: 'THAL/USDC', seq, index: 0, time, price, priceTicks: '0', quantity, quantityLots: '0', takerSide: 'buy',
    maker: '0x1', taker: '0x2', makerOrder: '0x', takerOrder: '0x', quote: '0', quoteUnits: '0', makerFee: '0',
    makerFeeUnits: '0', takerFee: '0', takerFeeUnits: '0', batch: 0,
  };
}
