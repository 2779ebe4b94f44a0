import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { apiKey, openSocket, orderConversation, sendMessage, startParley, type TestParley } from './support/parley.ts';

describe.each(backends)('logs on $name', (backend) => {
  let parley: TestParley;
  const lines: string[] = [];

  beforeAll(async () => {
    parley = await startParley(backend, { env: { LOG_LEVEL: 'trace' }, logTo: { write: (line: string) => void lines.push(line) } });
  });
  afterAll(async () => parley?.close());

  it('are structured JSON and never carry tokens, API keys or message bodies', async () => {
    const { conversationId } = await orderConversation(parley, 'ann', 'sam');
    const token = await parley.token('sam', 'seller');
    const socket = await openSocket(parley.wsUrl, token, 'query');
    const body = 'my phone is 555 0100 and the secret word is tangerine';
    expect((await sendMessage(parley, conversationId, body, { as: 'ann' })).status).toBe(201);
    await socket.next((e) => e.type === 'message.created');
    socket.send({ type: 'message.send', conversationId, clientMessageId: 'c-1', content: `${body} again` });
    await socket.next((e) => e.type === 'message.ack');
    await parley.request('GET', `/messages/search?q=tangerine`, { as: 'ann' });
    socket.close();

    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const all = lines.join('\n');
    expect(all).toContain('/conversations'); // requests are logged...
    for (const secret of [token, apiKey, 'tangerine', '555 0100']) expect(all).not.toContain(secret); // ...their secrets are not
  });
});
