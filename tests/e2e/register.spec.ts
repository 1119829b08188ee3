// Journey: the register in place: splits, transfers, edit, delete, the cleared toggle and
// the filters (budget-rules.md R-T1, R-T3, R-T5).
import { expect, test, type Page } from '@playwright/test'
import { addAccount, addCategory, addGroup, createBudget, openAccount, openBudgetScreen, recordTransaction, unique } from './helpers'


async function setUp(page: Page) {
  await createBudget(page, unique('Register'))
  await addAccount(page, { name: 'Savings', type: 'savings', balance: '200' })
  await openBudgetScreen(page)
  await addGroup(page, 'Bills')
  await addCategory(page, 'Bills', 'Rent')
  await addCategory(page, 'Bills', 'Power')
  await addAccount(page, { name: 'Checking', type: 'checking', balance: '1000' })
}

test('splits, transfers and deletes in place; filters narrow the register', async ({ page }) => {
  await setUp(page)
  const register = page.getByRole('table', { name: 'Transactions' })
  const form = page.getByRole('form', { name: 'Add a transaction' })

  // A split across two categories.
  await form.getByLabel('Payee').fill('Landlord & utility')
  await form.getByRole('button', { name: 'Split' }).click()
  await form.getByLabel('Line 1 category').selectOption({ label: 'Rent' })
  await form.getByLabel('Line 1 outflow').fill('600')
  await form.getByLabel('Line 2 category').selectOption({ label: 'Power' })
  await form.getByLabel('Line 2 outflow').fill('40+25')
  await expect(form).toContainText('Total of the split: -$665.00')
  await form.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(register.getByRole('row', { name: /Landlord/ })).toContainText('Split (2)')
  await expect(register.getByRole('row', { name: /Landlord/ })).toContainText('-$665.00')
  await expect(page.getByTestId('account-balance')).toHaveText('$335.00')

  // A transfer to savings shows on both accounts.
  await form.getByLabel('Kind').selectOption('transfer')
  await form.getByLabel('Other account').selectOption({ label: 'Savings' })
  await form.getByLabel('Outflow').fill('100')
  await form.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(register.getByRole('row', { name: /-\$100\.00/ })).toContainText('Transfer to Savings')
  await expect(page.getByTestId('account-balance')).toHaveText('$235.00')
  await openAccount(page, 'Savings')
  await expect(register.getByRole('row', { name: /\$100\.00/ })).toContainText('Transfer from Checking')
  await expect(page.getByTestId('account-balance')).toHaveText('$300.00')

  // A mistake, deleted in place with the keyboard.
  await openAccount(page, 'Checking')
  await recordTransaction(page, { payee: 'Oops', category: 'Rent', outflow: '1' })
  const oops = register.getByRole('row', { name: /Oops/ })
  await oops.focus()
  await oops.press('Enter')
  const editor = page.getByRole('form', { name: 'Edit transaction' })
  await expect(editor.getByLabel('Date')).toBeFocused()
  await editor.getByRole('button', { name: 'Delete' }).click()
  await expect(register.getByRole('row', { name: /Oops/ })).toHaveCount(0)
  await expect(page.getByTestId('account-balance')).toHaveText('$235.00')

  // Filters: text and dates.
  await page.getByLabel('Search', { exact: true }).fill('landlord')
  await expect(register.getByRole('row')).toHaveCount(2)
  await page.getByLabel('Search', { exact: true }).fill('')
  await page.getByLabel('From date').fill('2000-01-01')
  await page.getByLabel('To date').fill('2000-12-31')
  await expect(page.getByText('No transaction matches the filter.')).toBeVisible()
})

test('a transaction is edited in place and its cleared flag toggles', async ({ page }) => {
  await setUp(page)
  await recordTransaction(page, { payee: 'Grocer', category: 'Rent', outflow: '10' })
  const register = page.getByRole('table', { name: 'Transactions' })

  const toggle = register.getByRole('row', { name: /Grocer/ }).getByRole('button', { name: /^Cleared:/ })
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  const patched = page.waitForResponse((r) => r.request().method() === 'PATCH')
  await toggle.click()
  expect((await patched).status()).toBe(200)
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')

  await register.getByRole('row', { name: /Grocer/ }).getByRole('button', { name: /^Edit/ }).click()
  const editor = page.getByRole('form', { name: 'Edit transaction' })
  await editor.getByLabel('Payee').fill('Greengrocer')
  await editor.getByLabel('Outflow').fill('12.5')
  const put = page.waitForResponse((r) => r.request().method() === 'PUT')
  await editor.getByLabel('Outflow').press('Enter')
  expect((await put).status()).toBe(200)
  await expect(register.getByRole('row', { name: /Greengrocer/ })).toContainText('-$12.50')
  await expect(page.getByTestId('account-balance')).toHaveText('$987.50')

  // A transfer is edited as one: both sides follow.
  const form = page.getByRole('form', { name: 'Add a transaction' })
  await form.getByLabel('Kind').selectOption('transfer')
  await form.getByLabel('Other account').selectOption({ label: 'Savings' })
  await form.getByLabel('Outflow').fill('100')
  await form.getByRole('button', { name: 'Add', exact: true }).click()
  const transfer = register.getByRole('row', { name: /Transfer to Savings/ })
  await transfer.getByRole('button', { name: /^Edit/ }).click()
  await expect(editor.getByLabel('Other account')).toHaveValue(/.+/)
  await editor.getByLabel('Outflow').fill('150')
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(register.getByRole('row', { name: /Transfer to Savings/ })).toContainText('-$150.00')
  await expect(page.getByTestId('account-balance')).toHaveText('$837.50')
  await openAccount(page, 'Savings')
  await expect(page.getByTestId('account-balance')).toHaveText('$350.00')
})
