/**
 * Chat users on real sockets (/ws): each send is a `message.send` frame with its own
 * clientMessageId, remembered until the server answers it with `message.ack` or an error frame
 * naming that id. Messages from others are remembered by conversation and sequence number.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { call } from './http.ts';
import { ANSWER_LIMIT_MS } from './limits.ts';
import { type ParleyNode, userToken } from './parley.ts';

export interface ChatSend {
  clientMessageId: string;
  conversationId: string;
  senderId: string;
  /** Epoch ms. */
  sentAt: number;
  answeredAt?: number;
  /** ack; an error frame naming the clientMessageId; or the socket closed first. */
  outcome?: 'ack' | 'error' | 'closed';
  code?: string;
  seq?: number;
}

export interface Pair {
  buyer: string;
  seller: string;
  conversationId: string;
}

/** Order conversations between fresh buyers and sellers, created by the marketplace (API key). */
export async function createPairs(node: ParleyNode, count: number, label: string): Promise<Pair[]> {
  const pairs: Pair[] = [];
  for (let i = 0; i < count; i++) {
    const buyer = `${label}-buyer-${i}`;
    const seller = `${label}-seller-${i}`;
    const answer = await call(node.url, 'POST', '/conversations', {
      body: { conversationType: 'order', orderId: `${label}-order-${i}-${randomUUID().slice(0, 8)}`, participants: [{ userId: buyer, role: 'buyer' }, { userId: seller, role: 'seller' }] },
    });
    if (answer.status !== 201) throw new Error(`creating a conversation failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    pairs.push({ buyer, seller, conversationId: answer.body.conversationId });
  }
  return pairs;
}

export class ChatClient {
  readonly sends: ChatSend[] = [];
  private readonly pending = new Map<string, ChatSend>();
  /** conversationId → seq → epoch ms it arrived, for messages of others. */
  readonly received = new Map<string, Map<number, number>>();
  /** Error frames that named no clientMessageId although a send was waiting. */
  readonly unnamedErrors: string[] = [];
  /** Sends skipped because the socket was not open. */
  skipped = 0;
  private ws: WebSocket | undefined;
  private closing = false;
  private waiters: { match: (frame: any) => boolean; resolve: (frame: any) => void }[] = [];

  private constructor(
    readonly node: ParleyNode,
    readonly userId: string,
    readonly role: 'buyer' | 'seller',
  ) {}

  static async open(node: ParleyNode, userId: string, role: 'buyer' | 'seller'): Promise<ChatClient> {
    const client = new ChatClient(node, userId, role);
    await client.connect();
    return client;
  }

  open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends still waiting for an ack or an error frame. */
  waiting(): number {
    return this.pending.size;
  }

  private async connect(): Promise<void> {
    const ws = new WebSocket(this.node.wsUrl, { headers: { authorization: `Bearer ${await userToken(this.userId, this.role)}` } });
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
      ws.once('message', () => resolve()); // "ready"
    });
    ws.on('error', () => {});
    ws.on('message', (data) => this.frame(JSON.parse(data.toString())));
    ws.once('close', () => {
      const at = Date.now();
      for (const send of this.pending.values()) Object.assign(send, { outcome: 'closed', answeredAt: at });
      this.pending.clear();
      if (!this.closing) void this.reconnect();
    });
    this.ws = ws;
  }

  /** After the server closed the socket (or died): connect again every half second. */
  private async reconnect(): Promise<void> {
    while (!this.closing) {
      await sleep(500);
      if (this.closing) return;
      try {
        await this.connect();
        return;
      } catch {
        // not yet
      }
    }
  }

  private frame(frame: any): void {
    const at = Date.now();
    if (frame.type === 'message.ack' || frame.type === 'error') {
      const send = frame.clientMessageId ? this.pending.get(frame.clientMessageId) : undefined;
      if (send) {
        this.pending.delete(send.clientMessageId);
        Object.assign(send, { answeredAt: at, outcome: frame.type === 'error' ? 'error' : 'ack', code: frame.code, seq: frame.message?.seq });
      } else if (frame.type === 'error' && this.pending.size) {
        this.unnamedErrors.push(JSON.stringify(frame).slice(0, 200));
      }
    }
    if (frame.type === 'message.created' && frame.message.senderId !== this.userId) {
      let seqs = this.received.get(frame.message.conversationId);
      if (!seqs) this.received.set(frame.message.conversationId, (seqs = new Map()));
      if (!seqs.has(frame.message.seq)) seqs.set(frame.message.seq, at);
    }
    for (const w of [...this.waiters]) {
      if (w.match(frame)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  }

  /** Sends a message; undefined when the socket is not open. */
  send(conversationId: string, content: string): ChatSend | undefined {
    if (!this.open()) {
      this.skipped++;
      return undefined;
    }
    const send: ChatSend = { clientMessageId: randomUUID(), conversationId, senderId: this.userId, sentAt: Date.now() };
    this.sends.push(send);
    this.pending.set(send.clientMessageId, send);
    this.ws!.send(JSON.stringify({ type: 'message.send', conversationId, clientMessageId: send.clientMessageId, content }));
    return send;
  }

  /** Sends `resume` and waits for `resumed`: what was missed after the cursors arrives first. */
  async resume(cursors: Record<string, number>, timeoutMs = 10_000): Promise<any> {
    if (!this.open()) throw new Error(`${this.userId}'s socket is not open`);
    const resumed = this.next((f) => f.type === 'resumed', timeoutMs);
    this.ws!.send(JSON.stringify({ type: 'resume', cursors }));
    return resumed;
  }

  next(match: (frame: any) => boolean, timeoutMs: number): Promise<any> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.userId}: no matching frame within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  close(): void {
    this.closing = true;
    this.ws?.close();
  }
}

/** Waits until every send of these clients is answered, or the answer limit has passed since the last was sent. */
export async function answersIn(clients: ChatClient[]): Promise<void> {
  const last = Math.max(0, ...clients.flatMap((c) => c.sends.map((s) => s.sentAt)));
  while (clients.some((c) => c.waiting() > 0) && Date.now() < last + ANSWER_LIMIT_MS) await sleep(100);
}

/**
 * Sends `rate` messages a second in total, round-robin over the buyers in their conversations,
 * on a fixed schedule whatever the answers (open loop), until stopped.
 */
export function chatLoad(buyers: { client: ChatClient; conversationId: string }[], rate: number): { stop(): Promise<void>; sent(): number } {
  let running = true;
  let sent = 0;
  const started = performance.now();
  const loop = (async () => {
    while (running) {
      const owed = Math.floor(((performance.now() - started) / 1000) * rate) - sent;
      for (let i = 0; i < owed; i++) {
        const b = buyers[sent % buyers.length]!;
        b.client.send(b.conversationId, `fault suite message ${sent}`);
        sent++;
      }
      await sleep(10);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
    sent: () => sent,
  };
}
