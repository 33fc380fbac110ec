import { describe, expect, it } from 'vitest';
import { CandleSeries } from './candles';
import { trade } from './testdata';

describe('CandleSeries', () => {
  it('folds trades into one-minute candles', () => {
    const series = new CandleSeries(60);
    series.addAll([
      trade(3, 61_000, '1.5', '1'),
      trade(1, 5_000, '1.2', '2'),
      trade(2, 59_999, '1.1', '0.5'),
      trade(4, 119_000, '1.4', '1'),
    ]);
    expect(series.all).toEqual([
      { time: 0, open: 1.2, high: 1.2, low: 1.1, close: 1.1, volume: 2.5 },
      { time: 60, open: 1.5, high: 1.5, low: 1.4, close: 1.4, volume: 2 },
    ]);
  });

  it('skips a trade older than the last candle', () => {
    const series = new CandleSeries(60);
    series.add(trade(2, 120_000, '2', '1'));
    expect(series.add(trade(1, 10_000, '1', '1'))).toBeUndefined();
    expect(series.all).toHaveLength(1);
  });

  it('rejects an interval that is not whole seconds', () => {
    expect(() => new CandleSeries(0)).toThrow(/positive whole number/);
    expect(() => new CandleSeries(1.5)).toThrow(/positive whole number/);
  });
});
