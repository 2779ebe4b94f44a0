/**
 * A terminal chat client for one conversation: `npm run chat -- <conversationId>`.
 *
 * Reads PARLEY_TOKEN (a user JWT, see `npm run token`) and PARLEY_URL (default
 * http://localhost:3000). Shows the latest messages, then the conversation's live events;
 * every line typed is sent as a message. Messages from others are marked read as they
 * arrive. If the connection drops it reconnects and resumes after the last message shown,
 * and re-sends unacknowledged lines with their original clientMessageId (stored once).
 * Ctrl-D or Ctrl-C quits.
 */
import { randomUUID } from 'node:crypto';
import { clearLine, createInterface, cursorTo, type Interface, moveCursor } from 'node:readline';
import WebSocket from 'ws';
import type { MessageView } from '../src/messages/messages-service.ts';

type Message = Pick<MessageView, 'conversationId' | 'seq' | 'senderId' | 'messageType' | 'content' | 'payload' | 'deletedAt' | 'attachments'>;
interface Participant {
  userId: string;
  role: string;
  lastReadSeq: number;
  lastDeliveredSeq: number;
  online?: boolean;
}
interface Conversation {
  conversationId: string;
  conversationType: string;
  orderId: string | null;
  productId: string | null;
  subject: string | null;
  participants: Participant[];
}
type Event = { type: string } & Record<string, any>;

const conversationId = process.argv[2] ?? '';
const token = process.env.PARLEY_TOKEN;
const baseUrl = (process.env.PARLEY_URL || 'http://localhost:3000').replace(/\/+$/, '');

if (!conversationId || conversationId.startsWith('-')) {
  process.stderr.write('usage: PARLEY_TOKEN=<user jwt> [PARLEY_URL=http://localhost:3000] npm run chat -- <conversationId>\n');
  process.exit(2);
}
if (!token) {
  process.stderr.write('chat: set PARLEY_TOKEN to a user JWT, for example: PARLEY_TOKEN=$(npm run -s token -- buyer-42 buyer) npm run chat -- <conversationId>\n');
  process.exit(2);
}
if (!/^https?:\/\//.test(baseUrl)) {
  process.stderr.write(`chat: PARLEY_URL must start with http:// or https://, got "${baseUrl}"\n`);
  process.exit(2);
}
const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/ws`;

const out = process.stdout;
const tty = Boolean(process.stdin.isTTY && out.isTTY);
/** Created once the history is shown, so no typed line is missed or interleaved. */
let rl: Interface | undefined;

/** Prints a line above the prompt, keeping what is being typed. */
function print(line: string): void {
  if (!tty) {
    out.write(`${line}\n`);
    return;
  }
  cursorTo(out, 0);
  clearLine(out, 0);
  out.write(`${line}\n`);
  rl?.prompt(true);
}

function subjectOf(jwt: string): string {
  try {
    return String((JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown }).sub ?? '');
  } catch {
    return '';
  }
}

async function api<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    throw new Error(`cannot reach Parley at ${baseUrl} (${cause?.message ?? (error as Error).message}); is it running?`);
  }
  const body = (await response.json().catch(() => ({}))) as T & { error?: { code: string; message: string } };
  if (!response.ok) throw new Error(`${response.status} ${body.error?.code ?? ''}: ${body.error?.message ?? response.statusText}`);
  return body;
}

function describe(m: Message): string {
  if (m.deletedAt) return `[${m.seq}] ${m.senderId}: (deleted)`;
  let text = m.content ?? '';
  if (m.messageType !== 'text') text = `(${m.messageType})${text ? ` ${text}` : ''}${m.payload ? ` ${JSON.stringify(m.payload)}` : ''}`;
  for (const a of m.attachments) text += ` [${a.fileName}, ${a.size} bytes: ${baseUrl}${a.url}]`;
  return `[${m.seq}] ${m.senderId}: ${text}`;
}

/** The user the token names (its "sub"); the server confirms it in its "ready" event. */
let me = subjectOf(token);
let lastSeq = 0;
let quitting = false;
let socket: WebSocket | undefined;
let retryMs = 1_000;
let events: Promise<void> = Promise.resolve();
const participants = new Map<string, Participant>();
/** Sequence numbers of my own messages, for showing receipts. */
const mySeqs: number[] = [];
/** Sent lines not yet acknowledged, by clientMessageId: re-sent after a reconnect. */
const pending = new Map<string, Record<string, unknown>>();

function send(frame: Record<string, unknown>): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}

/** Shows a new message of this conversation once, in order; a gap is filled over REST. */
async function showMessage(m: Message): Promise<void> {
  if (m.seq <= lastSeq) return;
  if (m.seq > lastSeq + 1) {
    const missed = await api<{ messages: Message[] }>(`/conversations/${conversationId}/messages?after=${lastSeq}&before=${m.seq}&limit=200`);
    for (const earlier of missed.messages) if (earlier.seq > lastSeq) print(describe(earlier));
  }
  lastSeq = m.seq;
  print(describe(m));
  if (m.senderId === me) mySeqs.push(m.seq);
  if (m.senderId !== me && participants.has(me)) send({ type: 'read', conversationId, seq: m.seq });
}

async function handle(event: Event): Promise<void> {
  const mine = event.conversationId === conversationId || event.message?.conversationId === conversationId;
  switch (event.type) {
    case 'ready':
      me = event.userId;
      retryMs = 1_000;
      rl?.setPrompt(`${me}> `);
      send({ type: 'resume', cursors: { [conversationId]: lastSeq } });
      if (participants.has(me) && lastSeq > participants.get(me)!.lastReadSeq) send({ type: 'read', conversationId, seq: lastSeq });
      for (const frame of pending.values()) send(frame);
      if (tty) rl?.prompt(true);
      return;
    case 'message.created':
      if (mine) await showMessage(event.message);
      return;
    case 'message.updated':
      if (mine) print(`${describe(event.message)}   (edited)`);
      return;
    case 'message.deleted':
      if (mine) print(`[${event.message.seq}] ${event.message.senderId} deleted this message`);
      return;
    case 'message.ack':
      pending.delete(event.clientMessageId);
      return;
    case 'receipt': {
      if (!mine || event.userId === me) return;
      const p = participants.get(event.userId);
      if (!p) return;
      // Only receipts that cover one of my messages are news to me.
      const coversMine = (from: number, to: number) => mySeqs.some((seq) => seq > from && seq <= to);
      if (coversMine(p.lastReadSeq, event.lastReadSeq)) print(`    ✓✓ read by ${event.userId} up to [${event.lastReadSeq}]`);
      else if (coversMine(Math.max(p.lastDeliveredSeq, p.lastReadSeq), event.lastDeliveredSeq)) {
        print(`    ✓ delivered to ${event.userId} up to [${event.lastDeliveredSeq}]`);
      }
      p.lastReadSeq = Math.max(p.lastReadSeq, event.lastReadSeq);
      p.lastDeliveredSeq = Math.max(p.lastDeliveredSeq, event.lastDeliveredSeq);
      return;
    }
    case 'typing':
      if (mine && event.userId !== me) print(`    ${event.userId} is typing…`);
      return;
    case 'presence':
      if (participants.has(event.userId) && event.userId !== me) print(`    ${event.userId} is ${event.online ? 'online' : 'offline'}`);
      return;
    case 'unread':
      if (!mine && event.unreadCount > 0) print(`    (${event.unreadCount} unread in conversation ${event.conversationId})`);
      return;
    case 'participant.added':
      if (mine) {
        participants.set(event.participant.userId, { ...event.participant, lastReadSeq: 0, lastDeliveredSeq: 0 });
        print(`    ${event.participant.userId} (${event.participant.role}) joined`);
      }
      return;
    case 'error':
      if (event.clientMessageId) pending.delete(event.clientMessageId);
      print(`! ${event.code}: ${event.message}`);
      return;
    default:
      return; // resumed, pong, conversation.created, messages of other conversations
  }
}

function connect(): void {
  const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${token}` } });
  socket = ws;
  ws.on('message', (data) => {
    let event: Event;
    try {
      event = JSON.parse(data.toString()) as Event;
    } catch {
      return;
    }
    events = events.then(() => handle(event)).catch((error: Error) => print(`! ${error.message}`));
  });
  ws.on('unexpected-response', (_request, response) => {
    let body = '';
    response.on('data', (chunk: Buffer) => (body += chunk.toString()));
    response.on('end', () => {
      let reason = body;
      try {
        reason = (JSON.parse(body) as { error: { message: string } }).error.message;
      } catch {
        // not JSON: show it as is
      }
      process.stderr.write(`chat: the server refused the connection (${response.statusCode}): ${reason}\n`);
      process.exit(1);
    });
  });
  ws.on('error', () => {}); // followed by 'close', which reconnects
  ws.on('close', () => {
    if (quitting) return;
    print(`    connection lost; reconnecting in ${retryMs / 1000} s`);
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  });
}

async function quit(): Promise<void> {
  if (quitting) return;
  quitting = true;
  // Let lines already sent be acknowledged (piped input ends right after the last one).
  for (let waited = 0; pending.size > 0 && waited < 5_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await events;
  if (tty) out.write('\n');
  socket?.close(1000);
  process.exit(0);
}

async function start(): Promise<void> {
  const conversation = await api<Conversation>(`/conversations/${encodeURIComponent(conversationId)}`);
  for (const p of conversation.participants) participants.set(p.userId, p);
  const about = [conversation.orderId && `order ${conversation.orderId}`, conversation.productId && `product ${conversation.productId}`, conversation.subject]
    .filter(Boolean)
    .join(', ');
  const who = conversation.participants.map((p) => `${p.userId} (${p.role}${p.online ? ', online' : ''})`).join(', ');
  print(`${conversation.conversationType} conversation ${conversation.conversationId}${about ? ` (${about})` : ''}`);
  print(`Participants: ${who}`);
  const history = await api<{ messages: Message[]; hasMore: boolean }>(`/conversations/${conversationId}/messages?limit=20`);
  if (history.hasMore) print('    … earlier messages not shown');
  for (const m of history.messages) print(describe(m));
  mySeqs.push(...history.messages.filter((m) => m.senderId === me).map((m) => m.seq));
  lastSeq = history.messages.at(-1)?.seq ?? 0;
  print('Type a message and press Enter to send it; Ctrl-D or Ctrl-C to quit.');

  rl = createInterface({ input: process.stdin, output: out, terminal: tty });
  const input = rl;
  rl.on('line', (line) => {
    // The typed line is replaced by the message as stored, with its sequence number.
    if (tty) {
      moveCursor(out, 0, -1);
      clearLine(out, 0);
      input.prompt(true);
    }
    const content = line.trim();
    if (!content) return;
    const clientMessageId = randomUUID();
    const frame = { type: 'message.send', conversationId, clientMessageId, content };
    pending.set(clientMessageId, frame);
    send(frame);
  });
  rl.on('close', () => void quit());
  rl.on('SIGINT', () => input.close());
  process.on('SIGINT', () => void quit());
  process.on('SIGTERM', () => void quit());
  connect();
}

start().catch((error: Error) => {
  process.stderr.write(`chat: ${error.message}\n`);
  process.exit(1);
});
