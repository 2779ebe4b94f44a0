import { describe, expect, it } from 'vitest';
import { commitIsolating } from './group-commit.ts';

/** A commit that refuses any group holding a poison item, as a database refuses a whole transaction. */
function fakeDatabase(poison: Set<number>, unavailable = false) {
  const commits: number[][] = [];
  const committed: number[] = [];
  const commit = async (items: number[]) => {
    commits.push(items);
    if (unavailable) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    if (items.some((i) => poison.has(i))) throw Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
    committed.push(...items);
    return items.map((i) => i * 10);
  };
  return { commit, commits, committed };
}

async function run(items: number[], db: ReturnType<typeof fakeDatabase>) {
  const outcomes = new Map<number, unknown>();
  await commitIsolating(items, db.commit, (item, outcome) => {
    expect(outcomes.has(item)).toBe(false);
    outcomes.set(item, outcome.ok ? outcome.value : (outcome.error as { code: string }).code);
  });
  return outcomes;
}

describe('commitIsolating', () => {
  it('commits a clean group once', async () => {
    const db = fakeDatabase(new Set());
    const outcomes = await run([1, 2, 3], db);
    expect(db.commits).toEqual([[1, 2, 3]]);
    expect([...outcomes]).toEqual([[1, 10], [2, 20], [3, 30]]);
  });

  it('fails only the poison item; every other item commits once', async () => {
    const items = Array.from({ length: 200 }, (_, i) => i);
    const db = fakeDatabase(new Set([137]));
    const outcomes = await run(items, db);
    expect(outcomes.size).toBe(200);
    expect(outcomes.get(137)).toBe('22P05');
    for (const i of items) if (i !== 137) expect(outcomes.get(i)).toBe(i * 10);
    expect(db.committed.sort((a, b) => a - b)).toEqual(items.filter((i) => i !== 137));
    // About 2·log2(200) commits, not one per item.
    expect(db.commits.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(200)) + 1);
  });

  it('isolates several poison items', async () => {
    const db = fakeDatabase(new Set([0, 5, 9]));
    const outcomes = await run([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], db);
    expect([...outcomes].filter(([, o]) => o === '22P05').map(([i]) => i).sort()).toEqual([0, 5, 9]);
    expect(db.committed.sort()).toEqual([1, 2, 3, 4, 6, 7, 8]);
  });

  it('does not split when the database is away: every item hears so from one attempt', async () => {
    const db = fakeDatabase(new Set(), true);
    const outcomes = await run([1, 2, 3, 4], db);
    expect(db.commits).toHaveLength(1);
    expect([...outcomes.values()]).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
  });
});
