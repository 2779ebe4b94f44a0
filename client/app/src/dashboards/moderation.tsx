import { useState } from 'preact/hooks';
import type { ParleyClient } from '../../../sdk/index.ts';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, formatDuration, Link, Loading, Time } from '../ui.tsx';
import { isForbidden, NotForYourRole, Segmented, usePaged } from './common.tsx';
import { ContactRevealSettings } from './contact-reveal.tsx';
import type { Dispute, DisputeQueuePage, Flag, FlagPage, MaskingReport } from '../../../sdk/index.ts';
import { t } from '../i18n.ts';

/** A dispute as the queue lists it: with its conversation's type and its age. */
type QueuedDispute = DisputeQueuePage['disputes'][number];

const base = '/marketplace/messaging';

/** The dispute lifecycle of src/marketplace/disputes.ts. */
const statuses = ['open', 'awaiting_seller', 'awaiting_buyer', 'under_review', 'resolved_refund', 'resolved_no_refund', 'closed'] as const;
type DisputeStatus = (typeof statuses)[number];
const active: readonly DisputeStatus[] = ['open', 'awaiting_seller', 'awaiting_buyer', 'under_review'];
const resolved: readonly DisputeStatus[] = ['resolved_refund', 'resolved_no_refund'];

const statusLabel = (status: string) => t(`moderation.status.${status}`, { defaultValue: status });

/** The statuses the server lets a dispute move to: any other while unresolved, then only closed. */
function nextStatuses(from: DisputeStatus): DisputeStatus[] {
  if (active.includes(from)) return statuses.filter((s) => s !== from);
  if (resolved.includes(from)) return ['closed'];
  return [];
}

export function ModerationQueue() {
  const client = useClient();
  if (client.user.role !== 'moderator' && client.user.role !== 'operator') return <NotForYourRole title={t('nav.moderation')} what={t('moderation.what')} />;
  return (
    <section class="page dash" aria-labelledby="moderation-title">
      <h1 id="moderation-title">{t('nav.moderation')}</h1>
      <Disputes />
      <Flags />
      <Masking />
      {client.user.role === 'operator' ? <ContactRevealSettings /> : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Disputes

type Filter = 'unresolved' | 'queued' | 'all' | DisputeStatus;

function disputeQuery(filter: Filter): Record<string, string | boolean | undefined> {
  if (filter === 'unresolved') return { unresolved: true };
  if (filter === 'queued') return { unresolved: true, queued: true };
  if (filter === 'all') return {};
  return { status: filter };
}

function Disputes() {
  const client = useClient();
  const [filter, setFilter] = useState<Filter>('unresolved');
  const list = usePaged<QueuedDispute>(async (cursor) => {
    const page = await client.request<DisputeQueuePage>('GET', `${base}/disputes`, undefined, { ...disputeQuery(filter), cursor, limit: 25 });
    return { items: page.disputes, next: page.nextCursor };
  }, [client, filter]);

  const replace = (dispute: Dispute) => list.update((items) => items.map((d) => (d.disputeId === dispute.disputeId ? { ...d, ...dispute } : d)));

  return (
    <section class="dash-section" aria-labelledby="disputes-title">
      <div class="dash-head">
        <h2 id="disputes-title">{t('moderation.disputes')}</h2>
        <div class="dash-head-actions">
          <label class="inline" for="dispute-filter">
            {t('seller.show')}
          </label>
          <select id="dispute-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
            <option value="unresolved">{t('moderation.unresolved')}</option>
            <option value="queued">{t('moderation.queued')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
            <option value="all">{t('moderation.all')}</option>
          </select>
          <button type="button" class="secondary" onClick={list.reload}>
            {t('webhooks.refresh')}
          </button>
        </div>
      </div>
      <p class="muted">{t('moderation.disputesIntro')}</p>
      {list.error ? isForbidden(list.error) ? <p class="error">{t('dash.notForRole', { what: t('moderation.what') })}</p> : <ErrorNote error={list.error} /> : null}
      {list.loading && list.items.length === 0 ? (
        <Loading what={t('moderation.loadingDisputes')} />
      ) : list.items.length === 0 && !list.error ? (
        <p class="card">{filter === 'unresolved' ? t('moderation.noDisputesResolved') : t('moderation.noDisputes')}</p>
      ) : (
        <ul class="dash-list" aria-label={t('moderation.disputes')}>
          {list.items.map((d) => (
            <DisputeItem key={d.disputeId} dispute={d} onChange={replace} />
          ))}
        </ul>
      )}
      {list.hasMore ? (
        <button type="button" class="secondary dash-more" onClick={list.more} disabled={list.loading}>
          {list.loading ? t('moderation.loading') : t('moderation.moreDisputes')}
        </button>
      ) : null}
    </section>
  );
}

function orderName(orderId: string | null, conversationType?: string | null): string {
  if (orderId) return t('chat.orderTitle', { orderId });
  return conversationType === 'product_inquiry' ? t('moderation.productInquiry') : t('chat.conversation');
}

function statusTone(status: DisputeStatus): string {
  if (status === 'open') return 'pill warn';
  if (resolved.includes(status)) return 'pill ok';
  if (status === 'closed') return 'pill closed';
  return 'pill';
}

function DisputeItem({ dispute: d, onChange }: { dispute: QueuedDispute; onChange: (d: Dispute) => void }) {
  const client = useClient();
  const me = client.user;
  const operator = me.role === 'operator';
  const mine = d.moderatorId === me.userId;
  const { parties, nameOf } = useParticipants(d.conversationId, mine || operator);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [said, setSaid] = useState('');
  const name = orderName(d.orderId, d.conversationType);
  const ageSeconds = d.ageSeconds ?? (Date.now() - Date.parse(d.openedAt)) / 1000;

  async function downloadEvidence() {
    setBusy(true);
    setError(undefined);
    try {
      const { blob, fileName } = await client.exportDisputeEvidence(d.disputeId);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setSaid(t('moderation.evidenceSaved', { fileName }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function take() {
    setBusy(true);
    setError(undefined);
    try {
      // An operator names the moderator; taking it themselves is the simple case here.
      const updated = await client.request<Dispute>('POST', `${base}/disputes/${d.disputeId}/assign`, operator ? { moderatorId: me.userId } : {});
      onChange(updated);
      setSaid(t('moderation.took'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="card dash-item">
      <div class="dash-item-head">
        <h3>{name}</h3>
        <span class={statusTone(d.status)}>{statusLabel(d.status)}</span>
        {d.queuedAt && active.includes(d.status) ? <span class="pill danger">{t('moderation.overdue')}</span> : null}
      </div>
      <p class="dash-reason">{d.reason}</p>
      <dl class="dash-meta">
        <div>
          <dt>{t('moderation.age')}</dt>
          <dd title={new Date(d.openedAt).toLocaleString()}>{formatDuration(ageSeconds)}</dd>
        </div>
        <div>
          <dt>{t('moderation.openedBy')}</dt>
          <dd>{nameOf(d.openedBy)}</dd>
        </div>
        {parties.length ? (
          <div>
            <dt>{t('moderation.parties')}</dt>
            <dd>{parties.map((p) => `${p.name ?? p.userId} (${t(`roles.${p.role}`, { defaultValue: p.role })})`).join(', ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('moderation.assignee')}</dt>
          <dd data-testid="assignee">{d.moderatorId ? (mine ? t('moderation.you', { name: nameOf(d.moderatorId) }) : nameOf(d.moderatorId)) : t('moderation.unassigned')}</dd>
        </div>
      </dl>
      <div class="dash-actions">
        <Link href={`/c/${d.conversationId}`}>
          {t('moderation.openConversation')}<span class="visually-hidden">{t('moderation.of', { name })}</span>
        </Link>
        {!d.moderatorId && active.includes(d.status) ? (
          <button type="button" onClick={take} disabled={busy}>
            {t('moderation.take')}<span class="visually-hidden">{t('moderation.takeOf', { name })}</span>
          </button>
        ) : null}
        {mine || operator ? (
          <button type="button" class="secondary" onClick={downloadEvidence} disabled={busy}>
            {t('moderation.evidence')}<span class="visually-hidden">{t('moderation.evidenceOf', { name })}</span>
          </button>
        ) : null}
      </div>
      {(mine || operator) && nextStatuses(d.status).length ? <StatusChange dispute={d} name={name} onChange={onChange} onSaid={setSaid} /> : null}
      <ErrorNote error={error} />
      <p class="ok dash-status" role="status">
        {said}
      </p>
    </li>
  );
}

/**
 * The people of a dispute's conversation, with their names, read only by those who may see it
 * (its moderator, or operators): for anyone else the request would be refused.
 */
function useParticipants(conversationId: string, allowed: boolean) {
  const client = useClient();
  const conversation = useAsync(
    async () => (allowed ? (await client.getConversation(conversationId)).participants : []),
    [client, conversationId, allowed],
  );
  const people = conversation.data ?? [];
  const nameOf = (userId: string) => people.find((p) => p.userId === userId)?.name ?? userId;
  return { parties: people.filter((p) => p.role === 'buyer' || p.role === 'seller'), nameOf };
}

/**
 * The status picker starts at the dispute's current status (marked as such), followed by the
 * statuses it may move to; Change status waits until another one is picked.
 */
function StatusChange({ dispute: d, name, onChange, onSaid }: { dispute: Dispute; name: string; onChange: (d: Dispute) => void; onSaid: (text: string) => void }) {
  const client = useClient();
  const choices = nextStatuses(d.status);
  const [status, setStatus] = useState<DisputeStatus>(d.status);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = d.disputeId;
  // After a change (here or by another moderator) the current status is the starting point again.
  const chosen = choices.includes(status) ? status : d.status;
  const unchanged = chosen === d.status;

  async function submit(e: Event) {
    e.preventDefault();
    if (unchanged) return;
    setBusy(true);
    setError(undefined);
    try {
      const updated = await client.request<Dispute>('PATCH', `${base}/disputes/${id}`, { status: chosen, ...(note.trim() ? { note: note.trim() } : {}) });
      onChange(updated);
      setNote('');
      setStatus(updated.status);
      onSaid(t('moderation.statusChanged', { status: statusLabel(updated.status) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="dash-actions" onSubmit={submit} aria-label={t('moderation.changeStatusOf', { name })}>
      <div class="field">
        <label for={`status-${id}`}>{t('webhooks.col.status')}</label>
        <select id={`status-${id}`} value={chosen} onChange={(e) => setStatus(e.currentTarget.value as DisputeStatus)}>
          <option value={d.status}>{t('moderation.current', { status: statusLabel(d.status) })}</option>
          {choices.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`note-${id}`}>{t('moderation.noteBoth')}</label>
        <input id={`note-${id}`} type="text" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      <button type="submit" disabled={busy || unchanged}>
        {busy ? t('reveal.saving') : t('moderation.changeStatus')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Flagged conversations

function Flags() {
  const client = useClient();
  const [reviewed, setReviewed] = useState<'open' | 'reviewed'>('open');
  const list = usePaged<Flag>(async (cursor) => {
    const page = await client.request<FlagPage>('GET', `${base}/moderation/flagged`, undefined, { reviewed: reviewed === 'reviewed', cursor, limit: 25 });
    return { items: page.flags, next: page.nextCursor };
  }, [client, reviewed]);

  return (
    <section class="dash-section" aria-labelledby="flags-title">
      <div class="dash-head">
        <h2 id="flags-title">{t('moderation.flagged')}</h2>
        <div class="dash-head-actions">
          <Segmented
            legend={t('moderation.whichFlags')}
            name="flag-state"
            options={[
              { value: 'open', label: t('moderation.toReview') },
              { value: 'reviewed', label: t('moderation.reviewed') },
            ]}
            value={reviewed}
            onChange={setReviewed}
          />
          <button type="button" class="secondary" onClick={list.reload}>
            {t('webhooks.refresh')}
          </button>
        </div>
      </div>
      <p class="muted">{t('moderation.flagsIntro')}</p>
      <ErrorNote error={list.error} />
      {list.loading && list.items.length === 0 ? (
        <Loading what={t('moderation.loadingFlags')} />
      ) : list.items.length === 0 && !list.error ? (
        <p class="card">{reviewed === 'open' ? t('moderation.nothingToReview') : t('moderation.noReviewed')}</p>
      ) : (
        <ul class="dash-list" aria-label={t('moderation.flagged')}>
          {list.items.map((f) => (
            <FlagItem
              key={f.flagId}
              flag={f}
              onReviewed={(updated) => list.update((items) => items.map((x) => (x.flagId === updated.flagId ? updated : x)))}
            />
          ))}
        </ul>
      )}
      {list.hasMore ? (
        <button type="button" class="secondary dash-more" onClick={list.more} disabled={list.loading}>
          {list.loading ? t('moderation.loading') : t('moderation.moreFlags')}
        </button>
      ) : null}
    </section>
  );
}

function FlagItem({ flag: f, onReviewed }: { flag: Flag; onReviewed: (f: Flag) => void }) {
  const client = useClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const name = orderName(f.orderId, f.conversationType);

  async function review(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onReviewed(await client.request<Flag>('POST', `${base}/moderation/flags/${f.flagId}/review`, note.trim() ? { note: note.trim() } : {}));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="card dash-item">
      <div class="dash-item-head">
        <h3>{name}</h3>
        {f.reviewedAt ? <span class="pill ok">{t('moderation.reviewed')}</span> : <span class="pill danger">{t('moderation.negative')}</span>}
      </div>
      <dl class="dash-meta">
        <div>
          <dt>{t('moderation.flaggedAt')}</dt>
          <dd>
            <Time iso={f.flaggedAt} />
          </dd>
        </div>
        {f.buyerId ? (
          <div>
            <dt>{t('moderation.buyer')}</dt>
            <dd>{f.buyerId}</dd>
          </div>
        ) : null}
        {f.sellerId ? (
          <div>
            <dt>{t('moderation.seller')}</dt>
            <dd>{f.sellerId}</dd>
          </div>
        ) : null}
        {f.score !== null ? (
          <div>
            <dt>{t('moderation.score')}</dt>
            <dd>{f.score.toFixed(2)}</dd>
          </div>
        ) : null}
        {f.messageSeq !== null ? (
          <div>
            <dt>{t('moderation.message')}</dt>
            <dd>#{f.messageSeq}</dd>
          </div>
        ) : null}
      </dl>
      {f.reviewedAt ? (
        <p class="dash-reason">
          {t('moderation.reviewedBy', { who: f.reviewedBy ?? t('moderation.someone') })} <Time iso={f.reviewedAt} />
          {f.reviewNote ? `: ${f.reviewNote}` : '.'}
        </p>
      ) : null}
      <div class="dash-actions">
        <Link href={`/c/${f.conversationId}`}>
          {t('moderation.openConversation')}<span class="visually-hidden">{t('moderation.of', { name })}</span>
        </Link>
      </div>
      {f.reviewedAt ? null : (
        <form class="dash-actions" onSubmit={review} aria-label={t('moderation.reviewFlagOf', { name })}>
          <div class="field">
            <label for={`flag-note-${f.flagId}`}>{t('suppressions.note')}</label>
            <input id={`flag-note-${f.flagId}`} type="text" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
          <button type="submit" disabled={busy}>
            {busy ? t('reveal.saving') : t('moderation.markReviewed')}
          </button>
        </form>
      )}
      <ErrorNote error={error} />
    </li>
  );
}

// ---------------------------------------------------------------------------------------------
// Masking counts

function Masking() {
  const client = useClient();
  const masking = useAsync(() => loadMasking(client), [client]);
  const senders = masking.data?.senders ?? [];
  return (
    <section class="dash-section" aria-labelledby="masking-title">
      <h2 id="masking-title">{t('timeline.masked')}</h2>
      <p class="muted">{t('moderation.maskingIntro', { days: masking.data?.days ?? 30 })}</p>
      <ErrorNote error={masking.error} />
      {!masking.data && masking.loading ? (
        <Loading what={t('moderation.loadingMasking')} />
      ) : senders.length === 0 ? (
        masking.data ? <p class="card">{t('moderation.nothingMasked')}</p> : null
      ) : (
        <div class="table-scroll card" tabIndex={0} role="region" aria-labelledby="masking-title">
          <table class="dash-table">
            <caption class="visually-hidden">{t('moderation.maskingCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('moderation.col.sender')}</th>
                <th scope="col" class="num">{t('moderation.col.messages')}</th>
                <th scope="col" class="num">{t('moderation.col.phone')}</th>
                <th scope="col" class="num">{t('moderation.col.email')}</th>
                <th scope="col" class="num">{t('moderation.col.links')}</th>
                <th scope="col">{t('moderation.col.last')}</th>
                <th scope="col">{t('chat.conversation')}</th>
              </tr>
            </thead>
            <tbody>
              {senders.map((s) => (
                <tr key={`${s.conversationId}:${s.senderId}`}>
                  <th scope="row">{s.senderId}</th>
                  <td class="num">{s.messages}</td>
                  <td class="num">{s.masked.phone}</td>
                  <td class="num">{s.masked.email}</td>
                  <td class="num">{s.masked.link}</td>
                  <td>
                    <Time iso={s.lastAt} />
                  </td>
                  <td>
                    <Link href={`/c/${s.conversationId}`} aria-label={t('moderation.openMasked', { count: s.messages, sender: s.senderId })}>
                      {t('notifications.action.custom')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function loadMasking(client: ParleyClient) {
  return client.request<MaskingReport>('GET', `${base}/moderation/masking`, undefined, { days: 30, limit: 20 });
}
