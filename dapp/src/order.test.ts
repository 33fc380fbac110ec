import { describe, expect, it } from 'vitest';
import { checkOrder, orderRequest, timesInForce, worstPriceTicks, type OrderInput } from './order';
import { thalUsdc } from './testdata';

const now = 1_700_000_000;
const book = { bestBidTicks: 12_000n, bestAskTicks: 12_500n };

function input(overrides: Partial<OrderInput>): OrderInput {
  return {
    side: 'buy', kind: 'limit', price: '1.2345', triggerPrice: '', quantity: '0.03', timeInForce: 'GTC',
    postOnly: false, expiry: 0, slippageBps: 100, ...overrides,
  };
}

describe('checkOrder', () => {
  it('computes the example of the protocol page', () => {
    // 3 lots at 12,345 ticks cost 37,035 USDC base units.
    const { summary, errors } = checkOrder(thalUsdc, input({}), book, now);
    expect(errors).toEqual({});
    expect(summary?.priceTicks).toBe(12_345n);
    expect(summary?.quantityLots).toBe(3n);
    expect(summary?.quoteUnits).toBe(37_035n);
    expect(summary?.feeBps).toBe(5);
    expect(summary?.feeUnits).toBe(18n);
    expect(summary?.holdUnits).toBe(37_035n + 18n);
    expect(summary?.holdSymbol).toBe('USDC');
  });

  it('holds base units for a sell and charges makers their fee', () => {
    const { summary } = checkOrder(thalUsdc, input({ side: 'sell', postOnly: true }), book, now);
    expect(summary?.holdUnits).toBe(3n * 10n ** 16n);
    expect(summary?.holdSymbol).toBe('THAL');
    expect(summary?.feeBps).toBe(2);
    expect(summary?.feeUnits).toBe(7n);
  });

  it('names the precision of a price with too many decimals', () => {
    const { summary, errors } = checkOrder(thalUsdc, input({ price: '1.23456' }), book, now);
    expect(summary).toBeUndefined();
    expect(errors.price).toBe('Too many decimals: the price must be a multiple of 0.0001 (4 decimals).');
  });

  it('names the lot of a quantity between two lots', () => {
    const { errors } = checkOrder(thalUsdc, input({ quantity: '0.015' }), book, now);
    expect(errors.quantity).toBe('Too many decimals: the quantity must be a multiple of 0.01 (2 decimals).');
  });

  it('rejects zero and missing values', () => {
    expect(checkOrder(thalUsdc, input({ quantity: '0' }), book, now).errors.quantity).toBe('The quantity must be above 0.');
    expect(checkOrder(thalUsdc, input({ price: '' }), book, now).errors.price).toBe('Enter the price.');
  });

  it('prices a market buy from the best ask and its slippage', () => {
    const { summary, errors } = checkOrder(thalUsdc, input({ kind: 'market', timeInForce: 'IOC', price: '' }), book, now);
    expect(errors).toEqual({});
    expect(summary?.priceTicks).toBe(12_625n);
    expect(summary?.worstPrice).toBe('1.2625');
  });

  it('needs the other side of the book for a market order', () => {
    const empty = { bestBidTicks: 0n, bestAskTicks: 0n };
    const { errors } = checkOrder(thalUsdc, input({ kind: 'market', timeInForce: 'IOC' }), empty, now);
    expect(errors.price).toBe('No sell orders in the book to trade against.');
  });

  it('prices a stop-market from its trigger', () => {
    const { summary } = checkOrder(thalUsdc, input({ kind: 'stopMarket', side: 'sell', triggerPrice: '1.1', slippageBps: 200 }), book, now);
    expect(summary?.priceTicks).toBe(10_780n);
  });

  it('checks time in force, expiry and post-only', () => {
    expect(checkOrder(thalUsdc, input({ kind: 'market', timeInForce: 'GTC' }), book, now).errors.timeInForce).toMatch(/IOC or FOK/);
    expect(checkOrder(thalUsdc, input({ timeInForce: 'GTD', expiry: now + 10 }), book, now).errors.expiry).toMatch(/30 seconds/);
    expect(checkOrder(thalUsdc, input({ timeInForce: 'IOC', postOnly: true }), book, now).errors.postOnly).toMatch(/GTC and GTD limit/);
    expect(checkOrder(thalUsdc, input({ kind: 'stopLimit', triggerPrice: '' }), book, now).errors.triggerPrice).toBe('Enter the trigger price.');
    expect(timesInForce('market')).toEqual(['IOC', 'FOK']);
  });

  it('rejects slippage outside 0 to 50 percent', () => {
    const { errors } = checkOrder(thalUsdc, input({ kind: 'market', timeInForce: 'IOC', slippageBps: 6000 }), book, now);
    expect(errors.slippage).toMatch(/0% to 50%/);
  });
});

describe('worstPriceTicks', () => {
  it('rounds toward the reference price', () => {
    expect(worstPriceTicks('buy', 333n, 100, 10_000n)).toBe(336n);
    expect(worstPriceTicks('sell', 333n, 100, 10_000n)).toBe(330n);
    expect(worstPriceTicks('buy', 9_999n, 500, 10_000n)).toBe(10_000n);
    expect(worstPriceTicks('sell', 1n, 5000, 10_000n)).toBe(1n);
  });
});

describe('orderRequest', () => {
  it('keeps a limit order\'s typed price', () => {
    const request = orderRequest(thalUsdc, '0xabc', input({ price: ' 1.23456 ', timeInForce: 'IOC', postOnly: true }), undefined, 7n);
    expect(request).toEqual({
      market: 'THAL/USDC', chainId: 1337, trader: '0xabc', side: 'buy', kind: 'limit', timeInForce: 'IOC', postOnly: false,
      price: '1.23456', quantity: '0.03', maxFeeBps: 5, nonce: '7', expiry: '0',
    });
  });

  it('signs a stop-market\'s worst price', () => {
    const m = input({ kind: 'stopMarket', triggerPrice: '1.3', timeInForce: 'GTD', expiry: now + 3600 });
    const { summary } = checkOrder(thalUsdc, m, book, now);
    const request = orderRequest(thalUsdc, '0xabc', m, summary, 8n);
    expect(request.price).toBe('1.313');
    expect(request.triggerPrice).toBe('1.3');
    expect(request.expiry).toBe(String(now + 3600));
  });
});
