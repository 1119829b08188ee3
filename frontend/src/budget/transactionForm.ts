// The transaction editor's state, and the request bodies built from it.
import type { Account, Schemas, Transaction, Transfer } from '../api/client'
import { ApiProblem } from '../api/client'
import { formatPlain, fromWire, toWire } from '../money/money'
import { amountOf } from './forms'

export interface LineDraft {
  category: string
  memo: string
  outflow: string
  inflow: string
}

export interface Draft {
  kind: 'transaction' | 'transfer'
  date: string
  payee: string
  memo: string
  cleared: boolean
  category: string
  outflow: string
  inflow: string
  split: boolean
  lines: LineDraft[]
  otherAccount: string
}

function sides(amount: bigint, exponent: number, locale?: string): { outflow: string; inflow: string } {
  if (amount < 0n) return { outflow: formatPlain(-amount, exponent, locale), inflow: '' }
  if (amount > 0n) return { outflow: '', inflow: formatPlain(amount, exponent, locale) }
  return { outflow: '', inflow: '' }
}

export function emptyLine(): LineDraft {
  return { category: '', memo: '', outflow: '', inflow: '' }
}

export function blankDraft(date: string): Draft {
  return {
    kind: 'transaction', date, payee: '', memo: '', cleared: false, category: '',
    outflow: '', inflow: '', split: false, lines: [], otherAccount: '',
  }
}

export function draftOf(
  t: Transaction,
  transfer: Transfer | undefined,
  accountId: string,
  exponent: number,
  locale?: string,
): Draft {
  const amount = fromWire(t.amount)
  const split = t.lines.length > 1
  const draft: Draft = {
    ...blankDraft(t.date),
    payee: t.payee ?? '',
    memo: t.memo ?? '',
    cleared: t.cleared !== 'uncleared',
    category: split ? '' : (t.lines[0]?.category_id ?? ''),
    ...sides(amount, exponent, locale),
    split,
    lines: split
      ? t.lines.map((l) => ({
          category: l.category_id ?? '',
          memo: l.memo ?? '',
          ...sides(fromWire(l.amount), exponent, locale),
        }))
      : [],
  }
  if (transfer) {
    draft.kind = 'transfer'
    draft.otherAccount = transfer.from_account_id === accountId ? transfer.to_account_id : transfer.from_account_id
    draft.category = transfer.category_id ?? ''
  }
  return draft
}

/** inflow - outflow, each of which may be arithmetic; an empty pair is zero. */
export function amountOfSides(outflow: string, inflow: string, exponent: number, field: string): bigint {
  const out = BigInt(amountOf(outflow, exponent, field, 0n))
  const inn = BigInt(amountOf(inflow, exponent, field, 0n))
  return inn - out
}

function clearedOf(draft: Draft, original?: Transaction): Schemas['TransactionRequest']['cleared'] {
  if (!draft.cleared) return 'uncleared'
  return original?.cleared === 'reconciled' ? 'reconciled' : 'cleared'
}

export function transactionBody(
  draft: Draft,
  account: Account,
  exponent: number,
  original?: Transaction,
): Schemas['TransactionRequest'] {
  const body: Schemas['TransactionRequest'] = {
    account_id: account.id,
    date: draft.date,
    amount: 0,
    payee: draft.payee.trim() || null,
    memo: draft.memo.trim() || null,
    cleared: clearedOf(draft, original),
  }
  if (draft.split) {
    if (draft.lines.length < 2) {
      throw new ApiProblem(422, 'Invalid split', 'a split needs two lines or more', [
        { field: 'lines', message: 'a split needs two lines or more' },
      ])
    }
    const lines = draft.lines.map((l, i) => ({
      category_id: account.on_budget ? l.category || null : null,
      memo: l.memo.trim() || null,
      amount: toWire(amountOfSides(l.outflow, l.inflow, exponent, `lines.${i}.amount`)),
    }))
    body.lines = lines
    body.amount = toWire(lines.reduce((sum, l) => sum + BigInt(l.amount), 0n))
  } else {
    body.amount = toWire(amountOfSides(draft.outflow, draft.inflow, exponent, 'amount'))
    body.category_id = account.on_budget ? draft.category || null : null
  }
  return body
}

/** A transfer seen from this account: an outflow goes to the other account. */
export function transferBody(
  draft: Draft,
  account: Account,
  other: Account | undefined,
  exponent: number,
): Schemas['TransferRequest'] {
  if (!other) {
    throw new ApiProblem(422, 'Invalid transfer', 'choose the other account', [
      { field: 'to_account_id', message: 'choose the other account' },
    ])
  }
  const amount = amountOfSides(draft.outflow, draft.inflow, exponent, 'amount')
  const outgoing = amount < 0n
  const oneSideOnBudget = account.on_budget !== other.on_budget
  return {
    from_account_id: outgoing ? account.id : other.id,
    to_account_id: outgoing ? other.id : account.id,
    date: draft.date,
    amount: toWire(outgoing ? -amount : amount),
    category_id: oneSideOnBudget ? draft.category || null : null,
    memo: draft.memo.trim() || null,
  }
}

/** R-T3: a transfer takes a category only when exactly one side is on budget. */
export function transferNeedsCategory(account: Account, other: Account | undefined): boolean {
  return !!other && account.on_budget !== other.on_budget
}
