import { useEffect, useRef, useState } from 'preact/hooks';
import type { Segment, SegmentCount } from './campaign-types.ts';
import { CONSENT_CHANNELS } from './campaign-types.ts';
import { useClient } from '../context.tsx';
import { ErrorNote } from '../ui.tsx';
import { t } from '../i18n.ts';
import { channelLabel, count } from './campaign-labels.ts';

/** The segment as typed: text fields, turned into a Segment by `toSegment`. */
export interface SegmentDraft {
  productIds: string;
  categories: string;
  lastOrderAfter: string;
  lastOrderBefore: string;
  minOrders: string;
  maxOrders: string;
  minSpend: string;
  maxSpend: string;
  channels: string[];
  locales: string;
}

export const emptySegment = (): SegmentDraft => ({ productIds: '', categories: '', lastOrderAfter: '', lastOrderBefore: '', minOrders: '', maxOrders: '', minSpend: '', maxSpend: '', channels: [], locales: '' });

const list = (text: string) => [...new Set(text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean))];
const whole = (text: string) => (text.trim() === '' ? undefined : Math.max(0, Math.floor(Number(text))));
const amount = (text: string) => (text.trim() === '' ? undefined : Math.max(0, Number(text.replace(',', '.'))));
/** A day typed in the form, as the start of that day on the seller's clock. */
const day = (text: string) => (text ? new Date(`${text}T00:00:00`).toISOString() : undefined);

/** The API's segment: only the filters filled in (an empty segment is all the vendor's customers). */
export function toSegment(d: SegmentDraft): Segment {
  const s: Segment = {};
  const products = list(d.productIds);
  if (products.length) s.productIds = products;
  const categories = d.categories.split(',').map((c) => c.trim()).filter(Boolean);
  if (categories.length) s.categories = [...new Set(categories)];
  const after = day(d.lastOrderAfter);
  if (after) s.lastOrderAfter = after;
  // "Before" includes the day typed: the segment's bound is the start of the next day.
  const before = d.lastOrderBefore ? new Date(new Date(`${d.lastOrderBefore}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined;
  if (before) s.lastOrderBefore = before;
  const minOrders = whole(d.minOrders);
  if (minOrders !== undefined && Number.isFinite(minOrders)) s.minOrders = minOrders;
  const maxOrders = whole(d.maxOrders);
  if (maxOrders !== undefined && Number.isFinite(maxOrders)) s.maxOrders = maxOrders;
  const minSpend = amount(d.minSpend);
  if (minSpend !== undefined && Number.isFinite(minSpend)) s.minSpend = minSpend;
  const maxSpend = amount(d.maxSpend);
  if (maxSpend !== undefined && Number.isFinite(maxSpend)) s.maxSpend = maxSpend;
  if (d.channels.length) s.channels = d.channels as Segment['channels'];
  const locales = list(d.locales);
  if (locales.length) s.locales = locales;
  return s;
}

/** How long typing pauses before the segment is counted again. */
const debounceMs = 350;

/** The segment's size, counted by the server as the filters change (debounced; a newer count wins). */
function useSegmentCount(vendorId: string, segment: Segment): { result?: SegmentCount; error?: unknown; counting: boolean } {
  const client = useClient();
  const key = JSON.stringify(segment);
  const [state, setState] = useState<{ result?: SegmentCount; error?: unknown; counting: boolean }>({ counting: true });
  const generation = useRef(0);
  useEffect(() => {
    if (!vendorId) return;
    const mine = ++generation.current;
    setState((s) => ({ ...s, counting: true }));
    const timer = setTimeout(() => {
      client.request<SegmentCount>('POST', `/vendors/${encodeURIComponent(vendorId)}/segments/count`, { segment: JSON.parse(key) }).then(
        (result) => mine === generation.current && setState({ result, counting: false }),
        (error: unknown) => mine === generation.current && setState({ error, counting: false }),
      );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [client, vendorId, key]);
  return state;
}

/** The audience: which of the vendor's customers, with the live count of how many that is. */
export function SegmentBuilder({ vendorId, value, onChange }: { vendorId: string; value: SegmentDraft; onChange: (d: SegmentDraft) => void }) {
  const set = (field: keyof SegmentDraft) => (e: { currentTarget: HTMLInputElement }) => onChange({ ...value, [field]: e.currentTarget.value });
  const counted = useSegmentCount(vendorId, toSegment(value));
  const field = (id: keyof SegmentDraft, label: string, props: Record<string, unknown> = {}, hint?: string) => (
    <div class="field">
      <label for={`seg-${id}`}>{label}</label>
      <input id={`seg-${id}`} value={value[id] as string} onInput={set(id)} aria-describedby={hint ? `seg-${id}-hint` : undefined} {...props} />
      {hint ? <p id={`seg-${id}-hint`} class="muted dash-hint">{hint}</p> : null}
    </div>
  );
  return (
    <fieldset class="composer-segment">
      <legend>{t('compose.audience')}</legend>
      <p class="muted">{t('compose.audienceIntro')}</p>
      <div class="composer-grid">
        {field('productIds', t('compose.products'), {}, t('compose.productsHint'))}
        {field('categories', t('compose.categories'), {}, t('compose.categoriesHint'))}
        {field('lastOrderAfter', t('compose.lastOrderAfter'), { type: 'date' })}
        {field('lastOrderBefore', t('compose.lastOrderBefore'), { type: 'date' })}
        {field('minOrders', t('compose.minOrders'), { type: 'number', min: 0, step: 1, inputMode: 'numeric' })}
        {field('maxOrders', t('compose.maxOrders'), { type: 'number', min: 0, step: 1, inputMode: 'numeric' })}
        {field('minSpend', t('compose.minSpend'), { type: 'number', min: 0, step: '0.01', inputMode: 'decimal' })}
        {field('maxSpend', t('compose.maxSpend'), { type: 'number', min: 0, step: '0.01', inputMode: 'decimal' })}
        {field('locales', t('compose.locales'), {}, t('compose.localesHint'))}
      </div>
      <fieldset class="composer-checks">
        <legend>{t('compose.optedInTo')}</legend>
        {CONSENT_CHANNELS.map((c) => (
          <label key={c} class="inline">
            <input
              type="checkbox"
              checked={value.channels.includes(c)}
              onChange={(e) => onChange({ ...value, channels: e.currentTarget.checked ? [...value.channels, c] : value.channels.filter((x) => x !== c) })}
            />
            {channelLabel(c)}
          </label>
        ))}
      </fieldset>
      <div class="composer-count card" role="status" aria-live="polite" data-testid="segment-count">
        {counted.result ? (
          <>
            <p class="stat">{t('compose.customers', { count: counted.result.customers })}</p>
            <p class="muted">
              {Object.keys(counted.result.optedIn).length
                ? t('compose.optedInCounts', { list: Object.entries(counted.result.optedIn).map(([c, n]) => `${channelLabel(c)} ${count(n)}`).join(', ') })
                : t('compose.nobodyOptedIn')}
              {counted.counting ? ` ${t('compose.counting')}` : ''}
            </p>
          </>
        ) : counted.counting ? (
          <p class="muted">{t('compose.counting')}</p>
        ) : null}
        <ErrorNote error={counted.error} />
      </div>
    </fieldset>
  );
}
