// Issue 8 in the web app: import a bank file (see the preview, commit, import it again and
// see nothing new), a CSV with its column mapping, the budget's exports, and moving in from
// YNAB. Each journey makes its own budget, runs axe (no serious or critical violation) and
// saves a screenshot. The bank files are the fixtures of the API tests (tests/fixtures).
import { expect, test, type Locator, type Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { addAccount, axe, createBudget, recordTransaction, snapshot, unique } from './helpers'

const fixture = (...parts: string[]) => join(test.info().project.testDir, '..', 'fixtures', ...parts)
const OPENED = '2026-01-01'

const register = (page: Page) => page.getByRole('table', { name: 'Transactions' })
const balance = (page: Page) => page.getByTestId('account-balance')
const importDialog = (page: Page, account: string) => page.getByRole('dialog', { name: `Import into ${account}` })
const previewRow = (dialog: Locator, payee: string) =>
  dialog.getByTestId('import-preview').getByRole('row').filter({ hasText: payee })

/** Opens the account's Import dialog and chooses the file. */
async function chooseFile(page: Page, account: string, file: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  const dialog = importDialog(page, account)
  await dialog.getByLabel(/^Bank file/).setInputFiles(file)
  return dialog
}

async function preview(dialog: Locator, counts: string): Promise<void> {
  await dialog.getByRole('button', { name: 'Preview' }).click()
  await expect(dialog.getByTestId('import-counts')).toContainText(counts)
}

async function commit(dialog: Locator, said: string): Promise<void> {
  await dialog.getByRole('button', { name: 'Commit' }).click()
  await expect(dialog.getByRole('status')).toHaveText(said)
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(dialog).toBeHidden()
}

test('importing an OFX file: preview, commit, then the same file again adds nothing', async ({ page }, testInfo) => {
  await createBudget(page, unique('OFX import'))
  await addAccount(page, { name: 'Checking', type: 'checking', balance: '1,000', date: OPENED })
  // Entered by hand before the bank's file arrives: the import matches it instead of adding it.
  await recordTransaction(page, { date: '2026-02-08', payee: 'Landlord', category: 'Ready to Assign (income)', outflow: '1,234.50' })

  const dialog = await chooseFile(page, 'Checking', fixture('imports', 'checking_v1.ofx'))
  await expect(dialog.getByLabel('Format')).toContainText('From the file name (OFX)')
  await preview(dialog, '2 new, 1 matched, 0 duplicates, 0 rejected.')
  await expect(previewRow(dialog, 'CAFÉ DU MONDE')).toContainText('-$42.17')
  await expect(previewRow(dialog, 'CAFÉ DU MONDE')).toContainText('New')
  await expect(previewRow(dialog, 'ACME PAYROLL')).toContainText('$2,500.00')
  await expect(previewRow(dialog, 'SMITH & SONS RENT')).toContainText('Matched')
  // Nothing is written before the commit.
  await expect(balance(page)).toHaveText('-$234.50')
  await axe(page, 'OFX preview')
  await snapshot(page, testInfo, 'import-ofx-preview')
  await commit(dialog, 'Imported: 2 new transactions, 1 matched.')

  // The register refreshed: two new rows, and the hand-entered one took the bank's date.
  await expect(register(page).getByRole('row', { name: /ACME PAYROLL/ })).toContainText('$2,500.00')
  await expect(register(page).getByRole('row', { name: /CAFÉ DU MONDE/ })).toContainText('-$42.17')
  await expect(register(page).getByRole('row', { name: /Landlord/ })).toContainText('2026-02-10')
  await expect(balance(page)).toHaveText('$2,223.33')
  await expect(page.getByText('4 of 4 transactions')).toBeVisible()

  // The same file again: every row is a duplicate and committing adds nothing.
  const again = await chooseFile(page, 'Checking', fixture('imports', 'checking_v1.ofx'))
  await preview(again, '0 new, 0 matched, 3 duplicates, 0 rejected.')
  await expect(again.getByTestId('import-counts')).toContainText('Nothing new')
  await expect(again.getByTestId('import-preview').getByRole('row').filter({ hasText: 'Duplicate' })).toHaveCount(3)
  await axe(page, 'OFX preview, all duplicates')
  await commit(again, 'Nothing new was imported: every row was already in the register or rejected.')
  await expect(balance(page)).toHaveText('$2,223.33')
  await expect(page.getByText('4 of 4 transactions')).toBeVisible()
  await snapshot(page, testInfo, 'import-ofx-again')
})

test('importing CSV files through a column mapping the account remembers', async ({ page }, testInfo) => {
  await createBudget(page, unique('CSV import'))
  await addAccount(page, { name: 'Visa', type: 'credit_card', balance: '0', date: OPENED })

  // A card statement: the mapping is guessed from the header and rows; charges are positive,
  // which only the person can tell.
  const dialog = await chooseFile(page, 'Visa', fixture('imports', 'card_us.csv'))
  await expect(dialog.getByLabel('Date column')).toHaveValue('Transaction Date')
  await expect(dialog.getByLabel('Date format')).toHaveValue('MM/DD/YYYY')
  await expect(dialog.getByLabel('Amount column', { exact: true })).toHaveValue('Amount')
  await expect(dialog.getByLabel('Payee column')).toHaveValue('Description')
  await expect(dialog.getByLabel('Thousands separator')).toHaveValue(',')
  await dialog.getByLabel('Sign convention').selectOption('outflow_positive')
  await axe(page, 'CSV mapping')
  await snapshot(page, testInfo, 'import-csv-mapping')
  await preview(dialog, '3 new, 0 matched, 0 duplicates, 0 rejected.')
  await expect(previewRow(dialog, 'HARDWARE STORE, INC.')).toContainText('-$1,234.00')
  await expect(previewRow(dialog, 'PAYMENT - THANK YOU')).toContainText('$200.00')
  await commit(dialog, 'Imported: 3 new transactions, 0 matched.')
  await expect(register(page).getByRole('row', { name: /GROCERY OUTLET/ })).toContainText('-$63.40')
  await expect(balance(page)).toHaveText('-$1,097.40')

  // Next time the account's mapping comes back, sign included.
  const again = await chooseFile(page, 'Visa', fixture('imports', 'card_us.csv'))
  await expect(again.getByLabel('Sign convention')).toHaveValue('outflow_positive')
  await preview(again, '0 new, 0 matched, 3 duplicates, 0 rejected.')
  await again.getByRole('button', { name: 'Close' }).click()

  // A European bank: a preamble line, semicolons, 1.234,56, debit and credit columns, and a
  // pending row that is rejected with its reason.
  await addAccount(page, { name: 'Girokonto', type: 'checking', balance: '0', date: OPENED })
  const eu = await chooseFile(page, 'Girokonto', fixture('imports', 'bank_eu.csv'))
  await expect(eu.getByLabel('Delimiter')).toHaveValue(';')
  await expect(eu.getByLabel('Lines before the header')).toHaveValue('1')
  await expect(eu.getByLabel('Money in and money out in two columns')).toBeChecked()
  await expect(eu.getByLabel('Inflow column')).toHaveValue('Credit')
  await expect(eu.getByLabel('Outflow column')).toHaveValue('Debit')
  await expect(eu.getByLabel('Date format')).toHaveValue('DD/MM/YYYY')
  await expect(eu.getByLabel('Decimal separator')).toHaveValue(',')
  await eu.getByLabel('Memo column').selectOption('Description')
  await eu.getByLabel('Pending status column').selectOption('Status')
  await preview(eu, '4 new, 0 matched, 0 duplicates, 1 rejected.')
  await expect(previewRow(eu, 'Tankstelle')).toContainText('Rejected')
  await expect(previewRow(eu, 'Tankstelle')).toContainText('pending at the bank')
  await expect(previewRow(eu, 'Hausverwaltung')).toContainText('-$1,234.56')
  await axe(page, 'CSV preview with a rejected row')
  await snapshot(page, testInfo, 'import-csv-rejected')
  await commit(eu, 'Imported: 4 new transactions, 0 matched.')
  await expect(balance(page)).toHaveText('$1,256.44')
})

test('the budget menu exports the four formats; the CSV downloads', async ({ page }, testInfo) => {
  await createBudget(page, unique('Export'))
  await addAccount(page, { name: 'Checking', type: 'checking', balance: '500', date: OPENED })
  await recordTransaction(page, { payee: 'Bakery', category: 'Ready to Assign (income)', outflow: '12.34' })

  const menu = page.getByRole('navigation', { name: 'Budget' })
  await menu.getByRole('button', { name: 'Export' }).click()
  const formats = menu.getByRole('list', { name: 'Export formats' })
  await expect(formats.getByRole('link')).toHaveText(
    ['Register (CSV)', 'hledger journal', 'Beancount ledger', 'Event log (JSON lines)'])
  for (const format of ['csv', 'hledger', 'beancount', 'events']) {
    await expect(formats.getByRole('link').and(page.locator(`[href$="format=${format}"]`))).toHaveAttribute('download', '')
  }
  await axe(page, 'export menu')
  await snapshot(page, testInfo, 'export-menu')

  const downloading = page.waitForEvent('download')
  await formats.getByRole('link', { name: 'Register (CSV)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^dojo-.+\.csv$/)
  const text = await readFile(await download.path(), 'utf-8')
  expect(text.split('\r\n')[0]).toBe('date,account,payee,category_group,category,memo,line_memo,amount,outflow,inflow,'
    + 'cleared,transfer_account,transaction_id,line,transfer_id,account_id,category_id')
  expect(text).toContain('Bakery')
  expect(text).toContain('-12.34')

  const journal = page.waitForEvent('download')
  await formats.getByRole('link', { name: 'hledger journal' }).click()
  expect((await journal).suggestedFilename()).toMatch(/\.journal$/)
})

test('moving in from YNAB: the two exports make a budget, the report shows what differs', async ({ page }, testInfo) => {
  await page.goto('/budgets')
  await page.getByRole('link', { name: 'Move in from YNAB' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Move in from YNAB' })).toBeVisible()
  await axe(page, 'YNAB form')
  const name = unique('From YNAB')
  await page.getByLabel(/^Register file/).setInputFiles(fixture('ynab', 'Household - Register.csv'))
  await page.getByLabel(/^Plan file/).setInputFiles(fixture('ynab', 'Household - Plan.csv'))
  await page.getByLabel('Name of the new budget').fill(name)
  await page.getByRole('button', { name: 'Create the budget' }).click()

  await expect(page.getByRole('status')).toContainText(`“${name}” was created in USD`)
  // Decision 0011: the fixture's one built-in difference, two cards funding Dining on one
  // day, gives four rows: funding order in December, carried into January.
  const report = page.getByRole('region', { name: 'Comparison with YNAB’s plan' })
  const rows = report.getByRole('table').getByRole('row')
  await expect(rows).toHaveCount(5)
  await expect(rows.filter({ hasText: 'Funding order' })).toHaveCount(2)
  await expect(rows.filter({ hasText: 'Carried from the month before' })).toHaveCount(2)
  await expect(report.getByTestId('ynab-matched')).toContainText(/\d+ of \d+ category months match/)
  await axe(page, 'YNAB report')
  await snapshot(page, testInfo, 'ynab-report')

  await page.getByRole('link', { name: 'Open the new budget' }).click()
  await expect(page.getByRole('heading', { name: 'Ready to Assign' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Budget' }).getByRole('link', { name: /^Checking/ })).toBeVisible()
})
