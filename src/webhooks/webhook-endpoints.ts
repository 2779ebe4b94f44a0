import { randomUUID } from 'node:crypto';
import { type AccessPolicy, isOperator } from '../access/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { newWebhookSecret } from '../crypto/standard-webhooks.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Db } from '../db/connect.ts';
import { invalid, notFound } from '../errors.ts';
import { EVENT_TYPES, type EventType } from '../events/event-sink.ts';
import { isUuid } from '../uuid.ts';
import { AddressRefused, type AddressRules } from './address-rules.ts';
import { deleteEndpoint } from './sql/deleteEndpoint.ts';
import type { EndpointRow } from './sql/endpointColumns.ts';
import { findEndpoint } from './sql/findEndpoint.ts';
import { insertEndpoint } from './sql/insertEndpoint.ts';
import { listEndpointDeliveries } from './sql/listEndpointDeliveries.ts';
import { listEndpoints } from './sql/listEndpoints.ts';
import { replayEndpointDeliveries } from './sql/replayEndpointDeliveries.ts';
import { updateEndpoint } from './sql/updateEndpoint.ts';

export interface EndpointView {
  endpointId: string;
  sellerId: string | null;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  rotationEndsAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function endpointView(row: EndpointRow): EndpointView {
  const rotating = row.previous_secret && row.previous_secret_expires_at && new Date(row.previous_secret_expires_at).getTime() > Date.now();
  return {
    endpointId: row.endpoint_id,
    sellerId: row.seller_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: iso(row.disabled_at),
    failingSince: iso(row.failing_since),
    rotationEndsAt: rotating ? iso(row.previous_secret_expires_at) : null,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/** Event types as asked for: exact names, or "order.*" for a family; unknown ones are refused. */
export function eventTypesOf(asked: string[]): EventType[] {
  const out = new Set<EventType>();
  for (const name of asked) {
    const family = name.endsWith('.*') ? name.slice(0, -1) : undefined;
    const matched = family ? EVENT_TYPES.filter((t) => t.startsWith(family)) : EVENT_TYPES.filter((t) => t === name);
    if (matched.length === 0) {
      throw invalid('unknown_event_type', `"${name}" is not an event type; use one of ${EVENT_TYPES.join(', ')}, or a family such as order.*.`, { eventType: name });
    }
    for (const t of matched) out.add(t);
  }
  if (out.size === 0) throw invalid('event_types_required', 'Subscribe to at least one event type in "eventTypes".');
  return EVENT_TYPES.filter((t) => out.has(t));
}

/**
 * Registering and managing endpoints: an operator's take every event (or a named seller's
 * events); a seller's take the events of their own conversations and orders. Another seller's
 * endpoint is 404, as if it did not exist. URLs are checked against the address rules before
 * anything is written.
 */
export function createWebhookEndpoints({ db, access, rules, rotationOverlapSeconds }: { db: Db; access: AccessPolicy; rules: AddressRules; rotationOverlapSeconds: number }) {
  async function checkUrl(url: string): Promise<void> {
    try {
      await rules.checkUrl(url);
    } catch (error) {
      if (error instanceof AddressRefused) throw invalid(error.code, error.message, { field: 'url' });
      throw error;
    }
  }

  /** The endpoint, if the caller may manage it; otherwise 404. */
  async function own(principal: Principal, endpointId: string): Promise<EndpointRow> {
    await access.requireAccess(principal, 'webhook.manage');
    const row = isUuid(endpointId) ? await findEndpoint(db, endpointId) : undefined;
    if (!row || (!isOperator(principal) && row.seller_id !== principal.userId)) throw notFound('webhook_endpoint');
    return row;
  }

  return {
    async create(principal: Principal, input: { url: string; eventTypes: string[]; description?: string; sellerId?: string }): Promise<EndpointView & { secret: string }> {
      await access.requireAccess(principal, 'webhook.manage', { sellerId: input.sellerId });
      const eventTypes = eventTypesOf(input.eventTypes);
      await checkUrl(input.url);
      const sellerId = isOperator(principal) ? (input.sellerId ?? null) : principal.userId;
      const secret = newWebhookSecret();
      const row = await insertEndpoint(db, { endpointId: randomUUID(), sellerId, url: input.url, description: input.description ?? null, eventTypes, secret, createdBy: principal.userId });
      return { ...endpointView(row), secret };
    },

    async list(principal: Principal, query: { sellerId?: string }): Promise<EndpointView[]> {
      await access.requireAccess(principal, 'webhook.manage', { sellerId: query.sellerId });
      const sellerId = isOperator(principal) ? query.sellerId : principal.userId;
      return (await listEndpoints(db, sellerId)).map(endpointView);
    },

    async get(principal: Principal, endpointId: string): Promise<EndpointView> {
      return endpointView(await own(principal, endpointId));
    },

    async update(principal: Principal, endpointId: string, input: { url?: string; eventTypes?: string[]; description?: string | null; enabled?: boolean }): Promise<EndpointView> {
      const row = await own(principal, endpointId);
      const eventTypes = input.eventTypes ? eventTypesOf(input.eventTypes) : undefined;
      if (input.url !== undefined && input.url !== row.url) await checkUrl(input.url);
      const enabling = input.enabled === true && !row.enabled;
      const updated = await updateEndpoint(db, row.endpoint_id, {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(eventTypes ? { event_types: eventTypes } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.enabled === false && row.enabled ? { enabled: false, disabled_reason: 'by_owner', disabled_at: new Date() } : {}),
        // Enabled again: a fresh start; deliveries that waited are sent now.
        ...(enabling ? { enabled: true, disabled_reason: null, disabled_at: null, failing_since: null } : {}),
      });
      if (!updated) throw notFound('webhook_endpoint');
      return endpointView(updated);
    },

    async remove(principal: Principal, endpointId: string): Promise<void> {
      const row = await own(principal, endpointId);
      if (!(await deleteEndpoint(db, row.endpoint_id))) throw notFound('webhook_endpoint');
    },

    /** A new secret; the old one still signs (a second signature) until the overlap ends. */
    async rotateSecret(principal: Principal, endpointId: string): Promise<EndpointView & { secret: string }> {
      const row = await own(principal, endpointId);
      const secret = newWebhookSecret();
      const updated = await updateEndpoint(db, row.endpoint_id, {
        secret,
        previous_secret: rotationOverlapSeconds > 0 ? row.secret : null,
        previous_secret_expires_at: rotationOverlapSeconds > 0 ? new Date(Date.now() + rotationOverlapSeconds * 1000) : null,
      });
      if (!updated) throw notFound('webhook_endpoint');
      return { ...endpointView(updated), secret };
    },

    async replay(principal: Principal, endpointId: string, input: { since: string; onlyFailed?: boolean }): Promise<{ replayed: number }> {
      const row = await own(principal, endpointId);
      const since = new Date(input.since);
      return { replayed: await replayEndpointDeliveries(db, row.endpoint_id, since, input.onlyFailed ?? true) };
    },

    async deliveries(principal: Principal, endpointId: string, query: { status?: string; cursor?: string; limit?: number }) {
      const row = await own(principal, endpointId);
      const limit = query.limit ?? 50;
      const before = query.cursor ? decodeCursor(query.cursor, ['date', 'uuid'] as const) : undefined;
      const rows = await listEndpointDeliveries(db, row.endpoint_id, { status: query.status, before: before && { createdAt: before[0], deliveryId: before[1] }, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        endpointId: row.endpoint_id,
        deliveries: page.map((d) => ({
          deliveryId: d.delivery_id,
          eventId: d.event_id,
          eventType: d.event_type,
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.status === 'pending' ? iso(d.next_attempt_at) : null,
          lastAttemptAt: iso(d.last_attempt_at),
          lastStatus: d.last_status,
          lastError: d.last_error,
          lastDetail: d.last_detail,
          createdAt: iso(d.created_at)!,
          deliveredAt: iso(d.delivered_at),
        })),
        nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.created_at), last.delivery_id]) : null,
      };
    },
  };
}

export type WebhookEndpoints = ReturnType<typeof createWebhookEndpoints>;
