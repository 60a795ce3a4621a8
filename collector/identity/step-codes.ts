import { inArray } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { stepLabels } from '../db/schema';
import { chunks } from './values-list';

/** The fields of an event that make its path step. */
export interface StepSource {
  type: string;
  event?: string | null | undefined;
  pagePath?: string | null | undefined;
  name?: string | null | undefined;
}

/**
 * An event's step in paths: a track event's name, `page <path>` for page and screen
 * views (the path, else the name); identify, alias and group are not steps.
 *
 * @example
 * stepLabel({ type: 'page', pagePath: '/cart' }) // → 'page /cart'
 */
export function stepLabel(row: StepSource): string | null {
  if (row.type === 'track') return row.event ?? '';
  if (row.type === 'page' || row.type === 'screen') return `page ${row.pagePath ?? row.name ?? ''}`;
  return null;
}

// Ids become Unicode code points from U+0020 on, stepping over the surrogates
// (U+D800–U+DFFF), which are not characters: SQLite's instr() and substr() then count
// one step per character, so a path is a substring of `sessions.steps`. Migration
// 0004 repeats this mapping in SQL to fill the column for sessions stored before it.
const FIRST = 0x20;
const SURROGATES = 0xd800;
const SURROGATE_COUNT = 0x800;
/** Label ids that have a character of their own; U+10FFFF is the last code point. */
export const MAX_STEP_ID = 0x10ffff - FIRST - SURROGATE_COUNT;
/** Id 0 (autoincrement never gives it) stands for every label past MAX_STEP_ID. */
export const OVERFLOW_LABEL = '(other step)';

/**
 * The character that stands for step label `id` (1 … MAX_STEP_ID). A shop with more
 * distinct steps than that shares one overflow character for the rest, so paths
 * lose detail instead of ingestion failing.
 */
export function stepChar(id: number): string {
  const point = (id > MAX_STEP_ID ? 0 : id) + FIRST;
  return String.fromCodePoint(point >= SURROGATES ? point + SURROGATE_COUNT : point);
}

/** The step label id a character of `sessions.steps` stands for. */
export function stepId(char: string): number {
  const point = char.codePointAt(0) as number;
  return (point >= SURROGATES + SURROGATE_COUNT ? point - SURROGATE_COUNT : point) - FIRST;
}

const LABELS_PER_QUERY = 500;

/**
 * The character of each label, numbering the labels not seen before. New labels are
 * committed at once, outside the caller's transaction: the table only grows and a
 * label keeps its id, so a batch that later fails leaves nothing wrong behind.
 *
 * @example
 * const chars = await stepChars(db, ['Product Viewed', 'page /cart']);
 */
export async function stepChars(db: Database, labels: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(labels)];
  const found = new Map<string, string>();
  const lookUp = async (list: string[]): Promise<void> => {
    for (const chunk of chunks(list, LABELS_PER_QUERY)) {
      const rows = await db.select().from(stepLabels).where(inArray(stepLabels.label, chunk));
      for (const row of rows) found.set(row.label, stepChar(row.id));
    }
  };
  await lookUp(wanted);
  const missing = wanted.filter((label) => !found.has(label));
  if (missing.length === 0) return found;
  for (const chunk of chunks(missing, LABELS_PER_QUERY)) {
    await db.insert(stepLabels).values(chunk.map((label) => ({ label }))).onConflictDoNothing();
  }
  await lookUp(missing);
  return found;
}

/**
 * The labels of the step characters in `steps`, by character; a label erased since
 * (see `erasePerson`) reads `(erased)`.
 *
 * @example
 * const labels = await stepLabelsOf(db, ['!"#']);
 */
export async function stepLabelsOf(db: Database, steps: Iterable<string>): Promise<Map<string, string>> {
  const chars = new Set<string>();
  for (const path of steps) for (const char of path) chars.add(char);
  const labels = new Map<string, string>();
  for (const chunk of chunks([...chars].map(stepId), LABELS_PER_QUERY)) {
    const rows = await db.select().from(stepLabels).where(inArray(stepLabels.id, chunk));
    for (const row of rows) labels.set(stepChar(row.id), row.label);
  }
  labels.set(stepChar(0), OVERFLOW_LABEL);
  for (const char of chars) if (!labels.has(char)) labels.set(char, '(erased)');
  return labels;
}
