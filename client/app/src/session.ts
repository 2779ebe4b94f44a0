import { ParleyClient, decodeUser } from '../../sdk/index.ts';

/**
 * The signed-in user's token lives in sessionStorage, so closing the tab signs out. A
 * marketplace can hand a token over in the fragment: /app/#token=<jwt> (never sent to a server).
 */
const key = 'parley.token';

export function takeTokenFromUrl(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  sessionStorage.setItem(key, decodeURIComponent(match[1]!));
  history.replaceState(null, '', location.pathname + location.search);
}

export function storedToken(): string | null {
  const token = sessionStorage.getItem(key);
  if (!token) return null;
  try {
    decodeUser(token);
    const expires = expiresAt(token);
    if (expires !== null && expires <= Date.now()) throw new Error('expired');
    return token;
  } catch {
    sessionStorage.removeItem(key);
    return null;
  }
}

/** When the token stops being accepted (epoch ms), or null when it does not say. */
export function expiresAt(token: string): number | null {
  const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
  return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(key, token);
}

export function signOut(): void {
  sessionStorage.removeItem(key);
}

export function createClient(token: string): ParleyClient {
  return new ParleyClient({ token });
}
