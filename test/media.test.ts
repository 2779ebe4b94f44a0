import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import {
  downloadAttachment,
  expectRefused,
  orderConversation,
  pngBytes,
  sendMessage,
  startParley,
  storedFiles,
  type TestParley,
  uploadAttachment,
} from './support/parley.ts';

/** Small real recordings, made once with ffmpeg: a tone of 1 s (3 s for the long one), a 64×48 test picture. */
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/media/${name}`, import.meta.url)));
const voiceOgg = fixture('voice-1s.ogg');
const voiceLong = fixture('voice-3s.ogg');
const voiceMp3 = fixture('voice-1s.mp3');
const videoWebm = fixture('video-1s.webm');
const videoMp4 = fixture('video-1s.mp4');

const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(backends)('video and voice messages on $name', (backend) => {
  let parley: TestParley;
  let conversationId: string;
  let buyer: string;
  let seller: string;

  beforeAll(async () => {
    // Limits below the defaults, so the fixtures can pass and fail them.
    parley = await startParley(backend, { env: { PARLEY_VIDEO_MAX_BYTES: '10000', PARLEY_VOICE_MAX_SECONDS: '2' } });
    [buyer, seller] = [user('buyer'), user('seller')];
    ({ conversationId } = await orderConversation(parley, buyer, seller));
  });
  afterAll(async () => parley?.close());

  const upload = (bytes: Uint8Array, fileName: string, mimeType: string, as = buyer) =>
    uploadAttachment(parley, conversationId, { bytes, fileName, mimeType }, { as });

  it('sends a voice message (Ogg Opus) that the recipient receives with its playing time and downloads byte for byte', async () => {
    const uploaded = await upload(voiceOgg, 'where is my parcel.ogg', 'audio/ogg');
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body).toMatchObject({ type: 'voice', mimeType: 'audio/ogg', size: voiceOgg.length, sha256: sha256(voiceOgg), durationMs: 1000 });

    const sent = await sendMessage(parley, conversationId, { messageType: 'voice', attachments: [uploaded.body.attachmentId] }, { as: buyer });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ messageType: 'voice', attachments: [{ attachmentId: uploaded.body.attachmentId, type: 'voice', durationMs: 1000 }] });

    const { body } = await parley.request('GET', `/conversations/${conversationId}/messages`, { as: seller, role: 'seller' });
    expect(body.messages.find((m: { messageId: string }) => m.messageId === sent.body.messageId).attachments).toEqual(sent.body.attachments);
    const download = await downloadAttachment(parley, uploaded.body.attachmentId, { as: seller, role: 'seller' });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/ogg');
    expect(download.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(download.bytes.equals(Buffer.from(voiceOgg))).toBe(true);
  });

  it('sends videos in WebM and MP4, and an MP3 voice message', async () => {
    for (const [bytes, name, type, kind] of [
      [videoWebm, 'scratch.webm', 'video/webm', 'video'],
      [videoMp4, 'unboxing.mp4', 'video/mp4', 'video'],
      [voiceMp3, 'note.mp3', 'audio/mpeg', 'voice'],
    ] as const) {
      const uploaded = await upload(bytes, name, type, seller);
      expect(uploaded.status, `${name}: ${JSON.stringify(uploaded.body)}`).toBe(201);
      expect(uploaded.body.type).toBe(kind);
      // The tone and picture last one second; containers round their timing a little.
      expect(uploaded.body.durationMs).toBeGreaterThanOrEqual(1000);
      expect(uploaded.body.durationMs).toBeLessThan(1100);
      const sent = await sendMessage(parley, conversationId, { messageType: kind, attachments: [uploaded.body.attachmentId] }, { as: seller, role: 'seller' });
      expect(sent.status).toBe(201);
      expect(sent.body.attachments[0]).toMatchObject({ type: kind, mimeType: type, durationMs: uploaded.body.durationMs });
    }
  });

  it('refuses a video over the size limit, keeping nothing', async () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from(videoWebm), Buffer.alloc(4000)]));
    const reply = await expectRefused(parley, 413, 'attachment_too_large', () => upload(bytes, 'long.webm', 'video/webm'));
    expect(reply.body.error.message).toBe('Videos may be at most 10000 bytes.');
    expect(storedFiles(parley).filter((f) => f.startsWith('incoming'))).toEqual([]);
  });

  it('refuses a voice message over the duration limit, keeping nothing', async () => {
    const reply = await expectRefused(parley, 422, 'media_too_long', () => upload(voiceLong, 'rambling.ogg', 'audio/ogg'));
    expect(reply.body.error.message).toBe('Voice messages may play at most 2 seconds; this one plays 3 seconds.');
    expect(reply.body.error.details).toEqual({ maxSeconds: 2, durationSeconds: 3 });
  });

  it('refuses files whose bytes are not the type they claim, keeping nothing', async () => {
    const cases: [Uint8Array, string, string][] = [
      [pngBytes(), 'picture.mp4', 'video/mp4'], // not a container at all
      [voiceOgg, 'voice.mp3', 'audio/mpeg'], // another container
      [voiceOgg, 'voice.webm', 'video/webm'], // another container
      [videoWebm, 'video.webm', 'audio/webm'], // a video is not a voice message
      [videoMp4, 'video.m4a', 'audio/mp4'],
      [new Uint8Array(Buffer.concat([Buffer.from('OggS'), Buffer.alloc(400, 7)])), 'noise.ogg', 'audio/ogg'], // the right first bytes, then nothing that plays
      [new Uint8Array(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(400, 1)])), 'broken.mp4', 'video/mp4'],
    ];
    for (const [bytes, name, type] of cases) {
      const reply = await expectRefused(parley, 400, 'attachment_type_mismatch', () => upload(bytes, name, type));
      expect(reply.body.error.message, name).toMatch(/not|no /);
    }
  });

  it('refuses media types that are not on the lists', async () => {
    const reply = await expectRefused(parley, 415, 'attachment_type_not_allowed', () => upload(videoMp4, 'clip.avi', 'video/x-msvideo'));
    expect(reply.body.error.message).toContain('video/mp4, video/webm, audio/ogg');
  });

  it('sends a video or voice message with its own kind of attachment only, and none without one', async () => {
    const video = await upload(videoWebm, 'clip.webm', 'video/webm');
    const asVoice = await sendMessage(parley, conversationId, { messageType: 'voice', attachments: [video.body.attachmentId] }, { as: buyer });
    expect(asVoice.status).toBe(400);
    expect(asVoice.body.error.code).toBe('invalid_attachment');
    const picture = await upload(pngBytes(), 'still.png', 'image/png');
    const asVideo = await sendMessage(parley, conversationId, { messageType: 'video', attachments: [picture.body.attachmentId] }, { as: buyer });
    expect(asVideo.status).toBe(400);
    expect(asVideo.body.error.code).toBe('invalid_attachment');
    for (const messageType of ['video', 'voice']) {
      const bare = await sendMessage(parley, conversationId, { messageType, content: 'Nothing attached' }, { as: buyer });
      expect(bare.status).toBe(400);
      expect(bare.body.error.code).toBe('attachment_required');
    }
    // Any of them may still go out as a file.
    const asFile = await sendMessage(parley, conversationId, { messageType: 'file', attachments: [video.body.attachmentId, picture.body.attachmentId] }, { as: buyer });
    expect(asFile.status).toBe(201);
    expect(asFile.body.attachments.map((a: { type: string }) => a.type).sort()).toEqual(['image', 'video']);
  });
});
