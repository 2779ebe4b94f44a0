/**
 * Prints a user JWT for trying Parley: `npm run token -- <userId> [role] [name] [locale]`.
 *
 * In production the marketplace's backend signs these tokens. This stands in for it: it signs
 * with PARLEY_JWT_SECRET from the environment or, when that is unset, with the secret the
 * embedded default generated into `$PARLEY_DATA_DIR/credentials.env` (default ./data).
 * The token is HS256, valid for one hour. With PARLEY_JWT_ISSUER and PARLEY_JWT_AUDIENCE set (as
 * the server has them), it carries that "iss" and the first audience as "aud".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';

const roles = ['buyer', 'seller', 'moderator', 'operator'];
const userIdPattern = /^[A-Za-z0-9._:@-]{1,128}$/;

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

function jwtSecret(): string {
  const fromEnv = process.env.PARLEY_JWT_SECRET;
  if (fromEnv) return fromEnv;
  const file = join(resolve(process.env.PARLEY_DATA_DIR || './data'), 'credentials.env');
  if (!existsSync(file)) {
    fail(`PARLEY_JWT_SECRET is not set and ${file} does not exist; start Parley once (npm start) or set PARLEY_JWT_SECRET.`);
  }
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('PARLEY_JWT_SECRET='));
  const secret = line?.slice('PARLEY_JWT_SECRET='.length).trim();
  if (!secret) fail(`${file} has no PARLEY_JWT_SECRET line.`);
  return secret;
}

const [userId, role = 'buyer', name, locale] = process.argv.slice(2);
if (!userId || userId === '-h' || userId === '--help') {
  process.stderr.write(`usage: npm run token -- <userId> [${roles.join('|')}] [name] [locale]\n`);
  process.exit(userId ? 0 : 2);
}
if (!userIdPattern.test(userId)) fail('the user id must be 1-128 letters, digits or . _ : @ -');
if (!roles.includes(role)) fail(`the role must be one of ${roles.join(', ')}; got "${role}"`);

const issuer = process.env.PARLEY_JWT_ISSUER?.trim();
const audience = (process.env.PARLEY_JWT_AUDIENCE ?? '')
  .split(',')
  .map((a) => a.trim())
  .find(Boolean);
const unsigned = new SignJWT({ role, ...(name ? { name } : {}), ...(locale ? { locale } : {}) })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setSubject(userId);
if (issuer) unsigned.setIssuer(issuer);
if (audience) unsigned.setAudience(audience);
const token = await unsigned
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(new TextEncoder().encode(jwtSecret()));
process.stdout.write(`${token}\n`);
