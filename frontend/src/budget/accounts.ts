// Account types and how the sidebar groups them (budget-rules.md R-A1).
import type { Account } from '../api/client'
import { fromWire } from '../money/money'

export const ACCOUNT_TYPES = [
  { value: 'checking', label: 'Checking', budget: true },
  { value: 'savings', label: 'Savings', budget: true },
  { value: 'cash', label: 'Cash', budget: true },
  { value: 'credit_card', label: 'Credit card', budget: true },
  { value: 'line_of_credit', label: 'Line of credit', budget: true },
  { value: 'asset', label: 'Asset (tracking)', budget: false },
  { value: 'investment', label: 'Investment (tracking)', budget: false },
  { value: 'liability', label: 'Liability (tracking)', budget: false },
  { value: 'mortgage', label: 'Mortgage (tracking)', budget: false },
  { value: 'loan', label: 'Loan (tracking)', budget: false },
] as const

export type AccountType = (typeof ACCOUNT_TYPES)[number]['value']

export function isCredit(account: Pick<Account, 'type'>): boolean {
  return account.type === 'credit_card' || account.type === 'line_of_credit'
}

export interface AccountSections {
  budget: Account[]
  tracking: Account[]
  closed: Account[]
}

export function sections(accounts: Account[]): AccountSections {
  const open = accounts.filter((a) => !a.closed)
  return {
    budget: open.filter((a) => a.on_budget),
    tracking: open.filter((a) => !a.on_budget),
    closed: accounts.filter((a) => a.closed),
  }
}

export function total(accounts: Account[]): bigint {
  return accounts.reduce((sum, a) => sum + fromWire(a.balance), 0n)
}
