import { type RawBuilder, sql } from 'kysely';

/** One value to replace, and where it may be matched as part of a longer text. */
export interface ScrubPair {
  found: string;
  to: string;
  /** Replaced inside longer texts (else only where it is the whole text). */
  inText: boolean;
  /** Replaced inside JSON strings (else only where it is a whole JSON string). */
  inJson: boolean;
}

/**
 * What erasing a person replaces wherever it is written in text or JSON: their user id by their
 * pseudonym, their name, email address and phone number (and texts of theirs others quote) by
 * "[erased]". Built by the erasure (src/privacy) and handed to each table's owner, whose `sql/`
 * function applies it to its columns.
 */
export interface Scrub {
  /** Longest first, so a value inside another is replaced after it. */
  pairs: ScrubPair[];
}

export const ERASED = '[erased]';

/** JSON text outside strings holds only these characters (numbers, true, false, null, structure, space). */
const outsideStrings = /^[0-9eE+\-.truefalsn{}[\]:,\s]*$/;

const escaped = (value: string) => JSON.stringify(value).slice(1, -1);

/**
 * The scrub for a person. A value is replaced inside longer texts when it has three characters
 * or more, and inside JSON strings when, besides, it holds a character JSON cannot have outside
 * a string (so a replacement never lands in a number or a keyword and the JSON stays valid);
 * otherwise only where it is the whole text or a whole JSON string. Personal values under three
 * characters are left alone (they would match too much).
 */
export function scrubFor(userId: string, pseudonym: string, personal: (string | null | undefined)[]): Scrub {
  const pair = (found: string, to: string): ScrubPair => {
    const long = found.length >= 3;
    return { found, to, inText: long, inJson: long && !outsideStrings.test(escaped(found)) };
  };
  const pairs: ScrubPair[] = [pair(userId, pseudonym)];
  for (const value of personal) if (value && value.length >= 3 && !pairs.some((p) => p.found === value)) pairs.push(pair(value, ERASED));
  pairs.sort((a, b) => b.found.length - a.found.length);
  return { pairs };
}

/** A text column with every found value replaced. */
export function scrubbedText(column: RawBuilder<unknown>, scrub: Scrub): RawBuilder<string> {
  return scrub.pairs.reduce<RawBuilder<string>>(
    (expr, p) => (p.inText ? sql<string>`replace(${expr}, ${p.found}::text, ${p.to}::text)` : sql<string>`(CASE WHEN ${expr} = ${p.found}::text THEN ${p.to}::text ELSE ${expr} END)`),
    sql<string>`${column}::text`,
  );
}

/** The JSON text's form of each pair: escaped as JSON writes it, quoted when only whole strings may match. */
function jsonPairs(scrub: Scrub): { found: string; to: string }[] {
  return scrub.pairs.map((p) => (p.inJson ? { found: escaped(p.found), to: escaped(p.to) } : { found: JSON.stringify(p.found), to: JSON.stringify(p.to) }));
}

/** A jsonb column with every found value replaced inside its strings (keys too), working on its JSON text. */
export function scrubbedJson(column: RawBuilder<unknown>, scrub: Scrub): RawBuilder<unknown> {
  const text = jsonPairs(scrub).reduce<RawBuilder<string>>((expr, p) => sql<string>`replace(${expr}, ${p.found}::text, ${p.to}::text)`, sql<string>`${column}::text`);
  return sql`(${text})::jsonb`;
}

/** Whether a text (or, with `json`, a jsonb) column holds any found value where it would be replaced. */
export function mentions(column: RawBuilder<unknown>, scrub: Scrub, json = false): RawBuilder<boolean> {
  const tests = json
    ? jsonPairs(scrub).map((p) => sql`strpos(${column}::text, ${p.found}::text) > 0`)
    : scrub.pairs.map((p) => (p.inText ? sql`strpos(${column}::text, ${p.found}::text) > 0` : sql`${column}::text = ${p.found}::text`));
  return sql<boolean>`(${sql.join(tests, sql` OR `)})`;
}
