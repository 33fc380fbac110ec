// Test harness of the browser tests: starts `thx node --dev` on loopback
// with its own temporary data directory, launches Debian's chromium
// through playwright-core, and injects a test wallet into pages.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { HDNodeWallet, JsonRpcProvider, Mnemonic } from 'ethers';
import { exposeWallet, walletInitScript } from './wallet.mjs';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(e2eDir, '..', '..');
export const artifactsDir = path.join(repoRoot, 'dapp', 'test-artifacts');
export const chromiumPath = '/usr/bin/chromium';

// The published development mnemonic that `thx node --dev` funds.
export const testMnemonic = 'test test test test test test test test test test test junk';

// nodeStartMs bounds the wait for the node's first JSON-RPC reply, which
// comes after the dev chain deploys and funds its contracts.
export const nodeStartMs = 180_000;
// nodeStopMs bounds the wait for a graceful stop before SIGKILL.
export const nodeStopMs = 20_000;
// nodeLogBytesMax bounds the node output kept for failure messages.
export const nodeLogBytesMax = 256 * 1024;

// chromiumFlags are the flags this machine's chromium needs: no sandbox
// as root, no GPU, and no background connections to Google's hosts.
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// skipReason returns why the browser tests cannot run here, or '' when
// they can. With THX_BROWSER_TESTS=required a missing tool is an error.
export function skipReason() {
  const missing = [];
  if (!existsSync(chromiumPath)) {
    missing.push(`chromium is missing at ${chromiumPath}; install it with: sudo apt-get update && sudo apt-get install -y chromium`);
  }
  if (!existsSync(thxBinary())) {
    missing.push(`${thxBinary()} is missing; build it with: make build`);
  }
  if (missing.length === 0) {
    return '';
  }
  if (process.env.THX_BROWSER_TESTS === 'required') {
    throw new Error(`browser tests are required but cannot run: ${missing.join('; ')}`);
  }
  return missing.join('; ');
}

export function thxBinary() {
  return process.env.THX_BIN ?? path.join(repoRoot, 'bin', 'thx');
}

// freePort returns a loopback port that the system reports free.
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// rpc sends one JSON-RPC call and returns its result or throws its error.
export async function rpc(url, method, params = []) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const reply = await response.json();
  if (reply.error) {
    const err = new Error(`${method}: ${reply.error.message}`);
    err.code = reply.error.code;
    err.data = reply.error.data;
    throw err;
  }
  return reply.result;
}

// waitFor polls check until it returns a truthy value or timeoutMs passes.
export async function waitFor(what, check, timeoutMs = 60_000, pollMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) {
        return value;
      }
    } catch (err) {
      lastError = err;
    }
    await sleep(pollMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

// startNode starts `thx node --dev` on a free loopback port with a fresh
// data directory and waits for its first JSON-RPC reply.
export async function startNode() {
  const datadir = await mkdtemp(path.join(os.tmpdir(), 'thx-dapp-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // --dev.port 0 lets the system choose the dev chain's port; the node
  // reports the chain's URL in thx_nodeInfo.
  const args = ['node', '--dev', '--dev.port', '0', '--datadir', datadir, '--http.addr', `127.0.0.1:${port}`];
  const child = spawn(thxBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let log = '';
  const keep = (chunk) => {
    log += chunk.toString();
    if (log.length > nodeLogBytesMax) {
      log = log.slice(-nodeLogBytesMax);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));

  const node = {
    url, port, datadir, pid: child.pid,
    get log() { return log; },
    async stop() {
      if (!exited) {
        process.kill(child.pid, 'SIGTERM');
        const stopped = await Promise.race([exit, sleep(nodeStopMs).then(() => undefined)]);
        if (!stopped) {
          process.kill(child.pid, 'SIGKILL');
          await exit;
        }
      }
      await rm(datadir, { recursive: true, force: true });
    },
  };
  try {
    const early = exit.then(({ code, signal }) => {
      throw new Error(`thx node exited before its first JSON-RPC reply (code ${code}, signal ${signal})`);
    });
    node.info = await Promise.race([waitFor('the first reply to thx_nodeInfo', () => rpc(url, 'thx_nodeInfo'), nodeStartMs, 500), early]);
  } catch (err) {
    await node.stop();
    throw new Error(`${err.message}\nnode output:\n${log}`);
  }
  node.chain = node.info.chains[0];
  node.chainRpcUrl = node.chain.rpcUrl || chainUrlFromBanner(log, port);
  node.markets = await rpc(url, 'thx_markets');
  return node;
}

// chainUrlFromBanner finds the dev chain's HTTP JSON-RPC URL in the
// node's banner: the first loopback http URL that is not the node's own.
function chainUrlFromBanner(log, nodePort) {
  const urls = log.match(/http:\/\/127\.0\.0\.1:\d+\/?/g) ?? [];
  const url = urls.find((u) => !u.includes(`:${nodePort}`));
  if (!url) {
    throw new Error(`the node's banner names no dev chain RPC URL:\n${log}`);
  }
  return url;
}

// devAccount derives development account index from the test mnemonic.
export function devAccount(index) {
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(testMnemonic), `m/44'/60'/0'/0/${index}`);
}

// launchBrowser starts chromium with the flags above. Playwright gives
// every launch a new empty user data directory of its own.
export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true });
}

// openPage opens the dApp in a new browser context. With account (an
// ethers wallet) the page gets a test EIP-1193 wallet that signs with its
// key, starting on startChainId.
export async function openPage(browser, node, { account, startChainId, name } = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      problems.push(`console error: ${msg.text()}`);
    }
  });
  let wallet;
  if (account) {
    // No response cache: ethers caches identical calls for 250 ms by
    // default, which returns a stale nonce for a transaction sent right
    // after the one before it was mined.
    const chainProvider = new JsonRpcProvider(node.chainRpcUrl, node.chain.chainId, { staticNetwork: true, cacheTimeout: -1 });
    wallet = await exposeWallet(page, {
      signer: account.connect(chainProvider),
      chainProvider,
      chainId: startChainId ?? node.chain.chainId,
      devChainId: node.chain.chainId,
      devRpcUrl: node.chainRpcUrl,
    });
    await page.addInitScript(walletInitScript);
  }
  await page.goto(node.url);
  return { context, page, wallet, problems, name: name ?? 'page' };
}

// screenshot saves a full-page screenshot under dapp/test-artifacts.
export async function screenshot(page, name) {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
