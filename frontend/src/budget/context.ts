// The open budget, shared by the screens under /budgets/:budgetId: its id and a money
// formatter in its currency.
import { computed, inject, provide, type ComputedRef, type InjectionKey } from 'vue'
import type { Budget } from '../api/client'
import { formatMoney, fromWire, type Currency } from '../money/money'

export interface BudgetContext {
  id: ComputedRef<string>
  budget: ComputedRef<Budget | undefined>
  currency: ComputedRef<Currency>
  money: (minor: number | bigint, sign?: 'auto' | 'exceptZero') => string
}

const KEY: InjectionKey<BudgetContext> = Symbol('budget')

export const locale = typeof navigator === 'undefined' ? undefined : navigator.language

export function provideBudget(
  id: ComputedRef<string>,
  budget: ComputedRef<Budget | undefined>,
): BudgetContext {
  const currency = computed<Currency>(() => ({
    code: budget.value?.currency ?? 'USD',
    exponent: budget.value?.currency_exponent ?? 2,
  }))
  const context: BudgetContext = {
    id,
    budget,
    currency,
    money: (minor, sign = 'auto') => formatMoney(fromWire(minor), currency.value, locale, sign),
  }
  provide(KEY, context)
  return context
}

export function useBudgetContext(): BudgetContext {
  const found = inject(KEY)
  if (!found) throw new Error('useBudgetContext outside a budget')
  return found
}
