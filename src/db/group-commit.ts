import { isDatabaseUnavailable } from './availability.ts';

/**
 * Commits independent requests together (one transaction, one WAL flush) without letting one of
 * them fail the others: if the group's commit fails for a reason other than the database being
 * away, one request may be at fault, so the halves are committed apart, down to the one request,
 * which alone gets the error. A group of n with one bad request costs about 2·log2(n) commits.
 */
export async function commitIsolating<T, R>(
  items: T[],
  commit: (items: T[]) => Promise<R[]>,
  settle: (item: T, outcome: { ok: true; value: R } | { ok: false; error: unknown }) => void,
): Promise<void> {
  let results: R[];
  try {
    results = await commit(items);
  } catch (error) {
    if (items.length === 1 || isDatabaseUnavailable(error)) {
      for (const item of items) settle(item, { ok: false, error });
      return;
    }
    const half = Math.ceil(items.length / 2);
    await commitIsolating(items.slice(0, half), commit, settle);
    await commitIsolating(items.slice(half), commit, settle);
    return;
  }
  items.forEach((item, i) => settle(item, { ok: true, value: results[i]! }));
}
