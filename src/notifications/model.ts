import { type Static, Type } from '@sinclair/typebox';
import { type InteractiveRequest, PUSH_CATEGORY_IDS } from './push-actions/push-action-links.ts';

/** The channels a request may name. `in-app` is the user's feed; the others go through providers. */
export const CHANNELS = ['email', 'sms', 'push', 'in-app', 'webhook', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export const NOTIFICATION_TYPES = ['transactional', 'promotional', 'systemAlert'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const PRIORITIES = { low: 0, medium: 1, high: 2 } as const;
export type PriorityName = keyof typeof PRIORITIES;

const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 });
const Action = Type.Object(
  {
    type: Type.Union([Type.Literal('viewOrder'), Type.Literal('openProduct'), Type.Literal('custom')]),
    url: Type.Optional(Url),
  },
  { additionalProperties: false },
);

/** Action buttons on a push (interactive push): a category Parley defines, and what its actions act on. */
const Interactive = Type.Object(
  {
    category: Type.Union(PUSH_CATEGORY_IDS.map((c) => Type.Literal(c)), {
      description: 'parley.message: Reply and Mark as read (needs conversationId); parley.order-shipped: Confirm receipt and View order (needs orderId)',
    }),
    conversationId: Type.Optional(Type.String({ format: 'uuid' })),
    orderId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' })),
    locale: Type.Optional(
      Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', description: "The language of the buttons' titles, the recipient's (e.g. de-AT); default: the service's default locale" }),
    ),
  },
  { additionalProperties: false },
);

export const ChannelSchema = Type.Union(CHANNELS.map((c) => Type.Literal(c)));
export const NotificationTypeSchema = Type.Union(NOTIFICATION_TYPES.map((t) => Type.Literal(t)));

/** An approved WhatsApp message template: what goes outside the 24-hour customer-service window. */
export const WhatsAppTemplateSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 512, pattern: '^[a-z0-9_]+$', description: 'The template name as approved in WhatsApp Manager.' }),
    language: Type.String({ minLength: 2, maxLength: 15, pattern: '^[a-z]{2,3}(_[A-Za-z0-9]{2,8})?$', description: 'Its language code, e.g. en_US.' }),
    parameters: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { maxItems: 20, description: "The values of the body's {{1}}, {{2}}, ..." })),
  },
  { additionalProperties: false },
);

/** What the WhatsApp channel sends: free text inside the 24-hour window, the template outside it. */
export const WhatsAppContent = Type.Object(
  {
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 4096, description: 'Sent while the recipient wrote to the business in the last 24 hours.' })),
    template: Type.Optional(WhatsAppTemplateSchema),
  },
  { additionalProperties: false, description: 'Without text, smsText or body is the free text. Without a template, a recipient whose window is closed is not reached: the delivery fails with outside_service_window.' },
);

export const TemplateReference = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.-]+$' }),
    locale: Type.Optional(Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
    data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

/** The seed's Notification Request Model, plus `message.template` for template-driven content. */
export const NotificationRequest = Type.Object(
  {
    requestId: Type.String({ format: 'uuid' }),
    timestamp: Type.Optional(Type.String({ format: 'date-time' })),
    notificationType: NotificationTypeSchema,
    channels: Type.Array(ChannelSchema, { minItems: 1, maxItems: CHANNELS.length, uniqueItems: true }),
    recipient: Type.Object(
      {
        userId: Type.String({ minLength: 1, maxLength: 255 }),
        email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
        phoneNumber: Type.Optional(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164, e.g. +14155550100' })),
        deviceId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
      },
      { additionalProperties: false },
    ),
    message: Type.Object(
      {
        subject: Type.Optional(Type.String({ minLength: 1, maxLength: 998 })),
        body: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000 })),
        htmlBody: Type.Optional(Type.String({ minLength: 1, maxLength: 500_000 })),
        smsText: Type.Optional(Type.String({ minLength: 1, maxLength: 1600, description: 'Longer than one segment (160 GSM-7 characters) is sent as a multi-part SMS' })),
        pushNotification: Type.Optional(
          Type.Object(
            {
              title: Type.String({ minLength: 1, maxLength: 256 }),
              body: Type.String({ minLength: 1, maxLength: 4000 }),
              icon: Type.Optional(Url),
              action: Type.Optional(Action),
              interactive: Type.Optional(Interactive),
            },
            { additionalProperties: false },
          ),
        ),
        inAppMessage: Type.Optional(
          Type.Object(
            {
              title: Type.String({ minLength: 1, maxLength: 256 }),
              body: Type.String({ minLength: 1, maxLength: 10_000 }),
              imageUrl: Type.Optional(Url),
              action: Type.Optional(Action),
            },
            { additionalProperties: false },
          ),
        ),
        whatsapp: Type.Optional(WhatsAppContent),
        template: Type.Optional(TemplateReference),
        replyTo: Type.Optional(
          Type.String({ format: 'email', maxLength: 320, description: 'The Reply-To address of the email (email channel only); replies go there instead of to the sender.' }),
        ),
      },
      { additionalProperties: false },
    ),
    schedule: Type.Optional(Type.Object({ sendAt: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false })),
    metadata: Type.Optional(
      Type.Object(
        {
          priority: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')])),
          retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
          campaignId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
          variant: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "The campaign's A/B variant the recipient was assigned." })),
          sendTime: Type.Optional(
            Type.Object(
              {
                at: Type.String({ format: 'date-time' }),
                source: Type.String({ maxLength: 32 }),
                reason: Type.String({ maxLength: 500, description: 'Why this time was chosen (send-time optimisation).' }),
              },
              { additionalProperties: false },
            ),
          ),
          vendorId: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 255,
              description:
                "The vendor (seller user id) the notification is sent for or about: its KPIs count it (GET /kpis?vendorId=); a promotion's unsubscribe link withdraws consent to this vendor only, and it is skipped once the user withdrew that consent.",
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type NotificationRequest = Static<typeof NotificationRequest>;

/** What a delivery row stores as its content: literal fields for its channel, or a template reference. */
export type StoredContent =
  | { kind: 'literal'; fields: Record<string, unknown> }
  | { kind: 'template'; key: string; locale?: string; data: Record<string, unknown>; replyTo?: string };

/** The rendered content a channel sends. */
export interface Rendered {
  subject?: string;
  text?: string;
  html?: string;
  title?: string;
  body?: string;
  icon?: string;
  imageUrl?: string;
  action?: { type: string; url?: string };
  /** Push only: the action buttons asked for (a signed action token is added per delivery when it is sent). */
  interactive?: InteractiveRequest;
  payload?: Record<string, unknown>;
  /** WhatsApp: the approved template to send when the customer-service window is closed. */
  template?: { name: string; language: string; parameters?: string[] };
}

/**
 * The literal content one channel needs from a request's message, or the reason it is missing.
 * Channels borrow the generic `subject`/`body` when their own block is absent.
 */
export function literalContent(channel: Channel, message: NotificationRequest['message']): Record<string, unknown> | string {
  switch (channel) {
    case 'email':
      if (!message.subject) return 'email needs message.subject';
      if (!message.body && !message.htmlBody) return 'email needs message.body or message.htmlBody';
      return strip({ subject: message.subject, text: message.body, html: message.htmlBody, replyTo: message.replyTo });
    case 'sms': {
      const text = message.smsText ?? message.body;
      return text ? { text } : 'sms needs message.smsText or message.body';
    }
    case 'push': {
      const push = message.pushNotification;
      if (push) return strip({ title: push.title, body: push.body, icon: push.icon, action: push.action, interactive: push.interactive });
      if (!message.body) return 'push needs message.pushNotification or message.body';
      return { title: message.subject ?? '', body: message.body };
    }
    case 'in-app': {
      const inApp = message.inAppMessage;
      if (inApp) return strip({ title: inApp.title, body: inApp.body, imageUrl: inApp.imageUrl, action: inApp.action });
      if (!message.body) return 'in-app needs message.inAppMessage or message.body';
      return { title: message.subject ?? '', body: message.body };
    }
    case 'webhook': {
      const { template: _t, ...rest } = message;
      return { payload: rest };
    }
    case 'whatsapp': {
      const text = message.whatsapp?.text ?? message.smsText ?? message.body;
      const template = message.whatsapp?.template;
      if (!text && !template) return 'whatsapp needs message.whatsapp.text or message.whatsapp.template (or message.smsText or message.body as its text)';
      return strip({ text, template });
    }
  }
}

function strip(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** The address a channel sends to, from the recipient; undefined when the request lacks it. */
export function addressFor(channel: Channel, recipient: NotificationRequest['recipient']): string | undefined | null {
  switch (channel) {
    case 'email':
      return recipient.email;
    case 'sms':
    case 'whatsapp':
      return recipient.phoneNumber;
    case 'push':
      return recipient.deviceId ?? null; // null: every registered device of the user
    case 'in-app':
    case 'webhook':
      return recipient.userId;
  }
}
