import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyError } from '../errors.ts';
import { type Authenticator, createAuthenticator } from './authenticate.ts';

const apiKey = 'server-to-server-key-0123456789';
const jwtSecret = 'a-very-long-shared-secret-for-hs256-tokens';
const secretBytes = new TextEncoder().encode(jwtSecret);
const now = () => Math.floor(Date.now() / 1000);

async function hs256(claims: JWTPayload, secret: Uint8Array = secretBytes): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function rejection(promise: Promise<unknown>, code: string, status = 401): Promise<ParleyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ParleyError);
    const parleyError = error as ParleyError;
    expect({ code: parleyError.code, status: parleyError.status }).toEqual({ code, status });
    expect(parleyError.message.length).toBeGreaterThan(10);
    return parleyError;
  }
  throw new Error(`expected a ${status} ${code}`);
}

describe('API keys', () => {
  const auth = createAuthenticator({ apiKeys: ['another-key-0123456789', apiKey] });

  it('authenticate the marketplace backend as operator', async () => {
    expect(await auth.authenticate(apiKey)).toEqual({ userId: 'operator', role: 'operator', viaApiKey: true });
  });

  it('act for the user named in X-Parley-User', async () => {
    expect(await auth.authenticate(apiKey, 'user:42@shop.example')).toEqual({ userId: 'user:42@shop.example', role: 'buyer', viaApiKey: true });
  });

  it.each(['', 'ann smith', 'ann/../bob', 'x'.repeat(129), 'ünïcode'])('refuse X-Parley-User %j', async (user) => {
    const error = await rejection(auth.authenticate(apiKey, user), 'invalid_user_header', 400);
    expect(error.message).toContain('X-Parley-User');
  });

  it('refuse a key that is not configured', async () => {
    await rejection(auth.authenticate('not-a-configured-key-0123456789'), 'invalid_token');
    await rejection(auth.authenticate(`${apiKey}x`), 'invalid_token');
  });

  it('refuse a request without a token', async () => {
    await rejection(auth.authenticate(undefined), 'missing_credentials');
    await rejection(auth.authenticate(''), 'missing_credentials');
    await rejection(auth.authenticate(undefined, 'ann'), 'missing_credentials');
  });
});

describe('HS256 user tokens', () => {
  const auth = createAuthenticator({ apiKeys: [apiKey], jwtSecret });

  it('give the principal named by the claims', async () => {
    const token = await hs256({ sub: 'ann', role: 'seller', name: 'Ann Example', exp: now() + 600 });
    expect(await auth.authenticate(token)).toEqual({ userId: 'ann', role: 'seller', name: 'Ann Example', viaApiKey: false });
  });

  it('take the optional locale claim, and leave out one that is no language tag rather than refuse the token', async () => {
    const german = await hs256({ sub: 'ann', locale: 'de-AT', exp: now() + 600 });
    expect(await auth.authenticate(german)).toMatchObject({ userId: 'ann', locale: 'de-AT' });
    for (const locale of ['not a locale', 7, '']) {
      const odd = await hs256({ sub: 'ann', locale, exp: now() + 600 });
      expect(await auth.authenticate(odd)).not.toHaveProperty('locale');
    }
  });

  it.each(['buyer', 'seller', 'moderator', 'operator'])('accept the role %s', async (role) => {
    const token = await hs256({ sub: 'ann', role, exp: now() + 600 });
    expect((await auth.authenticate(token)).role).toBe(role);
  });

  it('make a user without a role a buyer', async () => {
    const token = await hs256({ sub: 'ann', exp: now() + 600 });
    expect(await auth.authenticate(token)).toEqual({ userId: 'ann', role: 'buyer', name: undefined, viaApiKey: false });
  });

  it.each(['admin', 'Operator', 7, ['operator']])('refuse the role %j', async (role) => {
    const token = await hs256({ sub: 'ann', role, exp: now() + 600 });
    const error = await rejection(auth.authenticate(token), 'invalid_token');
    expect(error.message).toContain('role');
  });

  it('refuse an unsigned token (alg: none)', async () => {
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'ann', role: 'operator', exp: now() + 600 })}.`;
    const error = await rejection(auth.authenticate(token), 'invalid_token');
    expect(error.message).toContain('none');
  });

  it('refuse a token signed with another secret', async () => {
    const token = await hs256({ sub: 'ann', exp: now() + 600 }, new TextEncoder().encode('some-other-secret-that-is-long-enough'));
    await rejection(auth.authenticate(token), 'invalid_token');
  });

  it('refuse a token whose payload was changed after signing', async () => {
    const token = await hs256({ sub: 'ann', role: 'buyer', exp: now() + 600 });
    const [header, , signature] = token.split('.');
    const forged = `${header}.${b64url({ sub: 'ann', role: 'operator', exp: now() + 600 })}.${signature}`;
    await rejection(auth.authenticate(forged), 'invalid_token');
  });

  it('refuse an expired token with token_expired', async () => {
    const token = await hs256({ sub: 'ann', exp: now() - 60 });
    const error = await rejection(auth.authenticate(token), 'token_expired');
    expect(error.message).toMatch(/expired/);
  });

  it('refuse a token without exp', async () => {
    const error = await rejection(auth.authenticate(await hs256({ sub: 'ann' })), 'invalid_token');
    expect(error.message).toContain('exp');
  });

  it('refuse a token without sub', async () => {
    const error = await rejection(auth.authenticate(await hs256({ role: 'buyer', exp: now() + 600 })), 'invalid_token');
    expect(error.message).toContain('sub');
  });

  it.each([123, ['ann'], { id: 'ann' }, '', 'ann smith', 'x'.repeat(129)])('refuse the sub %j', async (sub) => {
    const token = await hs256({ sub, exp: now() + 600 } as unknown as JWTPayload);
    await rejection(auth.authenticate(token), 'invalid_token');
  });

  it('refuse X-Parley-User alongside a user token', async () => {
    const token = await hs256({ sub: 'ann', exp: now() + 600 });
    const error = await rejection(auth.authenticate(token, 'bob'), 'invalid_token');
    expect(error.message).toContain('X-Parley-User');
  });

  it('refuse text that is neither an API key nor a JWT', async () => {
    await rejection(auth.authenticate('not.a.jwt'), 'invalid_token');
    await rejection(auth.authenticate('garbage'), 'invalid_token');
  });

  it('refuse HS256 tokens when no secret is configured', async () => {
    const apiKeyOnly = createAuthenticator({ apiKeys: [apiKey] });
    const token = await hs256({ sub: 'ann', exp: now() + 600 });
    await rejection(apiKeyOnly.authenticate(token), 'invalid_token');
  });
});

describe('RS256 and ES256 user tokens from PARLEY_JWKS_URL', () => {
  let server: Server;
  let jwksUrl: string;
  let jwksOnly: Authenticator;
  let both: Authenticator;
  let rsa: CryptoKey;
  let ec: CryptoKey;
  let rogue: CryptoKey;

  beforeAll(async () => {
    const rsaPair = await generateKeyPair('RS256');
    const ecPair = await generateKeyPair('ES256');
    rsa = rsaPair.privateKey;
    ec = ecPair.privateKey;
    rogue = (await generateKeyPair('ES256')).privateKey;
    const body = JSON.stringify({
      keys: [
        { ...(await exportJWK(rsaPair.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
        { ...(await exportJWK(ecPair.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
      ],
    });
    server = createServer((request, response) => {
      if (request.url !== '/.well-known/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    jwksOnly = createAuthenticator({ apiKeys: [], jwksUrl });
    both = createAuthenticator({ apiKeys: [apiKey], jwtSecret, jwksUrl });
  });

  afterAll(async () => {
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const sign = (claims: JWTPayload, key: CryptoKey, alg: string, kid: string) =>
    new SignJWT(claims).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key);

  it('accept an RS256 token signed with a published key', async () => {
    const token = await sign({ sub: 'sam', role: 'seller', name: 'Sam', exp: now() + 600 }, rsa, 'RS256', 'rsa-1');
    expect(await jwksOnly.authenticate(token)).toEqual({ userId: 'sam', role: 'seller', name: 'Sam', viaApiKey: false });
    expect(await both.authenticate(token)).toEqual({ userId: 'sam', role: 'seller', name: 'Sam', viaApiKey: false });
  });

  it('accept an ES256 token signed with a published key', async () => {
    const token = await sign({ sub: 'mia', role: 'moderator', exp: now() + 600 }, ec, 'ES256', 'ec-1');
    expect(await jwksOnly.authenticate(token)).toEqual({ userId: 'mia', role: 'moderator', name: undefined, viaApiKey: false });
  });

  it('still accept HS256 tokens when a secret is configured too', async () => {
    const token = await hs256({ sub: 'ann', exp: now() + 600 });
    expect((await both.authenticate(token)).userId).toBe('ann');
  });

  it('refuse a token signed by a key that is not published', async () => {
    await rejection(jwksOnly.authenticate(await sign({ sub: 'eve', exp: now() + 600 }, rogue, 'ES256', 'rogue-1')), 'invalid_token');
  });

  it('refuse a token signed by another key under a published kid', async () => {
    await rejection(jwksOnly.authenticate(await sign({ sub: 'eve', exp: now() + 600 }, rogue, 'ES256', 'ec-1')), 'invalid_token');
  });

  it('refuse an expired token with token_expired', async () => {
    await rejection(jwksOnly.authenticate(await sign({ sub: 'sam', exp: now() - 60 }, rsa, 'RS256', 'rsa-1')), 'token_expired');
  });

  it('refuse tokens without exp or sub', async () => {
    await rejection(jwksOnly.authenticate(await sign({ sub: 'sam' }, ec, 'ES256', 'ec-1')), 'invalid_token');
    await rejection(jwksOnly.authenticate(await sign({ exp: now() + 600 }, ec, 'ES256', 'ec-1')), 'invalid_token');
  });

  it('refuse an HS256 token when only a JWKS is configured', async () => {
    const token = await hs256({ sub: 'ann', exp: now() + 600 });
    const error = await rejection(jwksOnly.authenticate(token), 'invalid_token');
    expect(error.message).toContain('HS256');
  });

  it('refuse an RS256 token when only a secret is configured', async () => {
    const secretOnly = createAuthenticator({ apiKeys: [], jwtSecret });
    const token = await sign({ sub: 'sam', exp: now() + 600 }, rsa, 'RS256', 'rsa-1');
    await rejection(secretOnly.authenticate(token), 'invalid_token');
  });

  it('refuse an unsigned token', async () => {
    const token = `${b64url({ alg: 'none' })}.${b64url({ sub: 'sam', exp: now() + 600 })}.`;
    await rejection(jwksOnly.authenticate(token), 'invalid_token');
    await rejection(both.authenticate(token), 'invalid_token');
  });

  it('refuse X-Parley-User alongside a user token', async () => {
    const token = await sign({ sub: 'sam', exp: now() + 600 }, rsa, 'RS256', 'rsa-1');
    await rejection(jwksOnly.authenticate(token, 'ann'), 'invalid_token');
  });
});

describe('an unreachable key set', () => {
  it('answers 503 jwks_unavailable, not "invalid token", so clients retry instead of signing out', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const auth = createAuthenticator({ apiKeys: [], jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ sub: 'ann', exp: now() + 600 }).setProtectedHeader({ alg: 'ES256', kid: 'k' }).sign(privateKey);
    await rejection(auth.authenticate(token), 'jwks_unavailable', 503);
  });
});

describe('issuer, audience and clock skew (PARLEY_JWT_ISSUER, PARLEY_JWT_AUDIENCE, PARLEY_JWT_CLOCK_SKEW_SECONDS)', () => {
  const issuer = 'https://shop.example.com';
  const strict = createAuthenticator({ apiKeys: [apiKey], jwtSecret, jwtIssuer: issuer, jwtAudience: ['parley', 'parley-staging'], jwtClockSkewSeconds: 30 });
  const open = createAuthenticator({ apiKeys: [apiKey], jwtSecret });
  const valid = () => ({ sub: 'ann', iss: issuer, aud: 'parley', exp: now() + 600 });

  it('accept a token from the configured issuer for a configured audience', async () => {
    expect((await strict.authenticate(await hs256(valid()))).userId).toBe('ann');
    expect((await strict.authenticate(await hs256({ ...valid(), aud: ['billing', 'parley-staging'] }))).userId).toBe('ann');
  });

  it('refuse a token from another issuer, or with none, with invalid_token_issuer', async () => {
    const other = await rejection(strict.authenticate(await hs256({ ...valid(), iss: 'https://evil.example' })), 'invalid_token_issuer');
    expect(other.message).toContain(issuer);
    const none = await rejection(strict.authenticate(await hs256({ ...valid(), iss: undefined })), 'invalid_token_issuer');
    expect(none.message).toContain('"iss"');
    await rejection(strict.authenticate(await hs256({ ...valid(), iss: `${issuer}/` })), 'invalid_token_issuer');
  });

  it('refuse a token for another audience, or with none, with invalid_token_audience', async () => {
    const other = await rejection(strict.authenticate(await hs256({ ...valid(), aud: 'billing' })), 'invalid_token_audience');
    expect(other.message).toContain('"parley"');
    await rejection(strict.authenticate(await hs256({ ...valid(), aud: ['billing', 'admin'] })), 'invalid_token_audience');
    const none = await rejection(strict.authenticate(await hs256({ ...valid(), aud: undefined })), 'invalid_token_audience');
    expect(none.message).toContain('"aud"');
  });

  it('check the signature before the issuer: a forged token is only invalid_token', async () => {
    const forged = await hs256({ ...valid(), iss: 'https://evil.example' }, new TextEncoder().encode('some-other-secret-that-is-long-enough'));
    await rejection(strict.authenticate(forged), 'invalid_token');
  });

  it('ignore iss and aud when neither is configured', async () => {
    expect((await open.authenticate(await hs256({ sub: 'ann', iss: 'anyone', aud: 'anything', exp: now() + 600 }))).userId).toBe('ann');
  });

  it('allow the configured skew on exp, and not more', async () => {
    expect((await strict.authenticate(await hs256({ ...valid(), exp: now() - 10 }))).userId).toBe('ann');
    await rejection(strict.authenticate(await hs256({ ...valid(), exp: now() - 60 })), 'token_expired');
    const exact = createAuthenticator({ apiKeys: [], jwtSecret, jwtClockSkewSeconds: 0 });
    await rejection(exact.authenticate(await hs256({ sub: 'ann', exp: now() - 2 })), 'token_expired');
  });

  it('allow the configured skew on nbf, and refuse a token not valid yet with token_not_yet_valid', async () => {
    expect((await strict.authenticate(await hs256({ ...valid(), nbf: now() + 10 }))).userId).toBe('ann');
    const early = await rejection(strict.authenticate(await hs256({ ...valid(), nbf: now() + 120 })), 'token_not_yet_valid');
    expect(early.message).toContain('30 s');
  });

  it('allow the configured skew on iat, and refuse a token issued in the future beyond it', async () => {
    expect((await strict.authenticate(await hs256({ ...valid(), iat: now() + 10 }))).userId).toBe('ann');
    const future = await rejection(strict.authenticate(await hs256({ ...valid(), iat: now() + 300 })), 'invalid_token');
    expect(future.message).toContain('"iat"');
  });

  it('hold RS256 and ES256 tokens to the same issuer and audience', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'ec-1', alg: 'ES256' };
    const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const auth = createAuthenticator({ apiKeys: [], jwksUrl, jwtIssuer: issuer, jwtAudience: ['parley'] });
      const sign = (claims: JWTPayload) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'ec-1' }).sign(privateKey);
      expect((await auth.authenticate(await sign(valid()))).userId).toBe('ann');
      await rejection(auth.authenticate(await sign({ ...valid(), iss: 'https://evil.example' })), 'invalid_token_issuer');
      await rejection(auth.authenticate(await sign({ ...valid(), aud: 'billing' })), 'invalid_token_audience');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
