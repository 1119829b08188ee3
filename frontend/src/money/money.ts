// Money is a bigint count of the budget's minor units. The API sends amounts as JSON
// integers; they stay exact in a JS number up to 2^53 - 1 (90 trillion dollars), and every
// computation and every format goes through bigint and decimal strings, never floats.

export class MoneyRangeError extends Error {}

export interface Currency {
  code: string
  exponent: number
}

export const INT64_MAX = 2n ** 63n - 1n
export const INT64_MIN = -(2n ** 63n)
const WIRE_MAX = BigInt(Number.MAX_SAFE_INTEGER)

/** An amount as the API sent it (an integer JSON number) as bigint. */
export function fromWire(value: number | bigint): bigint {
  if (typeof value === 'bigint') return value
  if (!Number.isSafeInteger(value)) throw new MoneyRangeError(`not an exact amount: ${value}`)
  return BigInt(value)
}

/** An amount for a request body; refuses what a JSON number cannot carry exactly. */
export function toWire(value: bigint): number {
  if (value > WIRE_MAX || value < -WIRE_MAX) {
    throw new MoneyRangeError('this amount is too large for this app')
  }
  return Number(value)
}

/** The exact decimal string of an amount: (-12345n, 2) gives "-123.45". */
export function decimalString(minor: bigint, exponent: number): string {
  const negative = minor < 0n
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0')
  const whole = digits.slice(0, digits.length - exponent)
  const fraction = exponent > 0 ? '.' + digits.slice(digits.length - exponent) : ''
  return (negative ? '-' : '') + whole + fraction
}

const formatters = new Map<string, Intl.NumberFormat>()

function formatter(key: string, locale: string | undefined, options: Intl.NumberFormatOptions) {
  let found = formatters.get(key)
  if (!found) {
    found = new Intl.NumberFormat(locale, options)
    formatters.set(key, found)
  }
  return found
}

type SignDisplay = 'auto' | 'always' | 'exceptZero' | 'negative'

/** An amount for people, in the budget's currency: (-123456n, USD) gives "-$1,234.56". */
export function formatMoney(
  minor: bigint,
  currency: Currency,
  locale?: string,
  signDisplay: SignDisplay = 'auto',
): string {
  const digits = currency.exponent
  const key = `${locale}|${currency.code}|${digits}|${signDisplay}`
  const nf = formatter(key, locale, {
    style: 'currency',
    currency: currency.code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay,
  })
  // Intl formats a decimal string exactly (no conversion to a float).
  return nf.format(decimalString(minor, digits) as Intl.StringNumericLiteral)
}

/** An amount as a plain number to edit: (-123456n, 2, "de-DE") gives "-1234,56". */
export function formatPlain(minor: bigint, exponent: number, locale?: string): string {
  const nf = formatter(`plain|${locale}|${exponent}`, locale, {
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
    useGrouping: false,
  })
  return nf.format(decimalString(minor, exponent) as Intl.StringNumericLiteral)
}

/** An amount as a float of major units, only to place points on a chart. */
export function chartValue(minor: bigint, exponent: number): number {
  return Number(decimalString(minor, exponent))
}
