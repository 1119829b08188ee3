// Session expiry: a 401 under a page sends you to the sign-in form and, once signed in,
// back to that page.
import { expect, test } from '@playwright/test'
import { PASSWORD, USERNAME, createBudget, unique } from './helpers'

test('an expired session returns to sign in, then back to the page you were on', async ({ page }) => {
  await createBudget(page, unique('Session'))
  const where = new URL(page.url()).pathname

  // The session ends (here: its cookie is gone), then the user does something.
  await page.context().clearCookies()
  await page.getByRole('button', { name: 'Add group' }).click()
  await page.getByLabel('Name of the new group').fill('Too late')
  await page.locator('#add-group-form').getByRole('button', { name: 'Add group' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByText('Your session has ended')).toBeVisible()
  const next = new URL(page.url()).searchParams.get('next')
  expect(next).toBe(where)

  await page.getByLabel('Username').fill(USERNAME)
  await page.getByLabel('Password').fill('not the password')
  const wrong = page.waitForResponse((r) => r.url().endsWith('/api/v1/session'))
  await page.getByRole('button', { name: 'Sign in' }).click()
  expect((await wrong).status()).toBe(401)
  await expect(page.getByRole('alert')).toContainText('wrong username or password')

  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(new RegExp(`${next}$`))
  await expect(page.getByRole('heading', { name: 'Ready to Assign' })).toBeVisible()
})

test('signing out ends the session and shows the sign-in form', async ({ browser }) => {
  // A session of its own, so that the shared one stays valid for the other journeys.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } })
  const page = await context.newPage()
  await page.goto('/budgets')
  await expect(page).toHaveURL(/\/login\?next=(%2F|\/)budgets$/)
  await page.getByLabel('Username').fill(USERNAME)
  await page.getByLabel('Password').fill(PASSWORD)
  const login = page.waitForResponse((r) => r.url().endsWith('/api/v1/session'))
  await page.getByRole('button', { name: 'Sign in' }).click()
  expect((await login).status()).toBe(200)
  await expect(page.getByRole('heading', { name: 'Your budgets' })).toBeVisible()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.goto('/budgets')
  await expect(page).toHaveURL(/\/login/)
  await context.close()
})
