/**
 * The organisation's own wording of each report type's standard paragraphs
 * (issue 15, item 12): the introduction, the declaration, the confidentiality
 * statement, and the closing of each letter. Versioned like the risk
 * checklist's wording: version 1 is the program's own and ships here; a
 * manager's wording is saved as version 2 onwards, and a report records the
 * version it was signed off (or produced) with.
 *
 * Paragraphs that state facts from his record (attendance, risk, whether the
 * partner support service is in contact) are not here: changing their words
 * could make them untrue.
 */
import { z } from 'zod';
import { boundedRecord } from '../limits';
import { reportTypes, type ReportType } from './reports';

export interface WordingParagraph {
  key: string;
  label: string;
  /** where it is printed, for the manager editing it */
  help: string;
  /** an empty required paragraph is refused; an empty optional one is left out of the document */
  required: boolean;
  max: number;
}

/** The one placeholder: replaced by the organisation's name (from Settings) when the report is built. */
export const WORDING_PLACEHOLDERS = ['{organisation}'] as const;

const introduction: WordingParagraph = {
  key: 'introduction',
  label: 'Introduction',
  help: 'Printed under his details at the start of the report: who the report is for and what it covers. Leave it empty to print none.',
  required: false,
  max: 2000,
};
const declaration: WordingParagraph = {
  key: 'declaration',
  label: 'Declaration',
  help: 'Printed above the signatures: the author’s statement that the report is true.',
  required: true,
  max: 2000,
};
const confidentiality: WordingParagraph = {
  key: 'confidentiality',
  label: 'Confidentiality statement',
  help: 'Printed in small type at the very end of the report.',
  required: true,
  max: 2000,
};
const letterSignOff: WordingParagraph = {
  key: 'signOff',
  label: 'Sign-off',
  help: 'Printed above the author’s name at the end of the letter, for example “Yours sincerely,”.',
  required: true,
  max: 100,
};
const letterClosing = (help: string): WordingParagraph => ({
  key: 'closing',
  label: 'Closing paragraph',
  help,
  required: true,
  max: 2000,
});

const agencyParagraphs = [introduction, declaration, confidentiality];

/** The paragraphs each report type lets the organisation word; types not listed have none. */
export const wordingParagraphs = {
  court_mid: agencyParagraphs,
  court_end: agencyParagraphs,
  probation_update: agencyParagraphs,
  childrens_services_update: agencyParagraphs,
  suitability: agencyParagraphs,
  letter_appointment: [
    {
      key: 'opening',
      label: 'Opening paragraph',
      help: 'Printed after “Dear …,”, before the details of the appointment.',
      required: true,
      max: 2000,
    },
    letterClosing('Printed after the details of the appointment.'),
    letterSignOff,
  ],
  letter_missed_session: [
    letterClosing('Printed after the date of the session he missed and the date of his next session.'),
    letterSignOff,
  ],
  letter_end: [
    {
      key: 'completed',
      label: 'Closing paragraph when he completed the programme',
      help: 'Printed after the date he completed and his attendance.',
      required: true,
      max: 2000,
    },
    {
      key: 'exited',
      label: 'Closing paragraph when his place ended',
      help: 'Printed after the date his place ended and the reason.',
      required: true,
      max: 2000,
    },
    letterSignOff,
  ],
} as const satisfies Partial<Record<ReportType, readonly WordingParagraph[]>>;

export type WordedType = keyof typeof wordingParagraphs;
export const wordedTypes = Object.keys(wordingParagraphs) as WordedType[];
export const isWorded = (t: ReportType): t is WordedType => t in wordingParagraphs;

const COURT_DECLARATION =
  'I confirm that the contents of this report are true to the best of my knowledge and belief, that it was prepared from the records {organisation} holds about him at the date of the report, and that I understand it is for the court.';
const PLAIN_DECLARATION =
  'The contents of this report are true to the best of the author’s knowledge and belief, and were prepared from the records {organisation} holds about him at the date of the report.';
const CONFIDENTIALITY =
  'This report is confidential. It was prepared from the programme’s own records and may be shared only with the recipient named above, for the purpose it was requested for.';
const intro = (forWhom: string, covers: string) =>
  `This report is written by {organisation} for ${forWhom}. It sets out what the programme’s records show about ${covers}, and the facilitators’ view.`;

/** Version 1 of every type: the program's own wording. */
export const shippedWording: Record<WordedType, Record<string, string>> = {
  court_mid: {
    introduction: intro(
      'the family court and Cafcass, at the mid-point of his domestic abuse perpetrator programme',
      'his attendance, participation, risk and safeguarding in the period above',
    ),
    declaration: COURT_DECLARATION,
    confidentiality: CONFIDENTIALITY,
  },
  court_end: {
    introduction: intro(
      'the family court and Cafcass, at the end of his domestic abuse perpetrator programme',
      'his attendance, participation, risk and safeguarding in the period above',
    ),
    declaration: COURT_DECLARATION,
    confidentiality: CONFIDENTIALITY,
  },
  probation_update: {
    introduction: intro('his probation officer', 'his attendance, participation and risk in the period above'),
    declaration: PLAIN_DECLARATION,
    confidentiality: CONFIDENTIALITY,
  },
  childrens_services_update: {
    introduction: intro(
      'children’s services',
      'his attendance, participation, risk and safeguarding in the period above',
    ),
    declaration: PLAIN_DECLARATION,
    confidentiality: CONFIDENTIALITY,
  },
  suitability: {
    introduction: intro('the person who referred him', 'his suitability assessment: what was found and what was decided'),
    declaration: PLAIN_DECLARATION,
    confidentiality: CONFIDENTIALITY,
  },
  letter_appointment: {
    opening: 'We would like to see you for an appointment.',
    closing: 'If you cannot come, please telephone us as soon as you can so that we can arrange another time.',
    signOff: 'Yours sincerely,',
  },
  letter_missed_session: {
    closing:
      'Regular attendance is part of the programme, and missed sessions can lead to a review of your place. Please contact us to talk about what happened.',
    signOff: 'Yours sincerely,',
  },
  letter_end: {
    completed: 'Thank you for the work you have put in.',
    exited: 'If you would like to talk about this, please contact us.',
    signOff: 'Yours sincerely,',
  },
};

/** One version of one type's wording. */
export interface ReportWording {
  version: number;
  paragraphs: Record<string, string>;
  /** null for version 1 (the program's own) */
  createdAt: string | null;
  byName: string | null;
}

export interface ReportWordings {
  type: WordedType;
  /** the newest version: drafts use it, and reports signed off from now on record it */
  current: number;
  versions: ReportWording[];
}

const wordedTypeEnum = z.enum(wordedTypes as [WordedType, ...WordedType[]], 'Choose a kind of report that has standard wording');

export const reportWordingsInput = z.object({ type: wordedTypeEnum });

/** Placeholders written in braces that the program does not know, such as {name}. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{[^{}]*\}/g)].map((m) => m[0]).filter((p) => !(WORDING_PLACEHOLDERS as readonly string[]).includes(p));
}

export const reportWordingInput = z
  .object({
    type: wordedTypeEnum,
    /** the version the manager started from: saving over someone else's newer wording is refused */
    basedOn: z.number().int().min(1),
    paragraphs: boundedRecord(z.string().max(40), z.string().trim().max(5000, 'This paragraph is too long'), 20, 'paragraphs'),
  })
  .superRefine((v, ctx) => {
    const defs: readonly WordingParagraph[] = wordingParagraphs[v.type];
    const label = reportTypes[v.type].label;
    for (const key of Object.keys(v.paragraphs))
      if (!defs.some((d) => d.key === key))
        ctx.addIssue({ code: 'custom', path: ['paragraphs', key], message: `${label} has no paragraph called “${key}”` });
    for (const d of defs) {
      const text = v.paragraphs[d.key] ?? '';
      const path = ['paragraphs', d.key];
      if (d.required && !text) ctx.addIssue({ code: 'custom', path, message: `Enter the ${d.label.toLowerCase()}: a report of this kind cannot go without it` });
      if (text.length > d.max)
        ctx.addIssue({ code: 'custom', path, message: `The ${d.label.toLowerCase()} is too long (at most ${d.max.toLocaleString('en-GB')} characters; it has ${text.length.toLocaleString('en-GB')})` });
      const unknown = unknownPlaceholders(text);
      if (unknown.length)
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${unknown.join(', ')} is not something the program can fill in: the only one is ${WORDING_PLACEHOLDERS.join(', ')} (your organisation’s name)`,
        });
    }
  });
export type ReportWordingInput = z.input<typeof reportWordingInput>;

/** A paragraph with its placeholder filled in. */
export const fillWording = (text: string, organisation: string) =>
  text.split('{organisation}').join(organisation || 'the organisation');
