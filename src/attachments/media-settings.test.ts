import { describe, expect, it } from 'vitest';
import { ConfigError } from '../env.ts';
import { DEFAULT_VIDEO_TYPES, DEFAULT_VOICE_TYPES, loadMediaSettings } from './media-settings.ts';

describe('media settings', () => {
  it('defaults: common video and voice types, 50 MiB / 120 s videos, 10 MiB / 300 s voice messages, no scanner', () => {
    expect(loadMediaSettings({})).toEqual({
      video: { types: DEFAULT_VIDEO_TYPES, maxBytes: 50 * 1024 * 1024, maxSeconds: 120 },
      voice: { types: DEFAULT_VOICE_TYPES, maxBytes: 10 * 1024 * 1024, maxSeconds: 300 },
      malwareScan: undefined,
    });
  });

  it('reads the lists, limits and clamd address from the environment', () => {
    const settings = loadMediaSettings({
      PARLEY_VIDEO_TYPES: 'video/MP4',
      PARLEY_VOICE_TYPES: 'audio/ogg, audio/mpeg',
      PARLEY_VIDEO_MAX_BYTES: '1000000',
      PARLEY_VOICE_MAX_SECONDS: '60',
      PARLEY_CLAMD_URL: 'tcp://127.0.0.1:3310',
      PARLEY_CLAMD_TIMEOUT_MS: '5000',
    });
    expect(settings.video).toEqual({ types: ['video/mp4'], maxBytes: 1_000_000, maxSeconds: 120 });
    expect(settings.voice.types).toEqual(['audio/ogg', 'audio/mpeg']);
    expect(settings.voice.maxSeconds).toBe(60);
    expect(settings.malwareScan).toEqual({ address: { host: '127.0.0.1', port: 3310 }, timeoutMs: 5000 });
    expect(loadMediaSettings({ PARLEY_CLAMD_URL: 'unix:/run/clamav/clamd.ctl' }).malwareScan).toEqual({ address: { path: '/run/clamav/clamd.ctl' }, timeoutMs: 30_000 });
    expect(loadMediaSettings({ PARLEY_VIDEO_TYPES: '' }).video.types).toEqual([]);
  });

  it.each([
    [{ PARLEY_VIDEO_TYPES: 'audio/ogg' }, 'PARLEY_VIDEO_TYPES'],
    [{ PARLEY_VOICE_TYPES: 'audio/*' }, 'PARLEY_VOICE_TYPES'],
    [{ PARLEY_ATTACHMENT_TYPES: 'image/png,video/mp4' }, 'PARLEY_ATTACHMENT_TYPES'],
    [{ PARLEY_VOICE_MAX_SECONDS: '0' }, 'PARLEY_VOICE_MAX_SECONDS'],
    [{ PARLEY_CLAMD_URL: 'http://127.0.0.1:3310' }, 'PARLEY_CLAMD_URL'],
    [{ PARLEY_CLAMD_URL: 'tcp://127.0.0.1' }, 'PARLEY_CLAMD_URL'],
    [{ PARLEY_CLAMD_URL: 'clamd.ctl' }, 'PARLEY_CLAMD_URL'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadMediaSettings(env)).toThrow(ConfigError);
    expect(() => loadMediaSettings(env)).toThrow(new RegExp(`^${variable}: `));
  });
});
