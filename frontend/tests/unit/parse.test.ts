import { describe, expect, it } from 'vitest'
import { parseMoney } from '../../src/money/parse'

function ok(input: string, exponent: number, locale = 'en-US'): bigint {
  const parsed = parseMoney(input, exponent, locale)
  if (!parsed.ok) throw new Error(`${input}: ${parsed.error}`)
  return parsed.value
}

function error(input: string, exponent: number, locale = 'en-US'): string {
  const parsed = parseMoney(input, exponent, locale)
  if (parsed.ok) throw new Error(`${input} parsed as ${parsed.value}`)
  return parsed.error
}

describe('parseMoney: plain amounts', () => {
  it.each([
    ['12', 2, 1200n],
    ['12.3', 2, 1230n],
    ['12.34', 2, 1234n],
    ['.5', 2, 50n],
    ['0', 2, 0n],
    ['1,234.56', 2, 123456n],
    ['$1,234.56', 2, 123456n],
    ['  42 ', 2, 4200n],
    ['500', 0, 500n],
    ['1,000,000', 0, 1000000n],
    ['1.234', 3, 1234n],
    ['0.001', 3, 1n],
  ])('"%s" with exponent %s is %s', (input, exponent, expected) => {
    expect(ok(input, exponent)).toBe(expected)
  })

  it('reads negative amounts, with either minus sign', () => {
    expect(ok('-12.5', 2)).toBe(-1250n)
    expect(ok('\u221212.5', 2)).toBe(-1250n)
    expect(ok('-7', 0)).toBe(-7n)
    expect(ok('-0.001', 3)).toBe(-1n)
  })

  it('follows the locale decimal comma and still accepts a dot', () => {
    expect(ok('1.234,56', 2, 'de-DE')).toBe(123456n)
    expect(ok('12,5', 2, 'de-DE')).toBe(1250n)
    expect(ok('12,5', 2, 'fr-FR')).toBe(1250n)
    expect(ok('12.5', 2, 'fr-FR')).toBe(1250n)
    expect(ok('1 234,56', 2, 'fr-FR')).toBe(123456n)
  })

  it('refuses more decimals than the currency has', () => {
    expect(error('12.345', 2)).toBe('use at most 2 decimal places')
    expect(error('1.5', 0)).toBe('use at most 0 decimal places')
    expect(error('0.0001', 3)).toBe('use at most 3 decimal places')
  })

  it('refuses what is not an amount', () => {
    expect(error('', 2)).toBe('enter an amount')
    expect(error('abc', 2)).toBe('unexpected "a"')
    expect(error('12 34', 2)).toBe('unexpected " "')
    expect(error('1,5', 2)).toBe('the digit grouping looks wrong')
    expect(error('12..3', 2)).toBe('unexpected "."')
    expect(error('12+', 2)).toBe('the amount is incomplete')
    expect(error('(12', 2)).toBe('a ")" is missing')
  })

  it('refuses amounts outside the signed 64-bit range', () => {
    expect(ok('9223372036854775807', 0)).toBe(9223372036854775807n)
    expect(error('9223372036854775808', 0)).toBe('the amount is too large')
    expect(error('92233720368547758.08', 2)).toBe('the amount is too large')
  })
})

describe('parseMoney: arithmetic', () => {
  it.each([
    ['120+35', 2, 15500n],
    ['120 + 35.50', 2, 15550n],
    ['100-25.25', 2, 7475n],
    ['3*12.50', 2, 3750n],
    ['(30+12)*2', 2, 8400n],
    ['-20+5', 2, -1500n],
    ['10 - -5', 0, 15n],
    ['1.005*2', 3, 2010n],
    ['2\u00d73', 0, 6n],
    ['12\u00f74', 0, 3n],
  ])('"%s" with exponent %s is %s', (input, exponent, expected) => {
    expect(ok(input, exponent)).toBe(expected)
  })

  it('rounds a division to the nearest minor unit, halves away from zero', () => {
    expect(ok('100/3', 2)).toBe(3333n)
    expect(ok('200/3', 2)).toBe(6667n)
    expect(ok('-200/3', 2)).toBe(-6667n)
    expect(ok('0.05/2', 2)).toBe(3n)
    expect(ok('-0.05/2', 2)).toBe(-3n)
    expect(ok('10/4', 0)).toBe(3n)
    expect(ok('1/3', 3)).toBe(333n)
  })

  it('refuses a division by zero', () => {
    expect(error('5/0', 2)).toBe('cannot divide by zero')
    expect(error('5/(2-2)', 2)).toBe('cannot divide by zero')
  })

  it('stays exact where floats are not (0.1 + 0.2)', () => {
    expect(ok('0.1+0.2', 2)).toBe(30n)
    expect(ok('90071992547409.93+0.01', 2)).toBe(9007199254740994n)
  })
})
