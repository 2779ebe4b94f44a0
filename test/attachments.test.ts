import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import {
  downloadAttachment,
  orderConversation,
  pdfBytes,
  pngBytes,
  sendMessage,
  startParley,
  type TestParley,
  uploadAttachment,
} from './support/parley.ts';

/** A user id no other test uses. */
const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(backends)('attachments on $name', (backend) => {
  let parley: TestParley;
  let conversationId: string;
  let buyer: string;
  let seller: string;

  beforeAll(async () => {
    parley = await startParley(backend);
    [buyer, seller] = [user('buyer'), user('seller')];
    ({ conversationId } = await orderConversation(parley, buyer, seller));
  });
  afterAll(async () => parley?.close());

  const upload = (bytes: Uint8Array, fileName: string, mimeType: string, as = buyer) =>
    uploadAttachment(parley, conversationId, { bytes, fileName, mimeType }, { as });

  it('uploads a PNG, sends it in an image message, and serves the same bytes to the recipient', async () => {
    const bytes = pngBytes(2048);
    const uploaded = await upload(bytes, 'photo of the scratch.png', 'image/png');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      type: 'image',
      fileName: 'photo of the scratch.png',
      mimeType: 'image/png',
      size: bytes.length,
      sha256: sha256(bytes),
    });
    const { attachmentId } = uploaded.body;
    expect(attachmentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(uploaded.body.url).toBe(`/attachments/${attachmentId}`);

    const sent = await sendMessage(parley, conversationId, { messageType: 'image', content: 'Here is the scratch', attachments: [attachmentId] }, { as: buyer });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      messageType: 'image',
      content: 'Here is the scratch',
      attachments: [{ attachmentId, type: 'image', mimeType: 'image/png', fileName: 'photo of the scratch.png', size: bytes.length }],
    });

    const { body } = await parley.request('GET', `/conversations/${conversationId}/messages`, { as: seller, role: 'seller' });
    expect(body.messages.find((m: { messageId: string }) => m.messageId === sent.body.messageId).attachments).toEqual(sent.body.attachments);

    const download = await downloadAttachment(parley, attachmentId, { as: seller, role: 'seller' });
    expect(download.status).toBe(200);
    expect(download.bytes.equals(Buffer.from(bytes))).toBe(true);
    expect(sha256(download.bytes)).toBe(uploaded.body.sha256);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('photo of the scratch.png')}`);
  });

  it('serves an unsent upload to its uploader only', async () => {
    const bytes = pngBytes();
    const { body } = await upload(bytes, 'draft.png', 'image/png');
    expect((await downloadAttachment(parley, body.attachmentId, { as: buyer })).status).toBe(200);
    expect((await downloadAttachment(parley, body.attachmentId, { as: seller, role: 'seller' })).status).toBe(404);
  });

  it('serves attachments to participants only', async () => {
    const { body } = await upload(pngBytes(), 'private.png', 'image/png');
    await sendMessage(parley, conversationId, { messageType: 'image', attachments: [body.attachmentId] }, { as: buyer });
    const stranger = await downloadAttachment(parley, body.attachmentId, { as: user('stranger') });
    expect(stranger.status).toBe(404);
    expect(stranger.bytes.toString()).not.toContain('PNG');
    expect((await downloadAttachment(parley, randomUUID(), { as: buyer })).status).toBe(404);
  });

  it('sends an attachment once: not twice, and not by someone else', async () => {
    const { body } = await upload(pngBytes(), 'once.png', 'image/png');
    const stolen = await sendMessage(parley, conversationId, { messageType: 'image', attachments: [body.attachmentId] }, { as: seller, role: 'seller' });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.code).toBe('invalid_attachment');

    const first = await sendMessage(parley, conversationId, { messageType: 'image', attachments: [body.attachmentId] }, { as: buyer });
    expect(first.status).toBe(201);
    const twice = await sendMessage(parley, conversationId, { messageType: 'image', attachments: [body.attachmentId] }, { as: buyer });
    expect(twice.status).toBe(400);
    expect(twice.body.error.code).toBe('invalid_attachment');

    const rows = await parley.db.selectFrom('message_attachments').select('message_id').where('id', '=', body.attachmentId).execute();
    expect(rows).toEqual([{ message_id: first.body.messageId }]);
  });

  it('refuses an attachment uploaded to another conversation', async () => {
    const other = await orderConversation(parley, buyer, user('seller'));
    const { body } = await uploadAttachment(parley, other.conversationId, { bytes: pngBytes(), fileName: 'elsewhere.png', mimeType: 'image/png' }, { as: buyer });
    const sent = await sendMessage(parley, conversationId, { messageType: 'image', attachments: [body.attachmentId] }, { as: buyer });
    expect(sent.status).toBe(400);
    expect(sent.body.error.code).toBe('invalid_attachment');
  });

  it('sends a PDF in a file message, downloaded as an attachment', async () => {
    const bytes = pdfBytes('Invoice 2024-001');
    const uploaded = await upload(bytes, 'invoice.pdf', 'application/pdf', seller);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ type: 'file', mimeType: 'application/pdf', sha256: sha256(bytes) });

    const sent = await sendMessage(parley, conversationId, { messageType: 'file', content: 'Your invoice', attachments: [uploaded.body.attachmentId] }, { as: seller, role: 'seller' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ messageType: 'file', attachments: [{ attachmentId: uploaded.body.attachmentId, type: 'file', fileName: 'invoice.pdf' }] });

    const download = await downloadAttachment(parley, uploaded.body.attachmentId, { as: buyer });
    expect(download.status).toBe(200);
    expect(download.bytes.equals(Buffer.from(bytes))).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''invoice.pdf");
  });

  it('refuses an image message with a non-image attachment', async () => {
    const { body } = await upload(pdfBytes(), 'not-a-picture.pdf', 'application/pdf');
    const sent = await sendMessage(parley, conversationId, { messageType: 'image', attachments: [body.attachmentId] }, { as: buyer });
    expect(sent.status).toBe(400);
    expect(sent.body.error.code).toBe('invalid_attachment');
    // The upload is still unsent and may go out as a file.
    const asFile = await sendMessage(parley, conversationId, { messageType: 'file', attachments: [body.attachmentId] }, { as: buyer });
    expect(asFile.status).toBe(201);
  });

  it('refuses an image or file message without attachments', async () => {
    for (const messageType of ['image', 'file']) {
      const sent = await sendMessage(parley, conversationId, { messageType, content: 'Nothing attached' }, { as: buyer });
      expect(sent.status).toBe(400);
      expect(sent.body.error.code).toBe('attachment_required');
    }
  });

  it('refuses a file whose content does not match its declared type', async () => {
    const uploaded = await upload(new Uint8Array(Buffer.from('just some text, not a picture')), 'fake.png', 'image/png');
    expect(uploaded.status).toBe(400);
    expect(uploaded.body.error.code).toBe('attachment_type_mismatch');
  });

  it('refuses uploads from someone who is not a participant', async () => {
    const uploaded = await upload(pngBytes(), 'intruder.png', 'image/png', user('stranger'));
    expect(uploaded.status).toBe(404);
    expect(uploaded.body.error.code).toBe('conversation_not_found');
  });
});
