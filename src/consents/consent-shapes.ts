/** Channels a person can consent to promotional messages on. */
export const CONSENT_CHANNELS = ['email', 'sms', 'push', 'in-app', 'whatsapp'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** Where a consent was given or withdrawn. */
export const CONSENT_SOURCES = ['checkout', 'preferences', 'import', 'api', 'unsubscribe', 'sms_stop', 'sms_start', 'erasure', 'whatsapp_stop', 'whatsapp_start'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** One change to a person's consent, as it is recorded. */
export interface ConsentChange {
  userId: string;
  /** The vendor whose promotions this is about; null or absent: the marketplace's own. */
  vendorId?: string | null;
  channel: ConsentChannel;
  granted: boolean;
  source: ConsentSource;
  /** The words the person was shown when they agreed (or the unsubscribe confirmation). */
  textShown?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
}

export interface ConsentRecord {
  consentId: string;
  userId: string;
  vendorId: string | null;
  channel: string;
  granted: boolean;
  source: string;
  textShown: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  recordedAt: string;
}
