import { useState } from 'preact/hooks';
import type { ParleyClient } from '../../../sdk/index.ts';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, formatDuration, Link, Loading, Time } from '../ui.tsx';
import { isForbidden, NotForYourRole, plural, Segmented, usePaged } from './common.tsx';
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

const statusLabel: Record<DisputeStatus, string> = {
  open: 'Open',
  awaiting_seller: 'Waiting for the seller',
  awaiting_buyer: 'Waiting for the buyer',
  under_review: 'Under review',
  resolved_refund: 'Resolved with a refund',
  resolved_no_refund: 'Resolved without a refund',
  closed: 'Closed',
};

/** The statuses the server lets a dispute move to: any other while unresolved, then only closed. */
function nextStatuses(from: DisputeStatus): DisputeStatus[] {
  if (active.includes(from)) return statuses.filter((s) => s !== from);
  if (resolved.includes(from)) return ['closed'];
  return [];
}

export function ModerationQueue() {
  const client = useClient();
  if (client.user.role !== 'moderator' && client.user.role !== 'operator') return <NotForYourRole title="Moderation" what="The moderation queue" />;
  return (
    <section class="page dash" aria-labelledby="moderation-title">
      <h1 id="moderation-title">Moderation</h1>
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
        <h2 id="disputes-title">Disputes</h2>
        <div class="dash-head-actions">
          <label class="inline" for="dispute-filter">
            Show
          </label>
          <select id="dispute-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
            <option value="unresolved">Unresolved</option>
            <option value="queued">Overdue (in the queue)</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel[s]}
              </option>
            ))}
            <option value="all">All</option>
          </select>
          <button type="button" class="secondary" onClick={list.reload}>
            Refresh
          </button>
        </div>
      </div>
      <p class="muted">Oldest first. Take an unassigned dispute to join its conversation and move it along.</p>
      {list.error ? isForbidden(list.error) ? <p class="error">The moderation queue is not available for your role.</p> : <ErrorNote error={list.error} /> : null}
      {list.loading && list.items.length === 0 ? (
        <Loading what="Loading disputes" />
      ) : list.items.length === 0 && !list.error ? (
        <p class="card">No disputes here. {filter === 'unresolved' ? 'Every dispute is resolved.' : null}</p>
      ) : (
        <ul class="dash-list" aria-label="Disputes">
          {list.items.map((d) => (
            <DisputeItem key={d.disputeId} dispute={d} onChange={replace} />
          ))}
        </ul>
      )}
      {list.hasMore ? (
        <button type="button" class="secondary dash-more" onClick={list.more} disabled={list.loading}>
          {list.loading ? 'Loading…' : 'Show more disputes'}
        </button>
      ) : null}
    </section>
  );
}

function orderName(orderId: string | null, conversationType?: string | null): string {
  if (orderId) return `Order ${orderId}`;
  return conversationType === 'product_inquiry' ? 'Product inquiry' : 'Conversation';
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
      setSaid('You took this dispute.');
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
        <span class={statusTone(d.status)}>{statusLabel[d.status] ?? d.status}</span>
        {d.queuedAt && active.includes(d.status) ? <span class="pill danger">Overdue</span> : null}
      </div>
      <p class="dash-reason">{d.reason}</p>
      <dl class="dash-meta">
        <div>
          <dt>Age</dt>
          <dd title={new Date(d.openedAt).toLocaleString()}>{formatDuration(ageSeconds)}</dd>
        </div>
        <div>
          <dt>Opened by</dt>
          <dd>{nameOf(d.openedBy)}</dd>
        </div>
        {parties.length ? (
          <div>
            <dt>Parties</dt>
            <dd>{parties.map((p) => `${p.name ?? p.userId} (${p.role})`).join(', ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>Assignee</dt>
          <dd data-testid="assignee">{d.moderatorId ? (mine ? `${nameOf(d.moderatorId)} (you)` : nameOf(d.moderatorId)) : 'Unassigned'}</dd>
        </div>
      </dl>
      <div class="dash-actions">
        <Link href={`/c/${d.conversationId}`}>
          Open the conversation<span class="visually-hidden"> of {name}</span>
        </Link>
        {!d.moderatorId && active.includes(d.status) ? (
          <button type="button" onClick={take} disabled={busy}>
            Take<span class="visually-hidden"> the dispute on {name}</span>
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
      onSaid(`Status changed to “${statusLabel[updated.status]}”.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="dash-actions" onSubmit={submit} aria-label={`Change the status of the dispute on ${name}`}>
      <div class="field">
        <label for={`status-${id}`}>Status</label>
        <select id={`status-${id}`} value={chosen} onChange={(e) => setStatus(e.currentTarget.value as DisputeStatus)}>
          <option value={d.status}>{statusLabel[d.status]} (current)</option>
          {choices.map((s) => (
            <option key={s} value={s}>
              {statusLabel[s]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`note-${id}`}>Note to both sides (optional)</label>
        <input id={`note-${id}`} type="text" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      <button type="submit" disabled={busy || unchanged}>
        {busy ? 'Saving…' : 'Change status'}
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
        <h2 id="flags-title">Flagged conversations</h2>
        <div class="dash-head-actions">
          <Segmented
            legend="Which flags"
            name="flag-state"
            options={[
              { value: 'open', label: 'To review' },
              { value: 'reviewed', label: 'Reviewed' },
            ]}
            value={reviewed}
            onChange={setReviewed}
          />
          <button type="button" class="secondary" onClick={list.reload}>
            Refresh
          </button>
        </div>
      </div>
      <p class="muted">Conversations where a buyer turned strongly negative, newest first.</p>
      <ErrorNote error={list.error} />
      {list.loading && list.items.length === 0 ? (
        <Loading what="Loading flagged conversations" />
      ) : list.items.length === 0 && !list.error ? (
        <p class="card">{reviewed === 'open' ? 'Nothing to review: no conversation is flagged.' : 'No reviewed flags yet.'}</p>
      ) : (
        <ul class="dash-list" aria-label="Flagged conversations">
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
          {list.loading ? 'Loading…' : 'Show more flags'}
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
        {f.reviewedAt ? <span class="pill ok">Reviewed</span> : <span class="pill danger">Negative sentiment</span>}
      </div>
      <dl class="dash-meta">
        <div>
          <dt>Flagged</dt>
          <dd>
            <Time iso={f.flaggedAt} />
          </dd>
        </div>
        {f.buyerId ? (
          <div>
            <dt>Buyer</dt>
            <dd>{f.buyerId}</dd>
          </div>
        ) : null}
        {f.sellerId ? (
          <div>
            <dt>Seller</dt>
            <dd>{f.sellerId}</dd>
          </div>
        ) : null}
        {f.score !== null ? (
          <div>
            <dt>Sentiment score</dt>
            <dd>{f.score.toFixed(2)}</dd>
          </div>
        ) : null}
        {f.messageSeq !== null ? (
          <div>
            <dt>Message</dt>
            <dd>#{f.messageSeq}</dd>
          </div>
        ) : null}
      </dl>
      {f.reviewedAt ? (
        <p class="dash-reason">
          Reviewed by {f.reviewedBy ?? 'someone'} at <Time iso={f.reviewedAt} />
          {f.reviewNote ? `: ${f.reviewNote}` : '.'}
        </p>
      ) : null}
      <div class="dash-actions">
        <Link href={`/c/${f.conversationId}`}>
          Open the conversation<span class="visually-hidden"> of {name}</span>
        </Link>
      </div>
      {f.reviewedAt ? null : (
        <form class="dash-actions" onSubmit={review} aria-label={`Review the flag on ${name}`}>
          <div class="field">
            <label for={`flag-note-${f.flagId}`}>Note (optional)</label>
            <input id={`flag-note-${f.flagId}`} type="text" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Mark reviewed'}
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
      <h2 id="masking-title">Contact details hidden</h2>
      <p class="muted">Phone numbers, email addresses and outside links masked for recipients in the last {masking.data?.days ?? 30} days, by sender.</p>
      <ErrorNote error={masking.error} />
      {!masking.data && masking.loading ? (
        <Loading what="Loading masking counts" />
      ) : senders.length === 0 ? (
        masking.data ? <p class="card">Nothing was masked in this period.</p> : null
      ) : (
        <div class="table-scroll card" tabIndex={0} role="region" aria-labelledby="masking-title">
          <table class="dash-table">
            <caption class="visually-hidden">Masked contact details by sender</caption>
            <thead>
              <tr>
                <th scope="col">Sender</th>
                <th scope="col" class="num">Messages</th>
                <th scope="col" class="num">Phone</th>
                <th scope="col" class="num">Email</th>
                <th scope="col" class="num">Links</th>
                <th scope="col">Last</th>
                <th scope="col">Conversation</th>
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
                    <Link href={`/c/${s.conversationId}`} aria-label={`Open the conversation with ${plural(s.messages, 'masked message')} from ${s.senderId}`}>
                      Open
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
