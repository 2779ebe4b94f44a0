import type { PlannedDelivery } from '../deliveries/delivery-types.ts';
import type { NotificationType, Rendered, StoredContent } from '../model.ts';
import type { PreferencesService } from '../preferences/user-preferences.ts';
import { judge } from '../preferences/quiet-hours.ts';
import type { RecipientLinks } from '../unsubscribe/recipient-links.ts';
import type { Templates } from '../templates/notification-templates.ts';

/** An in-app item as the feed and the socket show it. */
export function feedItem(row: { log_id: string; request_id: string; notification_type: string; created_at: Date | string }, rendered: Rendered): Record<string, unknown> {
  return {
    logId: row.log_id,
    requestId: row.request_id,
    notificationType: row.notification_type,
    title: rendered.title ?? '',
    body: rendered.body ?? '',
    imageUrl: rendered.imageUrl ?? null,
    action: rendered.action ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    seenAt: null,
    readAt: null,
  };
}

/** An in-app item written as sent at acceptance: pushed to its user's sockets once the write commits. */
export interface InAppNote {
  userId: string;
  item: Record<string, unknown>;
  dueSince: Date;
}

/**
 * In-app deliveries need no provider: their row is the feed. Those that pass, at acceptance,
 * every check the dispatcher would make (delivery-gates.ts) are rendered there and written as
 * `sent` (no queue row, no claim, no outcome): one write instead of three. The checks for in-app
 * are the user's opt-outs and channels, quiet hours where the type respects them, the daily
 * limit of promotions and the frequency caps (a type with caps always waits for the dispatcher). What would be held, skipped or counted, or does not render, or is a later
 * fallback step or scheduled for later, is left to the queue, where the dispatcher decides as
 * before.
 */
export function createInAppNow({ preferences, templates, routing, links, capped }: {
  preferences: Pick<PreferencesService, 'getMany'>;
  templates: Pick<Templates, 'find' | 'render'>;
  routing: Record<NotificationType, { quietHours: 'respect' | 'bypass' }>;
  /** unsubscribe_url and preferences_url, as the dispatcher gives them to templates. */
  links?: Pick<RecipientLinks, 'variables'>;
  /** Whether a type has frequency caps: those are counted by the dispatcher, so they wait for it. */
  capped?: (type: NotificationType) => boolean;
}) {
  async function render(content: StoredContent, row: PlannedDelivery, metadata: Record<string, unknown> | null): Promise<Rendered | undefined> {
    if (content.kind === 'literal') return content.fields as Rendered;
    try {
      const template = await templates.find(content.key, 'in-app', content.locale);
      const variables = links?.variables({ user_id: row.user_id, notification_type: row.notification_type as NotificationType, channel: 'in-app', metadata, content });
      return template ? await templates.render(template, { ...content.data, ...variables }) : undefined;
    } catch {
      // The dispatcher reports a template that does not render, with its reason.
      return undefined;
    }
  }

  /**
   * Turns the eligible in-app rows of these planned requests into sent feed items (in place) and
   * returns what to push for each, by delivery id, once written.
   */
  // Rows settled before (a group written again without a request the database refused) keep their note.
  const settled = new WeakMap<PlannedDelivery, InAppNote>();

  return async function settle(planned: PlannedDelivery[][], now: Date): Promise<Map<string, InAppNote>> {
    const notes = new Map<string, InAppNote>();
    const rows = planned.flat();
    for (const row of rows) {
      const note = settled.get(row);
      if (note) notes.set(row.log_id, note);
    }
    const candidates = rows.filter((r) => r.channel === 'in-app' && r.step === 0 && r.status === 'queued' && r.due_at.getTime() <= now.getTime());
    if (!candidates.length) return notes;
    const prefs = await preferences.getMany(candidates.map((r) => r.user_id));
    for (const row of candidates) {
      const type = row.notification_type as NotificationType;
      const userPrefs = prefs.get(row.user_id);
      if (!judge(userPrefs, 'in-app', type, routing[type].quietHours === 'respect', now).ok) continue;
      if (type === 'promotional' && userPrefs?.dailyLimits?.promotionalLimit !== undefined) continue;
      if (capped?.(type)) continue;
      const metadata = parseMetadata(row.metadata);
      // A vendor's promotion waits for the dispatcher, which checks the user's consent to that vendor.
      if (type === 'promotional' && typeof metadata?.vendorId === 'string') continue;
      const rendered = await render(JSON.parse(row.content) as StoredContent, row, metadata);
      if (!rendered) continue;
      row.status = 'sent';
      row.content = JSON.stringify({ kind: 'literal', fields: rendered });
      // insertDeliveries writes a sent row with provider in-app, one attempt and its history entry.
      const note = { userId: row.user_id, item: feedItem({ ...row, created_at: now }, rendered), dueSince: row.due_at };
      settled.set(row, note);
      notes.set(row.log_id, note);
    }
    return notes;
  };
}

export type InAppNow = ReturnType<typeof createInAppNow>;

function parseMetadata(raw: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
