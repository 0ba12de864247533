/** The partner list's search, filters and page, kept in the address so Back returns to the same view. */
import type { RouteInput } from '../../../shared/api';
import { contactStatuses, riskFilters } from '../../../shared/features/partners';

export type PartnerListInput = RouteInput<'partners.list'>;
export interface PartnerListView {
  q: string;
  input: PartnerListInput;
}

export const PARTNER_PAGE_SIZE = 25;

const pick = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  value != null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** Reads the address's query; anything unknown is ignored rather than refused. */
export function partnerViewFrom(params: URLSearchParams): PartnerListView {
  const page = Number(params.get('page'));
  const input: PartnerListInput = {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PARTNER_PAGE_SIZE,
    mine: params.get('mine') === '1',
    openSafeguarding: params.get('safeguarding') === '1',
  };
  const contactStatus = pick(contactStatuses, params.get('contact'));
  const risk = pick(riskFilters, params.get('risk'));
  if (contactStatus) input.contactStatus = contactStatus;
  if (risk) input.risk = risk;
  return { q: params.get('q') ?? '', input };
}

/** The query for a view: defaults left out, so the plain list has a plain address. */
export function paramsFromView({ q, input }: PartnerListView): URLSearchParams {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (input.contactStatus) params.set('contact', input.contactStatus);
  if (input.risk) params.set('risk', input.risk);
  if (input.mine) params.set('mine', '1');
  if (input.openSafeguarding) params.set('safeguarding', '1');
  if (input.page && input.page > 1) params.set('page', String(input.page));
  return params;
}

export function hasPartnerFilters(input: PartnerListInput): boolean {
  return Boolean(input.contactStatus || input.risk || input.mine || input.openSafeguarding);
}

export const noPartnerFilters: Partial<PartnerListInput> = {
  contactStatus: undefined,
  risk: undefined,
  mine: false,
  openSafeguarding: false,
};
