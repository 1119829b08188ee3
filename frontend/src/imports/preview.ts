// How an import preview reads to people: what each row's status means and what a commit does.
import type { Schemas } from '../api/client'

export type ImportPreview = Schemas['ImportPreview']
export type ImportRow = Schemas['ImportRow']
export type ImportCounts = Schemas['ImportCounts']

export const STATUS_LABELS: Record<ImportRow['status'], string> = {
  new: 'New',
  matched: 'Matched',
  duplicate: 'Duplicate',
  rejected: 'Rejected',
}

/** Why a row has its status: the API's reason, or what the status itself means. */
export function rowReason(row: ImportRow): string {
  if (row.reason) return row.reason
  switch (row.status) {
    case 'new':
      return 'added as a cleared transaction'
    case 'matched':
      return 'matches a transaction entered by hand: it keeps its payee and category, takes the bank’s date'
    case 'duplicate':
      return 'imported before'
    default:
      return ''
  }
}

/** "3 new, 1 matched, 0 duplicates, 1 rejected". */
export function countsText(c: ImportCounts): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  return [
    `${c.new} new`,
    `${c.matched} matched`,
    plural(c.duplicate, 'duplicate', 'duplicates'),
    `${c.rejected} rejected`,
  ].join(', ')
}

/** What committing the preview will do, said before it is done. */
export function commitPlan(c: ImportCounts): string {
  if (c.new + c.matched === 0) return 'Nothing new: committing adds no transaction.'
  const parts = []
  if (c.new) parts.push(`adds ${c.new} transaction${c.new === 1 ? '' : 's'}`)
  if (c.matched) parts.push(`clears ${c.matched} matched transaction${c.matched === 1 ? '' : 's'}`)
  return `Committing ${parts.join(' and ')}.`
}

/** What the commit did, said after it. */
export function commitDone(c: ImportCounts): string {
  if (c.new + c.matched === 0) return 'Nothing new was imported: every row was already in the register or rejected.'
  return `Imported: ${c.new} new transaction${c.new === 1 ? '' : 's'}, ${c.matched} matched.`
}
