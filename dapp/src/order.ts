// Order entry arithmetic: turns what the trader typed into the order that
// thx_typedData takes, and computes the total, fee and hold shown before
// signing, with the rules of docs/PROTOCOL.md.

import { StepError, bpsDenominator, feeOf, fromUnits, toSteps } from './amounts';
import type { Market, OrderKind, Side, TimeInForce } from './types';

// slippageBpsMax bounds the slippage a market order may accept: 50%.
export const slippageBpsMax = 5_000;

export type OrderField = 'price' | 'triggerPrice' | 'quantity' | 'timeInForce' | 'postOnly' | 'expiry' | 'slippage' | 'form';

export interface OrderInput {
  side: Side;
  kind: OrderKind;
  price: string;
  triggerPrice: string;
  quantity: string;
  timeInForce: TimeInForce;
  postOnly: boolean;
  // expiry is unix seconds for GTD orders, 0 otherwise.
  expiry: number;
  // slippageBps is how far a market order may fill from the reference
  // price, in basis points.
  slippageBps: number;
}

// BookPrices are the best prices in ticks, 0n when that side is empty.
export interface BookPrices {
  bestBidTicks: bigint;
  bestAskTicks: bigint;
}

export interface OrderRequest {
  market: string;
  chainId: number;
  trader: string;
  side: Side;
  kind: OrderKind;
  timeInForce: TimeInForce;
  postOnly: boolean;
  price: string;
  triggerPrice?: string;
  quantity: string;
  maxFeeBps: number;
  nonce: string;
  expiry: string;
}

export interface OrderSummary {
  priceTicks: bigint;
  quantityLots: bigint;
  // worstPrice is the price the order signs: the limit price, or for
  // market orders the worst price after slippage.
  worstPrice: string;
  quoteUnits: bigint;
  feeBps: number;
  feeUnits: bigint;
  maxFeeBps: number;
  // holdUnits is what the node holds for the order: quote plus the fee at
  // maxFeeBps for a buy, base units for a sell.
  holdUnits: bigint;
  holdSymbol: string;
  holdDecimals: number;
}

export interface OrderCheck {
  summary?: OrderSummary;
  errors: Partial<Record<OrderField, string>>;
}

export function isStop(kind: OrderKind): boolean {
  return kind === 'stopLimit' || kind === 'stopMarket';
}

export function isMarketPriced(kind: OrderKind): boolean {
  return kind === 'market' || kind === 'stopMarket';
}

// timesInForce lists the time-in-force choices that the engine accepts for
// an order kind: a market order cannot rest.
export function timesInForce(kind: OrderKind): TimeInForce[] {
  return kind === 'market' ? ['IOC', 'FOK'] : ['GTC', 'GTD', 'IOC', 'FOK'];
}

// postOnlyAllowed reports whether post-only applies: GTC and GTD limit
// orders only.
export function postOnlyAllowed(kind: OrderKind, tif: TimeInForce): boolean {
  return kind === 'limit' && (tif === 'GTC' || tif === 'GTD');
}

// worstPriceTicks applies slippage to a reference price, rounding toward
// the reference so the signed price never exceeds the slippage shown.
export function worstPriceTicks(side: Side, referenceTicks: bigint, slippageBps: number, maxTicks: bigint): bigint {
  const bps = BigInt(slippageBps);
  if (side === 'buy') {
    const ticks = (referenceTicks * (bpsDenominator + bps)) / bpsDenominator;
    return ticks > maxTicks ? maxTicks : ticks;
  }
  const ticks = (referenceTicks * (bpsDenominator - bps) + bpsDenominator - 1n) / bpsDenominator;
  return ticks < 1n ? 1n : ticks;
}

function priceOf(m: Market, ticks: bigint): string {
  return fromUnits(ticks * BigInt(m.tickSizeUnits), m.quote.decimals);
}

function parsePrice(m: Market, text: string, what: string): bigint {
  const ticks = toSteps(text, m.quote.decimals, BigInt(m.tickSizeUnits), m.tickSize, what);
  if (ticks === 0n) {
    throw new StepError(`${what} must be above 0.`);
  }
  if (ticks > BigInt(m.maxPriceTicks)) {
    throw new StepError(`${what} is above the market's maximum price ${m.maxPrice}.`);
  }
  return ticks;
}

function parseQuantity(m: Market, text: string): bigint {
  const lots = toSteps(text, m.base.decimals, BigInt(m.lotSizeUnits), m.lotSize, 'the quantity');
  if (lots === 0n) {
    throw new StepError('the quantity must be above 0.');
  }
  if (lots > BigInt(m.maxQuantityLots)) {
    throw new StepError(`the quantity is above the market's maximum ${m.maxQuantity}.`);
  }
  return lots;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// attempt runs a parser and records its error against a field.
function attempt<T>(errors: OrderCheck['errors'], field: OrderField, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    errors[field] = capitalize((err as Error).message);
    return undefined;
  }
}

// signedPriceTicks returns the price the order signs: the typed limit
// price, or a market order's worst price from the book or the trigger.
function signedPriceTicks(m: Market, input: OrderInput, book: BookPrices, triggerTicks: bigint | undefined, errors: OrderCheck['errors']): bigint | undefined {
  if (!isMarketPriced(input.kind)) {
    return attempt(errors, 'price', () => parsePrice(m, input.price, 'the price'));
  }
  if (!Number.isInteger(input.slippageBps) || input.slippageBps < 0 || input.slippageBps > slippageBpsMax) {
    errors.slippage = `Slippage must be from 0% to ${slippageBpsMax / 100}%.`;
    return undefined;
  }
  let reference = input.side === 'buy' ? book.bestAskTicks : book.bestBidTicks;
  if (input.kind === 'stopMarket') {
    reference = triggerTicks ?? 0n;
  }
  if (reference === 0n) {
    if (input.kind === 'market') {
      errors.price = `No ${input.side === 'buy' ? 'sell' : 'buy'} orders in the book to trade against.`;
    }
    return undefined;
  }
  return worstPriceTicks(input.side, reference, input.slippageBps, BigInt(m.maxPriceTicks));
}

function checkTime(input: OrderInput, nowSeconds: number, errors: OrderCheck['errors']): void {
  if (input.kind === 'market' && input.timeInForce !== 'IOC' && input.timeInForce !== 'FOK') {
    errors.timeInForce = 'A market order cannot rest in the book: choose IOC or FOK.';
  }
  if (input.timeInForce === 'GTD' && input.expiry <= nowSeconds + 30) {
    errors.expiry = 'A GTD order needs an expiry at least 30 seconds from now.';
  }
  if (input.postOnly && !postOnlyAllowed(input.kind, input.timeInForce)) {
    errors.postOnly = 'Post-only applies to GTC and GTD limit orders only.';
  }
}

// checkOrder validates the input against the market and computes the
// summary; errors are keyed by the field they concern.
export function checkOrder(m: Market, input: OrderInput, book: BookPrices, nowSeconds: number): OrderCheck {
  const errors: OrderCheck['errors'] = {};
  const triggerTicks = isStop(input.kind) ? attempt(errors, 'triggerPrice', () => parsePrice(m, input.triggerPrice, 'the trigger price')) : undefined;
  const priceTicks = signedPriceTicks(m, input, book, triggerTicks, errors);
  const lots = attempt(errors, 'quantity', () => parseQuantity(m, input.quantity));
  checkTime(input, nowSeconds, errors);
  if (priceTicks === undefined || lots === undefined) {
    return { errors };
  }

  const quoteUnits = priceTicks * lots * BigInt(m.quotePerTickLot);
  const maxFeeBps = Math.max(m.makerFeeBps, m.takerFeeBps);
  const feeBps = input.postOnly ? m.makerFeeBps : m.takerFeeBps;
  const buy = input.side === 'buy';
  const summary: OrderSummary = {
    priceTicks,
    quantityLots: lots,
    worstPrice: priceOf(m, priceTicks),
    quoteUnits,
    feeBps,
    feeUnits: feeOf(quoteUnits, feeBps),
    maxFeeBps,
    holdUnits: buy ? quoteUnits + feeOf(quoteUnits, maxFeeBps) : lots * BigInt(m.lotSizeUnits),
    holdSymbol: buy ? m.quote.symbol : m.base.symbol,
    holdDecimals: buy ? m.quote.decimals : m.base.decimals,
  };
  return { summary, errors };
}

// shortfallMessage explains a hold above the available balance.
export function shortfallMessage(needed: string, available: string, symbol: string): string {
  return `Not enough ${symbol}: this order holds ${needed} ${symbol}, and ${available} ${symbol} is available.`;
}

// orderRequest builds the thx_typedData order from checked input. The
// price is sent as typed for limit orders so that the node, not the page,
// has the last word on its precision.
export function orderRequest(m: Market, trader: string, input: OrderInput, summary: OrderSummary | undefined, nonce: bigint): OrderRequest {
  const request: OrderRequest = {
    market: m.symbol,
    chainId: m.chainId,
    trader,
    side: input.side,
    kind: input.kind,
    timeInForce: input.timeInForce,
    postOnly: input.postOnly && postOnlyAllowed(input.kind, input.timeInForce),
    price: isMarketPriced(input.kind) && summary ? summary.worstPrice : input.price.trim(),
    quantity: input.quantity.trim(),
    maxFeeBps: Math.max(m.makerFeeBps, m.takerFeeBps),
    nonce: nonce.toString(),
    expiry: input.timeInForce === 'GTD' ? String(input.expiry) : '0',
  };
  if (isStop(input.kind)) {
    request.triggerPrice = input.triggerPrice.trim();
  }
  return request;
}
