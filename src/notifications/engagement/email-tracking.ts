/**
 * Open and click tracking written into an email, pure: every http(s) link of the HTML body (the
 * href of `<a>` and `<area>`) and of the text body becomes a signed Parley link, and the HTML
 * body gets a 1×1 open pixel. Links that already lead to Parley (its public URL: unsubscribe,
 * preferences) are left as they are. The same URL in both bodies is one link, one index.
 */

export interface TrackedBodies {
  text?: string;
  html?: string;
  /** The original URLs, by index: what each rewritten link redirects to. */
  links: string[];
}

export interface TrackingUrls {
  /** The signed click link for the link at `index`. */
  click(index: number): string;
  /** The signed open pixel. */
  pixel(): string;
  /** Links under this base are Parley's own and are not rewritten. */
  publicUrl: string;
}

/** At most this many distinct links are tracked in one message; the rest stay as written. */
export const MAX_TRACKED_LINKS = 200;
/** A URL longer than this is left as written (the redirect table stores it whole). */
const MAX_URL_LENGTH = 4096;

const HREF = /(<(?:a|area)\b[^>]*?\shref\s*=\s*)("([^"]*)"|'([^']*)')/gi;
// A URL in plain text: up to whitespace or a character that cannot end one in prose.
const TEXT_URL = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;

export function trackEmail(bodies: { text?: string; html?: string }, urls: TrackingUrls): TrackedBodies {
  const links: string[] = [];
  const indexOf = new Map<string, number>();
  const own = (url: string) => url === urls.publicUrl || url.startsWith(`${urls.publicUrl}/`);
  /** The index of a URL, or undefined when it is not tracked. */
  const track = (url: string): number | undefined => {
    if (!/^https?:\/\//i.test(url) || own(url) || url.length > MAX_URL_LENGTH || !isUrl(url)) return undefined;
    let index = indexOf.get(url);
    if (index === undefined) {
      if (links.length >= MAX_TRACKED_LINKS) return undefined;
      index = links.length;
      links.push(url);
      indexOf.set(url, index);
    }
    return index;
  };

  let html: string | undefined;
  if (bodies.html !== undefined) {
    html = bodies.html.replace(HREF, (whole, prefix: string, _quoted: string, double?: string, single?: string) => {
      const raw = (double ?? single ?? '').trim();
      const index = track(decodeEntities(raw));
      if (index === undefined) return whole;
      return `${prefix}"${urls.click(index)}"`;
    });
    html = withPixel(html, urls.pixel());
  }

  let text: string | undefined;
  if (bodies.text !== undefined) {
    text = bodies.text.replace(TEXT_URL, (found: string) => {
      const tail = TRAILING.exec(found)?.[0] ?? '';
      const url = tail ? found.slice(0, -tail.length) : found;
      const index = track(url);
      return index === undefined ? found : `${urls.click(index)}${tail}`;
    });
  }
  return { text, html, links };
}

/** The pixel goes just before </body>, or at the end of a fragment. */
function withPixel(html: string, pixelUrl: string): string {
  const img = `<img src="${pixelUrl}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0">`;
  const close = html.search(/<\/body\s*>/i);
  return close === -1 ? html + img : html.slice(0, close) + img + html.slice(close);
}

function isUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };

/** An attribute value as a browser reads it: &amp; and the other entities a template writes decoded. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}
