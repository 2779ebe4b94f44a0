import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface ConversationsTable {
  id: string;
  conversation_type: Generated<string>;
  order_id: string | null;
  product_id: string | null;
  listing_id: string | null;
  inquiry_buyer_id: string | null;
  subject: string | null;
  context_metadata: Json;
  is_automated: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_message_at: Date | null;
  last_message_seq: Generated<number>;
}

export interface ConversationParticipantsTable {
  conversation_id: string;
  user_id: string;
  role: string;
  joined_at: Timestamp;
  last_read_seq: Generated<number>;
  last_delivered_seq: Generated<number>;
  unread_count: Generated<number>;
  archived_at: Date | null;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  message_type: string;
  content_encrypted: Uint8Array | null;
  key_id: string | null;
  search_tokens: Generated<string[]>;
  payload: Json | null;
  metadata: Json;
  client_message_id: string | null;
  created_at: Timestamp;
  edited_at: Date | null;
  deleted_at: Date | null;
}

export interface MessageAttachmentsTable {
  id: string;
  conversation_id: string;
  message_id: string | null;
  uploader_id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: Timestamp;
}

export interface MigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface Database {
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  messages: MessagesTable;
  message_attachments: MessageAttachmentsTable;
  parley_migrations: MigrationsTable;
}
