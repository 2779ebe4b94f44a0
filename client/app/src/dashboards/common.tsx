import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ParleyApiError } from '../../../sdk/index.ts';
import { ErrorNote, Link } from '../ui.tsx';
import { t } from '../i18n.ts';
import './dashboards.css';

/** Whether an error is the API saying "not for you" rather than something going wrong. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ParleyApiError && error.status === 403;
}

/** A page this user's role does not open: said plainly, with the server's reason when there is one. */
export function NotForYourRole({ title, what, reason }: { title: string; what: string; reason?: string }) {
  return (
    <section class="page" aria-labelledby="not-for-role">
      <h1 id="not-for-role">{title}</h1>
      <div class="card dash-notice">
        <p>
          <strong>{t('dash.notForRole', { what })}</strong>
        </p>
        {reason ? <p class="muted">{reason}</p> : null}
        <p class="muted">{t('dash.askMarketplace')}</p>
        <p>
          <Link href="/">{t('dash.backToStart')}</Link>
        </p>
      </div>
    </section>
  );
}

/** A load error: "not for your role" for a 403, the API's own message otherwise. */
export function LoadError({ error, title, what }: { error: unknown; title: string; what: string }) {
  if (isForbidden(error)) return <NotForYourRole title={title} what={what} reason={(error as Error).message} />;
  return (
    <section class="page">
      <h1>{title}</h1>
      <ErrorNote error={error} />
    </section>
  );
}

export interface SegmentOption<T extends string | number> {
  value: T;
  label: string;
}

/** A segmented control: radio buttons, so arrow keys move between options as screen readers expect. */
export function Segmented<T extends string | number>({ legend, name, options, value, onChange }: { legend: string; name: string; options: SegmentOption<T>[]; value: T; onChange: (value: T) => void }) {
  return (
    <fieldset class="segmented">
      <legend class="visually-hidden">{legend}</legend>
      {options.map((o) => (
        <label key={String(o.value)}>
          <input type="radio" name={name} value={String(o.value)} checked={o.value === value} onChange={() => onChange(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const hourFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "Mar 4" for a UTC day given in Unix seconds. */
export const formatDay = (seconds: number) => dayFormat.format(new Date(seconds * 1000));
/** "Mar 4, 14:00" in the viewer's time zone. */
export const formatHour = (seconds: number) => hourFormat.format(new Date(seconds * 1000));

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export interface Paged<T> {
  items: T[];
  error: Error | undefined;
  loading: boolean;
  hasMore: boolean;
  more: () => void;
  reload: () => void;
  /** Changes items in place (after an action on one of them). */
  update: (change: (items: T[]) => T[]) => void;
}

/** A list read page by page; the first page loads again when the inputs change, and a newer load wins. */
export function usePaged<T>(load: (cursor: string | undefined) => Promise<{ items: T[]; next: string | null }>, inputs: unknown[]): Paged<T> {
  const [state, setState] = useState<{ items: T[]; next: string | null; error?: Error; loading: boolean }>({ items: [], next: null, loading: true });
  const generation = useRef(0);
  const fetchPage = useCallback(
    (cursor: string | undefined, append: boolean) => {
      const mine = ++generation.current;
      setState((s) => ({ ...s, loading: true, error: undefined }));
      load(cursor).then(
        (page) => mine === generation.current && setState((s) => ({ items: append ? [...s.items, ...page.items] : page.items, next: page.next, loading: false })),
        (error: Error) => mine === generation.current && setState((s) => ({ ...s, error, loading: false })),
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    inputs,
  );
  useEffect(() => fetchPage(undefined, false), [fetchPage]);
  return {
    items: state.items,
    error: state.error,
    loading: state.loading,
    hasMore: state.next !== null,
    more: () => state.next !== null && fetchPage(state.next, true),
    reload: () => fetchPage(undefined, false),
    update: (change) => setState((s) => ({ ...s, items: change(s.items) })),
  };
}

/**
 * An operator's lookup of one seller or vendor by id: a field and a button; the id (trimmed) is
 * given on submit. `hint`, when given, is shown under the field and describes it.
 */
export function IdPicker({ id, label, placeholder, hint, button, value = '', onChange }: { id: string; label: string; placeholder?: string; hint?: string; button: string; value?: string; onChange: (id: string) => void }) {
  const [draft, setDraft] = useState(value);
  return (
    <form
      class="dash-toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft.trim());
      }}
    >
      <div>
        <label for={id}>{label}</label>
        <input id={id} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} placeholder={placeholder} aria-describedby={hint ? `${id}-hint` : undefined} />
        {hint ? <p id={`${id}-hint`} class="muted dash-hint">{hint}</p> : null}
      </div>
      <button type="submit" class="secondary">{button}</button>
    </form>
  );
}
