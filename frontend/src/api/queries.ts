// Reads, cached by vue-query. Every key of a budget starts with ['b', budgetId] so that a
// command can invalidate what it touched.
import { useQuery, type QueryClient } from '@tanstack/vue-query'
import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { api, unwrap, type Transaction } from './client'

const PAGE = 1000

interface Page<T> {
  items: T[]
  next_cursor: string | null
}

/** Every page of a cursor-paginated list. */
export async function fetchAll<T>(page: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = []
  let cursor: string | null = null
  do {
    const got: Page<T> = await page(cursor)
    all.push(...got.items)
    cursor = got.next_cursor
  } while (cursor)
  return all
}

export const keys = {
  setup: ['setup'] as const,
  me: ['me'] as const,
  budgets: ['budgets'] as const,
  budget: (b: string) => ['b', b] as const,
  budgetItself: (b: string) => ['b', b, 'budget'] as const,
  accounts: (b: string) => ['b', b, 'accounts'] as const,
  groups: (b: string) => ['b', b, 'groups'] as const,
  categories: (b: string) => ['b', b, 'categories'] as const,
  month: (b: string, m: string) => ['b', b, 'month', m] as const,
  months: (b: string) => ['b', b, 'month'] as const,
  transactions: (b: string, a: string) => ['b', b, 'transactions', a] as const,
  cardFuture: (b: string, a: string, since: string) => ['b', b, 'transactions', a, since] as const,
  netWorth: (b: string) => ['b', b, 'net-worth'] as const,
}

export const setupStateQuery = {
  queryKey: keys.setup,
  queryFn: () => unwrap(api.GET('/api/v1/setup')),
}

export const meQuery = {
  queryKey: keys.me,
  queryFn: () => unwrap(api.GET('/api/v1/me')),
  retry: false,
}

export function useBudgets() {
  return useQuery({
    queryKey: keys.budgets,
    queryFn: () =>
      fetchAll((cursor) =>
        unwrap(api.GET('/api/v1/budgets', { params: { query: { limit: PAGE, cursor } } })),
      ),
  })
}

type Id = MaybeRefOrGetter<string>

export function useBudget(b: Id) {
  return useQuery({
    queryKey: computed(() => keys.budgetItself(toValue(b))),
    queryFn: () =>
      unwrap(api.GET('/api/v1/budgets/{budget_id}', { params: { path: { budget_id: toValue(b) } } })),
  })
}

export function useAccounts(b: Id) {
  return useQuery({
    queryKey: computed(() => keys.accounts(toValue(b))),
    queryFn: () =>
      fetchAll((cursor) =>
        unwrap(
          api.GET('/api/v1/budgets/{budget_id}/accounts', {
            params: { path: { budget_id: toValue(b) }, query: { limit: PAGE, cursor } },
          }),
        ),
      ),
  })
}

export function useGroups(b: Id) {
  return useQuery({
    queryKey: computed(() => keys.groups(toValue(b))),
    queryFn: () =>
      fetchAll((cursor) =>
        unwrap(
          api.GET('/api/v1/budgets/{budget_id}/category-groups', {
            params: { path: { budget_id: toValue(b) }, query: { limit: PAGE, cursor } },
          }),
        ),
      ),
  })
}

export function useCategories(b: Id) {
  return useQuery({
    queryKey: computed(() => keys.categories(toValue(b))),
    queryFn: () =>
      fetchAll((cursor) =>
        unwrap(
          api.GET('/api/v1/budgets/{budget_id}/categories', {
            params: { path: { budget_id: toValue(b) }, query: { limit: PAGE, cursor } },
          }),
        ),
      ),
  })
}

export function useMonth(b: Id, m: MaybeRefOrGetter<string>) {
  return useQuery({
    queryKey: computed(() => keys.month(toValue(b), toValue(m))),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/budgets/{budget_id}/months/{month}', {
          params: { path: { budget_id: toValue(b), month: toValue(m) } },
        }),
      ),
    placeholderData: (previous) => previous,
  })
}

export function useTransactions(b: Id, account: Id) {
  return useQuery({
    queryKey: computed(() => keys.transactions(toValue(b), toValue(account))),
    queryFn: (): Promise<Transaction[]> =>
      fetchAll((cursor) =>
        unwrap(
          api.GET('/api/v1/budgets/{budget_id}/transactions', {
            params: {
              path: { budget_id: toValue(b) },
              query: { limit: PAGE, cursor, account_id: toValue(account) },
            },
          }),
        ),
      ),
  })
}

/** Transactions of the given accounts dated on or after `since` (to work out balances at
 * the end of an earlier month). */
export async function transactionsSince(b: string, account: string, since: string) {
  return fetchAll((cursor) =>
    unwrap(
      api.GET('/api/v1/budgets/{budget_id}/transactions', {
        params: { path: { budget_id: b }, query: { limit: PAGE, cursor, account_id: account, since } },
      }),
    ),
  )
}

export function useNetWorth(b: Id) {
  return useQuery({
    queryKey: computed(() => keys.netWorth(toValue(b))),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/budgets/{budget_id}/net-worth', {
          params: { path: { budget_id: toValue(b) } },
        }),
      ),
  })
}

export type Area = 'budget' | 'accounts' | 'groups' | 'categories' | 'month' | 'transactions' | 'net-worth'

/** After a command: mark what it can have changed as stale (active queries refetch). */
export function invalidate(qc: QueryClient, b: string, ...areas: Area[]): Promise<void> {
  if (areas.length === 0) return qc.invalidateQueries({ queryKey: keys.budget(b) })
  return Promise.all(
    areas.map((area) => qc.invalidateQueries({ queryKey: ['b', b, area] })),
  ).then(() => undefined)
}

/** Everything a ledger change (a transaction, a transfer, an account) can move. */
export const LEDGER: Area[] = ['budget', 'accounts', 'month', 'transactions', 'net-worth', 'categories']

export function useTransfers(b: Id) {
  return useQuery({
    queryKey: computed(() => [...keys.budget(toValue(b)), 'transactions', 'transfers']),
    queryFn: () =>
      fetchAll((cursor) =>
        unwrap(
          api.GET('/api/v1/budgets/{budget_id}/transfers', {
            params: { path: { budget_id: toValue(b) }, query: { limit: PAGE, cursor } },
          }),
        ),
      ),
  })
}
