import type { Db } from '../db/connect.ts';
import type { DomainEvent, EventSink } from '../events/event-sink.ts';
import { v7 } from '../uuid.ts';
import { findSubscribedEndpoints } from './sql/findSubscribedEndpoints.ts';
import { insertEventDeliveries } from './sql/insertEventDeliveries.ts';

/** The body every endpoint gets for an event (Standard Webhooks' suggested shape). */
export interface EventPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The event sink the owners are given: each event is stored once (webhook_events) with one
 * delivery per endpoint that takes it (webhook_deliveries), with the executor the owner passes:
 * its transaction, so the event and the change it reports commit together or not at all.
 * Nothing is written for an event no endpoint takes.
 */
export function createEventRecorder(): EventSink {
  return {
    async record(executor: Db, events: DomainEvent[]): Promise<void> {
      if (events.length === 0) return;
      const types = [...new Set(events.map((e) => e.type))];
      const sellers = [...new Set(events.map((e) => e.sellerId).filter((s): s is string => s !== null))];
      const endpoints = await findSubscribedEndpoints(executor, types, sellers);
      if (endpoints.length === 0) return;
      const stored: Parameters<typeof insertEventDeliveries>[1] = [];
      const deliveries: Parameters<typeof insertEventDeliveries>[2] = [];
      const now = Date.now();
      events.forEach((event, i) => {
        const targets = endpoints.filter((ep) => ep.event_types.includes(event.type) && (ep.seller_id === null || ep.seller_id === event.sellerId));
        if (targets.length === 0) return;
        const occurredAt = event.occurredAt ?? new Date(now);
        const eventId = v7(now + i);
        const payload: EventPayload = { type: event.type, timestamp: occurredAt.toISOString(), data: event.data };
        stored.push({ eventId, type: event.type, sellerId: event.sellerId, payload, occurredAt });
        for (const ep of targets) deliveries.push({ deliveryId: v7(now + i), endpointId: ep.endpoint_id, eventId });
      });
      await insertEventDeliveries(executor, stored, deliveries);
    },
  };
}
