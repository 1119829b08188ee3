// Steps the journeys share, each done the way a person does it: through the UI.
import { AxeBuilder } from '@axe-core/playwright'
import { expect, type Page, type TestInfo } from '@playwright/test'

export const PASSWORD = 'a long and secret passphrase'
export const USERNAME = 'owner'

let counter = 0
/** A name no other journey of this run uses. */
export function unique(prefix: string): string {
  counter += 1
  return `${prefix} ${Date.now().toString(36)}${counter}`
}

export async function createBudget(page: Page, name: string, currencySearch = 'USD'): Promise<void> {
  await page.goto('/budgets')
  await expect(page.getByRole('heading', { name: 'Your budgets' })).toBeVisible()
  await page.getByLabel('Name').fill(name)
  await page.getByLabel('Search currencies').fill(currencySearch)
  await page.getByRole('button', { name: 'Create budget' }).click()
  await expect(page.getByRole('heading', { name: 'Ready to Assign' })).toBeVisible()
}

export async function addAccount(
  page: Page,
  account: { name: string; type: string; balance: string; date?: string },
): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add an account' })
  await dialog.getByLabel('Name').fill(account.name)
  await dialog.getByLabel('Type').selectOption(account.type)
  await dialog.getByLabel(/Opening balance/).fill(account.balance)
  if (account.date) await dialog.getByLabel('Opening date').fill(account.date)
  await dialog.getByRole('button', { name: 'Add account' }).click()
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible()
}

export async function openBudgetScreen(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Budget' }).getByRole('link', { name: 'Budget', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Ready to Assign' })).toBeVisible()
}

export async function addGroup(page: Page, name: string): Promise<void> {
  if (!(await page.locator('#add-group-form').isVisible())) {
    await page.getByRole('button', { name: 'Add group', exact: true }).first().click()
  }
  await page.getByLabel('Name of the new group').fill(name)
  await page.locator('#add-group-form').getByRole('button', { name: 'Add group' }).click()
  await expect(page.getByRole('rowheader', { name: new RegExp(name) }).first()).toBeVisible()
}

export async function addCategory(page: Page, group: string, name: string): Promise<void> {
  await page.getByRole('button', { name: `Edit group ${group}` }).click()
  await page.getByLabel(`New category in ${group}`).fill(name)
  await page.getByRole('button', { name: 'Add category' }).click()
  await expect(categoryRow(page, name)).toBeVisible()
}

export function categoryRow(page: Page, name: string) {
  return page.locator(`tr[data-category="${name}"]`)
}

export async function assign(page: Page, category: string, typed: string): Promise<void> {
  const input = page.getByLabel(`Assigned to ${category}`)
  await input.click()
  await input.fill(typed)
  await input.press('Enter')
}

export async function openAccount(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Budget' }).getByRole('link', { name: new RegExp(`^${name}`) }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

export async function recordTransaction(
  page: Page,
  t: { payee?: string; category?: string; outflow?: string; inflow?: string; memo?: string; cleared?: boolean; date?: string },
): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a transaction' })
  if (t.date) await form.getByLabel('Date').fill(t.date)
  if (t.payee) await form.getByLabel('Payee').fill(t.payee)
  if (t.category) await form.getByLabel('Category').selectOption({ label: t.category })
  if (t.memo) await form.getByLabel('Memo').fill(t.memo)
  if (t.outflow) await form.getByLabel('Outflow').fill(t.outflow)
  if (t.inflow) await form.getByLabel('Inflow').fill(t.inflow)
  if (t.cleared) await form.getByLabel('Cleared').check()
  const saved = page.waitForResponse((r) => r.url().endsWith('/transactions') && r.request().method() === 'POST')
  await form.getByRole('button', { name: 'Add', exact: true }).click()
  expect((await saved).status()).toBe(201)
  // The form empties itself for the next one.
  await expect(form.getByLabel('Outflow')).toHaveValue('')
}

/** Runs axe on the page as it is: no serious or critical WCAG 2.1 A/AA violation. */
export async function axe(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(bad).toEqual([])
}

/** A full-page screenshot among the test's outputs. */
export async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true })
}
