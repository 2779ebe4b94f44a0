import { describe, expect, it } from 'vitest';
import { machineClick, machineOpen } from './machine-detection.ts';

const sentAt = new Date('2026-12-06T10:00:00Z');
const later = new Date('2026-12-06T10:05:00Z');
const person = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const hit = (over: Partial<Parameters<typeof machineOpen>[0]> = {}) => ({ method: 'GET', userAgent: person, ip: '203.0.113.9', at: later, sentAt, ...over });

describe('telling machines from people', () => {
  it('takes a GET from a mail client or browser minutes after sending as a person', () => {
    expect(machineOpen(hit())).toBeUndefined();
    expect(machineClick(hit(), 1)).toBeUndefined();
    // Gmail's image proxy fetches when the message is opened.
    expect(machineOpen(hit({ userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' }))).toBeUndefined();
  });

  it('recognises HEAD requests, Apple Mail Privacy Protection, scanners and fetches at delivery', () => {
    expect(machineOpen(hit({ method: 'HEAD' }))).toBe('head_request');
    expect(machineOpen(hit({ userAgent: 'Mozilla/5.0' }))).toBe('privacy_proxy');
    expect(machineOpen(hit({ ip: '17.58.101.4' }))).toBe('privacy_proxy');
    expect(machineOpen(hit({ ip: '::ffff:17.58.101.4' }))).toBe('privacy_proxy');
    expect(machineOpen(hit({ userAgent: 'Mozilla/5.0 (compatible; Barracuda Sentinel)' }))).toBe('scanner_agent');
    expect(machineOpen(hit({ userAgent: undefined }))).toBe('scanner_agent');
    expect(machineClick(hit({ userAgent: 'python-requests/2.31' }), 0)).toBe('scanner_agent');
    expect(machineClick(hit({ userAgent: 'Mozilla/5.0 (X11) HeadlessChrome/120.0' }), 0)).toBe('scanner_agent');
    expect(machineOpen(hit({ at: new Date(sentAt.getTime() + 1_500) }))).toBe('too_soon');
    expect(machineClick(hit({ sentAt: null }), 0)).toBe('too_soon');
  });

  it('takes a click among clicks on the other links of the message in the same seconds as a sweep', () => {
    expect(machineClick(hit(), 2)).toBe('link_sweep');
    expect(machineClick(hit(), 1)).toBeUndefined();
  });
});
