import type { QueryClient } from '@tanstack/vue-query'
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { ApiProblem } from './api/client'
import { keys, meQuery, setupStateQuery } from './api/queries'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    title?: string
  }
}

async function needsSetup(qc: QueryClient): Promise<boolean> {
  // Once a user exists, setup is never needed again: ask only until then.
  if (qc.getQueryData<{ setup_needed: boolean }>(keys.setup)?.setup_needed === false) return false
  const state = await qc.fetchQuery({ ...setupStateQuery, staleTime: 0 })
  return state.setup_needed
}

async function signedIn(qc: QueryClient): Promise<boolean> {
  try {
    await qc.ensureQueryData(meQuery)
    return true
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 401) return false
    throw e
  }
}

export function createDojoRouter(qc: QueryClient) {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', redirect: { name: 'budgets' } },
      {
        path: '/setup',
        name: 'setup',
        component: () => import('./views/SetupView.vue'),
        meta: { public: true, title: 'Create your account' },
      },
      {
        path: '/login',
        name: 'login',
        component: () => import('./views/LoginView.vue'),
        meta: { public: true, title: 'Sign in' },
      },
      {
        path: '/budgets',
        name: 'budgets',
        component: () => import('./views/BudgetsView.vue'),
        meta: { title: 'Budgets' },
      },
      {
        path: '/move-in/ynab',
        name: 'ynab-import',
        component: () => import('./views/YnabImportView.vue'),
        meta: { title: 'Move in from YNAB' },
      },
      {
        path: '/budgets/:budgetId',
        component: () => import('./views/BudgetLayout.vue'),
        props: true,
        children: [
          { path: '', name: 'budget', redirect: (to) => ({ name: 'month', params: { ...to.params, month: 'current' } }) },
          {
            path: 'month/:month',
            name: 'month',
            component: () => import('./views/MonthView.vue'),
            props: true,
            meta: { title: 'Budget' },
          },
          {
            path: 'accounts/:accountId',
            name: 'account',
            component: () => import('./views/AccountView.vue'),
            props: true,
            meta: { title: 'Account' },
          },
          {
            path: 'net-worth',
            name: 'net-worth',
            component: () => import('./views/NetWorthView.vue'),
            props: true,
            meta: { title: 'Net worth' },
          },
        ],
      },
      {
        path: '/:rest(.*)*',
        name: 'not-found',
        component: () => import('./views/NotFoundView.vue'),
        meta: { title: 'Not found' },
      },
    ],
  })

  router.beforeEach(async (to: RouteLocationNormalized) => {
    const setup = await needsSetup(qc)
    if (setup) return to.name === 'setup' ? true : { name: 'setup' }
    if (to.name === 'setup') return { name: 'login' }
    if (to.meta.public) return true
    if (await signedIn(qc)) return true
    return { name: 'login', query: { next: to.fullPath } }
  })

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Dojo` : 'Dojo'
  })
  return router
}
