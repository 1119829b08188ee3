// The seven journeys of the issue, one story in one budget ("Household") on the fresh
// database of the run. Journey 1 is the first run itself: the config runs it alone (project
// "first-run", tag @first-run) before every other spec, which start signed in as the user it
// creates. Journeys 2 to 7 then run in order in the budget it made. Every journey also runs
// axe (no serious or critical violation) and saves a full-page screenshot.
//
// Dates are relative to today: the accounts open on the first day of last month, everything
// else happens today, so "last", "this" and "next" month always exist and are in range.
// Every expected amount follows from budget-rules.md (rule ids in the comments).
import { expect, test, type Locator, type Page } from '@playwright/test'
import { join } from 'node:path'
import {
  PASSWORD, USERNAME, addAccount, addCategory, addGroup, assign, axe, categoryRow, createBudget, openAccount,
  openBudgetScreen, recordTransaction, snapshot,
} from './helpers'

const BUDGET = 'Household'

function monthOf(offset: number): string {
  const now = new Date()
  const d = new Date(now.getFullYear(), now.getMonth() + offset, 1)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}
/** As the SPA names a month (en-US, like every amount checked here). */
function label(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, 1)))
}
const LAST = monthOf(-1)
const THIS = monthOf(0)
const NEXT = monthOf(1)
const AFTER_NEXT = monthOf(2)
const OPENED = `${LAST}-01`

/** The <dd> next to the <dt> that reads exactly `term`, inside `scope`. */
function fact(scope: Locator, term: string): Locator {
  return scope.locator('div').filter({ has: scope.page().locator('dt').getByText(term, { exact: true }) }).locator('dd')
}

const rta = (page: Page) => page.getByTestId('rta-amount')
const breakdown = (page: Page, term: string) => fact(page.locator('.rta-breakdown'), term)
const available = (page: Page, category: string) => categoryRow(page, category).getByTestId('available')
const activity = (page: Page, category: string) => categoryRow(page, category).locator('.activity-col')
const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Budget' })
const balance = (page: Page) => page.getByTestId('account-balance')
const register = (page: Page) => page.getByRole('table', { name: 'Transactions' })

async function openHousehold(page: Page): Promise<void> {
  await page.goto('/budgets')
  await page.getByRole('link', { name: BUDGET, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: label(THIS) })).toBeVisible()
  await expect(rta(page)).toBeVisible()
}

/** Steps one month with the month screen's links and waits for that month's numbers. */
async function step(page: Page, direction: 'Previous' | 'Next', to: string): Promise<void> {
  await page.getByRole('link', { name: `${direction} month, ${label(to)}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: label(to) })).toBeVisible()
  // The previous month's numbers stay in view until the new ones arrive ("Updating…").
  await expect(page.getByText('Updating…')).toHaveCount(0)
}

async function recordTransfer(page: Page, t: { to: string; outflow: string; category?: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a transaction' })
  await form.getByLabel('Kind').selectOption('transfer')
  await form.getByLabel('Other account').selectOption({ label: t.to })
  if (t.category) await form.getByLabel('Category').selectOption({ label: t.category })
  else await expect(form.getByLabel('Category')).toHaveCount(0)
  await form.getByLabel('Outflow').fill(t.outflow)
  const saved = page.waitForResponse((r) => r.url().endsWith('/transfers') && r.request().method() === 'POST')
  await form.getByRole('button', { name: 'Add', exact: true }).click()
  expect((await saved).status()).toBe(201)
  await expect(form.getByLabel('Outflow')).toHaveValue('')
}

test.describe.configure({ mode: 'serial' })

test('journey 1: first run creates the user, a budget, a checking account, a card and a savings account',
  { tag: '@first-run' }, async ({ page, request }, testInfo) => {
    // The user: the first visit, whatever its address, asks to create the owner's account.
    expect((await (await request.get('/api/v1/setup')).json()).setup_needed).toBe(true)
    await page.goto('/budgets/anything/month/current')
    await expect(page).toHaveURL(/\/setup$/)
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible()
    await axe(page, 'setup')
    await page.getByLabel('Username').fill(USERNAME)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Repeat the password').fill(PASSWORD + 'x')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByText('the two passwords differ')).toBeVisible()
    await page.getByLabel('Repeat the password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('heading', { name: 'Your budgets' })).toBeVisible()
    await expect(page.getByText('No budget yet')).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(USERNAME)
    expect((await (await request.get('/api/v1/setup')).json()).setup_needed).toBe(false)
    // Later visits never show setup again.
    await page.goto('/setup')
    await expect(page).toHaveURL(/\/login$/)
    await page.goto('/budgets')
    await expect(page.getByRole('heading', { name: 'Your budgets' })).toBeVisible()
    // Every other journey starts signed in as this user.
    await page.context().storageState({ path: join(process.env.DOJO_E2E_DIR!, 'signed-in.json') })

    // The budget: nothing to assign yet.
    await createBudget(page, BUDGET, 'USD')
    await expect(rta(page)).toHaveText('$0.00')
    await expect(page.locator('.rta')).toHaveClass(/rta-zero/)

    // The accounts, opened on the first day of last month. Opening balances of cash accounts
    // are income (R-A3); a card opened at zero records nothing but gets its payment
    // category (R-A4, R-C2).
    await addAccount(page, { name: 'Checking', type: 'checking', balance: '1,000', date: OPENED })
    await expect(balance(page)).toHaveText('$1,000.00')
    await expect(register(page).getByRole('row', { name: /Starting Balance/ })).toContainText(OPENED)
    await addAccount(page, { name: 'Visa', type: 'credit_card', balance: '0', date: OPENED })
    await expect(balance(page)).toHaveText('$0.00')
    await expect(page.getByText('No transactions yet.')).toBeVisible()
    await addAccount(page, { name: 'Savings', type: 'savings', balance: '4000', date: OPENED })
    await expect(balance(page)).toHaveText('$4,000.00')

    const onBudget = sidebar(page).getByRole('region', { name: /Budget accounts/ })
    await expect(onBudget.getByRole('heading')).toContainText('$5,000.00')
    await expect(onBudget.getByRole('link', { name: /^Checking/ })).toContainText('$1,000.00')
    await expect(onBudget.getByRole('link', { name: /^Visa/ })).toContainText('$0.00')
    await expect(onBudget.getByRole('link', { name: /^Savings/ })).toContainText('$4,000.00')
    await expect(sidebar(page).getByRole('region', { name: /Tracking accounts/ })).toContainText('No tracking account.')

    // R-R: last month's income (5,000) carries into this month as Ready to Assign.
    await openBudgetScreen(page)
    await expect(page.getByRole('heading', { level: 1, name: label(THIS) })).toBeVisible()
    await expect(rta(page)).toHaveText('$5,000.00')
    await expect(breakdown(page, 'From last month')).toHaveText('$5,000.00')
    await expect(breakdown(page, 'Income this month')).toHaveText('$0.00')
    await expect(page.getByRole('rowheader', { name: /Credit Card Payments/ })).toBeVisible()
    await expect(available(page, 'Visa')).toHaveText('$0.00')
    await step(page, 'Previous', LAST)
    await expect(rta(page)).toHaveText('$5,000.00')
    await expect(breakdown(page, 'Income this month')).toHaveText('+$5,000.00')
    await step(page, 'Next', THIS)
    await axe(page, 'first month')
    await snapshot(page, testInfo, 'journey-1-first-run')
  })

test('journey 2: income is recorded and all of it assigned, Ready to Assign reaches zero', async ({ page }, testInfo) => {
  await openHousehold(page)
  await addGroup(page, 'Bills')
  await addCategory(page, 'Bills', 'Rent')
  await addGroup(page, 'Everyday')
  await addCategory(page, 'Everyday', 'Groceries')
  await addCategory(page, 'Everyday', 'Dining')
  await addGroup(page, 'Goals')
  await addCategory(page, 'Goals', 'Emergency fund')
  await addCategory(page, 'Goals', 'Investing')

  await openAccount(page, 'Checking')
  await recordTransaction(page, { payee: 'Employer', category: 'Ready to Assign (income)', inflow: '3,200', cleared: true })
  await expect(register(page).getByRole('row', { name: /Employer/ })).toContainText('$3,200.00')
  await expect(balance(page)).toHaveText('$4,200.00')

  // R-R: rta = 5,000 carried + 3,200 income - what is assigned, one category at a time.
  await openBudgetScreen(page)
  await expect(breakdown(page, 'Income this month')).toHaveText('+$3,200.00')
  await expect(rta(page)).toHaveText('$8,200.00')
  const plan: [string, string, string, string][] = [
    ['Rent', '1500', '$1,500.00', '$6,700.00'],
    ['Groceries', '400', '$400.00', '$6,300.00'],
    ['Dining', '60+40', '$100.00', '$6,200.00'],
    ['Investing', '500', '$500.00', '$5,700.00'],
    ['Emergency fund', '5,700', '$5,700.00', '$0.00'],
  ]
  for (const [category, typed, shown, left] of plan) {
    await assign(page, category, typed)
    await expect(available(page, category)).toHaveText(shown)
    await expect(available(page, category)).toHaveClass(/tone-funded/)
    await expect(rta(page)).toHaveText(left)
  }
  await expect(page.locator('.rta')).toHaveClass(/rta-zero/)
  await expect(page.locator('.rta')).toContainText('all money assigned')
  await expect(breakdown(page, 'Assigned this month')).toHaveText('-$8,200.00')
  await axe(page, 'month, all assigned')
  await snapshot(page, testInfo, 'journey-2-all-assigned')
})

test('journey 3: overspending a category in cash reduces next month\'s Ready to Assign', async ({ page }, testInfo) => {
  await openHousehold(page)
  await openAccount(page, 'Checking')
  await recordTransaction(page, { payee: 'Steakhouse', category: 'Dining', outflow: '130' })
  await expect(balance(page)).toHaveText('$4,070.00')

  // 100 assigned - 130 spent from a cash account: red, overspent in cash; this month's
  // Ready to Assign does not move (R-M2 takes it next month).
  await openBudgetScreen(page)
  await expect(activity(page, 'Dining')).toHaveText('-$130.00')
  await expect(available(page, 'Dining')).toHaveText('-$30.00')
  await expect(available(page, 'Dining')).toHaveClass(/tone-cash/)
  await expect(available(page, 'Dining')).toHaveAccessibleName(/overspent in cash/)
  await expect(rta(page)).toHaveText('$0.00')

  // Next month: rta = 0 - 30 cash overspent (R-M2); the negative available does not carry
  // (R-M1), the positive ones do.
  await step(page, 'Next', NEXT)
  await expect(breakdown(page, 'Overspent last month')).toHaveText('-$30.00')
  await expect(rta(page)).toHaveText('-$30.00')
  await expect(page.locator('.rta')).toHaveClass(/rta-negative/)
  await expect(page.locator('.rta')).toContainText('assigned more than you have')
  await expect(available(page, 'Dining')).toHaveText('$0.00')
  await expect(available(page, 'Rent')).toHaveText('$1,500.00')
  await axe(page, 'next month, overspent last month')
  await snapshot(page, testInfo, 'journey-3-next-month-reduced')
})

test('journey 4: card spending from a funded and an unfunded category, the payment category, the yellow, the payment',
  async ({ page }, testInfo) => {
    await openHousehold(page)
    await addCategory(page, 'Everyday', 'Clothes')
    await expect(available(page, 'Clothes')).toHaveText('$0.00')

    await openAccount(page, 'Visa')
    await recordTransaction(page, { payee: 'Supermarket', category: 'Groceries', outflow: '120' })
    await recordTransaction(page, { payee: 'Outfitters', category: 'Clothes', outflow: '80' })
    await expect(balance(page)).toHaveText('-$200.00')
    await expect(sidebar(page).getByRole('link', { name: /^Visa/ })).toContainText('-$200.00')

    // R-CC1: the funded 120 moves to the payment category; the unfunded 80 is credit
    // overspending (yellow) that Ready to Assign never sees (I-3); R-CC6 underfunded 80.
    await openBudgetScreen(page)
    await expect(available(page, 'Groceries')).toHaveText('$280.00')
    await expect(available(page, 'Groceries')).toHaveClass(/tone-funded/)
    await expect(available(page, 'Clothes')).toHaveText('-$80.00')
    await expect(available(page, 'Clothes')).toHaveClass(/tone-credit/)
    await expect(available(page, 'Clothes')).toHaveAccessibleName(/overspent on credit/)
    const payment = categoryRow(page, 'Visa')
    await expect(activity(page, 'Visa')).toHaveText('$120.00')
    await expect(available(page, 'Visa')).toHaveText('$120.00')
    await expect(payment).toContainText('Underfunded $80.00')
    await expect(rta(page)).toHaveText('$0.00')
    await axe(page, 'month with card spending')
    await snapshot(page, testInfo, 'journey-4-card-spending')
    await step(page, 'Next', NEXT)
    await expect(rta(page)).toHaveText('-$30.00')
    await expect(available(page, 'Visa')).toHaveText('$120.00')

    // Paying what the payment category holds (R-CC4): from checking to the card.
    await openAccount(page, 'Checking')
    await recordTransfer(page, { to: 'Visa', outflow: '120' })
    await expect(register(page).getByRole('row', { name: /Transfer to Visa/ })).toContainText('-$120.00')
    await expect(balance(page)).toHaveText('$3,950.00')
    await openAccount(page, 'Visa')
    await expect(register(page).getByRole('row', { name: /Transfer from Checking/ })).toContainText('$120.00')
    await expect(balance(page)).toHaveText('-$80.00')

    await openBudgetScreen(page)
    await expect(activity(page, 'Visa')).toHaveText('$0.00')
    await expect(available(page, 'Visa')).toHaveText('$0.00')
    await expect(payment).toContainText('Underfunded $80.00')
    await expect(available(page, 'Clothes')).toHaveText('-$80.00')
    await expect(available(page, 'Clothes')).toHaveClass(/tone-credit/)
    await expect(rta(page)).toHaveText('$0.00')
    await axe(page, 'month after the card payment')
    await snapshot(page, testInfo, 'journey-4-card-paid')
  })

test('journey 5: a transfer to a tracking account with a category, then the net worth chart', async ({ page }, testInfo) => {
  await openHousehold(page)
  await addAccount(page, { name: 'Brokerage', type: 'investment', balance: '10,000', date: OPENED })
  await expect(balance(page)).toHaveText('$10,000.00')
  const tracking = sidebar(page).getByRole('region', { name: /Tracking accounts/ })
  await expect(tracking.getByRole('link', { name: /^Brokerage/ })).toContainText('$10,000.00')

  // R-T3: money leaves the budget, so the on-budget side takes a category.
  await openAccount(page, 'Savings')
  await recordTransfer(page, { to: 'Brokerage', outflow: '500', category: 'Investing' })
  await expect(register(page).getByRole('row', { name: /Transfer to Brokerage/ })).toContainText('-$500.00')
  await expect(balance(page)).toHaveText('$3,500.00')
  await openAccount(page, 'Brokerage')
  await expect(register(page).getByRole('row', { name: /Transfer from Savings/ })).toContainText('$500.00')
  await expect(balance(page)).toHaveText('$10,500.00')

  await openBudgetScreen(page)
  await expect(activity(page, 'Investing')).toHaveText('-$500.00')
  await expect(available(page, 'Investing')).toHaveText('$0.00')
  await expect(rta(page)).toHaveText('$0.00')

  // R-N1: assets 3,950 + 3,500 + 10,500 = 17,950; liabilities -80 (the card); last month
  // the three opening balances, 15,000.
  await sidebar(page).getByRole('link', { name: 'Net worth' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Net worth' })).toBeVisible()
  await expect(page.getByRole('img', { name: /Chart of net worth by month; latest \$17,870\.00\./ })).toBeVisible()
  const table = page.getByRole('table', { name: 'Net worth by month' })
  await expect(table.getByRole('row', { name: label(THIS) }).getByRole('cell'))
    .toHaveText(['$17,950.00', '-$80.00', '$17,870.00'])
  await expect(table.getByRole('row', { name: label(LAST) }).getByRole('cell'))
    .toHaveText(['$15,000.00', '$0.00', '$15,000.00'])
  await expect(table.getByRole('row')).toHaveCount(3)
  await axe(page, 'net worth')
  await snapshot(page, testInfo, 'journey-5-net-worth')
})

test('journey 6: reconciling an account with a different statement balance records the adjustment', async ({ page }, testInfo) => {
  await openHousehold(page)
  await openAccount(page, 'Checking')
  // Cleared: the opening 1,000 and the paycheck 3,200; the steakhouse and the card payment
  // are not cleared yet.
  const balances = page.locator('.balances')
  await expect(fact(balances, 'Cleared')).toHaveText('$4,200.00')
  await expect(fact(balances, 'Uncleared')).toHaveText('-$250.00')
  await expect(balance(page)).toHaveText('$3,950.00')

  await page.getByRole('button', { name: 'Reconcile', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Reconcile Checking' })
  await expect(dialog.getByTestId('reconcile-cleared')).toHaveText('$4,200.00')
  await dialog.getByLabel(/Statement balance/).fill('4,212.35')
  await expect(dialog.getByTestId('reconcile-difference')).toHaveText('$12.35')
  await expect(dialog).toContainText('Confirming records an adjustment of $12.35')
  await axe(page, 'reconcile dialog')
  await dialog.getByRole('button', { name: 'Confirm' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Reconciled. An adjustment of $12.35 was recorded.')
  await dialog.getByRole('button', { name: 'Done' }).click()

  // R-T7: the adjustment is cleared, dated today, and every cleared transaction is reconciled.
  const adjustment = register(page).getByRole('row', { name: /Reconciliation Balance Adjustment/ })
  await expect(adjustment).toContainText('$12.35')
  await expect(adjustment).toContainText('Ready to Assign')
  await expect(balance(page)).toHaveText('$3,962.35')
  await expect(fact(balances, 'Cleared')).toHaveText('$4,212.35')
  for (const payee of [/Starting Balance/, /Employer/]) {
    await expect(register(page).getByRole('row', { name: payee }).getByRole('button', { name: 'Cleared: reconciled' }))
      .toBeDisabled()
  }
  await expect(register(page).getByRole('row', { name: /Steakhouse/ }).getByRole('button', { name: /^Cleared:/ }))
    .toHaveAccessibleName('Cleared: uncleared')
  await snapshot(page, testInfo, 'journey-6-reconciled')

  // On a cash account the adjustment is income (R-T7, R-R): this month 0 + 12.35, next
  // month 12.35 - 30 overspent.
  await openBudgetScreen(page)
  await expect(breakdown(page, 'Income this month')).toHaveText('+$3,212.35')
  await expect(rta(page)).toHaveText('$12.35')
  await step(page, 'Next', NEXT)
  await expect(rta(page)).toHaveText('-$17.65')
})

test('journey 7: editing a transaction of a past month updates every later month', async ({ page }, testInfo) => {
  await openHousehold(page)
  // Before: last month's income is the two opening balances, all of it assigned this month
  // (R-R2: shown as assigned in future).
  await step(page, 'Previous', LAST)
  await expect(breakdown(page, 'Income this month')).toHaveText('+$5,000.00')
  await expect(breakdown(page, 'Assigned in future')).toHaveText('-$5,000.00')
  await expect(rta(page)).toHaveText('$0.00')

  // The savings account really held 4,250 when it was opened last month.
  await openAccount(page, 'Savings')
  const opening = register(page).getByRole('row', { name: /Starting Balance/ })
  await expect(opening).toContainText(OPENED)
  await opening.getByRole('button', { name: `Edit transaction of ${OPENED}` }).click()
  const editor = page.getByRole('form', { name: 'Edit transaction' })
  await expect(editor.getByLabel('Date')).toHaveValue(OPENED)
  await expect(editor.getByLabel('Inflow')).toHaveValue('4000.00')
  await editor.getByLabel('Inflow').fill('4,250')
  const put = page.waitForResponse((r) => r.request().method() === 'PUT')
  await editor.getByRole('button', { name: 'Save' }).click()
  expect((await put).status()).toBe(200)
  await expect(register(page).getByRole('row', { name: /Starting Balance/ })).toContainText('$4,250.00')
  await expect(balance(page)).toHaveText('$3,750.00')

  // R-T5: recomputed from last month on. Last month: income 5,250, still all assigned in
  // the future. This month: 5,250 + 3,212.35 - 8,200 = 262.35. Next month and the one
  // after: 262.35 - 30 overspent = 232.35.
  await openBudgetScreen(page)
  await step(page, 'Previous', LAST)
  await expect(breakdown(page, 'Income this month')).toHaveText('+$5,250.00')
  await expect(breakdown(page, 'Assigned in future')).toHaveText('-$5,250.00')
  await expect(rta(page)).toHaveText('$0.00')
  await step(page, 'Next', THIS)
  await expect(breakdown(page, 'From last month')).toHaveText('$5,250.00')
  await expect(rta(page)).toHaveText('$262.35')
  await step(page, 'Next', NEXT)
  await expect(breakdown(page, 'Overspent last month')).toHaveText('-$30.00')
  await expect(rta(page)).toHaveText('$232.35')
  await step(page, 'Next', AFTER_NEXT)
  await expect(rta(page)).toHaveText('$232.35')
  await expect(breakdown(page, 'Overspent last month')).toHaveText('$0.00')
  await axe(page, 'a later month after the edit')
  await snapshot(page, testInfo, 'journey-7-later-month')

  // Net worth follows too (R-N1): 15,250 last month, 17,962.35 + 250 - 80 this month.
  await sidebar(page).getByRole('link', { name: 'Net worth' }).click()
  const table = page.getByRole('table', { name: 'Net worth by month' })
  await expect(table.getByRole('row', { name: label(LAST) }).getByRole('cell'))
    .toHaveText(['$15,250.00', '$0.00', '$15,250.00'])
  await expect(table.getByRole('row', { name: label(THIS) }).getByRole('cell'))
    .toHaveText(['$18,212.35', '-$80.00', '$18,132.35'])
  await expect(page.getByRole('img', { name: /latest \$18,132\.35\./ })).toBeVisible()
})
