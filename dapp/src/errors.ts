// Turns node and wallet errors into plain sentences and the form field
// they concern.

import { RpcError } from './rpc';

export interface Explained {
  // field is the form field the error concerns: a member of the signed
  // message (price, quantity, amount, ...) or 'form' for the whole form.
  field: string;
  text: string;
}

// fieldOf maps a parameter path such as "order.priceTicks" to a field.
export function fieldOf(path: string | undefined): string {
  if (!path) {
    return 'form';
  }
  const member = path.split('.').pop() ?? '';
  const fields: Record<string, string> = {
    price: 'price',
    priceTicks: 'price',
    triggerPrice: 'triggerPrice',
    triggerPriceTicks: 'triggerPrice',
    quantity: 'quantity',
    quantityLots: 'quantity',
    timeInForce: 'timeInForce',
    postOnly: 'postOnly',
    expiry: 'expiry',
    amount: 'amount',
    amountUnits: 'amount',
    token: 'token',
  };
  return fields[member] ?? 'form';
}

// nodeMessage drops the package prefix and the parameter path that the
// node puts before the reason: 'rpc: more decimals than allowed:
// order.price "1.23456": THAL/USDC prices are ...' becomes the last part.
export function nodeMessage(message: string, field?: string): string {
  let text = message.replace(/^rpc: /, '');
  if (field) {
    const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`${escaped}(?: "(?:[^"\\\\]|\\\\.)*")?: (.*)$`, 's').exec(text);
    if (match) {
      text = match[1];
    }
  }
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

// amountField is the field of a message's amount: quantity for orders,
// amount for withdrawals.
function explainNode(err: RpcError, amountField: string): Explained {
  const data = err.data;
  const field = fieldOf(data.field);
  switch (data.reason) {
    case 'precision':
      return { field, text: `Too many decimals: ${nodeMessage(err.message, data.field)}` };
    case 'insufficient_balance': {
      const s = data.shortfall;
      if (!s) {
        return { field: amountField, text: nodeMessage(err.message) };
      }
      const symbol = s.symbol ?? 'tokens';
      return {
        field: amountField,
        text: `Not enough ${symbol}: this needs ${s.needed ?? s.neededUnits} ${symbol}, and ${s.available ?? s.availableUnits} ${symbol} is available.`,
      };
    }
    case 'post_only_would_take':
      return {
        field: 'postOnly',
        text: 'A post-only order must not trade on arrival, and this price would trade against the book. Lower a buy price, raise a sell price, or turn post-only off.',
      };
    case 'expired':
      return { field: 'expiry', text: 'This expires too soon: choose an expiry at least 30 seconds from now.' };
    case 'nonce_cancelled':
      return { field: 'form', text: 'This order number was cancelled on chain with cancelUpTo. Reload the page to pick a new one.' };
    case 'replayed':
      return { field: 'form', text: 'The node already accepted this exact message; it was not placed twice.' };
    case 'signer_mismatch':
      return { field: 'form', text: 'The wallet signed with another account than the one shown. Select that account in your wallet and try again.' };
    case 'invalid_signature':
      return { field: 'form', text: `The wallet returned a signature the node cannot use: ${nodeMessage(err.message)}` };
    case 'wrong_chain':
      return { field: 'form', text: `Wrong chain: ${nodeMessage(err.message, data.field)}` };
    case 'rate_limited':
      return { field: 'form', text: `Too many requests: wait ${Math.ceil((data.retryAfterMs ?? 1000) / 1000)} s and try again.` };
    case 'market_halted':
      return { field: 'form', text: 'This market is halted after a failed settlement; no orders are taken until the operator resumes it.' };
    case 'unavailable':
      return { field: 'form', text: 'The node is busy or restarting; try again in a moment.' };
    default:
      break;
  }
  if (err.code === 0) {
    return { field: 'form', text: nodeMessage(err.message) };
  }
  return { field, text: nodeMessage(err.message, data.field) };
}

interface WalletError {
  code?: number | string;
  message?: string;
  shortMessage?: string;
  info?: { error?: { code?: number; message?: string } };
  error?: { code?: number; message?: string };
}

// walletCode returns the EIP-1193 code of a wallet error, looking inside
// ethers' wrapper when there is one.
function walletCode(err: WalletError): number | string | undefined {
  return err.info?.error?.code ?? err.error?.code ?? err.code;
}

function explainWallet(err: WalletError): Explained {
  const code = walletCode(err);
  if (code === 4001 || code === 'ACTION_REJECTED') {
    return { field: 'form', text: 'You rejected the request in your wallet; nothing was sent.' };
  }
  if (code === 4100) {
    return { field: 'form', text: 'The wallet has not authorised this site: connect the wallet first.' };
  }
  if (code === 4902) {
    return { field: 'form', text: 'The wallet does not know this chain; add it and try again.' };
  }
  const text = err.info?.error?.message ?? err.error?.message ?? err.shortMessage ?? err.message ?? String(err);
  return { field: 'form', text: `The wallet reported an error: ${text}` };
}

// explain returns the field and plain sentence for any error a trader's
// action can raise. amountField names the amount field of the form.
export function explain(err: unknown, amountField = 'quantity'): Explained {
  if (err instanceof RpcError) {
    return explainNode(err, amountField);
  }
  if (err && typeof err === 'object') {
    return explainWallet(err as WalletError);
  }
  return { field: 'form', text: String(err) };
}
