// The markets list: last price and change over 24 hours.

import type { App } from '../app';
import { percentChange } from '../amounts';
import { byId, fill, h, table } from './dom';

export function mountMarkets(app: App): void {
  const root = byId('markets');
  const draw = () => {
    const rows = app.markets.map((m) => {
      const t = app.tickers.get(m.symbol);
      const change = t ? percentChange(t.open24h, t.lastPrice, m.priceDecimals) : '';
      const direction = change.startsWith('+') ? 'up' : change.startsWith('-') ? 'down' : '';
      return h('tr', {
        className: m === app.selected ? 'selected' : '',
        'data-market': m.symbol,
        onclick: () => app.selectMarket(m.symbol),
      },
      h('td', {}, m.symbol, m.halted ? h('span', { className: 'down' }, ' halted') : null),
      h('td', { className: 'last-price' }, t && t.lastPrice !== '0' ? t.lastPrice : '–'),
      h('td', { className: `change ${direction}` }, change || '–'));
    });
    fill(root, table('market-list', ['Market', 'Last', '24h'], rows, app.nodeError ? 'Unavailable' : 'Loading…'));
  };
  app.on('markets', draw);
  app.on('tickers', draw);
  app.on('market', draw);
  draw();
}
