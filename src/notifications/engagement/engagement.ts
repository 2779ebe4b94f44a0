import type { AccessPolicy } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import type { LinkSigner } from '../../crypto/signed-links.ts';
import { ParleyError, notFound } from '../../errors.ts';
import type { Metrics } from '../../metrics.ts';
import { isUuid } from '../../uuid.ts';
import type { DeliveryLog } from '../deliveries/delivery-log.ts';
import type { ClaimedDelivery } from '../deliveries/delivery-types.ts';
import type { Rendered } from '../model.ts';
import { MAX_TRACKED_LINKS, trackEmail } from './email-tracking.ts';
import { type Hit, SWEEP_SECONDS, machineClick, machineOpen } from './machine-detection.ts';

/** Where the open pixel and the click redirect are served; the token follows. */
export const OPEN_PATH = '/t/o';
export const CLICK_PATH = '/t/c';

/** Statuses of a delivery that went out: only those can be opened or clicked. */
const REACHED = new Set(['sent', 'delivered', 'opened', 'read', 'clicked']);
/** The channels whose opens and clicks the app reports; email has its pixel and links. */
const APP_CHANNELS = new Set(['push', 'in-app']);

export interface EngagementOptions {
  deliveries: DeliveryLog;
  links: LinkSigner;
  access: AccessPolicy;
  metrics: Metrics;
  /** Notification types whose emails carry no pixel and no rewritten links (PARLEY_TRACKING_OFF_TYPES). */
  trackingOffTypes: ReadonlySet<string>;
  /** An in-app item clicked through the app: it is read now, and the user's sockets hear the unread count. */
  inAppClicked: (userId: string) => Promise<unknown>;
}

/** What a request to a tracking link tells: its method, user agent and address, and when. */
export type Visit = Omit<Hit, 'sentAt'>;

const agent = (ua: string | undefined) => (ua ? ua.slice(0, 256) : null);
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * Engagement tracking: emails get an open pixel and signed click links when they are sent
 * (prepareEmail); the pixel and the redirect record opens and clicks (opened, clicked); the app
 * and the SDK report opens and clicks of push and in-app notifications (reported). Every event
 * is judged a person's or a machine's (machine-detection.ts) and kept in the deliveries'
 * notification_opens / notification_clicks; a person's first open and click are also the
 * delivery's opened_at and clicked_at, and move its status forward.
 */
export function createEngagement({ deliveries, links, access, metrics, trackingOffTypes, inAppClicked }: EngagementOptions) {
  /** The delivery a token names: an open token's { d }, a click token's { d, i }. */
  function readToken(purpose: 'open' | 'click', token: string): { logId: string; index?: number } | undefined {
    const payload = links.verify<{ d?: unknown; i?: unknown }>(purpose, token);
    if (!payload || typeof payload.d !== 'string' || !isUuid(payload.d)) return undefined;
    if (purpose === 'open') return { logId: payload.d };
    const i = payload.i;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= MAX_TRACKED_LINKS) return undefined;
    return { logId: payload.d, index: i };
  }

  const sentAt = (row: { send_time: Date | string | null; status: string }) => (REACHED.has(row.status) && row.send_time ? new Date(row.send_time) : null);

  return {
    /** Whether emails of this notification type are tracked. */
    tracks: (notificationType: string) => !trackingOffTypes.has(notificationType),

    /**
     * The email as it is sent: links rewritten to signed click links and the open pixel added,
     * after storing the message's links (a click can come before the send is recorded). An email
     * of a type whose tracking is off goes as rendered.
     */
    async prepareEmail(row: Pick<ClaimedDelivery, 'log_id' | 'notification_type'>, rendered: Rendered): Promise<Rendered> {
      if (trackingOffTypes.has(row.notification_type) || (rendered.html === undefined && rendered.text === undefined)) return rendered;
      const tracked = trackEmail(
        { text: rendered.text, html: rendered.html },
        {
          publicUrl: links.publicUrl,
          click: (index) => links.url(CLICK_PATH, links.sign('click', { d: row.log_id, i: index })),
          pixel: () => links.url(OPEN_PATH, links.sign('open', { d: row.log_id })),
        },
      );
      await deliveries.storeMessageLinks(row.log_id, tracked.links);
      return { ...rendered, text: tracked.text, html: tracked.html };
    },

    /**
     * The open pixel was fetched. Whatever the token, the caller answers the same GIF: a token that
     * does not verify, or names no email delivery, records nothing and tells nothing.
     */
    async opened(token: string, visit: Visit): Promise<void> {
      const named = readToken('open', token);
      if (!named) return;
      const row = await deliveries.engagementTarget(named.logId);
      if (!row || row.channel !== 'email') return;
      const reason = machineOpen({ ...visit, sentAt: sentAt(row) }) ?? null;
      await deliveries.recordOpen({ logId: row.log_id, source: 'email_pixel', machine: reason !== null, machineReason: reason, userAgent: agent(visit.userAgent), at: visit.at });
      metrics.engagement.inc({ channel: 'email', event: reason ? 'machine_open' : 'tracked_open' });
    },

    /**
     * A click link was followed: the URL at its index in that very message, after recording the
     * click. A token that does not verify, or an index the message does not have, is 404
     * link_not_found and records nothing.
     */
    async clicked(token: string, visit: Visit): Promise<string> {
      const named = readToken('click', token);
      const row = named ? await deliveries.engagementTarget(named.logId, named.index) : undefined;
      if (!named || !row?.url) throw new ParleyError('not_found', 'link_not_found', 'This link is not valid: it was changed, or it is not from a message Parley sent. Open the link from the original message.');
      const index = named.index!;
      const recent = await deliveries.recentOtherLinks(row.log_id, index, new Date(visit.at.getTime() - SWEEP_SECONDS * 1000));
      const reason = machineClick({ ...visit, sentAt: sentAt(row) }, recent) ?? null;
      await deliveries.recordClick({
        logId: row.log_id,
        source: 'email_link',
        linkIndex: index,
        url: row.url,
        machine: reason !== null,
        machineReason: reason,
        userAgent: agent(visit.userAgent),
        at: visit.at,
      });
      metrics.engagement.inc({ channel: 'email', event: reason ? 'machine_click' : 'tracked_click' });
      return row.url;
    },

    /**
     * The recipient's app reports that they opened (or clicked) a push or in-app notification.
     * Only their own: anyone else's, or an unknown id, is 404. Reported by the person signed in,
     * so never a machine's.
     */
    async reported(principal: Principal, logId: string, what: 'opened' | 'clicked', visit: Visit) {
      if (!isUuid(logId)) throw notFound('notification');
      const row = await deliveries.engagementTarget(logId);
      if (!row) throw notFound('notification');
      await access.requireAccess(principal, 'notification.engage', { userId: row.user_id });
      if (!APP_CHANNELS.has(row.channel)) {
        throw new ParleyError('conflict', 'tracked_by_message', `Opens and clicks of ${row.channel} notifications are not reported by the app: an email records them through its pixel and links.`);
      }
      if (!REACHED.has(row.status)) throw new ParleyError('conflict', 'not_delivered', 'This notification has not reached you yet (or was not sent); only a notification that was sent can be opened or clicked.');
      const write = { logId, source: 'app' as const, machine: false, machineReason: null, userAgent: agent(visit.userAgent), at: visit.at };
      const { first } = what === 'opened' ? await deliveries.recordOpen(write) : await deliveries.recordClick({ ...write, linkIndex: null, url: null });
      metrics.engagement.inc({ channel: row.channel, event: what === 'opened' ? 'tracked_open' : 'tracked_click' });
      if (what === 'clicked' && row.channel === 'in-app') await inAppClicked(row.user_id);
      const now = (await deliveries.engagementTarget(logId)) ?? row;
      return { logId, channel: row.channel, status: now.status, first, openedAt: iso(now.opened_at), clickedAt: iso(now.clicked_at) };
    },
  };
}

export type Engagement = ReturnType<typeof createEngagement>;
