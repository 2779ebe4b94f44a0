/**
 * The shapes Parley's API and socket carry, as the server writes them (see src/*: the views in
 * conversations/service.ts, messages/service.ts, notifications/feed.ts and preferences.ts,
 * marketplace/conversations.ts). Dates are ISO 8601 strings.
 */

export type Role = 'buyer' | 'seller' | 'moderator' | 'operator';

/** Who the client acts for, read from the JWT's payload (`sub`, `role`, `name`). */
export interface ParleyUser {
  userId: string;
  role: Role;
  name?: string;
}

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

// ---- Conversations --------------------------------------------------------------------------

export type ConversationType = 'general' | 'order' | 'product_inquiry' | 'dispute';
export type ParticipantRole = 'buyer' | 'seller' | 'moderator' | 'system';

export interface Participant {
  userId: string;
  /** The name the marketplace gave Parley for this user (PUT /users/:userId/contact), if any. */
  name: string | null;
  role: ParticipantRole;
  /** Read "up to sequence n": receipts are per participant, not per message. */
  lastReadSeq: number;
  lastDeliveredSeq: number;
  /** Only in GET /conversations/:id (getConversation). */
  online?: boolean;
}

export interface Conversation {
  conversationId: string;
  conversationType: ConversationType;
  orderId: string | null;
  productId: string | null;
  listingId: string | null;
  subject: string | null;
  contextMetadata: Record<string, unknown>;
  isAutomated: boolean;
  participants: Participant[];
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string | null;
  /** The conversation's message counter: the seq of its latest message (0: none yet). */
  lastMessageSeq: number;
  /** The caller's own unread count (0 for an operator who is not a participant). */
  unreadCount: number;
  archived: boolean;
  /** In `listConversations` answers: the latest message as the caller sees it (null: none yet). */
  lastMessage?: Message | null;
}

export interface ListConversationsQuery {
  type?: ConversationType;
  orderId?: string;
  /** Only conversations with unread messages. */
  unread?: boolean;
  /** The archived ones instead of the others. */
  archived?: boolean;
  cursor?: string;
  /** 1 to 100, default 20. */
  limit?: number;
}

export interface ConversationPage {
  conversations: Conversation[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

// ---- Messages -------------------------------------------------------------------------------

export type MessageType =
  | 'text'
  | 'image'
  | 'file'
  | 'system'
  | 'order_status'
  | 'payment_confirmation'
  | 'tracking'
  | 'dispute_escalation'
  | 'dispute_update'
  | 'product_inquiry';

export type MessageStatus = 'sent' | 'delivered' | 'read' | 'deleted';

/** An attachment as a message carries it. Download it with `fetchAttachment(attachmentId)`. */
export interface AttachmentRef {
  attachmentId: string;
  type: 'image' | 'file';
  /** `/attachments/<id>`: needs the bearer header, so an <img> shows an object URL of fetchAttachment(). */
  url: string;
  fileName: string;
  mimeType: string;
  size: number;
}

/** An uploaded attachment (uploadAttachment's answer): send it in a message by `attachmentId`. */
export interface Attachment extends AttachmentRef {
  sha256: string;
}

export interface Message {
  messageId: string;
  conversationId: string;
  /** Position in the conversation: gapless, in commit order. Place messages by it. */
  seq: number;
  /** A user id, or `system` for the platform. */
  senderId: string;
  messageType: MessageType;
  /** null for typed messages without text and for deleted messages. */
  content: string | null;
  /** The typed messages' structured data (order_status, tracking, ...); null otherwise. */
  payload: Record<string, unknown> | null;
  timestamp: string;
  editedAt: string | null;
  deletedAt: string | null;
  isSystem: boolean;
  /** Sent by automation (an order event, an automated notice), not typed by a person. */
  isAutomated: boolean;
  /** Contact details in `content` are hidden from this viewer. */
  masked: boolean;
  /** The other participants who read it. */
  readBy: string[];
  status: MessageStatus;
  attachments: AttachmentRef[];
  clientMessageId: string | null;
  /** The sender's metadata, plus `encryptionStatus`. */
  metadata: Record<string, unknown>;
}

export interface ListMessagesQuery {
  /** Messages with a lower seq (older pages). */
  before?: number;
  /** Messages with a higher seq, oldest first (catching up). */
  after?: number;
  /** 1 to 200, default 50. */
  limit?: number;
}

export interface MessagePage {
  /** In seq order: the newest page by default. */
  messages: Message[];
  hasMore: boolean;
}

export interface SendMessageInput {
  content?: string;
  /** Ids from uploadAttachment, in this conversation, not yet sent. */
  attachments?: string[];
  /** Default `text`; users send text, image, file and product_inquiry. */
  messageType?: MessageType;
  payload?: Record<string, unknown>;
  /** At most 20 keys. A message with metadata is sent over REST (the socket frame has none). */
  metadata?: Record<string, unknown>;
}

export interface SendOptions {
  /** The message's idempotency key; generated (crypto.randomUUID) when omitted. Sending again with the same id stores it once. */
  clientMessageId?: string;
}

export interface SearchQuery {
  /** Search within one conversation. */
  conversationId?: string;
  /** 1 to 100, default 20. */
  limit?: number;
}

export interface SearchResult {
  /** Newest first. */
  messages: Message[];
}

// ---- Marketplace ----------------------------------------------------------------------------

export type OrderStatus = 'placed' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded' | 'disputed';

export interface Order {
  orderId: string;
  status: OrderStatus;
  buyerId: string;
  sellerId: string;
  total: number | null;
  currency: string | null;
  items: unknown[];
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  placedAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  refundedAt: string | null;
}

export interface OrderEvent {
  eventId: string;
  type: string;
  orderId: string;
  occurredAt: string;
  recordedAt: string;
  data: Record<string, unknown>;
  /** The system message the event posted (not listed separately in the timeline). */
  messageId: string | null;
}

/** One entry of an order timeline: a message, or an order event. */
export type TimelineItem = { kind: 'message'; at: string; message: Message } | { kind: 'order_event'; at: string; event: OrderEvent };

export interface TimelineQuery {
  /** `olderCursor` of a page: the page before it. */
  before?: string;
  /** `newerCursor` of a page: the page after it. */
  after?: string;
  /** 1 to 200, default 50. */
  limit?: number;
}

export interface Timeline {
  conversationId: string;
  orderId: string | null;
  /** Oldest first within the page; the newest page by default. */
  items: TimelineItem[];
  olderCursor: string | null;
  newerCursor: string | null;
}

export interface MyOrdersQuery {
  status?: OrderStatus;
  /** Just this order's conversation (when the caller takes part in it). */
  orderId?: string;
  as?: 'buyer' | 'seller';
  unread?: boolean;
  cursor?: string;
  /** 1 to 100, default 20. */
  limit?: number;
}

export interface OrderConversation {
  conversationId: string;
  orderId: string | null;
  /** The caller's role in it (null for an operator). */
  role: ParticipantRole | null;
  participants: { userId: string; role: ParticipantRole }[];
  contextMetadata: Record<string, unknown>;
  order: Order | null;
  dispute: { disputeId: string; status: string } | null;
  lastMessageAt: string | null;
  lastMessageSeq: number;
  unreadCount: number;
}

export interface MyOrdersPage {
  conversations: OrderConversation[];
  nextCursor: string | null;
}

// ---- Notifications --------------------------------------------------------------------------

export type NotificationType = 'transactional' | 'promotional' | 'systemAlert';

/** An item of the user's in-app feed. */
export interface Notification {
  logId: string;
  requestId: string;
  notificationType: NotificationType;
  title: string;
  body: string;
  imageUrl: string | null;
  action: { type: 'viewOrder' | 'openProduct' | 'custom'; url?: string } | null;
  createdAt: string;
  seenAt: string | null;
  readAt: string | null;
}

export interface ListNotificationsQuery {
  unread?: boolean;
  cursor?: string;
  /** 1 to 100, default 20. */
  limit?: number;
}

export interface NotificationPage {
  /** Newest first. */
  notifications: Notification[];
  nextCursor: string | null;
  /** The user's unread count. */
  unread: number;
}

export interface NotificationMarkResult {
  marked: number;
  unread: number;
}

export interface NotificationClickResult {
  logId: string;
  unread: number;
}

// ---- Preferences ----------------------------------------------------------------------------

export type UserChannel = 'email' | 'sms' | 'push' | 'in-app';

export interface TimeWindow {
  enabled: boolean;
  /** HH:MM, 24-hour. */
  startTime: string;
  endTime: string;
  /** IANA, e.g. Europe/Paris. */
  timezone: string;
}

/** The preferences as Parley shows them (getPreferences). */
export interface Preferences {
  /** The channels the user takes per notification type; a type not listed takes every channel. */
  channels: Partial<Record<NotificationType, UserChannel[]>>;
  doNotDisturb: TimeWindow | null;
  dailyLimits: { promotionalLimit: number | null; promotionalSentToday: number; lastResetDate: string };
  optOut: { email: boolean; sms: boolean; push: boolean; inApp: boolean };
  preferredTimeForDelivery: TimeWindow | null;
}

/**
 * What putPreferences takes: the whole set (it replaces the stored one). What getPreferences
 * returned is accepted as is: nulls are left out, and `promotionalSentToday` and
 * `lastResetDate` are Parley's own.
 */
export interface PreferencesInput {
  channels?: Partial<Record<NotificationType, UserChannel[]>>;
  doNotDisturb?: TimeWindow | null;
  dailyLimits?: { promotionalLimit: number | null; promotionalSentToday?: number; lastResetDate?: string } | null;
  optOut?: Partial<Preferences['optOut']>;
  preferredTimeForDelivery?: TimeWindow | null;
}

export interface Device {
  deviceId: string;
  token: string;
  platform: 'android' | 'ios' | 'web';
  lastUsed: string;
}

export interface UserPreferences {
  userId: string;
  preferences: Preferences;
  deviceTokens: Device[];
}

// ---- Socket events --------------------------------------------------------------------------

/** The events `on()` delivers, by type: the server's, plus `connection`. */
export interface ParleyEventMap {
  /** The server accepted the socket. */
  ready: { type: 'ready'; userId: string };
  /** A new message, live or replayed after a reconnect; each message once. */
  'message.created': { type: 'message.created'; message: Message };
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
