import type { Envelope } from './fanout.ts';
import type { ClientConnection, Ordered } from './connection.ts';

export interface HubHooks {
  presenceChanged?: (userId: string, online: boolean) => void;
  delivered?: (payload: Envelope['payload'], userId: string) => void;
  /** Where an event stands in an ordered stream (undefined: not ordered, sent as is). */
  order?: (payload: Envelope['payload']) => Ordered | undefined;
}

/** The sockets open on this node, by user. */
export class Hub {
  private readonly byUser = new Map<string, Set<ClientConnection>>();

  private readonly presenceChanged: (userId: string, online: boolean) => void;
  private readonly delivered?: (payload: Envelope['payload'], userId: string) => void;
  private readonly order: (payload: Envelope['payload']) => Ordered | undefined;

  /**
   * The hub carries events and knows none of them; domains learn what happened through hooks
   * given here: `presenceChanged` when a user's first socket opens or last one closes,
   * `delivered` once per user for each event that reached at least one of their sockets on this node;
   * and `order` says which events belong to an ordered stream (each socket sends those in order).
   */
  constructor(hooks: HubHooks = {}) {
    this.presenceChanged = hooks.presenceChanged ?? (() => {});
    this.delivered = hooks.delivered;
    this.order = hooks.order ?? (() => undefined);
  }

  add(connection: ClientConnection): void {
    let set = this.byUser.get(connection.userId);
    if (!set) this.byUser.set(connection.userId, (set = new Set()));
    set.add(connection);
    if (set.size === 1) this.presenceChanged(connection.userId, true);
  }

  remove(connection: ClientConnection): void {
    const set = this.byUser.get(connection.userId);
    if (!set?.delete(connection)) return;
    if (set.size === 0) {
      this.byUser.delete(connection.userId);
      this.presenceChanged(connection.userId, false);
    }
  }

  isConnected(userId: string): boolean {
    return this.byUser.has(userId);
  }

  connectedUsers(): IterableIterator<string> {
    return this.byUser.keys();
  }

  get connectionCount(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  deliver = (envelope: Envelope, json: string): void => {
    const order = this.order(envelope.payload);
    for (const userId of envelope.userIds) {
      const set = this.byUser.get(userId);
      if (!set) continue;
      this.delivered?.(envelope.payload, userId);
      for (const connection of set) {
        if (order) connection.offer(order, json);
        else connection.sendRaw(json);
      }
    }
  };

  /**
   * Tells every socket on this node that events may have passed it by (fan-out between nodes
   * was interrupted): clients answer with a `resume` from their cursors, as after a reconnect.
   */
  resyncAll(reason: string): void {
    const json = JSON.stringify({ type: 'resync', reason });
    for (const set of this.byUser.values()) for (const c of set) c.sendRaw(json);
  }

  closeAll(): void {
    for (const set of this.byUser.values()) for (const c of set) c.close();
    this.byUser.clear();
  }
}
