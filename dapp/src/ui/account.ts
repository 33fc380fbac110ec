// The trader's tables: open orders with signed cancel, order history,
// trade history and balances; the funds tab is in funds.ts.

import type { App } from '../app';
import { fromUnits } from '../amounts';
import { explain } from '../errors';
import type { OrderAck, OrderInfo, Trade, TypedDataReply } from '../types';
import { byId, dateTimeOf, fill, h, table } from './dom';
import { Funds } from './funds';

type Tab = 'open' | 'history' | 'trades' | 'balances' | 'funds';

const tabLabels: Record<Tab, string> = {
  open: 'Open orders',
  history: 'Order history',
  trades: 'Trade history',
  balances: 'Balances',
  funds: 'Deposit & withdraw',
};

const kindNames: Record<string, string> = { limit: 'Limit', market: 'Market', stopLimit: 'Stop-limit', stopMarket: 'Stop-market' };

function sideCell(side: string): HTMLTableCellElement {
  return h('td', { className: side === 'buy' ? 'buy-text' : 'sell-text' }, side === 'buy' ? 'Buy' : 'Sell');
}

export class AccountPanel {
  private readonly app: App;
  private readonly tabs = byId('account-tabs');
  private readonly body = byId('account-body');
  private readonly message = h('div', { className: 'form-error', id: 'account-message', role: 'status' });
  private readonly funds: Funds;
  private tab: Tab = 'open';
  private cancelling = new Set<string>();

  constructor(app: App) {
    this.app = app;
    this.funds = new Funds(app);
    for (const topic of ['account', 'wallet', 'onchain', 'market'] as const) {
      app.on(topic, () => this.draw());
    }
    this.draw();
  }

  private draw(): void {
    fill(this.tabs, ...(Object.keys(tabLabels) as Tab[]).map((t) => h('button', {
      type: 'button',
      id: `tab-${t}`,
      className: t === this.tab ? 'active' : '',
      onclick: () => {
        this.tab = t;
        this.message.textContent = '';
        this.draw();
      },
    }, t === 'open' && this.app.openOrders.length > 0 ? `${tabLabels[t]} (${this.app.openOrders.length})` : tabLabels[t])));
    if (!this.app.account) {
      const text = this.app.wallet ? 'Connect a wallet to see your orders, trades and balances.' : 'Read-only: no wallet, so no account to show.';
      fill(this.body, h('p', { className: 'muted', id: 'account-read-only' }, text));
      return;
    }
    if (this.tab === 'funds') {
      // fill (replaceChildren) removes the forms even when it puts them
      // back, and the removal drops the focus, so the next keys a trader
      // types go nowhere. Balance notifications and refreshes redraw
      // often, so the forms are attached only when they are not shown.
      if (this.funds.element.parentElement !== this.body) {
        fill(this.body, this.funds.element);
      }
      this.funds.draw();
      return;
    }
    const views: Record<Exclude<Tab, 'funds'>, () => HTMLElement> = {
      open: () => this.openOrders(),
      history: () => this.orderHistory(),
      trades: () => this.tradeHistory(),
      balances: () => this.balances(),
    };
    fill(this.body, this.message, views[this.tab]());
  }

  private openOrders(): HTMLElement {
    const rows = this.app.openOrders.map((o) => h('tr', { 'data-order': o.hash },
      h('td', {}, o.market),
      sideCell(o.side),
      h('td', {}, kindNames[o.kind] ?? o.kind, o.postOnly ? ' · post-only' : ''),
      h('td', {}, o.price),
      h('td', {}, o.triggerPrice && o.triggerPrice !== '0' ? `${o.triggerPrice}${o.triggered ? ' (triggered)' : ''}` : '–'),
      h('td', {}, o.quantity),
      h('td', {}, o.filled),
      h('td', {}, o.timeInForce),
      h('td', {}, dateTimeOf(o.time)),
      h('td', {}, h('button', {
        type: 'button',
        className: 'cancel',
        disabled: this.cancelling.has(o.hash),
        onclick: () => void this.cancel(o),
      }, this.cancelling.has(o.hash) ? 'Cancelling…' : 'Cancel'))));
    return table('open-orders', ['Market', 'Side', 'Type', 'Price', 'Trigger', 'Quantity', 'Filled', 'TIF', 'Placed', ''], rows, 'No open orders');
  }

  // cancel signs a cancel of one order and sends it.
  private async cancel(o: OrderInfo): Promise<void> {
    const wallet = this.app.wallet;
    const account = this.app.account;
    if (!wallet || !account) {
      return;
    }
    this.cancelling.add(o.hash);
    this.message.textContent = '';
    this.draw();
    try {
      const td = await this.app.client.call<TypedDataReply>('thx_typedData', [{ cancel: { chainId: o.chainId, trader: account, orderHash: o.hash } }]);
      const signature = await wallet.signTypedData(td.typedData);
      await this.app.client.call<OrderAck>('thx_cancelOrder', [{ cancel: td.cancel, signature }]);
      await this.app.loadAccount();
    } catch (err) {
      this.message.textContent = `Cancel failed: ${explain(err).text}`;
    } finally {
      this.cancelling.delete(o.hash);
      this.draw();
    }
  }

  private orderHistory(): HTMLElement {
    const rows = this.app.orderHistory.map((o) => h('tr', { 'data-order': o.hash },
      h('td', {}, o.market),
      sideCell(o.side),
      h('td', {}, kindNames[o.kind] ?? o.kind),
      h('td', {}, o.price),
      h('td', {}, o.quantity),
      h('td', {}, o.filled),
      h('td', { className: `status-${o.status}` }, o.status, o.reason ? ` (${o.reason})` : ''),
      h('td', {}, dateTimeOf(o.time))));
    return table('order-history', ['Market', 'Side', 'Type', 'Price', 'Quantity', 'Filled', 'Status', 'Placed'], rows, 'No orders yet');
  }

  private tradeHistory(): HTMLElement {
    const me = this.app.account ?? '';
    const m = this.app.selected;
    const mySide = (t: Trade) => (t.taker === me ? t.takerSide : t.takerSide === 'buy' ? 'sell' : 'buy');
    const rows = this.app.myTrades.map((t) => h('tr', { className: 'my-trade' },
      h('td', {}, dateTimeOf(t.time)),
      h('td', {}, t.market),
      sideCell(mySide(t)),
      h('td', {}, t.taker === me ? 'taker' : 'maker'),
      h('td', {}, t.price),
      h('td', {}, t.quantity),
      h('td', {}, `${t.taker === me ? t.takerFee : t.makerFee} ${m?.quote.symbol ?? ''}`),
      h('td', {}, t.batch > 0 ? `batch ${t.batch}` : 'pending')));
    return table('trade-history', ['Time', 'Market', 'Side', 'Role', 'Price', 'Quantity', 'Fee', 'Settlement'], rows, 'No trades in this market yet');
  }

  private balances(): HTMLElement {
    const market = this.app.selected;
    const tokens = market ? this.app.tokens(market.chainId) : [];
    const rows = tokens.map((t) => {
      const b = this.app.balanceOf(t.address);
      const onChain = this.app.walletBalances.get(t.address);
      return h('tr', { 'data-token': t.symbol },
        h('td', {}, t.symbol),
        h('td', { className: 'available' }, b?.available ?? '0'),
        h('td', { className: 'held' }, b?.held ?? '0'),
        h('td', { className: 'pending-settlement' }, b?.pendingSettlement ?? '0'),
        h('td', { className: 'pending-withdrawal' }, b?.pendingWithdrawal ?? '0'),
        h('td', { className: 'wallet-balance' }, onChain === undefined ? '–' : fromUnits(onChain, t.decimals)));
    });
    return table('balances', ['Token', 'Available', 'Held by orders', 'Pending settlement', 'Pending withdrawal', 'Wallet (on chain)'], rows, 'No tokens');
  }
}

export function mountAccount(app: App): void {
  new AccountPanel(app);
}
