// A test EIP-1193 wallet. The page gets window.ethereum (walletInitScript),
// whose requests go to Node.js through a Playwright binding. There an
// ethers Wallet signs with a development key, as an extension wallet does
// in its own process, and the other calls go on to the dev chain.

import { JsonRpcProvider } from 'ethers';

function walletError(code, message) {
  const err = new Error(message);
  err.code = code;
  return err;
}

function hexChainId(chainId) {
  return `0x${chainId.toString(16)}`;
}

// exposeWallet installs the wallet's Node.js side in a page and returns
// its state: the current chain, whether the page connected, and the
// methods the page called.
export async function exposeWallet(page, { signer, chainProvider, chainId, devChainId }) {
  const state = {
    address: signer.address.toLowerCase(),
    chainId,
    connected: false,
    // Chains the wallet can switch to; a fresh wallet has Ethereum mainnet.
    knownChains: new Set([1]),
    methods: [],
    signedTypes: [],
  };

  const handlers = {
    eth_chainId: () => hexChainId(state.chainId),
    eth_accounts: () => (state.connected ? [state.address] : []),
    eth_requestAccounts: () => {
      state.connected = true;
      return [state.address];
    },
    wallet_switchEthereumChain: ([{ chainId: wanted }]) => {
      const id = Number(wanted);
      if (!state.knownChains.has(id)) {
        throw walletError(4902, `Unrecognized chain ID "${wanted}". Try adding the chain using wallet_addEthereumChain first.`);
      }
      state.chainId = id;
      return null;
    },
    wallet_addEthereumChain: async ([chain]) => {
      const id = Number(chain.chainId);
      const url = chain.rpcUrls?.[0];
      if (!url) {
        throw walletError(-32602, 'wallet_addEthereumChain needs rpcUrls');
      }
      // A wallet checks that the RPC URL serves the chain it claims.
      const probe = new JsonRpcProvider(url, undefined, { staticNetwork: true });
      const served = Number(await probe.send('eth_chainId', []));
      probe.destroy();
      if (served !== id) {
        throw walletError(-32602, `the RPC URL serves chain ${served}, not ${id}`);
      }
      state.knownChains.add(id);
      state.chainId = id;
      return null;
    },
    eth_signTypedData_v4: async ([address, json]) => {
      requireAccount(address);
      const doc = typeof json === 'string' ? JSON.parse(json) : json;
      if (Number(doc.domain.chainId) !== state.chainId) {
        throw walletError(-32602, `Provided chainId "${doc.domain.chainId}" must match the active chainId "${state.chainId}"`);
      }
      const types = { ...doc.types };
      delete types.EIP712Domain;
      state.signedTypes.push(doc.primaryType);
      return signer.signTypedData(doc.domain, types, doc.message);
    },
    eth_sendTransaction: async ([tx]) => {
      requireAccount(tx.from ?? state.address);
      requireDevChain();
      const sent = await signer.sendTransaction({ to: tx.to, data: tx.data, value: tx.value ?? 0n, gasLimit: tx.gas });
      return sent.hash;
    },
  };

  function requireAccount(address) {
    if (!state.connected) {
      throw walletError(4100, 'The requested account and/or method has not been authorized by the user.');
    }
    if (String(address).toLowerCase() !== state.address) {
      throw walletError(4100, `account ${address} is not this wallet's ${state.address}`);
    }
  }

  function requireDevChain() {
    if (state.chainId !== devChainId) {
      throw walletError(4901, `the wallet is on chain ${state.chainId}, which this test wallet cannot reach`);
    }
  }

  await page.exposeFunction('__thxWalletRequest', async (method, params) => {
    state.methods.push(method);
    try {
      const handler = handlers[method];
      if (handler) {
        return { result: await handler(params ?? []) };
      }
      requireDevChain();
      return { result: await chainProvider.send(method, params ?? []) };
    } catch (err) {
      return { error: { code: typeof err.code === 'number' ? err.code : -32603, message: err.shortMessage ?? err.message } };
    }
  });
  return state;
}

// walletInitScript runs in the page before its scripts and defines
// window.ethereum on top of the binding that exposeWallet installed.
export function walletInitScript() {
  const listeners = new Map();
  const emit = (event, value) => (listeners.get(event) ?? []).forEach((listener) => listener(value));
  const call = async (method, params) => {
    const reply = await window.__thxWalletRequest(method, params ?? []);
    if (reply.error) {
      const err = new Error(reply.error.message);
      err.code = reply.error.code;
      throw err;
    }
    return reply.result;
  };
  window.ethereum = {
    isThxTestWallet: true,
    async request({ method, params }) {
      const result = await call(method, params);
      if (method === 'wallet_switchEthereumChain' || method === 'wallet_addEthereumChain') {
        emit('chainChanged', await call('eth_chainId'));
      }
      if (method === 'eth_requestAccounts') {
        emit('accountsChanged', result);
      }
      return result;
    },
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    removeListener(event, listener) {
      listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener));
    },
  };
}
