import { useEffect, useState } from 'preact/hooks';

/**
 * The web app's router (client/app/src/router.ts) as the elements need it: they live in a page
 * that is not Parley's, so a link inside them must not change that page's address. The elements
 * build puts this module in the app router's place; it has the same exports.
 *
 * The path ("/c/<id>", "/notifications"…) is kept in memory, shared by the elements of the page.
 * Each navigation is announced first with a `parley-navigate` event (bubbling, composed, so
 * the page sees it on the element; `detail.path`); the page may cancel it (preventDefault) to
 * take the user somewhere of its own instead.
 */
let path = '/';
const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean; from?: EventTarget | null } = {}): void {
  const event = new CustomEvent('parley-navigate', { detail: { path: to, replace: Boolean(options.replace) }, bubbles: true, composed: true, cancelable: true });
  (options.from ?? document).dispatchEvent(event);
  if (event.defaultPrevented) return;
  path = to;
  listeners.forEach((l) => l());
}

/** The current path; re-renders on navigation. */
export function useRoute(): string {
  const [current, setCurrent] = useState(path);
  useEffect(() => {
    const update = () => setCurrent(path);
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return current;
}

/** Matches "/c/:id" against a path; returns the parameters or null. */
export function match(pattern: string, against: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = against.split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(s[i]!);
    else if (part !== s[i]) return null;
  }
  return params;
}

/**
 * A link inside an element: a plain click navigates in memory. The link's own href points into
 * the web app (/app/…), which is not on the page's origin, so modified clicks (a new tab) are
 * kept in the element as well rather than opening an address that does not exist there.
 */
export function onLinkClick(event: MouseEvent, to: string): void {
  if (event.defaultPrevented) return;
  event.preventDefault();
  navigate(to, { from: event.currentTarget });
}
