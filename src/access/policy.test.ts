import { describe, expect, it } from 'vitest';
import type { Principal, UserRole } from '../auth/principal.ts';
import { ParleyError } from '../errors.ts';
import { type AccessFacts, type AccessTarget, type ParticipantFacts, PERMISSIONS, type Permission, createAccessPolicy, permissionNames } from './policy.ts';

/**
 * Every permission × role × own/other resource, decided by the policy and written out by hand:
 * a change to a rule changes a cell here, on purpose.
 *
 * The world: each role has one user, a participant of conversation c-own in that role (the
 * operator is in no conversation). c-other is between two other people. Each participant has a
 * message and there is an attachment, a dispute and an order in each conversation; c-own's order
 * is between the buyer and the seller.
 */
const users: Record<UserRole, string> = { buyer: 'buyer-1', seller: 'seller-1', moderator: 'mod-1', operator: 'op-1' };
const roles = Object.keys(users) as UserRole[];

const participants = new Map<string, Map<string, string>>([
  ['c-own', new Map([['buyer-1', 'buyer'], ['seller-1', 'seller'], ['mod-1', 'moderator']])],
  ['c-other', new Map([['buyer-2', 'buyer'], ['seller-2', 'seller']])],
]);
const messages = new Map([
  ['m-buyer-1', { conversationId: 'c-own', sender: 'buyer-1' }],
  ['m-seller-1', { conversationId: 'c-own', sender: 'seller-1' }],
  ['m-mod-1', { conversationId: 'c-own', sender: 'mod-1' }],
  ['m-op-1', { conversationId: 'c-own', sender: 'op-1' }],
  ['m-other', { conversationId: 'c-other', sender: 'buyer-2' }],
]);
const attachments = new Map([['a-own', 'c-own'], ['a-other', 'c-other']]);
const disputes = new Map([['d-own', { conversationId: 'c-own', openedBy: 'buyer-1' }], ['d-other', { conversationId: 'c-other', openedBy: 'buyer-2' }]]);
const orders = new Map([['o-own', { buyerId: 'buyer-1', sellerId: 'seller-1' }], ['o-other', { buyerId: 'buyer-2', sellerId: 'seller-2' }]]);

// The ids are not uuids in this world; the policy refuses those outright, so name them as uuids.
const uuidOf = new Map<string, string>();
const nameOf = new Map<string, string>();
for (const name of [...participants.keys(), ...messages.keys(), ...attachments.keys(), ...disputes.keys(), ...orders.keys()]) {
  const uuid = `00000000-0000-4000-8000-${String(uuidOf.size + 1).padStart(12, '0')}`;
  uuidOf.set(name, uuid);
  nameOf.set(uuid, name);
}
const id = (name: string) => uuidOf.get(name)!;
const named = (uuid: string) => nameOf.get(uuid) ?? uuid;

const facts: AccessFacts = {
  async participant(conversationId, userId): Promise<ParticipantFacts | undefined> {
    const role = participants.get(named(conversationId))?.get(userId);
    return role ? { userId, role, lastReadSeq: 0, lastDeliveredSeq: 0, unreadCount: 0, archivedAt: null } : undefined;
  },
  conversationExists: async (conversationId) => participants.has(named(conversationId)),
  async messageSender(conversationId, messageId) {
    const message = messages.get(named(messageId));
    return message && message.conversationId === named(conversationId) ? message.sender : undefined;
  },
  attachmentConversation: async (attachmentId) => {
    const conversation = attachments.get(named(attachmentId));
    return conversation ? id(conversation) : undefined;
  },
  dispute: async (disputeId) => {
    const dispute = disputes.get(named(disputeId));
    return dispute ? { conversationId: id(dispute.conversationId), openedBy: dispute.openedBy } : undefined;
  },
  orderParties: async (orderId) => orders.get(named(orderId)),
};

function target(role: UserRole, which: 'own' | 'other'): AccessTarget {
  const userId = users[role];
  return which === 'own'
    ? { conversationId: id('c-own'), messageId: id(`m-${userId}`), attachmentId: id('a-own'), userId, sellerId: userId, disputeId: id('d-own'), orderId: id('o-own') }
    : { conversationId: id('c-other'), messageId: id('m-other'), attachmentId: id('a-other'), userId: 'someone-else', sellerId: 'seller-2', disputeId: id('d-other'), orderId: id('o-other') };
}

type Outcome = 'ok' | 403 | 404;
/** [own, other] per role, in the order buyer, seller, moderator, operator. */
type Row = [buyer: [Outcome, Outcome], seller: [Outcome, Outcome], moderator: [Outcome, Outcome], operator: [Outcome, Outcome]];

const anyone: Row = [['ok', 'ok'], ['ok', 'ok'], ['ok', 'ok'], ['ok', 'ok']];
const operatorOnly: Row = [[403, 403], [403, 403], [403, 403], ['ok', 'ok']];
const staffOnly: Row = [[403, 403], [403, 403], ['ok', 'ok'], ['ok', 'ok']];
const participantsSee: Row = [['ok', 404], ['ok', 404], ['ok', 404], ['ok', 'ok']];
const selfOnly: Row = [['ok', 403], ['ok', 403], ['ok', 403], ['ok', 'ok']];
const ownSellerOnly: Row = [[403, 403], ['ok', 403], [403, 403], ['ok', 'ok']];

const expected: Record<Permission, Row> = {
  'conversation.create': anyone,
  'conversation.list': anyone,
  'conversation.read': participantsSee,
  'conversation.archive': participantsSee,
  'conversation.participant.add': operatorOnly,
  'conversation.arrange': operatorOnly,
  'message.send': participantsSee,
  // The sender's own messages; operators edit or delete others' through message.moderate.
  'message.edit': [['ok', 404], ['ok', 404], ['ok', 404], ['ok', 403]],
  // Operators moderate messages: they edit or delete anyone's, in any conversation.
  'message.moderate': operatorOnly,
  'message.platform': operatorOnly,
  'message.receipt': participantsSee,
  'message.search': anyone,
  'attachment.upload': participantsSee,
  'attachment.read': participantsSee,
  'attachment.read.drafts': operatorOnly,
  'realtime.connect': anyone,
  'notification.send': operatorOnly,
  'notification.operate': operatorOnly,
  'notification.feed': anyone,
  // The policy refuses another's with 403; the status route reads it with hasAccess and answers 404.
  'notification.status': selfOnly,
  // Only the recipient reports their own opens and clicks; anyone else's is not found, operators' too.
  'notification.engage': [['ok', 404], ['ok', 404], ['ok', 404], ['ok', 404]],
  'preference.manage': selfOnly,
  'user.export': selfOnly,
  // Self-service erasure, or an operator (the marketplace's privacy desk) for anyone.
  'user.erase': selfOnly,
  'consent.manage': selfOnly,
  // A seller's vendor id is their seller (user) id: their own customers only.
  'consent.vendor': ownSellerOnly,
  // A vendor id is the seller's user id: a seller reads and imports their own customers only.
  'audience.read': [[403, 403], ['ok', 403], [403, 403], ['ok', 'ok']],
  'audience.import': [[403, 403], ['ok', 403], [403, 403], ['ok', 'ok']],
  'template.manage': operatorOnly,
  'suppression.manage': operatorOnly,
  'marketplace.backend': operatorOnly,
  'order.event.write': operatorOnly,
  'order.event.read': operatorOnly,
  'order.list': anyone,
  'order.conversation.open': [['ok', 404], ['ok', 404], [404, 404], ['ok', 'ok']],
  'inquiry.open': anyone,
  'contact.write': operatorOnly,
  'contact.read': selfOnly,
  // A moderator in the conversation is not a party to it.
  'dispute.open': [['ok', 404], ['ok', 404], [403, 404], ['ok', 'ok']],
  // Moderators see every dispute; buyers and sellers the ones of their conversations.
  'dispute.read': [['ok', 404], ['ok', 404], ['ok', 'ok'], ['ok', 'ok']],
  // A moderator moves only a dispute they took (a moderator participant of its conversation).
  'dispute.moderate': [[403, 403], [403, 403], ['ok', 403], ['ok', 'ok']],
  'dispute.assign': staffOnly,
  'dispute.queue': staffOnly,
  // Like moving it: only the dispute's own moderator, or an operator.
  'dispute.export': [[403, 403], [403, 403], ['ok', 403], ['ok', 'ok']],
  'moderation.read': staffOnly,
  'masking.configure': operatorOnly,
  'moderation.review': staffOnly,
  'reply.manage': ownSellerOnly,
  // A stranger learns nothing (404); a participant who is not the seller is told why (403).
  'reply.suggest': [[403, 404], ['ok', 404], [403, 404], ['ok', 'ok']],
  'notice.post': [[403, 404], ['ok', 404], [403, 404], ['ok', 'ok']],
  'analytics.conversation': [[403, 404], ['ok', 404], ['ok', 404], ['ok', 'ok']],
  'analytics.seller': ownSellerOnly,
  // A seller's vendor id is their seller (user) id: campaigns to their own customers only.
  'campaign.manage': ownSellerOnly,
  'kpi.read': ownSellerOnly,
  'webhook.manage': ownSellerOnly,
  // Only the order's buyer rates it; its seller and operators are told why (403), anyone else learns nothing.
  'order.rating.write': [['ok', 404], [403, 404], [404, 404], [403, 403]],
  'order.rating.read': [['ok', 404], ['ok', 404], [404, 404], ['ok', 'ok']],
  'rating.seller': ownSellerOnly,
  // Sellers and operators read the tier catalogue; only operators change it or place vendors.
  'tier.read': [[403, 403], ['ok', 'ok'], [403, 403], ['ok', 'ok']],
  'tier.manage': operatorOnly,
  // A seller's vendor id is their seller id: their own usage only.
  'usage.read': ownSellerOnly,
};

const policy = createAccessPolicy(facts);

async function outcome(permission: Permission, role: UserRole, which: 'own' | 'other'): Promise<Outcome> {
  const principal: Principal = { userId: users[role], role } as Principal;
  try {
    await policy.requireAccess(principal, permission, target(role, which));
    return 'ok';
  } catch (error) {
    if (error instanceof ParleyError && (error.status === 403 || error.status === 404)) return error.status;
    throw error;
  }
}

describe('the access policy', () => {
  it('has a row in this table for every permission it lists', () => {
    expect(Object.keys(expected).sort()).toEqual([...permissionNames].sort());
  });

  const cases = permissionNames.flatMap((permission) =>
    roles.flatMap((role, r) => (['own', 'other'] as const).map((which, w) => ({ permission, role, which, want: expected[permission]?.[r]?.[w] }))),
  );
  it.each(cases)('$permission for a $role on $which resources: $want', async ({ permission, role, which, want }) => {
    expect(await outcome(permission, role, which)).toBe(want);
  });

  it('refuses a role a permission never allows before reading anything', async () => {
    let reads = 0;
    const counting = createAccessPolicy(new Proxy(facts, { get: (t, k) => ((reads++, t[k as keyof AccessFacts])) }));
    for (const permission of permissionNames) {
      for (const role of roles) {
        if (PERMISSIONS[permission].roles.includes(role)) continue;
        reads = 0;
        await expect(counting.requireAccess({ userId: users[role], role } as Principal, permission, target(role, 'own'))).rejects.toMatchObject({ status: 403 });
        expect(reads, `${permission} for a ${role}`).toBe(0);
      }
    }
  });

  it('answers a stranger the same 404 for a resource that does not exist and one it may not see', async () => {
    const stranger = { userId: 'buyer-9', role: 'buyer' } as Principal;
    const missing = '00000000-0000-4000-8000-999999999999';
    for (const [permission, key] of [['conversation.read', 'conversationId'], ['attachment.read', 'attachmentId'], ['dispute.read', 'disputeId'], ['order.conversation.open', 'orderId'], ['order.rating.write', 'orderId'], ['order.rating.read', 'orderId']] as const) {
      const hidden = await policy.requireAccess(stranger, permission, { ...target('buyer', 'other') }).catch((e: ParleyError) => e);
      const absent = await policy.requireAccess(stranger, permission, { ...target('buyer', 'other'), [key]: missing }).catch((e: ParleyError) => e);
      expect(hidden).toBeInstanceOf(ParleyError);
      expect(absent).toBeInstanceOf(ParleyError);
      expect({ status: (hidden as ParleyError).status, code: (hidden as ParleyError).code }).toEqual({ status: (absent as ParleyError).status, code: (absent as ParleyError).code });
    }
  });

  it('refuses ids that are not uuids as not found, without reading', async () => {
    for (const permission of ['conversation.read', 'attachment.read', 'dispute.read'] as const) {
      await expect(policy.requireAccess({ userId: 'op-1', role: 'operator' } as Principal, permission, { conversationId: "'; --", attachmentId: '..', disputeId: 'x' })).rejects.toMatchObject({ status: 404 });
    }
  });
});
