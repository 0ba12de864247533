/**
 * Scoring: from one record's answers to the figures the outcomes page shows (an indicator's
 * value), and from a value to its band. Pure functions, so the page, the funders' figures and
 * the accreditation pack all count the same way.
 */
import { scales, type MeasureSet } from '../../../shared/features/outcomes';

export interface IndicatorDef {
  key: string;
  set: MeasureSet;
  label: string;
  range: string;
  higherIsBetter: boolean;
  /** null when the answers needed are missing (a blank optional item) */
  value: (a: Record<string, number | null>) => number | null;
  bands: Array<{ label: string; test: (v: number) => boolean }>;
}

const one = (key: string) => (a: Record<string, number | null>) => (typeof a[key] === 'number' ? a[key] : null);
const sumOf = (keys: string[]) => (a: Record<string, number | null>) => {
  let total = 0;
  for (const k of keys) {
    const v = a[k];
    if (typeof v !== 'number') return null;
    total += v;
  }
  return total;
};
const labelled = (scale: keyof typeof scales) => (scales[scale] as { labels: readonly string[] }).labels.map((label, i) => ({ label, test: (v: number) => v === i + scales[scale].min }));
const range = (lo: number, hi: number, label?: string) => ({ label: label ?? (lo === hi ? String(lo) : `${lo} to ${hi}`), test: (v: number) => v >= lo && v <= hi });

const ABUSE = ['physical', 'sexual', 'harassment', 'controlling'];
const SPACE = ['see_people', 'go_out', 'decide'];
const HIS = ['acknowledgement', 'responsibility', 'motivation', 'own_view'];

export const indicators: IndicatorDef[] = [
  { key: 'abuse', set: 'partner', label: 'Abuse she reported (four kinds together)', range: '0 (none) to 12', higherIsBetter: false, value: sumOf(ABUSE), bands: [range(0, 0, 'None'), range(1, 3), range(4, 7), range(8, 12)] },
  { key: 'physical', set: 'partner', label: 'Physical abuse', range: 'never to often', higherIsBetter: false, value: one('physical'), bands: labelled('frequency') },
  { key: 'sexual', set: 'partner', label: 'Sexual abuse', range: 'never to often', higherIsBetter: false, value: one('sexual'), bands: labelled('frequency') },
  { key: 'harassment', set: 'partner', label: 'Harassment or stalking', range: 'never to often', higherIsBetter: false, value: one('harassment'), bands: labelled('frequency') },
  { key: 'controlling', set: 'partner', label: 'Jealous or controlling behaviour', range: 'never to often', higherIsBetter: false, value: one('controlling'), bands: labelled('frequency') },
  { key: 'safety', set: 'partner', label: 'How safe she feels', range: '0 (not at all) to 10 (completely)', higherIsBetter: true, value: one('safety'), bands: [range(0, 3), range(4, 6), range(7, 10)] },
  { key: 'children', set: 'partner', label: 'Children saw or heard abuse', range: 'no or yes', higherIsBetter: false, value: one('children'), bands: labelled('yesNo') },
  { key: 'injuries', set: 'partner', label: 'She was injured', range: 'no or yes', higherIsBetter: false, value: one('injuries'), bands: labelled('yesNo') },
  { key: 'police', set: 'partner', label: 'Police call-outs', range: 'number in three months', higherIsBetter: false, value: one('police'), bands: [range(0, 0, 'None'), range(1, 1, 'One'), range(2, 50, 'Two or more')] },
  { key: 'space', set: 'partner', label: 'Her space for action (seeing people, going out, deciding)', range: '0 to 9 (more is freer)', higherIsBetter: true, value: sumOf(SPACE), bands: [range(0, 3), range(4, 6), range(7, 9)] },
  { key: 'parenting', set: 'partner', label: 'Safe, respectful shared parenting', range: 'never to always', higherIsBetter: true, value: one('parenting'), bands: labelled('freedom') },
  { key: 'his_total', set: 'participant', label: 'His own view (four questions together)', range: '4 to 20 (more is better)', higherIsBetter: true, value: sumOf(HIS), bands: [range(4, 9), range(10, 14), range(15, 20)] },
  { key: 'acknowledgement', set: 'participant', label: 'He acknowledges the abuse', range: 'not at all to completely', higherIsBetter: true, value: one('acknowledgement'), bands: labelled('agree') },
  { key: 'responsibility', set: 'participant', label: 'He takes responsibility', range: 'not at all to completely', higherIsBetter: true, value: one('responsibility'), bands: labelled('agree') },
  { key: 'motivation', set: 'participant', label: 'His motivation to change', range: 'not at all to completely', higherIsBetter: true, value: one('motivation'), bands: labelled('agree') },
  { key: 'own_view', set: 'participant', label: 'He sees the harm done', range: 'not at all to completely', higherIsBetter: true, value: one('own_view'), bands: labelled('agree') },
  {
    key: 'progress',
    set: 'rating',
    label: 'Facilitators’ rating of his progress (average over the objectives)',
    range: '1 (none) to 5 (strong)',
    higherIsBetter: true,
    value: (a) => {
      const rated = Object.values(a).filter((v): v is number => typeof v === 'number');
      return rated.length ? Math.round((rated.reduce((s, v) => s + v, 0) / rated.length) * 10) / 10 : null;
    },
    bands: [
      { label: 'Little (below 2.5)', test: (v) => v < 2.5 },
      { label: 'Some (2.5 to 3.5)', test: (v) => v >= 2.5 && v <= 3.5 },
      { label: 'Good (above 3.5)', test: (v) => v > 3.5 },
    ],
  },
];

/** Whether a change from the baseline is better, the same or worse for this indicator. */
export function direction(def: IndicatorDef, baseline: number, later: number): 'better' | 'same' | 'worse' {
  if (later === baseline) return 'same';
  return later > baseline === def.higherIsBetter ? 'better' : 'worse';
}
