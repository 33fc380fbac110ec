// JSON shapes of the node's thx namespace, as defined by rpc/wire.go and
// docs/RPC.md. Prices, quantities and token amounts are decimal strings;
// "...Units", ticks, lots, nonces and expiries are decimal strings of
// integers; times are unix milliseconds.

export type Side = 'buy' | 'sell';
export type OrderKind = 'limit' | 'market' | 'stopLimit' | 'stopMarket';
export type TimeInForce = 'GTC' | 'GTD' | 'IOC' | 'FOK';
export type SelfTradePrevention = 'cancelNewest' | 'cancelOldest' | 'cancelBoth';
export type OrderStatus = 'open' | 'filled' | 'cancelled' | 'expired';

export interface Token {
  address: string;
  symbol: string;
  decimals: number;
}

export interface Market {
  symbol: string;
  chainId: number;
  marketId: number;
  exchange: string;
  base: Token;
  quote: Token;
  tickSize: string;
  tickSizeUnits: string;
  lotSize: string;
  lotSizeUnits: string;
  priceDecimals: number;
  quantityDecimals: number;
  makerFeeBps: number;
  takerFeeBps: number;
  maxPrice: string;
  maxPriceTicks: string;
  maxQuantity: string;
  maxQuantityLots: string;
  quotePerTickLot: string;
  halted: boolean;
}

export interface Order {
  market: string;
  chainId: number;
  marketId: number;
  trader: string;
  side: Side;
  kind: OrderKind;
  timeInForce: TimeInForce;
  postOnly: boolean;
  selfTradePrevention: SelfTradePrevention;
  price: string;
  priceTicks: string;
  triggerPrice: string;
  triggerPriceTicks: string;
  quantity: string;
  quantityLots: string;
  maxFeeBps: number;
  nonce: string;
  expiry: string;
}

export interface OrderInfo extends Order {
  hash: string;
  status: OrderStatus;
  filled: string;
  filledLots: string;
  remaining: string;
  remainingLots: string;
  reason?: string;
  placedSeq: number;
  time: number;
  triggered: boolean;
}

export interface Cancel {
  chainId: number;
  trader: string;
  orderHash: string;
}

export interface Withdrawal {
  chainId: number;
  trader: string;
  token: string;
  amount: string;
  amountUnits: string;
  nonce: string;
  expiry: string;
}

export interface TypedDataReply {
  primaryType: string;
  hash: string;
  typedData: TypedDataDocument;
  order?: Order;
  cancel?: Cancel;
  withdrawal?: Withdrawal;
}

// TypedDataDocument is an EIP-712 document as eth_signTypedData_v4 takes it.
export interface TypedDataDocument {
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  domain: Record<string, unknown>;
  message: Record<string, unknown>;
}

export interface Trade {
  market: string;
  seq: number;
  index: number;
  time: number;
  price: string;
  priceTicks: string;
  quantity: string;
  quantityLots: string;
  takerSide: Side;
  maker: string;
  taker: string;
  makerOrder: string;
  takerOrder: string;
  quote: string;
  quoteUnits: string;
  makerFee: string;
  makerFeeUnits: string;
  takerFee: string;
  takerFeeUnits: string;
  batch: number;
}

export interface Level {
  price: string;
  priceTicks: string;
  quantity: string;
  quantityLots: string;
  orders: number;
}

export interface BookSnapshot {
  type: 'snapshot';
  market: string;
  sequence: number;
  bids: Level[];
  asks: Level[];
}

export interface DepthChange {
  side: Side;
  price: string;
  priceTicks: string;
  quantity: string;
  quantityLots: string;
}

export interface BookUpdate {
  type: 'update';
  market: string;
  sequence: number;
  seq: number;
  changes: DepthChange[];
}

export interface Ticker {
  market: string;
  lastPrice: string;
  lastPriceTicks: string;
  open24h: string;
  high24h: string;
  low24h: string;
  volume24h: string;
  volume24hLots: string;
  quoteVolume24h: string;
  quoteVolume24hUnits: string;
  trades24h: number;
  // null while that side of the book is empty
  bestBid: string | null;
  bestBidTicks: string | null;
  bestAsk: string | null;
  bestAskTicks: string | null;
}

export interface Balance {
  chainId: number;
  token: string;
  symbol: string;
  decimals: number;
  available: string;
  availableUnits: string;
  held: string;
  heldUnits: string;
  pendingSettlement: string;
  pendingSettlementUnits: string;
  pendingWithdrawal: string;
  pendingWithdrawalUnits: string;
}

export interface Deposit {
  chainId: number;
  id: number;
  trader: string;
  token: string;
  amount: string;
  amountUnits: string;
  block: number;
  txHash: string;
  seq: number;
  time: number;
}

export interface WithdrawalInfo {
  hash: string;
  chainId: number;
  trader: string;
  token: string;
  amount: string;
  amountUnits: string;
  nonce: string;
  batch: number;
  status: 'pending' | 'settled' | 'returned';
  seq: number;
  time: number;
  request: boolean;
}

export interface OrderAck {
  seq: number;
  time: number;
  order: OrderInfo;
  trades: Trade[];
}

export interface WithdrawalAck {
  seq: number;
  withdrawal: WithdrawalInfo;
}

export interface Page {
  next: string;
}
export interface OrdersPage extends Page {
  orders: OrderInfo[];
}
export interface TradesPage extends Page {
  trades: Trade[];
}
export interface DepositsPage extends Page {
  deposits: Deposit[];
}
export interface WithdrawalsPage extends Page {
  withdrawals: WithdrawalInfo[];
}

export interface ChainInfo {
  chainId: number;
  name: string;
  exchange: string;
  rpcUrl?: string;
  headBlock: number;
  lastBatch: number;
}

export interface NodeInfo {
  version: string;
  role: string;
  chains: ChainInfo[];
  seq: number;
  stateHash: string;
  peers: number;
}

// Shortfall is error 4007's data: what a hold or withdrawal needed and
// what was available.
export interface Shortfall {
  chainId: number;
  token: string;
  symbol?: string;
  needed?: string;
  neededUnits: string;
  available?: string;
  availableUnits: string;
}

export interface ErrorData {
  reason?: string;
  field?: string;
  value?: string;
  retryAfterMs?: number;
  shortfall?: Shortfall;
}
