import { describe, expect, it } from 'vitest'
import type { Category, CategoryMonth, Group } from '../../src/api/client'
import { arrange } from '../../src/budget/monthTable'

const group = (id: string, extra: Partial<Group> = {}): Group => ({ id, name: id, system: false, hidden: false, ...extra })
const category = (id: string, group_id: string, extra: Partial<Category> = {}): Category => ({
  id, group_id, name: id, kind: 'regular', hidden: false, payment_for_account_id: null, ...extra,
})
const row = (category_id: string, group_id: string, extra: Partial<CategoryMonth> = {}): CategoryMonth => ({
  category_id, group_id, name: category_id, kind: 'regular', assigned: 0, activity: 0, available: 0,
  carryover: 0, cash_overspent: 0, credit_overspent: 0, ...extra,
})

describe('the month table layout', () => {
  const groups = [group('cards', { system: true }), group('bills'), group('old', { hidden: true })]
  const categories = [category('rent', 'bills'), category('water', 'bills', { hidden: true }), category('toys', 'old')]
  const rows = [row('rent', 'bills'), row('water', 'bills'), row('toys', 'old')]

  it('keeps the order of the lists and leaves hidden ones out', () => {
    const table = arrange(groups, categories, rows, false)
    expect(table.map((g) => g.group.id)).toEqual(['bills'])
    expect(table[0]!.rows.map((r) => r.row.category_id)).toEqual(['rent'])
  })

  it('shows hidden groups and categories on request (R-C4 keeps their numbers)', () => {
    const table = arrange(groups, categories, rows, true)
    expect(table.map((g) => g.group.id)).toEqual(['bills', 'old'])
    expect(table[0]!.rows.map((r) => r.row.category_id)).toEqual(['rent', 'water'])
  })

  it('shows the card payments group once it has a payment category', () => {
    const payment = category('visa', 'cards', { kind: 'payment', payment_for_account_id: 'acct' })
    const table = arrange(groups, [payment, ...categories], [row('visa', 'cards', { kind: 'payment' }), ...rows], false)
    expect(table.map((g) => g.group.id)).toEqual(['cards', 'bills'])
  })

  it('leaves the income category out and keeps rows the category list has not caught up with', () => {
    const income = category('income', 'bills', { kind: 'income' })
    const table = arrange(groups, [income, ...categories], [...rows, row('new', 'bills')], false)
    expect(table[0]!.rows.map((r) => r.row.category_id)).toEqual(['rent', 'new'])
  })
})
