// Money is shown in the budget's currency with its own minor units: yen have none, dinars
// three (ISO 4217 exponents 0 and 3), and problems are shown next to the field.
import { expect, test } from '@playwright/test'
import { addAccount, createBudget, unique } from './helpers'

test('a yen budget has no minor units', async ({ page }) => {
  await createBudget(page, unique('Tokyo'), 'yen')
  await expect(page.getByTestId('rta-amount')).toHaveText('¥0')
  await addAccount(page, { name: 'Wallet', type: 'cash', balance: '1,500+500' })
  await expect(page.getByTestId('account-balance')).toHaveText('¥2,000')

  // Too many decimals for yen: explained next to the field, nothing recorded.
  const form = page.getByRole('form', { name: 'Add a transaction' })
  await form.getByLabel('Category').selectOption({ label: 'Ready to Assign (income)' })
  await form.getByLabel('Outflow').fill('1.5')
  await form.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(form.getByText('use at most 0 decimal places')).toBeVisible()
  await expect(form.getByLabel('Outflow')).toHaveAttribute('aria-invalid', 'true')
})

test('a dinar budget has three decimals', async ({ page }) => {
  await createBudget(page, unique('Kuwait'), 'KWD')
  await addAccount(page, { name: 'Bank', type: 'checking', balance: '12.345' })
  await expect(page.getByTestId('account-balance')).toHaveText(/^KWD\s12\.345$/)
})

test('the server explains a refused field next to it', async ({ page }) => {
  await createBudget(page, unique('Errors'))
  await page.getByRole('button', { name: 'Add account' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add an account' })
  await dialog.getByLabel('Opening balance', { exact: false }).fill('10')
  await dialog.getByRole('button', { name: 'Add account' }).click()
  // An empty name is refused by the API (422, errors[].field = "name").
  await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog.locator('#account-name-error')).not.toBeEmpty()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})
