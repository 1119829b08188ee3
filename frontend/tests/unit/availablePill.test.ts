// The month table's colours as rendered: the class that colours the pill and the words
// that say the same to a screen reader.
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { CategoryMonth } from '../../src/api/client'
import AvailablePill from '../../src/components/AvailablePill.vue'
import { formatMoney, fromWire } from '../../src/money/money'

const usd = (m: number | bigint) => formatMoney(fromWire(m), { code: 'USD', exponent: 2 }, 'en-US')

function pill(available: number, cash = 0, credit = 0, kind = 'regular') {
  const row: CategoryMonth = {
    category_id: 'c', group_id: 'g', name: 'Food', kind, assigned: 0, activity: 0, available,
    carryover: 0, cash_overspent: cash, credit_overspent: credit,
  }
  return mount(AvailablePill, { props: { row, money: usd } }).get('button')
}

describe('available in the month table', () => {
  it('funded money is green', () => {
    const b = pill(2200)
    expect(b.classes()).toContain('tone-funded')
    expect(b.text()).toBe('$22.00')
    expect(b.attributes('aria-label')).toBe('Food: $22.00 available, funded. Move money')
  })

  it('zero is grey', () => {
    expect(pill(0).classes()).toContain('tone-empty')
  })

  it('R-CC1: unfunded card spending is yellow', () => {
    const b = pill(-28000, 0, 28000)
    expect(b.classes()).toContain('tone-credit')
    expect(b.attributes('aria-label')).toContain('overspent on credit')
  })

  it('R-M2: cash overspending is red, also when mixed with credit', () => {
    expect(pill(-500, 500, 0).classes()).toContain('tone-cash')
    expect(pill(-900, 400, 500).classes()).toContain('tone-cash')
  })

  it('R-CC5: an overdrawn payment category is red', () => {
    expect(pill(-100, 100, 0, 'payment').classes()).toContain('tone-cash')
  })

  it('asks to move money when pressed', async () => {
    const wrapper = mount(AvailablePill, {
      props: { row: { category_id: 'c', group_id: 'g', name: 'Food', kind: 'regular', assigned: 0, activity: 0,
        available: 1, carryover: 0, cash_overspent: 0, credit_overspent: 0 }, money: usd },
    })
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('move')).toHaveLength(1)
  })
})
