// Smoke at 375 px wide: every main screen fits without sideways scrolling and the
// sidebar becomes a menu.
import { expect, test, type Page } from '@playwright/test'
import { addAccount, addCategory, addGroup, createBudget, unique } from './helpers'

test.use({ viewport: { width: 375, height: 740 } })

/** Nothing sticks out of the 375 px viewport. */
async function fits(page: Page) {
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 375.5 && getComputedStyle(e).display !== 'none')
      // Wide content inside its own scrolling box (the net worth table) is fine.
      .filter((e) => !e.parentElement?.closest('.table-box, .register-scroll'))
      .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
      .slice(0, 5),
  )
  expect(wide).toEqual([])
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(375)
}

test('the budget screens are usable 375 px wide', async ({ page }) => {
  await createBudget(page, unique('Phone'))
  await fits(page)
  const menu = page.getByRole('button', { name: /^Menu/ })
  await expect(menu).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Budget' })).toBeHidden()
  await menu.click()
  await expect(page.getByRole('navigation', { name: 'Budget' })).toBeVisible()
  await addAccount(page, { name: 'Wallet', type: 'cash', balance: '80' })
  await expect(page.getByRole('navigation', { name: 'Budget' })).toBeHidden()
  await fits(page)

  await page.getByRole('button', { name: /^Menu/ }).click()
  await page.getByRole('navigation', { name: 'Budget' }).getByRole('link', { name: 'Budget', exact: true }).click()
  await addGroup(page, 'Daily')
  await addCategory(page, 'Daily', 'Coffee')
  await expect(page.getByLabel('Assigned to Coffee')).toBeVisible()
  await fits(page)

  await page.getByRole('button', { name: /^Menu/ }).click()
  await page.getByRole('link', { name: 'Net worth' }).click()
  await expect(page.getByRole('heading', { name: 'Net worth' })).toBeVisible()
  await fits(page)

  await page.goto('/budgets')
  await fits(page)
})
