// The budget's exports (decision 0010): plain same-origin links, so the browser downloads
// them with the session cookie (a GET needs no CSRF token).

export const EXPORT_FORMATS = [
  { format: 'csv', label: 'Register (CSV)' },
  { format: 'hledger', label: 'hledger journal' },
  { format: 'beancount', label: 'Beancount ledger' },
  { format: 'events', label: 'Event log (JSON lines)' },
] as const

export type ExportFormat = (typeof EXPORT_FORMATS)[number]['format']

export function exportUrl(budgetId: string, format: ExportFormat): string {
  return `/api/v1/budgets/${encodeURIComponent(budgetId)}/export?format=${format}`
}
