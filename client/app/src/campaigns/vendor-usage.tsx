import type { VendorUsage } from './campaign-types.ts';
import { QUOTA_KINDS } from './campaign-types.ts';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, Loading } from '../ui.tsx';
import { currentLocale, t } from '../i18n.ts';
import { LoadError, NotForYourRole } from '../dashboards/common.tsx';
import { count, kindLabel, limitText } from './campaign-labels.ts';
import './campaigns.css';

/** The reset on the vendor's own clock (their months are calendar months in their time zone). */
function resetText(iso: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(currentLocale(), { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(currentLocale(), options).format(new Date(iso));
  }
}

/** One bar per kind of promotional send: used of this month's limit, and when the month starts again. */
export function UsageBars({ usage, headingLevel = 2, label }: { usage: VendorUsage; headingLevel?: 2 | 3; label?: string }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = `usage-${usage.vendorId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <section class="card usage" aria-labelledby={id}>
      <Heading id={id}>{label ?? t('usage.thisMonth', { month: usage.month })}</Heading>
      <p class="muted usage-meta">
        {t('usage.tier', { tier: t(`tiers.name.${usage.tier}`, { defaultValue: usage.tier }) })} ·{' '}
        {t('usage.resets', { date: resetText(usage.resetsAt, usage.timeZone), timeZone: usage.timeZone })}
      </p>
      <ul class="usage-bars">
        {QUOTA_KINDS.map((kind) => {
          const k = usage.kinds[kind];
          const name = kindLabel(kind);
          const barId = `${id}-${kind}`;
          return (
            <li key={kind} class="usage-bar">
              <div class="usage-bar-head">
                <span id={barId} class="usage-kind">{name}</span>
                <span class="usage-figures">
                  {k.limit === 0
                    ? t('usage.notAllowed')
                    : k.limit === null
                      ? t('usage.usedUnlimited', { used: count(k.used) })
                      : t('usage.usedOf', { used: count(k.used), limit: limitText(k.limit), remaining: count(k.remaining ?? 0) })}
                </span>
              </div>
              {k.limit === null ? (
                <div class="usage-track unlimited" aria-hidden="true" />
              ) : (
                <meter
                  class="usage-meter"
                  min={0}
                  max={Math.max(k.limit, 1)}
                  value={k.limit === 0 ? 0 : Math.min(k.used, k.limit)}
                  low={k.limit * 0.8}
                  high={k.limit * 0.99}
                  optimum={0}
                  aria-labelledby={barId}
                  aria-valuetext={k.limit === 0 ? t('usage.notAllowed') : t('usage.usedOf', { used: count(k.used), limit: limitText(k.limit), remaining: count(k.remaining ?? 0) })}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A seller's page: this month's usage against their tier's quota. */
export function UsagePage() {
  const client = useClient();
  if (client.user.role !== 'seller') return <NotForYourRole title={t('usage.title')} what={t('usage.what')} />;
  return <OwnUsage vendorId={client.user.userId} />;
}

function OwnUsage({ vendorId }: { vendorId: string }) {
  const client = useClient();
  const usage = useAsync(() => client.request<VendorUsage>('GET', `/vendors/${encodeURIComponent(vendorId)}/usage`), [client, vendorId]);
  if (usage.error && !usage.data) return <LoadError error={usage.error} title={t('usage.title')} what={t('usage.what')} />;
  return (
    <section class="page dash" aria-labelledby="usage-title">
      <div class="dash-head">
        <div>
          <h1 id="usage-title">{t('usage.title')}</h1>
          <p class="muted">{t('usage.intro')}</p>
        </div>
      </div>
      <ErrorNote error={usage.error} />
      {usage.data ? <UsageBars usage={usage.data} /> : <Loading what={t('usage.loading')} />}
    </section>
  );
}
