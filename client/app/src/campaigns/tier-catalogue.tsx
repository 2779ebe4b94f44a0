import { useState } from 'preact/hooks';
import type { CampaignPage, Limits, Tier, TierCatalogue, VendorTier, VendorUsage } from './campaign-types.ts';
import { QUOTA_KINDS } from './campaign-types.ts';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, Loading, Time } from '../ui.tsx';
import { t } from '../i18n.ts';
import { LoadError, NotForYourRole } from '../dashboards/common.tsx';
import { kindLabel, limitText } from './campaign-labels.ts';
import { UsageBars } from './vendor-usage.tsx';
import './campaigns.css';

const tierName = (tier: string) => t(`tiers.name.${tier}`, { defaultValue: tier });

/** The operator's page: the tier catalogue with its limits, and every vendor's usage with their tier. */
export function TiersPage() {
  const client = useClient();
  if (client.user.role !== 'operator') return <NotForYourRole title={t('tiers.title')} what={t('tiers.what')} />;
  return <Tiers />;
}

function Tiers() {
  const client = useClient();
  const catalogue = useAsync(() => client.request<TierCatalogue>('GET', '/tiers'), [client]);
  if (catalogue.error && !catalogue.data) return <LoadError error={catalogue.error} title={t('tiers.title')} what={t('tiers.what')} />;
  return (
    <section class="page dash" aria-labelledby="tiers-title">
      <div class="dash-head">
        <div>
          <h1 id="tiers-title">{t('tiers.title')}</h1>
          <p class="muted">{t('tiers.intro')}</p>
        </div>
      </div>
      <section class="dash-section" aria-labelledby="catalogue-title">
        <h2 id="catalogue-title">{t('tiers.catalogue')}</h2>
        <p class="muted">{t('tiers.catalogueIntro')}</p>
        {catalogue.data ? (
          <ul class="dash-list tier-list" aria-labelledby="catalogue-title">
            {catalogue.data.tiers.map((tier) => (
              <TierItem key={tier.tier} tier={tier} isDefault={tier.tier === catalogue.data!.defaultTier} onSaved={catalogue.reload} />
            ))}
          </ul>
        ) : (
          <Loading what={t('tiers.loading')} />
        )}
      </section>
      {catalogue.data ? <Vendors tiers={catalogue.data.tiers} /> : null}
    </section>
  );
}

const asText = (limit: number | null) => (limit === null ? '' : String(limit));

/** One tier: its limits as inputs (empty: unlimited; 0: not allowed), saved together. */
function TierItem({ tier, isDefault, onSaved }: { tier: Tier; isDefault: boolean; onSaved: () => void }) {
  const client = useClient();
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(QUOTA_KINDS.map((k) => [k, asText(tier.limits[k])])));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [said, setSaid] = useState('');
  const headingId = `tier-${tier.tier}`;
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaid('');
    try {
      const limits: Partial<Limits> = {};
      for (const k of QUOTA_KINDS) limits[k] = draft[k]!.trim() === '' ? null : Number(draft[k]);
      await client.request<Tier>('PUT', `/tiers/${encodeURIComponent(tier.tier)}`, limits);
      setSaid(t('tiers.saved', { tier: tierName(tier.tier) }));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="card dash-item" aria-labelledby={headingId}>
      <div class="dash-item-head">
        <h3 id={headingId}>{tierName(tier.tier)}</h3>
        {isDefault ? <span class="pill">{t('tiers.default')}</span> : null}
        <span class="muted">
          {t(`tiers.source.${tier.source}`)}
          {tier.changedAt ? (
            <>
              {' '}
              · <Time iso={tier.changedAt} />
            </>
          ) : null}
        </span>
      </div>
      <form class="dash-actions" onSubmit={save} aria-labelledby={headingId}>
        {QUOTA_KINDS.map((k) => {
          const id = `tier-${tier.tier}-${k}`;
          return (
            <div class="field" key={k}>
              <label for={id}>
                {kindLabel(k)}
                <span class="visually-hidden"> ({tierName(tier.tier)})</span>
              </label>
              <input id={id} type="number" min={0} step={1} value={draft[k]} placeholder={t('usage.unlimited')} onInput={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })} />
            </div>
          );
        })}
        <button type="submit" class="secondary" disabled={busy}>
          {t('tiers.save')}
          <span class="visually-hidden"> ({tierName(tier.tier)})</span>
        </button>
      </form>
      <p class="muted dash-hint">{t('tiers.limitHint')}</p>
      <p class="ok dash-status" role="status">{said}</p>
      <ErrorNote error={error} />
    </li>
  );
}

/** Every vendor that has campaigns, and any the operator looks up: their usage this month, and their tier to change. */
function Vendors({ tiers }: { tiers: Tier[] }) {
  const client = useClient();
  const [looked, setLooked] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const known = useAsync(async () => {
    const page = await client.request<CampaignPage>('GET', '/campaigns', undefined, { limit: 200 });
    return [...new Set(page.campaigns.map((c) => c.vendorId))];
  }, [client]);
  const vendors = [...new Set([...looked, ...(known.data ?? [])])];
  return (
    <section class="dash-section" aria-labelledby="vendors-title">
      <h2 id="vendors-title">{t('tiers.vendors')}</h2>
      <p class="muted">{t('tiers.vendorsIntro')}</p>
      <form
        class="dash-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          const id = draft.trim();
          if (id) setLooked((l) => [id, ...l.filter((x) => x !== id)]);
          setDraft('');
        }}
      >
        <div>
          <label for="tiers-vendor">{t('tiers.lookUp')}</label>
          <input id="tiers-vendor" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        </div>
        <button type="submit" class="secondary">{t('tiers.showVendor')}</button>
      </form>
      <ErrorNote error={known.error} />
      {known.loading && vendors.length === 0 ? <Loading what={t('tiers.loadingVendors')} /> : null}
      {!known.loading && vendors.length === 0 ? <p class="card">{t('tiers.noVendors')}</p> : null}
      <ul class="dash-list vendor-usage-list" aria-label={t('tiers.vendorsLabel')}>
        {vendors.map((v) => (
          <VendorItem key={v} vendorId={v} tiers={tiers} />
        ))}
      </ul>
    </section>
  );
}

function VendorItem({ vendorId, tiers }: { vendorId: string; tiers: Tier[] }) {
  const client = useClient();
  const usage = useAsync(() => client.request<VendorUsage>('GET', `/vendors/${encodeURIComponent(vendorId)}/usage`), [client, vendorId]);
  const [tier, setTier] = useState<string | null>(null);
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [said, setSaid] = useState('');
  const id = `vendor-${vendorId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const save = async (e: Event) => {
    e.preventDefault();
    if (!usage.data) return;
    setBusy(true);
    setError(undefined);
    setSaid('');
    try {
      const placed = await client.request<VendorTier>('PUT', `/vendors/${encodeURIComponent(vendorId)}/tier`, { tier: tier ?? usage.data.tier, timeZone: (timeZone ?? usage.data.timeZone).trim() });
      setSaid(t('tiers.placed', { vendorId, tier: tierName(placed.tier), limits: QUOTA_KINDS.map((k) => `${kindLabel(k)} ${limitText(placed.limits[k])}`).join(', ') }));
      usage.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="card dash-item vendor-usage" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{vendorId}</h3>
      {usage.error ? <ErrorNote error={usage.error} /> : null}
      {usage.data ? (
        <>
          <UsageBars usage={usage.data} headingLevel={3} label={t('tiers.usageOf', { vendorId, month: usage.data.month })} />
          <form class="dash-actions" onSubmit={save}>
            <div class="field">
              <label for={`${id}-tier`}>{t('tiers.tierOf', { vendorId })}</label>
              <select id={`${id}-tier`} value={tier ?? usage.data.tier} onChange={(e) => setTier(e.currentTarget.value)}>
                {tiers.map((x) => (
                  <option key={x.tier} value={x.tier}>{tierName(x.tier)}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`${id}-tz`}>{t('tiers.timeZoneOf', { vendorId })}</label>
              <input id={`${id}-tz`} value={timeZone ?? usage.data.timeZone} onInput={(e) => setTimeZone(e.currentTarget.value)} />
            </div>
            <button type="submit" class="secondary" disabled={busy}>{t('tiers.place', { vendorId })}</button>
          </form>
          <p class="ok dash-status" role="status">{said}</p>
          <ErrorNote error={error} />
        </>
      ) : usage.loading ? (
        <Loading what={t('tiers.loadingUsage')} />
      ) : null}
    </li>
  );
}
