// Order entry: limit, market, stop-limit and stop-market orders with time
// in force and post-only. The total, fee, hold and available balance are
// shown before signing; node errors appear next to their field.

import type { App } from '../app';
import { fromUnits } from '../amounts';
import { explain } from '../errors';
import {
  checkOrder, isMarketPriced, isStop, orderRequest, postOnlyAllowed, shortfallMessage, timesInForce,
  type OrderCheck, type OrderField, type OrderInput,
} from '../order';
import type { Market, OrderAck, OrderKind, Side, TimeInForce, TypedDataReply } from '../types';
import { arrange, byId, fill, h } from './dom';

const kindLabels: Record<OrderKind, string> = { limit: 'Limit', market: 'Market', stopLimit: 'Stop-limit', stopMarket: 'Stop-market' };
const tifLabels: Record<TimeInForce, string> = {
  GTC: 'GTC: good till cancelled',
  GTD: 'GTD: good till a date',
  IOC: 'IOC: immediate or cancel',
  FOK: 'FOK: fill or kill',
};
// slippageDefaultPercent is the slippage a market order starts with.
const slippageDefaultPercent = '1';

interface Controls {
  kind: HTMLSelectElement;
  price: HTMLInputElement;
  triggerPrice: HTMLInputElement;
  slippage: HTMLInputElement;
  quantity: HTMLInputElement;
  timeInForce: HTMLSelectElement;
  expiry: HTMLInputElement;
  postOnly: HTMLInputElement;
}

export class OrderForm {
  private readonly app: App;
  private readonly form: HTMLFormElement;
  private side: Side = 'buy';
  private readonly controls: Controls;
  private readonly fields = new Map<OrderField, HTMLElement>();
  private readonly errors = new Map<OrderField, HTMLElement>();
  private readonly sides: HTMLElement;
  // sideButtons are kept across redraws, so a focused one keeps the focus.
  private readonly sideButtons: Record<Side, HTMLButtonElement>;
  private readonly summary: HTMLElement;
  private readonly submit: HTMLButtonElement;
  private readonly status: HTMLElement;
  private nodeErrors: Partial<Record<OrderField, string>> = {};
  private busy = false;

  constructor(app: App) {
    this.app = app;
    this.form = byId<HTMLFormElement>('order-form');
    const input = (id: string, placeholder: string) => h('input', { id, name: id, inputmode: 'decimal', autocomplete: 'off', placeholder });
    this.controls = {
      kind: h('select', { id: 'order-kind' }, ...Object.entries(kindLabels).map(([v, l]) => h('option', { value: v }, l))),
      price: input('order-price', '0.00'),
      triggerPrice: input('order-trigger', '0.00'),
      slippage: h('input', { id: 'order-slippage', inputmode: 'decimal', value: slippageDefaultPercent }),
      quantity: input('order-quantity', '0.00'),
      timeInForce: h('select', { id: 'order-tif' }),
      expiry: h('input', { id: 'order-expiry', type: 'datetime-local' }),
      postOnly: h('input', { id: 'order-post-only', type: 'checkbox' }),
    };
    this.sides = h('div', { className: 'sides' });
    this.sideButtons = { buy: this.sideButton('buy'), sell: this.sideButton('sell') };
    this.summary = h('dl', { className: 'summary', id: 'order-summary' });
    this.submit = h('button', { type: 'submit', id: 'order-submit' });
    this.status = h('div', { id: 'order-status', role: 'status' });
    this.layout();
    this.form.addEventListener('input', () => this.changed());
    this.form.addEventListener('change', () => this.changed());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.place();
    });
    for (const topic of ['market', 'book', 'account', 'wallet'] as const) {
      app.on(topic, () => this.draw());
    }
    this.draw();
  }

  private field(name: OrderField, label: string, control: HTMLElement, hint?: HTMLElement): HTMLElement {
    const error = h('div', { className: 'error', id: `order-error-${name}` });
    this.errors.set(name, error);
    const wrapper = h('div', { className: 'field' }, h('label', { for: control.id }, label), control, hint ?? null, error);
    this.fields.set(name, wrapper);
    return wrapper;
  }

  private layout(): void {
    const c = this.controls;
    const formError = h('div', { className: 'form-error', id: 'order-error-form' });
    this.errors.set('form', formError);
    fill(this.form,
      this.sides,
      h('div', { className: 'field' }, h('label', { for: c.kind.id }, 'Order type'), c.kind),
      this.field('triggerPrice', 'Trigger price', c.triggerPrice),
      this.field('price', 'Price', c.price, h('div', { className: 'hint', id: 'order-price-hint' })),
      this.field('slippage', 'Slippage limit (%)', c.slippage, h('div', { className: 'hint', id: 'order-worst-price' })),
      this.field('quantity', 'Quantity', c.quantity),
      this.field('timeInForce', 'Time in force', c.timeInForce),
      this.field('expiry', 'Expires at', c.expiry),
      this.field('postOnly', '', h('label', { className: 'check', for: 'order-post-only' }, c.postOnly, 'Post-only (maker only)')),
      this.summary,
      formError,
      this.submit,
      this.status);
  }

  private changed(): void {
    this.nodeErrors = {};
    this.status.textContent = '';
    this.draw();
  }

  private input(): OrderInput {
    const c = this.controls;
    const expiryMs = c.expiry.value ? new Date(c.expiry.value).getTime() : 0;
    return {
      side: this.side,
      kind: c.kind.value as OrderKind,
      price: c.price.value,
      triggerPrice: c.triggerPrice.value,
      quantity: c.quantity.value,
      timeInForce: c.timeInForce.value as TimeInForce,
      postOnly: c.postOnly.checked,
      expiry: Number.isFinite(expiryMs) ? Math.floor(expiryMs / 1000) : 0,
      slippageBps: Math.round(Number(c.slippage.value) * 100),
    };
  }

  private bookPrices() {
    const book = this.app.book;
    return {
      bestBidTicks: BigInt(book?.best('buy')?.priceTicks ?? '0'),
      bestAskTicks: BigInt(book?.best('sell')?.priceTicks ?? '0'),
    };
  }

  private check(m: Market): OrderCheck {
    return checkOrder(m, this.input(), this.bookPrices(), Math.floor(Date.now() / 1000));
  }

  private sideButton(side: Side): HTMLButtonElement {
    return h('button', {
      type: 'button',
      id: `order-side-${side}`,
      onclick: () => {
        this.side = side;
        this.changed();
      },
    });
  }

  private drawSides(m: Market): void {
    const { buy, sell } = this.sideButtons;
    buy.className = `buy-tab ${this.side === 'buy' ? 'active' : ''}`;
    buy.textContent = `Buy ${m.base.symbol}`;
    sell.className = `sell-tab ${this.side === 'sell' ? 'active' : ''}`;
    sell.textContent = `Sell ${m.base.symbol}`;
    arrange(this.sides, [buy, sell]);
  }

  private drawTimeInForce(kind: OrderKind): void {
    const c = this.controls;
    const allowed = timesInForce(kind);
    const current = c.timeInForce.value as TimeInForce;
    const options = [...c.timeInForce.options].map((o) => o.value);
    if (options.join() !== allowed.join()) {
      fill(c.timeInForce, ...allowed.map((t) => h('option', { value: t }, tifLabels[t])));
      c.timeInForce.value = allowed.includes(current) ? current : allowed[0];
    }
  }

  private draw(): void {
    const m = this.app.selected;
    if (!m) {
      return;
    }
    const c = this.controls;
    const kind = c.kind.value as OrderKind;
    this.drawSides(m);
    this.drawTimeInForce(kind);
    const tif = c.timeInForce.value as TimeInForce;
    this.show('triggerPrice', isStop(kind));
    this.show('price', !isMarketPriced(kind));
    this.show('slippage', isMarketPriced(kind));
    this.show('expiry', tif === 'GTD');
    this.show('postOnly', postOnlyAllowed(kind, tif));
    c.price.placeholder = m.tickSize;
    c.triggerPrice.placeholder = m.tickSize;
    c.quantity.placeholder = m.lotSize;
    byId('order-price-hint').textContent = `${m.quote.symbol} per ${m.base.symbol}, a multiple of ${m.tickSize}`;

    const check = this.check(m);
    const typedInputs: Partial<Record<OrderField, HTMLInputElement>> = { price: c.price, quantity: c.quantity, triggerPrice: c.triggerPrice };
    for (const [name, element] of this.errors) {
      // A field's own check shows once the trader typed in it. The node's
      // error from the last attempt stays until the next change.
      const empty = typedInputs[name]?.value.trim() === '';
      const local = empty ? undefined : check.errors[name];
      element.textContent = this.nodeErrors[name] ?? local ?? '';
    }
    this.drawSummary(m, check);
    this.drawSubmit(m);
  }

  private show(name: OrderField, visible: boolean): void {
    const element = this.fields.get(name);
    if (element) {
      element.hidden = !visible;
    }
  }

  private drawSummary(m: Market, check: OrderCheck): void {
    const s = check.summary;
    const holdToken = this.side === 'buy' ? m.quote : m.base;
    const balance = this.app.balanceOf(holdToken.address);
    const available = balance ? balance.available : undefined;
    const short = Boolean(s && balance && s.holdUnits > BigInt(balance.availableUnits));
    const item = (label: string, id: string, value: string, className = '') => [h('dt', {}, label), h('dd', { id, className }, value)];
    let availableText = '–';
    if (available !== undefined) {
      availableText = `${available} ${holdToken.symbol}`;
    } else if (this.app.account) {
      availableText = `0 ${holdToken.symbol}`;
    }
    const worst = byId('order-worst-price');
    worst.textContent = s && isMarketPriced(this.controls.kind.value as OrderKind)
      ? `Worst price signed: ${s.worstPrice} ${m.quote.symbol}` : '';
    fill(this.summary,
      ...item('Total', 'order-total', s ? `${fromUnits(s.quoteUnits, m.quote.decimals)} ${m.quote.symbol}` : '–'),
      ...item(`Fee (${s ? s.feeBps / 100 : m.takerFeeBps / 100}%)`, 'order-fee', s ? `${fromUnits(s.feeUnits, m.quote.decimals)} ${m.quote.symbol}` : '–'),
      ...item('Held while open', 'order-hold', s ? `${fromUnits(s.holdUnits, s.holdDecimals)} ${s.holdSymbol}` : '–'),
      ...item('Available', 'order-available', availableText, short ? 'short' : ''));
  }

  private drawSubmit(m: Market): void {
    const account = this.app.account;
    this.submit.className = this.side;
    if (!this.app.wallet) {
      this.submit.textContent = 'Install a wallet to trade';
    } else if (!account) {
      this.submit.textContent = 'Connect a wallet to trade';
    } else if (this.app.wrongChain) {
      this.submit.textContent = `Switch the wallet to chain ${m.chainId}`;
    } else {
      this.submit.textContent = `${this.side === 'buy' ? 'Buy' : 'Sell'} ${m.base.symbol}`;
    }
    this.submit.disabled = this.busy || !account || this.app.wrongChain || m.halted;
  }

  private fail(field: string, text: string): void {
    const known = this.errors.has(field as OrderField) && !this.fields.get(field as OrderField)?.hidden;
    this.nodeErrors = { [known ? field : 'form']: text };
    this.draw();
  }

  // place checks the order, has the node build its EIP-712 document,
  // requests the wallet's signature and places the signed order.
  private async place(): Promise<void> {
    const m = this.app.selected;
    const wallet = this.app.wallet;
    const account = this.app.account;
    if (!m || !wallet || !account || this.busy) {
      return;
    }
    const input = this.input();
    const check = this.check(m);
    for (const field of ['slippage', 'price'] as const) {
      if (isMarketPriced(input.kind) && check.errors[field]) {
        this.fail(field, check.errors[field] ?? '');
        return;
      }
    }

    const s = check.summary;
    const holdToken = this.side === 'buy' ? m.quote : m.base;
    const balance = this.app.balanceOf(holdToken.address);
    if (s && s.holdUnits > BigInt(balance?.availableUnits ?? '0')) {
      this.fail('quantity', shortfallMessage(fromUnits(s.holdUnits, s.holdDecimals), balance?.available ?? '0', holdToken.symbol));
      return;
    }

    this.busy = true;
    this.draw();
    try {
      const request = orderRequest(m, account, input, s, this.app.nextNonce());
      const td = await this.app.client.call<TypedDataReply>('thx_typedData', [{ order: request }]);
      this.status.textContent = 'Sign the order in your wallet…';
      const signature = await wallet.signTypedData(td.typedData);
      this.status.textContent = 'Placing the order…';
      const ack = await this.app.client.call<OrderAck>('thx_placeOrder', [{ order: td.order, signature }]);
      this.status.textContent = ackText(ack, m);
      this.nodeErrors = {};
      void this.app.loadAccount();
    } catch (err) {
      this.status.textContent = '';
      const e = explain(err, 'quantity');
      this.fail(e.field, e.text);
    } finally {
      this.busy = false;
      this.draw();
    }
  }
}

function ackText(ack: OrderAck, m: Market): string {
  const o = ack.order;
  const side = o.side === 'buy' ? 'Buy' : 'Sell';
  const traded = ack.trades.length > 0 ? `, ${ack.trades.length} trade${ack.trades.length > 1 ? 's' : ''}` : '';
  const reason = o.reason ? ` (${o.reason})` : '';
  return `Placed: ${side.toLowerCase()} ${o.quantity} ${m.base.symbol} at ${o.price}, ${o.status} on arrival, filled ${o.filled}${traded}${reason}.`;
}

export function mountOrderForm(app: App): void {
  new OrderForm(app);
}
