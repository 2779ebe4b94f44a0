import { t } from '../i18n.ts';

/** Names people read for notification types and channels; unknown ones are spelled out from their id. */
function spelledOut(id: string): string {
  const words = id.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function typeName(type: string): string {
  return t(`notifications.types.${type}.name`, { defaultValue: spelledOut(type) });
}

export function typeHint(type: string): string | undefined {
  return t(`notifications.types.${type}.hint`, { defaultValue: '' }) || undefined;
}

export function channelName(channel: string): string {
  return t(`notifications.channels.${channel}`, { defaultValue: spelledOut(channel) });
}

/** The optOut key of a channel in the preferences model. */
export function optOutKey(channel: string): 'email' | 'sms' | 'push' | 'inApp' | 'whatsapp' | undefined {
  return ({ email: 'email', sms: 'sms', push: 'push', 'in-app': 'inApp', whatsapp: 'whatsapp' } as const)[channel as 'email'];
}
