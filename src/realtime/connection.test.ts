import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { ClientConnection, type FetchMissing, type OrderedEvent } from './connection.ts';

type Message = OrderedEvent;

const conv = 'c0000000-0000-4000-8000-000000000001';
const other = 'c0000000-0000-4000-8000-000000000002';

/** A socket that records what is sent to it. */
function fakeSocket() {
  const frames: any[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    send(json: string) {
      frames.push(JSON.parse(json));
    },
  };
  return { socket, frames };
}

/** A conversation store: the messages the database would hold, read as messages.after() does. */
function fakeStore(count: Record<string, number>) {
  const calls: { conversationId: string; afterSeq: number; limit: number }[] = [];
  let failures = 0;
  const fetchMissing: FetchMissing = async (conversationId, afterSeq, limit) => {
    calls.push({ conversationId, afterSeq, limit });
    if (failures > 0) {
      failures--;
      throw new Error('database unavailable');
    }
    const last = count[conversationId] ?? 0;
    const out: Message[] = [];
    for (let seq = afterSeq + 1; seq <= last && out.length < limit; seq++) out.push(msg(seq, conversationId));
    return out;
  };
  return {
    fetchMissing,
    calls,
    failNext(n: number) {
      failures = n;
    },
  };
}

/** A conversation's message as the ordered event the hub offers (its stream is the conversation). */
function msg(seq: number, conversationId = conv, author?: string): Message {
  const message = author === undefined ? { conversationId, seq } : { conversationId, seq, senderId: author };
  return { stream: conversationId, seq, author, json: JSON.stringify({ type: 'message.created', message }) };
}

/** Offers an event with its own text, or the text given. */
const offer = (connection: ClientConnection, event: Message, json?: string) => connection.offer(event, json ?? event.json);

function setup(count: Record<string, number> = {}) {
  const { socket, frames } = fakeSocket();
  const store = fakeStore(count);
  const delivered: [string, number][] = [];
  const connection = new ClientConnection('user-1', socket as unknown as WebSocket, store.fetchMissing, (c, s) => delivered.push([c, s]));
  const seqs = (conversationId = conv) =>
    frames.filter((f) => f.type === 'message.created' && f.message.conversationId === conversationId).map((f) => f.message.seq as number);
  return { connection, socket, frames, store, delivered, seqs };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('ClientConnection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('delivers messages that arrive in order at once, as message.created events', () => {
    const { connection, frames, seqs, store } = setup({ [conv]: 3 });
    for (const seq of [1, 2, 3]) offer(connection, msg(seq));
    expect(seqs()).toEqual([1, 2, 3]);
    expect(frames[0]).toEqual({ type: 'message.created', message: { conversationId: conv, seq: 1 } });
    expect(store.calls).toEqual([]);
  });

  it('sends the pre-serialised event text when it is given', () => {
    const { connection, frames } = setup();
    const json = JSON.stringify({ type: 'message.created', message: { conversationId: conv, seq: 1, content: 'hello' } });
    offer(connection, msg(1), json);
    expect(frames).toEqual([JSON.parse(json)]);
  });

  it('reorders messages that arrive out of order without reading the database', async () => {
    const { connection, seqs, store, delivered } = setup({ [conv]: 5 });
    connection.setCursor(conv, 0);
    for (const seq of [3, 1, 5, 2, 4]) offer(connection, msg(seq));
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    expect(delivered).toEqual(range(1, 5).map((s) => [conv, s]));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.calls).toEqual([]);
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
  });

  it('holds a later message until the earlier ones arrive', () => {
    const { connection, seqs } = setup();
    offer(connection, msg(1));
    offer(connection, msg(3));
    expect(seqs()).toEqual([1]);
    offer(connection, msg(2));
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it('drops duplicates and messages older than the last one sent', () => {
    const { connection, seqs, delivered } = setup();
    for (const seq of [1, 2, 2, 1, 3, 3, 2]) offer(connection, msg(seq));
    offer(connection, msg(5));
    offer(connection, msg(5));
    offer(connection, msg(4));
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    expect(delivered).toEqual(range(1, 5).map((s) => [conv, s]));
  });

  it('refills a gap that never fills from the database, after a short wait', async () => {
    const { connection, seqs, store, delivered } = setup({ [conv]: 5 });
    offer(connection, msg(1));
    offer(connection, msg(5));
    expect(seqs()).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.calls).toEqual([{ conversationId: conv, afterSeq: 1, limit: expect.any(Number) }]);
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    expect(delivered).toEqual(range(1, 5).map((s) => [conv, s]));
  });

  it('does not read the database when the gap fills in time', async () => {
    const { connection, seqs, store } = setup({ [conv]: 3 });
    offer(connection, msg(1));
    offer(connection, msg(3));
    await vi.advanceTimersByTimeAsync(50);
    offer(connection, msg(2));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seqs()).toEqual([1, 2, 3]);
    expect(store.calls).toEqual([]);
  });

  it('tries again when reading the gap fails', async () => {
    const { connection, seqs, store } = setup({ [conv]: 4 });
    store.failNext(1);
    offer(connection, msg(1));
    offer(connection, msg(4));
    await vi.advanceTimersByTimeAsync(200);
    expect(store.calls).toHaveLength(1);
    expect(seqs()).toEqual([1]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.calls.length).toBeGreaterThanOrEqual(2);
    expect(seqs()).toEqual([1, 2, 3, 4]);
  });

  it('live messages that arrive while a gap is being read are neither lost nor repeated', async () => {
    const { connection, seqs, store } = setup({ [conv]: 6 });
    offer(connection, msg(1));
    offer(connection, msg(4));
    await vi.advanceTimersByTimeAsync(150); // the gap read starts
    offer(connection, msg(2));
    offer(connection, msg(5));
    offer(connection, msg(6));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.calls.length).toBeGreaterThanOrEqual(1);
    expect(seqs()).toEqual(range(1, 6));
  });

  it('a gap wider than one database page is read page by page, with nothing skipped', async () => {
    const last = 1_200;
    const { connection, seqs } = setup({ [conv]: last });
    connection.setCursor(conv, 0);
    // The socket falls far behind: only the newest 600 messages reach it live.
    for (let seq = last - 599; seq <= last; seq++) offer(connection, msg(seq));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seqs()).toEqual(range(1, last));
  });

  it('resume: setCursor then replay sends exactly what was missed, once, in order', async () => {
    // The client saw 1..3 on an earlier socket; 4..8 were sent while it was away.
    const { connection, seqs, delivered, store } = setup({ [conv]: 10 });
    connection.setCursor(conv, 3);
    // A live message arrives while the replay is being read.
    offer(connection, msg(9));
    for (let seq = 4; seq <= 9; seq++) offer(connection, msg(seq)); // the replay, overlapping the live one
    offer(connection, msg(10));
    offer(connection, msg(9)); // late duplicate from fan-out
    expect(seqs()).toEqual(range(4, 10));
    expect(delivered).toEqual(range(4, 10).map((s) => [conv, s]));
    expect(connection.cursor(conv)).toBe(10);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.calls).toEqual([]);
    expect(seqs()).toEqual(range(4, 10));
  });

  it('resume: a cursor set before the replay makes earlier replayed messages no-ops', () => {
    const { connection, seqs } = setup();
    connection.setCursor(conv, 5);
    for (const seq of [1, 2, 3, 4, 5]) offer(connection, msg(seq));
    expect(seqs()).toEqual([]);
    offer(connection, msg(6));
    expect(seqs()).toEqual([6]);
  });

  it('resume after live messages already started the socket: the earlier ones are backfilled once, nothing repeated', () => {
    const { connection, seqs, delivered } = setup({ [conv]: 12 });
    // Live 9 and 10 reach the fresh socket before the client says it has seen up to 3.
    offer(connection, msg(9));
    offer(connection, msg(10));
    expect(connection.startedAt(conv)).toBe(9);
    const stored = range(4, 10).map((seq) => msg(seq));
    connection.backfill(conv, 3, stored);
    connection.backfill(conv, 3, stored); // a repeated resume sends nothing more
    offer(connection, msg(10));
    offer(connection, msg(11));
    expect(seqs()).toEqual([9, 10, 4, 5, 6, 7, 8, 11]);
    expect(delivered.map(([, seq]) => seq).sort((a, b) => a - b)).toEqual(range(4, 11));
    expect(connection.cursor(conv)).toBe(11);
  });

  it('backfill sends nothing when the socket started where the client stands', () => {
    const { connection, seqs } = setup();
    offer(connection, msg(4));
    connection.backfill(conv, 3, [msg(3), msg(4)]);
    expect(seqs()).toEqual([4]);
    const fresh = setup();
    fresh.connection.setCursor(conv, 3);
    offer(fresh.connection, msg(4));
    expect(fresh.connection.startedAt(conv)).toBeUndefined();
    fresh.connection.backfill(conv, 0, [msg(1), msg(2), msg(3)]);
    expect(fresh.seqs()).toEqual([4]);
  });

  it("does not count the user's own messages as delivered to them, also when they were held for a gap", () => {
    const { connection, seqs, delivered } = setup();
    offer(connection, msg(1, conv, 'user-1'));
    offer(connection, msg(2));
    offer(connection, msg(4));
    offer(connection, msg(3, conv, 'user-1'));
    expect(seqs()).toEqual([1, 2, 3, 4]);
    expect(delivered).toEqual([
      [conv, 2],
      [conv, 4],
    ]);
  });

  it('keeps a separate sequence per conversation', () => {
    const { connection, seqs, delivered } = setup();
    connection.setCursor(conv, 0);
    connection.setCursor(other, 10);
    offer(connection, msg(2, conv));
    offer(connection, msg(11, other));
    offer(connection, msg(1, conv));
    offer(connection, msg(11, other));
    expect(seqs(conv)).toEqual([1, 2]);
    expect(seqs(other)).toEqual([11]);
    expect(delivered).toEqual([
      [other, 11],
      [conv, 1],
      [conv, 2],
    ]);
  });

  it('other events are sent as they are', () => {
    const { connection, frames } = setup();
    connection.send({ type: 'typing', conversationId: conv, userId: 'u2' });
    connection.sendRaw('{"type":"presence","userId":"u2","online":true}');
    expect(frames).toEqual([
      { type: 'typing', conversationId: conv, userId: 'u2' },
      { type: 'presence', userId: 'u2', online: true },
    ]);
  });

  it('sends nothing once the socket is no longer open', () => {
    const { connection, socket, frames } = setup();
    socket.readyState = 3;
    connection.send({ type: 'pong' });
    expect(frames).toEqual([]);
  });

  it('after close, sends nothing and reads nothing', async () => {
    const { connection, frames, store } = setup({ [conv]: 5 });
    offer(connection, msg(1));
    offer(connection, msg(5));
    connection.close();
    await vi.advanceTimersByTimeAsync(5_000);
    connection.send({ type: 'pong' });
    expect(store.calls).toEqual([]);
    expect(frames.map((f) => f.message?.seq ?? f.type)).toEqual([1]);
  });
});
