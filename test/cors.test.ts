import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/env.ts';
import { backends } from './support/backends.ts';
import { startParley, type TestParley, testCredentials } from './support/parley.ts';

const shop = 'https://shop.example.com';

/** A raw HTTP request (fetch would not let a test set Origin freely); the status and headers. */
function call(baseUrl: string, method: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const preflight = (baseUrl: string, origin: string, method = 'POST') =>
  call(baseUrl, 'OPTIONS', '/conversations', { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' });

describe.each(backends)('CORS on $name', (backend) => {
  let withCors: TestParley;
  let withoutCors: TestParley;

  beforeAll(async () => {
    [withCors, withoutCors] = await Promise.all([
      startParley(backend, { env: { PARLEY_CORS_ORIGINS: `${shop}, http://localhost:5173` } }),
      startParley(backend),
    ]);
  });
  afterAll(async () => Promise.all([withCors?.close(), withoutCors?.close()]));

  it('answers a preflight from an allowed origin with the methods and headers the SDK uses', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const reply = await preflight(withCors.url, shop, method);
      expect(reply.status).toBe(204);
      expect(reply.headers['access-control-allow-origin']).toBe(shop);
      expect(String(reply.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
      expect(String(reply.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/)).toEqual(['authorization', 'content-type']);
      expect(String(reply.headers.vary)).toMatch(/origin/i);
    }
    expect((await preflight(withCors.url, 'http://localhost:5173')).headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('gives another origin no CORS headers', async () => {
    for (const origin of ['https://evil.example.com', 'https://shop.example.com.evil.example', 'http://shop.example.com']) {
      const reply = await preflight(withCors.url, origin);
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
      expect(reply.headers['access-control-allow-methods']).toBeUndefined();
    }
  });

  it('marks the allowed origin on answers too, errors included, so a page can read their codes', async () => {
    const token = await withCors.token('buyer-cors');
    const ok = await call(withCors.url, 'GET', '/conversations', { origin: shop, authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(shop);
    const refused = await call(withCors.url, 'GET', '/conversations', { origin: shop });
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(shop);
    expect(String(refused.headers['access-control-expose-headers'])).toMatch(/Retry-After/);
    const other = await call(withCors.url, 'GET', '/conversations', { origin: 'https://evil.example.com', authorization: `Bearer ${token}` });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends no CORS headers by default (PARLEY_CORS_ORIGINS unset)', async () => {
    const reply = await preflight(withoutCors.url, shop);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(reply.headers['access-control-allow-methods']).toBeUndefined();
    const token = await withoutCors.token('buyer-cors');
    const ok = await call(withoutCors.url, 'GET', '/conversations', { origin: shop, authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('PARLEY_CORS_ORIGINS', () => {
  const env = { PARLEY_DATA_DIR: '/nonexistent/parley-cors-test', ...testCredentials };

  it('takes origins, comma-separated, and normalises them', () => {
    expect(loadConfig(env).corsOrigins).toEqual([]);
    expect(loadConfig({ ...env, PARLEY_CORS_ORIGINS: 'https://Shop.Example.com/, http://localhost:5173' }).corsOrigins).toEqual([shop, 'http://localhost:5173']);
  });

  it('refuses anything that is not an origin, naming the variable', () => {
    for (const bad of ['shop.example.com', 'https://shop.example.com/app', 'ftp://shop.example.com', '*', 'https://shop.example.com?x=1']) {
      let error: unknown;
      try {
        loadConfig({ ...env, PARLEY_CORS_ORIGINS: `${shop},${bad}` });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({ variable: 'PARLEY_CORS_ORIGINS' });
      expect((error as Error).message).toContain(bad);
    }
  });
});
