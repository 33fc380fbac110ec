// The page's state: markets, the selected market's book, trades and
// candles, and the connected trader's orders, balances and funds. Views
// listen to topics and redraw from this state; they never hold their own.

import { OrderBook } from './book';
import { CandleSeries } from './candles';
import { NodeClient, type Subscription } from './rpc';
import type {
  Balance, BookSnapshot, BookUpdate, ChainInfo, DepositsPage, Market, NodeInfo, OrderInfo, OrdersPage, Ticker, Trade,
  TradesPage, WithdrawalsPage, Deposit, WithdrawalInfo,
} from './types';
import { Wallet } from './wallet';

// recentTradesMax bounds the market trades kept for the trades panel.
export const recentTradesMax = 100;
// historyPageItems is the page size of the history tables.
export const historyPageItems = 100;
// chartTradePages bounds the pages of trades loaded to draw the chart.
export const chartTradePages = 5;
// tickerRefreshMs is how often the markets list reloads the tickers, so
// the 24 h figures move on even without trades.
export const tickerRefreshMs = 10_000;
// accountRefreshMs is how often the trader's tables reload in case a
// notification was missed.
export const accountRefreshMs = 15_000;

export type Topic = 'node' | 'markets' | 'tickers' | 'market' | 'book' | 'trades' | 'wallet' | 'account' | 'onchain';

export class App {
  readonly client: NodeClient;
  readonly wallet?: Wallet;
  nodeInfo?: NodeInfo;
  nodeError?: string;
  markets: Market[] = [];
  tickers = new Map<string, Ticker>();
  selected?: Market;
  book?: OrderBook;
  bookResyncs = 0;
  recentTrades: Trade[] = [];
  candles = new CandleSeries(60);

  balances: Balance[] = [];
  openOrders: OrderInfo[] = [];
  orderHistory: OrderInfo[] = [];
  myTrades: Trade[] = [];
  deposits: Deposit[] = [];
  withdrawals: WithdrawalInfo[] = [];
  // walletBalances are on-chain token balances of the wallet, by token
  // address in lower case.
  walletBalances = new Map<string, bigint>();

  private readonly listeners = new Map<Topic, Set<() => void>>();
  private marketSubs: Subscription[] = [];
  private accountSubs: Subscription[] = [];
  private accountTimer?: ReturnType<typeof setInterval>;
  // subscribedAccount is the account whose subscriptions are open.
  private subscribedAccount?: string;
  private lastNonce = 0n;
  private lastWithdrawalNonce = 0n;

  constructor(client: NodeClient, wallet?: Wallet) {
    this.client = client;
    this.wallet = wallet;
    wallet?.onChange(() => this.walletChanged());
  }

  on(topic: Topic, listener: () => void): void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
  }

  emit(topic: Topic): void {
    this.listeners.get(topic)?.forEach((l) => l());
  }

  get account(): string | undefined {
    return this.wallet?.account;
  }

  // chainOf returns the node's chain of a market.
  chainOf(market: Market | undefined): ChainInfo | undefined {
    return this.nodeInfo?.chains.find((c) => c.chainId === market?.chainId);
  }

  // wrongChain reports whether the wallet is connected to another chain
  // than the selected market's.
  get wrongChain(): boolean {
    const chainId = this.wallet?.chainId;
    return Boolean(this.account && this.selected && chainId !== undefined && chainId !== this.selected.chainId);
  }

  async start(): Promise<void> {
    try {
      this.nodeInfo = await this.client.call<NodeInfo>('thx_nodeInfo');
      this.markets = await this.client.call<Market[]>('thx_markets');
    } catch (err) {
      this.nodeError = `Cannot load markets from the node: ${(err as Error).message}`;
      this.emit('node');
      return;
    }
    this.emit('node');
    this.emit('markets');
    await this.refreshTickers();
    setInterval(() => void this.refreshTickers(), tickerRefreshMs);
    const wanted = new URLSearchParams(location.search).get('market');
    const first = this.markets.find((m) => m.symbol === wanted) ?? this.markets[0];
    if (first) {
      this.selectMarket(first.symbol);
    }
    if (this.wallet) {
      await this.wallet.restore().catch((err) => console.warn('Failed to read the wallet accounts', err));
    }
  }

  async refreshTickers(): Promise<void> {
    await Promise.all(this.markets.map(async (m) => {
      try {
        this.tickers.set(m.symbol, await this.client.call<Ticker>('thx_ticker', [m.symbol]));
      } catch (err) {
        console.warn(`Failed to load the ticker of ${m.symbol}`, err);
      }
    }));
    this.emit('tickers');
  }

  selectMarket(symbol: string): void {
    const market = this.markets.find((m) => m.symbol === symbol);
    if (!market || market === this.selected) {
      return;
    }
    this.marketSubs.forEach((s) => s.close());
    this.selected = market;
    this.book = new OrderBook(symbol);
    this.recentTrades = [];
    this.candles = new CandleSeries(this.candles.intervalSeconds);
    this.emit('market');
    this.emit('book');
    this.emit('trades');
    this.subscribeMarket(market);
    this.emit('wallet');
    void this.loadAccount();
  }

  setCandleInterval(seconds: number): void {
    this.candles = new CandleSeries(seconds);
    void this.loadTradeHistory();
  }

  private subscribeMarket(market: Market): void {
    const book = this.client.subscribe('book', market.symbol, {
      onEvent: (event) => this.bookEvent(event as BookSnapshot | BookUpdate, book),
    });
    const trades = this.client.subscribe('trades', market.symbol, {
      onEvent: (event) => this.tradeEvent(event as Trade),
      onStart: () => void this.loadTradeHistory(),
    });
    this.marketSubs = [book, trades];
  }

  private bookEvent(event: BookSnapshot | BookUpdate, sub: Subscription): void {
    const book = this.book;
    if (!book || event.market !== book.market) {
      return;
    }
    if (event.type === 'snapshot') {
      book.applySnapshot(event);
      this.emit('book');
      return;
    }
    const result = book.applyUpdate(event);
    if (result === 'gap') {
      // An update was missed: drop the book and ask for a new snapshot.
      console.warn(`Book ${book.market}: update ${event.sequence} after ${book.sequence}; subscribing again`);
      this.bookResyncs++;
      this.book = new OrderBook(book.market);
      this.emit('book');
      sub.resubscribe();
      return;
    }
    if (result === 'applied') {
      this.emit('book');
    }
  }

  private tradeEvent(trade: Trade): void {
    if (trade.market !== this.selected?.symbol) {
      return;
    }
    if (this.recentTrades.some((t) => t.seq === trade.seq && t.index === trade.index)) {
      return;
    }
    this.recentTrades.unshift(trade);
    this.recentTrades.length = Math.min(this.recentTrades.length, recentTradesMax);
    this.candles.add(trade);
    this.emit('trades');
    void this.refreshTicker(trade.market);
    if (this.account && (trade.maker === this.account || trade.taker === this.account)) {
      void this.loadAccount();
    }
  }

  private async refreshTicker(symbol: string): Promise<void> {
    try {
      this.tickers.set(symbol, await this.client.call<Ticker>('thx_ticker', [symbol]));
      this.emit('tickers');
    } catch (err) {
      console.warn(`Failed to load the ticker of ${symbol}`, err);
    }
  }

  // loadTradeHistory loads the market's recent trades, newest first, for
  // the trades panel and the chart.
  async loadTradeHistory(): Promise<void> {
    const market = this.selected;
    if (!market) {
      return;
    }
    const trades: Trade[] = [];
    let cursor = '';
    for (let page = 0; page < chartTradePages; page++) {
      const reply = await this.client.call<TradesPage>('thx_trades', [market.symbol, { cursor, limit: 1000 }]);
      trades.push(...reply.trades);
      cursor = reply.next;
      if (!cursor) {
        break;
      }
    }
    if (market !== this.selected) {
      return;
    }
    trades.sort((a, b) => b.seq - a.seq || b.index - a.index);
    this.recentTrades = trades.slice(0, recentTradesMax);
    const candles = new CandleSeries(this.candles.intervalSeconds);
    candles.addAll(trades);
    this.candles = candles;
    this.emit('trades');
  }

  // walletChanged follows a new account or chain. Only a new account
  // drops the tables and the subscriptions.
  private walletChanged(): void {
    if (this.account === this.subscribedAccount) {
      this.emit('wallet');
      void this.loadWalletBalances();
      return;
    }
    this.subscribedAccount = this.account;
    this.accountSubs.forEach((s) => s.close());
    this.accountSubs = [];
    clearInterval(this.accountTimer);
    this.balances = [];
    this.openOrders = [];
    this.orderHistory = [];
    this.myTrades = [];
    this.deposits = [];
    this.withdrawals = [];
    this.walletBalances.clear();
    this.lastNonce = 0n;
    this.lastWithdrawalNonce = 0n;
    this.emit('wallet');
    this.emit('account');
    const account = this.account;
    if (!account) {
      return;
    }
    const reload = { onEvent: () => void this.loadAccount(), onStart: () => void this.loadAccount() };
    this.accountSubs = [
      this.client.subscribe('orders', account, reload),
      this.client.subscribe('balances', account, { onEvent: (b) => this.balanceEvent(b as Balance) }),
    ];
    this.accountTimer = setInterval(() => void this.loadAccount(), accountRefreshMs);
    void this.loadAccount();
  }

  private balanceEvent(balance: Balance): void {
    const index = this.balances.findIndex((b) => b.chainId === balance.chainId && b.token === balance.token);
    if (index >= 0) {
      this.balances[index] = balance;
    } else {
      this.balances.push(balance);
    }
    this.emit('account');
  }

  // loadAccount reloads every table of the connected trader.
  async loadAccount(): Promise<void> {
    const account = this.account;
    if (!account) {
      return;
    }
    try {
      const [balances, open, history, trades, deposits, withdrawals] = await Promise.all([
        this.client.call<Balance[]>('thx_balances', [account]),
        this.client.call<OrderInfo[]>('thx_openOrders', [account]),
        this.client.call<OrdersPage>('thx_orderHistory', [account, { limit: historyPageItems }]),
        this.selected
          ? this.client.call<TradesPage>('thx_trades', [this.selected.symbol, { trader: account, limit: historyPageItems }])
          : Promise.resolve({ trades: [], next: '' }),
        this.client.call<DepositsPage>('thx_deposits', [account, { limit: historyPageItems }]),
        this.client.call<WithdrawalsPage>('thx_withdrawals', [account, { limit: historyPageItems }]),
      ]);
      if (account !== this.account) {
        return;
      }
      Object.assign(this, {
        balances, openOrders: open, orderHistory: history.orders, myTrades: trades.trades,
        deposits: deposits.deposits, withdrawals: withdrawals.withdrawals,
      });
      this.emit('account');
    } catch (err) {
      console.warn('Failed to load the account', err);
    }
    void this.loadWalletBalances();
  }

  // tokens returns the tokens traded on a chain, each once.
  tokens(chainId: number): { address: string; symbol: string; decimals: number }[] {
    const seen = new Map<string, { address: string; symbol: string; decimals: number }>();
    for (const m of this.markets.filter((x) => x.chainId === chainId)) {
      for (const t of [m.base, m.quote]) {
        seen.set(t.address.toLowerCase(), { ...t, address: t.address.toLowerCase() });
      }
    }
    return [...seen.values()];
  }

  async loadWalletBalances(): Promise<void> {
    const wallet = this.wallet;
    const market = this.selected;
    if (!wallet?.account || !market || this.wrongChain) {
      return;
    }
    for (const token of this.tokens(market.chainId)) {
      try {
        this.walletBalances.set(token.address, await wallet.tokenBalance(token.address));
      } catch (err) {
        console.warn(`Failed to read the wallet balance of ${token.symbol}`, err);
      }
    }
    this.emit('onchain');
  }

  balanceOf(token: string): Balance | undefined {
    return this.balances.find((b) => b.token.toLowerCase() === token.toLowerCase() && b.chainId === this.selected?.chainId);
  }

  // nextNonce returns a nonce above every nonce this trader used in the
  // orders the node returned and in this page. Increasing nonces are the
  // cheapest to settle (docs/PROTOCOL.md, replay protection).
  nextNonce(): bigint {
    let highest = this.lastNonce;
    for (const o of [...this.openOrders, ...this.orderHistory]) {
      const n = BigInt(o.nonce);
      highest = n > highest ? n : highest;
    }
    this.lastNonce = highest + 1n;
    return this.lastNonce;
  }

  // nextWithdrawalNonce returns a withdrawal nonce above every one the
  // node listed for the trader.
  nextWithdrawalNonce(): bigint {
    let highest = this.lastWithdrawalNonce;
    for (const w of this.withdrawals) {
      const n = BigInt(w.nonce);
      highest = n > highest ? n : highest;
    }
    this.lastWithdrawalNonce = highest + 1n;
    return this.lastWithdrawalNonce;
  }
}
