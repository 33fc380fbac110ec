// Exact decimal amounts as bigint base units, with ethers' parseUnits and
// formatUnits. No floating point touches an amount that is signed or paid.

import { formatUnits, parseUnits } from 'ethers';

export const bpsDenominator = 10_000n;

const plainDecimal = /^\d+(\.\d+)?$/;

// StepError explains why a decimal is not a whole number of steps.
export class StepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepError';
  }
}

// toUnits parses a plain decimal string ("1.25") into base units of a
// token with the given decimals. It throws a StepError naming the value.
export function toUnits(text: string, decimals: number, what: string): bigint {
  const value = text.trim();
  if (value === '') {
    throw new StepError(`Enter ${what}.`);
  }
  if (!plainDecimal.test(value)) {
    throw new StepError(`${what} "${value}" is not a number; use digits with at most one decimal point, such as 1.25.`);
  }
  const fraction = value.split('.')[1] ?? '';
  if (fraction.replace(/0+$/, '').length > decimals) {
    throw new StepError(`${what} "${value}" has more than ${decimals} decimals.`);
  }
  return parseUnits(value, decimals);
}

// decimalsOf returns the decimals of a step given as a decimal string.
export function decimalsOf(step: string): number {
  const fraction = step.split('.')[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}

// toSteps parses a decimal into a whole number of steps of stepUnits base
// units, rejecting (never rounding) a value between two steps.
export function toSteps(text: string, decimals: number, stepUnits: bigint, step: string, what: string): bigint {
  let units: bigint;
  try {
    units = toUnits(text, decimals, what);
  } catch (err) {
    if (err instanceof StepError && /more than/.test(err.message)) {
      throw new StepError(`Too many decimals: ${what} must be a multiple of ${step} (${decimalsOf(step)} decimals).`);
    }
    throw err;
  }
  if (units % stepUnits !== 0n) {
    throw new StepError(`Too many decimals: ${what} must be a multiple of ${step} (${decimalsOf(step)} decimals).`);
  }
  return units / stepUnits;
}

// fromUnits formats base units as a decimal without trailing zeros.
export function fromUnits(units: bigint, decimals: number): string {
  const text = formatUnits(units, decimals);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

// feeOf returns floor(quote * feeBps / 10000), the protocol's fee rounding.
export function feeOf(quoteUnits: bigint, feeBps: number): bigint {
  return (quoteUnits * BigInt(feeBps)) / bpsDenominator;
}

// percentChange returns the change from open to last in percent with two
// decimals, such as "+1.25%", or "" when there is no open price.
export function percentChange(open: string, last: string, decimals: number): string {
  const from = parseUnits(open || '0', decimals);
  const to = parseUnits(last || '0', decimals);
  if (from === 0n) {
    return '';
  }
  // Hundredths of a percent, rounded toward zero.
  const hundredths = ((to - from) * 10_000n) / from;
  const sign = hundredths > 0n ? '+' : hundredths < 0n ? '-' : '';
  const magnitude = hundredths < 0n ? -hundredths : hundredths;
  const whole = magnitude / 100n;
  const fraction = (magnitude % 100n).toString().padStart(2, '0');
  return `${sign}${whole}.${fraction}%`;
}
