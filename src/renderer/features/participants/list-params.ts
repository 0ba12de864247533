/** The participants list's filters, sorting and page, kept in the address so Back returns to the same view. */
import type { RouteInput } from '../../../shared/api';
import { flagNames, listSorts, referralRoutes, referralSources, statuses } from '../../../shared/features/participants';

export type ListInput = RouteInput<'participants.list'>;
export type FilterKey = 'status' | 'route' | 'source' | 'keyWorkerId' | 'flag';

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  value != null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const LIST_PAGE_SIZE = 25;

/** Reads the address's query; anything unknown is ignored rather than refused. */
export function listInputFrom(params: URLSearchParams): ListInput {
  const page = Number(params.get('page'));
  const keyWorkerId = params.get('keyWorkerId');
  const input: ListInput = {
    sort: pick(listSorts, params.get('sort')) ?? 'name',
    direction: params.get('direction') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: LIST_PAGE_SIZE,
  };
  const status = pick(statuses, params.get('status'));
  const route = pick(referralRoutes, params.get('route'));
  const source = pick(referralSources, params.get('source'));
  const flag = pick(flagNames, params.get('flag'));
  if (status) input.status = status;
  if (route) input.route = route;
  if (source) input.source = source;
  if (flag) input.flag = flag;
  if (keyWorkerId && UUID.test(keyWorkerId)) input.keyWorkerId = keyWorkerId;
  return input;
}

/** The query for an input: defaults left out, so a plain list has a plain address. */
export function paramsFrom(input: ListInput): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['status', 'route', 'source', 'keyWorkerId', 'flag'] as const) {
    const v = input[key];
    if (v) params.set(key, v);
  }
  if (input.sort && input.sort !== 'name') params.set('sort', input.sort);
  if (input.direction === 'desc') params.set('direction', 'desc');
  if (input.page && input.page > 1) params.set('page', String(input.page));
  return params;
}

export function hasFilters(input: ListInput): boolean {
  return Boolean(input.status || input.route || input.source || input.keyWorkerId || input.flag);
}

/** Clicking a column heading: the same column flips the direction; another column starts ascending (dates newest first). */
export function nextSort(
  input: ListInput,
  sort: NonNullable<ListInput['sort']>,
): Pick<ListInput, 'sort' | 'direction'> {
  if (input.sort === sort) return { sort, direction: input.direction === 'desc' ? 'asc' : 'desc' };
  return { sort, direction: sort === 'referred' || sort === 'updated' ? 'desc' : 'asc' };
}
