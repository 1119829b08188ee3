// Small helpers for forms that take amounts.
import { ApiProblem } from '../api/client'
import { toWire } from '../money/money'
import { parseMoney } from '../money/parse'
import { locale } from './context'

/** The amount typed in a field as a wire number, or an ApiProblem naming that field. */
export function amountOf(text: string, exponent: number, field: string, empty?: bigint): number {
  if (text.trim() === '' && empty !== undefined) return toWire(empty)
  const parsed = parseMoney(text, exponent, locale)
  if (!parsed.ok) throw new ApiProblem(422, 'Invalid amount', parsed.error, [{ field, message: parsed.error }])
  try {
    return toWire(parsed.value)
  } catch (e) {
    const message = (e as Error).message
    throw new ApiProblem(422, 'Invalid amount', message, [{ field, message }])
  }
}

/** A client-chosen id, so a retried create is answered with the same resource. */
export function newId(): string {
  return crypto.randomUUID()
}
