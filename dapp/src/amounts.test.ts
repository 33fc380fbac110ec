import { describe, expect, it } from 'vitest';
import { feeOf, fromUnits, percentChange, toSteps, toUnits } from './amounts';

describe('amounts', () => {
  it('parses decimals into base units exactly', () => {
    expect(toUnits('1.2345', 6, 'a price')).toBe(1_234_500n);
    expect(toUnits('100', 18, 'a quantity')).toBe(100n * 10n ** 18n);
    expect(toUnits('0.10', 1, 'x')).toBe(1n);
  });

  it('rejects text that is not a plain decimal', () => {
    for (const text of ['', '1e5', '-1', '1.2.3', ' ', '0x10', '1,5']) {
      expect(() => toUnits(text, 6, 'a price'), text).toThrow();
    }
  });

  it('rejects a value between two steps', () => {
    expect(toSteps('1.2345', 6, 100n, '0.0001', 'the price')).toBe(12_345n);
    expect(() => toSteps('1.23456', 6, 100n, '0.0001', 'the price')).toThrow('the price must be a multiple of 0.0001 (4 decimals)');
    expect(() => toSteps('1.2345678', 6, 100n, '0.0001', 'the price')).toThrow('multiple of 0.0001');
    expect(() => toSteps('0.015', 18, 10n ** 16n, '0.01', 'the quantity')).toThrow('multiple of 0.01 (2 decimals)');
  });

  it('formats base units without trailing zeros', () => {
    expect(fromUnits(37_035n, 6)).toBe('0.037035');
    expect(fromUnits(5_000_000n, 6)).toBe('5');
  });

  it('rounds fees down', () => {
    expect(feeOf(37_035n, 5)).toBe(18n);
    expect(feeOf(1_999n, 5)).toBe(0n);
  });

  it('computes the 24 hour change', () => {
    expect(percentChange('1.0000', '1.0125', 4)).toBe('+1.25%');
    expect(percentChange('2', '1', 4)).toBe('-50.00%');
    expect(percentChange('1', '1', 4)).toBe('0.00%');
    expect(percentChange('0', '1', 4)).toBe('');
  });
});
