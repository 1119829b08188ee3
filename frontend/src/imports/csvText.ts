// Enough of a CSV file's text to offer its columns in the mapping form: its records, its
// delimiter, its header line, and how its dates and numbers are written. The API reads the
// file itself; these are only guesses a person confirms.

export type Delimiter = ',' | ';' | '\t' | '|'
export const DELIMITERS: Delimiter[] = [',', ';', '\t', '|']

export interface CsvRecord {
  /** The line the record starts on, from 1 (as the API counts for skip_lines). */
  line: number
  cells: string[]
}

/** The first `limit` records that are not blank (RFC 4180 quotes, newlines inside quotes). */
export function records(text: string, delimiter: Delimiter, limit = 50): CsvRecord[] {
  const found: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let start = 1
  const finish = () => {
    cells.push(cell)
    if (cells.some((c) => c.trim() !== '')) found.push({ line: start, cells })
    cells = []
    cell = ''
  }
  for (let i = 0; i < text.length && found.length < limit; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else {
        if (ch === '\n') line++
        cell += ch
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true
      cell = ''
    } else if (ch === delimiter) {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      finish()
      line++
      start = line
    } else cell += ch
  }
  if (found.length < limit && (cell !== '' || cells.length > 0)) finish()
  return found
}

const filled = (r: CsvRecord) => r.cells.filter((c) => c.trim() !== '').length

/** The delimiter that splits the first lines into the most cells (a comma on a tie). */
export function guessDelimiter(text: string): Delimiter {
  let best: Delimiter = ','
  let most = 1
  for (const d of DELIMITERS) {
    const widest = Math.max(0, ...records(text, d, 10).map((r) => r.cells.length))
    if (widest > most) [best, most] = [d, widest]
  }
  return best
}

/** Lines before the header: a bank's preamble has fewer filled cells than the header. */
export function guessSkipLines(text: string, delimiter: Delimiter): number {
  const first = records(text, delimiter, 10)
  const most = Math.max(0, ...first.map(filled))
  const header = first.find((r) => filled(r) === most)
  return header ? header.line - 1 : 0
}

export interface CsvSample {
  header: string[]
  rows: string[][]
}

/** The header after `skipLines` lines and the first data rows under it. */
export function sampleOf(text: string, delimiter: Delimiter, skipLines: number, rows = 20): CsvSample {
  const after = records(text, delimiter, skipLines + rows + 1).filter((r) => r.line > skipLines)
  const [head, ...data] = after
  return { header: (head?.cells ?? []).map((c) => c.trim()), rows: data.slice(0, rows).map((r) => r.cells) }
}

/** A date format (the API's tokens) that reads every sample, day or month first as the days tell. */
export function guessDateFormat(samples: string[]): string {
  const cells = samples.map((s) => s.trim().split(/[ T]/)[0] ?? '').filter(Boolean)
  const iso = cells.map((c) => /^\d{4}([-/.])\d{1,2}\1\d{1,2}$/.exec(c))
  if (iso.length > 0 && iso.every(Boolean)) return `YYYY${iso[0]![1]}MM${iso[0]![1]}DD`
  const parts = cells.map((c) => /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/.exec(c))
  if (parts.length === 0 || !parts.every(Boolean)) return 'YYYY-MM-DD'
  const [, , sep, , year] = parts[0]!
  const y = year!.length === 4 ? 'YYYY' : 'YY'
  const dayFirst = parts.some((p) => Number(p![1]) > 12)
    || (!parts.some((p) => Number(p![3]) > 12) && sep === '.')
  return dayFirst ? `DD${sep}MM${sep}${y}` : `MM${sep}DD${sep}${y}`
}

export interface NumberStyle {
  decimal: '.' | ','
  thousands: '' | ',' | '.' | ' ' | "'"
}

/** The decimal and thousands separators the amounts use ("1.234,56" or "1,234.56"). */
export function guessNumberStyle(samples: string[]): NumberStyle {
  const cells = samples.map((s) => s.replace(/[\s\u00a0\u202f$€£¥₹()+-]/g, '')).filter(Boolean)
  const comma = cells.some((c) => /,\d{1,2}$/.test(c) || /\.\d{3},/.test(c))
  if (comma) return { decimal: ',', thousands: cells.some((c) => c.includes('.')) ? '.' : '' }
  const grouped = samples.some((s) => /\d[\s\u00a0\u202f]\d{3}/.test(s.trim()))
  if (cells.some((c) => c.includes(','))) return { decimal: '.', thousands: ',' }
  if (cells.some((c) => c.includes("'"))) return { decimal: '.', thousands: "'" }
  return { decimal: '.', thousands: grouped ? ' ' : '' }
}
