import type { Envelope } from './fanout.ts';
import type { ClientConnection, MessageEventPayload } from './connection.ts';

/** The sockets open on this node, by user. */
export class Hub {
  private readonly byUser = new Map<string, Set<ClientConnection>>();

  /** Told when an in-app notification reached at least one socket on this node. */
  onNotificationDelivered?: (logId: string) => void;

  constructor(private readonly presenceChanged: (userId: string, online: boolean) => void = () => {}) {}

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
    const isMessage = envelope.payload.type === 'message.created';
    const isNotification = envelope.payload.type === 'notification.created';
    for (const userId of envelope.userIds) {
      const set = this.byUser.get(userId);
      if (!set) continue;
      if (isNotification) this.onNotificationDelivered?.((envelope.payload.notification as { logId: string }).logId);
      for (const connection of set) {
        if (isMessage) connection.offerMessage((envelope.payload as unknown as MessageEventPayload).message, json);
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
