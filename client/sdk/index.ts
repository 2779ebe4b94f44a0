/**
 * The Parley client SDK: a marketplace frontend's way to Parley, with no framework and no
 * dependencies. It works in browsers and, given the `ws` package's WebSocket, in Node.js.
 * See README.md beside this file. Its types are the API's route schemas (api-types.ts, generated
 * by `npm run sdk:types`), read by operation in types.ts.
 */
export { ParleyClient } from './client.ts';
export type { ParleyClientOptions, TokenSource, WebSocketConstructor, WebSocketLike } from './client.ts';
export { ParleyApiError, statusForCode } from './errors.ts';
export { decodeUser } from './jwt.ts';
export type {
  Role,
  ParleyUser,
  ConnectionState,
  ConversationType,
  ParticipantRole,
  Participant,
  Conversation,
  ListConversationsQuery,
  ConversationPage,
  DeadLetter,
  DeadLetterPage,
  DeadLetterReplay,
  DeliveryAnalytics,
  InboxConversation,
  MessageType,
  MessageStatus,
  AttachmentRef,
  Attachment,
  Message,
  ListMessagesQuery,
  MessagePage,
  SendMessageInput,
  SendOptions,
  ReadMark,
  SearchQuery,
  SearchResult,
  OrderStatus,
  Order,
  OrderEvent,
  TimelineItem,
  TimelineQuery,
  Timeline,
  MyOrdersQuery,
  OrderConversation,
  MyOrdersPage,
  NotificationType,
  Notification,
  ListNotificationsQuery,
  NotificationPage,
  NotificationMarkResult,
  NotificationsUnread,
  NotificationClickResult,
  UserChannel,
  TimeWindow,
  Preferences,
  PreferencesInput,
  Device,
  UserPreferences,
  ParleyEventMap,
  ParleyEventType,
  ParleyEvent,
} from './types.ts';
