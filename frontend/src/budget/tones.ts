// Colour rules of the month screen (budget-rules.md; YNAB's colours): each tone also has a
// word, so colour is never the only signal.

export type RtaTone = 'positive' | 'zero' | 'negative'

/** Ready to Assign: green above zero, grey at zero, red below. */
export function rtaTone(readyToAssign: bigint): RtaTone {
  if (readyToAssign > 0n) return 'positive'
  return readyToAssign === 0n ? 'zero' : 'negative'
}

export type AvailableTone = 'funded' | 'empty' | 'credit' | 'cash'

export interface AvailableFacts {
  available: bigint
  cash_overspent: bigint
  credit_overspent: bigint
}

/** Available: green when funded, grey at zero, yellow when only credit spending is
 * unfunded (card debt, R-CC1), red when any of it is cash overspending (R-M2). */
export function availableTone(row: AvailableFacts): AvailableTone {
  if (row.available > 0n) return 'funded'
  if (row.available === 0n) return 'empty'
  if (row.cash_overspent > 0n) return 'cash'
  return row.credit_overspent > 0n ? 'credit' : 'cash'
}

export const TONE_WORDS: Record<AvailableTone, string> = {
  funded: 'funded',
  empty: 'nothing available',
  credit: 'overspent on credit',
  cash: 'overspent in cash',
}

/** What a card's payment category lacks to pay off the card (R-CC6):
 * max(0, -balance through the end of the month - available). */
export function underfunded(cardBalanceThroughMonth: bigint, paymentAvailable: bigint): bigint {
  const lack = -cardBalanceThroughMonth - paymentAvailable
  return lack > 0n ? lack : 0n
}
