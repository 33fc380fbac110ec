// The top bar (node status and wallet) and the notice under it: no
// wallet, or a wallet on another chain than the selected market's.

import type { App } from '../app';
import { explain } from '../errors';
import { byId, fill, h, shortAddress } from './dom';

export function mountHeader(app: App): void {
  const status = byId('node-status');
  const wallet = byId('wallet');
  const notice = byId('notice');
  let walletError = '';

  const drawStatus = () => {
    if (app.nodeError) {
      fill(status, h('span', { className: 'down' }, app.nodeError));
      return;
    }
    const info = app.nodeInfo;
    if (!info) {
      return;
    }
    const chains = info.chains.map((c) => `${c.name || 'chain'} ${c.chainId}`).join(', ');
    fill(status,
      h('span', { className: app.client.connected ? 'live' : 'down', id: 'live-state' }, app.client.connected ? '● live' : '● reconnecting'),
      ` node ${info.version} · ${info.role} · ${chains}`);
  };

  const connect = async () => {
    walletError = '';
    try {
      await app.wallet?.connect();
    } catch (err) {
      walletError = explain(err).text;
    }
    drawWallet();
  };

  const switchChain = async () => {
    const chain = app.chainOf(app.selected);
    walletError = '';
    if (!chain || !app.wallet) {
      return;
    }
    try {
      await app.wallet.switchChain(chain);
    } catch (err) {
      walletError = explain(err).text;
    }
    drawWallet();
  };

  const drawWallet = () => {
    const w = app.wallet;
    if (!w) {
      fill(wallet, h('span', { className: 'muted', id: 'wallet-state' }, 'Read-only'));
    } else if (!w.account) {
      fill(wallet, h('button', { className: 'primary', id: 'connect-wallet', type: 'button', onclick: () => void connect() }, 'Connect wallet'));
    } else {
      fill(wallet,
        h('span', { className: 'muted' }, `chain ${w.chainId}`),
        h('span', { className: 'account', id: 'wallet-account', title: w.account }, shortAddress(w.account)));
    }
    drawNotice();
  };

  const drawNotice = () => {
    const parts: (Node | string)[] = [];
    const market = app.selected;
    if (!app.wallet) {
      parts.push(h('span', { id: 'no-wallet' },
        'No browser wallet found. You can follow the markets read-only; to trade, install a wallet such as MetaMask and reload the page.'));
    } else if (app.wrongChain && market) {
      const chain = app.chainOf(market);
      parts.push(
        h('span', { id: 'wrong-chain' }, `Your wallet is on chain ${app.wallet.chainId}, and ${market.symbol} trades on chain ${market.chainId}${chain?.name ? ` (${chain.name})` : ''}.`),
        h('button', { className: 'primary', id: 'switch-chain', type: 'button', onclick: () => void switchChain() }, `Switch to chain ${market.chainId}`));
    }
    if (walletError) {
      parts.push(h('span', { className: 'down', id: 'wallet-error' }, walletError));
    }
    notice.hidden = parts.length === 0;
    fill(notice, ...parts);
  };

  app.client.onConnection(drawStatus);
  app.on('node', drawStatus);
  app.on('wallet', drawWallet);
  app.on('market', drawWallet);
  drawStatus();
  drawWallet();
}
