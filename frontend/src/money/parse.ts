// Reads what people type into an amount field: "1,234.56", "-12", "120+35", "(30+12)*2",
// "100/3". Arithmetic is exact (bigint fractions); only a division may need rounding, to
// the nearest minor unit, halves away from zero.

import { INT64_MAX, INT64_MIN } from './money'

export type Parsed = { ok: true; value: bigint } | { ok: false; error: string }

interface Fraction {
  n: bigint
  d: bigint
}

interface Separators {
  decimal: Set<string>
  group: Set<string>
}

const MAX_LENGTH = 200
const MINUS = new Set(['-', '\u2212', '\u2012', '\u2013'])
const TIMES = new Set(['*', '\u00d7'])
const DIVIDE = new Set(['/', '\u00f7'])

function separators(locale?: string): Separators {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6)
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.'
  const group = parts.find((p) => p.type === 'group')?.value ?? ','
  const decimals = new Set([decimal])
  // People type "." for decimals whatever their locale, unless "." groups thousands there.
  if (group !== '.') decimals.add('.')
  const groups = new Set([group])
  if (group === '\u00a0' || group === '\u202f' || group === ' ') {
    groups.add(' ').add('\u00a0').add('\u202f')
  }
  if (group === '\u2019') groups.add("'")
  for (const d of decimals) groups.delete(d)
  return { decimal: decimals, group: groups }
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a
  while (b !== 0n) [a, b] = [b, a % b]
  return a
}

function fraction(n: bigint, d: bigint): Fraction {
  if (d < 0n) [n, d] = [-n, -d]
  const g = gcd(n, d) || 1n
  return { n: n / g, d: d / g }
}

class ParseError extends Error {}

class Parser {
  private at = 0
  divided = false

  constructor(
    private readonly text: string,
    private readonly seps: Separators,
  ) {}

  parse(): Fraction {
    if (this.text === '') throw new ParseError('enter an amount')
    const value = this.expression()
    if (this.at < this.text.length) throw new ParseError(`unexpected "${this.text[this.at]}"`)
    return value
  }

  private peek(): string | undefined {
    return this.text[this.at]
  }

  private expression(): Fraction {
    let value = this.term()
    for (let c = this.peek(); c === '+' || (c !== undefined && MINUS.has(c)); c = this.peek()) {
      this.at++
      const right = this.term()
      const sign = c === '+' ? 1n : -1n
      value = fraction(value.n * right.d + sign * right.n * value.d, value.d * right.d)
    }
    return value
  }

  private term(): Fraction {
    let value = this.factor()
    for (let c = this.peek(); c && (TIMES.has(c) || DIVIDE.has(c)); c = this.peek()) {
      this.at++
      const right = this.factor()
      if (TIMES.has(c)) {
        value = fraction(value.n * right.n, value.d * right.d)
      } else {
        if (right.n === 0n) throw new ParseError('cannot divide by zero')
        this.divided = true
        value = fraction(value.n * right.d, value.d * right.n)
      }
    }
    return value
  }

  private factor(): Fraction {
    const c = this.peek()
    if (c === undefined) throw new ParseError('the amount is incomplete')
    if (c === '+' || MINUS.has(c)) {
      this.at++
      const inner = this.factor()
      return c === '+' ? inner : { n: -inner.n, d: inner.d }
    }
    if (c === '(') {
      this.at++
      const inner = this.expression()
      if (this.peek() !== ')') throw new ParseError('a ")" is missing')
      this.at++
      return inner
    }
    return this.number()
  }

  private number(): Fraction {
    let whole = ''
    let frac = ''
    let inFraction = false
    const groups: string[] = []
    let current = ''
    for (let c = this.peek(); c !== undefined; c = this.peek()) {
      if (c >= '0' && c <= '9') {
        if (inFraction) frac += c
        else current += c
      } else if (this.seps.decimal.has(c) && !inFraction) {
        inFraction = true
      } else if (this.seps.group.has(c) && !inFraction && current !== '') {
        groups.push(current)
        current = ''
      } else break
      this.at++
    }
    if (groups.length > 0) {
      groups.push(current)
      const [first, ...rest] = groups
      if (!first || first.length > 3 || rest.some((g) => g.length !== 3)) {
        throw new ParseError('the digit grouping looks wrong')
      }
    }
    whole = groups.length > 0 ? groups.join('') : current
    if (whole === '' && frac === '') {
      const c = this.peek()
      throw new ParseError(c === undefined ? 'the amount is incomplete' : `unexpected "${c}"`)
    }
    return fraction(BigInt(whole + frac || '0'), 10n ** BigInt(frac.length))
  }
}

function clean(input: string): string {
  // Currency symbols and spaces around the amount carry no meaning here.
  return input.trim().replace(/\p{Sc}/gu, '').replace(/^\s+|\s+$/g, '')
}

function stripSpaces(text: string): string {
  // Spaces around operators go; a space between digits stays, to be read as a group
  // separator where the locale groups with spaces and refused elsewhere.
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (/\s/u.test(c)) {
      if (/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) out += ' '
      continue
    }
    out += c
  }
  return out
}

/** Parses an amount (with + - * / and parentheses) into minor units of `exponent`. */
export function parseMoney(input: string, exponent: number, locale?: string): Parsed {
  if (input.length > MAX_LENGTH) return { ok: false, error: 'the amount is too long' }
  const seps = separators(locale)
  const parser = new Parser(stripSpaces(clean(input)), seps)
  let value: Fraction
  try {
    value = parser.parse()
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message }
    throw e
  }
  const scaled = value.n * 10n ** BigInt(exponent)
  let minor = scaled / value.d
  const rest = scaled % value.d
  if (rest !== 0n) {
    if (!parser.divided) {
      const places = exponent === 1 ? '1 decimal place' : `${exponent} decimal places`
      return { ok: false, error: `use at most ${places}` }
    }
    const twice = (rest < 0n ? -rest : rest) * 2n
    if (twice >= value.d) minor += scaled < 0n ? -1n : 1n
  }
  if (minor > INT64_MAX || minor < INT64_MIN) return { ok: false, error: 'the amount is too large' }
  return { ok: true, value: minor }
}
