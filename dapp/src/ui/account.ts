// The trader's tables: open orders with signed cancel, order history,
// trade history and balances; the funds tab is in funds.ts.

import type { App } from '../app';
import { fromUnits } from '../amounts';
import { explain } from '../errors';
import type { OrderAck, OrderInfo, Trade, TypedDataReply } from '../types';
import { arrange, byId, dateTimeOf, emptyRow, fill, h, table, tableHead } from './dom';
import { Funds } from './funds';

type Tab = 'open' | 'history' | 'trades' | 'balances' | 'funds';

const tabLabels: Record<Tab, string> = {
  open: 'Open orders',
  history: 'Order history',
  trades: 'Trade history',
  balances: 'Balances',
  funds: 'Deposit & withdraw',
};

const openOrderHeaders = ['Market', 'Side', 'Type', 'Price', 'Trigger', 'Quantity', 'Filled', 'TIF', 'Placed', ''];

const kindNames: Record<string, string> = { limit: 'Limit', market: 'Market', stopLimit: 'Stop-limit', stopMarket: 'Stop-market' };

function sideCell(side: string): HTMLTableCellElement {
  return h('td', { className: side === 'buy' ? 'buy-text' : 'sell-text' }, side === 'buy' ? 'Buy' : 'Sell');
}

// OpenOrderRow is the table row of one open order and its Cancel button,
// kept while the order is open.
interface OpenOrderRow {
  row: HTMLTableRowElement;
  cancelCell: HTMLTableCellElement;
  cancel: HTMLButtonElement;
}

// AccountPanel updates its tab buttons, the open orders table and its
// Cancel buttons in place on each redraw, so a trader who moves through
// them with the keyboard keeps the focus.
export class AccountPanel {
  private readonly app: App;
  private readonly tabs = byId('account-tabs');
  private readonly body = byId('account-body');
  private readonly message = h('div', { className: 'form-error', id: 'account-message', role: 'status' });
  private readonly funds: Funds;
  private readonly tabButtons = new Map<Tab, HTMLButtonElement>();
  private readonly openOrdersBody = h('tbody');
  private readonly openOrdersTable = h('table', { className: 'open-orders' }, tableHead(openOrderHeaders), this.openOrdersBody);
  private readonly noOpenOrders = emptyRow(openOrderHeaders.length, 'No open orders');
  // Invariant: openRows contains the rows of the last drawn open orders
  // table and no others, so it never outgrows the trader's open orders.
  private readonly openRows = new Map<string, OpenOrderRow>();
  private tab: Tab = 'open';
  private cancelling = new Set<string>();

  constructor(app: App) {
    this.app = app;
    this.funds = new Funds(app);
    for (const t of Object.keys(tabLabels) as Tab[]) {
      this.tabButtons.set(t, h('button', {
        type: 'button',
        id: `tab-${t}`,
        onclick: () => {
          this.tab = t;
          this.message.textContent = '';
          this.draw();
        },
      }));
    }
    for (const topic of ['account', 'wallet', 'onchain', 'market'] as const) {
      app.on(topic, () => this.draw());
    }
    this.draw();
  }

  private draw(): void {
    this.drawTabs();
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
    if (this.tab === 'open') {
      this.drawOpenOrders();
      arrange(this.body, [this.message, this.openOrdersTable]);
      return;
    }
    const views: Record<Exclude<Tab, 'funds' | 'open'>, () => HTMLElement> = {
      history: () => this.orderHistory(),
      trades: () => this.tradeHistory(),
      balances: () => this.balances(),
    };
    fill(this.body, this.message, views[this.tab]());
  }

  private drawTabs(): void {
    for (const [t, button] of this.tabButtons) {
      button.className = t === this.tab ? 'active' : '';
      button.textContent = t === 'open' && this.app.openOrders.length > 0 ? `${tabLabels[t]} (${this.app.openOrders.length})` : tabLabels[t];
    }
    arrange(this.tabs, [...this.tabButtons.values()]);
  }

  private drawOpenOrders(): void {
    const openHashes = new Set(this.app.openOrders.map((o) => o.hash));
    for (const hash of this.openRows.keys()) {
      if (!openHashes.has(hash)) {
        this.openRows.delete(hash);
      }
    }
    const rows = this.app.openOrders.map((o) => this.drawOpenOrder(o));
    arrange(this.openOrdersBody, rows.length > 0 ? rows : [this.noOpenOrders]);
  }

  // drawOpenOrder updates the row of an open order, or builds it for an
  // order not shown before. The cells in front of the Cancel button are
  // replaced, and the button stays attached.
  private drawOpenOrder(o: OrderInfo): HTMLTableRowElement {
    let entry = this.openRows.get(o.hash);
    if (!entry) {
      const cancel = h('button', { type: 'button', className: 'cancel', onclick: () => void this.cancel(o) });
      const cancelCell = h('td', {}, cancel);
      entry = { row: h('tr', { 'data-order': o.hash }, cancelCell), cancelCell, cancel };
      this.openRows.set(o.hash, entry);
    }
    const cancelling = this.cancelling.has(o.hash);
    entry.cancel.disabled = cancelling;
    entry.cancel.textContent = cancelling ? 'Cancelling…' : 'Cancel';
    arrange(entry.row, [
      h('td', {}, o.market),
      sideCell(o.side),
      h('td', {}, kindNames[o.kind] ?? o.kind, o.postOnly ? ' · post-only' : ''),
      h('td', {}, o.price),
      h('td', {}, o.triggerPrice && o.triggerPrice !== '0' ? `${o.triggerPrice}${o.triggered ? ' (triggered)' : ''}` : '–'),
      h('td', {}, o.quantity),
      h('td', {}, o.filled),
      h('td', {}, o.timeInForce),
      h('td', {}, dateTimeOf(o.time)),
      entry.cancelCell,
    ]);
    return entry.row;
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
