// The Import dialog against a fake API: the file goes as base64 with the mapping the form
// shows (the account's remembered one, else a guess), the preview is shown, and the commit
// goes to the preview it showed.
import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { computed, defineComponent, h, ref } from 'vue'

interface Call { method: string; path: string; body: unknown }
const calls: Call[] = []
let answers: Record<string, unknown> = {}

// openapi-fetch keeps the fetch it finds when the client module loads: fake it before that.
vi.hoisted(() => {
  globalThis.fetch = (async (input: Request) => {
    const request = input instanceof Request ? input : new Request(input)
    const path = new URL(request.url).pathname
    const text = await request.text()
    calls.push({ method: request.method, path, body: text ? JSON.parse(text) : null })
    const key = `${request.method} ${path.replace(/^.*\/accounts\/a1/, '')}`
    return new Response(JSON.stringify(answers[key] ?? {}), {
      status: key in answers ? 200 : 404, headers: { 'Content-Type': 'application/json' },
    })
  }) as typeof fetch
})

const { default: ImportDialog } = await import('../../src/components/ImportDialog.vue')
const { provideBudget } = await import('../../src/budget/context')

const ACCOUNT = {
  id: 'a1', name: 'Checking', type: 'checking', on_budget: true, closed: false, balance: 0, cleared_balance: 0,
  uncleared_balance: 0, payment_category_id: null,
}
const CSV = 'Booked;Text;Amount\n13/02/2026;Bakery;-4,50\n'
const PREVIEW = {
  id: 'p1', account_id: 'a1', format: 'csv', created_at: '2026-02-15T00:00:00.000000Z', committed: false,
  counts: { new: 1, matched: 0, duplicate: 0, rejected: 0 },
  rows: [{ line: 2, status: 'new', date: '2026-02-13', amount: -450, payee: 'Bakery', memo: null, import_id: 'x',
    transaction_id: 't', reason: null }],
}

function mountDialog() {
  const open = ref(false)
  const Host = defineComponent(() => {
    provideBudget(computed(() => 'b1'), computed(() => ({
      id: 'b1', name: 'Home', currency: 'USD', currency_exponent: 2, income_category_id: 'rta',
    }) as never))
    return () => h(ImportDialog, {
      account: ACCOUNT, categories: [], incomeId: 'rta', open: open.value,
      'onUpdate:open': (value: boolean) => (open.value = value),
    })
  })
  const wrapper = mount(Host, { global: { plugins: [[VueQueryPlugin, { queryClient: new QueryClient() }]] } })
  return { wrapper, open }
}

async function choose(wrapper: ReturnType<typeof mount>, name: string, text: string) {
  const input = wrapper.get('#import-file')
  Object.defineProperty(input.element, 'files', { value: [new File([text], name)], configurable: true })
  await input.trigger('change')
  await flushPromises()
}

describe('the Import dialog', () => {
  afterEach(() => {
    calls.length = 0
    answers = {}
  })

  it('prefills the remembered mapping, sends the file with it, and commits the preview shown', async () => {
    const remembered = {
      date: 'Booked', payee: 'Text', memo: null, amount: 'Amount', inflow: null, outflow: null, status: null,
      date_format: 'DD/MM/YYYY', decimal_separator: ',', thousands_separator: '.', sign: 'inflow_positive',
      delimiter: ';', skip_lines: 0,
    }
    answers = {
      'GET /import-mapping': { csv: remembered },
      'POST /imports': PREVIEW,
      'POST /imports/p1/commit': { ...PREVIEW, committed: true },
    }
    const { wrapper, open } = mountDialog()
    open.value = true
    await flushPromises()
    await choose(wrapper, 'statement.csv', CSV)
    expect((wrapper.get('#csv-date').element as HTMLSelectElement).value).toBe('Booked')
    expect((wrapper.get('#csv-date-format').element as HTMLInputElement).value).toBe('DD/MM/YYYY')

    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const sent = calls.find((c) => c.method === 'POST')!
    expect(sent.path).toBe('/api/v1/budgets/b1/accounts/a1/imports')
    expect(sent.body).toMatchObject({ encoding: 'base64', format: 'csv', csv: remembered, category_id: null })
    expect(atob((sent.body as { content: string }).content)).toBe(CSV)
    expect(wrapper.get('[data-testid=import-counts]').text()).toContain('1 new, 0 matched')
    expect(wrapper.get('tbody').text()).toContain('-$4.50')

    const commit = wrapper.findAll('button').find((b) => b.text() === 'Commit')!
    await commit.trigger('click')
    await flushPromises()
    expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/v1/budgets/b1/accounts/a1/imports/p1/commit' })
    expect(wrapper.get('[role=status]').text()).toBe('Imported: 1 new transaction, 0 matched.')
  })

  it('guesses the mapping from the file when the account remembers none', async () => {
    answers = { 'GET /import-mapping': { csv: null } }
    const { wrapper, open } = mountDialog()
    open.value = true
    await flushPromises()
    await choose(wrapper, 'statement.csv', CSV)
    expect((wrapper.get('#csv-delimiter').element as HTMLSelectElement).value).toBe(';')
    expect((wrapper.get('#csv-date').element as HTMLSelectElement).value).toBe('Booked')
    expect((wrapper.get('#csv-amount').element as HTMLSelectElement).value).toBe('Amount')
    expect((wrapper.get('#csv-decimal').element as HTMLSelectElement).value).toBe(',')
  })

  it('shows no CSV mapping for an OFX file and sends its format', async () => {
    answers = { 'GET /import-mapping': { csv: null }, 'POST /imports': { ...PREVIEW, format: 'ofx' } }
    const { wrapper, open } = mountDialog()
    open.value = true
    await flushPromises()
    await choose(wrapper, 'bank.OFX', '<OFX></OFX>')
    expect(wrapper.find('#csv-date').exists()).toBe(false)
    expect(wrapper.get('#import-format').text()).toContain('From the file name (OFX)')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ format: 'ofx', csv: null })
  })
})
