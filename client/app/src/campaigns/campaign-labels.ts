import { t } from '../i18n.ts';

/** A channel's name in the app's language ("Email", "In the app"). */
export const channelLabel = (channel: string) => t(`consents.channel.${channel}`, { defaultValue: channel });

/** A campaign status in words: scheduled, running, paused, awaiting_winner, finished, cancelled. */
export const statusLabel = (status: string) => t(`campaigns.status.${status}`, { defaultValue: status });

/** The pill colour of a status. */
export function statusTone(status: string): string {
  if (status === 'finished') return 'ok';
  if (status === 'cancelled') return 'danger';
  if (status === 'paused' || status === 'awaiting_winner') return 'warn';
  return '';
}

/** A quota kind in words: email, sms, bulk. */
export const kindLabel = (kind: string) => t(`usage.kind.${kind}`, { defaultValue: kind });

export const count = (n: number) => n.toLocaleString();

/** "unlimited" for null, else the number. */
export const limitText = (limit: number | null) => (limit === null ? t('usage.unlimited') : count(limit));

/** Campaigns that may still change: the actions pause, resume and cancel apply. */
export const isLive = (status: string) => status === 'scheduled' || status === 'running' || status === 'paused' || status === 'awaiting_winner';
