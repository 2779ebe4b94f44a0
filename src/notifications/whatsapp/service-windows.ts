import type { Db } from '../../db/connect.ts';
import type { WhatsAppTemplate } from '../providers/types.ts';
import { deleteServiceWindows } from './sql/deleteServiceWindows.ts';
import { findServiceWindows } from './sql/findServiceWindows.ts';
import { recordInboundMessages } from './sql/recordInboundMessages.ts';

/** How long after a customer's last message free text may be sent to them (WhatsApp's customer-service window). */
export const SERVICE_WINDOW_MS = 24 * 3600 * 1000;

/**
 * WhatsApp's customer-service windows: owner of whatsapp_service_windows. The status webhook
 * records each inbound message; the dispatcher reads the windows of a batch's WhatsApp
 * deliveries to choose free text or a template.
 */
export function createServiceWindows(db: Db) {
  return {
    /** These numbers (E.164) wrote to the business at these times. */
    recordInbound: (messages: { address: string; at: Date }[]) => recordInboundMessages(db, messages),
    /** When each number last wrote; absent if it never did. */
    lastInbound: (addresses: string[]) => findServiceWindows(db, addresses),
    /** Forgets numbers (a person's erasure). */
    forget: (addresses: string[]) => deleteServiceWindows(db, addresses),
  };
}

export type ServiceWindows = ReturnType<typeof createServiceWindows>;

/** What goes to a recipient: free text, a template, or nothing (and why). */
export type WhatsAppChoice = { text: string } | { template: WhatsAppTemplate } | { refused: string };

/**
 * Free text while the window is open (the recipient wrote in the last 24 hours), else the
 * template; with neither usable, the reason, in words a sender can act on.
 */
export function chooseWhatsAppContent(content: { text?: string; template?: WhatsAppTemplate }, lastInbound: Date | undefined, now: Date): WhatsAppChoice {
  const open = lastInbound !== undefined && now.getTime() - lastInbound.getTime() < SERVICE_WINDOW_MS;
  if (open && content.text) return { text: content.text };
  if (content.template) return { template: content.template };
  const since = lastInbound ? `last wrote at ${lastInbound.toISOString()}` : 'has never written to the business';
  return {
    refused: `The recipient ${since}: outside WhatsApp's 24-hour customer-service window only an approved template may be sent, and this notification has none (add message.whatsapp.template).`,
  };
}
