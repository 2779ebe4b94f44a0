import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../config.ts';
import { invalid, ParleyError, unauthenticated } from '../errors.ts';
import { type Principal, type UserRole, userRoles } from './principal.ts';

export interface Authenticator {
  /** Resolves the credentials of a request: an `Authorization: Bearer` value and optional `X-Parley-User`. */
  authenticate(token: string | undefined, actingUser?: string): Promise<Principal>;
}

const userIdPattern = /^[A-Za-z0-9._:@-]{1,128}$/;
const localePattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}$/;

export function createAuthenticator(
  config: Pick<Config, 'apiKeys' | 'jwtSecret' | 'jwksUrl'> & Partial<Pick<Config, 'jwtIssuer' | 'jwtAudience' | 'jwtClockSkewSeconds'>>,
): Authenticator {
  const keyDigests = config.apiKeys.map(digest);
  const secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : undefined;
  const jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : undefined;
  const skew = config.jwtClockSkewSeconds ?? 30;
  // Issuer and audience are checked here rather than by jose, so that each gets its own code.
  const claimChecks = { requiredClaims: ['exp', 'sub'], clockTolerance: skew };

  function isApiKey(token: string): boolean {
    const d = digest(token);
    let match = false;
    for (const k of keyDigests) match = timingSafeEqual(k, d) || match;
    return match;
  }

  async function verifyJwt(token: string): Promise<JWTPayload> {
    const payload = await verifySignature(token);
    checkIssuerAndAudience(payload);
    // jose checks exp and nbf with the skew; a token issued later than now (beyond it) is refused too.
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + skew) {
      throw unauthenticated('invalid_token', `The token's "iat" claim lies in the future (more than ${skew} s ahead of this server's clock); check the clock of the service that signs tokens.`);
    }
    return payload;
  }

  function checkIssuerAndAudience(payload: JWTPayload): void {
    if (config.jwtIssuer !== undefined && payload.iss !== config.jwtIssuer) {
      throw unauthenticated(
        'invalid_token_issuer',
        payload.iss === undefined
          ? `The token has no "iss" claim; this server accepts only tokens issued by "${config.jwtIssuer}".`
          : `The token was issued by ${JSON.stringify(String(payload.iss)).slice(0, 200)}; this server accepts only tokens issued by "${config.jwtIssuer}".`,
      );
    }
    if (config.jwtAudience !== undefined) {
      const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
      if (!audiences.some((aud) => typeof aud === 'string' && config.jwtAudience!.includes(aud))) {
        const expected = config.jwtAudience.map((a) => `"${a}"`).join(' or ');
        throw unauthenticated(
          'invalid_token_audience',
          audiences.length === 0 ? `The token has no "aud" claim; this server accepts only tokens for ${expected}.` : `The token is meant for another audience; this server accepts only tokens for ${expected}.`,
        );
      }
    }
  }

  async function verifySignature(token: string): Promise<JWTPayload> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated('invalid_token', 'The bearer token is neither an API key nor a well-formed JWT.');
    }
    try {
      if (alg === 'HS256' && secret) {
        return (await jwtVerify(token, secret, { algorithms: ['HS256'], ...claimChecks })).payload;
      }
      if ((alg === 'RS256' || alg === 'ES256') && jwks) {
        return (await jwtVerify(token, jwks, { algorithms: ['RS256', 'ES256'], ...claimChecks })).payload;
      }
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('token_expired', 'The token has expired; ask the marketplace for a new one.');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf' && error.reason === 'check_failed') {
        throw unauthenticated('token_not_yet_valid', `The token is not valid yet (its "nbf" is more than ${skew} s ahead of this server's clock); check the clock of the service that signs tokens.`);
      }
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        throw unauthenticated('invalid_token', `The token's "${error.claim}" claim is missing or invalid.`);
      }
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
        throw new ParleyError('unavailable', 'jwks_unavailable', 'The key set that verifies user tokens cannot be fetched right now; try again shortly.');
      }
      throw unauthenticated('invalid_token', 'The token signature could not be verified.');
    }
    throw unauthenticated('invalid_token', `Tokens signed with "${alg}" are not accepted by this server.`);
  }

  return {
    async authenticate(token, actingUser) {
      if (!token) throw unauthenticated('missing_credentials', 'Send "Authorization: Bearer <token>" with an API key or a user JWT.');
      if (isApiKey(token)) {
        if (actingUser === undefined) return { userId: 'operator', role: 'operator', viaApiKey: true };
        if (!userIdPattern.test(actingUser)) {
          throw invalid('invalid_user_header', 'X-Parley-User must be a user id of 1-128 letters, digits and the characters . _ : @ - only.');
        }
        return { userId: actingUser, role: 'buyer', viaApiKey: true };
      }
      if (actingUser !== undefined) {
        throw unauthenticated('invalid_token', 'X-Parley-User may only be used with an API key.');
      }
      const claims = await verifyJwt(token);
      const sub: unknown = claims.sub;
      if (typeof sub !== 'string' || !userIdPattern.test(sub)) throw unauthenticated('invalid_token', 'The token "sub" must be a user id of 1-128 letters, digits and the characters . _ : @ - only.');
      const role = (claims.role ?? 'buyer') as UserRole;
      if (!userRoles.includes(role)) {
        throw unauthenticated('invalid_token', `The token "role" must be one of ${userRoles.join(', ')}.`);
      }
      const name = typeof claims.name === 'string' ? claims.name.slice(0, 200) : undefined;
      // An optional preference: a claim that is not a language tag is left out (texts fall back), never refused.
      const locale = typeof claims.locale === 'string' && localePattern.test(claims.locale) ? claims.locale : undefined;
      return { userId: sub, role, name, ...(locale ? { locale } : {}), viaApiKey: false };
    },
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
