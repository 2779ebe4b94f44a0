/**
 * The answers of the operations whose routes do not declare a response schema yet, as the
 * server writes them today. types.ts takes each answer from the generated api-types.ts as soon
 * as its route declares its schema (`npm run sdk:types`), and from here only until then: once
 * test/sdk-types.test.ts finds every answer the SDK reads declared, this file is unused and goes.
 */

import type { Query, RequestBody } from './api-shapes.ts';

type ConversationType = NonNullable<Query<'/conversations', 'get'>['type']>;
type ParticipantRole = RequestBody<'/conversations', 'post'>['participants'][number]['role'];
type MessageType = NonNullable<RequestBody<'/conversations/{id}/messages', 'post'>['messageType']>;
type OrderStatus = NonNullable<Query<'/marketplace/messaging/conversations/my-orders', 'get'>['status']>;
type NotificationType = RequestBody<'/notifications', 'post'>['notificationType'];
type UserChannel = NonNullable<NonNullable<RequestBody<'/users/{userId}/preferences', 'put'>['preferences']['channels']>['transactional']>[number];

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

export interface ConversationPage {
  conversations: Conversation[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

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

export interface MessagePage {
  /** In seq order: the newest page by default. */
  messages: Message[];
  hasMore: boolean;
}

export interface ReadMark {
  lastReadSeq: number;
  unreadCount: number;
}

export interface SearchResult {
  /** Newest first. */
  messages: Message[];
}

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

export interface Timeline {
  conversationId: string;
  orderId: string | null;
  /** Oldest first within the page; the newest page by default. */
  items: TimelineItem[];
  olderCursor: string | null;
  newerCursor: string | null;
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

export interface NotificationPage {
  /** Newest first. */
  notifications: Notification[];
  nextCursor: string | null;
  /** The user's unread count. */
  unread: number;
}

export interface NotificationsUnread {
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
