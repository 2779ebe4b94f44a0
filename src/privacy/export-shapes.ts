import { Type } from '@sinclair/typebox';
import { Shape } from '../http/contract.ts';
import { Message } from '../messages/message-shapes.ts';
import { PreferencesView } from '../notifications/preferences/preference-schemas.ts';

const nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);
const time = () => Type.String({ format: 'date-time' });
const maybeTime = () => nullable(time());
const free = (description: string) => Type.Unknown({ description });

const Participation = Shape({
  role: Type.String({ description: 'Their role in the conversation: buyer, seller, moderator, ...' }),
  joinedAt: time(),
  lastReadSeq: Type.Integer({ description: 'Their read receipt: the last message (by seq) they read.' }),
  lastDeliveredSeq: Type.Integer({ description: 'Their delivery receipt: the last message (by seq) delivered to them.' }),
  unreadCount: Type.Integer(),
  archivedAt: maybeTime(),
});

const Dispute = Shape({
  disputeId: Type.String(),
  orderId: nullable(Type.String()),
  openedBy: Type.String(),
  reason: Type.String(),
  status: Type.String(),
  openedAt: time(),
  resolvedAt: maybeTime(),
  closedAt: maybeTime(),
  resolutionNote: nullable(Type.String()),
  history: free("The dispute's status changes, as stored."),
});

const ExportConversation = Shape({
  conversationId: Type.String(),
  type: Type.String(),
  subject: nullable(Type.String()),
  orderId: nullable(Type.String()),
  productId: nullable(Type.String()),
  listingId: nullable(Type.String()),
  createdAt: time(),
  lastMessageAt: maybeTime(),
  participation: Participation,
  contactDetailsMasked: Shape(
    { messages: Type.Integer(), phone: Type.Integer(), email: Type.Integer(), link: Type.Integer() },
    { description: "The masking record of this user's own messages here: how many had contact details hidden from recipients, and how many phone numbers, email addresses and links." },
  ),
  disputes: Type.Array(Dispute),
  messages: Type.Array(Message, { description: "Every message, oldest first, decrypted and as this user sees it in the API (others' contact details masked where masking applies to them); attachments by metadata, not bytes." }),
});

const ExportNotification = Shape({
  logId: Type.String(),
  requestId: Type.String(),
  channel: Type.String(),
  notificationType: Type.String(),
  status: Type.String(),
  provider: nullable(Type.String()),
  recipient: free('Where it was addressed (email, phone number, device id, ...).'),
  content: free('The content as rendered for the channel (or as given literally).'),
  history: free('Each attempt and status change, as recorded.'),
  attempts: Type.Integer(),
  errorCode: nullable(Type.String()),
  errorMessage: nullable(Type.String()),
  createdAt: time(),
  dueAt: time(),
  sentAt: time(),
  deliveredAt: maybeTime(),
  seenAt: maybeTime(),
  openedAt: maybeTime(),
  readAt: maybeTime(),
  clickedAt: maybeTime(),
  opens: Shape(
    { people: Type.Integer({ minimum: 0 }), machines: Type.Integer({ minimum: 0 }) },
    { description: 'Opens recorded (an email pixel fetched, an app reporting it shown): by the person, and by machines such as mail privacy proxies.' },
  ),
  clicks: Type.Array(
    Shape({
      at: time(),
      url: nullable(Type.String({ description: 'The link followed in an email; null for a push or in-app notification the app reported clicked.' })),
      source: Type.String(),
      machine: Type.Boolean({ description: 'Judged a machine (a link scanner), not the person.' }),
    }),
    { description: 'Every click recorded, oldest first.' },
  ),
});

const ExportOrder = Shape({
  orderId: Type.String(),
  role: Type.Union([Type.Literal('buyer'), Type.Literal('seller')]),
  buyerId: Type.String(),
  sellerId: Type.String(),
  status: Type.String(),
  conversationId: Type.String(),
  currency: nullable(Type.String()),
  total: Type.Union([Type.Number(), Type.Null()]),
  items: free("The order's items, as the marketplace sent them."),
  carrier: nullable(Type.String()),
  trackingNumber: nullable(Type.String()),
  trackingUrl: nullable(Type.String()),
  placedAt: time(),
  paidAt: maybeTime(),
  shippedAt: maybeTime(),
  deliveredAt: maybeTime(),
  cancelledAt: maybeTime(),
  refundedAt: maybeTime(),
  disputedAt: maybeTime(),
});

/** The personal-data export (format parley-export/1): see docs/ARCHITECTURE.md, "Personal-data export". */
export const UserExportDocument = Shape(
  {
    format: Type.Literal('parley-export/1'),
    userId: Type.String(),
    exportedAt: time(),
    contact: Type.Union([
      Shape({ name: nullable(Type.String()), email: nullable(Type.String()), phoneNumber: nullable(Type.String()), locale: nullable(Type.String()), updatedAt: time() }),
      Type.Null(),
    ]),
    preferences: PreferencesView.properties.preferences,
    devices: Type.Array(
      Shape({
        deviceId: Type.String(),
        platform: Type.String(),
        token: Type.String({ description: 'The push token masked to its last four characters (****abcd).' }),
        lastUsed: time(),
      }),
    ),
    suppressions: Type.Array(Shape({ channel: Type.String(), address: Type.String(), reason: Type.String(), createdAt: time() }), {
      description: "Suppressions of the user's email address and phone number (bounces, complaints).",
    }),
    consents: Type.Array(
      Shape({
        consentId: Type.String(),
        vendorId: nullable(Type.String()),
        channel: Type.String(),
        granted: Type.Boolean(),
        source: Type.String(),
        textShown: nullable(Type.String()),
        ipAddress: nullable(Type.String()),
        userAgent: nullable(Type.String()),
        recordedAt: time(),
      }),
      { description: 'The consent log: every promotional consent given or withdrawn (per vendor, null: the marketplace; and channel), oldest first, with the text shown and where it came from.' },
    ),
    customerOf: Type.Array(
      Shape({
        vendorId: Type.String(),
        firstOrderAt: maybeTime(),
        lastOrderAt: maybeTime(),
        orderCount: Type.Integer(),
        spend: Type.Number(),
        currency: nullable(Type.String()),
        productIds: Type.Array(Type.String()),
        categories: Type.Array(Type.String()),
        source: Type.String(),
        updatedAt: time(),
      }),
      { description: 'What each vendor holds about the user as their customer (from orders, or imported by the vendor): the figures their promotions are segmented by.' },
    ),
    frequencyCaps: Type.Array(Shape({ notificationType: Type.String(), requestId: Type.String(), countedAt: time() }), {
      description: "The notifications counted against the user's frequency caps (one per request, within the longest window of its type), oldest first.",
    }),
    sellerReplies: Shape({
      templates: Type.Array(
        Shape({
          templateId: Type.String(),
          name: Type.String(),
          content: Type.String(),
          category: nullable(Type.String()),
          shortcut: nullable(Type.String()),
          usageCount: Type.Integer(),
          lastUsedAt: maybeTime(),
          createdAt: time(),
        }),
      ),
      quickReplies: Type.Array(
        Shape({
          quickReplyId: Type.String(),
          content: Type.String(),
          triggers: Type.Array(Type.String()),
          category: nullable(Type.String()),
          usageCount: Type.Integer(),
          lastUsedAt: maybeTime(),
          createdAt: time(),
        }),
      ),
    }),
    conversations: Type.Array(ExportConversation, { description: 'The conversations the user takes part in (archived ones too), by id.' }),
    notifications: Type.Array(ExportNotification, { description: 'Every notification addressed to the user, each channel, oldest first.' }),
    orders: Type.Array(ExportOrder, { description: 'Orders the user is the buyer or the seller of.' }),
  },
  { description: 'Everything Parley holds about a person (format parley-export/1), sent as an attachment, written as it is read.' },
);
