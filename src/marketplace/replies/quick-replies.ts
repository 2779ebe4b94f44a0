import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AccessPolicy } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../db/connect.ts';
import { findLatestMessageFrom } from '../../messages/sql/findLatestMessageFrom.ts';
import type { QuickRepliesTable } from '../../db/schema.ts';
import { conflict, invalid } from '../../errors.ts';
import type { MessagesService } from '../../messages/messages-service.ts';
import type { InvalidationBus } from '../../notifications/invalidation.ts';
import type { RateLimit } from '../../rate-limit.ts';
import { v7 } from '../../uuid.ts';
import { conversationContext } from './template-context.ts';
import { rankReplies, type RankedReply, type ReplyCandidate, words } from './reply-ranking.ts';
import { renderTemplate } from './template-text.ts';
import { countQuickReplies } from './sql/countQuickReplies.ts';
import { insertQuickReply } from './sql/insertQuickReply.ts';
import { listQuickReplies } from './sql/listQuickReplies.ts';
import { asBackend, lockSeller, removeOwned, type ReplyCategory, requireConversationSeller, SELLER_REPLIES_TOPIC, type SellerTemplates, sellerFor } from './reply-templates.ts';

export const MAX_QUICK_REPLIES_PER_SELLER = 500;
export const MAX_TRIGGERS = 20;
export const MAX_TRIGGER_LENGTH = 50;

/** A quick reply as the API shows it. */
export interface QuickReplyView {
  quickReplyId: string;
  sellerId: string;
  content: string;
  triggers: string[];
  category: string | null;
  usageCount: number;
  lastUsedAt: string | null;
  createdAt: string;
}

export interface QuickReplyInput {
  sellerId?: string;
  content: string;
  triggers?: string[];
  category?: ReplyCategory | null;
}

/** Replies that fit the buyer's latest message, best first. */
export interface SuggestionsAnswer {
  /** The buyer message the suggestions answer; null when the buyer has written nothing yet. */
  basedOn: { messageId: string; seq: number } | null;
  suggestions: RankedReply[];
}

type QuickReplyRow = Selectable<QuickRepliesTable>;

function quickReplyView(row: QuickReplyRow): QuickReplyView {
  return {
    quickReplyId: row.id,
    sellerId: row.seller_id,
    content: row.content,
    triggers: row.triggers,
    category: row.category,
    usageCount: row.usage_count,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/** Triggers trimmed, inner spaces collapsed, each once (compared without case or accents). */
function checkTriggers(triggers: string[]): string[] {
  if (triggers.length > MAX_TRIGGERS) throw invalid('too_many_triggers', `A quick reply has at most ${MAX_TRIGGERS} triggers; keep the words buyers use most.`);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of triggers) {
    const trigger = raw.trim().replace(/\s+/g, ' ');
    const key = words(trigger).join(' ');
    if (trigger.length > MAX_TRIGGER_LENGTH || key === '') {
      throw invalid('invalid_trigger', `The trigger "${raw}" must be a word or phrase of 1 to ${MAX_TRIGGER_LENGTH} characters with at least one letter or digit.`, { trigger: raw });
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(trigger);
  }
  return out;
}

/** A map that forgets entries after `ttlMs` and drops the oldest beyond `max`. */
function createAnswerCache<T>(max: number, ttlMs: number) {
  const entries = new Map<string, { at: number; value: T }>();
  return {
    get(key: string): T | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (Date.now() - entry.at > ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key: string, value: T): void {
      entries.delete(key);
      if (entries.size >= max) entries.delete(entries.keys().next().value!);
      entries.set(key, { at: Date.now(), value });
    },
  };
}

/**
 * A number per seller that changes whenever their templates or quick replies do (told on the
 * bus by any node), so cached suggestions made before the change are never served again.
 */
function createSellerVersions(bus: InvalidationBus) {
  const versions = new Map<string, number>();
  let epoch = 0;
  bus.on(SELLER_REPLIES_TOPIC, (sellerId) => {
    if (versions.size >= 10_000) {
      versions.clear();
      epoch += 1;
    }
    versions.set(sellerId, (versions.get(sellerId) ?? 0) + 1);
  });
  // Changes told while Redis was away were missed: every cached suggestion is stale.
  bus.onReset(() => {
    versions.clear();
    epoch += 1;
  });
  return { of: (sellerId: string) => `${epoch}.${versions.get(sellerId) ?? 0}` };
}

export interface QuickRepliesDeps {
  db: Db;
  access: AccessPolicy;
  /** The same per-seller limit as templates: changes a seller may make per minute. */
  limit: RateLimit;
  bus: InvalidationBus;
  messages: Pick<MessagesService, 'byIds'>;
  templates: Pick<SellerTemplates, 'forSeller'>;
}

/**
 * Sellers' quick replies: short answers with trigger words, and suggestions of quick replies
 * and templates for the buyer's latest message in a conversation.
 */
export function createQuickReplies({ db, access, limit, bus, messages, templates }: QuickRepliesDeps) {
  const answers = createAnswerCache<SuggestionsAnswer>(1_000, 5 * 60_000);
  const versions = createSellerVersions(bus);

  async function forSeller(sellerId: string): Promise<QuickReplyRow[]> {
    return listQuickReplies(db, sellerId);
  }

  async function list(principal: Principal, query: { sellerId?: string }): Promise<QuickReplyView[]> {
    return (await forSeller(await sellerFor(access, principal, query.sellerId))).map(quickReplyView);
  }

  async function create(principal: Principal, input: QuickReplyInput): Promise<QuickReplyView> {
    const sellerId = await sellerFor(access, principal, input.sellerId);
    if (input.content.trim() === '') throw invalid('content_required', 'A quick reply needs "content" that is not blank.');
    const triggers = checkTriggers(input.triggers ?? []);
    if (!asBackend(principal)) await limit.consume(principal.userId);
    const row = await db.transaction().execute(async (trx) => {
      await lockSeller(trx, sellerId);
      if ((await countQuickReplies(trx, sellerId)) >= MAX_QUICK_REPLIES_PER_SELLER) {
        throw conflict('too_many_quick_replies', `A seller may keep at most ${MAX_QUICK_REPLIES_PER_SELLER} quick replies; delete one you no longer use first.`);
      }
      return insertQuickReply(trx, { id: v7(), seller_id: sellerId, content: input.content, triggers, category: input.category ?? null });
    });
    bus.publish(SELLER_REPLIES_TOPIC, sellerId);
    return quickReplyView(row);
  }

  async function remove(principal: Principal, id: string): Promise<void> {
    bus.publish(SELLER_REPLIES_TOPIC, await removeOwned(db, access, limit, principal, 'quick_replies', id));
  }

  /**
   * Up to `limit` of the seller's quick replies and templates (filled for the conversation)
   * that fit the buyer's latest message, as the seller sees it (contact details masked). The
   * caller must be the conversation's seller or an operator. Answers are cached per
   * conversation, buyer message, conversation values and version of the seller's replies.
   */
  async function suggest(principal: Principal, conversationId: string, limit: number): Promise<SuggestionsAnswer> {
    const { buyerId, sellerId } = await requireConversationSeller(db, access, principal, conversationId);
    if (!buyerId || !sellerId) return { basedOn: null, suggestions: [] };
    const [latest, values] = await Promise.all([findLatestMessageFrom(db, conversationId, buyerId), conversationContext(db, conversationId)]);
    if (!latest) return { basedOn: null, suggestions: [] };
    const valuesHash = createHash('sha256').update(JSON.stringify(values)).digest('base64url');
    const key = [conversationId, latest.id, versions.of(sellerId), limit, valuesHash].join('\n');
    const cached = answers.get(key);
    if (cached) return cached;

    const [[message], replies, sellerTemplates] = await Promise.all([messages.byIds(conversationId, [latest.id], sellerId), forSeller(sellerId), templates.forSeller(sellerId)]);
    const candidates: ReplyCandidate[] = [
      ...replies.map((r) => ({ kind: 'quick_reply' as const, id: r.id, content: r.content, triggers: r.triggers, about: r.category ?? '', usageCount: r.usage_count })),
      // A template with a variable this conversation has no value for (a tracking number before
      // shipping) is never suggested: a suggestion goes in with one click. The template list
      // still offers it, with the missing fields marked.
      ...sellerTemplates.flatMap((t) => {
        const rendered = renderTemplate(t.content, values);
        if (rendered.missingVariables.length > 0) return [];
        return [{ kind: 'template' as const, id: t.id, content: rendered.content, triggers: [], about: `${t.name} ${t.category ?? ''}`, shortcut: t.shortcut, usageCount: t.usage_count }];
      }),
    ];
    const answer = { basedOn: { messageId: latest.id, seq: latest.seq }, suggestions: rankReplies(message?.content ?? '', candidates, limit) };
    answers.set(key, answer);
    return answer;
  }

  return { list, create, remove, suggest };
}

export type QuickReplies = ReturnType<typeof createQuickReplies>;
