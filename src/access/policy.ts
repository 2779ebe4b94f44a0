import type { Principal, UserRole } from '../auth/principal.ts';
import { ParleyError, forbidden, notFound } from '../errors.ts';
import { isUuid } from '../uuid.ts';

/**
 * The one access policy. Every read or write of a user's data names a permission from this
 * list and passes `requireAccess`; each permission is decided here and nowhere else. Deny by
 * default: a role not listed for a permission is refused before anything is read, and a
 * resource the caller cannot see answers the same 404 as one that does not exist, so a stranger
 * learns nothing.
 *
 * A permission is decided in two steps: the roles that may ever hold it (checked for every
 * route by the permission it declares), then the resource rule for the ids a call is about
 * (checked by the service with `requireAccess`).
 */

const everyone: readonly UserRole[] = ['buyer', 'seller', 'moderator', 'operator'];
const staff: readonly UserRole[] = ['moderator', 'operator'];
const operatorOnly: readonly UserRole[] = ['operator'];
const sellers: readonly UserRole[] = ['seller', 'operator'];

/** What a permission is about, and so which ids `requireAccess` needs. */
export type ResourceRule =
  /** Nothing beyond the role: lists of the caller's own things, the marketplace's operations. */
  | 'role'
  /** A conversation the caller takes part in (any participant role), or any conversation for an operator. */
  | 'participant'
  /** As `participant`, and the caller's role in it must be buyer or seller (operators: any). */
  | 'party'
  /** As `participant`, and the caller must be its seller (operators: any). */
  | 'seller_participant'
  /** As `participant`, and the caller must be its seller or one of its moderators (operators: any). */
  | 'seller_or_moderator_participant'
  /** A participant, and the message must be the caller's own. */
  | 'own_message'
  /** An attachment of a conversation the caller takes part in (operators: any). */
  | 'attachment'
  /** The caller's own user record (`userId` is theirs), or anyone's for an operator. */
  | 'self'
  /** Something addressed to the caller (`userId` is its recipient, and theirs); nobody else's, operators included: 404. */
  | 'own_delivery'
  /** The caller's own seller account (`sellerId` is theirs, and they are a seller), or any seller for an operator. */
  | 'own_seller'
  /** A dispute whose conversation the caller takes part in; any dispute for moderators and operators. */
  | 'dispute'
  /** A dispute whose conversation the caller moderates (a moderator participant), or any dispute for an operator. */
  | 'dispute_moderator'
  /** An order the caller is the buyer or seller of, or any order for an operator. */
  | 'order_party'
  /** An order the caller is the buyer of; its seller and operators are refused (403), anyone else learns nothing (404). */
  | 'order_buyer';

export interface PermissionRule {
  /** Roles that may hold the permission at all. */
  roles: readonly UserRole[];
  rule: ResourceRule;
  /** What it allows, in a sentence (documentation, and the refusal for a role that lacks it). */
  allows: string;
  /** The code of a refusal by the resource rule, when it is not the rule's own. */
  refusal?: string;
}

export const PERMISSIONS = {
  'conversation.create': { roles: everyone, rule: 'role', allows: 'start conversations' },
  'conversation.list': { roles: everyone, rule: 'role', allows: 'list their own conversations' },
  'conversation.read': { roles: everyone, rule: 'participant', allows: 'read a conversation, its messages, timeline and disputes' },
  'conversation.archive': { roles: everyone, rule: 'participant', allows: 'archive a conversation for themselves' },
  'conversation.participant.add': { roles: operatorOnly, rule: 'participant', allows: 'add participants to a conversation' },
  'conversation.arrange': { roles: operatorOnly, rule: 'role', allows: 'open order, dispute and automated conversations, ones they do not take part in, and ones with moderators or system participants' },
  'message.send': { roles: everyone, rule: 'participant', allows: 'send messages' },
  'message.edit': { roles: everyone, rule: 'own_message', allows: 'edit or delete their own messages' },
  'message.moderate': { roles: operatorOnly, rule: 'participant', allows: "edit or delete anyone's messages, at any time" },
  'message.platform': { roles: operatorOnly, rule: 'role', allows: 'send platform message types (system, order notices), without the send rate limit and never masked' },
  'message.receipt': { roles: everyone, rule: 'participant', allows: 'mark messages read' },
  'message.search': { roles: everyone, rule: 'role', allows: 'search the messages of their conversations' },
  'realtime.connect': { roles: everyone, rule: 'role', allows: 'open a live stream of their events (WebSocket)' },
  'attachment.upload': { roles: everyone, rule: 'participant', allows: 'upload attachments' },
  'attachment.read': { roles: everyone, rule: 'attachment', allows: 'download attachments' },
  'attachment.read.drafts': { roles: operatorOnly, rule: 'attachment', allows: 'download attachments not yet sent, uploaded by others' },
  'notification.send': { roles: operatorOnly, rule: 'role', allows: 'send notifications' },
  'notification.operate': { roles: operatorOnly, rule: 'role', allows: 'read delivery status, analytics and dead letters, and replay them' },
  'notification.feed': { roles: everyone, rule: 'role', allows: 'read and mark their own in-app notifications' },
  'notification.status': { roles: everyone, rule: 'self', allows: 'read the delivery status of notifications sent to them' },
  'notification.engage': { roles: everyone, rule: 'own_delivery', allows: 'report that they opened or clicked a push or in-app notification sent to them' },
  'preference.manage': { roles: everyone, rule: 'self', allows: 'read and change communication preferences and devices' },
  'user.export': { roles: everyone, rule: 'self', allows: 'download everything Parley holds about a user (their personal-data export)', refusal: 'not_your_data' },
  'user.erase': { roles: everyone, rule: 'self', allows: 'erase everything Parley holds about a user (their account)', refusal: 'not_your_data' },
  'consent.manage': { roles: everyone, rule: 'self', allows: 'read and give or withdraw consent to promotional messages', refusal: 'not_your_consent' },
  'consent.vendor': { roles: sellers, rule: 'own_seller', allows: 'list the customers who consent to a vendor’s promotional messages', refusal: 'not_your_customers' },
  'audience.read': { roles: sellers, rule: 'own_seller', allows: "list a vendor's customers and count their segments", refusal: 'not_your_customers' },
  'audience.import': { roles: sellers, rule: 'own_seller', allows: "import a vendor's customers with their consents", refusal: 'not_your_customers' },
  'template.manage': { roles: operatorOnly, rule: 'role', allows: 'manage notification templates' },
  'suppression.manage': { roles: operatorOnly, rule: 'role', allows: 'read the suppression list and its audit trail, add and remove addresses' },
  'marketplace.backend': { roles: operatorOnly, rule: 'role', allows: 'act for the marketplace: name the buyer, seller or moderator a call is for, free of per-seller rate limits' },
  'order.event.write': { roles: operatorOnly, rule: 'role', allows: 'send order events' },
  'order.event.read': { roles: operatorOnly, rule: 'role', allows: 'read order events' },
  'order.list': { roles: everyone, rule: 'role', allows: 'list their own orders' },
  'order.conversation.open': { roles: everyone, rule: 'order_party', allows: "open an order's conversation" },
  'inquiry.open': { roles: everyone, rule: 'role', allows: 'ask a seller about a product' },
  'contact.write': { roles: operatorOnly, rule: 'self', allows: 'set how a user is reached' },
  'contact.read': { roles: everyone, rule: 'self', allows: 'read how a user is reached', refusal: 'not_your_contact' },
  'dispute.open': { roles: everyone, rule: 'party', allows: 'escalate a conversation to a dispute' },
  'dispute.read': { roles: everyone, rule: 'dispute', allows: 'read a dispute' },
  'dispute.moderate': { roles: staff, rule: 'dispute_moderator', allows: "move a dispute along its lifecycle" },
  'dispute.assign': { roles: staff, rule: 'dispute', allows: 'take disputes, or assign them to a moderator' },
  'dispute.queue': { roles: staff, rule: 'role', allows: 'list the moderation queue' },
  'dispute.export': { roles: staff, rule: 'dispute_moderator', allows: "export a dispute's evidence as a signed archive" },
  'moderation.read': { roles: staff, rule: 'role', allows: 'read flagged conversations and masking counts' },
  'masking.configure': { roles: operatorOnly, rule: 'role', allows: 'set when contact details are shown in an order conversation' },
  'moderation.review': { roles: staff, rule: 'role', allows: 'review flagged conversations' },
  'reply.manage': { roles: sellers, rule: 'own_seller', allows: 'manage templates and quick replies', refusal: 'own_replies_only' },
  'reply.suggest': { roles: everyone, rule: 'seller_participant', allows: "prepare replies in a conversation" },
  'notice.post': { roles: everyone, rule: 'seller_participant', allows: 'post automated notices into a conversation', refusal: 'sellers_only' },
  'analytics.conversation': { roles: everyone, rule: 'seller_or_moderator_participant', allows: "read a conversation's analytics" },
  'analytics.seller': { roles: sellers, rule: 'own_seller', allows: 'read seller messaging analytics', refusal: 'not_your_analytics' },
  'webhook.manage': { roles: sellers, rule: 'own_seller', allows: 'register event webhooks and read their delivery logs (a seller: for their own conversations and orders)', refusal: 'not_your_webhooks' },
  'order.rating.write': { roles: everyone, rule: 'order_buyer', allows: "rate the seller's communication about an order" },
  'order.rating.read': { roles: everyone, rule: 'order_party', allows: "read an order's rating" },
  'rating.seller': { roles: sellers, rule: 'own_seller', allows: 'read seller ratings', refusal: 'not_your_ratings' },
  'campaign.manage': { roles: sellers, rule: 'own_seller', allows: 'create, read, pause, resume and cancel promotional campaigns to their customers', refusal: 'not_your_campaigns' },
  'kpi.read': { roles: sellers, rule: 'own_seller', allows: 'read the KPIs (a seller: of the notifications sent for them)', refusal: 'not_your_kpis' },
  'tier.read': { roles: sellers, rule: 'role', allows: 'read the merchant tiers and their limits' },
  'tier.manage': { roles: operatorOnly, rule: 'role', allows: "change the merchant tiers' limits and place vendors in tiers" },
  'usage.read': { roles: sellers, rule: 'own_seller', allows: "read a vendor's usage of its monthly quota", refusal: 'not_your_usage' },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;
export const permissionNames = Object.keys(PERMISSIONS) as Permission[];

/** What a route declares: a permission, or why it needs none. */
export type RouteAccess = Permission | 'public' | 'provider_signed' | 'metrics_token';

/** A participant of a conversation, as the policy reads it. */
export interface ParticipantFacts {
  userId: string;
  role: string;
  lastReadSeq: number;
  lastDeliveredSeq: number;
  unreadCount: number;
  archivedAt: Date | null;
}

/** The facts the policy decides on, read from the tables' owners. */
export interface AccessFacts {
  participant(conversationId: string, userId: string): Promise<ParticipantFacts | undefined>;
  conversationExists(conversationId: string): Promise<boolean>;
  messageSender(conversationId: string, messageId: string): Promise<string | undefined>;
  attachmentConversation(attachmentId: string): Promise<string | undefined>;
  dispute(disputeId: string): Promise<{ conversationId: string; openedBy: string } | undefined>;
  orderParties(orderId: string): Promise<{ buyerId: string; sellerId: string } | undefined>;
}

/** The ids a call is about; each rule reads the ones it needs. */
export interface AccessTarget {
  conversationId?: string;
  messageId?: string;
  attachmentId?: string;
  userId?: string;
  sellerId?: string;
  disputeId?: string;
  orderId?: string;
}

/** What a granted call learns: the caller's participant row where the permission is about a conversation. */
export interface Grant {
  conversationId?: string;
  /** The caller's participant row; null for an operator (or a moderator) who is not a participant. */
  participant: ParticipantFacts | null;
  dispute?: { conversationId: string; openedBy: string };
}

export const isOperator = (principal: Principal) => principal.role === 'operator';

/** Whether the role may ever hold the permission (the first step, checked for every route). */
export function roleMayHold(principal: Principal, permission: Permission): boolean {
  return PERMISSIONS[permission].roles.includes(principal.role);
}

/** Refuses a role that may never hold the permission: 403 with what it would allow. */
export function requireRole(principal: Principal, permission: Permission): void {
  if (roleMayHold(principal, permission)) return;
  const rule = PERMISSIONS[permission];
  const who = rule.roles.length === 1 ? 'the marketplace backend (an API key) or an operator' : rule.roles.map((r) => `${r}s`).join(', ').replace(/, ([^,]*)$/, ' and $1');
  throw forbidden(roleCode(rule.roles), `Only ${who} may ${rule.allows}.`);
}

function refusalCode(permission: Permission, fallback: string): string {
  const rule: PermissionRule = PERMISSIONS[permission];
  return rule.refusal ?? fallback;
}

function roleCode(roles: readonly UserRole[]): string {
  if (roles.length === 1) return 'operator_only';
  if (roles.includes('moderator') && !roles.includes('seller')) return 'moderators_only';
  if (roles.includes('seller') && !roles.includes('buyer')) return 'sellers_only';
  return 'forbidden';
}

export type AccessPolicy = ReturnType<typeof createAccessPolicy>;

export function createAccessPolicy(facts: AccessFacts) {
  async function participantOrOperator(principal: Principal, conversationId: string | undefined): Promise<Grant> {
    if (!conversationId || !isUuid(conversationId)) throw notFound('conversation');
    const participant = await facts.participant(conversationId, principal.userId);
    if (participant) return { conversationId, participant };
    if (isOperator(principal) && (await facts.conversationExists(conversationId))) return { conversationId, participant: null };
    throw notFound('conversation');
  }

  async function decide(principal: Principal, permission: Permission, target: AccessTarget): Promise<Grant> {
    const operator = isOperator(principal);
    switch (PERMISSIONS[permission].rule) {
      case 'role':
        return { participant: null };
      case 'participant':
        return participantOrOperator(principal, target.conversationId);
      case 'party': {
        const grant = await participantOrOperator(principal, target.conversationId);
        if (!operator && grant.participant?.role !== 'buyer' && grant.participant?.role !== 'seller') {
          throw forbidden('parties_only', 'Only the buyer or the seller of a conversation may escalate it to a dispute.');
        }
        return grant;
      }
      case 'seller_participant': {
        const grant = await participantOrOperator(principal, target.conversationId);
        if (!operator && grant.participant?.role !== 'seller') {
          throw forbidden(refusalCode(permission, 'not_conversation_seller'), `Only the conversation's seller (or the marketplace) may ${PERMISSIONS[permission].allows}; you are not the seller here.`);
        }
        return grant;
      }
      case 'seller_or_moderator_participant': {
        const grant = await participantOrOperator(principal, target.conversationId);
        const role = grant.participant?.role;
        if (!operator && role !== 'seller' && role !== 'moderator') {
          throw forbidden('analytics_sellers_only', "A conversation's analytics are for its seller, its moderators and operators.");
        }
        return grant;
      }
      case 'own_message': {
        const grant = await participantOrOperator(principal, target.conversationId);
        if (!target.messageId || !isUuid(target.messageId)) throw notFound('message');
        const sender = await facts.messageSender(grant.conversationId!, target.messageId);
        if (sender === undefined) throw notFound('message');
        if (sender !== principal.userId) throw forbidden('not_message_sender', 'Only the sender may edit or delete a message.');
        return grant;
      }
      case 'attachment': {
        const conversationId = target.attachmentId && isUuid(target.attachmentId) ? await facts.attachmentConversation(target.attachmentId) : undefined;
        if (!conversationId) throw notFound('attachment');
        try {
          return await participantOrOperator(principal, conversationId);
        } catch (error) {
          if (error instanceof ParleyError && error.kind === 'not_found') throw notFound('attachment');
          throw error;
        }
      }
      case 'self':
        if (!operator && target.userId !== principal.userId) {
          throw forbidden(refusalCode(permission, 'not_yourself'), `You may only ${PERMISSIONS[permission].allows} for yourself.`);
        }
        return { participant: null };
      case 'own_delivery':
        if (target.userId === undefined || target.userId !== principal.userId) throw notFound('notification');
        return { participant: null };
      case 'own_seller':
        if (!operator && (principal.role !== 'seller' || (target.sellerId !== undefined && target.sellerId !== principal.userId))) {
          throw forbidden(refusalCode(permission, 'own_seller_only'), `Sellers may only ${PERMISSIONS[permission].allows} of their own; leave out "sellerId".`);
        }
        return { participant: null };
      case 'dispute':
      case 'dispute_moderator': {
        const dispute = target.disputeId && isUuid(target.disputeId) ? await facts.dispute(target.disputeId) : undefined;
        if (!dispute) throw notFound('dispute');
        const participant = (await facts.participant(dispute.conversationId, principal.userId)) ?? null;
        const staffMember = operator || principal.role === 'moderator';
        if (!participant && !staffMember) throw notFound('dispute');
        if (PERMISSIONS[permission].rule === 'dispute_moderator' && !operator && participant?.role !== 'moderator') {
          const then = permission === 'dispute.moderate' ? 'change its status' : PERMISSIONS[permission].allows;
          throw forbidden('moderators_only', `Take the dispute first (POST .../disputes/:id/assign), then ${then}.`);
        }
        return { conversationId: dispute.conversationId, participant, dispute };
      }
      case 'order_party': {
        if (operator) return { participant: null };
        const parties = target.orderId ? await facts.orderParties(target.orderId) : undefined;
        if (!parties || (parties.buyerId !== principal.userId && parties.sellerId !== principal.userId)) throw notFound('order');
        return { participant: null };
      }
      case 'order_buyer': {
        const parties = target.orderId ? await facts.orderParties(target.orderId) : undefined;
        if (parties?.buyerId === principal.userId) return { participant: null };
        if (parties && (operator || parties.sellerId === principal.userId)) throw forbidden('buyer_only', `Only the order's buyer may ${PERMISSIONS[permission].allows}.`);
        throw notFound('order');
      }
    }
  }

  return {
    /**
     * Grants the permission for the ids given, or throws: 403 for a role that may never hold it
     * or a visible resource it does not cover, 404 for a resource the caller cannot see.
     */
    async requireAccess(principal: Principal, permission: Permission, target: AccessTarget = {}): Promise<Grant> {
      requireRole(principal, permission);
      return decide(principal, permission, target);
    },

    /** Whether the permission is granted (for lists and filters that leave out what is not). */
    async hasAccess(principal: Principal, permission: Permission, target: AccessTarget = {}): Promise<boolean> {
      try {
        await this.requireAccess(principal, permission, target);
        return true;
      } catch (error) {
        if (error instanceof ParleyError && (error.kind === 'forbidden' || error.kind === 'not_found')) return false;
        throw error;
      }
    },
  };
}
