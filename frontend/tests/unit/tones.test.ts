import { describe, expect, it } from 'vitest'
import { availableTone, rtaTone, underfunded } from '../../src/budget/tones'

function row(available: bigint, cash = 0n, credit = 0n) {
  return { available, cash_overspent: cash, credit_overspent: credit }
}

describe('Ready to Assign colour', () => {
  it('is green above zero, grey at zero, red below', () => {
    expect(rtaTone(1n)).toBe('positive')
    expect(rtaTone(0n)).toBe('zero')
    expect(rtaTone(-1n)).toBe('negative')
  })
})

describe('available colour (budget-rules R-M, R-CC)', () => {
  it('is funded (green) when money is left', () => {
    expect(availableTone(row(2200n))).toBe('funded')
  })

  it('is empty (grey) at exactly zero', () => {
    expect(availableTone(row(0n))).toBe('empty')
  })

  it('r_cc1: credit overspending alone is yellow', () => {
    // Worked example step 4: food -28000, all of it unfunded card spending.
    expect(availableTone(row(-28000n, 0n, 28000n))).toBe('credit')
  })

  it('r_m2: cash overspending is red', () => {
    expect(availableTone(row(-500n, 500n, 0n))).toBe('cash')
  })

  it('red wins when cash and credit overspending mix', () => {
    expect(availableTone(row(-900n, 400n, 500n))).toBe('cash')
  })

  it('r_cc5: an overdrawn payment category is cash overspending (red)', () => {
    expect(availableTone(row(-100n, 100n, 0n))).toBe('cash')
  })

  it('a negative available with no breakdown is treated as cash overspending', () => {
    expect(availableTone(row(-1n))).toBe('cash')
  })
})

describe('underfunded card (R-CC6)', () => {
  it('is the debt the payment category does not cover', () => {
    expect(underfunded(-50000n, 22000n)).toBe(28000n)
  })

  it('is zero when the payment category covers the debt or the card is in credit', () => {
    expect(underfunded(-32000n, 32000n)).toBe(0n)
    expect(underfunded(-1000n, 5000n)).toBe(0n)
    expect(underfunded(2500n, 0n)).toBe(0n)
  })
})
