import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query'
import { createApp } from 'vue'
import App from './App.vue'
import { ApiProblem, onSessionExpired } from './api/client'
import { keys } from './api/queries'
import { createDojoRouter } from './router'
import './styles.css'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A problem the server answered will answer the same again.
      retry: (count, error) => !(error instanceof ApiProblem && error.status > 0) && count < 2,
    },
  },
})
const router = createDojoRouter(queryClient)

onSessionExpired(() => {
  const here = router.currentRoute.value
  if (here.meta.public) return
  queryClient.removeQueries({ queryKey: keys.me })
  void router.push({ name: 'login', query: { next: here.fullPath, expired: '1' } })
})

createApp(App).use(VueQueryPlugin, { queryClient }).use(router).mount('#app')
