import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { apiKey, startParley } from './support/parley.ts';

describe('closing a node', () => {
  it('does not wait for a keep-alive connection whose request was still being read when closing began', async () => {
    const parley = await startParley(backends[0]!);
    const agent = new Agent({ keepAlive: true });
    const body = JSON.stringify({ requestId: randomUUID(), notificationType: 'transactional', channels: ['in-app'], recipient: { userId: 'buyer-1' }, message: { subject: 'Order', body: 'Shipped.' } });
    const { hostname, port } = new URL(parley.url);
    const answered = new Promise<number>((resolve, reject) => {
      const call = request({ hostname, port, path: '/notifications', method: 'POST', agent, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      call.on('error', reject);
      // Half the body now, the rest once closing has begun: the request is in flight when it does.
      call.write(body.slice(0, 20));
      setTimeout(() => call.end(body.slice(20)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = parley.close().then(() => 'closed' as const);
    expect(await answered).toBe(202);
    // The connection is idle now and kept alive by the agent; Node's keep-alive timeout is 72 s.
    const outcome = await Promise.race([closing, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 20_000))]);
    agent.destroy();
    expect(outcome).toBe('closed');
  }, 30_000);
});
