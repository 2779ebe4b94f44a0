/**
 * The shapes Parley's API and socket carry. Every shape the REST API has comes from the route
 * schemas: api-types.ts is generated from them (`npm run sdk:types`) and each type here reads
 * it by operation, never restating it. Dates are ISO 8601 strings.
 * The socket's events are the realtime protocol (docs/ARCHITECTURE.md), built of the same shapes.
 */

import type { Answer, Query, RequestBody } from './api-shapes.ts';

/** A user's role, as the JWT's `role` claim carries it. */
export type Role = 'buyer' | 'seller' | 'moderator' | 'operator';

/** Who the client acts for, read from the JWT's payload (`sub`, `role`, `name`). */
export interface ParleyUser {
  userId: string;
  role: Role;
  name?: string;
  /** The token's optional `locale` claim (a language tag): the language the user reads. */
  locale?: string;
}

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

// ---- Conversations --------------------------------------------------------------------------

export type ConversationType = NonNullable<Query<'/conversations', 'get'>['type']>;
export type ParticipantRole = RequestBody<'/conversations', 'post'>['participants'][number]['role'];
/** getConversation's answer (list items are ConversationPage['conversations'][number]). */
export type Conversation = Answer<'/conversations/{id}', 'get', 200>;
export type Participant = Conversation['participants'][number];
export type ListConversationsQuery = Query<'/conversations', 'get'>;
export type ConversationPage = Answer<'/conversations', 'get', 200>;
/** A conversation as the inbox lists it: with its latest message as the caller sees it. */
export type InboxConversation = ConversationPage['conversations'][number];

// ---- Messages -------------------------------------------------------------------------------

export type MessageType = NonNullable<RequestBody<'/conversations/{id}/messages', 'post'>['messageType']>;
/** A message as stored (sendMessage's answer). */
export type Message = Answer<'/conversations/{id}/messages', 'post', 201>;
export type MessageStatus = Message['status'];
/** An attachment as a message carries it. Download it with `fetchAttachment(attachmentId)`. */
export type AttachmentRef = Message['attachments'][number];
/** An uploaded attachment (uploadAttachment's answer): send it in a message by `attachmentId`. */
export type Attachment = Answer<'/conversations/{id}/attachments', 'post', 201>;
export type ListMessagesQuery = Query<'/conversations/{id}/messages', 'get'>;
export type MessagePage = Answer<'/conversations/{id}/messages', 'get', 200>;
type SendBody = RequestBody<'/conversations/{id}/messages', 'post'>;
/** A message to send; a message with metadata is sent over REST (the socket frame has none). */
export type SendMessageInput = Omit<SendBody, 'clientMessageId'>;
export interface SendOptions {
  /** The message's idempotency key; generated (crypto.randomUUID) when omitted. Sending again with the same id stores it once. */
  clientMessageId?: SendBody['clientMessageId'];
}
/** markRead's answer. */
export type ReadMark = Answer<'/conversations/{id}/read', 'post', 200>;
export type SearchQuery = Omit<Query<'/messages/search', 'get'>, 'q'>;
export type SearchResult = Answer<'/messages/search', 'get', 200>;

// ---- Marketplace ----------------------------------------------------------------------------

export type MyOrdersQuery = Query<'/marketplace/messaging/conversations/my-orders', 'get'>;
export type OrderStatus = NonNullable<MyOrdersQuery['status']>;
export type MyOrdersPage = Answer<'/marketplace/messaging/conversations/my-orders', 'get', 200>;
export type OrderConversation = MyOrdersPage['conversations'][number];
export type Order = NonNullable<OrderConversation['order']>;
export type TimelineQuery = Query<'/marketplace/messaging/conversations/{id}/order-timeline', 'get'>;
export type Timeline = Answer<'/marketplace/messaging/conversations/{id}/order-timeline', 'get', 200>;
/** One entry of an order timeline: a message, or an order event. */
export type TimelineItem = Timeline['items'][number];
export type OrderEvent = Extract<TimelineItem, { kind: 'order_event' }>['event'];

// ---- Notifications --------------------------------------------------------------------------

export type NotificationType = RequestBody<'/notifications', 'post'>['notificationType'];
export type ListNotificationsQuery = Query<'/me/notifications', 'get'>;
export type NotificationPage = Answer<'/me/notifications', 'get', 200>;
/** An item of the user's in-app feed. */
export type Notification = NotificationPage['notifications'][number];
export type NotificationsUnread = Answer<'/me/notifications/unread-count', 'get', 200>;
export type NotificationMarkResult = Answer<'/me/notifications/read', 'post', 200>;
export type NotificationClickResult = Answer<'/me/notifications/{logId}/click', 'post', 200>;
/** What POST /notifications/:logId/opened (or /clicked) answers: the notification's status, first open and click after the report. */
export type NotificationEngagementReport = Answer<'/notifications/{logId}/opened', 'post', 200>;
/** A notification's status per channel, with each delivery's opens and clicks (GET /notifications/:requestId). */
export type NotificationStatus = Answer<'/notifications/{requestId}', 'get', 200>;
export type NotificationDelivery = NotificationStatus['deliveries'][number];
/** The operators' delivery figures (GET /notifications/analytics). */
export type DeliveryAnalytics = Answer<'/notifications/analytics', 'get', 200>;
/** The specification's KPIs beside their targets (GET /kpis). */
export type KpiReport = Answer<'/kpis', 'get', 200>;
export type Kpi = KpiReport['kpis'][number];
export type DeadLetterPage = Answer<'/notifications/dead-letters', 'get', 200>;
export type DeadLetter = DeadLetterPage['deadLetters'][number];
export type DeadLetterReplay = Answer<'/notifications/dead-letters/replay', 'post', 200>;
/** The suppression list (operators): addresses no channel sends to, and its audit trail. */
export type SuppressionPage = Answer<'/suppressions', 'get', 200>;
export type Suppression = SuppressionPage['suppressions'][number];
export type SuppressionEventPage = Answer<'/suppressions/events', 'get', 200>;
export type SuppressionEvent = SuppressionEventPage['events'][number];
/** Event webhooks (operators: every event; sellers: their own conversations and orders), and each endpoint's delivery log. */
export type WebhookEndpoint = Answer<'/webhook-endpoints/{endpointId}', 'get', 200>;
export type WebhookEndpointWithSecret = Answer<'/webhook-endpoints', 'post', 201>;
export type WebhookEndpointInput = RequestBody<'/webhook-endpoints', 'post'>;
export type WebhookEndpointList = Answer<'/webhook-endpoints', 'get', 200>;
export type WebhookDeliveryPage = Answer<'/webhook-endpoints/{endpointId}/deliveries', 'get', 200>;
export type WebhookDelivery = WebhookDeliveryPage['deliveries'][number];
/** Vendors' promotional campaigns (sellers: their own): the campaign, its progress and results, a page of them, a dry run's figures. */
export type Campaign = Answer<'/campaigns/{campaignId}/pause', 'post', 200>;
export type CampaignInput = RequestBody<'/campaigns', 'post'>;
export type CampaignDetail = Answer<'/campaigns/{campaignId}', 'get', 200>;
export type CampaignPage = Answer<'/campaigns', 'get', 200>;
export type CampaignDryRun = Answer<'/campaigns/dry-run', 'post', 200>;

// ---- Preferences ----------------------------------------------------------------------------

type PreferencesBody = RequestBody<'/users/{userId}/preferences', 'put'>['preferences'];
export type UserChannel = NonNullable<NonNullable<PreferencesBody['channels']>['transactional']>[number];
export type TimeWindow = NonNullable<PreferencesBody['doNotDisturb']>;
/** A user's digests: per notification type and for chat, off, hourly or daily at a time; and their timezone. */
export type DigestPreferences = NonNullable<PreferencesBody['digests']>;
export type DigestChoice = NonNullable<DigestPreferences['chat']>;
/** getPreferences' answer. */
export type UserPreferences = Answer<'/users/{userId}/preferences', 'get', 200>;
/** The preferences as Parley shows them. */
export type Preferences = UserPreferences['preferences'];
export type Device = UserPreferences['deviceTokens'][number];

/** The personal-data export (format parley-export/1), as the file holds it. */
export type UserDataExport = Answer<'/users/{userId}/export', 'get', 200>;
/** exportUserData's answer: the document as a file, and the name Parley gives it. */
export interface UserDataFile {
  blob: Blob;
  fileName: string;
}

/**
 * What putPreferences takes: the whole set (it replaces the stored one). What getPreferences
 * returned is accepted as is: the SDK leaves nulls out, and drops `promotionalSentToday` and
 * `lastResetDate`, which are Parley's own, before sending PreferencesBody.
 */
export interface PreferencesInput {
  channels?: PreferencesBody['channels'];
  doNotDisturb?: TimeWindow | null;
  dailyLimits?: { promotionalLimit: number | null; promotionalSentToday?: number; lastResetDate?: string } | null;
  optOut?: PreferencesBody['optOut'];
  preferredTimeForDelivery?: TimeWindow | null;
  digests?: DigestPreferences;
}

// ---- Socket events --------------------------------------------------------------------------

/** The events `on()` delivers, by type: the server's, plus `connection`. */
export interface ParleyEventMap {
  /** The server accepted the socket. */
  ready: { type: 'ready'; userId: string };
  /**
   * A new message, live or replayed after a reconnect; each message once. A live message to
   * its recipients carries their unread count in the conversation with it (`unreadCount`); the
   * client also emits that as an `unread` event.
   */
  'message.created': { type: 'message.created'; message: Message; unreadCount?: number };
  'message.updated': { type: 'message.updated'; message: Message };
  'message.deleted': { type: 'message.deleted'; message: Message };
  /** The answer to a send over the socket (`created` false: the clientMessageId was stored before). */
  'message.ack': { type: 'message.ack'; clientMessageId: string; created: boolean; message: Message };
  receipt: { type: 'receipt'; conversationId: string; userId: string; lastReadSeq: number; lastDeliveredSeq: number };
  /** This user's unread count in a conversation. */
  unread: { type: 'unread'; conversationId: string; unreadCount: number };
  typing: { type: 'typing'; conversationId: string; userId: string };
  presence: { type: 'presence'; userId: string; online: boolean };
  'conversation.created': { type: 'conversation.created'; conversation: Conversation };
  'participant.added': { type: 'participant.added'; conversationId: string; participant: { userId: string; role: ParticipantRole } };
  'notification.created': { type: 'notification.created'; notification: Notification };
  /** This user's unread in-app notifications. */
  'notifications.unread': { type: 'notifications.unread'; unread: number };
  /** A resume was replayed: `truncated` conversations missed more than a socket replays (page them with listMessages({ after })). */
  resumed: { type: 'resumed'; conversations: string[]; truncated: string[]; unknown: string[] };
  /** Events may have passed this socket by (the server's nodes lost touch for a while); the client resumes from its cursors. */
  resync: { type: 'resync'; reason: string };
  /** A frame the server refused; a send's refusal also rejects its sendMessage() promise. */
  error: { type: 'error'; code: string; message: string; clientMessageId?: string; conversationId?: string; details?: unknown };
  pong: { type: 'pong' };
  /** The client's connection state changed; `error` when it stopped for good because of one. */
  connection: { type: 'connection'; state: ConnectionState; error?: Error };
}

export type ParleyEventType = keyof ParleyEventMap;

/** Any event, as `'*'` handlers (and handlers of types not in ParleyEventMap) receive it. */
// biome-ignore lint: events are whatever the server sends
export type ParleyEvent = { type: string; [key: string]: any };

/** The moderation queue (moderators and operators). */
export type DisputeQueuePage = Answer<'/marketplace/messaging/disputes', 'get', 200>;
export type Dispute = Answer<'/marketplace/messaging/disputes/{disputeId}/assign', 'post', 200>;
export type FlagPage = Answer<'/marketplace/messaging/moderation/flagged', 'get', 200>;
export type Flag = FlagPage['flags'][number];
export type MaskingReport = Answer<'/marketplace/messaging/moderation/masking', 'get', 200>;
/** When contact details are shown in an order's conversation (operators). */
export type ContactRevealRule = Answer<'/marketplace/messaging/settings/contact-reveal', 'get', 200>;
/** What setContactRevealRule takes: order statuses, and optionally a fulfilment (delivery, local_pickup). */
export interface ContactRevealInput {
  orderStatuses: string[];
  fulfilment?: string | null;
}
/** exportDisputeEvidence's answer: the signed tar archive, and the name Parley gives it. */
export interface DisputeEvidenceFile {
  blob: Blob;
  fileName: string;
}

/** A seller's messaging analytics, per window, with the marketplace's anonymised figures beside them. */
export type SellerAnalytics = Answer<'/marketplace/messaging/seller/analytics/messaging', 'get', 200>;

/** An order's customer-satisfaction rating: whether its buyer was asked, what they gave, whether they can rate now. */
export type OrderRating = Answer<'/marketplace/orders/{orderId}/rating', 'get', 200>;
export type RatingInput = RequestBody<'/marketplace/orders/{orderId}/rating', 'post'>;
/** A page of a seller's ratings, newest first. */
export type SellerRatingsPage = Answer<'/marketplace/messaging/seller/ratings', 'get', 200>;

/** A seller's templates, each filled for the conversation they were listed for (`rendered`). */
export type TemplatePage = Answer<'/marketplace/messaging/templates', 'get', 200>;
export type ReplySuggestions = Answer<'/marketplace/messaging/quick-replies/suggest', 'get', 200>;

/** A person's promotional consents: as they stand (`current`) and every record (`history`). */
export type UserConsents = Answer<'/users/{userId}/consents', 'get', 200>;
export type ConsentRecord = UserConsents['history'][number];
export type ConsentInput = RequestBody<'/users/{userId}/consents', 'post'>;
/** A page of the customers who consent to a vendor's promotions. */
export type VendorConsentsPage = Answer<'/vendors/{vendorId}/consents', 'get', 200>;
/** The audit record an erasure answers (DELETE /users/{userId}). */
export type ErasureRecord = Answer<'/users/{userId}', 'delete', 200>;
