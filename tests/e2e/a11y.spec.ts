// axe on the main screens: no serious or critical violation (WCAG 2.1 A and AA rules).
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import {
  addAccount, addCategory, addGroup, assign, createBudget, openAccount, openBudgetScreen, recordTransaction, unique,
} from './helpers'

async function check(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(bad).toEqual([])
}

test('the main screens have no serious accessibility violation', async ({ page, browser }) => {
  await createBudget(page, unique('Axe'))
  await check(page, 'empty month')
  await page.goto('/budgets')
  await expect(page.getByRole('heading', { name: 'Your budgets' })).toBeVisible()
  await check(page, 'budgets')
  await page.goBack()

  await addAccount(page, { name: 'Checking', type: 'checking', balance: '900' })
  await addAccount(page, { name: 'Card', type: 'credit_card', balance: '0' })
  await openBudgetScreen(page)
  await addGroup(page, 'Needs')
  await addCategory(page, 'Needs', 'Food')
  await addCategory(page, 'Needs', 'Fuel')
  await assign(page, 'Food', '10')
  await openAccount(page, 'Card')
  await recordTransaction(page, { payee: 'Market', category: 'Food', outflow: '25' })
  await check(page, 'account register')
  await page.getByRole('button', { name: 'Reconcile', exact: true }).click()
  await check(page, 'reconcile dialog')
  await page.keyboard.press('Escape')

  await openBudgetScreen(page)
  await expect(page.locator('.tone-credit')).toBeVisible()
  await check(page, 'month with every tone')
  await page.getByRole('button', { name: 'Move money', exact: true }).click()
  await check(page, 'move money dialog')
  await page.keyboard.press('Escape')

  await page.getByRole('link', { name: 'Net worth' }).click()
  await expect(page.getByRole('img', { name: /Chart of net worth/ })).toBeVisible()
  await check(page, 'net worth')

  // The sign-in form, seen by someone who is not signed in.
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } })
  const login = await stranger.newPage()
  await login.goto('/login')
  await expect(login.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await check(login, 'sign in')
  await stranger.close()
})
