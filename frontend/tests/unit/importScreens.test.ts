// The pieces of the import and export screens as rendered: the preview table, the CSV
// mapping form, the export menu and the YNAB report.
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import CsvMappingForm from '../../src/components/CsvMappingForm.vue'
import ExportMenu from '../../src/components/ExportMenu.vue'
import ImportPreviewTable from '../../src/components/ImportPreviewTable.vue'
import YnabReportTable from '../../src/components/YnabReportTable.vue'
import { blankDraft } from '../../src/imports/csvMapping'
import { commitDone, commitPlan, countsText, type ImportPreview } from '../../src/imports/preview'
import { formatMoney, fromWire } from '../../src/money/money'

const usd = (m: number) => formatMoney(fromWire(m), { code: 'USD', exponent: 2 }, 'en-US')
const row = (line: number, status: 'new' | 'matched' | 'duplicate' | 'rejected', amount: number, reason: string | null = null) => ({
  line, status, date: '2026-02-03', amount, payee: `Payee ${line}`, memo: null, import_id: `id${line}`,
  transaction_id: status === 'rejected' ? null : `t${line}`, reason,
})
const PREVIEW: ImportPreview = {
  id: 'p', account_id: 'a', format: 'csv', created_at: '2026-02-15T00:00:00.000000Z', committed: false,
  counts: { new: 1, matched: 1, duplicate: 1, rejected: 1 },
  rows: [row(2, 'new', -4217), row(3, 'matched', 250000), row(4, 'duplicate', -100),
    row(5, 'rejected', -6000, 'pending at the bank: import it once it has posted')],
}

describe('the import preview', () => {
  it('shows every row with its amount, status and reason', () => {
    const table = mount(ImportPreviewTable, { props: { preview: PREVIEW, money: usd } })
    const rows = table.findAll('tbody tr')
    expect(rows.map((r) => r.attributes('data-status'))).toEqual(['new', 'matched', 'duplicate', 'rejected'])
    expect(rows[0]!.text()).toContain('-$42.17')
    expect(rows[0]!.find('.status-badge').text()).toBe('New')
    expect(rows[1]!.text()).toContain('matches a transaction entered by hand')
    expect(rows[2]!.text()).toContain('imported before')
    expect(rows[3]!.find('.status-badge').classes()).toContain('status-rejected')
    expect(rows[3]!.text()).toContain('pending at the bank')
  })

  it('says what a commit does before and after', () => {
    expect(countsText(PREVIEW.counts)).toBe('1 new, 1 matched, 1 duplicate, 1 rejected')
    expect(commitPlan(PREVIEW.counts)).toBe('Committing adds 1 transaction and clears 1 matched transaction.')
    expect(commitDone({ new: 3, matched: 0, duplicate: 0, rejected: 0 })).toBe('Imported: 3 new transactions, 0 matched.')
    const nothing = { new: 0, matched: 0, duplicate: 3, rejected: 0 }
    expect(countsText(nothing)).toBe('0 new, 0 matched, 3 duplicates, 0 rejected')
    expect(commitPlan(nothing)).toBe('Nothing new: committing adds no transaction.')
    expect(commitDone(nothing)).toMatch(/^Nothing new was imported/)
  })
})

describe('the CSV mapping form', () => {
  it('offers the header as columns, and keeps a remembered column the file lacks', () => {
    const draft = { ...blankDraft(), date: 'Booked on', amount: 'Amount' }
    const form = mount(CsvMappingForm, { props: { header: ['Date', 'Amount', 'Text'], modelValue: draft } })
    const options = form.findAll('#csv-date option').map((o) => o.text())
    expect(options).toEqual(['Choose a column', 'Date', 'Amount', 'Text', 'Booked on'])
    expect((form.get('#csv-amount').element as HTMLSelectElement).value).toBe('Amount')
  })

  it('switches between one amount column and inflow and outflow columns', async () => {
    // Reactive as the dialog's draft is: the form edits it in place.
    const draft = reactive({ ...blankDraft(), date: 'Date' })
    const form = mount(CsvMappingForm, { props: { header: ['Date', 'In', 'Out'], modelValue: draft } })
    expect(form.find('#csv-sign').exists()).toBe(true)
    expect(form.find('#csv-inflow').exists()).toBe(false)
    await form.get('input[type=radio][value=split]').setValue(true)
    expect(draft.amounts).toBe('split')
    expect(form.find('#csv-sign').exists()).toBe(false)
    await form.get('#csv-outflow').setValue('Out')
    expect(draft.outflow).toBe('Out')
  })
})

describe('the export menu', () => {
  it('opens on demand and offers the four formats as downloads of the budget', async () => {
    const menu = mount(ExportMenu, { props: { budgetId: 'b 1' } })
    const toggle = menu.get('button')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    const links = menu.findAll('a')
    expect(links.map((a) => a.attributes('href'))).toEqual(['csv', 'hledger', 'beancount', 'events']
      .map((f) => `/api/v1/budgets/b%201/export?format=${f}`))
    expect(links.every((a) => a.attributes('download') !== undefined)).toBe(true)
  })
})

describe('the YNAB report', () => {
  const mismatch = {
    month: '2025-12', group: 'Credit Card Payments', category: 'Visa', category_id: 'c', assigned_ynab: 15000,
    assigned_dojo: 15000, activity_ynab: 0, activity_dojo: 0, available_ynab: 37500, available_dojo: 42000,
    reason: 'funding-order', explanation: 'Card spending from a category that could not fund all of it',
  }

  it('lists what differs in the budget currency, and the notes', () => {
    const report = { months: ['2025-10', '2026-01'], compared: 48, matched: 47, mismatches: [mismatch], notes: ['a note'] }
    const view = mount(YnabReportTable, { props: { report, currency: { code: 'USD', exponent: 2 } } })
    expect(view.get('[data-testid=ynab-matched]').text()).toMatch(/^47 of 48 category months match/)
    const cells = view.findAll('tbody tr')[0]!.findAll('td, th').map((c) => c.text())
    expect(cells.slice(0, 6)).toEqual(['2025-12', 'Credit Card Payments: Visa', '$150.00', '$150.00', '$375.00', '$420.00'])
    expect(cells[6]).toContain('Funding order')
    expect(view.get('ul').text()).toBe('a note')
  })

  it('says so when every month matches', () => {
    const report = { months: ['2025-10'], compared: 3, matched: 3, mismatches: [], notes: [] }
    const view = mount(YnabReportTable, { props: { report, currency: { code: 'JPY', exponent: 0 } } })
    expect(view.text()).toContain('Every month matches.')
    expect(view.find('table').exists()).toBe(false)
  })
})
