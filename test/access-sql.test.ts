import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessFacts } from '../src/access/facts.ts';
import { type AccessPolicy, createAccessPolicy, type Permission } from '../src/access/policy.ts';
import { policySql } from '../src/access/policy-sql.ts';
import type { Principal, UserRole } from '../src/auth/principal.ts';
import { insertConversation } from '../src/conversations/sql/insertConversation.ts';
import { listFollowedConversations } from '../src/conversations/sql/listFollowedConversations.ts';
import type { Db } from '../src/db/connect.ts';
import { writeMessages } from '../src/messages/sql/writeMessages.ts';
import { backends } from './support/backends.ts';
import { freshDatabase } from './support/parley.ts';

/**
 * The hot paths fold access into their SQL (the batched send, the socket's resume, search):
 * that SQL comes from the access policy (src/access/policy-sql.ts) and must grant exactly what
 * requireAccess grants, for every role, taking part in the conversation or not. Operators may
 * act in any conversation: the fold is never used for them (they take the checked path).
 */
const roles: UserRole[] = ['buyer', 'seller', 'moderator', 'operator'];
const participantRole: Record<UserRole, string> = { buyer: 'buyer', seller: 'seller', moderator: 'moderator', operator: 'system' };
/** The permissions the folded SQL stands for. */
const folded: Permission[] = ['conversation.read', 'message.send', 'message.receipt'];

describe.each(backends)('the access policy folded into SQL on $name', (backend) => {
  let db: Db;
  let close: () => Promise<void>;
  let access: AccessPolicy;
  const conversationId = randomUUID();
  const insider = (role: UserRole): Principal => ({ userId: `in-${role}`, role, viaApiKey: false });
  const outsider = (role: UserRole): Principal => ({ userId: `out-${role}`, role, viaApiKey: false });

  beforeAll(async () => {
    const database = await freshDatabase(backend);
    db = database.handle.db;
    close = async () => {
      await database.handle.close();
      await database.drop();
    };
    access = createAccessPolicy(createAccessFacts(db));
    await insertConversation(db, {
      id: conversationId,
      type: 'general',
      orderId: null,
      productId: null,
      listingId: null,
      inquiryBuyerId: null,
      subject: null,
      contextMetadata: {},
      isAutomated: false,
      createdBy: 'test',
      participants: roles.map((role) => ({ userId: insider(role).userId, role: participantRole[role] })),
    });
  });
  afterAll(async () => close?.());

  /** What each folded statement decides for the principal in this conversation (or in one that does not exist). */
  async function foldedDecisions(principal: Principal, conversation: string) {
    const condition = await sql<{ ok: boolean }>`SELECT ${policySql.participant(sql`${conversation}::uuid`, principal.userId)} AS ok`.execute(db);
    const readable = policySql.readable(principal, sql`${conversation}::uuid`);
    const readableRow = readable ? await sql<{ ok: boolean }>`SELECT ${readable} AS ok`.execute(db) : undefined;
    const followed = await listFollowedConversations(db, principal.userId, [conversation]);
    // The message write's participation guard, in a transaction rolled back so nothing stays.
    let written: Awaited<ReturnType<typeof writeMessages>>[number] | undefined;
    const rollback = new Error('rollback');
    await db
      .transaction()
      .execute(async (trx) => {
        [written] = await writeMessages(trx, [
      {
        id: randomUUID(),
        conversationId: conversation,
        senderId: principal.userId,
        type: 'text',
        ciphertext: null,
        keyId: null,
        tokens: [],
        payload: null,
        metadata: {},
        clientMessageId: null,
        masking: null,
        automated: false,
        checkParticipant: true,
        reminderSeconds: 0,
        attachmentIds: [],
      },
        ]);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    return {
      condition: Boolean(condition.rows[0]!.ok),
      readable: readableRow ? Boolean(readableRow.rows[0]!.ok) : undefined,
      followed: followed.includes(conversation),
      send: Boolean(written!.participant),
    };
  }

  const cases = roles.flatMap((role) => [
    { role, takesPart: true, who: `a ${role} taking part` },
    { role, takesPart: false, who: `a ${role} not taking part` },
  ]);

  it.each(cases)('grants $who exactly what requireAccess grants', async ({ role, takesPart }) => {
    const principal = takesPart ? insider(role) : outsider(role);
    for (const conversation of [conversationId, randomUUID()]) {
      const granted = await Promise.all(folded.map((permission) => access.hasAccess(principal, permission, { conversationId: conversation })));
      // The three permissions share one rule: one answer for all.
      expect(new Set(granted).size).toBe(1);
      const policy = granted[0]!;
      const sqlSays = await foldedDecisions(principal, conversation);
      if (policySql.decidedByParticipation(principal)) {
        expect(sqlSays).toEqual({ condition: policy, readable: policy, followed: policy, send: policy });
      } else {
        // Operators: the policy grants every existing conversation; the hot paths leave them to it.
        expect(role).toBe('operator');
        expect(policy).toBe(conversation === conversationId);
        expect(sqlSays.readable).toBeUndefined();
      }
    }
  });

  it('leaves only operators to the checked path', () => {
    expect(roles.filter((role) => !policySql.decidedByParticipation(insider(role)))).toEqual(['operator']);
  });
});
