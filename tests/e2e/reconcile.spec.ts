// Journey: reconcile an account against a statement: see the difference, confirm, and the
// adjustment appears in the register (budget-rules.md R-T7).
import { expect, test } from '@playwright/test'
import { addAccount, createBudget, recordTransaction, unique } from './helpers'

test('reconciling shows the difference and records the adjustment', async ({ page }) => {
  await createBudget(page, unique('Reconcile'))
  await addAccount(page, { name: 'Checking', type: 'checking', balance: '1000' })
  await recordTransaction(page, { payee: 'Power company', category: 'Ready to Assign (income)', outflow: '100', cleared: true })
  await recordTransaction(page, { payee: 'Not yet cleared', category: 'Ready to Assign (income)', outflow: '40' })
  await expect(page.getByTestId('account-balance')).toHaveText('$860.00')

  await page.getByRole('button', { name: 'Reconcile', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Reconcile Checking' })
  await expect(dialog.getByTestId('reconcile-cleared')).toHaveText('$900.00')
  await dialog.getByLabel(/Statement balance/).fill('880')
  await expect(dialog.getByTestId('reconcile-difference')).toHaveText('-$20.00')
  await dialog.getByRole('button', { name: 'Confirm' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Reconciled. An adjustment of -$20.00 was recorded.')
  await dialog.getByRole('button', { name: 'Done' }).click()

  const register = page.getByRole('table', { name: 'Transactions' })
  await expect(register.getByRole('row', { name: /Reconciliation Balance Adjustment/ })).toContainText('-$20.00')
  await expect(page.getByTestId('account-balance')).toHaveText('$840.00')
  const reconciled = register.getByRole('row', { name: /Power company/ }).getByRole('button', { name: 'Cleared: reconciled' })
  await expect(reconciled).toBeDisabled()

  // A second reconciliation at the same balance needs no adjustment.
  await page.getByRole('button', { name: 'Reconcile', exact: true }).click()
  await dialog.getByLabel(/Statement balance/).fill('880')
  await expect(dialog.getByTestId('reconcile-difference')).toHaveText('$0.00')
  await dialog.getByRole('button', { name: 'Confirm' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Reconciled. No adjustment was needed.')
})
