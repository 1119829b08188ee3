// The one way the SPA talks to the API: a client typed from contracts/openapi.json.
import createClient, { type Middleware } from 'openapi-fetch'
import type { components, paths } from './schema'

export type Schemas = components['schemas']
export type Budget = Schemas['Budget']
export type Account = Schemas['Account']
export type Group = Schemas['Group']
export type Category = Schemas['Category']
export type MonthView = Schemas['MonthView']
export type CategoryMonth = Schemas['CategoryMonthView']
export type Transaction = Schemas['Transaction']
export type Transfer = Schemas['Transfer']
export type NetWorth = Schemas['NetWorthView']
export type FieldError = Schemas['FieldError']

/** An RFC 9457 problem document (or a failure to reach the server) as an Error. */
export class ApiProblem extends Error {
  readonly status: number
  readonly title: string
  readonly errors: FieldError[]

  constructor(status: number, title: string, detail: string, errors: FieldError[] = []) {
    super(detail)
    this.status = status
    this.title = title
    this.errors = errors
  }

  /** The message for one field (`errors[].field`), if the server named it. */
  field(name: string): string | undefined {
    return this.errors.find((e) => e.field === name || e.field.endsWith('.' + name))?.message
  }
}

function isProblem(body: unknown): body is Schemas['ProblemDetail'] {
  return typeof body === 'object' && body !== null && 'status' in body && 'detail' in body
}

export function toProblem(error: unknown, response?: Response): ApiProblem {
  if (error instanceof ApiProblem) return error
  if (isProblem(error)) {
    return new ApiProblem(error.status, error.title, error.detail, error.errors ?? [])
  }
  if (response) {
    return new ApiProblem(response.status, response.statusText, `the server answered ${response.status}`)
  }
  return new ApiProblem(0, 'Network error', 'cannot reach the server; check your connection')
}

/** A readable message for any error a query or command raised. */
export function messageOf(error: unknown): string {
  if (!error) return ''
  if (error instanceof ApiProblem) return error.message
  if (error instanceof Error) return error.message
  return String(error)
}

/** The field's message from a problem, for showing next to that field. */
export function fieldMessage(error: unknown, name: string): string | undefined {
  return error instanceof ApiProblem ? error.field(name) : undefined
}

// 401s from these mean "not signed in yet", handled where they are asked.
const QUIET_401 = /\/api\/v1\/(session|setup|me)$/
let unauthorized: () => void = () => {}

/** Called when the session has expired under a page (any 401 but sign-in's own). */
export function onSessionExpired(handler: () => void): void {
  unauthorized = handler
}

const sessionWatch: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && !QUIET_401.test(new URL(request.url).pathname)) unauthorized()
    return undefined
  },
}

export const CSRF_COOKIE = 'dojo_csrf'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The session's CSRF token: the readable cookie that signing in sets (so it survives a reload). */
export function csrfToken(cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='))
  }
  return undefined
}

/** Writes signed in by cookie echo the CSRF cookie in a header, or the API refuses them (403). */
export const csrfHeader: Middleware = {
  onRequest({ request }) {
    if (!UNSAFE.has(request.method.toUpperCase())) return undefined
    const token = csrfToken()
    if (token) request.headers.set('X-CSRF-Token', token)
    return request
  },
}

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' })
api.use(sessionWatch, csrfHeader)

interface Answer<T> {
  data?: T
  error?: unknown
  response: Response
}

/** The data of a successful answer; throws ApiProblem otherwise. */
export async function unwrap<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>
  try {
    answer = await request
  } catch (e) {
    throw toProblem(e)
  }
  if (answer.error !== undefined || !answer.response.ok) {
    throw toProblem(answer.error, answer.response)
  }
  return answer.data as T
}
