import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidenceArchive } from '../src/marketplace/disputes/evidence/evidence-archive.ts';
import { evidenceKeys } from '../src/marketplace/disputes/evidence/evidence-signing.ts';
import { readTar } from '../src/marketplace/disputes/evidence/tar.ts';
import { backends } from './support/backends.ts';
import { applied, payment, placeOrder, quietJobs } from './support/marketplace.ts';
import { apiKey, expectRefused, pdfBytes, sendMessage, startParley, type TestParley, uploadAttachment } from './support/parley.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(join(tmpdir(), 'parley-evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every entry of a tar file: name → bytes. */
async function entries(path: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  await readTar(path, (entry) => {
    const parts: Buffer[] = [];
    out.set(entry.name, Buffer.alloc(0));
    return (chunk) => {
      parts.push(chunk);
      out.set(entry.name, Buffer.concat(parts));
    };
  });
  return out;
}

/** Rewrites the bytes of one entry in place (same length), as someone tampering with the file would. */
function tamper(source: string, target: string, find: string, replace: string): void {
  const bytes = readFileSync(source);
  const at = bytes.indexOf(find);
  expect(at, `"${find}" in the archive`).toBeGreaterThan(0);
  expect(replace.length).toBe(find.length);
  bytes.write(replace, at);
  writeFileSync(target, bytes);
}

describe.each(backends)('dispute evidence export on $name', (backend) => {
  let parley: TestParley;
  const moderator = { as: 'mod-ev', role: 'moderator' as const };
  let ids: { disputeId: string; conversationId: string; orderId: string; buyer: string; seller: string; messageId: string; attachmentId: string };
  const invoice = pdfBytes('Invoice 2291');
  const leaky = 'My number is +1 415 555 2671, call me about the refund';

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_MODERATORS: 'mod-ev' } });
    const buyer = uid('buyer');
    const seller = uid('seller');
    const { orderId, conversationId } = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller } });
    await applied(parley, 'paid', orderId, payment());
    const sent = await sendMessage(parley, conversationId, leaky, { as: buyer });
    const upload = await uploadAttachment(parley, conversationId, { bytes: invoice, fileName: 'facture été.pdf', mimeType: 'application/pdf' }, { as: seller, role: 'seller' });
    expect(upload.status).toBe(201);
    const withFile = await sendMessage(parley, conversationId, { content: 'Here is the invoice', messageType: 'file', attachments: [upload.body.attachmentId] }, { as: seller, role: 'seller' });
    expect(withFile.status).toBe(201);
    const escalated = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/escalate`, { as: buyer, body: { reason: 'The mug arrived broken' } });
    expect(escalated.status).toBe(201);
    expect(escalated.body.dispute.moderatorId).toBe('mod-ev');
    ids = { disputeId: escalated.body.dispute.disputeId, conversationId, orderId, buyer, seller, messageId: sent.body.messageId, attachmentId: upload.body.attachmentId };
  });
  afterAll(async () => parley?.close());

  async function download(options: { as?: string; role?: string } = {}, disputeId = ids.disputeId) {
    const authorization = `Bearer ${options.as ? await parley.token(options.as, options.role as never) : apiKey}`;
    return fetch(`${parley.url}/marketplace/messaging/disputes/${disputeId}/evidence`, { headers: { authorization } });
  }
  async function publishedKeys() {
    const reply = await fetch(`${parley.url}/.well-known/parley-evidence-key`);
    expect(reply.status).toBe(200);
    return (await reply.json()) as { algorithm: string; keys: { keyId: string; publicKeyPem: string; current: boolean }[] };
  }

  it("gives the dispute's moderator one signed archive: messages as written, the attachment's bytes, order events, moderator actions", async () => {
    const response = await download(moderator);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-tar');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="dispute-${ids.disputeId}-evidence.tar"`);
    const file = join(dir, `${backend.name}-evidence.tar`);
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));

    // A plain tar that the system's tar lists.
    const listed = await run('tar', ['-tf', file]);
    expect(listed.code, listed.stderr).toBe(0);
    const names = listed.stdout.trim().split('\n');
    expect(names).toEqual(['dispute.json', 'messages.json', 'order-events.json', 'moderator-actions.json', `attachments/${ids.attachmentId}-facture_ete.pdf`, 'manifest.json', 'manifest.sig']);

    const keys = await publishedKeys();
    expect(keys.algorithm).toBe('Ed25519');
    expect(keys.keys).toEqual([expect.objectContaining({ current: true, publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') })]);
    const verified = await verifyEvidenceArchive(file, keys.keys);
    expect(verified.problems).toEqual([]);
    expect(verified.valid).toBe(true);
    expect(verified.manifest).toMatchObject({ format: 'parley.dispute-evidence.v1', disputeId: ids.disputeId, conversationId: ids.conversationId, orderId: ids.orderId, exportedBy: 'mod-ev' });
    expect(verified.manifest!.signature.keyId).toBe(keys.keys[0]!.keyId);

    const files = await entries(file);
    const json = (name: string) => JSON.parse(files.get(name)!.toString('utf8'));
    // The seller sees the buyer's number masked in the conversation; the archive holds what was written.
    const sellerView = (await parley.request('GET', `/conversations/${ids.conversationId}/messages`, { as: ids.seller, role: 'seller' })).body.messages;
    expect(sellerView.find((m: any) => m.messageId === ids.messageId)).toMatchObject({ masked: true, content: expect.stringContaining('[phone number hidden]') });
    const messages = json('messages.json').messages as any[];
    expect(messages.find((m) => m.messageId === ids.messageId)).toMatchObject({ content: leaky, masked: false, senderId: ids.buyer });
    expect(messages.map((m) => m.seq)).toEqual([...messages.keys()].map((i) => i + 1));
    expect(files.get(`attachments/${ids.attachmentId}-facture_ete.pdf`)).toEqual(Buffer.from(invoice));
    const manifestFile = verified.manifest!.files.find((f) => f.path.startsWith('attachments/'))!;
    expect(manifestFile).toMatchObject({ attachmentId: ids.attachmentId, fileName: 'facture été.pdf', mimeType: 'application/pdf', uploadedBy: ids.seller, size: invoice.length });
    expect(json('order-events.json').events.map((e: any) => e.type)).toEqual(['placed', 'paid']);
    const actions = json('moderator-actions.json').actions as any[];
    expect(actions[0]).toMatchObject({ status: 'open', by: ids.buyer });
    expect(actions.at(-1)).toMatchObject({ action: 'evidence_exported', by: 'mod-ev', status: 'open' });
    expect(json('dispute.json').dispute).toMatchObject({ disputeId: ids.disputeId, reason: 'The mug arrived broken' });

    // The export is recorded in the dispute's history.
    const dispute = (await parley.request('GET', `/marketplace/messaging/disputes/${ids.disputeId}`, moderator)).body;
    expect(dispute.history.filter((h: any) => h.action === 'evidence_exported')).toEqual([expect.objectContaining({ by: 'mod-ev', at: verified.manifest!.exportedAt })]);
  });

  it('fails verification for a tampered archive: a changed message, a changed manifest, another key', async () => {
    const file = join(dir, `${backend.name}-evidence.tar`);
    const keys = (await publishedKeys()).keys;
    const changedMessage = join(dir, `${backend.name}-changed-message.tar`);
    tamper(file, changedMessage, 'call me about the refund', 'call me about the review');
    const message = await verifyEvidenceArchive(changedMessage, keys);
    expect(message.valid).toBe(false);
    expect(message.problems).toEqual(['messages.json differs from the manifest (size or SHA-256): it was changed.']);

    const changedManifest = join(dir, `${backend.name}-changed-manifest.tar`);
    tamper(file, changedManifest, '"exportedBy": "mod-ev"', '"exportedBy": "mod-xx"');
    const manifest = await verifyEvidenceArchive(changedManifest, keys);
    expect(manifest.valid).toBe(false);
    expect(manifest.problems).toEqual(['The signature does not match manifest.json: the manifest was changed, or signed with another key.']);

    const other = evidenceKeys(`k9:${Buffer.alloc(32, 9).toString('base64')}`)[0]!;
    const wrongKey = await verifyEvidenceArchive(file, [{ keyId: keys[0]!.keyId, publicKeyPem: other.publicKeyPem }]);
    expect(wrongKey.valid).toBe(false);

    const cut = join(dir, `${backend.name}-cut.tar`);
    writeFileSync(cut, readFileSync(file).subarray(0, 3000));
    expect((await verifyEvidenceArchive(cut, keys)).valid).toBe(false);

    // The command an auditor runs: 0 for the archive as downloaded, 1 for a tampered one.
    const keyFile = join(dir, 'keys.json');
    writeFileSync(keyFile, JSON.stringify(await publishedKeys()));
    const good = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'verify-evidence', file, '--key', keyFile]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain(`Dispute ${ids.disputeId}`);
    const pemFile = join(dir, 'key.pem');
    writeFileSync(pemFile, keys[0]!.publicKeyPem);
    const bad = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'verify-evidence', changedMessage, '--key', pemFile]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('messages.json differs from the manifest');
  });

  it('refuses anyone but the dispute’s moderator or an operator: 403 or 404, and records nothing', async () => {
    const before = (await parley.request('GET', `/marketplace/messaging/disputes/${ids.disputeId}`)).body.history.length;
    const otherModerator = await download({ as: 'mod-other', role: 'moderator' });
    expect(otherModerator.status).toBe(403);
    expect(((await otherModerator.json()) as any).error.code).toBe('moderators_only');
    expect((await download({ as: ids.buyer })).status).toBe(403);
    expect((await download({ as: ids.seller, role: 'seller' })).status).toBe(403);
    expect((await download({ as: uid('stranger') })).status).toBe(403);
    await expectRefused(parley, 404, 'dispute_not_found', async () => {
      const reply = await download({}, randomUUID());
      return { status: reply.status, body: await reply.json() };
    });
    expect((await download(moderator, 'not-a-dispute')).status).toBe(400);
    expect((await parley.request('GET', `/marketplace/messaging/disputes/${ids.disputeId}`)).body.history.length).toBe(before);
    // An operator may export any dispute.
    const operator = await download();
    expect(operator.status).toBe(200);
    await operator.arrayBuffer();
  });
});
