import { afterEach, describe, expect, it } from 'vitest'
import { csrfHeader, csrfToken } from '../../src/api/client'

type RequestStep = NonNullable<typeof csrfHeader.onRequest>

async function through(method: string): Promise<Request> {
  const request = new Request('http://dojo.test/api/v1/budgets', { method })
  const step = csrfHeader.onRequest as RequestStep
  const out = await step({ request } as Parameters<RequestStep>[0])
  return out instanceof Request ? out : request
}

function clearCookies(): void {
  for (const part of document.cookie.split(';')) {
    const name = part.trim().split('=')[0]
    if (name) document.cookie = `${name}=; max-age=0; path=/`
  }
}

describe('CSRF token of cookie-authenticated writes', () => {
  afterEach(clearCookies)

  it('reads the dojo_csrf cookie among others', () => {
    expect(csrfToken('a=1; dojo_csrf=abc123; b=2')).toBe('abc123')
    expect(csrfToken('dojo_csrf_old=x; other=y')).toBeUndefined()
    expect(csrfToken('')).toBeUndefined()
  })

  it('sends the cookie back in X-CSRF-Token on writes, never on reads', async () => {
    document.cookie = 'dojo_csrf=f00d; path=/'
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await through(method)).headers.get('X-CSRF-Token')).toBe('f00d')
    }
    expect((await through('GET')).headers.get('X-CSRF-Token')).toBeNull()
  })

  it('sends nothing when there is no session cookie to protect', async () => {
    expect((await through('POST')).headers.get('X-CSRF-Token')).toBeNull()
  })
})
