import { describe, expect, it } from 'vitest'
import {
  MoneyRangeError,
  decimalString,
  formatMoney,
  formatPlain,
  fromWire,
  toWire,
} from '../../src/money/money'

// Intl puts no-break spaces between a code and the number; compare with plain spaces.
const plain = (s: string) => s.replace(/\u00a0/g, ' ')

const USD = { code: 'USD', exponent: 2 }
const JPY = { code: 'JPY', exponent: 0 }
const KWD = { code: 'KWD', exponent: 3 }
const EUR = { code: 'EUR', exponent: 2 }

describe('decimalString', () => {
  it.each([
    [0n, 2, '0.00'],
    [5n, 2, '0.05'],
    [-5n, 2, '-0.05'],
    [123456n, 2, '1234.56'],
    [-123456n, 2, '-1234.56'],
    [7n, 0, '7'],
    [-7n, 0, '-7'],
    [1n, 3, '0.001'],
    [-12345n, 3, '-12.345'],
    [9223372036854775807n, 2, '92233720368547758.07'],
    [-9223372036854775808n, 0, '-9223372036854775808'],
  ])('%s minor units with exponent %s is %s', (minor, exponent, expected) => {
    expect(decimalString(minor, exponent)).toBe(expected)
  })
})

describe('formatMoney', () => {
  it('formats dollars with cents and grouping', () => {
    expect(formatMoney(123456n, USD, 'en-US')).toBe('$1,234.56')
    expect(formatMoney(-5n, USD, 'en-US')).toBe('-$0.05')
    expect(formatMoney(0n, USD, 'en-US')).toBe('$0.00')
  })

  it('formats yen with no minor units (exponent 0)', () => {
    expect(formatMoney(1234567n, JPY, 'en-US')).toBe('¥1,234,567')
    expect(formatMoney(-500n, JPY, 'ja-JP')).toBe('-￥500')
  })

  it('formats dinars with three decimals (exponent 3)', () => {
    expect(plain(formatMoney(1234567n, KWD, 'en-US'))).toBe('KWD 1,234.567')
    expect(plain(formatMoney(-1n, KWD, 'en-US'))).toBe('-KWD 0.001')
  })

  it('follows the locale for euros', () => {
    expect(plain(formatMoney(123456n, EUR, 'de-DE'))).toBe('1.234,56 €')
    expect(plain(formatMoney(-123456n, EUR, 'fr-FR'))).toBe('-1\u202f234,56 €')
  })

  it('stays exact beyond the precision of a float', () => {
    // 2^63 - 1 cents: a float would print ...758.08.
    expect(formatMoney(9223372036854775807n, USD, 'en-US')).toBe('$92,233,720,368,547,758.07')
    expect(formatMoney(-9007199254740993n, USD, 'en-US')).toBe('-$90,071,992,547,409.93')
  })

  it('uses the budget exponent even where Intl has another default', () => {
    // CLDR gives IQD 0 digits; ISO 4217 (and so the budget) gives it 3.
    expect(plain(formatMoney(12345n, { code: 'IQD', exponent: 3 }, 'en-US'))).toBe('IQD 12.345')
  })

  it('can always show the sign', () => {
    expect(formatMoney(2500n, USD, 'en-US', 'always')).toBe('+$25.00')
  })
})

describe('formatPlain', () => {
  it('gives an editable number without symbol or grouping', () => {
    expect(formatPlain(123456n, 2, 'en-US')).toBe('1234.56')
    expect(formatPlain(-123456n, 2, 'de-DE')).toBe('-1234,56')
    expect(formatPlain(42n, 0, 'en-US')).toBe('42')
    expect(formatPlain(42n, 3, 'en-US')).toBe('0.042')
  })
})

describe('wire conversion', () => {
  it('takes safe integers from the API', () => {
    expect(fromWire(-12345)).toBe(-12345n)
    expect(fromWire(Number.MAX_SAFE_INTEGER)).toBe(9007199254740991n)
  })

  it('refuses a float or an unsafe integer', () => {
    expect(() => fromWire(1.5)).toThrow(MoneyRangeError)
    expect(() => fromWire(2 ** 60)).toThrow(MoneyRangeError)
  })

  it('sends only what a JSON number carries exactly', () => {
    expect(toWire(-12345n)).toBe(-12345)
    expect(() => toWire(2n ** 60n)).toThrow(MoneyRangeError)
  })
})
