import { readFile } from 'node:fs/promises';
import type { App } from '../http/instance.ts';
import type { DemoUser } from './users.ts';

/**
 * The demo's voice message: a 3-second Ogg Opus clip beside this file (assets/, copied into
 * dist/server/demo/assets by scripts/build-server.js, so `npm run dev` and the built package
 * both find it here).
 */
export const VOICE_NOTE_URL = new URL('./assets/voice-note.ogg', import.meta.url);

/**
 * Uploads the clip as `from` (multipart, as the web app's recorder sends it) and sends it as a
 * voice message under `demo:<key>`, read up to it by its sender. Once only: when a message with that clientMessageId is in
 * the conversation already, nothing is uploaded again. Returns whether it was sent now.
 */
export async function sendVoiceNote(
  app: App,
  authorization: string,
  from: DemoUser,
  conversationId: string,
  key: string,
): Promise<boolean> {
  const clientMessageId = `demo:${key}`;
  const listed = await app.inject({ method: 'GET', url: `/conversations/${conversationId}/messages?limit=200`, headers: { authorization } });
  if (listed.statusCode !== 200) throw new Error(`demo seeding: listing the messages of ${conversationId} answered ${listed.statusCode}: ${listed.body}`);
  if ((JSON.parse(listed.body).messages as { clientMessageId: string | null }[]).some((m) => m.clientMessageId === clientMessageId)) return false;

  const bytes = await readFile(VOICE_NOTE_URL);
  const boundary = `parley-demo-${key}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="voice-message.ogg"\r\nContent-Type: audio/ogg\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const uploaded = await app.inject({
    method: 'POST',
    url: `/conversations/${conversationId}/attachments`,
    headers: { authorization, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  if (uploaded.statusCode !== 201) throw new Error(`demo seeding: uploading ${from.userId}'s voice message answered ${uploaded.statusCode}: ${uploaded.body}`);
  const attachmentId = JSON.parse(uploaded.body).attachmentId as string;
  const sent = await app.inject({
    method: 'POST',
    url: `/conversations/${conversationId}/messages`,
    headers: { authorization, 'content-type': 'application/json' },
    payload: JSON.stringify({ messageType: 'voice', attachments: [attachmentId], clientMessageId }),
  });
  if (sent.statusCode !== 201) throw new Error(`demo seeding: sending ${from.userId}'s voice message answered ${sent.statusCode}: ${sent.body}`);
  // Whoever writes has read what came before, up to their message (as `say` in seed.ts).
  const read = await app.inject({
    method: 'POST',
    url: `/conversations/${conversationId}/read`,
    headers: { authorization, 'content-type': 'application/json' },
    payload: JSON.stringify({ seq: JSON.parse(sent.body).seq as number }),
  });
  if (read.statusCode !== 200) throw new Error(`demo seeding: marking ${from.userId}'s conversation read answered ${read.statusCode}: ${read.body}`);
  return true;
}
