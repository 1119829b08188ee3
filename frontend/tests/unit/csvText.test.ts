// The guesses the CSV mapping form starts from: records, delimiter, header line, dates, numbers.
import { describe, expect, it } from 'vitest'
import {
  guessDateFormat, guessDelimiter, guessNumberStyle, guessSkipLines, records, sampleOf,
} from '../../src/imports/csvText'

// Like tests/fixtures/imports/bank_eu.csv: a preamble line, `;`, day-first dates, 1.234,56.
const EU = 'Account statement 2026-02;;;;;\r\nDate;Payee;Description;Debit;Credit;Status\r\n'
  + '03/02/2026;Bäckerei Müller;Brötchen;4,50;;Booked\r\n05/02/2026;ACME GmbH;Gehalt Februar;;2.500,00;Booked\r\n'
  + '10/02/2026;Hausverwaltung;"Miete; Februar";1.234,56;;Booked\r\n13/02/2026;Tankstelle;;60,00;;Pending\r\n'
// Like card_us.csv: month-first dates, a quoted comma, 1,234.00.
const US = 'Transaction Date,Description,Amount\n02/04/2026,GROCERY OUTLET,63.40\n'
  + '02/09/2026,"HARDWARE STORE, INC.","1,234.00"\n02/11/2026,PAYMENT - THANK YOU,-200.00\n'

describe('CSV records', () => {
  it('reads quoted cells with delimiters, doubled quotes and line breaks inside', () => {
    const found = records('a,"b, c","say ""hi"""\n"two\nlines",x\n\n\nlast,row', ',')
    expect(found).toEqual([
      { line: 1, cells: ['a', 'b, c', 'say "hi"'] },
      { line: 2, cells: ['two\nlines', 'x'] },
      { line: 6, cells: ['last', 'row'] },
    ])
  })

  it('stops at the limit', () => {
    expect(records('a\nb\nc\n', ',', 2).map((r) => r.cells[0])).toEqual(['a', 'b'])
  })
})

describe('guessing how a bank wrote its CSV', () => {
  it('finds the delimiter that splits the lines into the most cells', () => {
    expect(guessDelimiter(EU)).toBe(';')
    expect(guessDelimiter(US)).toBe(',')
    expect(guessDelimiter('Date\tAmount\n2026-01-01\t1.00\n')).toBe('\t')
    expect(guessDelimiter('just one column\n')).toBe(',')
  })

  it('skips a preamble before the header', () => {
    expect(guessSkipLines(EU, ';')).toBe(1)
    expect(guessSkipLines(US, ',')).toBe(0)
  })

  it('reads the header and rows after the skipped lines', () => {
    const sample = sampleOf(EU, ';', 1)
    expect(sample.header).toEqual(['Date', 'Payee', 'Description', 'Debit', 'Credit', 'Status'])
    expect(sample.rows).toHaveLength(4)
    expect(sample.rows[2]![2]).toBe('Miete; Februar')
  })

  it('tells day-first from month-first dates once a day is after the 12th', () => {
    expect(guessDateFormat(['03/02/2026', '13/02/2026'])).toBe('DD/MM/YYYY')
    expect(guessDateFormat(['02/04/2026', '02/13/2026'])).toBe('MM/DD/YYYY')
    expect(guessDateFormat(['02/04/2026'])).toBe('MM/DD/YYYY')
    expect(guessDateFormat(['03.02.26'])).toBe('DD.MM.YY')
    expect(guessDateFormat(['2026-02-03', '2026-02-13 10:00'])).toBe('YYYY-MM-DD')
    expect(guessDateFormat(['Feb 3'])).toBe('YYYY-MM-DD')
  })

  it('tells a decimal comma from a thousands comma', () => {
    expect(guessNumberStyle(['4,50', '2.500,00'])).toEqual({ decimal: ',', thousands: '.' })
    expect(guessNumberStyle(['60,00'])).toEqual({ decimal: ',', thousands: '' })
    expect(guessNumberStyle(['63.40', '1,234.00', '-200.00'])).toEqual({ decimal: '.', thousands: ',' })
    expect(guessNumberStyle(['1 234.50'])).toEqual({ decimal: '.', thousands: ' ' })
    expect(guessNumberStyle(['12.00'])).toEqual({ decimal: '.', thousands: '' })
  })
})
