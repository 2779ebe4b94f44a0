import { randomUUID } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import { type AccessPolicy, roleMayHold } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import { isUuid } from '../../uuid.ts';
import { findConversationSummary } from '../../conversations/sql/findConversationSummary.ts';
import type { Db } from '../../db/connect.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';
import type { MessageType } from '../../messages/payloads.ts';
import { isUniqueViolation, type MessagesService, type MessageView, systemSenderId } from '../../messages/messages-service.ts';
import { clip, type Parties, partiesOf } from '../conversation-parties.ts';
import { conversationContext } from '../replies/template-context.ts';
import type { Channel } from '../../notifications/model.ts';
import type { Notifier } from '../marketplace-notifier.ts';
import type { NoticeText } from '../notice-texts.ts';
import { findTemplateText } from '../replies/sql/findTemplateText.ts';
import { renderTemplate } from '../replies/template-text.ts';

const platformTypes = ['text', 'order_status', 'payment_confirmation', 'tracking', 'system'] as const;

export const AutomatedNoticeBody = Type.Object(
  {
    messageType: Type.Optional(Type.Union(platformTypes.map((t) => Type.Literal(t)), { description: 'Sellers send text; the backend any of these' })),
    content: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    templateId: Type.Optional(Type.String({ format: 'uuid', description: "One of the seller's templates, filled from the conversation's context" })),
    payload: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'The notification title; a default names the conversation' })),
    channels: Type.Optional(Type.Array(Type.Union(['in-app', 'email', 'sms', 'push'].map((c) => Type.Literal(c))), { minItems: 1, uniqueItems: true })),
    clientMessageId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'Sending again with the same id posts and notifies once' })),
  },
  { additionalProperties: false },
);
export type AutomatedNoticeInput = Static<typeof AutomatedNoticeBody>;

/**
 * `POST .../conversations/:id/auto-notify`: an automated notice (a shipping delay, a status
 * change) posted into the conversation as a message marked automated, and sent to the other
 * participants through the notification engine. The backend may post typed platform messages;
 * the conversation's seller may post text or one of their templates, in their own name.
 */
export function createAutomatedNotices({ db, access, messages, notifier }: { db: Db; access: AccessPolicy; messages: MessagesService; notifier: Notifier }) {
  async function post(principal: Principal, conversationId: string, input: AutomatedNoticeInput): Promise<{ message: MessageView; notifications: string[]; created: boolean }> {
    const grant = await access.requireAccess(principal, 'notice.post', { conversationId });
    const operator = roleMayHold(principal, 'marketplace.backend');
    const messageType = (input.messageType ?? 'text') as MessageType;
    if (!operator && messageType !== 'text') throw forbidden('message_type_not_allowed', 'Sellers send automated notices as text (or a template); typed order messages come from the marketplace.');
    if (input.content && input.templateId) throw invalid('ambiguous_content', 'Give "content" or "templateId", not both.');
    const senderId = operator && !grant.participant ? systemSenderId : principal.userId;
    const parties = await partiesOf(db, conversationId);

    if (input.clientMessageId) {
      const existing = await messages.findByClientId(conversationId, senderId, input.clientMessageId);
      if (existing) return { message: existing, notifications: await madeFor(conversationId, senderId, input.clientMessageId, parties), created: false };
    }
    const content = input.templateId ? await fromTemplate(principal, conversationId, input.templateId, parties) : input.content;
    if (messageType === 'text' && !content) throw invalid('content_required', 'An automated notice needs "content" or a "templateId".');

    const conversation = (await findConversationSummary(db, conversationId))!;
    const noticeId = input.clientMessageId ?? randomUUID();
    // Without a title of its own, each recipient gets one in their locale, naming the order or conversation.
    const titleKey = conversation.order_id ? 'update.order' : conversation.subject ? 'update.subject' : 'update.conversation';
    const text = (): NoticeText => ({
      template: 'update',
      title: titleKey,
      body: content ? 'update.content' : titleKey,
      values: { orderId: conversation.order_id, subject: conversation.subject, content: content ? clip(content, 1000) : null },
    });
    const prepared = await notifier.prepare(
      parties.everyone
        .filter((p) => p.userId !== senderId && p.role !== 'moderator')
        .map((p) => ({
          userId: p.userId,
          key: `auto-notify:${conversationId}:${senderId}:${noticeId}:${p.userId}`,
          ...(input.title ? { title: input.title, body: clip(content ?? input.title, 1000) } : { text: text() }),
          channels: input.channels as Channel[] | undefined,
          action: { type: conversation.order_id ? ('viewOrder' as const) : ('custom' as const) },
          about: { conversationId },
          interactive: 'parley.message' as const,
        })),
    );
    let posted;
    try {
      posted = await db.transaction().execute(async (trx) => {
        const message = await messages.postAsPlatform(trx, conversationId, {
          messageType,
          content,
          payload: input.payload,
          senderId,
          automated: true,
          clientMessageId: input.clientMessageId,
          metadata: { automatedNotice: true, ...(input.templateId ? { templateId: input.templateId } : {}) },
        });
        await prepared.write(trx);
        return message;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || !input.clientMessageId) throw error;
      const existing = await messages.findByClientId(conversationId, senderId, input.clientMessageId);
      if (!existing) throw error;
      return { message: existing, notifications: await madeFor(conversationId, senderId, input.clientMessageId, parties), created: false };
    }
    posted.publish();
    prepared.committed();
    return { message: posted.message, notifications: prepared.requestIds, created: true };
  }

  /** The template's text for this conversation; every variable must have a value. */
  async function fromTemplate(principal: Principal, conversationId: string, templateId: string, parties: Parties): Promise<string> {
    const template = isUuid(templateId) ? await findTemplateText(db, templateId) : undefined;
    if (!template || (template.seller_id !== principal.userId && !roleMayHold(principal, 'marketplace.backend'))) throw notFound('template');
    if (template.seller_id !== parties.sellerId) throw invalid('template_of_another_seller', "The template belongs to another seller than this conversation's.");
    const rendered = renderTemplate(template.content, await conversationContext(db, conversationId));
    if (rendered.missingVariables.length) {
      throw invalid('template_variables_missing', `This conversation has no value yet for ${rendered.missingVariables.map((v) => `{{${v}}}`).join(', ')}; write the notice as content instead.`);
    }
    return rendered.content;
  }

  /** The requests a notice made, found again by its key (for a repeated clientMessageId). */
  async function madeFor(conversationId: string, senderId: string, clientMessageId: string, parties: Parties): Promise<string[]> {
    const ids = parties.everyone.map((p) => notifier.requestId(`auto-notify:${conversationId}:${senderId}:${clientMessageId}:${p.userId}`));
    return notifier.existingRequestIds(ids);
  }

  return { post };
}

export type AutomatedNotices = ReturnType<typeof createAutomatedNotices>;
