// The selected market: its header, price chart, order book and recent
// trades.

import { CandlestickSeries, ColorType, HistogramSeries, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import type { App } from '../app';
import { fromUnits, percentChange } from '../amounts';
import type { Level } from '../types';
import { byId, fill, h, table, timeOf } from './dom';

// bookDepthShown is the levels drawn per side of the order book.
export const bookDepthShown = 12;
// recentTradesShown is the trades drawn in the recent trades panel.
export const recentTradesShown = 24;

const intervals: { label: string; seconds: number }[] = [
  { label: '1m', seconds: 60 },
  { label: '5m', seconds: 300 },
  { label: '1h', seconds: 3600 },
  { label: '1d', seconds: 86_400 },
];

function mountHeaderStats(app: App): void {
  const root = byId('market-header');
  const draw = () => {
    const m = app.selected;
    if (!m) {
      fill(root, h('span', { className: 'muted' }, app.nodeError ? '' : 'Loading markets…'));
      return;
    }
    const t = app.tickers.get(m.symbol);
    const change = t ? percentChange(t.open24h, t.lastPrice, m.priceDecimals) : '';
    const stat = (label: string, value: string) => h('span', { className: 'stat' }, `${label} `, h('b', {}, value));
    // The ticker's figures are "0" while the last 24 hours hold no trade.
    const traded = t !== undefined && t.trades24h > 0;
    fill(root,
      h('span', { className: 'symbol', id: 'market-symbol' }, m.symbol),
      h('span', { className: 'last', id: 'market-last' }, t && t.lastPrice !== '0' ? t.lastPrice : '–'),
      h('span', { className: change.startsWith('-') ? 'down' : 'up', id: 'market-change' }, change),
      stat('24h high', traded ? t.high24h : '–'),
      stat('24h low', traded ? t.low24h : '–'),
      stat(`24h volume (${m.base.symbol})`, traded ? t.volume24h : '0'),
      stat('fees', `maker ${m.makerFeeBps / 100}% · taker ${m.takerFeeBps / 100}%`),
      m.halted ? h('span', { className: 'down' }, 'halted') : null);
  };
  app.on('market', draw);
  app.on('tickers', draw);
  draw();
}

function mountBook(app: App): void {
  const root = byId('book');
  const state = byId('book-state');
  const row = (l: Level, side: 'buy' | 'sell') => h('tr', { className: `level ${side}` },
    h('td', { className: `price ${side === 'buy' ? 'buy-text' : 'sell-text'}` }, l.price),
    h('td', {}, l.quantity));
  const draw = () => {
    const book = app.book;
    const m = app.selected;
    if (!book || !m || !book.ready) {
      state.textContent = app.bookResyncs > 0 ? '(resynchronising)' : '';
      fill(root, table('book', ['Price', 'Quantity'], [], 'Loading the book…'));
      return;
    }
    state.textContent = `#${book.sequence}`;
    const asks = book.levels('sell', bookDepthShown).reverse().map((l) => row(l, 'sell'));
    const bids = book.levels('buy', bookDepthShown).map((l) => row(l, 'buy'));
    const bestAsk = book.best('sell');
    const bestBid = book.best('buy');
    const spread = bestAsk && bestBid
      ? `spread ${fromUnits((BigInt(bestAsk.priceTicks) - BigInt(bestBid.priceTicks)) * BigInt(m.tickSizeUnits), m.quote.decimals)} ${m.quote.symbol}`
      : 'no spread: one side is empty';
    const middle = h('tr', { className: 'spread' }, h('td', { colspan: 2 }, spread));
    const rows = asks.length + bids.length > 0 ? [...asks, middle, ...bids] : [];
    fill(root, table('book', [`Price (${m.quote.symbol})`, `Quantity (${m.base.symbol})`], rows, 'The book is empty'));
  };
  app.on('book', draw);
  app.on('market', draw);
  draw();
}

function mountTrades(app: App): void {
  const root = byId('trades');
  const draw = () => {
    const m = app.selected;
    const rows = app.recentTrades.slice(0, recentTradesShown).map((t) => h('tr', { className: 'trade' },
      h('td', { className: t.takerSide === 'buy' ? 'buy-text' : 'sell-text' }, t.price),
      h('td', {}, t.quantity),
      h('td', { className: 'muted' }, timeOf(t.time))));
    fill(root, table('trades', [`Price (${m?.quote.symbol ?? ''})`, `Quantity (${m?.base.symbol ?? ''})`, 'Time'], rows, 'No trades yet'));
  };
  app.on('trades', draw);
  app.on('market', draw);
  draw();
}

class PriceChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;

  constructor(element: HTMLElement) {
    this.chart = createChart(element, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#161c24' }, textColor: '#8391a7' },
      grid: { vertLines: { color: '#1f2733' }, horzLines: { color: '#1f2733' } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#263040', barSpacing: 10, rightOffset: 4 },
      rightPriceScale: { borderColor: '#263040' },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: '#2fbf71', downColor: '#e5534b', wickUpColor: '#2fbf71', wickDownColor: '#e5534b', borderVisible: false,
    });
    this.volume = this.chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: '', color: '#33415580' });
    this.volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  }

  draw(app: App): void {
    const m = app.selected;
    if (m) {
      this.candles.applyOptions({ priceFormat: { type: 'price', precision: m.priceDecimals, minMove: Number(m.tickSize) } });
    }
    const candles = app.candles.all;
    this.candles.setData(candles.map((c) => ({ time: c.time as UTCTimestamp, open: c.open, high: c.high, low: c.low, close: c.close })));
    this.volume.setData(candles.map((c) => ({ time: c.time as UTCTimestamp, value: c.volume })));
  }
}

function mountChart(app: App): void {
  const chart = new PriceChart(byId('chart'));
  const buttons = byId('chart-intervals');
  const drawButtons = () => fill(buttons, ...intervals.map((i) => h('button', {
    type: 'button',
    className: app.candles.intervalSeconds === i.seconds ? 'active' : '',
    onclick: () => {
      app.setCandleInterval(i.seconds);
      drawButtons();
    },
  }, i.label)));
  app.on('trades', () => chart.draw(app));
  app.on('market', () => chart.draw(app));
  drawButtons();
}

export function mountMarket(app: App): void {
  mountHeaderStats(app);
  mountChart(app);
  mountBook(app);
  mountTrades(app);
}
