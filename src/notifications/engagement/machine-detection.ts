/**
 * Whether an open or a click was a machine's rather than a person's, pure. What can be told from
 * one request and the delivery's own record:
 *
 * - `head_request`: a HEAD request (link checkers and scanners probe with HEAD; mail clients and
 *   browsers fetch with GET).
 * - `privacy_proxy` (opens only): Apple Mail Privacy Protection fetches every image of a message
 *   through Apple's proxy when the message arrives, whether or not anyone reads it; its requests
 *   come from Apple's network 17.0.0.0/8 and carry the bare user agent "Mozilla/5.0". Gmail's and
 *   Yahoo's image proxies fetch when the message is opened, so they count as a person.
 * - `scanner_agent`: the user agent of a known security scanner or link checker (Barracuda,
 *   Mimecast, Proofpoint, Microsoft Safe Links and Bing preview, Cisco, Trend Micro, …), a
 *   headless browser, an HTTP library (curl, python-requests, Go, Java, …) or any bot, crawler,
 *   spider or preview agent; a missing user agent too.
 * - `too_soon`: within TOO_SOON_SECONDS of the message leaving Parley (before its send was even
 *   recorded, too): scanners at the receiving server open and follow everything as it arrives.
 * - `link_sweep` (clicks only): the click comes within SWEEP_SECONDS of clicks on at least
 *   SWEEP_OTHER_LINKS other links of the same message: a scanner following every link at once.
 */

export type MachineReason = 'head_request' | 'privacy_proxy' | 'scanner_agent' | 'too_soon' | 'link_sweep';

export const TOO_SOON_SECONDS = 2;
export const SWEEP_SECONDS = 5;
export const SWEEP_OTHER_LINKS = 2;

const SCANNER_AGENTS =
  /barracuda|mimecast|proofpoint|urldefense|safelinks|bingpreview|bingbot|msnbot|forcepoint|ironport|cisco|trendmicro|trend micro|symantec|messagelabs|sophos|fortinet|fortiguard|checkpoint|zscaler|paloalto|avanan|abnormal|vade|cloudmark|spamhaus|mailscanner|headlesschrome|phantomjs|puppeteer|playwright|curl\/|wget\/|python-requests|python-urllib|aiohttp|go-http-client|java\/|okhttp|apache-httpclient|libwww-perl|^node$|node-fetch|axios\/|undici|bot\b|bot\/|crawler|spider|preview|scanner|monitor|validator|checker/i;

export interface Hit {
  method: string;
  userAgent: string | undefined;
  ip: string | undefined;
  at: Date;
  /** When the message was sent; null while its send is not yet recorded. */
  sentAt: Date | null;
}

/** Why an open was a machine's, or undefined for a person. */
export function machineOpen(hit: Hit): MachineReason | undefined {
  if (hit.method === 'HEAD') return 'head_request';
  if (isApplePrivacyProxy(hit)) return 'privacy_proxy';
  if (isScanner(hit.userAgent)) return 'scanner_agent';
  if (tooSoon(hit)) return 'too_soon';
  return undefined;
}

/** Why a click was a machine's, or undefined for a person. `recentOtherLinks`: other links of the message clicked in the last SWEEP_SECONDS. */
export function machineClick(hit: Hit, recentOtherLinks: number): MachineReason | undefined {
  if (hit.method === 'HEAD') return 'head_request';
  if (isScanner(hit.userAgent)) return 'scanner_agent';
  if (tooSoon(hit)) return 'too_soon';
  if (recentOtherLinks >= SWEEP_OTHER_LINKS) return 'link_sweep';
  return undefined;
}

function tooSoon(hit: Hit): boolean {
  return hit.sentAt === null || hit.at.getTime() - hit.sentAt.getTime() < TOO_SOON_SECONDS * 1000;
}

function isScanner(userAgent: string | undefined): boolean {
  const ua = userAgent?.trim();
  return !ua || SCANNER_AGENTS.test(ua);
}

function isApplePrivacyProxy(hit: Hit): boolean {
  if (hit.userAgent?.trim() === 'Mozilla/5.0') return true;
  const ip = hit.ip?.replace(/^::ffff:/, '');
  return ip !== undefined && /^17\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}
