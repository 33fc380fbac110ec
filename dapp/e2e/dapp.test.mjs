// Browser tests of the dApp: Debian's chromium, driven by playwright-core,
// against a `thx node --dev` that this file starts and stops. Screenshots
// of the main screens go to dapp/test-artifacts/.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Contract, JsonRpcProvider, parseUnits } from 'ethers';
import { devAccount, launchBrowser, openPage, repoRoot, rpc, screenshot, skipReason, startNode, waitFor } from './harness.mjs';

const skip = skipReason();
if (skip) {
  console.log(`Skipping the browser tests: ${skip}`);
}

// settleWaitMs bounds the wait for a trade or withdrawal to settle on the
// dev chain.
const settleWaitMs = 120_000;

function abi(name) {
  return JSON.parse(readFileSync(path.join(repoRoot, 'contracts', 'artifacts', `${name}.json`), 'utf8')).abi;
}

describe('dApp in chromium', { skip: skip || false, timeout: 15 * 60_000 }, () => {
  let node;
  let browser;
  let chain;
  let exchange;
  let thal;
  let usdc;
  const pages = [];

  before(async () => {
    node = await startNode();
    browser = await launchBrowser();
    chain = new JsonRpcProvider(node.chainRpcUrl, node.chain.chainId, { staticNetwork: true, cacheTimeout: -1 });
    const market = node.markets.find((m) => m.symbol === 'THAL/USDC');
    assert.ok(market, `the dev node lists THAL/USDC; it lists ${node.markets.map((m) => m.symbol).join(', ')}`);
    exchange = new Contract(market.exchange, abi('Exchange'), chain);
    thal = { ...market.base, contract: new Contract(market.base.address, abi('TestToken'), chain) };
    usdc = { ...market.quote, contract: new Contract(market.quote.address, abi('TestToken'), chain) };
  });

  after(async () => {
    for (const p of pages) {
      assert.deepEqual(p.problems, [], `${p.name}: the page logged errors`);
    }
    await browser?.close();
    chain?.destroy();
    await node?.stop();
  });

  async function trader(index, options = {}) {
    const account = devAccount(index);
    const opened = await openPage(browser, node, { account, name: `trader ${index}`, ...options });
    pages.push(opened);
    return { ...opened, account, address: account.address.toLowerCase() };
  }

  async function connect(t) {
    await t.page.click('#connect-wallet');
    await t.page.waitForSelector('#wallet-account');
    await t.page.click('[data-market="THAL/USDC"]');
    await waitFor('the order form to know the balance', async () => (await t.page.textContent('#order-available')) !== '–');
  }

  async function placeLimit(t, side, price, quantity, extra = async () => {}) {
    const { page } = t;
    await page.click(`#order-side-${side}`);
    await page.selectOption('#order-kind', 'limit');
    await page.fill('#order-price', price);
    await page.fill('#order-quantity', quantity);
    await extra(page);
    await page.click('#order-submit');
  }

  // waitForStep waits for a step of a transfer and, when it does not come,
  // saves a screenshot and fails with what the steps list shows.
  async function waitForStep(t, list, text, shot) {
    try {
      await t.page.waitForSelector(`${list} li.done >> text=${text}`, { timeout: settleWaitMs });
    } catch (err) {
      await screenshot(t.page, shot);
      throw new Error(`${err.message}\n${list} shows: ${await t.page.textContent(list)}`);
    }
  }

  // nodeAvailable returns the available balance of a token that the node
  // reports for a trader, as a decimal string.
  async function nodeAvailable(address, token) {
    const balances = await rpc(node.url, 'thx_balances', [address]);
    return balances.find((b) => b.token.toLowerCase() === token.address.toLowerCase())?.available ?? '0';
  }

  // waitForWithdrawHint waits until the withdraw form shows the available
  // balance that the node reports.
  async function waitForWithdrawHint(t, token) {
    const expected = `Available on the exchange: ${await nodeAvailable(t.address, token)} ${token.symbol}`;
    await waitFor(`the withdraw form to show "${expected}"`, async () => (await t.page.textContent('#withdraw-hint')) === expected);
  }

  // focused returns the id of the element with the keyboard focus and the
  // order hash of its table row, each '' when there is none.
  function focused(page) {
    return page.evaluate(() => {
      const element = document.activeElement;
      return { id: element?.id ?? '', order: element?.closest('tr')?.getAttribute('data-order') ?? '' };
    });
  }

  async function contractBalances(address) {
    return {
      thal: await exchange.balances(address, thal.address),
      usdc: await exchange.balances(address, usdc.address),
    };
  }

  it('runs read-only without a wallet', async () => {
    const opened = await openPage(browser, node, { name: 'read-only' });
    pages.push(opened);
    const { page } = opened;
    await page.waitForSelector('#no-wallet');
    assert.match(await page.textContent('#no-wallet'), /No browser wallet found/);
    await page.waitForSelector('[data-market="WETH/USDC"]');
    assert.equal(await page.locator('.market-list tbody tr').count(), node.markets.length);
    await page.waitForSelector('#live-state.live');
    assert.equal(await page.textContent('#order-submit'), 'Install a wallet to trade');
    assert.equal(await page.isDisabled('#order-submit'), true);
    assert.match(await page.textContent('#account-read-only'), /Read-only/);
    await waitFor('the book to load', async () => (await page.textContent('#book-state')).startsWith('#'));
    await screenshot(page, '01-read-only');
    await opened.context.close();
  });

  it('connects a wallet and adds the dev chain', async () => {
    const t = await trader(5, { startChainId: 1 });
    await t.page.click('#connect-wallet');
    await t.page.waitForSelector('#wrong-chain');
    assert.match(await t.page.textContent('#wrong-chain'), new RegExp(`on chain 1, and THAL/USDC trades on chain ${node.chain.chainId}`));
    assert.match(await t.page.textContent('#order-submit'), /Switch the wallet to chain/);
    await screenshot(t.page, '02-wrong-chain');
    await t.page.click('#switch-chain');
    await t.page.waitForSelector('#wrong-chain', { state: 'detached' });
    assert.deepEqual(t.wallet.methods.filter((m) => m.startsWith('wallet_')), ['wallet_switchEthereumChain', 'wallet_addEthereumChain']);
    assert.equal(t.wallet.chainId, node.chain.chainId);
    assert.equal(await t.page.getAttribute('#wallet-account', 'title'), t.address);
    await t.context.close();
  });

  it('trades a limit sell against a crossing buy and settles it', async () => {
    const seller = await trader(1);
    const buyer = await trader(2);
    await connect(seller);
    await connect(buyer);
    const sellerBefore = await contractBalances(seller.address);
    const buyerBefore = await contractBalances(buyer.address);

    // The seller rests 2 THAL at 1.2345: 2 * 1.2345 = 2.469 USDC.
    await placeLimit(seller, 'sell', '1.2345', '2');
    await waitFor('the seller order to rest', async () => /open/.test(await seller.page.textContent('#order-status')));
    assert.equal(await seller.page.textContent('#order-total'), '2.469 USDC');
    assert.equal(await seller.page.textContent('#order-hold'), '2 THAL');
    await seller.page.waitForSelector('.open-orders tr[data-order]');
    await buyer.page.waitForSelector('.book tr.level.sell >> text=1.2345');
    await screenshot(buyer.page, '03-book-before-buy');

    // The buyer crosses at 1.24; the trade prints at the maker's 1.2345.
    await placeLimit(buyer, 'buy', '1.24', '2');
    await waitFor('the buy to fill', async () => /filled/.test(await buyer.page.textContent('#order-status')));
    for (const t of [seller, buyer]) {
      await t.page.waitForSelector('.trades tr.trade >> text=1.2345');
      await t.page.waitForSelector('.open-orders >> text=No open orders');
    }
    assert.equal(await buyer.page.locator('.book tr.level.sell >> text=1.2345').count(), 0);

    // The batch settles on chain with the protocol's amounts and fees.
    const quote = 2_469_000n;
    const makerFee = (quote * 2n) / 10_000n;
    const takerFee = (quote * 5n) / 10_000n;
    const twoThal = parseUnits('2', 18);
    await waitFor('the trade to settle on chain', async () => (await exchange.balances(seller.address, thal.address)) === sellerBefore.thal - twoThal, settleWaitMs, 500);
    assert.deepEqual(await contractBalances(seller.address), { thal: sellerBefore.thal - twoThal, usdc: sellerBefore.usdc + quote - makerFee });
    assert.deepEqual(await contractBalances(buyer.address), { thal: buyerBefore.thal + twoThal, usdc: buyerBefore.usdc - quote - takerFee });

    // The node's ledger agrees with the contract once nothing is pending,
    // and the page shows the node's figures.
    for (const t of [seller, buyer]) {
      const onChain = await contractBalances(t.address);
      await waitFor(`${t.name}'s node balances to match the contract`, async () => {
        const balances = await rpc(node.url, 'thx_balances', [t.address]);
        return [[thal, onChain.thal], [usdc, onChain.usdc]].every(([token, units]) => {
          const b = balances.find((x) => x.token.toLowerCase() === token.address.toLowerCase());
          return b && BigInt(b.availableUnits) + BigInt(b.heldUnits) === units && b.pendingSettlementUnits === '0';
        });
      }, settleWaitMs, 500);
      const balances = await rpc(node.url, 'thx_balances', [t.address]);
      await t.page.click('#tab-balances');
      for (const token of [thal, usdc]) {
        const b = balances.find((x) => x.token.toLowerCase() === token.address.toLowerCase());
        await waitFor(`${t.name}'s page to show ${token.symbol}`, async () =>
          (await t.page.textContent(`.balances tr[data-token="${token.symbol}"] td.available`)) === b.available);
      }
      await t.page.click('#tab-trades');
      await t.page.waitForSelector('.trade-history tr.my-trade >> text=/batch \\d+/');
    }
    await screenshot(seller.page, '04-seller-after-trade');
    await buyer.page.click('#tab-balances');
    await screenshot(buyer.page, '05-buyer-balances');

    // A resting order is cancelled with a signed cancel.
    await seller.page.click('#tab-open');
    await placeLimit(seller, 'sell', '5', '1');
    await seller.page.waitForSelector('.open-orders tr[data-order] >> text=Cancel');
    await screenshot(seller.page, '06-open-order');
    await seller.page.click('.open-orders tr[data-order] button.cancel');
    await seller.page.waitForSelector('.open-orders >> text=No open orders');
    assert.deepEqual(seller.wallet.signedTypes, ['Order', 'Order', 'Cancel']);
    await seller.page.click('#tab-history');
    await seller.page.waitForSelector('.order-history >> text=cancelled');
    await seller.context.close();
    await buyer.context.close();
  });

  it('shows why an order is rejected next to its field', async () => {
    const t = await trader(3);
    await connect(t);

    // Too many decimals: the node rejects the price before any signature.
    await placeLimit(t, 'buy', '1.23456', '1');
    await waitFor('the precision error', async () => /THAL\/USDC prices are multiples of 0\.0001/.test(await t.page.textContent('#order-error-price')));
    assert.equal(await t.page.textContent('#order-error-price'), 'Too many decimals: THAL/USDC prices are multiples of 0.0001 (4 decimals).');
    await screenshot(t.page, '07-rejected-precision');

    // More than the available balance: the page refuses before signing.
    await placeLimit(t, 'buy', '100', '1000000');
    await waitFor('the balance error', async () => /Not enough USDC/.test(await t.page.textContent('#order-error-quantity')));
    assert.match(await t.page.textContent('#order-error-quantity'), /this order holds 100050000 USDC, and [\d.]+ USDC is available/);
    await screenshot(t.page, '08-rejected-balance');
    assert.deepEqual(t.wallet.signedTypes, []);

    // A post-only buy that would take: the node rejects the signed order.
    await placeLimit(t, 'sell', '3', '1');
    await waitFor('the sell to rest', async () => /open/.test(await t.page.textContent('#order-status')));
    await placeLimit(t, 'buy', '3.1', '1', (page) => page.check('#order-post-only'));
    await waitFor('the post-only error', async () => /post-only order must not trade/.test(await t.page.textContent('#order-error-postOnly')));
    assert.deepEqual(t.wallet.signedTypes, ['Order', 'Order']);
    const open = await rpc(node.url, 'thx_openOrders', [t.address]);
    assert.equal(open.length, 1, 'only the resting sell is open');
    await t.page.click('.open-orders tr[data-order] button.cancel');
    await t.page.waitForSelector('.open-orders >> text=No open orders');
    await t.context.close();
  });

  it('deposits and withdraws through the wallet', async () => {
    const t = await trader(4);
    // Put 10 THAL in the wallet: the dev chain's test tokens mint to anyone.
    const minter = devAccount(4).connect(chain);
    await (await thal.contract.connect(minter).mint(t.account.address, parseUnits('10', 18))).wait();
    await connect(t);
    const walletBefore = await thal.contract.balanceOf(t.account.address);
    const exchangeBefore = await exchange.balances(t.address, thal.address);

    await t.page.click('#tab-funds');
    await t.page.selectOption('#deposit-token', { label: 'THAL' });
    await waitFor('the wallet balance hint', async () => /In your wallet: [\d.]+ THAL/.test(await t.page.textContent('#deposit-hint')));
    await t.page.fill('#deposit-amount', '5');
    assert.equal(await t.page.inputValue('#deposit-amount'), '5');
    await t.page.click('#deposit-submit');
    await waitForStep(t, '#deposit-steps', 'Credited by the node', 'failed-deposit');
    assert.equal(await t.page.locator('#deposit-steps li.failed').count(), 0);
    assert.match(await t.page.textContent('#deposit-steps'), /Approval confirmed in block \d+/);
    assert.equal(await thal.contract.balanceOf(t.account.address), walletBefore - parseUnits('5', 18));
    assert.equal(await exchange.balances(t.address, thal.address), exchangeBefore + parseUnits('5', 18));

    // The trader withdraws once the page shows the credited balance.
    await t.page.selectOption('#withdraw-token', { label: 'THAL' });
    await waitForWithdrawHint(t, thal);
    await t.page.fill('#withdraw-amount', '3');
    assert.equal(await t.page.inputValue('#withdraw-amount'), '3');
    await t.page.click('#withdraw-submit');
    await waitForStep(t, '#withdraw-steps', 'Settled in batch', 'failed-withdrawal');
    assert.equal(await thal.contract.balanceOf(t.account.address), walletBefore - parseUnits('2', 18));
    assert.equal(await exchange.balances(t.address, thal.address), exchangeBefore + parseUnits('2', 18));
    assert.deepEqual(t.wallet.signedTypes, ['Withdrawal']);
    await screenshot(t.page, '09-deposit-withdraw');
    await t.context.close();
  });

  it('keeps a typed amount on redraw', async () => {
    const t = await trader(6);
    await connect(t);
    await t.page.click('#tab-funds');
    await t.page.selectOption('#withdraw-token', { label: 'THAL' });
    await waitForWithdrawHint(t, thal);
    const before = await nodeAvailable(t.address, thal);

    // The trader starts typing an amount.
    await t.page.click('#withdraw-amount');
    await t.page.keyboard.type('1');

    // The trader deposits outside the page, so the node credits the
    // deposit, sends a balances notification, and the page redraws the
    // funds tab.
    const owner = devAccount(6).connect(chain);
    const amount = parseUnits('1', 18);
    await (await thal.contract.connect(owner).mint(owner.address, amount)).wait();
    await (await thal.contract.connect(owner).approve(exchange.target, amount)).wait();
    await (await exchange.connect(owner).deposit(thal.address, amount)).wait();
    await waitFor('the node to credit the deposit', async () => (await nodeAvailable(t.address, thal)) !== before, settleWaitMs, 500);
    await waitForWithdrawHint(t, thal);

    // The trader goes on typing into the same field.
    await t.page.keyboard.type('.5');
    assert.equal(await t.page.evaluate(() => document.activeElement?.id), 'withdraw-amount', 'the amount field keeps the focus');
    assert.equal(await t.page.inputValue('#withdraw-amount'), '1.5');
    await t.context.close();
  });

  it('keeps button focus on redraw', async () => {
    const t = await trader(7);
    const other = await trader(8);
    await connect(t);
    await connect(other);

    // The Sell button: the trader reaches it with Shift+Tab from the order
    // type, and another trader's order redraws the book and the form.
    await t.page.focus('#order-kind');
    await t.page.keyboard.press('Shift+Tab');
    assert.deepEqual(await focused(t.page), { id: 'order-side-sell', order: '' });
    const bookBefore = await t.page.textContent('#book-state');
    await placeLimit(other, 'buy', '0.5', '1');
    await waitFor('the other order to rest', async () => /open/.test(await other.page.textContent('#order-status')));
    await waitFor('the book to update', async () => (await t.page.textContent('#book-state')) !== bookBefore);
    assert.deepEqual(await focused(t.page), { id: 'order-side-sell', order: '' }, 'the Sell button keeps the focus');
    await t.page.keyboard.press('Enter');
    await t.page.waitForSelector('#order-side-sell.active');
    assert.deepEqual(await focused(t.page), { id: 'order-side-sell', order: '' });

    // The Cancel button: the trader tabs to it from the last account tab,
    // and a buy from the other trader fills half of the order, which
    // redraws the row.
    await placeLimit(t, 'sell', '9', '2');
    await t.page.waitForSelector('.open-orders tr[data-order] >> text=Cancel');
    const hash = await t.page.getAttribute('.open-orders tr[data-order]', 'data-order');
    await t.page.focus('#tab-funds');
    await t.page.keyboard.press('Tab');
    assert.deepEqual(await focused(t.page), { id: '', order: hash });
    await placeLimit(other, 'buy', '9', '1');
    await waitFor('the buy to fill', async () => /filled/.test(await other.page.textContent('#order-status')));
    await waitFor('the open order to show the fill', async () =>
      (await t.page.textContent(`.open-orders tr[data-order="${hash}"] td:nth-child(7)`)) === '1');
    assert.deepEqual(await focused(t.page), { id: '', order: hash }, 'the Cancel button keeps the focus');
    await t.page.keyboard.press('Enter');
    await t.page.waitForSelector('.open-orders >> text=No open orders');
    assert.deepEqual(t.wallet.signedTypes, ['Order', 'Cancel']);

    // An account tab: the trader tabs from Open orders to Order history
    // and deposits outside the page, whose balances notification redraws
    // the account panel and the order form. The trade settles first, so
    // only the deposit changes the available THAL.
    await waitFor('the trade to settle', async () => {
      const balances = await rpc(node.url, 'thx_balances', [t.address]);
      return balances.every((b) => b.pendingSettlementUnits === '0');
    }, settleWaitMs, 500);
    await t.page.focus('#tab-open');
    await t.page.keyboard.press('Tab');
    assert.deepEqual(await focused(t.page), { id: 'tab-history', order: '' });
    const before = await nodeAvailable(t.address, thal);
    const owner = devAccount(7).connect(chain);
    const amount = parseUnits('1', 18);
    await (await thal.contract.connect(owner).mint(owner.address, amount)).wait();
    await (await thal.contract.connect(owner).approve(exchange.target, amount)).wait();
    await (await exchange.connect(owner).deposit(thal.address, amount)).wait();
    const after = await waitFor('the node to credit the deposit', async () => {
      const available = await nodeAvailable(t.address, thal);
      return available !== before && available;
    }, settleWaitMs, 500);
    await waitFor('the order form to show the deposit', async () => (await t.page.textContent('#order-available')) === `${after} THAL`);
    assert.deepEqual(await focused(t.page), { id: 'tab-history', order: '' }, 'the account tab keeps the focus');
    await t.page.keyboard.press('Enter');
    await t.page.waitForSelector('.order-history');
    assert.deepEqual(await focused(t.page), { id: 'tab-history', order: '' });
    await t.context.close();
    await other.context.close();
  });
});
