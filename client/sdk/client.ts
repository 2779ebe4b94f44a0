import { HttpClient, type Query, type TokenSource } from './http.ts';
import { type ConnectionHooks, LiveConnection, type WebSocketConstructor } from './socket.ts';
import { Outbox } from './sending.ts';
import { ClientState } from './state.ts';
import type {
  Attachment,
  ConnectionState,
  Conversation,
  ConversationPage,
  ListConversationsQuery,
  ListMessagesQuery,
  ListNotificationsQuery,
  Message,
  MessagePage,
  MyOrdersPage,
  MyOrdersQuery,
  NotificationClickResult,
  NotificationEngagementReport,
  NotificationStatus,
  NotificationMarkResult,
  NotificationPage,
  NotificationsUnread,
  OrderRating,
  ParleyEvent,
  ParleyEventMap,
  ParleyUser,
  PreferencesInput,
  RatingInput,
  ReadMark,
  SearchQuery,
  SearchResult,
  SendMessageInput,
  SendOptions,
  SellerRatingsPage,
  Timeline,
  TimelineQuery,
  UserDataFile,
  ContactRevealRule,
  ContactRevealInput,
  DisputeEvidenceFile,
  UserPreferences,
} from './types.ts';

export type { TokenSource } from './http.ts';
export type { WebSocketConstructor, WebSocketLike } from './socket.ts';

export interface ParleyClientOptions {
  /** Where Parley is: omitted (or '') for the page's own origin, or 'https://chat.example.com'. Required outside a browser. */
  baseUrl?: string;
  /**
   * The user's JWT, signed by the marketplace's backend, or a function that fetches a fresh
   * one: it is called for each new connection, and again (once) when a request is refused
   * with `token_expired`, which is then retried.
   */
  token: TokenSource;
  /** A WebSocket constructor; the global one by default (Node.js 20: pass the `ws` package's). */
  WebSocket?: WebSocketConstructor;
  /** A fetch implementation; the global one by default. */
  fetch?: typeof fetch;
  /** Delays between reconnection attempts: exponential from minDelayMs (500) up to maxDelayMs (30,000), with jitter. */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
  /**
   * After this long without a frame from the server the client pings; with no answer within
   * as long again the connection is taken for dead and replaced. Default 25,000; 0 turns it off.
   */
  heartbeatMs?: number;
}

// biome-ignore lint: handlers of every event type live in one map
type AnyHandler = (event: any) => void;

const typingIntervalMs = 1_000;

/**
 * A marketplace frontend's way to Parley: REST calls, the live connection with reconnect and
 * resume, sends that are stored once whatever fails, and live unread counts. No framework, no
 * dependencies; browsers, and Node.js with the `ws` package.
 *
 * It is made of four parts, each in its file: `HttpClient` (http.ts: REST calls and the
 * token), `LiveConnection` (socket.ts: the WebSocket, reconnecting, heartbeat), `ClientState`
 * (state.ts: resume cursors, delivered ids, unread counts) and `Outbox` (sending.ts: sends and
 * their acks). This class joins them and gives each frame its meaning.
 */
export class ParleyClient {
  private readonly http: HttpClient;
  private readonly connection: LiveConnection;
  private readonly store: ClientState;
  private readonly outbox: Outbox;
  private readonly handlers = new Map<string, Set<AnyHandler>>();
  private readonly lastTyping = new Map<string, number>();

  constructor(options: ParleyClientOptions) {
    this.http = new HttpClient(options);
    const minDelayMs = Math.max(1, options.reconnect?.minDelayMs ?? 500);
    const maxDelayMs = Math.max(minDelayMs, options.reconnect?.maxDelayMs ?? 30_000);
    this.store = new ClientState((event) => this.emit(event));
    const hooks: ConnectionHooks = {
      state: (state, error) => this.emit({ type: 'connection', state, ...(error ? { error } : {}) }),
      ready: (event) => this.onReady(event),
      frame: (event) => this.onFrame(event),
      detached: () => this.store.dropResume(),
      gone: (socket) => this.outbox.socketGone(socket),
      checkCredentials: () => this.fetchNotificationsUnread(),
    };
    this.connection = new LiveConnection(this.http, { WebSocket: options.WebSocket, minDelayMs, maxDelayMs, heartbeatMs: options.heartbeatMs ?? 25_000 }, hooks);
    this.outbox = new Outbox(this.http, this.connection, this.store, { minDelayMs, maxDelayMs });
  }

  /** Who the client acts for, from the token. With a token function: once connect() or a request fetched one. */
  get user(): ParleyUser {
    const user = this.http.user;
    if (!user) throw new Error('The user is known once a token was fetched: call connect() or a request first.');
    return user;
  }

  get state(): ConnectionState {
    return this.connection.state;
  }

  /** This user's unread messages in a conversation, kept live from `unread` events and listed conversations. */
  unreadCount(conversationId: string): number {
    return this.store.unreadCount(conversationId);
  }

  /** The unread messages of every conversation the client knows. */
  get unreadTotal(): number {
    return this.store.unreadTotal;
  }

  /** Unread in-app notifications, kept live from `notification.created` and `notifications.unread`. */
  get notificationsUnread(): number {
    return this.store.notificationsUnread;
  }

  // ---- Events ---------------------------------------------------------------------------------

  /** Listens for an event (or every event with '*'); returns the function that stops listening. */
  on<K extends keyof ParleyEventMap>(type: K, handler: (event: ParleyEventMap[K]) => void): () => void;
  on(type: string, handler: (event: ParleyEvent) => void): () => void;
  on(type: string, handler: AnyHandler): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  private emit(event: ParleyEvent): void {
    for (const list of [this.handlers.get(event.type), this.handlers.get('*')]) {
      if (!list) continue;
      for (const handler of [...list]) {
        try {
          handler(event);
        } catch (error) {
          // One failing handler must not stop the others, nor the client.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  }

  // ---- The live connection -----------------------------------------------------------------------

  /**
   * Opens the live connection; resolves at the server's `ready`. Until close(), a dropped
   * connection is replaced (state `reconnecting`) and resumed where it left off. Rejects when
   * close() is called first, or when Parley refuses the user's token for good.
   */
  connect(): Promise<void> {
    return this.connection.connect();
  }

  /** Closes the connection for good (no reconnecting); sends in flight finish over REST. */
  close(): void {
    this.connection.close();
  }

  /** Sends a frame as is on the live connection (see the protocol in docs/ARCHITECTURE.md); false when it is not open. */
  send(frame: { type: string; [key: string]: unknown }): boolean {
    return this.connection.sendFrame(frame);
  }

  /** A frame from the server: the state takes it in (a replay already delivered is dropped), sends settle, listeners hear it. */
  private onFrame(event: ParleyEvent): void {
    if (!this.store.apply(event)) return;
    switch (event.type) {
      case 'message.ack':
        this.outbox.acked(event.message?.conversationId, event.clientMessageId, event.message as Message);
        break;
      case 'error':
        if (typeof event.clientMessageId === 'string') this.outbox.refused(event);
        break;
      case 'resync':
        // As after a reconnect: replay what came after each cursor, and re-read the counts.
        this.resume();
        void this.refreshCounts().catch(() => {});
        break;
    }
    this.emit(event);
    // A new message tells its recipient their unread count too: handlers of `unread` hear it as before.
    if (event.type === 'message.created' && typeof event.unreadCount === 'number' && event.message) {
      this.emit({ type: 'unread', conversationId: event.message.conversationId, unreadCount: event.unreadCount });
    }
  }

  private onReady(event: ParleyEvent): void {
    // Resume where the client left off: the server replays what came after each cursor.
    this.store.dropResume();
    this.resume();
    this.emit(event);
    // Counts may have moved while the client was away.
    void this.refreshCounts().catch(() => {});
  }

  private resume(): void {
    const cursors = this.store.startResume();
    if (cursors) this.connection.sendFrame({ type: 'resume', cursors });
  }

  /** On each ready: the unread counts and the notification count, which may have moved while away. */
  private async refreshCounts(): Promise<void> {
    const since = this.store.epoch;
    const jobs: Promise<unknown>[] = [this.fetchNotificationsUnread()];
    if (this.http.user?.role !== 'operator') {
      jobs.push(
        this.request<ConversationPage>('GET', '/conversations', undefined, { unread: true, limit: 100 }).then((page) => {
          this.store.noteConversations(since, page.conversations);
          // Every unread conversation was listed: the others are read.
          if (page.nextCursor === null) this.store.noteAllUnreadListed(since, new Set(page.conversations.map((c) => c.conversationId)));
        }),
      );
    }
    await Promise.all(jobs);
  }

  // ---- REST ----------------------------------------------------------------------------------------

  /** Any API call, as JSON. Error answers throw ParleyApiError; Parley unreachable is ParleyApiError(0, 'network_error'). */
  // biome-ignore lint: the caller names the answer's type
  async request<T = any>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    return this.http.json<T>(method, path, body, query);
  }

  /**
   * Sends a message; resolves with it as stored. Over the socket when it is open (and there is
   * no metadata), otherwise over REST. A socket that drops before the ack, an ack that does
   * not come, or Parley unreachable: the send is tried again with the same clientMessageId,
   * so Parley stores it once. Refusals reject with ParleyApiError.
   */
  sendMessage(conversationId: string, input: SendMessageInput = {}, options: SendOptions = {}): Promise<Message> {
    return this.outbox.send(conversationId, input, options);
  }

  /** Changes the text of one of the user's own messages, within the edit window; resolves with it as stored. */
  editMessage(conversationId: string, messageId: string, content: string): Promise<Message> {
    return this.request<Message>(
      'PATCH',
      `/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}`,
      { content },
    );
  }

  /** Deletes one of the user's own messages, within the edit window: it stays in place as "deleted". */
  deleteMessage(conversationId: string, messageId: string): Promise<Message> {
    return this.request<Message>('DELETE', `/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}`);
  }

  /** Tells the other participants this user is typing (socket only; at most one a second per conversation). */
  sendTyping(conversationId: string): void {
    const now = Date.now();
    if (now - (this.lastTyping.get(conversationId) ?? 0) < typingIntervalMs) return;
    if (this.connection.sendFrame({ type: 'typing', conversationId })) {
      this.lastTyping.set(conversationId, now);
      if (this.lastTyping.size > 1_000) this.lastTyping.clear();
    }
  }

  /** Marks the conversation read up to `seq` (default: everything) and updates its unread count. */
  async markRead(conversationId: string, seq?: number): Promise<void> {
    const since = this.store.epoch;
    const result = await this.request<ReadMark>(
      'POST',
      `/conversations/${encodeURIComponent(conversationId)}/read`,
      seq === undefined ? {} : { seq },
    );
    this.store.setUnreadFrom(since, conversationId, result.unreadCount);
  }

  // ---- Conversations and messages ------------------------------------------------------------------

  async listConversations(query: ListConversationsQuery = {}): Promise<ConversationPage> {
    const since = this.store.epoch;
    const page = await this.request<ConversationPage>('GET', '/conversations', undefined, { ...query });
    if (this.http.user?.role !== 'operator') this.store.noteConversations(since, page.conversations);
    return page;
  }

  async getConversation(conversationId: string): Promise<Conversation> {
    const since = this.store.epoch;
    const conversation = await this.request<Conversation>('GET', `/conversations/${encodeURIComponent(conversationId)}`);
    if (conversation.participants.some((p) => p.userId === this.http.user?.userId)) this.store.noteConversations(since, [conversation]);
    return conversation;
  }

  /** Messages in seq order: the newest page by default, `before` for older ones, `after` to catch up. */
  async listMessages(conversationId: string, query: ListMessagesQuery = {}): Promise<MessagePage> {
    const page = await this.request<MessagePage>('GET', `/conversations/${encodeURIComponent(conversationId)}/messages`, undefined, { ...query });
    this.store.noteMessages(page.messages);
    return page;
  }

  searchMessages(q: string, query: SearchQuery = {}): Promise<SearchResult> {
    return this.request<SearchResult>('GET', '/messages/search', undefined, { q, ...query });
  }

  /** An order conversation's messages and order events in one list. */
  async orderTimeline(conversationId: string, query: TimelineQuery = {}): Promise<Timeline> {
    const timeline = await this.request<Timeline>(
      'GET',
      `/marketplace/messaging/conversations/${encodeURIComponent(conversationId)}/order-timeline`,
      undefined,
      { ...query },
    );
    this.store.noteMessages(timeline.items.flatMap((item) => (item.kind === 'message' ? [item.message] : [])));
    return timeline;
  }

  /** The user's order conversations with each order's state. */
  async myOrders(query: MyOrdersQuery = {}): Promise<MyOrdersPage> {
    const since = this.store.epoch;
    const page = await this.request<MyOrdersPage>('GET', '/marketplace/messaging/conversations/my-orders', undefined, { ...query });
    if (this.http.user?.role !== 'operator') this.store.noteConversations(since, page.conversations);
    return page;
  }

  /** The buyer rates the seller's communication about a delivered order (or one whose dispute was resolved), once: 1–5 and an optional comment. */
  rateOrder(orderId: string, input: RatingInput): Promise<OrderRating> {
    return this.request<OrderRating>('POST', `/marketplace/orders/${encodeURIComponent(orderId)}/rating`, input);
  }

  /** An order's rating, for its buyer (with whether they can rate now), its seller or an operator. */
  orderRating(orderId: string): Promise<OrderRating> {
    return this.request<OrderRating>('GET', `/marketplace/orders/${encodeURIComponent(orderId)}/rating`);
  }

  /** A seller's ratings from buyers, newest first (operators: any seller's, or every seller's). */
  sellerRatings(query: { sellerId?: string; cursor?: string; limit?: number } = {}): Promise<SellerRatingsPage> {
    return this.request<SellerRatingsPage>('GET', '/marketplace/messaging/seller/ratings', undefined, { ...query });
  }

  // ---- Attachments ---------------------------------------------------------------------------------

  /** Uploads a file (give the Blob its type: Parley checks it) to send in a message by its `attachmentId`. */
  async uploadAttachment(conversationId: string, file: Blob, filename: string): Promise<Attachment> {
    const form = new FormData();
    form.append('file', file, filename);
    const response = await this.http.call('POST', `/conversations/${encodeURIComponent(conversationId)}/attachments`, { body: form });
    return (await response.json()) as Attachment;
  }

  /** An attachment's bytes. The download needs the bearer header: show an image with URL.createObjectURL(blob). */
  async fetchAttachment(attachmentId: string): Promise<Blob> {
    const response = await this.http.call('GET', `/attachments/${encodeURIComponent(attachmentId)}`, {});
    return response.blob();
  }

  // ---- Notifications -------------------------------------------------------------------------------

  async listNotifications(query: ListNotificationsQuery = {}): Promise<NotificationPage> {
    const since = this.store.epoch;
    const page = await this.request<NotificationPage>('GET', '/me/notifications', undefined, { ...query });
    this.store.setNotificationsUnreadFrom(since, page.unread);
    return page;
  }

  notificationsUnreadCount(): Promise<number> {
    return this.fetchNotificationsUnread();
  }

  private async fetchNotificationsUnread(): Promise<number> {
    const since = this.store.epoch;
    const { unread } = await this.request<NotificationsUnread>('GET', '/me/notifications/unread-count');
    this.store.setNotificationsUnreadFrom(since, unread);
    return unread;
  }

  /** Marks these notifications read (none given: all of them). An empty list marks nothing. */
  markNotificationsRead(logIds?: string[]): Promise<NotificationMarkResult> {
    return this.markNotifications('read', logIds);
  }

  /** Marks these notifications seen: the list was shown (none given: all of them). */
  markNotificationsSeen(logIds?: string[]): Promise<NotificationMarkResult> {
    return this.markNotifications('seen', logIds);
  }

  private async markNotifications(what: 'read' | 'seen', logIds?: string[]): Promise<NotificationMarkResult> {
    if (logIds && logIds.length === 0) return { marked: 0, unread: this.store.notificationsUnread };
    const since = this.store.epoch;
    const result = await this.request<NotificationMarkResult>('POST', `/me/notifications/${what}`, logIds ? { logIds } : { all: true });
    this.store.setNotificationsUnreadFrom(since, result.unread);
    return result;
  }

  /** Records that the user followed the notification's action (it also counts as read). */
  async clickNotification(logId: string): Promise<NotificationClickResult> {
    const since = this.store.epoch;
    const result = await this.request<NotificationClickResult>('POST', `/me/notifications/${encodeURIComponent(logId)}/click`, {});
    this.store.setNotificationsUnreadFrom(since, result.unread);
    return result;
  }

  /**
   * Reports that the user opened one of their push or in-app notifications (the app was opened
   * from a push, or the notification was shown to them). `logId` is the feed item's logId, or a
   * push payload's parley_delivery_id. Repeating it records another open, never a second first one.
   */
  reportNotificationOpened(logId: string): Promise<NotificationEngagementReport> {
    return this.request<NotificationEngagementReport>('POST', `/notifications/${encodeURIComponent(logId)}/opened`);
  }

  /** Reports that the user followed a push or in-app notification's action; an in-app item becomes read too. */
  async reportNotificationClicked(logId: string): Promise<NotificationEngagementReport> {
    const result = await this.request<NotificationEngagementReport>('POST', `/notifications/${encodeURIComponent(logId)}/clicked`);
    if (result.channel === 'in-app') await this.fetchNotificationsUnread().catch(() => undefined);
    return result;
  }

  /** A notification's status per channel, with each delivery's opens and clicks (operators, or its recipient). */
  notificationStatus(requestId: string): Promise<NotificationStatus> {
    return this.request<NotificationStatus>('GET', `/notifications/${encodeURIComponent(requestId)}`);
  }

  // ---- Preferences ---------------------------------------------------------------------------------

  async getPreferences(userId?: string): Promise<UserPreferences> {
    const id = userId ?? (await this.http.me()).userId;
    return this.request<UserPreferences>('GET', `/users/${encodeURIComponent(id)}/preferences`);
  }

  /** Replaces the user's preferences; what getPreferences returned may be changed and passed back as is. */
  async putPreferences(preferences: PreferencesInput, userId?: string): Promise<UserPreferences> {
    const id = userId ?? (await this.http.me()).userId;
    return this.request<UserPreferences>('PUT', `/users/${encodeURIComponent(id)}/preferences`, { preferences: writablePreferences(preferences) });
  }

  // ---- Personal data -------------------------------------------------------------------------------

  /**
   * Everything Parley holds about the user (their own, or another's for an operator) as a JSON
   * file (a UserDataExport, format parley-export/1): save it with URL.createObjectURL(blob), or
   * read it with JSON.parse(await blob.text()).
   */
  async exportUserData(userId?: string): Promise<UserDataFile> {
    const id = userId ?? (await this.http.me()).userId;
    const response = await this.http.call('GET', `/users/${encodeURIComponent(id)}/export`, {});
    const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
    return { blob: await response.blob(), fileName: named?.[1] ?? 'parley-export.json' };
  }

  // ---- Masking and disputes (operators, moderators) -----------------------------------------------

  /** When contact details are shown in an order's conversation (operators). */
  async getContactRevealRule(): Promise<ContactRevealRule> {
    return this.request<ContactRevealRule>('GET', '/marketplace/messaging/settings/contact-reveal');
  }

  /** Sets it: the order statuses in which contact details are shown ([]: always masked), and optionally a fulfilment such as local_pickup. */
  async setContactRevealRule(rule: ContactRevealInput): Promise<ContactRevealRule> {
    return this.request<ContactRevealRule>('PUT', '/marketplace/messaging/settings/contact-reveal', rule);
  }

  /**
   * A dispute's evidence as one signed tar archive (its moderator, or an operator): save it with
   * URL.createObjectURL(blob); check it with `parley verify-evidence`. Each export is recorded in
   * the dispute's history.
   */
  async exportDisputeEvidence(disputeId: string): Promise<DisputeEvidenceFile> {
    const response = await this.http.call('GET', `/marketplace/messaging/disputes/${encodeURIComponent(disputeId)}/evidence`, {});
    const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
    return { blob: await response.blob(), fileName: named?.[1] ?? `dispute-${disputeId}-evidence.tar` };
  }
}

/** The preferences as PUT takes them: no nulls, and not the counters Parley keeps itself. */
function writablePreferences(input: PreferencesInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.channels) out.channels = input.channels;
  if (input.doNotDisturb) out.doNotDisturb = input.doNotDisturb;
  if (input.preferredTimeForDelivery) out.preferredTimeForDelivery = input.preferredTimeForDelivery;
  if (input.optOut) out.optOut = input.optOut;
  if (input.digests) out.digests = input.digests;
  const limit = input.dailyLimits?.promotionalLimit;
  if (typeof limit === 'number') out.dailyLimits = { promotionalLimit: limit };
  return out;
}
