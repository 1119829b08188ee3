// Journey: a card purchase beyond what the category holds is credit overspending: yellow,
// the funded part moves to the card's payment category, and Ready to Assign does not move
// (budget-rules.md R-CC1, R-CC2, R-CC6, I-3).
import { expect, test } from '@playwright/test'
import {
  addAccount, addCategory, addGroup, assign, categoryRow, createBudget, openAccount, openBudgetScreen,
  recordTransaction, unique,
} from './helpers'

test('a card purchase beyond the category makes its available yellow', async ({ page }) => {
  await createBudget(page, unique('Cards'))
  await addAccount(page, { name: 'Checking', type: 'checking', balance: '500' })
  await addAccount(page, { name: 'Visa', type: 'credit_card', balance: '0' })
  await openBudgetScreen(page)
  await expect(page.getByRole('rowheader', { name: /Credit Card Payments/ })).toBeVisible()
  await addGroup(page, 'Fun')
  await addCategory(page, 'Fun', 'Dining')
  await assign(page, 'Dining', '20')
  const dining = categoryRow(page, 'Dining')
  await expect(dining.getByTestId('available')).toHaveText('$20.00')
  await expect(page.getByTestId('rta-amount')).toHaveText('$480.00')

  await openAccount(page, 'Visa')
  await recordTransaction(page, { payee: 'Bistro', category: 'Dining', outflow: '50' })
  await expect(page.getByTestId('account-balance')).toHaveText('-$50.00')

  await openBudgetScreen(page)
  await expect(dining.getByTestId('available')).toHaveText('-$30.00')
  await expect(dining.getByTestId('available')).toHaveClass(/tone-credit/)
  await expect(dining.getByTestId('available')).toHaveAccessibleName(/overspent on credit/)
  await expect(page.getByTestId('rta-amount')).toHaveText('$480.00')
  const payment = categoryRow(page, 'Visa')
  await expect(payment.getByTestId('available')).toHaveText('$20.00')
  await expect(payment).toContainText('Underfunded $30.00')

  // Assigning the rest funds the purchase: no longer overspent, the card is covered.
  await assign(page, 'Dining', '50')
  await expect(dining.getByTestId('available')).toHaveText('$0.00')
  await expect(payment.getByTestId('available')).toHaveText('$50.00')
  await expect(payment).not.toContainText('Underfunded')
  await expect(page.getByTestId('rta-amount')).toHaveText('$450.00')
})
