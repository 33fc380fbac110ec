// A JSON-RPC 2.0 client of the node: calls over HTTP POST, subscriptions
// over one WebSocket that reconnects by itself and subscribes again.

import type { ErrorData } from './types';

// callTimeoutMs bounds one HTTP or WebSocket call.
export const callTimeoutMs = 20_000;
// pendingCallsMax bounds the WebSocket calls waiting for their reply.
export const pendingCallsMax = 256;
// subscriptionsMax matches the node's default subscriptions per connection.
export const subscriptionsMax = 32;
// reconnectDelayMinMs and reconnectDelayMaxMs bound the pause before the
// WebSocket reconnects; the pause doubles after each failed attempt.
export const reconnectDelayMinMs = 500;
export const reconnectDelayMaxMs = 10_000;

// RpcError is a JSON-RPC error reply, or a transport failure with code 0.
export class RpcError extends Error {
  readonly code: number;
  readonly data: ErrorData;

  constructor(code: number, message: string, data?: ErrorData) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.data = data ?? {};
  }
}

interface RpcReply {
  id?: number;
  result?: unknown;
  error?: { code: number; message: string; data?: ErrorData };
  method?: string;
  params?: { subscription: string; result: unknown };
}

function replyError(e: NonNullable<RpcReply['error']>): RpcError {
  return new RpcError(e.code, e.message, e.data);
}

// SubscriptionHandler receives one subscription's notifications. onStart
// runs each time the node confirms the subscription, first and after every
// reconnect, so a handler can reload what it may have missed.
export interface SubscriptionHandler {
  onEvent(event: unknown): void;
  onStart?(): void;
}

export interface Subscription {
  // resubscribe drops the node's subscription and asks for a new one, for
  // example after a gap in a book's sequence numbers.
  resubscribe(): void;
  close(): void;
}

interface SubscriptionState {
  kind: string;
  arg: string;
  handler: SubscriptionHandler;
  serverId?: string;
  closed: boolean;
}

interface PendingCall {
  resolve(result: unknown): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export type ConnectionListener = (connected: boolean) => void;

export class NodeClient {
  private readonly httpUrl: string;
  private readonly wsUrl: string;
  private nextId = 1;
  private socket?: WebSocket;
  private socketOpen = false;
  private reconnectDelayMs = reconnectDelayMinMs;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private readonly pending = new Map<number, PendingCall>();
  private readonly subscriptions = new Set<SubscriptionState>();
  private readonly byServerId = new Map<string, SubscriptionState>();
  private readonly listeners = new Set<ConnectionListener>();

  constructor(httpUrl: string, wsUrl: string) {
    this.httpUrl = httpUrl;
    this.wsUrl = wsUrl;
  }

  // sameOrigin returns a client of the node that served the page.
  static sameOrigin(location: Location): NodeClient {
    const ws = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return new NodeClient(`${location.origin}/`, `${ws}//${location.host}/`);
  }

  get connected(): boolean {
    return this.socketOpen;
  }

  onConnection(listener: ConnectionListener): void {
    this.listeners.add(listener);
  }

  // call sends one request over HTTP and returns its result, or throws an
  // RpcError with the node's code, message and data.
  async call<T>(method: string, params: unknown[] = []): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), callTimeoutMs);
    let response: Response;
    try {
      response = await fetch(this.httpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method, params }),
        signal: controller.signal,
      });
    } catch (err) {
      throw new RpcError(0, `cannot reach the node for ${method}: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    let reply: RpcReply;
    try {
      reply = (await response.json()) as RpcReply;
    } catch {
      throw new RpcError(0, `the node answered ${method} with HTTP ${response.status} and no JSON-RPC reply`);
    }
    if (reply.error) {
      throw replyError(reply.error);
    }
    return reply.result as T;
  }

  // subscribe starts a subscription that lasts until close, across
  // reconnects.
  subscribe(kind: string, arg: string, handler: SubscriptionHandler): Subscription {
    if (this.subscriptions.size >= subscriptionsMax) {
      throw new RpcError(0, `too many subscriptions: at most ${subscriptionsMax} per page`);
    }
    const sub: SubscriptionState = { kind, arg, handler, closed: false };
    this.subscriptions.add(sub);
    this.ensureSocket();
    if (this.socketOpen) {
      void this.startSubscription(sub);
    }
    return {
      resubscribe: () => this.restartSubscription(sub),
      close: () => this.closeSubscription(sub),
    };
  }

  private ensureSocket(): void {
    if (this.socket || this.reconnectTimer) {
      return;
    }
    const socket = new WebSocket(this.wsUrl);
    this.socket = socket;
    socket.onopen = () => {
      this.socketOpen = true;
      this.reconnectDelayMs = reconnectDelayMinMs;
      this.listeners.forEach((l) => l(true));
      this.subscriptions.forEach((sub) => void this.startSubscription(sub));
    };
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = () => this.socketClosed(socket);
  }

  private socketClosed(socket: WebSocket): void {
    if (this.socket !== socket) {
      return;
    }
    const wasOpen = this.socketOpen;
    this.socket = undefined;
    this.socketOpen = false;
    this.byServerId.clear();
    this.subscriptions.forEach((sub) => (sub.serverId = undefined));
    for (const [id, call] of this.pending) {
      clearTimeout(call.timer);
      call.reject(new RpcError(0, 'the WebSocket connection to the node closed'));
      this.pending.delete(id);
    }
    if (wasOpen) {
      this.listeners.forEach((l) => l(false));
    }
    if (this.subscriptions.size === 0) {
      return;
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.ensureSocket();
    }, this.reconnectDelayMs);
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, reconnectDelayMaxMs);
  }

  private receive(text: string): void {
    let reply: RpcReply;
    try {
      reply = JSON.parse(text) as RpcReply;
    } catch {
      console.warn('Dropped a WebSocket message that is not JSON', text.slice(0, 200));
      return;
    }
    if (reply.method === 'thx_subscription' && reply.params) {
      const sub = this.byServerId.get(reply.params.subscription);
      if (sub && !sub.closed) {
        sub.handler.onEvent(reply.params.result);
      }
      return;
    }
    if (reply.id === undefined) {
      return;
    }
    const call = this.pending.get(reply.id);
    if (!call) {
      return;
    }
    this.pending.delete(reply.id);
    clearTimeout(call.timer);
    if (reply.error) {
      call.reject(replyError(reply.error));
    } else {
      call.resolve(reply.result);
    }
  }

  // socketCall sends one request over the WebSocket.
  private socketCall<T>(method: string, params: unknown[]): Promise<T> {
    const socket = this.socket;
    if (!socket || !this.socketOpen) {
      return Promise.reject(new RpcError(0, 'the WebSocket connection to the node is not open'));
    }
    if (this.pending.size >= pendingCallsMax) {
      return Promise.reject(new RpcError(0, `too many calls waiting for the node: at most ${pendingCallsMax}`));
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RpcError(0, `${method} timed out after ${callTimeoutMs} ms`));
      }, callTimeoutMs);
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  private async startSubscription(sub: SubscriptionState): Promise<void> {
    try {
      const serverId = await this.socketCall<string>('thx_subscribe', [sub.kind, sub.arg]);
      if (sub.closed) {
        void this.socketCall('thx_unsubscribe', [serverId]).catch(() => undefined);
        return;
      }
      sub.serverId = serverId;
      this.byServerId.set(serverId, sub);
      sub.handler.onStart?.();
    } catch (err) {
      console.warn(`Failed to subscribe to ${sub.kind} ${sub.arg}`, err);
    }
  }

  private dropServerSubscription(sub: SubscriptionState): void {
    if (sub.serverId === undefined) {
      return;
    }
    this.byServerId.delete(sub.serverId);
    void this.socketCall('thx_unsubscribe', [sub.serverId]).catch(() => undefined);
    sub.serverId = undefined;
  }

  private restartSubscription(sub: SubscriptionState): void {
    if (sub.closed) {
      return;
    }
    this.dropServerSubscription(sub);
    if (this.socketOpen) {
      void this.startSubscription(sub);
    }
  }

  private closeSubscription(sub: SubscriptionState): void {
    sub.closed = true;
    this.subscriptions.delete(sub);
    this.dropServerSubscription(sub);
  }
}
