// Accounts: the sidebar's sections and balances, rename, close (only at zero, R-A5) and
// reopen.
import { expect, test } from '@playwright/test'
import { addAccount, createBudget, openAccount, unique } from './helpers'

test('accounts are listed by section, renamed, closed at zero and reopened', async ({ page }) => {
  await createBudget(page, unique('Accounts'))
  await addAccount(page, { name: 'Checking', type: 'checking', balance: '250' })
  await addAccount(page, { name: 'House', type: 'asset', balance: '300000' })
  await addAccount(page, { name: 'Old card', type: 'credit_card', balance: '0' })
  const sidebar = page.getByRole('navigation', { name: 'Budget' })
  const onBudget = sidebar.getByRole('region', { name: /Budget accounts/ })
  const tracking = sidebar.getByRole('region', { name: /Tracking accounts/ })
  await expect(onBudget.getByRole('link')).toHaveText([/Checking\s*\$250\.00/, /Old card\s*\$0\.00/])
  await expect(tracking.getByRole('link')).toHaveText([/House\s*\$300,000\.00/])
  await expect(onBudget.getByRole('heading')).toContainText('$250.00')

  await openAccount(page, 'Checking')
  await page.getByRole('button', { name: 'Rename' }).click()
  await page.getByLabel('New name').fill('Main checking')
  await page.getByLabel('New name').press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Main checking' })).toBeVisible()

  // A balance that is not zero keeps the account open, and says why.
  await page.getByRole('button', { name: 'Close account' }).click()
  await expect(page.getByRole('alert')).not.toBeEmpty()
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText('closed')

  await openAccount(page, 'Old card')
  await page.getByRole('button', { name: 'Close account' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('closed')
  await expect(page.getByRole('form', { name: 'Add a transaction' })).toHaveCount(0)
  await expect(onBudget.getByRole('link', { name: /Old card/ })).toHaveCount(0)
  await sidebar.getByRole('button', { name: 'Closed accounts (1)' }).click()
  await expect(sidebar.locator('#closed-accounts').getByRole('link', { name: 'Old card' })).toBeVisible()

  await page.getByRole('button', { name: 'Reopen account' }).click()
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText('closed')
  await expect(onBudget.getByRole('link', { name: /Old card/ })).toBeVisible()
})
