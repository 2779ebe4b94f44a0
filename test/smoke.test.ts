import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { orderConversation, startParley, type TestParley } from './support/parley.ts';

describe.each(backends)('chat on $name', (backend) => {
  let parley: TestParley;
  beforeAll(async () => {
    parley = await startParley(backend);
  });
  afterAll(async () => parley?.close());

  it('delivers a message sent over REST to the other participant socket', async () => {
    const { conversationId } = await orderConversation(parley, 'ann', 'sam');
    const sam = await parley.connect('sam', 'seller');
    const sent = await parley.request('POST', `/conversations/${conversationId}/messages`, { as: 'ann', body: { content: 'Hi Sam' } });
    expect(sent.status).toBe(201);
    const event = await sam.next((e) => e.type === 'message.created');
    expect(event.message).toMatchObject({ conversationId, senderId: 'ann', content: 'Hi Sam', seq: 1 });
  });
});
