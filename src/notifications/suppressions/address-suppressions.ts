import type { Db } from '../../db/connect.ts';
import { findSuppressedAddresses } from './sql/findSuppressedAddresses.ts';
import { suppressAddress } from './sql/suppressAddress.ts';

/**
 * Suppressed addresses: owner of address_suppressions. Tracking adds an address when a
 * provider reports a hard bounce or a spam complaint; the dispatcher's gates skip deliveries
 * to it from then on.
 */
export function createSuppressions(db: Db) {
  return {
    /** Which of these (channel, address) pairs are suppressed, as "channel\naddress" keys. */
    suppressed: (pairs: { channel: string; address: string }[]) => findSuppressedAddresses(db, pairs),
    suppress: (input: Parameters<typeof suppressAddress>[1]) => suppressAddress(db, input),
  };
}

export type Suppressions = ReturnType<typeof createSuppressions>;

/** The key of a (channel, address) pair in `suppressed`'s answer. */
export const suppressionKey = (channel: string, address: string | null | undefined) => `${channel}\n${address}`;
