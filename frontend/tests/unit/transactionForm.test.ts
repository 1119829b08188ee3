import { describe, expect, it } from 'vitest'
import type { Account, Transaction } from '../../src/api/client'
import { ApiProblem } from '../../src/api/client'
import { clearedThrough, matches } from '../../src/budget/register'
import { blankDraft, draftOf, transactionBody, transferBody, transferNeedsCategory } from '../../src/budget/transactionForm'

const account = (id: string, on_budget = true): Account => ({
  id, name: id, type: on_budget ? 'checking' : 'asset', on_budget, closed: false, balance: 0,
  cleared_balance: 0, uncleared_balance: 0, payment_category_id: null,
})
const checking = account('checking')
const savings = account('savings')
const house = account('house', false)

describe('transaction bodies', () => {
  it('turns outflow and inflow (with arithmetic) into one signed amount', () => {
    const draft = { ...blankDraft('2026-11-20'), category: 'food', outflow: '50+2.30', payee: ' Grocer ' }
    expect(transactionBody(draft, checking, 2)).toMatchObject({
      account_id: 'checking', amount: -5230, category_id: 'food', payee: 'Grocer', memo: null, cleared: 'uncleared',
    })
    expect(transactionBody({ ...draft, outflow: '', inflow: '1000' }, checking, 0).amount).toBe(1000)
  })

  it('sends a split as lines that add up to the amount (R-T1)', () => {
    const draft = {
      ...blankDraft('2026-11-20'),
      split: true,
      lines: [
        { category: 'rent', memo: '', outflow: '600', inflow: '' },
        { category: 'power', memo: 'Nov', outflow: '65', inflow: '' },
      ],
    }
    const body = transactionBody(draft, checking, 2)
    expect(body.amount).toBe(-66500)
    expect(body.lines).toEqual([
      { category_id: 'rent', memo: null, amount: -60000 },
      { category_id: 'power', memo: 'Nov', amount: -6500 },
    ])
    expect(body.category_id).toBeUndefined()
  })

  it('refuses a split of one line and names the field of a bad line amount', () => {
    const one = { ...blankDraft('2026-11-20'), split: true, lines: [{ category: 'a', memo: '', outflow: '1', inflow: '' }] }
    expect(() => transactionBody(one, checking, 2)).toThrow(ApiProblem)
    const bad = { ...one, lines: [...one.lines, { category: 'b', memo: '', outflow: 'x', inflow: '' }] }
    try {
      transactionBody(bad, checking, 2)
      expect.unreachable()
    } catch (e) {
      expect((e as ApiProblem).field('lines.1.amount')).toBe('unexpected "x"')
    }
  })

  it('gives tracking-account lines no category (R-T2)', () => {
    const draft = { ...blankDraft('2026-11-20'), category: 'food', inflow: '10' }
    expect(transactionBody(draft, house, 2).category_id).toBeNull()
  })
})

describe('transfer bodies (R-T3)', () => {
  it('an outflow goes from this account to the other, with a positive amount', () => {
    const draft = { ...blankDraft('2026-11-20'), kind: 'transfer' as const, otherAccount: 'savings', outflow: '100' }
    expect(transferBody(draft, checking, savings, 2)).toMatchObject({
      from_account_id: 'checking', to_account_id: 'savings', amount: 10000, category_id: null,
    })
  })

  it('an inflow comes from the other account', () => {
    const draft = { ...blankDraft('2026-11-20'), kind: 'transfer' as const, otherAccount: 'savings', inflow: '5' }
    expect(transferBody(draft, checking, savings, 2)).toMatchObject({ from_account_id: 'savings', to_account_id: 'checking', amount: 500 })
  })

  it('takes a category only when exactly one side is on budget', () => {
    expect(transferNeedsCategory(checking, savings)).toBe(false)
    expect(transferNeedsCategory(checking, house)).toBe(true)
    const draft = { ...blankDraft('2026-11-20'), kind: 'transfer' as const, otherAccount: 'house', outflow: '1', category: 'c' }
    expect(transferBody(draft, checking, house, 2).category_id).toBe('c')
    expect(transferBody({ ...draft, otherAccount: 'savings' }, checking, savings, 2).category_id).toBeNull()
  })
})

const txn = (id: string, date: string, amount: number, cleared: string, extra: Partial<Transaction> = {}): Transaction => ({
  id, account_id: 'checking', date, amount, payee: null, memo: null, cleared, transfer_id: null,
  import_id: null,
  lines: [{ category_id: null, amount, memo: null }], ...extra,
})

describe('the register', () => {
  const list = [
    txn('a', '2026-11-01', 100000, 'reconciled'),
    txn('b', '2026-11-10', -10000, 'cleared', { payee: 'Power company' }),
    txn('c', '2026-11-12', -4000, 'uncleared', { memo: 'gift' }),
    txn('d', '2026-12-01', -500, 'cleared'),
  ]

  it('R-T7: the cleared balance through a date counts cleared and reconciled only', () => {
    expect(clearedThrough(list, '2026-11-30')).toBe(90000n)
    expect(clearedThrough(list, '2026-12-31')).toBe(89500n)
  })

  it('filters by text (payee, memo, category, amount) and by dates', () => {
    const f = (text: string, since = '', until = '') =>
      list.filter((t) => matches(t, { text, since, until }, () => '', 2)).map((t) => t.id)
    expect(f('power')).toEqual(['b'])
    expect(f('GIFT')).toEqual(['c'])
    expect(f('40.00')).toEqual(['c'])
    expect(f('', '2026-11-05', '2026-11-30')).toEqual(['b', 'c'])
  })

  it('edits start from the transaction as it is', () => {
    const draft = draftOf(list[1]!, undefined, 'checking', 2, 'en-US')
    expect(draft).toMatchObject({ payee: 'Power company', outflow: '100.00', inflow: '', cleared: true, split: false })
  })
})
