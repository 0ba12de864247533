/**
 * Word reports, letters and printables. A report's content is structured data
 * (blocks): the window previews it and the back end turns the same blocks into
 * a DOCX, so the preview and the document cannot say different things.
 */
import { z } from 'zod';
import { boundedRecord } from '../limits';
import { isoDate } from '../dates';
import { consentRecipients, consentRecipientLabels, type ConsentRecipient } from './consents';
import type { Flag } from './participants';

export const PROTECTIVE_MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const;
export const DEFAULT_PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';
/** The largest logo an administrator may upload. */
export const LOGO_MAX_BYTES = 512 * 1024;

export interface FreeTextSection {
  key: string;
  label: string;
  help: string;
  /** numbered paragraphs in the document (a blank line starts a new paragraph) */
  rows: number;
}

const observations: FreeTextSection = {
  key: 'observations',
  label: 'Facilitators’ observations',
  help: 'What the facilitators saw of his participation and change. A blank line starts a new numbered paragraph.',
  rows: 6,
};
/** The parties to the family proceedings, as the court names them: typed by the author, never taken from the partner side. */
const parties: FreeTextSection = {
  key: 'parties',
  label: 'Parties to the proceedings (as named by the court)',
  help: 'Optional. For example: Applicant: …; Respondent: … Printed with the court’s details.',
  rows: 2,
};
/** What the court and Cafcass ask about (issue 15 item 6): each written by the facilitators, beside the facts held. */
const goals: FreeTextSection = {
  key: 'goals',
  label: 'His goals and achievements: the facilitators’ view',
  help: 'Printed beside the goals and achievements on his record. What he set out to change and what he has achieved.',
  rows: 3,
};
const acknowledgement: FreeTextSection = {
  key: 'acknowledgement',
  label: 'Acknowledgement of and responsibility for past abuse',
  help: 'Printed beside his assessment ratings. How far he acknowledges his past abuse and takes responsibility for it, without blaming others or minimising.',
  rows: 3,
};
const childrenContact: FreeTextSection = {
  key: 'children',
  label: 'The children and contact',
  help: 'Printed beside what his record holds about the children (numbers and ages, never names). What is known about contact with them and his understanding of its effect on them.',
  rows: 3,
};
/** Probation: the order or licence and the requirement the programme serves (his record has no fields for these). */
const order: FreeTextSection = {
  key: 'order',
  label: 'Order or licence, and the requirement',
  help: 'For example: Community order of 24 months made on 01/03/2026; accredited programme requirement (Building Better Relationships), 30 sessions. Or: licence with a requirement to attend.',
  rows: 2,
};
const recommendations: FreeTextSection = {
  key: 'recommendations',
  label: 'Recommendations',
  help: 'What the programme recommends. A blank line starts a new numbered paragraph.',
  rows: 4,
};

export type SubjectKind = 'participant' | 'session' | 'none';

export interface ReportTypeDef {
  label: string;
  /** who or what it is about */
  subject: SubjectKind;
  /** a manager signs it off before it leaves the organisation */
  needsSignOff: boolean;
  /** asks for a period (from and to) */
  period: boolean;
  /** the agency it usually goes to ('participant' for a letter to him, 'internal' for the organisation's own use) */
  defaultRecipient: Recipient;
  sections: FreeTextSection[];
  /** shown in the chooser */
  description: string;
}

export const recipients = [
  ...consentRecipients.filter((r) => r !== 'partner_service'),
  'participant',
  'internal',
  'funder',
] as const;
export type Recipient = (typeof recipients)[number];
export const recipientLabels: Record<Recipient, string> = {
  ...(Object.fromEntries(consentRecipients.map((r) => [r, consentRecipientLabels[r]])) as Record<
    Exclude<ConsentRecipient, 'partner_service'>,
    string
  >),
  participant: 'Him (a letter to the participant)',
  internal: 'Our own use (not sent out)',
  funder: 'Funders and commissioners',
};
/** Recipients outside the organisation that need his consent (or a manager's decision) before anything is shared. */
export const agencyRecipients: ReadonlyArray<Recipient> = [
  'police',
  'probation',
  'childrens_services',
  'cafcass_court',
  'gp',
  'other',
];
export const needsConsent = (r: Recipient) => agencyRecipients.includes(r);

export const reportTypes = {
  court_mid: {
    label: 'Court / Cafcass report: mid-programme',
    subject: 'participant',
    needsSignOff: true,
    period: true,
    defaultRecipient: 'cafcass_court',
    sections: [observations, goals, acknowledgement, childrenContact, recommendations, parties],
    description:
      'Attendance, participation, risk and the facilitators’ view at the mid-point, for the family court or Cafcass.',
  },
  court_end: {
    label: 'Court / Cafcass report: end of programme',
    subject: 'participant',
    needsSignOff: true,
    period: true,
    defaultRecipient: 'cafcass_court',
    sections: [observations, goals, acknowledgement, childrenContact, recommendations, parties],
    description: 'The same at the end: whether he completed, or why he left.',
  },
  probation_update: {
    label: 'Probation update',
    subject: 'participant',
    needsSignOff: true,
    period: true,
    defaultRecipient: 'probation',
    sections: [order, observations, goals, acknowledgement, childrenContact, recommendations],
    description: 'Attendance, participation and changes in risk for his probation officer.',
  },
  childrens_services_update: {
    label: "Children's services update",
    subject: 'participant',
    needsSignOff: true,
    period: true,
    defaultRecipient: 'childrens_services',
    sections: [observations, goals, acknowledgement, childrenContact, recommendations],
    description: 'Attendance, participation and changes in risk for the social worker.',
  },
  suitability: {
    label: 'Suitability assessment report',
    subject: 'participant',
    needsSignOff: true,
    period: false,
    defaultRecipient: 'cafcass_court',
    sections: [
      {
        key: 'comments',
        label: 'Further comments',
        help: 'Anything the assessor wants the referrer to know. Optional.',
        rows: 4,
      },
    ],
    description: 'The outcome of his suitability assessment and the reasons, for the referrer.',
  },
  participant_record: {
    label: 'Participant record: goals, achievements and participation',
    subject: 'participant',
    needsSignOff: false,
    period: true,
    defaultRecipient: 'internal',
    sections: [{ key: 'comments', label: 'Comments', help: 'Optional.', rows: 3 }],
    description: 'His goals and achievements and his attendance by theme.',
  },
  letter_appointment: {
    label: 'Letter: appointment',
    subject: 'participant',
    needsSignOff: false,
    period: false,
    defaultRecipient: 'participant',
    sections: [
      {
        key: 'appointment',
        label: 'The appointment',
        help: 'When, where and with whom, and anything to bring.',
        rows: 4,
      },
    ],
    description: 'Invites him to an appointment.',
  },
  letter_missed_session: {
    label: 'Letter: missed session',
    subject: 'participant',
    needsSignOff: false,
    period: true,
    defaultRecipient: 'participant',
    sections: [{ key: 'message', label: 'Anything to add', help: 'Optional: for example, when to call.', rows: 3 }],
    description: 'Tells him he missed a session (the latest one he missed in the period) and what happens next.',
  },
  letter_end: {
    label: 'Letter: end of programme',
    subject: 'participant',
    needsSignOff: false,
    period: false,
    defaultRecipient: 'participant',
    sections: [{ key: 'message', label: 'Anything to add', help: 'Optional.', rows: 3 }],
    description: 'Tells him he has completed the programme, or that his place has ended and why.',
  },
  register_blank: {
    label: 'Group register (blank, for printing)',
    subject: 'session',
    needsSignOff: false,
    period: false,
    defaultRecipient: 'internal',
    sections: [],
    description: 'The names expected at a session with empty columns to fill in by hand.',
  },
  register_filled: {
    label: 'Group register (filled in)',
    subject: 'session',
    needsSignOff: false,
    period: false,
    defaultRecipient: 'internal',
    sections: [],
    description: 'The register as it was taken.',
  },
  session_plan: {
    label: 'Session plan',
    subject: 'session',
    needsSignOff: false,
    period: false,
    defaultRecipient: 'internal',
    sections: [],
    description: 'The plan for the facilitators.',
  },
  funders_figures: {
    label: 'Figures for funders',
    subject: 'none',
    needsSignOff: false,
    period: true,
    defaultRecipient: 'funder',
    sections: [{ key: 'comments', label: 'Commentary', help: 'Optional notes for the funder.', rows: 4 }],
    description:
      'Referrals, assessments, starts, completions, exits, attendance, partner contact, risk and outcomes for a period. No names.',
  },
  accreditation_pack: {
    label: 'Accreditation monitoring pack',
    subject: 'none',
    needsSignOff: false,
    period: true,
    defaultRecipient: 'funder',
    sections: [{ key: 'comments', label: 'Commentary', help: 'Optional notes for the accreditation body or commissioner.', rows: 4 }],
    description: 'Activity, the partner service’s reach and the outcomes measured, for a period (Word, and CSV once saved). No names.',
  },
} as const satisfies Record<string, ReportTypeDef>;

export type ReportType = keyof typeof reportTypes;
/** Reports of counts for the whole organisation: managers only. */
export const figuresReportTypes: readonly ReportType[] = ['funders_figures', 'accreditation_pack'];
export const reportTypeNames = Object.keys(reportTypes) as ReportType[];
export const reportTypeDef = (t: ReportType): ReportTypeDef => reportTypes[t];

/**
 * Who a report may be for. A letter is addressed to him. Anything that goes to
 * an agency is signed off by a manager first, so a report without sign-off
 * (his record) is only for our own use or for him.
 */
export function allowedRecipients(type: ReportType): Recipient[] {
  const def: ReportTypeDef = reportTypes[type];
  if (def.subject === 'session') return ['internal'];
  if (def.subject === 'none') return ['funder', 'internal'];
  if (def.defaultRecipient === 'participant') return ['participant'];
  if (!def.needsSignOff) return ['internal', 'participant'];
  return recipients.filter((r) => r !== 'funder');
}

/** Why this recipient is not allowed for this kind of report, or null when it is. */
export function recipientProblem(type: ReportType, recipient: Recipient): string | null {
  if (allowedRecipients(type).includes(recipient)) return null;
  const def: ReportTypeDef = reportTypes[type];
  if (def.defaultRecipient === 'participant') return 'A letter is addressed to him, not to an agency';
  if (def.subject === 'participant' && !def.needsSignOff)
    return `${def.label.split(':')[0]} is not signed off by a manager, so it is only for our own use or for him. To send information to an agency, use a report that a manager signs off, such as a probation update`;
  return `${def.label} cannot be for ${recipientLabels[recipient]}`;
}

/**
 * Saved: the Word file has been produced (downloaded or saved). Sent: someone
 * recorded that it went out, when and how. Producing the file is not sending it.
 */
export const reportStatuses = ['draft', 'signed', 'saved', 'sent'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const reportStatusLabels: Record<ReportStatus, string> = {
  draft: 'Draft',
  signed: 'Signed off',
  saved: 'Saved',
  sent: 'Sent',
};

/** How a report went out, recorded when it is marked as sent. */
export const sendMethods = ['secure_email', 'post', 'by_hand', 'portal'] as const;
export type SendMethod = (typeof sendMethods)[number];
export const sendMethodLabels: Record<SendMethod, string> = {
  secure_email: 'By secure email',
  post: 'By post',
  by_hand: 'By hand',
  portal: 'Through the agency’s secure portal',
};
/** A report for our own use is never sent anywhere. */
export const canBeSent = (recipient: Recipient | null) => recipient !== null && recipient !== 'internal';

/** One block of a report, the same for the preview and the document. */
export type ReportBlock =
  | {
      kind: 'heading';
      text: string;
      level: 1 | 2;
      /** the paragraph before stays on the same page (the sign-off is never alone on a page) */
      keepPrevious?: boolean;
    }
  | {
      kind: 'paragraph';
      text: string;
      numbered?: boolean;
      bold?: boolean;
      small?: boolean;
      /** keep on the same page as what follows (a lead-in and its details) */
      keepWithNext?: boolean;
    }
  | { kind: 'facts'; rows: Array<[label: string, value: string]> }
  | {
      kind: 'table';
      columns: Array<{ label: string; width: number }>;
      rows: string[][];
      emptyText: string;
      /** rows tall enough to write in by hand */ tall?: boolean;
    }
  | {
      kind: 'chart';
      title: string;
      /** the caption under the axis: what the numbers count */
      legend: string;
      /** `shown` replaces the number in the legend (a suppressed small count: its bar is drawn at 0) */
      bars: Array<{ label: string; value: number; colour?: string; shown?: string }>;
    }
  | { kind: 'signature'; rows: Array<{ role: string; name: string; date: string }> }
  | { kind: 'address'; lines: string[] }
  | { kind: 'pageBreak' };

export interface ReportContent {
  title: string;
  /** a line under the title (his reference, the period) */
  subtitle: string;
  blocks: ReportBlock[];
  landscape: boolean;
  /** things to check before sending; shown in the window, never in the document */
  warnings: string[];
  /**
   * Who the report is about, printed in the header of every page (name,
   * reference, date of birth, order number) so a loose page is never
   * mistaken for another man's. Absent on letters and session printables.
   */
  runningHeader?: string;
  /**
   * Where the protective marking is printed (letters to his home: a setting
   * per letter type). Absent: in the header and footer of every page.
   */
  markingPlacement?: LetterMarking;
  /** a letter: the title is printed under the address block, not above it */
  titleInBody?: boolean;
  /**
   * The number of pages, laid out when the report was frozen (signed off, or produced when it needs no
   * sign-off): the cached value of "Page X of N", for readers that do not work fields out themselves.
   */
  pageCount?: number;
  /**
   * Frozen since Word's read-only protection came in: the file opens read-only in Word. Reports frozen
   * before it have no such mark and are produced again exactly as they were.
   */
  readOnly?: boolean;
}

/** Letters to his home: the marking on no page, on every page but the one that faces the envelope window, or on every page. */
export const letterMarkings = ['none', 'not_first_page', 'every_page'] as const;
export type LetterMarking = (typeof letterMarkings)[number];
export const letterMarkingLabels: Record<LetterMarking, string> = {
  none: 'No marking on any page',
  not_first_page: 'No marking on the first page (the one seen through the envelope); marked after it',
  every_page: 'Marked on every page',
};
export const letterTypes = ['letter_appointment', 'letter_missed_session', 'letter_end'] as const;
export type LetterType = (typeof letterTypes)[number];
/** The default: nothing on the page that faces the envelope window. */
export const DEFAULT_LETTER_MARKINGS: Record<LetterType, LetterMarking> = {
  letter_appointment: 'not_first_page',
  letter_missed_session: 'not_first_page',
  letter_end: 'not_first_page',
};

const section = z.string().trim().max(20_000, 'This section is too long (at most 20,000 characters)');

/** The period a report covers: empty for a kind without one. */
const periodFields = {
  periodFrom: isoDate('Period from').or(z.literal('')).default(''),
  periodTo: isoDate('Period to').or(z.literal('')).default(''),
};
const recipientName = z.string().trim().max(200, 'Name is too long').default('');
/** A report as the window last saw it: a change on top of someone else's newer one is refused. */
const reportAtVersion = { id: z.uuid(), version: z.number().int().min(1) };

export const reportCreateInput = z
  .object({
    type: z.enum(reportTypeNames as [ReportType, ...ReportType[]], 'Choose the kind of report'),
    participantId: z.uuid('Choose the participant').nullable().default(null),
    sessionId: z.uuid('Choose the session').nullable().default(null),
    ...periodFields,
    recipient: z.enum(recipients, 'Choose who it is for').nullable().default(null),
    recipientName,
  })
  .superRefine((v, ctx) => {
    const def = reportTypes[v.type];
    if (def.subject === 'participant' && !v.participantId)
      ctx.addIssue({ code: 'custom', path: ['participantId'], message: 'Choose the participant' });
    if (def.subject === 'session' && !v.sessionId)
      ctx.addIssue({ code: 'custom', path: ['sessionId'], message: 'Choose the session' });
    if (def.period) {
      if (!v.periodFrom)
        ctx.addIssue({ code: 'custom', path: ['periodFrom'], message: 'Enter the start of the period' });
      if (!v.periodTo) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'Enter the end of the period' });
      if (v.periodFrom && v.periodTo && v.periodTo < v.periodFrom)
        ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'The period must end after it starts' });
    }
    if (v.recipient === 'other' && !v.recipientName)
      ctx.addIssue({ code: 'custom', path: ['recipientName'], message: 'Name the agency' });
    const wrong = v.recipient ? recipientProblem(v.type, v.recipient) : null;
    if (wrong) ctx.addIssue({ code: 'custom', path: ['recipient'], message: wrong });
  });
export type ReportCreateInput = z.input<typeof reportCreateInput>;

export const reportUpdateInput = z.object({
  ...reportAtVersion,
  ...periodFields,
  recipient: z.enum(recipients).nullable().default(null),
  recipientName,
  sections: boundedRecord(z.string().max(40), section, 100, 'sections').default({}),
});

export const reportIdInput = z.object({ id: z.uuid() });
export const reportSignInput = z.object({
  ...reportAtVersion,
  /** a manager's decision to share with the agency without his consent, made at sign-off */
  withoutConsentReason: z.string().trim().max(5000, 'The reason is too long').default(''),
});
export const reportMarkSentInput = z.object({
  ...reportAtVersion,
  sentOn: isoDate('Date sent'),
  how: z.enum(sendMethods, 'Choose how it was sent'),
});
/** the place chosen in the desktop program's save dialog (reports.choosePlace); empty in the browser */
const saveToken = z.string().max(100).default('');
export const reportGenerateInput = z.object({ ...reportAtVersion, saveToken });
export const reportRegenerateInput = z.object({ id: z.uuid(), saveToken });

/**
 * The desktop program asks where to save before the report is produced, so
 * that no database transaction waits on the person at a dialog. The token
 * stands for the place; the window never names a path itself.
 */
export interface SavePlace {
  /** null in the browser (the file is downloaded) or when the dialog was cancelled */
  token: string | null;
  cancelled: boolean;
}
export const reportListInput = z.object({
  participantId: z.uuid().optional(),
  sessionId: z.uuid().optional(),
  status: z.enum(reportStatuses).optional(),
  type: z.enum(reportTypeNames as [ReportType, ...ReportType[]]).optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

export interface ReportSummary {
  id: string;
  type: ReportType;
  status: ReportStatus;
  participantId: string | null;
  participantReference: string | null;
  sessionId: string | null;
  periodFrom: string;
  periodTo: string;
  recipient: Recipient | null;
  recipientName: string;
  authorName: string | null;
  approverName: string | null;
  createdAt: string;
  signedAt: string | null;
  /** when the file was produced */
  savedAt: string | null;
  /** when someone recorded that it was sent */
  sentAt: string | null;
  /** the day it was sent, and how */
  sentOn: string | null;
  sentHow: SendMethod | null;
  sha256: string | null;
}

/** Wording the facilitators may change before sign-off that starts from the record (a safeguarding concern's text). */
export interface EditableWording {
  /** the key under sections where their version is kept */
  key: string;
  label: string;
  /** the record's own wording, used when they have not changed it */
  original: string;
}

export interface ReportDetail extends ReportSummary {
  version: number;
  sections: Record<string, string>;
  /** per-report wording boxes beside the type's own sections (empty once signed off) */
  editable: EditableWording[];
  content: ReportContent;
  /** what still stops it being produced (for example organisation details missing) */
  blockers: string[];
  /**
   * A recipient agency needs his current consent or a manager's decision to share without it, made
   * at sign-off. `decided` is what was decided then (null for a draft or when no consent is needed).
   */
  consent: {
    needed: boolean;
    current: boolean;
    label: string;
    decided: { basis: 'consent' | 'without_consent'; reason: string; decidedByName: string | null } | null;
  };
  /** for a sent report: the records it was built from have changed since */
  dataChanged: boolean;
  /**
   * The version of the organisation's standard wording it uses (Reports › Standard wording): the one
   * recorded at sign-off or when produced, or the newest for a draft; null for a kind with no standard
   * paragraphs, or a report made before wording had versions.
   */
  wordingVersion: number | null;
  fileName: string | null;
  /** the protective marking the document carries: the one frozen at sign-off, or today's setting for a draft */
  marking: string;
  /** his safety flags, shown on the report page as on every screen about him */
  participantFlags: Flag[];
}

export interface GeneratedReport {
  /** null when the file was saved by the desktop program itself (a save dialog) */
  base64: string | null;
  fileName: string;
  sha256: string;
  /** kept for the window's sake; always false now that the dialog is opened first (reports.choosePlace) */
  cancelled: boolean;
  savedTo: string | null;
}

export interface RegeneratedReport extends GeneratedReport {
  /** the file is byte-for-byte the one that was sent */
  identical: boolean;
  dataChanged: boolean;
}

/** The organisation's logo for reports (PNG or JPEG), uploaded by an administrator. */
export const logoUploadInput = z.object({
  /** base64 of the file; null removes the logo */
  base64: z
    .string()
    .max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 8, `The logo is too large: the limit is ${LOGO_MAX_BYTES / 1024} KB`)
    .nullable(),
});

export interface LogoInfo {
  type: 'png' | 'jpg';
  width: number;
  height: number;
  bytes: number;
}
