import type { ConsentLog } from '../consents/consent-log.ts';
import type { ConsentChange } from '../consents/consent-shapes.ts';
import type { Db } from '../db/connect.ts';
import { invalid } from '../errors.ts';
import type { ImportCustomerInput } from './audience-schemas.ts';
import type { AddMissingContacts } from './audience-types.ts';
import { findCustomerIds } from './sql/findCustomerIds.ts';
import { importCustomerRows } from './sql/importCustomerRows.ts';

/** The most customers one import takes. */
export const IMPORT_LIMIT = 1000;

interface BadRow {
  row: number;
  userId: string;
  code: string;
  message: string;
}

/** Why each row of an import cannot be taken (none: all can). Rows are numbered from 0. */
export function badImportRows(vendorId: string, customers: ImportCustomerInput[]): BadRow[] {
  const bad: BadRow[] = [];
  const seen = new Map<string, number>();
  customers.forEach((c, row) => {
    const refuse = (code: string, message: string) => bad.push({ row, userId: c.userId, code, message });
    if (c.userId === vendorId) refuse('own_customer', 'A vendor cannot be their own customer.');
    const earlier = seen.get(c.userId);
    if (earlier !== undefined) refuse('duplicate_customer', `The same user is row ${earlier} already; give each customer once.`);
    seen.set(c.userId, row);
    if (c.firstOrderAt && c.lastOrderAt && new Date(c.firstOrderAt) > new Date(c.lastOrderAt)) refuse('order_dates_reversed', 'The first order comes after the last one; swap firstOrderAt and lastOrderAt.');
    const channels = new Set<string>();
    for (const consent of c.consents ?? []) {
      if (channels.has(consent.channel)) refuse('duplicate_consent', `The ${consent.channel} consent is given twice; give each channel once.`);
      channels.add(consent.channel);
      if (consent.granted && !consent.textShown?.trim()) refuse('consent_text_required', `A ${consent.channel} consent needs the text the customer agreed to in "textShown".`);
    }
  });
  return bad;
}

/**
 * A vendor's import: customers (with what they bought, if the vendor knows), contact details for
 * users Parley has none for, and consents (source import, with the text shown). All of it in
 * one transaction; any bad row refuses the whole import with a 400 naming the rows.
 */
export function createCustomerImport(deps: { db: Db; consents: Pick<ConsentLog, 'record'>; addMissingContacts: AddMissingContacts }) {
  return async function importCustomers(vendorId: string, customers: ImportCustomerInput[]) {
    if (customers.length > IMPORT_LIMIT) throw invalid('import_too_large', `An import takes at most ${IMPORT_LIMIT} customers; split it into several calls.`);
    const bad = badImportRows(vendorId, customers);
    if (bad.length) {
      const rows = [...new Set(bad.map((b) => b.row))];
      throw invalid('invalid_import_rows', `Nothing was imported: ${rows.length === 1 ? `row ${rows[0]} is` : `rows ${rows.slice(0, 20).join(', ')}${rows.length > 20 ? '…' : ''} are`} not valid (see details.rows); correct ${rows.length === 1 ? 'it' : 'them'} and send the import again.`, { rows: bad });
    }
    const contacts = customers.filter((c) => c.contact && Object.keys(c.contact).length > 0).map((c) => ({ userId: c.userId, ...c.contact }));
    const consents: ConsentChange[] = customers.flatMap((c) =>
      (c.consents ?? []).map((k) => ({ userId: c.userId, vendorId, channel: k.channel, granted: k.granted, source: 'import' as const, textShown: k.textShown ?? null })),
    );
    return deps.db.transaction().execute(async (trx) => {
      const known = await findCustomerIds(trx, vendorId, customers.map((c) => c.userId));
      await importCustomerRows(
        trx,
        vendorId,
        customers.map((c) => ({
          userId: c.userId,
          firstOrderAt: c.firstOrderAt ?? c.lastOrderAt ?? null,
          lastOrderAt: c.lastOrderAt ?? c.firstOrderAt ?? null,
          orderCount: c.orderCount ?? 0,
          spend: c.spend ?? 0,
          currency: c.currency ?? null,
          productIds: [...new Set(c.productIds ?? [])].sort(),
          categories: [...new Set(c.categories ?? [])].sort(),
        })),
      );
      const saved = await deps.addMissingContacts(trx, contacts);
      const recorded = await deps.consents.record(consents, trx);
      return {
        vendorId,
        imported: customers.length,
        created: customers.length - known.size,
        contactsSaved: saved.length,
        contactsKept: contacts.length - saved.length,
        consentsRecorded: recorded.length,
      };
    });
  };
}
