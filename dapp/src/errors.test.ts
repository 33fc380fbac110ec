import { describe, expect, it } from 'vitest';
import { explain, fieldOf, nodeMessage } from './errors';
import { RpcError } from './rpc';

describe('explain', () => {
  it('puts a precision error next to its field', () => {
    const err = new RpcError(-32602,
      'rpc: more decimals than allowed: order.price "1.23456": THAL/USDC prices are multiples of 0.0001 (4 decimals)',
      { reason: 'precision', field: 'order.price', value: '1.23456' });
    expect(explain(err)).toEqual({ field: 'price', text: 'Too many decimals: THAL/USDC prices are multiples of 0.0001 (4 decimals).' });
  });

  it('states both amounts of an insufficient balance', () => {
    const err = new RpcError(4007, 'ledger: insufficient available balance', {
      reason: 'insufficient_balance',
      shortfall: { chainId: 1337, token: '0x1', symbol: 'USDC', needed: '1.000025', neededUnits: '1000025', available: '0.5', availableUnits: '500000' },
    });
    expect(explain(err)).toEqual({ field: 'quantity', text: 'Not enough USDC: this needs 1.000025 USDC, and 0.5 USDC is available.' });
    expect(explain(err, 'amount').field).toBe('amount');
  });

  it('explains a post-only order that would take', () => {
    const err = new RpcError(4009, 'matching: post-only order would take', { reason: 'post_only_would_take' });
    expect(explain(err).field).toBe('postOnly');
  });

  it('keeps the message of an invalid parameter without its path', () => {
    const err = new RpcError(-32602, 'rpc: invalid params: order.quantity: missing; send quantity or quantityLots',
      { reason: 'invalid_params', field: 'order.quantity' });
    expect(explain(err)).toEqual({ field: 'quantity', text: 'Missing; send quantity or quantityLots.' });
  });

  it('tells a wallet rejection from the node code 4001', () => {
    expect(explain({ code: 4001, message: 'User rejected the request.' }).text).toMatch(/rejected the request in your wallet/);
    expect(explain({ code: 'ACTION_REJECTED', info: { error: { code: 4001 } } }).text).toMatch(/rejected/);
    const node = new RpcError(4001, 'eip712: invalid signature: high s', { reason: 'invalid_signature' });
    expect(explain(node).text).toMatch(/signature the node cannot use/);
  });

  it('names the wait of a rate limit', () => {
    const err = new RpcError(4290, 'rpc: rate limited', { reason: 'rate_limited', retryAfterMs: 1500 });
    expect(explain(err).text).toBe('Too many requests: wait 2 s and try again.');
  });
});

describe('fieldOf and nodeMessage', () => {
  it('maps parameter paths to form fields', () => {
    expect(fieldOf('order.priceTicks')).toBe('price');
    expect(fieldOf('withdrawal.amountUnits')).toBe('amount');
    expect(fieldOf('order.nonce')).toBe('form');
    expect(fieldOf(undefined)).toBe('form');
  });

  it('skips a quoted value that holds a colon', () => {
    expect(nodeMessage('rpc: invalid params: order.price "1: 2": not a decimal', 'order.price')).toBe('Not a decimal.');
  });
});
