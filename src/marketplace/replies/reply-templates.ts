import type { Selectable } from 'kysely';
import type { Logger } from 'pino';
import { type AccessPolicy, roleMayHold } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import { isUuid } from '../../uuid.ts';
import type { Db } from '../../db/connect.ts';
import type { MessageTemplatesTable } from '../../db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../errors.ts';
import { isUniqueViolation, type MessagesService, type MessageView } from '../../messages/messages-service.ts';
import type { InvalidationBus } from '../../notifications/invalidation.ts';
import type { RateLimit } from '../../rate-limit.ts';
import { v7 } from '../../uuid.ts';
import { type Parties, partiesOf } from '../conversation-parties.ts';
import { conversationContext } from './template-context.ts';
import { normaliseShortcut, parseTemplate, type RenderedTemplate, renderTemplate } from './template-text.ts';
import { addReplyUses } from './sql/addReplyUses.ts';
import { countMessageTemplates } from './sql/countMessageTemplates.ts';
import { deleteOwnedReply } from './sql/deleteOwnedReply.ts';
import { findMessageTemplate } from './sql/findMessageTemplate.ts';
import { findMessageTemplateByShortcut } from './sql/findMessageTemplateByShortcut.ts';
import { insertMessageTemplate } from './sql/insertMessageTemplate.ts';
import { listMessageTemplates } from './sql/listMessageTemplates.ts';
import { lockSellerReplies } from './sql/lockSellerReplies.ts';
import { updateMessageTemplate } from './sql/updateMessageTemplate.ts';

/** What a template or quick reply is for; optional. */
export const REPLY_CATEGORIES = ['greeting', 'inquiry', 'shipping', 'delay', 'returns', 'thanks', 'other'] as const;
export type ReplyCategory = (typeof REPLY_CATEGORIES)[number];

/** Told on the invalidation bus, with the seller's id, whenever their templates or quick replies change. */
export const SELLER_REPLIES_TOPIC = 'seller-replies';

export const MAX_TEMPLATES_PER_SELLER = 200;

/** A template as the API shows it. */
export interface TemplateView {
  templateId: string;
  sellerId: string;
  name: string;
  content: string;
  category: string | null;
  shortcut: string | null;
  variables: string[];
  usageCount: number;
  lastUsedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Filled for one conversation, when listed for it. */
  rendered?: RenderedTemplate;
}

/** Everything a template is made of: a PUT replaces all of it. */
export interface TemplateInput {
  name: string;
  content: string;
  category?: ReplyCategory | null;
  shortcut?: string | null;
}

export type TemplateRow = Selectable<MessageTemplatesTable>;

/** The marketplace backend (an operator) acts for any seller, free of the per-seller rate limit. */
export const asBackend = (principal: Principal) => roleMayHold(principal, 'marketplace.backend');

/**
 * The seller a create or list is about: a seller's own id (sending another seller's is
 * refused), or for an operator the `sellerId` they must give. Buyers and moderators have no
 * templates or quick replies.
 */
export async function sellerFor(access: AccessPolicy, principal: Principal, sellerId: string | undefined): Promise<string> {
  await access.requireAccess(principal, 'reply.manage', { sellerId });
  if (!asBackend(principal)) return principal.userId;
  if (!sellerId) throw invalid('seller_id_required', 'As an operator, name the seller whose templates and quick replies these are with "sellerId".');
  return sellerId;
}

/** Whose rows a change by id may touch: the seller's own, or for an operator (null) anyone's. */
export async function ownerScope(access: AccessPolicy, principal: Principal): Promise<string | null> {
  await access.requireAccess(principal, 'reply.manage');
  return asBackend(principal) ? null : principal.userId;
}

/**
 * Deletes a seller's template or quick reply by id: the caller's own (operators: anyone's),
 * after a unit of the rate limit; another seller's id is as unknown as a missing one. Answers
 * the owner, whose replies changed.
 */
export async function removeOwned(db: Db, access: AccessPolicy, limit: RateLimit, principal: Principal, table: 'message_templates' | 'quick_replies', id: string): Promise<string> {
  const what = table === 'message_templates' ? 'template' : 'quick_reply';
  const owner = await ownerScope(access, principal);
  if (!asBackend(principal)) await limit.consume(principal.userId);
  if (!isUuid(id)) throw notFound(what);
  const deleted = await deleteOwnedReply(db, table, id, owner);
  if (!deleted) throw notFound(what);
  return deleted.seller_id;
}

/**
 * Serialises changes to one seller's templates and quick replies for the rest of the
 * transaction, so two creates cannot both pass the per-seller limit.
 */
export async function lockSeller(trx: Db, sellerId: string): Promise<void> {
  await lockSellerReplies(trx, sellerId);
}

/**
 * The conversation a seller works in, checked: the caller must see it and be its seller, or
 * be an operator. Answers its buyer and seller (either null when it has none).
 */
export async function requireConversationSeller(db: Db, access: AccessPolicy, principal: Principal, conversationId: string): Promise<Pick<Parties, 'buyerId' | 'sellerId'>> {
  await access.requireAccess(principal, 'reply.suggest', { conversationId });
  const { buyerId, sellerId } = await partiesOf(db, conversationId);
  return { buyerId, sellerId };
}

function templateView(row: TemplateRow): TemplateView {
  return {
    templateId: row.id,
    sellerId: row.seller_id,
    name: row.name,
    content: row.content,
    category: row.category,
    shortcut: row.shortcut,
    variables: row.variables,
    usageCount: row.usage_count,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A template's fields checked and in their stored form (name trimmed, shortcut canonical, variables found). */
function checkTemplate(input: TemplateInput) {
  const name = input.name.trim();
  if (name === '') throw invalid('name_required', 'A template needs a "name" that is not blank.');
  if (input.content.trim() === '') throw invalid('content_required', 'A template needs "content" that is not blank.');
  const variables = parseTemplate(input.content);
  const shortcut = input.shortcut ? normaliseShortcut(input.shortcut) : null;
  return { name, content: input.content, category: input.category ?? null, shortcut, variables };
}

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export interface SellerTemplatesDeps {
  db: Db;
  access: AccessPolicy;
  /** Changes a seller may make per minute (operators are not limited). */
  limit: RateLimit;
  bus: InvalidationBus;
  /** Sends are watched for `metadata.templateId` and `metadata.quickReplyId`, to count use. */
  messages: Pick<MessagesService, 'onCreated'>;
  /**
   * Set on nodes that do not run the marketplace jobs (API only): uses counted here are then
   * written on this timer instead of by the `template-usage` job.
   */
  flushIntervalMs?: number;
  log: Logger;
}

/**
 * Sellers' message templates: saved responses with {{variables}} filled from a conversation
 * and an optional keyboard shortcut. Also counts how often templates and quick replies are
 * used, in memory, written by `flushUsage`.
 */
export function createSellerTemplates({ db, access, limit, bus, messages, flushIntervalMs, log }: SellerTemplatesDeps) {
  const usage = createUsageCounts(db);
  messages.onCreated(usage.record);
  const flushLater = (error: Error) => log.warn({ err: error.message }, 'template usage not written; it is kept for the next flush');
  const timer = flushIntervalMs ? setInterval(() => void usage.flush().catch(flushLater), flushIntervalMs).unref() : undefined;

  const changed = (sellerId: string) => bus.publish(SELLER_REPLIES_TOPIC, sellerId);

  async function load(id: string, owner: string | null): Promise<TemplateRow> {
    if (!isUuid(id)) throw notFound('template');
    const row = await findMessageTemplate(db, id, owner);
    if (!row) throw notFound('template');
    return row;
  }

  /** The seller's templates, sorted by name (the same order on every database). */
  async function forSeller(sellerId: string): Promise<TemplateRow[]> {
    const rows = await listMessageTemplates(db, sellerId);
    return rows.sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
  }

  /**
   * A seller's templates; with `conversationId`, each also filled for that conversation (the
   * caller must be its seller or an operator; an operator may then leave out sellerId).
   */
  async function list(principal: Principal, query: { sellerId?: string; conversationId?: string }): Promise<TemplateView[]> {
    if (!query.conversationId) return (await forSeller(await sellerFor(access, principal, query.sellerId))).map(templateView);
    if (!asBackend(principal)) await sellerFor(access, principal, query.sellerId);
    const parties = await requireConversationSeller(db, access, principal, query.conversationId);
    const sellerId = asBackend(principal) ? (query.sellerId ?? parties.sellerId) : principal.userId;
    if (!sellerId) throw invalid('seller_id_required', 'This conversation has no seller; name the seller whose templates to fill with "sellerId".');
    const [rows, values] = await Promise.all([forSeller(sellerId), conversationContext(db, query.conversationId)]);
    return rows.map((row) => ({ ...templateView(row), rendered: renderTemplate(row.content, values) }));
  }

  async function create(principal: Principal, input: TemplateInput & { sellerId?: string }): Promise<TemplateView> {
    const sellerId = await sellerFor(access, principal, input.sellerId);
    const fields = checkTemplate(input);
    if (!asBackend(principal)) await limit.consume(principal.userId);
    const row = await guardShortcut(sellerId, fields.shortcut, () =>
      db.transaction().execute(async (trx) => {
        await lockSeller(trx, sellerId);
        if ((await countMessageTemplates(trx, sellerId)) >= MAX_TEMPLATES_PER_SELLER) {
          throw conflict('too_many_templates', `A seller may keep at most ${MAX_TEMPLATES_PER_SELLER} templates; delete one you no longer use first.`);
        }
        return insertMessageTemplate(trx, { id: v7(), seller_id: sellerId, ...fields });
      }),
    );
    changed(sellerId);
    return templateView(row);
  }

  /** Replaces a template's name, content, category and shortcut (left out: none). */
  async function update(principal: Principal, id: string, input: TemplateInput): Promise<TemplateView> {
    const owner = await ownerScope(access, principal);
    const fields = checkTemplate(input);
    if (!asBackend(principal)) await limit.consume(principal.userId);
    const current = await load(id, owner);
    const row = await guardShortcut(current.seller_id, fields.shortcut, async () => {
      const updated = await updateMessageTemplate(db, id, current.seller_id, fields);
      if (!updated) throw notFound('template');
      return updated;
    });
    changed(row.seller_id);
    return templateView(row);
  }

  async function remove(principal: Principal, id: string): Promise<void> {
    changed(await removeOwned(db, access, limit, principal, 'message_templates', id));
  }

  /** Runs a write; a shortcut the seller already uses on another template becomes 409 `shortcut_taken`. */
  async function guardShortcut(sellerId: string, shortcut: string | null, write: () => Promise<TemplateRow>): Promise<TemplateRow> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error) || !shortcut) throw error;
      const holder = await findMessageTemplateByShortcut(db, sellerId, shortcut);
      throw conflict(
        'shortcut_taken',
        `The shortcut ${shortcut} is already used by your template "${holder?.name ?? 'another template'}"; choose another, or change that template first.`,
        { shortcut, ...(holder ? { templateId: holder.id } : {}) },
      );
    }
  }

  /** Stops the flush timer, if any, and writes the uses counted so far. */
  async function close(): Promise<void> {
    clearInterval(timer);
    await usage.flush().catch(flushLater);
  }

  return { list, create, update, remove, forSeller, flushUsage: usage.flush, close };
}

export type SellerTemplates = ReturnType<typeof createSellerTemplates>;

/** Uses kept in memory at most; beyond this, new ones are dropped until the next flush. */
const MAX_PENDING_USES = 50_000;

interface PendingUse {
  table: 'message_templates' | 'quick_replies';
  id: string;
  senderId: string;
  uses: number;
  lastAt: string;
}

/**
 * Deferred usage counting. Every message created with a `templateId` or `quickReplyId` in its
 * metadata adds one use, in memory, for that id and its sender; `flush` writes them with one
 * statement per table. Only the owner's own sends count: the statement matches the sender
 * against the row's seller, so an id sent by anyone else changes nothing.
 */
function createUsageCounts(db: Db) {
  let pending = new Map<string, PendingUse>();

  function add(table: PendingUse['table'], rawId: unknown, message: MessageView): void {
    if (typeof rawId !== 'string' || !isUuid(rawId)) return;
    const id = rawId.toLowerCase();
    const key = `${table}\n${id}\n${message.senderId}`;
    const use = pending.get(key);
    if (use) {
      use.uses += 1;
      if (message.timestamp > use.lastAt) use.lastAt = message.timestamp;
    } else if (pending.size < MAX_PENDING_USES) {
      pending.set(key, { table, id, senderId: message.senderId, uses: 1, lastAt: message.timestamp });
    }
  }

  function record(message: MessageView): void {
    add('message_templates', message.metadata.templateId, message);
    add('quick_replies', message.metadata.quickReplyId, message);
  }

  async function write(table: PendingUse['table'], uses: PendingUse[]): Promise<number> {
    if (uses.length === 0) return 0;
    return addReplyUses(db, table, uses);
  }

  /** Puts back uses a failed write took, merged with any counted since. */
  function restore(uses: PendingUse[]): void {
    for (const use of uses) {
      const key = `${use.table}\n${use.id}\n${use.senderId}`;
      const later = pending.get(key);
      pending.set(key, later ? { ...use, uses: use.uses + later.uses, lastAt: later.lastAt > use.lastAt ? later.lastAt : use.lastAt } : use);
    }
  }

  /** Writes the uses counted so far; resolves with how many rows changed. A table whose write fails keeps its uses for the next flush. */
  async function flush(): Promise<number> {
    if (pending.size === 0) return 0;
    const taken = [...pending.values()];
    pending = new Map();
    let changedRows = 0;
    let failure: unknown;
    for (const table of ['message_templates', 'quick_replies'] as const) {
      const uses = taken.filter((u) => u.table === table);
      try {
        changedRows += await write(table, uses);
      } catch (error) {
        restore(uses);
        failure ??= error;
      }
    }
    if (failure) throw failure;
    return changedRows;
  }

  return { record, flush };
}
