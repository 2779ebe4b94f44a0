import type { Db } from '../db/connect.ts';
import type { ConsentChange, ConsentRecord } from './consent-shapes.ts';
import { countConsentChanges } from './sql/countConsentChanges.ts';
import { findCurrentConsents } from './sql/findCurrentConsents.ts';
import { insertConsents } from './sql/insertConsents.ts';
import { listConsentLog } from './sql/listConsentLog.ts';
import { listVendorConsentsPage } from './sql/listVendorConsentsPage.ts';

/**
 * The consent log for promotional messages: owner of promotional_consents. Append-only; a
 * person's consent for a (vendor, channel) is the latest row. Everything that gives or takes
 * consent records it here (the preference page, one-click unsubscribe, SMS STOP and START,
 * an import), so "who agreed to what, when, from where, with what text" has one answer.
 * Callers check access first; this module trusts its caller.
 */
export function createConsentLog(db: Db) {
  return {
    /** Appends changes; with `executor`, inside the caller's transaction (an import records its consents with its customers). */
    record: (changes: ConsentChange[], executor: Db = db): Promise<ConsentRecord[]> => insertConsents(executor, changes),
    /** A person's whole log, oldest first. */
    history: (userId: string) => listConsentLog(db, userId),
    /** Consent as it stands for these users (latest row per vendor and channel). */
    current: (userIds: string[], vendorId?: string | null) => findCurrentConsents(db, userIds, vendorId),
    /** Does this person currently consent to this vendor's promotions on this channel? */
    async consents(userId: string, vendorId: string | null, channel: string): Promise<boolean> {
      const rows = await findCurrentConsents(db, [userId], vendorId);
      return rows.some((r) => r.channel === channel && r.granted);
    },
    /** A page of the people currently consenting to a vendor's promotions (the seller's customer list). */
    optedIn: (vendorId: string, options: Parameters<typeof listVendorConsentsPage>[2]) => listVendorConsentsPage(db, vendorId, options),
    /** Consents given and withdrawn in a window (opt-out rates). */
    changes: (range: Parameters<typeof countConsentChanges>[1]) => countConsentChanges(db, range),
  };
}

export type ConsentLog = ReturnType<typeof createConsentLog>;
