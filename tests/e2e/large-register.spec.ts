// The register stays smooth with 10,000 transactions: it is virtualized, so only the rows
// in view are in the page whatever the account holds. The rows come from a stubbed list
// endpoint (recording 10,000 transactions through the API would take minutes here).
import { expect, test, type Route } from '@playwright/test'
import { addAccount, createBudget, unique } from './helpers'

const COUNT = 10_000

function fakeTransactions(accountId: string) {
  const start = Date.UTC(2026, 10, 27)
  return Array.from({ length: COUNT }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    account_id: accountId,
    date: new Date(start - Math.floor(i / 10) * 86_400_000).toISOString().slice(0, 10),
    amount: -((i % 997) * 100 + 99),
    payee: `Payee ${i}`,
    memo: i % 3 === 0 ? `memo ${i}` : null,
    cleared: i % 2 === 0 ? 'cleared' : 'uncleared',
    lines: [{ category_id: null, amount: -((i % 997) * 100 + 99), memo: null }],
    transfer_id: null,
  }))
}

test('10,000 transactions scroll with a bounded number of rows in the page', async ({ page }) => {
  await createBudget(page, unique('Big'))
  await addAccount(page, { name: 'Everyday', type: 'checking', balance: '0' })
  const accountId = page.url().split('/accounts/')[1]!
  const all = fakeTransactions(accountId)
  await page.route(/\/api\/v1\/budgets\/[^/]+\/transactions\?.*account_id=/, async (route: Route) => {
    const url = new URL(route.request().url())
    const limit = Number(url.searchParams.get('limit') ?? 100)
    const offset = Number(url.searchParams.get('cursor') ?? 0)
    const items = all.slice(offset, offset + limit)
    const next = offset + limit < all.length ? String(offset + limit) : null
    await route.fulfill({ json: { items, next_cursor: next } })
  })
  await page.reload()
  await expect(page.getByText(`${COUNT} of ${COUNT} transactions`)).toBeVisible()

  const register = page.getByRole('table', { name: 'Transactions' })
  await expect(register).toHaveAttribute('aria-rowcount', String(COUNT + 1))
  await expect(register.getByRole('row', { name: /Payee 0,/ })).toBeVisible()
  const scroller = page.getByTestId('register-scroll')

  // Scroll through the whole list in steps, a frame apart, as a wheel would.
  const timing = await scroller.evaluate(async (el) => {
    const frames: number[] = []
    let maxRows = 0
    const step = el.scrollHeight / 60
    for (let top = 0; top <= el.scrollHeight; top += step) {
      const began = performance.now()
      el.scrollTop = top
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
      frames.push(performance.now() - began)
      maxRows = Math.max(maxRows, el.querySelectorAll('[role="row"]').length)
    }
    frames.sort((a, b) => a - b)
    return { median: frames[Math.floor(frames.length / 2)]!, maxRows }
  })
  expect(timing.maxRows).toBeLessThan(80)
  // Two frames at 60 Hz are 33 ms; allow a loaded CI machine a lot more.
  expect(timing.median).toBeLessThan(250)

  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect(register.getByRole('row', { name: new RegExp(`Payee ${COUNT - 1},`) })).toBeVisible()

  // Filtering 10,000 rows is immediate and the list shrinks to what matches.
  await page.getByLabel('Search', { exact: true }).fill('Payee 9999')
  await expect(page.getByText(`1 of ${COUNT} transactions`)).toBeVisible()
})
