import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

export interface DemoSettlement {
  logId: string;
  /** When the notification was triggered in the demo's story (only ever moved earlier). */
  createdAt?: Date;
  deliveredAt: Date;
  openedAt?: Date | null;
  clickedAt?: Date | null;
}

/**
 * Demo data only: what the console providers cannot report. Moves a demo delivery to its time
 * in the story and records its delivery, open and click as a provider or the app would. Each
 * time is kept once set (a second seeding run changes nothing); a delivery that failed, was
 * skipped or read keeps its status.
 */
export async function settleDemoDeliveries(db: Db, settlements: DemoSettlement[]): Promise<void> {
  for (const s of settlements) {
    const status = s.clickedAt ? 'clicked' : s.openedAt ? 'opened' : 'delivered';
    await db
      .updateTable('notification_logs')
      .set({
        created_at: s.createdAt ? sql`least(created_at, ${s.createdAt}::timestamptz)` : sql`created_at`,
        send_time: s.createdAt ? sql`least(send_time, ${s.createdAt}::timestamptz)` : sql`send_time`,
        delivery_time: sql`coalesce(delivery_time, ${s.deliveredAt}::timestamptz)`,
        opened_at: s.openedAt ? sql`coalesce(opened_at, ${s.openedAt}::timestamptz)` : sql`opened_at`,
        clicked_at: s.clickedAt ? sql`coalesce(clicked_at, ${s.clickedAt}::timestamptz)` : sql`clicked_at`,
        status: sql`CASE WHEN status IN ('sent', 'delivered', 'opened') THEN ${status} ELSE status END`,
      })
      .where('log_id', '=', s.logId)
      .execute();
  }
}
