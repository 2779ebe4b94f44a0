import type { Message, ParleyClient, ReplySuggestions, SendMessageInput, TemplatePage } from '../../../sdk/index.ts';

export type { Attachment, AttachmentRef, Conversation, InboxConversation, Message, OrderConversation, OrderEvent, Participant, TimelineItem } from '../../../sdk/index.ts';

/** What the chat views read from Parley: the client's own calls, and the marketplace ones it has no method for. */

export interface Dispute {
  disputeId: string;
  status: string;
}

/** A seller's template; `rendered` is it filled for the conversation it was listed for. */
export type Template = TemplatePage['templates'][number];
export type Suggestion = ReplySuggestions['suggestions'][number];

export type OutgoingMessage = Pick<SendMessageInput, 'content' | 'attachments' | 'messageType' | 'metadata'>;

const base = '/marketplace/messaging';

export function chatApi(client: ParleyClient) {
  return {
    conversations: (cursor?: string) => client.listConversations({ limit: 50, cursor }),
    conversation: (id: string) => client.getConversation(id),
    myOrders: (cursor?: string) => client.myOrders({ limit: 100, cursor }),
    orderOf: (orderId: string) => client.myOrders({ orderId }),
    messages: (id: string, page: { before?: number; after?: number; limit?: number } = {}) => client.listMessages(id, page),
    timeline: (id: string, page: { before?: string; limit?: number } = {}) => client.orderTimeline(id, page),
    /** The same clientMessageId never stores twice, so a Retry is safe; metadata (templateId) goes over REST. */
    send: (id: string, message: OutgoingMessage, clientMessageId: string): Promise<Message> => client.sendMessage(id, message, { clientMessageId }),
    markRead: (id: string, seq: number) => client.markRead(id, seq),
    edit: (id: string, messageId: string, content: string) => client.editMessage(id, messageId, content),
    remove: (id: string, messageId: string) => client.deleteMessage(id, messageId),
    typing: (id: string) => client.sendTyping(id),
    search: (q: string) => client.searchMessages(q, { limit: 50 }),
    upload: (id: string, file: File) => client.uploadAttachment(id, file, file.name),
    attachment: (attachmentId: string) => client.fetchAttachment(attachmentId),
    disputes: (id: string) => client.request<{ disputes: Dispute[] }>('GET', `${base}/conversations/${id}/disputes`),
    escalate: (id: string, reason: string) => client.request<{ dispute: Dispute }>('POST', `${base}/conversations/${id}/escalate`, { reason }),
    templates: (conversationId: string) => client.request<TemplatePage>('GET', `${base}/templates`, undefined, { conversationId }),
    suggestions: (conversationId: string) =>
      client.request<ReplySuggestions>('GET', `${base}/quick-replies/suggest`, undefined, { conversationId, limit: 5 }),
  };
}

export type ChatApi = ReturnType<typeof chatApi>;
