import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be sent. Endpoint URLs are untrusted (a seller types them), so requests
 * never go to the loopback, private, shared (CGNAT), link-local (cloud metadata at
 * 169.254.169.254 among them), multicast, reserved or unspecified ranges of IPv4 and IPv6, nor
 * to IPv6 forms that carry such an IPv4 address (mapped, NAT64). Names are judged by every
 * address they resolve to, when the endpoint is registered and again on every connection (a
 * name that resolved to a public address once may resolve to a private one later: rebinding).
 * An operator can allow named hosts or networks (PARLEY_WEBHOOK_ALLOW_HOSTS), e.g. a receiver
 * inside their own network.
 */

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address an IPv6 address carries (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Whether an IP address is one a webhook may never reach (unless allowed). */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return blocked.check(v4, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

export type Lookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** The system resolver: every address of a name. */
export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A refusal: a code for the API and the log, and a sentence. */
export class AddressRefused extends Error {
  constructor(
    readonly code: 'url_not_allowed' | 'url_unresolvable',
    message: string,
  ) {
    super(message);
  }
}

export interface AddressRules {
  /** The addresses a connection to `hostname` may use: all of them, or a refusal if any is forbidden. */
  resolve(hostname: string): Promise<{ address: string; family: number }[]>;
  /** Checks a URL: http(s), and a host that is (or resolves only to) public addresses. */
  checkUrl(url: string): Promise<void>;
}

/** The URL's host as the resolver takes it (IPv6 literals without brackets). */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

export function createAddressRules({ allowHosts = [], lookup = systemLookup }: { allowHosts?: readonly string[]; lookup?: Lookup } = {}): AddressRules {
  const allowedNames = new Set<string>();
  const allowedNets = new BlockList();
  for (const entry of allowHosts) {
    const [net, prefix] = entry.split('/');
    const family = isIP(net!);
    if (family) allowedNets.addSubnet(net!, prefix ? Number(prefix) : family === 4 ? 32 : 128, family === 4 ? 'ipv4' : 'ipv6');
    else allowedNames.add(entry.toLowerCase());
  }
  const allowedAddress = (address: string) => {
    const family = isIP(address);
    return family !== 0 && allowedNets.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  const refuse = (hostname: string, address: string) =>
    new AddressRefused('url_not_allowed', `${hostname === address ? address : `${hostname} resolves to ${address}, which`} is a loopback, private, link-local or reserved address; webhooks go to public addresses only.`);

  async function resolve(hostname: string): Promise<{ address: string; family: number }[]> {
    const literal = isIP(hostname);
    if (literal) {
      if (isForbiddenAddress(hostname) && !allowedAddress(hostname) && !allowedNames.has(hostname)) throw refuse(hostname, hostname);
      return [{ address: hostname, family: literal }];
    }
    let addresses: { address: string; family: number }[];
    try {
      addresses = await lookup(hostname);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw new AddressRefused('url_unresolvable', `${hostname} does not resolve to any address; check the URL.`);
    if (allowedNames.has(hostname.toLowerCase())) return addresses;
    const bad = addresses.find((a) => isForbiddenAddress(a.address) && !allowedAddress(a.address));
    if (bad) throw refuse(hostname, bad.address);
    return addresses;
  }

  return {
    resolve,
    async checkUrl(raw: string): Promise<void> {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new AddressRefused('url_not_allowed', 'The URL is not a valid absolute URL.');
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AddressRefused('url_not_allowed', 'Webhook URLs are http or https.');
      if (url.username || url.password) throw new AddressRefused('url_not_allowed', 'Webhook URLs carry no user name or password; the signature authenticates Parley.');
      await resolve(hostOf(url));
    },
  };
}
