import type { ComponentChildren } from 'preact';
import { onLinkClick } from './router.ts';
import { currentLocale, t } from './i18n.ts';

/** A link inside the app (paths relative to /app). */
export function Link({ href, children, class: className, ...rest }: { href: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page' | undefined; 'aria-label'?: string }) {
  return (
    <a href={`/app${href}`} class={className} onClick={(e) => onLinkClick(e, href)} {...rest}>
      {children}
    </a>
  );
}

/** An error shown where it happened, in words a person can act on. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

export function Loading({ what = t('app.loading') }: { what?: string }) {
  return (
    <p class="muted" role="status">
      {what}…
    </p>
  );
}

/** A count badge; the label is what a screen reader says. */
export function Badge({ count, label }: { count: number; label: string }) {
  if (!count) return null;
  return (
    <span class="badge" aria-label={`${count} ${label}`}>
      {count > 99 ? '99+' : count}
    </span>
  );
}

// Dates in the app's language; made again when it changes.
let formatsFor = '';
let timeFormat: Intl.DateTimeFormat;
let dateFormat: Intl.DateTimeFormat;

/** Times formatted today, by their ISO string: a timeline shows the same ones on every render. */
const formatted = new Map<string, string>();
let todayFrom = 0;
let todayTo = -1;

/** "14:05" today, "Nov 28, 14:05" before. */
export function formatTime(iso: string | undefined | null): string {
  if (!iso) return '';
  const now = Date.now();
  if (formatsFor !== currentLocale()) {
    formatsFor = currentLocale();
    timeFormat = new Intl.DateTimeFormat(formatsFor, { hour: '2-digit', minute: '2-digit' });
    dateFormat = new Intl.DateTimeFormat(formatsFor, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    formatted.clear();
  }
  if (now < todayFrom || now >= todayTo || formatted.size > 5000) {
    // A new day (or a long session): what is "today" changed, so is every text.
    const start = new Date(now);
    start.setHours(0, 0, 0, 0);
    const end = new Date(start);
    end.setDate(end.getDate() + 1);
    todayFrom = start.getTime();
    todayTo = end.getTime();
    formatted.clear();
  }
  let text = formatted.get(iso);
  if (text === undefined) {
    const date = new Date(iso);
    const t = date.getTime();
    text = t >= todayFrom && t < todayTo ? timeFormat.format(date) : dateFormat.format(date);
    formatted.set(iso, text);
  }
  return text;
}

export function Time({ iso }: { iso: string | undefined | null }) {
  if (!iso) return null;
  return <time dateTime={iso}>{formatTime(iso)}</time>;
}

/** "3 min", "2 h 5 min", "1 d 4 h" for durations in seconds. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  return `${Math.floor(hours / 24)} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${(ratio * 100).toFixed(ratio >= 0.995 || ratio === 0 ? 0 : 1)}%`;
}
