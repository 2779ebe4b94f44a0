import { ConfigError, type Env, int, list } from '../env.ts';

/** Limits of one media kind: the types it takes, its largest file and its longest playing time. */
export interface MediaKindLimits {
  types: string[];
  maxBytes: number;
  maxSeconds: number;
}

/** Video and voice messages, and the optional malware scan of every upload. */
export interface MediaSettings {
  video: MediaKindLimits;
  voice: MediaKindLimits;
  /** clamd, when configured (PARLEY_CLAMD_URL): every upload waits for its clean result. */
  malwareScan?: MalwareScanSettings;
}

export interface MalwareScanSettings {
  /** Where clamd listens: a TCP port or a local socket. */
  address: { host: string; port: number } | { path: string };
  /** Milliseconds to wait for clamd (connect, send and verdict) before the upload is refused. */
  timeoutMs: number;
}

export const DEFAULT_VIDEO_TYPES = ['video/mp4', 'video/webm'];
export const DEFAULT_VOICE_TYPES = ['audio/ogg', 'audio/webm', 'audio/mpeg', 'audio/mp4'];
const MIB = 1024 * 1024;

/**
 * PARLEY_VIDEO_TYPES / PARLEY_VOICE_TYPES (exact MIME types), PARLEY_VIDEO_MAX_BYTES /
 * PARLEY_VOICE_MAX_BYTES, PARLEY_VIDEO_MAX_SECONDS / PARLEY_VOICE_MAX_SECONDS, and the scanner:
 * PARLEY_CLAMD_URL (tcp://host:port or unix:/path/to/clamd.ctl), PARLEY_CLAMD_TIMEOUT_MS.
 */
export function loadMediaSettings(env: Env): MediaSettings {
  const video = kind(env, 'VIDEO', 'video/', DEFAULT_VIDEO_TYPES, 50 * MIB, 120);
  const voice = kind(env, 'VOICE', 'audio/', DEFAULT_VOICE_TYPES, 10 * MIB, 300);
  for (const type of list(env, 'PARLEY_ATTACHMENT_TYPES')) {
    if (/^(video|audio)\//i.test(type)) {
      throw new ConfigError('PARLEY_ATTACHMENT_TYPES', `"${type}" is a media type: list video types in PARLEY_VIDEO_TYPES and audio types in PARLEY_VOICE_TYPES, where their duration limits apply`);
    }
  }
  return { video, voice, malwareScan: malwareScan(env) };
}

function kind(env: Env, name: 'VIDEO' | 'VOICE', prefix: string, defaults: string[], maxBytes: number, maxSeconds: number): MediaKindLimits {
  const variable = `PARLEY_${name}_TYPES`;
  const types = env[variable] === undefined ? defaults : list(env, variable).map((t) => t.toLowerCase());
  for (const type of types) {
    if (!type.startsWith(prefix) || !/^[a-z]+\/[a-z0-9.+-]+$/.test(type)) {
      throw new ConfigError(variable, `"${type}" is not an exact ${prefix}* MIME type such as ${defaults[0]}`);
    }
  }
  return {
    types,
    maxBytes: int(env, `PARLEY_${name}_MAX_BYTES`, maxBytes, 1, 1024 * MIB),
    maxSeconds: int(env, `PARLEY_${name}_MAX_SECONDS`, maxSeconds, 1, 24 * 3600),
  };
}

function malwareScan(env: Env): MalwareScanSettings | undefined {
  const raw = env.PARLEY_CLAMD_URL?.trim();
  if (!raw) return undefined;
  const timeoutMs = int(env, 'PARLEY_CLAMD_TIMEOUT_MS', 30_000, 100, 600_000);
  const unix = /^unix:(?:\/\/)?(\/.+)$/.exec(raw);
  if (unix) return { address: { path: unix[1]! }, timeoutMs };
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    // reported below
  }
  if (!parsed || parsed.protocol !== 'tcp:' || !parsed.hostname || !parsed.port || parsed.pathname.length > 1) {
    throw new ConfigError('PARLEY_CLAMD_URL', `"${raw}" is not a clamd address: use tcp://host:port (such as tcp://127.0.0.1:3310) or unix:/path/to/clamd.ctl`);
  }
  return { address: { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port) }, timeoutMs };
}
