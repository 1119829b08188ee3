// Journey: create a budget, open an account, assign (with arithmetic), record a spend,
// and watch every number follow (budget-rules.md R-A3, R-B1, R-M, R-R).
import { expect, test } from '@playwright/test'
import {
  addAccount, addCategory, addGroup, assign, categoryRow, createBudget, openAccount, openBudgetScreen,
  recordTransaction, unique,
} from './helpers'

test('a new budget, an account, an assignment and a spend update every number', async ({ page }) => {
  const budget = unique('Home')
  await createBudget(page, budget, 'US Dollar')
  await expect(page.getByTestId('rta-amount')).toHaveText('$0.00')
  await expect(page.locator('.rta')).toHaveClass(/rta-zero/)
  await expect(page.getByText('No categories yet')).toBeVisible()

  await addAccount(page, { name: 'Checking', type: 'checking', balance: '1,000' })
  await expect(page.getByTestId('account-balance')).toHaveText('$1,000.00')
  const sidebar = page.getByRole('navigation', { name: 'Budget' })
  await expect(sidebar.getByRole('link', { name: /Checking/ })).toContainText('$1,000.00')

  await openBudgetScreen(page)
  await expect(page.getByTestId('rta-amount')).toHaveText('$1,000.00')
  await expect(page.locator('.rta')).toHaveClass(/rta-positive/)
  await expect(page.locator('.rta-breakdown')).toContainText('Income this month')

  await addGroup(page, 'Everyday')
  await addCategory(page, 'Everyday', 'Groceries')
  await assign(page, 'Groceries', '120+35')
  const groceries = categoryRow(page, 'Groceries')
  await expect(groceries.getByTestId('available')).toHaveText('$155.00')
  await expect(groceries.getByTestId('available')).toHaveClass(/tone-funded/)
  await expect(page.getByTestId('rta-amount')).toHaveText('$845.00')

  // A typo is explained next to the field and nothing is saved.
  const input = page.getByLabel('Assigned to Groceries')
  await input.fill('12..5')
  await input.press('Enter')
  await expect(groceries.getByRole('alert')).toHaveText('unexpected "."')
  await expect(input).toHaveAttribute('aria-invalid', 'true')
  await input.press('Escape')
  await expect(page.getByTestId('rta-amount')).toHaveText('$845.00')

  await openAccount(page, 'Checking')
  await recordTransaction(page, { payee: 'Grocer', category: 'Groceries', outflow: '52.30' })
  const register = page.getByRole('table', { name: 'Transactions' })
  await expect(register.getByRole('row', { name: /Grocer/ })).toContainText('-$52.30')
  await expect(page.getByTestId('account-balance')).toHaveText('$947.70')
  await expect(sidebar.getByRole('link', { name: /Checking/ })).toContainText('$947.70')

  await openBudgetScreen(page)
  await expect(groceries.getByTestId('available')).toHaveText('$102.70')
  await expect(groceries.locator('.activity-col')).toHaveText('-$52.30')
  await expect(page.getByTestId('rta-amount')).toHaveText('$845.00')

  // Overspend in cash: red; moving money from Ready to Assign covers it.
  await assign(page, 'Groceries', '50')
  await expect(groceries.getByTestId('available')).toHaveText('-$2.30')
  await expect(groceries.getByTestId('available')).toHaveClass(/tone-cash/)
  await groceries.getByTestId('available').click()
  const dialog = page.getByRole('dialog', { name: 'Move money' })
  await expect(dialog.getByLabel(/Amount/)).toHaveValue('2.30')
  await dialog.getByRole('button', { name: 'Move' }).click()
  await expect(groceries.getByTestId('available')).toHaveText('$0.00')
  await expect(groceries.getByTestId('available')).toHaveClass(/tone-empty/)
  await expect(page.getByTestId('rta-amount')).toHaveText('$947.70')

  // Months: the next month carries nothing negative; navigation is links.
  await page.getByRole('link', { name: /^Next month/ }).click()
  await expect(page.getByRole('link', { name: 'This month' })).toBeVisible()
  await page.getByRole('link', { name: 'This month' }).click()
  await expect(page.getByRole('link', { name: 'This month' })).toHaveCount(0)
})
