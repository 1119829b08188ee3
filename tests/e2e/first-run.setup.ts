// Journey: the first visit creates the owner's account; every other journey starts signed
// in as that user (the saved session).
import { expect, test } from '@playwright/test'
import { join } from 'node:path'
import { PASSWORD, USERNAME } from './helpers'

test('the first visit asks to create your account, then signs you in', async ({ page, request }) => {
  expect((await (await request.get('/api/v1/setup')).json()).setup_needed).toBe(true)
  await page.goto('/budgets/anything/month/current')
  await expect(page).toHaveURL(/\/setup$/)
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible()

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
  await page.context().storageState({ path: join(process.env.DOJO_E2E_DIR!, 'signed-in.json') })
})
