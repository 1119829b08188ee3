// The register's pure parts: filtering, the cleared balance through a date, and how a
// transaction's category reads.
import type { Category, Transaction } from '../api/client'
import { decimalString, fromWire } from '../money/money'

export interface RegisterFilter {
  text: string
  since: string
  until: string
}

export function matches(t: Transaction, f: RegisterFilter, describe: (t: Transaction) => string, exponent: number): boolean {
  if (f.since && t.date < f.since) return false
  if (f.until && t.date > f.until) return false
  const q = f.text.trim().toLowerCase()
  if (!q) return true
  const amount = decimalString(fromWire(t.amount), exponent)
  const haystack = [t.payee ?? '', t.memo ?? '', describe(t), amount, amount.replace('-', '')]
  return haystack.some((s) => s.toLowerCase().includes(q))
}

/** R-T7: the cleared balance through `date` (cleared and reconciled transactions). */
export function clearedThrough(transactions: Transaction[], date: string): bigint {
  return transactions
    .filter((t) => t.cleared !== 'uncleared' && t.date <= date)
    .reduce((sum, t) => sum + fromWire(t.amount), 0n)
}

export function categoryLabel(t: Transaction, categories: Map<string, Category>, incomeId: string): string {
  if (t.lines.length > 1) return `Split (${t.lines.length})`
  const id = t.lines[0]?.category_id
  if (!id) return ''
  if (id === incomeId) return 'Ready to Assign'
  return categories.get(id)?.name ?? 'Unknown category'
}
