import type { Db } from '../../db/connect.ts';

/** The product inquiries an order converted. */
export async function listConvertedInquiries(db: Db, orderId: string): Promise<string[]> {
  const rows = await db.selectFrom('conversations').select('id').where('converted_order_id', '=', orderId).execute();
  return rows.map((r) => r.id);
}
