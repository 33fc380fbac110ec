// End-to-end test of `thx node --dev` with ethers v6 as the wallet library:
// two development accounts sign orders from the payload the node returns
// (thx_typedData), place them over JSON-RPC, see the trade on a WebSocket
// subscription, and after the settlement the test reads both traders'
// balances on chain through the Exchange contract. `make test` runs it;
// alone: `cd e2e && npm ci && node --test trade.test.js` after `make build`,
// or with THX_BIN naming the thx binary.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const readline = require("node:readline");
const { Contract, HDNodeWallet, JsonRpcProvider, TypedDataEncoder, verifyTypedData } = require("ethers");
const WebSocket = require("ws");

const repoRoot = path.join(__dirname, "..");
const thxBin = process.env.THX_BIN || path.join(repoRoot, "bin", "thx");
const exchangeAbi = JSON.parse(fs.readFileSync(path.join(repoRoot, "contracts", "artifacts", "Exchange.json"), "utf8")).abi;

const startWaitMs = 120_000; // dev chain, deployment and deposits
const settleWaitMs = 60_000; // the batch interval, the settle transaction and its receipt
const pollMs = 100;

// startNode runs thx node --dev on free ports in a new temporary directory
// and resolves once the banner has printed the JSON-RPC URLs and the test
// mnemonic.
function startNode() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "thx-js-e2e-"));
  const args = ["node", "--dev", "--dev.port", "0", "--http.addr", "127.0.0.1:0", "--dev.accounts", "3", "--datadir", dataDir];
  const child = spawn(thxBin, args, { stdio: ["ignore", "pipe", "pipe"] });
  const node = { child, dataDir, stderr: [], banner: [] };
  readline.createInterface({ input: child.stderr }).on("line", (line) => {
    node.stderr.push(line);
    if (node.stderr.length > 200) node.stderr.shift();
  });
  node.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within ${startWaitMs} ms:\n${node.stderr.join("\n")}`)), startWaitMs);
    child.on("error", (err) => reject(new Error(`start ${thxBin} (run make build or set THX_BIN): ${err.message}`)));
    node.exited.then(({ code }) => reject(new Error(`thx node exited with ${code}:\n${node.stderr.join("\n")}`)));
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      node.banner.push(line);
      const rpc = line.match(/JSON-RPC\s+(http:\S+)\s+(ws:\S+)/);
      if (rpc) [node.url, node.wsUrl] = [rpc[1], rpc[2]];
      const mnemonic = line.match(/"([a-z ]+)" \(path/);
      if (mnemonic) node.mnemonic = mnemonic[1];
      if (node.url && node.mnemonic) {
        clearTimeout(timer);
        resolve(node);
      }
    });
  });
  return ready;
}

// stopNode sends SIGINT, waits for the exit and removes the data directory.
async function stopNode(node) {
  if (node.child.exitCode === null) {
    node.child.kill("SIGINT");
    const { code } = await node.exited;
    assert.equal(code, 0, `thx node exited with ${code}:\n${node.stderr.join("\n")}`);
  }
  fs.rmSync(node.dataDir, { recursive: true, force: true });
}

// call sends one JSON-RPC request over HTTP and returns its result, or
// throws an error carrying the node's code.
async function call(node, method, ...params) {
  const res = await fetch(node.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const reply = await res.json();
  if (reply.error) {
    const err = new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
    err.code = reply.error.code;
    throw err;
  }
  return reply.result;
}

async function waitFor(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

// subscribe opens a WebSocket, subscribes with thx_subscribe and returns a
// function that waits for the next notification.
async function subscribe(node, kind, argument) {
  const ws = new WebSocket(node.wsUrl);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  const queue = [];
  const waiters = [];
  let id;
  ws.on("message", (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.id === 1) {
      if (msg.error) throw new Error(`thx_subscribe: ${msg.error.message}`);
      id = msg.result;
      return;
    }
    if (msg.method === "thx_subscription" && msg.params.subscription === id) {
      const waiter = waiters.shift();
      if (waiter) waiter(msg.params.result);
      else queue.push(msg.params.result);
    }
  });
  ws.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "thx_subscribe", params: [kind, argument] }));
  await waitFor("subscription id", 10_000, () => id);
  const next = (timeoutMs) =>
    queue.length > 0
      ? Promise.resolve(queue.shift())
      : new Promise((resolve, reject) => {
          waiters.push(resolve);
          setTimeout(() => reject(new Error(`no ${kind} notification within ${timeoutMs} ms`)), timeoutMs);
        });
  return { next, close: () => ws.close() };
}

// signOrder requests the order's EIP-712 payload from the node, checks
// its digest with ethers, and signs it with the wallet.
async function signOrder(node, wallet, order) {
  const td = await call(node, "thx_typedData", { order: { ...order, trader: wallet.address } });
  const { EIP712Domain, ...types } = td.typedData.types;
  assert.ok(EIP712Domain, "typed data lists the EIP712Domain type");
  assert.equal(TypedDataEncoder.hash(td.typedData.domain, types, td.typedData.message), td.hash, "ethers computes the node's digest");
  const signature = await wallet.signTypedData(td.typedData.domain, types, td.typedData.message);
  assert.equal(verifyTypedData(td.typedData.domain, types, td.typedData.message, signature), wallet.address);
  return { order: td.order, signature, hash: td.hash };
}

// fee is floor(quote * bps / 10000), docs/PROTOCOL.md.
const fee = (quote, bps) => (quote * BigInt(bps)) / 10_000n;

test("ethers-signed orders trade and settle on chain", { timeout: startWaitMs + settleWaitMs + 60_000 }, async (t) => {
  const node = await startNode();
  t.after(() => stopNode(node));
  const wallet = (i) => HDNodeWallet.fromPhrase(node.mnemonic, undefined, `m/44'/60'/0'/0/${i}`);
  const [seller, buyer] = [wallet(1), wallet(2)];

  const market = await call(node, "thx_market", "THAL/USDC");
  for (const w of [seller, buyer]) {
    await waitFor(`deposits of ${w.address}`, startWaitMs, async () => (await call(node, "thx_balances", w.address)).length === 3);
  }
  const info = await call(node, "thx_nodeInfo");
  const provider = new JsonRpcProvider(info.chains[0].rpcUrl, info.chains[0].chainId, { staticNetwork: true });
  t.after(() => provider.destroy());
  const exchange = new Contract(market.exchange, exchangeAbi, provider);
  const [base, quote] = [market.base.address, market.quote.address];
  const onChain = async (w) => ({ base: await exchange.balances(w.address, base), quote: await exchange.balances(w.address, quote) });
  const before = { seller: await onChain(seller), buyer: await onChain(buyer) };
  const feesBefore = await exchange.accruedFees(quote);

  const trades = await subscribe(node, "trades", market.symbol);
  t.after(() => trades.close());

  // A resting sell of 4 THAL at 2.5 USDC, then a buy that takes it.
  const sell = await signOrder(node, seller, { market: market.symbol, side: "sell", price: "2.5", quantity: "4", nonce: "1" });
  const sellAck = await call(node, "thx_placeOrder", { order: sell.order, signature: sell.signature });
  assert.equal(sellAck.order.status, "open");
  assert.equal(sellAck.order.hash, sell.hash);
  const buy = await signOrder(node, buyer, { market: market.symbol, side: "buy", price: "2.6", quantity: "4", nonce: "1", timeInForce: "IOC" });
  const buyAck = await call(node, "thx_placeOrder", { order: buy.order, signature: buy.signature });
  assert.equal(buyAck.order.status, "filled");
  assert.equal(buyAck.trades.length, 1);

  const trade = await trades.next(10_000);
  assert.equal(trade.makerOrder, sell.hash);
  assert.equal(trade.takerOrder, buy.hash);
  assert.equal(trade.price, "2.5");
  assert.equal(trade.quantity, "4");

  await waitFor("settlement of the trade's batch", settleWaitMs, async () => {
    const nodeInfo = await call(node, "thx_nodeInfo");
    if (nodeInfo.chains[0].lastBatch < trade.batch) return false;
    const balances = [...(await call(node, "thx_balances", seller.address)), ...(await call(node, "thx_balances", buyer.address))];
    return balances.every((b) => b.pendingSettlementUnits === "0");
  });

  // Amounts from the protocol's rules, computed here and not by the node.
  const baseUnits = 4n * 10n ** BigInt(market.base.decimals);
  const quoteUnits = (5n * 10n ** BigInt(market.quote.decimals) * 4n) / 2n; // 2.5 USDC × 4
  const makerFee = fee(quoteUnits, market.makerFeeBps);
  const takerFee = fee(quoteUnits, market.takerFeeBps);
  const after = { seller: await onChain(seller), buyer: await onChain(buyer) };
  assert.equal(after.seller.base, before.seller.base - baseUnits, "seller's THAL on chain");
  assert.equal(after.seller.quote, before.seller.quote + quoteUnits - makerFee, "seller's USDC on chain");
  assert.equal(after.buyer.base, before.buyer.base + baseUnits, "buyer's THAL on chain");
  assert.equal(after.buyer.quote, before.buyer.quote - quoteUnits - takerFee, "buyer's USDC on chain");
  assert.equal(await exchange.accruedFees(quote), feesBefore + makerFee + takerFee, "fees accrued on chain");
  assert.equal(BigInt(trade.makerFeeUnits), makerFee);
  assert.equal(BigInt(trade.takerFeeUnits), takerFee);

  // The node's ledger agrees with the contract.
  for (const [w, chain] of [[seller, after.seller], [buyer, after.buyer]]) {
    const ledger = Object.fromEntries((await call(node, "thx_balances", w.address)).map((b) => [b.token.toLowerCase(), b]));
    assert.equal(BigInt(ledger[base.toLowerCase()].availableUnits), chain.base, `${w.address} THAL on the node`);
    assert.equal(BigInt(ledger[quote.toLowerCase()].availableUnits), chain.quote, `${w.address} USDC on the node`);
  }
});
