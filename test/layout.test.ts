import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout the code keeps (docs/ARCHITECTURE.md, "Layout"): every table has one owning module
 * whose sql/ folder holds its SQL; route files hold none; imports point one way; files stay
 * small enough to read and have names that say what they are, once.
 */

const root = resolve(import.meta.dirname, '..');

/** Table → the module that owns it. */
export const TABLE_OWNERS: Record<string, string> = {
  conversations: 'src/conversations',
  conversation_participants: 'src/conversations',
  messages: 'src/messages',
  message_attachments: 'src/attachments',
  user_contacts: 'src/marketplace/contacts',
  marketplace_orders: 'src/marketplace/orders',
  order_events: 'src/marketplace/orders',
  message_templates: 'src/marketplace/replies',
  quick_replies: 'src/marketplace/replies',
  disputes: 'src/marketplace/disputes',
  conversation_flags: 'src/marketplace/disputes',
  conversation_analytics: 'src/marketplace/analytics',
  conversation_responses: 'src/marketplace/analytics',
  conversation_daily_stats: 'src/marketplace/analytics',
  order_ratings: 'src/marketplace/ratings',
  notification_logs: 'src/notifications/deliveries',
  notification_daily_counts: 'src/notifications/deliveries',
  notification_capped_sends: 'src/notifications/frequency-caps',
  notification_queue: 'src/notifications/deliveries',
  notification_links: 'src/notifications/deliveries',
  notification_clicks: 'src/notifications/deliveries',
  notification_opens: 'src/notifications/deliveries',
  user_preferences: 'src/notifications/preferences',
  device_tokens: 'src/notifications/preferences',
  address_suppressions: 'src/notifications/suppressions',
  suppression_events: 'src/notifications/suppressions',
  notification_templates: 'src/notifications/templates',
  promotional_consents: 'src/consents',
  user_erasures: 'src/privacy',
  parley_migrations: 'src/db',
  service_heartbeats: 'src/ops',
  email_reply_addresses: 'src/email-replies',
  push_action_uses: 'src/marketplace/push-actions',
  contact_reveal_rules: 'src/marketplace/contact-reveal',
  whatsapp_service_windows: 'src/notifications/whatsapp',
  digest_items: 'src/notifications/digests',
  digest_windows: 'src/notifications/digests',
  campaigns: 'src/campaigns',
  campaign_recipients: 'src/campaigns',
  vendor_customers: 'src/audiences',
  tier_limits: 'src/tiers',
  vendor_tiers: 'src/tiers',
  vendor_quota_usage: 'src/tiers',
};

/**
 * Statements that touch another owner's tables, each with why it is one statement rather than
 * calls to the owners (docs/ARCHITECTURE.md, "Tables and their owners").
 */
export const CROSS_OWNER: Record<string, string> = {
  'src/messages/sql/writeMessages.ts': "a message commits with its effects: the conversation's sequence and last message, the participants' unread counts, the attachments it sends",
  'src/conversations/sql/markParticipantRead.ts': 'a read mark counts what stays unread among the messages in the same statement',
  'src/conversations/sql/recountUnread.ts': 'unread counts are counted from the messages they count',
  'src/attachments/sql/findAttachmentForDownload.ts': 'an attachment of a deleted message is not served: one read decides it',
  'src/conversations/sql/listParticipants.ts': "participants are listed with the names their contacts give, in one page's read",
  // Marketplace analytics: the job's scan and the reports' marketplace comparison.
  'src/conversations/sql/listConversationsBehindAnalytics.ts': "conversations behind are those whose last message is past what conversation_analytics took in: one indexed scan, batch by batch",
  'src/marketplace/analytics/sql/readMarketplaceFigures.ts': "the anonymised comparison takes medians over sellers of response, inquiry conversion and engagement figures in one read, so no seller's own figures leave the database",
  // Marketplace orders and disputes
  'src/conversations/sql/listOrderConversationsPage.ts': "\"my orders\" pages order conversations filtered and ordered by their order's status, with its latest dispute and participants, in one read",
  'src/marketplace/orders/sql/listOrderTimelinePage.ts': "the order timeline pages messages and order events merged in one order, so one UNION decides each page",
  'src/marketplace/disputes/sql/listDisputeQueuePage.ts': "the moderation queue shows each dispute's conversation type on the page it pages",
  // Audiences: a segment filters a vendor's customers by their consent as it stands and their locale.
  'src/audiences/sql/segmentConditions.ts': "a segment's channel and locale filters are conditions of the one statement that counts or pages it (the latest consent-log row per channel, the contact's locale), so no recipient is loaded to filter",
  'src/audiences/sql/countSegment.ts': "a segment's size and its opted-in figures per channel are counted in one statement over the customers and their latest consent rows, never loading recipients",
  'src/audiences/sql/pageSegmentRecipients.ts': "a page of recipients carries how each is reached (their contact) and the channels they opt in to for the vendor, in the read that pages them",
  'src/marketplace/disputes/sql/listConversationFlags.ts': "a flag is listed with its conversation's type, order, buyer and seller in the read that pages the flags",
};

/** Where tables are defined rather than used: the schema and its migrations. */
const definitions = ['src/db/schema.ts', 'src/db/migrations/'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const server = sourceFiles('src');
const client = sourceFiles('client');
const text = new Map([...server, ...client].map((f) => [f, readFileSync(join(root, f), 'utf8')]));

/** The tables a file's SQL names (in SQL text or Kysely's builders). */
function tablesIn(source: string): string[] {
  const found = new Set<string>();
  for (const table of Object.keys(TABLE_OWNERS)) {
    const raw = new RegExp(`\\b(FROM|JOIN|UPDATE|INTO|TABLE)\\s+${table}\\b`, 'i');
    const built = new RegExp(`\\b(selectFrom|updateTable|insertInto|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\\(\\s*['"\`]${table}\\b`);
    if (raw.test(source) || built.test(source)) found.add(table);
  }
  return [...found];
}

const withSql = server.filter((f) => !definitions.some((d) => f === d || f.startsWith(d)));

describe('the layout', () => {
  it('runs SQL only in sql/ folders, on the tables of the folder\'s owner unless a statement is declared to reach further', () => {
    const strays: string[] = [];
    const reaching = new Map<string, string[]>();
    for (const file of withSql) {
      for (const table of tablesIn(text.get(file)!)) {
        const owner = TABLE_OWNERS[table]!;
        if (owner === 'src/db' && file.startsWith('src/db/')) continue;
        if (!/\/sql\/[^/]+\.ts$/.test(file)) strays.push(`${file}: ${table} (owner ${owner})`);
        else if (!file.startsWith(`${owner}/sql/`)) reaching.set(file, [...(reaching.get(file) ?? []), table]);
      }
    }
    expect(strays, 'SQL outside an sql/ folder').toEqual([]);
    const undeclared = [...reaching].filter(([file]) => !(file in CROSS_OWNER)).map(([file, tables]) => `${file}: ${tables.join(', ')}`);
    expect(undeclared, 'statements reaching other owners\' tables without a reason in CROSS_OWNER').toEqual([]);
    expect(Object.keys(CROSS_OWNER).filter((file) => !reaching.has(file)), 'CROSS_OWNER entries that no longer reach further').toEqual([]);
  });

  it('holds no SQL in route files', () => {
    const routes = server.filter((f) => /routes?\.ts$/.test(basename(f)));
    expect(routes.length).toBeGreaterThan(5);
    const offenders = routes.filter((f) => /\bsql`|\bsql<|\.(selectFrom|updateTable|insertInto|deleteFrom)\(/.test(text.get(f)!));
    expect(offenders).toEqual([]);
  });

  it('keeps every source file under about 500 lines', () => {
    const long = [...text].filter(([f]) => !f.endsWith('api-types.ts')).map(([f, t]) => [f, t.split('\n').length] as const).filter(([, n]) => n > 520);
    expect(long.map(([f, n]) => `${f}: ${n} lines`)).toEqual([]);
  });

  it('names each server file once', () => {
    const byName = new Map<string, string[]>();
    for (const f of server) {
      byName.set(basename(f), [...(byName.get(basename(f)) ?? []), f]);
    }
    const repeated = [...byName].filter(([name, files]) => files.length > 1 && name !== 'index.ts').map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(repeated).toEqual([]);
  });

  it('has no import circles', () => {
    const graph = new Map<string, string[]>();
    for (const [file, source] of text) {
      const targets: string[] = [];
      for (const m of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
        targets.push(relative(root, resolve(root, dirname(file), m[1]!)));
      }
      graph.set(file, targets.filter((t) => text.has(t)));
    }
    const circles = stronglyConnected(graph).filter((c) => c.length > 1);
    expect(circles.map((c) => c.join(' → '))).toEqual([]);
  });
});

/** Tarjan's strongly connected components. */
function stronglyConnected(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component);
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return out;
}
