// Candles (open, high, low, close, volume) built from trades, for the
// price chart. Prices are plotted as numbers: the chart is a picture, and
// no amount is computed from it.

import type { Trade } from './types';

// candlesMax bounds the candles kept per market and interval.
export const candlesMax = 2_000;

export interface Candle {
  // time is the candle's start in unix seconds.
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export class CandleSeries {
  readonly intervalSeconds: number;
  private readonly candles: Candle[] = [];

  constructor(intervalSeconds: number) {
    if (!Number.isInteger(intervalSeconds) || intervalSeconds <= 0) {
      throw new RangeError(`candle interval ${intervalSeconds} s must be a positive whole number of seconds`);
    }
    this.intervalSeconds = intervalSeconds;
  }

  get all(): readonly Candle[] {
    return this.candles;
  }

  // add folds a trade into its candle and returns that candle, or
  // undefined for a trade older than the last candle (the chart only moves
  // forward; load history oldest first).
  add(trade: Trade): Candle | undefined {
    const start = Math.floor(trade.time / 1000 / this.intervalSeconds) * this.intervalSeconds;
    const price = Number(trade.price);
    const quantity = Number(trade.quantity);
    const last = this.candles[this.candles.length - 1];
    if (last && start < last.time) {
      return undefined;
    }
    if (last && start === last.time) {
      last.high = Math.max(last.high, price);
      last.low = Math.min(last.low, price);
      last.close = price;
      last.volume += quantity;
      return last;
    }
    const candle = { time: start, open: price, high: price, low: price, close: price, volume: quantity };
    this.candles.push(candle);
    if (this.candles.length > candlesMax) {
      this.candles.shift();
    }
    return candle;
  }

  // addAll folds trades in time order, whatever order they come in.
  addAll(trades: readonly Trade[]): void {
    const sorted = [...trades].sort((a, b) => a.seq - b.seq || a.index - b.index);
    sorted.forEach((t) => this.add(t));
  }
}
