// Deposits (approve, then deposit, through the wallet) and signed
// withdrawals, each followed step by step until it is final.

import type { App } from '../app';
import { fromUnits, toUnits } from '../amounts';
import { explain } from '../errors';
import type { DepositsPage, TypedDataReply, WithdrawalAck, WithdrawalsPage } from '../types';
import { fill, h } from './dom';

// creditPollMs is the pause between looks for a deposit's credit or a
// withdrawal's settlement; creditWaitMs bounds the whole wait.
export const creditPollMs = 1_000;
export const creditWaitMs = 180_000;
// withdrawalLifetimeSeconds is how long a signed withdrawal stays valid.
export const withdrawalLifetimeSeconds = 3_600;

type StepState = 'waiting' | 'done' | 'failed';

// Steps is the list of a transfer's steps and their states.
class Steps {
  readonly element: HTMLOListElement;

  constructor(id: string) {
    this.element = h('ol', { className: 'tx-status', id });
  }

  reset(): void {
    fill(this.element);
  }

  // add appends a step and returns a function that updates it.
  add(text: string): (state: StepState, text?: string) => void {
    const item = h('li', { className: 'waiting' }, text);
    this.element.append(item);
    return (state, update) => {
      item.className = state;
      if (update) {
        item.textContent = update;
      }
    };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// pollUntil calls look until it returns a value or creditWaitMs passes.
async function pollUntil<T>(look: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + creditWaitMs;
  while (Date.now() < deadline) {
    const found = await look();
    if (found !== undefined) {
      return found;
    }
    await sleep(creditPollMs);
  }
  throw new Error(`timed out after ${creditWaitMs / 1000} s waiting for ${what}`);
}

export class Funds {
  readonly element: HTMLElement;
  private readonly app: App;
  private readonly depositToken = h('select', { id: 'deposit-token' });
  private readonly depositAmount = h('input', { id: 'deposit-amount', inputmode: 'decimal', autocomplete: 'off', placeholder: '0.00' });
  private readonly depositError = h('div', { className: 'form-error', id: 'deposit-error' });
  private readonly depositSteps = new Steps('deposit-steps');
  private readonly depositButton = h('button', { type: 'submit', className: 'primary', id: 'deposit-submit' }, 'Deposit');
  private readonly withdrawToken = h('select', { id: 'withdraw-token' });
  private readonly withdrawAmount = h('input', { id: 'withdraw-amount', inputmode: 'decimal', autocomplete: 'off', placeholder: '0.00' });
  private readonly withdrawError = h('div', { className: 'form-error', id: 'withdraw-error' });
  private readonly withdrawSteps = new Steps('withdraw-steps');
  private readonly withdrawButton = h('button', { type: 'submit', className: 'primary', id: 'withdraw-submit' }, 'Withdraw');
  private readonly depositHint = h('div', { className: 'hint', id: 'deposit-hint' });
  private readonly withdrawHint = h('div', { className: 'hint', id: 'withdraw-hint' });

  constructor(app: App) {
    this.app = app;
    const depositForm = h('form', { id: 'deposit-form', novalidate: true },
      h('h2', {}, 'Deposit'),
      h('p', { className: 'muted' }, 'Moves tokens from your wallet into the Exchange contract: an approval, then the deposit, both signed in your wallet.'),
      h('div', { className: 'field' }, h('label', { for: 'deposit-token' }, 'Token'), this.depositToken),
      h('div', { className: 'field' }, h('label', { for: 'deposit-amount' }, 'Amount'), this.depositAmount, this.depositHint),
      this.depositError, this.depositButton, this.depositSteps.element);
    const withdrawForm = h('form', { id: 'withdraw-form', novalidate: true },
      h('h2', {}, 'Withdraw'),
      h('p', { className: 'muted' }, 'Signs a withdrawal; the node pays it to your wallet in its next settlement batch.'),
      h('div', { className: 'field' }, h('label', { for: 'withdraw-token' }, 'Token'), this.withdrawToken),
      h('div', { className: 'field' }, h('label', { for: 'withdraw-amount' }, 'Amount'), this.withdrawAmount, this.withdrawHint),
      this.withdrawError, this.withdrawButton, this.withdrawSteps.element);
    depositForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.deposit();
    });
    withdrawForm.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.withdraw();
    });
    depositForm.addEventListener('change', () => this.draw());
    withdrawForm.addEventListener('change', () => this.draw());
    this.element = h('div', { className: 'funds' }, depositForm, withdrawForm);
  }

  private tokens() {
    const m = this.app.selected;
    return m ? this.app.tokens(m.chainId) : [];
  }

  private token(select: HTMLSelectElement) {
    return this.tokens().find((t) => t.address === select.value);
  }

  draw(): void {
    for (const select of [this.depositToken, this.withdrawToken]) {
      const tokens = this.tokens();
      if ([...select.options].map((o) => o.value).join() !== tokens.map((t) => t.address).join()) {
        const current = select.value;
        fill(select, ...tokens.map((t) => h('option', { value: t.address }, t.symbol)));
        select.value = tokens.some((t) => t.address === current) ? current : tokens[0]?.address ?? '';
      }
    }
    const d = this.token(this.depositToken);
    const onChain = d ? this.app.walletBalances.get(d.address) : undefined;
    this.depositHint.textContent = d && onChain !== undefined ? `In your wallet: ${fromUnits(onChain, d.decimals)} ${d.symbol}` : '';
    const w = this.token(this.withdrawToken);
    const balance = w ? this.app.balanceOf(w.address) : undefined;
    this.withdrawHint.textContent = w ? `Available on the exchange: ${balance?.available ?? '0'} ${w.symbol}` : '';
    const blocked = !this.app.account || this.app.wrongChain;
    this.depositButton.disabled = blocked;
    this.withdrawButton.disabled = blocked;
  }

  private parseAmount(select: HTMLSelectElement, input: HTMLInputElement, error: HTMLElement) {
    const token = this.token(select);
    if (!token) {
      error.textContent = 'Choose a token.';
      return undefined;
    }
    try {
      const amount = toUnits(input.value, token.decimals, 'an amount');
      if (amount === 0n) {
        error.textContent = 'The amount must be above 0.';
        return undefined;
      }
      return { token, amount };
    } catch (err) {
      error.textContent = (err as Error).message;
      return undefined;
    }
  }

  // deposit approves the Exchange when its allowance is short, deposits,
  // and waits until the node credits the deposit.
  private async deposit(): Promise<void> {
    const wallet = this.app.wallet;
    const market = this.app.selected;
    this.depositError.textContent = '';
    const parsed = this.parseAmount(this.depositToken, this.depositAmount, this.depositError);
    if (!wallet?.account || !market || !parsed) {
      return;
    }
    const { token, amount } = parsed;
    const held = this.app.walletBalances.get(token.address);
    if (held !== undefined && amount > held) {
      this.depositError.textContent = `Your wallet holds ${fromUnits(held, token.decimals)} ${token.symbol}, less than ${fromUnits(amount, token.decimals)}.`;
      return;
    }
    this.depositSteps.reset();
    this.depositButton.disabled = true;
    const label = `${fromUnits(amount, token.decimals)} ${token.symbol}`;
    let step = this.depositSteps.add('Checking the allowance…');
    try {
      const allowance = await wallet.allowance(token.address, market.exchange);
      if (allowance < amount) {
        step('waiting', `Approve ${label} in your wallet…`);
        const approval = await wallet.approve(token.address, market.exchange, amount);
        step('waiting', `Approval sent: ${approval.hash}, waiting for its block…`);
        const receipt = await wallet.waitForReceipt(approval);
        step('done', `Approval confirmed in block ${receipt.blockNumber}.`);
      } else {
        step('done', `The Exchange may already take ${label}; no approval needed.`);
      }
      step = this.depositSteps.add(`Confirm the deposit of ${label} in your wallet…`);
      const tx = await wallet.deposit(market.exchange, token.address, amount);
      step('waiting', `Deposit sent: ${tx.hash}, waiting for its block…`);
      const receipt = await wallet.waitForReceipt(tx);
      step('done', `Deposit confirmed in block ${receipt.blockNumber}.`);
      step = this.depositSteps.add('Waiting for the node to credit it…');
      const credited = await pollUntil(async () => {
        const page = await this.app.client.call<DepositsPage>('thx_deposits', [wallet.account, { limit: 20 }]);
        return page.deposits.find((d) => d.txHash.toLowerCase() === tx.hash.toLowerCase());
      }, 'the node to credit the deposit');
      step('done', `Credited by the node: deposit #${credited.id}, ${credited.amount} ${token.symbol} available to trade.`);
      this.depositAmount.value = '';
    } catch (err) {
      step('failed', `Failed: ${explain(err, 'amount').text}`);
    } finally {
      this.depositButton.disabled = false;
      void this.app.loadAccount();
    }
  }

  // withdraw signs a withdrawal, sends it and waits for its settlement.
  private async withdraw(): Promise<void> {
    const wallet = this.app.wallet;
    const market = this.app.selected;
    this.withdrawError.textContent = '';
    const parsed = this.parseAmount(this.withdrawToken, this.withdrawAmount, this.withdrawError);
    if (!wallet?.account || !market || !parsed) {
      return;
    }
    const { token, amount } = parsed;
    const balance = this.app.balanceOf(token.address);
    if (amount > BigInt(balance?.availableUnits ?? '0')) {
      this.withdrawError.textContent = `Not enough ${token.symbol}: ${balance?.available ?? '0'} ${token.symbol} is available.`;
      return;
    }
    this.withdrawSteps.reset();
    this.withdrawButton.disabled = true;
    const label = `${fromUnits(amount, token.decimals)} ${token.symbol}`;
    let step = this.withdrawSteps.add(`Sign the withdrawal of ${label} in your wallet…`);
    try {
      const withdrawal = {
        chainId: market.chainId,
        trader: wallet.account,
        token: token.address,
        amountUnits: amount.toString(),
        nonce: this.app.nextWithdrawalNonce().toString(),
        expiry: String(Math.floor(Date.now() / 1000) + withdrawalLifetimeSeconds),
      };
      const td = await this.app.client.call<TypedDataReply>('thx_typedData', [{ withdrawal }]);
      const signature = await wallet.signTypedData(td.typedData);
      const ack = await this.app.client.call<WithdrawalAck>('thx_withdraw', [{ withdrawal: td.withdrawal, signature }]);
      step('done', `Withdrawal accepted by the node: ${ack.withdrawal.hash}.`);
      step = this.withdrawSteps.add('Waiting for the settlement batch that pays it…');
      void this.app.loadAccount();
      const settled = await pollUntil(async () => {
        const page = await this.app.client.call<WithdrawalsPage>('thx_withdrawals', [wallet.account, { limit: 20 }]);
        const w = page.withdrawals.find((x) => x.hash === ack.withdrawal.hash);
        return w && w.status !== 'pending' ? w : undefined;
      }, 'the withdrawal to settle');
      if (settled.status === 'settled') {
        step('done', `Settled in batch ${settled.batch}: ${label} sent to your wallet.`);
      } else {
        step('failed', `The token refused the payout in batch ${settled.batch}; ${label} is back in your exchange balance.`);
      }
      this.withdrawAmount.value = '';
    } catch (err) {
      const e = explain(err, 'amount');
      step('failed', `Failed: ${e.text}`);
    } finally {
      this.withdrawButton.disabled = false;
      void this.app.loadAccount();
    }
  }
}
