/**
 * The window's typed API client: `call` for one-off calls, and TanStack Query
 * hooks for reading (cached) and writing (with invalidation).
 */
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { RouteInput, RouteName, RouteOutput } from '../../shared/api';
import type { ApiError } from '../../shared/errors';
import { invoke } from './transport';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

type Listener = (error: ApiError) => void;
const lockListeners = new Set<Listener>();

/** Called when any call reports that the session is over (locked elsewhere, or by the back-stop timer). */
export function onLocked(listener: Listener): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

export async function call<R extends RouteName>(route: R, input: RouteInput<R>): Promise<RouteOutput<R>> {
  const result = await invoke(route, input);
  if (!result.ok) {
    if (result.error.code === 'LOCKED' || result.error.code === 'MUST_CHANGE_PASSWORD') {
      for (const listener of lockListeners) listener(result.error);
    }
    throw new ApiCallError(result.error);
  }
  return result.value as RouteOutput<R>;
}

export function useApiQuery<R extends RouteName>(
  route: R,
  input: RouteInput<R>,
  options: Omit<UseQueryOptions<RouteOutput<R>, ApiCallError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<RouteOutput<R>, ApiCallError>({
    queryKey: [route, input],
    queryFn: () => call(route, input),
    ...options,
  });
}

/** A write. On success it invalidates the queries of the routes named in `invalidates` (by prefix: 'staff.' clears every staff query). */
export function useApiMutation<R extends RouteName>(route: R, invalidates: string[] = []) {
  const client = useQueryClient();
  return useMutation<RouteOutput<R>, ApiCallError, RouteInput<R>>({
    mutationFn: (input) => call(route, input),
    onSuccess: async () => {
      await client.invalidateQueries({
        predicate: (query) => invalidates.some((prefix) => String(query.queryKey[0]).startsWith(prefix)),
      });
    },
  });
}
