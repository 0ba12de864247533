import { QueryClient } from '@tanstack/react-query';

/**
 * One cache for the window. It holds case data, so it is cleared whenever
 * the program locks or someone logs out. Nothing refetches by itself: every
 * call counts as activity on the back end, so the window only calls when a
 * person does something.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});
