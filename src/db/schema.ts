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

export interface NotificationLogsTable {
  log_id: string;
  request_id: string;
  user_id: string;
  channel: string;
  notification_type: string;
  status: string;
  send_time: Timestamp;
  delivery_time: Date | null;
  external_message_id: string | null;
  error_code: string | null;
  error_message: string | null;
  metadata: Json | null;
  created_at: Timestamp;
  priority: number;
  due_at: Timestamp;
  attempts: Generated<number>;
  max_retries: number;
  step: Generated<number>;
  provider: string | null;
  request_hash: string;
  recipient: Json;
  content: Json;
  history: Json;
  seen_at: Date | null;
  read_at: Date | null;
  clicked_at: Date | null;
}

export interface UserPreferencesTable {
  user_id: string;
  preferences: Json;
  updated_at: Timestamp;
}

export interface DeviceTokensTable {
  user_id: string;
  device_id: string;
  token: string;
  platform: string;
  last_used: Timestamp;
  created_at: Timestamp;
}

export interface NotificationDailyCountsTable {
  user_id: string;
  day: string;
  request_ids: string[];
}

export interface AddressSuppressionsTable {
  channel: string;
  address: string;
  reason: string;
  log_id: string | null;
  created_at: Timestamp;
}

export interface NotificationTemplatesTable {
  template_id: string;
  template_key: string;
  channel: string;
  locale: string;
  content: Json;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  notification_logs: NotificationLogsTable;
  user_preferences: UserPreferencesTable;
  device_tokens: DeviceTokensTable;
  notification_daily_counts: NotificationDailyCountsTable;
  address_suppressions: AddressSuppressionsTable;
  notification_templates: NotificationTemplatesTable;
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  messages: MessagesTable;
  message_attachments: MessageAttachmentsTable;
  parley_migrations: MigrationsTable;
}
