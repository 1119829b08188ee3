// The CSV mapping form's state, to and from the API's CsvMapping, and a first guess of it from
// the file's header and rows (a remembered mapping wins over any guess).
import type { Schemas } from '../api/client'
import { guessDateFormat, guessNumberStyle, type CsvSample, type Delimiter } from './csvText'

export type CsvMapping = Schemas['CsvMapping']

export interface CsvDraft {
  date: string
  payee: string
  memo: string
  /** One signed amount column, or separate inflow and outflow columns. */
  amounts: 'amount' | 'split'
  amount: string
  inflow: string
  outflow: string
  status: string
  date_format: string
  decimal_separator: CsvMapping['decimal_separator']
  thousands_separator: CsvMapping['thousands_separator']
  sign: CsvMapping['sign']
  delimiter: Delimiter
  skip_lines: number
}

export function blankDraft(): CsvDraft {
  return {
    date: '', payee: '', memo: '', amounts: 'amount', amount: '', inflow: '', outflow: '', status: '',
    date_format: 'YYYY-MM-DD', decimal_separator: '.', thousands_separator: '', sign: 'inflow_positive',
    delimiter: ',', skip_lines: 0,
  }
}

const orNull = (column: string) => (column.trim() === '' ? null : column)

/** The mapping the API takes; the columns of the amount style not chosen are left out. */
export function toMapping(d: CsvDraft): CsvMapping {
  const split = d.amounts === 'split'
  return {
    date: d.date,
    payee: orNull(d.payee),
    memo: orNull(d.memo),
    amount: split ? null : orNull(d.amount),
    inflow: split ? orNull(d.inflow) : null,
    outflow: split ? orNull(d.outflow) : null,
    status: orNull(d.status),
    date_format: d.date_format.trim(),
    decimal_separator: d.decimal_separator,
    thousands_separator: d.thousands_separator,
    sign: d.sign,
    delimiter: d.delimiter,
    skip_lines: d.skip_lines,
  }
}

export function fromMapping(m: CsvMapping): CsvDraft {
  return {
    date: m.date,
    payee: m.payee ?? '',
    memo: m.memo ?? '',
    amounts: m.amount ? 'amount' : 'split',
    amount: m.amount ?? '',
    inflow: m.inflow ?? '',
    outflow: m.outflow ?? '',
    status: m.status ?? '',
    date_format: m.date_format,
    decimal_separator: m.decimal_separator,
    thousands_separator: m.thousands_separator,
    sign: m.sign,
    delimiter: m.delimiter,
    skip_lines: m.skip_lines,
  }
}

/** What is missing before the mapping can be sent, or '' when nothing is. */
export function missing(d: CsvDraft): string {
  if (!d.date) return 'Choose the date column.'
  if (d.amounts === 'amount' && !d.amount) return 'Choose the amount column.'
  if (d.amounts === 'split' && !d.inflow && !d.outflow) return 'Choose the inflow and outflow columns.'
  if (d.decimal_separator === d.thousands_separator) return 'The decimal and thousands separators must differ.'
  return ''
}

// Header words banks use, best first; a column is used for one role only.
const ROLES: [keyof CsvDraft, RegExp[]][] = [
  ['date', [/^(transaction |booking |posting )?date$/i, /date|datum|fecha/i]],
  ['amount', [/amount|betrag|montant|importe/i]],
  ['inflow', [/inflow|credit|deposit|paid in|haben/i]],
  ['outflow', [/outflow|debit|withdrawal|paid out|soll/i]],
  ['payee', [/payee|beneficiary|counterpart|merchant/i, /name/i, /description/i]],
  ['memo', [/memo|note|purpose|reference|details/i, /description/i]],
  ['status', [/^(status|state)$/i]],
]

function column(header: string[], patterns: RegExp[], taken: Set<number>): number {
  for (const pattern of patterns) {
    const index = header.findIndex((name, i) => !taken.has(i) && pattern.test(name))
    if (index >= 0) return index
  }
  return -1
}

// What the cells of a date or an amount column look like, for headers no pattern knows.
const DATE_CELL = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([ T].*)?$/
const AMOUNT_CELL = /^[-+(]?[$€£¥₹]?\s?\d[\d.,' \u00a0]*\)?[-+]?$/

function byContent(sample: CsvSample, shape: RegExp, taken: Set<number>): number {
  return sample.header.findIndex((_, i) => {
    const cells = sample.rows.map((r) => (r[i] ?? '').trim()).filter(Boolean)
    return !taken.has(i) && cells.length > 0 && cells.every((c) => shape.test(c))
  })
}

/** A first mapping from the header's names (else the cells' shapes) and how the rows write
 * dates and numbers. */
export function guessDraft(sample: CsvSample, delimiter: Delimiter, skipLines: number): CsvDraft {
  const draft: CsvDraft = { ...blankDraft(), delimiter, skip_lines: skipLines }
  const taken = new Set<number>()
  const found = new Map<keyof CsvDraft, number>()
  const take = (role: keyof CsvDraft, index: number) => {
    if (index < 0) return
    taken.add(index)
    found.set(role, index)
    ;(draft[role] as string) = sample.header[index]!
  }
  for (const [role, patterns] of ROLES) {
    const index = column(sample.header, patterns, taken)
    take(role, index >= 0 || role !== 'date' ? index : byContent(sample, DATE_CELL, taken))
  }
  if (!found.has('amount') && !found.has('inflow') && !found.has('outflow')) {
    take('amount', byContent(sample, AMOUNT_CELL, taken))
  }
  const hasSplit = found.has('inflow') || found.has('outflow')
  draft.amounts = found.has('amount') || !hasSplit ? 'amount' : 'split'
  const cells = (role: keyof CsvDraft) => {
    const index = found.get(role)
    return index === undefined ? [] : sample.rows.map((r) => r[index] ?? '').filter((c) => c.trim())
  }
  draft.date_format = guessDateFormat(cells('date'))
  const style = guessNumberStyle([...cells('amount'), ...cells('inflow'), ...cells('outflow')])
  draft.decimal_separator = style.decimal
  draft.thousands_separator = style.thousands
  return draft
}
