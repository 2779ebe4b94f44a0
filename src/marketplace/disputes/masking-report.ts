import type { AccessPolicy } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../db/connect.ts';
import { countMaskedMessages } from '../../messages/sql/countMaskedMessages.ts';

/** For moderators: contact details hidden from recipients, counted per conversation and sender. */
export function createMaskingReport({ db, access }: { db: Db; access: AccessPolicy }) {
  async function counts(principal: Principal, query: { days?: number; limit?: number }) {
    await access.requireAccess(principal, 'moderation.read');
    const days = query.days ?? 30;
    const rows = await countMaskedMessages(db, days, query.limit ?? 50);
    return {
      days,
      senders: rows.map((r) => ({
        conversationId: r.conversation_id,
        senderId: r.sender_id,
        messages: r.messages,
        masked: { phone: r.phone, email: r.email, link: r.link },
        lastAt: new Date(r.last_at).toISOString(),
      })),
    };
  }

  return { counts };
}

export type MaskingReport = ReturnType<typeof createMaskingReport>;
