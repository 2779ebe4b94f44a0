import type { ParleyUser, Role } from './types.ts';

const roles: readonly Role[] = ['buyer', 'seller', 'moderator', 'operator'];

/**
 * Reads the user from a JWT's payload: `sub`, `role` (default buyer), `name` and `locale`. It does not
 * check the signature (Parley does); it only shows who the token speaks for.
 */
export function decodeUser(token: string): ParleyUser {
  const payload = decodePayload(token);
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('The token has no "sub" (user id).');
  const role = payload.role === undefined ? 'buyer' : payload.role;
  if (!roles.includes(role as Role)) throw new Error(`The token's role "${String(role)}" is not one of ${roles.join(', ')}.`);
  return { userId: payload.sub, role: role as Role, ...(typeof payload.name === 'string' ? { name: payload.name } : {}), ...(typeof payload.locale === 'string' ? { locale: payload.locale } : {}) };
}

function decodePayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('This is not a JWT.');
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
    if (typeof json !== 'object' || json === null) throw new Error('not an object');
    return json as Record<string, unknown>;
  } catch {
    throw new Error('This is not a JWT: its payload is not base64url JSON.');
  }
}
