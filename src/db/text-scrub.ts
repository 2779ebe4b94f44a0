import { type RawBuilder, sql } from 'kysely';

/**
 * What erasing a person replaces wherever it is written in text or JSON: their user id by their
 * pseudonym, their name, email address and phone number by "[erased]". Built by the erasure
 * (src/privacy) and handed to each table's owner, whose `sql/` function applies it to its columns.
 */
export interface Scrub {
  /** [found, replacement] pairs, longest found first. */
  pairs: [string, string][];
}

export const ERASED = '[erased]';

/** The scrub for a person: values shorter than three characters are left alone (they would match too much). */
export function scrubFor(userId: string, pseudonym: string, personal: (string | null | undefined)[]): Scrub {
  const pairs: [string, string][] = [[userId, pseudonym]];
  for (const value of personal) if (value && value.length >= 3 && !pairs.some(([f]) => f === value)) pairs.push([value, ERASED]);
  pairs.sort((a, b) => b[0].length - a[0].length);
  return { pairs };
}

/** A text column with every found value replaced. */
export function scrubbedText(column: RawBuilder<unknown>, scrub: Scrub): RawBuilder<string> {
  return scrub.pairs.reduce<RawBuilder<string>>((expr, [found, to]) => sql<string>`replace(${expr}, ${found}::text, ${to}::text)`, sql<string>`${column}::text`);
}

/**
 * A jsonb column with every found value replaced inside its strings (and keys): the replacement
 * works on the JSON text with the values escaped as JSON writes them, so the result stays valid.
 */
export function scrubbedJson(column: RawBuilder<unknown>, scrub: Scrub): RawBuilder<unknown> {
  const inJson: Scrub = { pairs: scrub.pairs.map(([found, to]) => [JSON.stringify(found).slice(1, -1), JSON.stringify(to).slice(1, -1)]) };
  return sql`(${scrubbedText(sql`${column}::text`, inJson)})::jsonb`;
}

/** Whether a text (or the text of a jsonb) column holds any found value. */
export function mentions(column: RawBuilder<unknown>, scrub: Scrub, json = false): RawBuilder<boolean> {
  const values = scrub.pairs.map(([found]) => (json ? JSON.stringify(found).slice(1, -1) : found));
  return sql<boolean>`(${sql.join(values.map((v) => sql`strpos(${column}::text, ${v}::text) > 0`), sql` OR `)})`;
}
