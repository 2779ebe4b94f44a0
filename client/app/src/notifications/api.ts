import type { Notification, NotificationPage, ParleyClient, Preferences, PreferencesInput, UserPreferences } from '../../../sdk/index.ts';

/** One in-app notification as GET /me/notifications and the notification.created event give it. */
export type FeedItem = Notification;
export type { NotificationPage as FeedPage, PreferencesInput, TimeWindow, UserPreferences as PreferencesAnswer } from '../../../sdk/index.ts';
export type OptOutKey = keyof Preferences['optOut'];

export function listFeed(client: ParleyClient, query: { unread?: boolean; cursor?: string; limit?: number } = {}): Promise<NotificationPage> {
  return client.listNotifications({ unread: query.unread || undefined, cursor: query.cursor, limit: query.limit });
}

export function fetchUnreadCount(client: ParleyClient): Promise<number> {
  return client.notificationsUnreadCount();
}

/** Marks the given items (or all, without ids) read; answers the unread count after. */
export async function markRead(client: ParleyClient, logIds?: string[]): Promise<number> {
  return (await client.markNotificationsRead(logIds)).unread;
}

export async function markSeen(client: ParleyClient, logIds: string[]): Promise<void> {
  if (logIds.length) await client.markNotificationsSeen(logIds.slice(0, 500));
}

/** Records that the user followed an item's action (POST /notifications/:logId/clicked); the item is read after it. */
export async function recordClick(client: ParleyClient, logId: string): Promise<void> {
  await client.reportNotificationClicked(logId);
}

/** Records that these items were opened: shown to the user in the notification centre (POST /notifications/:logId/opened each). */
export async function recordOpened(client: ParleyClient, logIds: string[]): Promise<void> {
  await Promise.all(logIds.map((logId) => client.reportNotificationOpened(logId)));
}

export function getPreferences(client: ParleyClient): Promise<UserPreferences> {
  return client.getPreferences(client.user.userId);
}

export function putPreferences(client: ParleyClient, preferences: PreferencesInput): Promise<UserPreferences> {
  return client.putPreferences(preferences, client.user.userId);
}

/** The SDK has no call for this one. */
export function removeDevice(client: ParleyClient, deviceId: string): Promise<void> {
  return client.request('DELETE', `/users/${encodeURIComponent(client.user.userId)}/devices/${encodeURIComponent(deviceId)}`);
}

/** The notification types and per-type channels a user may choose, as the server's schema declares them. */
export interface PreferenceChoices {
  types: string[];
  channels: string[];
}

/** What Parley has always offered; used when the schema cannot be read. */
export const FALLBACK_CHOICES: PreferenceChoices = { types: ['transactional', 'promotional', 'systemAlert'], channels: ['in-app', 'email', 'push', 'sms', 'whatsapp'] };

/**
 * Reads the choices from the preferences body in /openapi.json, so that a type the server
 * adds shows up here without a new release of the app.
 */
export async function loadChoices(client: ParleyClient): Promise<PreferenceChoices> {
  try {
    // biome-ignore lint: a JSON schema walked by hand
    const doc = await client.request<any>('GET', '/openapi.json');
    const body = doc.paths['/users/{userId}/preferences'].put.requestBody.content['application/json'].schema;
    const channels = body.properties.preferences.properties.channels.properties as Record<string, { items?: { anyOf?: { enum?: string[] }[]; enum?: string[] } }>;
    const types = Object.keys(channels);
    const items = Object.values(channels)[0]?.items;
    const names = items?.enum ?? items?.anyOf?.flatMap((x) => x.enum ?? []) ?? [];
    if (!types.length || !names.length) return FALLBACK_CHOICES;
    return { types, channels: FALLBACK_CHOICES.channels.filter((c) => names.includes(c)).concat(names.filter((c) => !FALLBACK_CHOICES.channels.includes(c))) };
  } catch {
    return FALLBACK_CHOICES;
  }
}
