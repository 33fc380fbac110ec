import { describe, expect, it } from 'vitest';
import { OrderBook } from './book';
import type { BookSnapshot, BookUpdate, Level } from './types';

function level(price: string, ticks: string, lots: string): Level {
  return { price, priceTicks: ticks, quantity: lots, quantityLots: lots, orders: 1 };
}

const snapshot: BookSnapshot = {
  type: 'snapshot', market: 'THAL/USDC', sequence: 4,
  bids: [level('1.0000', '10000', '5'), level('1.0100', '10100', '2')],
  asks: [level('1.0300', '10300', '7'), level('1.0200', '10200', '1')],
};

function update(sequence: number, changes: BookUpdate['changes']): BookUpdate {
  return { type: 'update', market: 'THAL/USDC', sequence, seq: 100 + sequence, changes };
}

describe('OrderBook', () => {
  it('sorts bids down and asks up from a snapshot', () => {
    const book = new OrderBook('THAL/USDC');
    book.applySnapshot(snapshot);
    expect(book.levels('buy', 10).map((l) => l.priceTicks)).toEqual(['10100', '10000']);
    expect(book.levels('sell', 10).map((l) => l.priceTicks)).toEqual(['10200', '10300']);
    expect(book.best('sell')?.price).toBe('1.0200');
  });

  it('applies level totals and removals in order', () => {
    const book = new OrderBook('THAL/USDC');
    book.applySnapshot(snapshot);
    const result = book.applyUpdate(update(5, [
      { side: 'sell', price: '1.0200', priceTicks: '10200', quantity: '0', quantityLots: '0' },
      { side: 'buy', price: '1.0150', priceTicks: '10150', quantity: '3', quantityLots: '3' },
      { side: 'buy', price: '1.0000', priceTicks: '10000', quantity: '9', quantityLots: '9' },
    ]));
    expect(result).toBe('applied');
    expect(book.sequence).toBe(5);
    expect(book.levels('sell', 10).map((l) => l.priceTicks)).toEqual(['10300']);
    expect(book.levels('buy', 10).map((l) => [l.priceTicks, l.quantityLots])).toEqual([['10150', '3'], ['10100', '2'], ['10000', '9']]);
  });

  it('reports a gap and leaves the book as it was', () => {
    const book = new OrderBook('THAL/USDC');
    book.applySnapshot(snapshot);
    const result = book.applyUpdate(update(6, [{ side: 'buy', price: '2', priceTicks: '20000', quantity: '1', quantityLots: '1' }]));
    expect(result).toBe('gap');
    expect(book.sequence).toBe(4);
    expect(book.best('buy')?.priceTicks).toBe('10100');
  });

  it('ignores updates the snapshot already holds', () => {
    const book = new OrderBook('THAL/USDC');
    book.applySnapshot(snapshot);
    expect(book.applyUpdate(update(4, []))).toBe('stale');
    expect(book.applyUpdate(update(3, []))).toBe('stale');
  });

  it('waits for a snapshot before updates', () => {
    const book = new OrderBook('THAL/USDC');
    expect(book.applyUpdate(update(1, []))).toBe('no-snapshot');
    expect(book.ready).toBe(false);
  });

  it('orders prices beyond 2^53 exactly', () => {
    const book = new OrderBook('X/Y');
    book.applySnapshot({
      type: 'snapshot', market: 'X/Y', sequence: 0, bids: [],
      asks: [level('a', '9007199254740993', '1'), level('b', '9007199254740992', '1')],
    });
    expect(book.best('sell')?.priceTicks).toBe('9007199254740992');
  });
});
