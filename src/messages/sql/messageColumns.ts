import type { Selectable } from 'kysely';
import type { MessagesTable } from '../../db/schema.ts';

/** A message as the service reads it: every column but the search index. */
export type MessageRow = Omit<Selectable<MessagesTable>, 'search_tokens'>;

export const messageColumns = [
  'messages.id',
  'messages.conversation_id',
  'messages.seq',
  'messages.sender_id',
  'messages.message_type',
  'messages.content_encrypted',
  'messages.key_id',
  'messages.payload',
  'messages.metadata',
  'messages.client_message_id',
  'messages.created_at',
  'messages.edited_at',
  'messages.deleted_at',
  'messages.is_automated',
  'messages.masking',
] as const;
