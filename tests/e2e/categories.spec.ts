// Groups and categories: add, rename, hide and show again (hidden keeps its numbers, R-C4).
import { expect, test } from '@playwright/test'
import { addCategory, addGroup, categoryRow, createBudget, unique } from './helpers'


test('a group is renamed and hidden, and shows again with Show hidden', async ({ page }) => {
  await createBudget(page, unique('Groups'))
  await addGroup(page, 'Bills')
  await addCategory(page, 'Bills', 'Water')
  await page.getByRole('button', { name: 'Edit group Bills' }).click()
  await page.getByLabel('Name of the group').fill('Monthly bills')
  await page.getByLabel('Name of the group').press('Enter')
  await expect(page.getByRole('rowheader', { name: /Monthly bills/ })).toBeVisible()

  await page.getByRole('button', { name: 'Edit group Monthly bills' }).click()
  await page.getByRole('button', { name: 'Hide group' }).click()
  await expect(page.getByRole('rowheader', { name: /Monthly bills/ })).toHaveCount(0)
  await page.getByLabel('Show hidden').check()
  await expect(page.getByRole('rowheader', { name: /Monthly bills/ })).toContainText('hidden')
  await expect(categoryRow(page, 'Water')).toBeVisible()
  await page.getByRole('button', { name: 'Edit group Monthly bills' }).click()
  await page.getByRole('button', { name: 'Show group' }).click()
  await page.getByLabel('Show hidden').uncheck()
  await expect(page.getByRole('rowheader', { name: /Monthly bills/ })).not.toContainText('hidden')

  // A duplicate name is refused with the reason next to the field (R-C1).
  await page.getByLabel('Name of the new group').fill('monthly BILLS')
  await page.locator('#add-group-form').getByRole('button', { name: 'Add group' }).click()
  await expect(page.locator('#group-name-error')).not.toBeEmpty()
})

test('a category is renamed and hidden', async ({ page }) => {
  await createBudget(page, unique('Categories'))
  await addGroup(page, 'Fun')
  await addCategory(page, 'Fun', 'Games')
  await page.getByRole('button', { name: 'Edit category Games' }).click()
  await page.getByLabel('Name of the category').fill('Board games')
  const renamed = page.waitForResponse((r) => r.request().method() === 'PATCH')
  await page.getByLabel('Name of the category').press('Enter')
  expect((await renamed).status()).toBe(200)
  await expect(categoryRow(page, 'Board games')).toBeVisible()
  await page.getByRole('button', { name: 'Edit category Board games' }).click()
  await page.getByRole('button', { name: 'Hide category' }).click()
  await expect(categoryRow(page, 'Board games')).toHaveCount(0)
})
