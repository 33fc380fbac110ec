// The trader's injected wallet (EIP-1193): accounts, chain switching,
// EIP-712 signatures and contract transactions through ethers v6.

import { BrowserProvider, Contract, type ContractTransactionResponse, type Eip1193Provider, type TransactionReceipt } from 'ethers';
import { abi as exchangeAbi } from '../../contracts/artifacts/Exchange.json';
import { abi as tokenAbi } from '../../contracts/artifacts/TestToken.json';
import type { ChainInfo, TypedDataDocument } from './types';

// Eip1193 is an injected provider, as window.ethereum.
export interface Eip1193 extends Eip1193Provider {
  on?(event: string, listener: (...args: unknown[]) => void): void;
}

// receiptConfirmations is how many blocks a page transaction waits for.
export const receiptConfirmations = 1;
// receiptWaitMs bounds the wait for a transaction receipt.
export const receiptWaitMs = 120_000;

export type WalletListener = () => void;

// hexChainId formats a chain id as EIP-1193 wants it: 0x-hex, no zeros.
export function hexChainId(chainId: number): string {
  return `0x${chainId.toString(16)}`;
}

export class Wallet {
  readonly ethereum: Eip1193;
  account?: string;
  chainId?: number;
  private readonly listeners = new Set<WalletListener>();

  constructor(ethereum: Eip1193) {
    this.ethereum = ethereum;
    ethereum.on?.('accountsChanged', (accounts) => {
      this.account = firstAccount(accounts);
      this.notify();
    });
    ethereum.on?.('chainChanged', (chainId) => {
      this.chainId = Number(chainId);
      this.notify();
    });
  }

  // detect returns the injected wallet of the page, if there is one.
  static detect(w: Window): Wallet | undefined {
    const ethereum = (w as unknown as { ethereum?: Eip1193 }).ethereum;
    return ethereum ? new Wallet(ethereum) : undefined;
  }

  onChange(listener: WalletListener): void {
    this.listeners.add(listener);
  }

  private notify(): void {
    this.listeners.forEach((l) => l());
  }

  // restore reads the accounts the wallet already authorised, without a
  // prompt, so a reload keeps the connection.
  async restore(): Promise<void> {
    const accounts = await this.ethereum.request({ method: 'eth_accounts' });
    this.account = firstAccount(accounts);
    this.chainId = Number(await this.ethereum.request({ method: 'eth_chainId' }));
    this.notify();
  }

  // connect asks the wallet for an account.
  async connect(): Promise<void> {
    const accounts = await this.ethereum.request({ method: 'eth_requestAccounts' });
    this.account = firstAccount(accounts);
    this.chainId = Number(await this.ethereum.request({ method: 'eth_chainId' }));
    this.notify();
  }

  // switchChain asks the wallet to use the chain, adding it first when
  // the wallet does not know it (error 4902) and the node gave its RPC URL.
  async switchChain(chain: ChainInfo): Promise<void> {
    const chainId = hexChainId(chain.chainId);
    try {
      await this.ethereum.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
    } catch (err) {
      if (errorCode(err) !== 4902 || !chain.rpcUrl) {
        throw err;
      }
      await this.ethereum.request({
        method: 'wallet_addEthereumChain',
        params: [{
          chainId,
          chainName: chain.name || `ThaliumX chain ${chain.chainId}`,
          rpcUrls: [chain.rpcUrl],
          nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        }],
      });
    }
    this.chainId = Number(await this.ethereum.request({ method: 'eth_chainId' }));
    this.notify();
  }

  // signTypedData signs an EIP-712 document from thx_typedData with
  // eth_signTypedData_v4, passing it as a JSON string as wallets expect.
  async signTypedData(doc: TypedDataDocument): Promise<string> {
    const account = this.requireAccount();
    const signature = await this.ethereum.request({ method: 'eth_signTypedData_v4', params: [account, JSON.stringify(doc)] });
    return String(signature);
  }

  private requireAccount(): string {
    if (!this.account) {
      throw new Error('no wallet account: connect the wallet first');
    }
    return this.account;
  }

  private async signer() {
    return new BrowserProvider(this.ethereum, 'any').getSigner(this.requireAccount());
  }

  async tokenBalance(token: string): Promise<bigint> {
    const provider = new BrowserProvider(this.ethereum, 'any');
    const contract = new Contract(token, tokenAbi, provider);
    return (await contract.balanceOf(this.requireAccount())) as bigint;
  }

  async allowance(token: string, spender: string): Promise<bigint> {
    const provider = new BrowserProvider(this.ethereum, 'any');
    const contract = new Contract(token, tokenAbi, provider);
    return (await contract.allowance(this.requireAccount(), spender)) as bigint;
  }

  async approve(token: string, spender: string, amount: bigint): Promise<ContractTransactionResponse> {
    const contract = new Contract(token, tokenAbi, await this.signer());
    return (await contract.approve(spender, amount)) as ContractTransactionResponse;
  }

  async deposit(exchange: string, token: string, amount: bigint): Promise<ContractTransactionResponse> {
    const contract = new Contract(exchange, exchangeAbi, await this.signer());
    return (await contract.deposit(token, amount)) as ContractTransactionResponse;
  }

  // waitForReceipt waits until the transaction is mined and returns the
  // receipt, or throws when it reverted or the wait timed out.
  async waitForReceipt(tx: ContractTransactionResponse): Promise<TransactionReceipt> {
    const receipt = await tx.wait(receiptConfirmations, receiptWaitMs);
    if (!receipt) {
      throw new Error(`transaction ${tx.hash} has no receipt after ${receiptWaitMs / 1000} s`);
    }
    return receipt;
  }
}

function firstAccount(accounts: unknown): string | undefined {
  return Array.isArray(accounts) && typeof accounts[0] === 'string' ? accounts[0].toLowerCase() : undefined;
}

// errorCode returns an EIP-1193 error's code, also from inside ethers'
// wrapper.
export function errorCode(err: unknown): number | undefined {
  const e = err as { code?: unknown; info?: { error?: { code?: unknown } }; error?: { code?: unknown } };
  const code = e?.info?.error?.code ?? e?.error?.code ?? e?.code;
  return typeof code === 'number' ? code : undefined;
}
