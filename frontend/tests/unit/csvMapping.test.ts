// The mapping form's state: guessed from a file, sent to the API, restored from what the
// account remembers.
import { describe, expect, it } from 'vitest'
import { blankDraft, fromMapping, guessDraft, missing, toMapping, type CsvMapping } from '../../src/imports/csvMapping'

describe('the CSV mapping', () => {
  it('guesses separate inflow and outflow columns, dates and numbers of a European bank', () => {
    const draft = guessDraft({
      header: ['Date', 'Payee', 'Description', 'Debit', 'Credit', 'Status'],
      rows: [['03/02/2026', 'B', 'x', '4,50', '', 'Booked'], ['13/02/2026', 'T', '', '1.060,00', '', 'Pending']],
    }, ';', 1)
    expect(toMapping(draft)).toEqual({
      date: 'Date', payee: 'Payee', memo: 'Description', amount: null, inflow: 'Credit', outflow: 'Debit',
      status: 'Status', date_format: 'DD/MM/YYYY', decimal_separator: ',', thousands_separator: '.',
      sign: 'inflow_positive', delimiter: ';', skip_lines: 1,
    })
  })

  it('guesses one amount column and leaves the sign to the person', () => {
    const draft = guessDraft({
      header: ['Transaction Date', 'Description', 'Amount'],
      rows: [['02/04/2026', 'GROCERY', '63.40'], ['02/09/2026', 'HARDWARE', '1,234.00']],
    }, ',', 0)
    expect(draft.amounts).toBe('amount')
    expect([draft.date, draft.payee, draft.memo, draft.amount]).toEqual(['Transaction Date', 'Description', '', 'Amount'])
    expect([draft.date_format, draft.thousands_separator, draft.sign]).toEqual(['MM/DD/YYYY', ',', 'inflow_positive'])
  })

  it('finds the date and amount columns by their cells when no header name says so', () => {
    const draft = guessDraft({
      header: ['Buchungstag', 'Verwendungszweck', 'Umsatz'],
      rows: [['13.02.2026', 'Miete 02', '-1.234,56'], ['14.02.2026', 'Gehalt', '2.500,00']],
    }, ';', 0)
    expect([draft.date, draft.amount, draft.payee]).toEqual(['Buchungstag', 'Umsatz', ''])
    expect([draft.date_format, draft.decimal_separator, draft.thousands_separator]).toEqual(['DD.MM.YYYY', ',', '.'])
  })

  it('sends only the columns of the amount style chosen', () => {
    const draft = { ...blankDraft(), date: 'D', amount: 'A', inflow: 'In', outflow: 'Out' }
    expect(toMapping(draft)).toMatchObject({ amount: 'A', inflow: null, outflow: null, payee: null })
    expect(toMapping({ ...draft, amounts: 'split' })).toMatchObject({ amount: null, inflow: 'In', outflow: 'Out' })
  })

  it('restores a remembered mapping as it was', () => {
    const remembered: CsvMapping = {
      date: 'Booked', payee: null, memo: 'Text', amount: null, inflow: null, outflow: 'Out', status: null,
      date_format: 'YYYYMMDD', decimal_separator: ',', thousands_separator: ' ', sign: 'outflow_positive',
      delimiter: '\t', skip_lines: 3,
    }
    const draft = fromMapping(remembered)
    expect(draft.amounts).toBe('split')
    expect(toMapping(draft)).toEqual(remembered)
  })

  it('says what is missing before a preview can be asked for', () => {
    expect(missing(blankDraft())).toBe('Choose the date column.')
    expect(missing({ ...blankDraft(), date: 'D' })).toBe('Choose the amount column.')
    expect(missing({ ...blankDraft(), date: 'D', amounts: 'split' })).toBe('Choose the inflow and outflow columns.')
    expect(missing({ ...blankDraft(), date: 'D', amount: 'A', thousands_separator: '.' })).toBe(
      'The decimal and thousands separators must differ.')
    expect(missing({ ...blankDraft(), date: 'D', amount: 'A' })).toBe('')
  })
})
