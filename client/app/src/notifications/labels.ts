/** Names people read for notification types and channels; unknown ones are spelled out from their id. */
const TYPES: Record<string, { name: string; hint: string }> = {
  transactional: { name: 'Orders and account', hint: 'Order status, payments, shipping and messages' },
  promotional: { name: 'Promotions', hint: 'Offers and news from the marketplace' },
  systemAlert: { name: 'Alerts', hint: 'Disputes, security and service alerts' },
};

const CHANNELS: Record<string, string> = { 'in-app': 'In-app', email: 'Email', push: 'Push', sms: 'SMS', webhook: 'Webhook', whatsapp: 'WhatsApp' };

function spelledOut(id: string): string {
  const words = id.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function typeName(type: string): string {
  return TYPES[type]?.name ?? spelledOut(type);
}

export function typeHint(type: string): string | undefined {
  return TYPES[type]?.hint;
}

export function channelName(channel: string): string {
  return CHANNELS[channel] ?? spelledOut(channel);
}

/** The optOut key of a channel in the preferences model. */
export function optOutKey(channel: string): 'email' | 'sms' | 'push' | 'inApp' | 'whatsapp' | undefined {
  return ({ email: 'email', sms: 'sms', push: 'push', 'in-app': 'inApp', whatsapp: 'whatsapp' } as const)[channel as 'email'];
}
