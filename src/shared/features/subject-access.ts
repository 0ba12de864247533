/**
 * Subject access: a man asks for everything the program holds about him. The
 * request is logged with its one-month deadline (a task), the pack is a Word
 * document and a JSON file in one zip, and anything that would tell him about
 * someone else (his partner, other people named in notes, children's details)
 * is left out unless a manager decides, item by item, to release it.
 */
import { z } from 'zod';
import { isoDate, todayInLondon } from '../dates';

export const sarChannels = ['letter', 'email', 'in_person', 'phone', 'solicitor', 'other'] as const;
export const sarChannelLabels: Record<(typeof sarChannels)[number], string> = {
  letter: 'Letter',
  email: 'Email',
  in_person: 'In person',
  phone: 'Phone',
  solicitor: 'Through a solicitor',
  other: 'Other',
};

export const sarLogInput = z
  .object({
    participantId: z.uuid('Choose the participant'),
    receivedOn: isoDate('Date received'),
    channel: z.enum(sarChannels, 'Choose how the request came'),
    note: z.string().trim().max(2000, 'The note is too long').default(''),
  })
  .refine((v) => v.receivedOn <= todayInLondon(), {
    message: 'The date received cannot be in the future',
    path: ['receivedOn'],
  });

export const sarIdInput = z.object({ requestId: z.uuid() });
export const sarListInput = z.object({ status: z.enum(['open', 'all']).default('open') });

/** One calendar month after the day received (the last day of the month when there is no such day), as the ICO counts it. */
export function oneMonthAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface SubjectAccessRequest {
  id: string;
  participantId: string | null;
  participantReference: string;
  participantName: string | null;
  receivedOn: string;
  dueOn: string;
  channel: (typeof sarChannels)[number];
  note: string;
  status: 'open' | 'sent';
  loggedByName: string | null;
  producedAt: string | null;
  producedByName: string | null;
  released: number;
  withheld: number;
  overdue: boolean;
}

export const sarItemKinds = [
  'partner',
  'partner_concern',
  'children',
  'referrer',
  'concern',
  'risk',
  'mentions_someone',
] as const;
export type SarItemKind = (typeof sarItemKinds)[number];
export const sarItemKindLabels: Record<SarItemKind, string> = {
  partner: 'Partner service record',
  partner_concern: 'Partner-side safeguarding',
  children: "Children's details",
  referrer: 'Who referred him',
  concern: 'Safeguarding concern',
  risk: 'Risk assessment reasons',
  mentions_someone: 'Names someone else',
};

/** Something left out of the pack unless the manager releases it. */
export interface SarItem {
  id: string;
  kind: SarItemKind;
  /** what it is, for the manager (may name the other person: the manager may see it) */
  label: string;
  /** why it is left out by default */
  why: string;
}

export interface SarReview {
  request: SubjectAccessRequest;
  /** what goes in regardless: section name and how many entries (and how many of its entries are items below) */
  included: Array<{ section: string; count: number; withheld: number }>;
  /** left out unless released */
  items: SarItem[];
}

export const sarProduceInput = z.object({
  requestId: z.uuid(),
  /** ids of items the manager has decided to release */
  release: z.array(z.string().max(80)).max(2000).default([]),
});

export interface SarPack {
  fileName: string;
  /** the zip, base64 */
  base64: string;
  sha256: string;
  released: number;
  withheld: number;
}
