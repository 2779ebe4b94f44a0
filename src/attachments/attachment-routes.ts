import multipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.ts';
import { invalid, ParleyError } from '../errors.ts';
import { answers, Shape } from '../http/contract.ts';
import { Attachment } from './attachment-shapes.ts';
import type { AttachmentsService } from './attachment-service.ts';
import { ScannerUnavailable, type MalwareScanner } from './malware-scan.ts';
import { attachmentKind, inspectMedia, mediaContainerMatches, mediaLimits, mediaTooLarge } from './media.ts';
import { type AttachmentStore, contentMatchesType } from './store.ts';

const tags = ['attachments'];

const UploadedAttachment = Shape({ ...Attachment.properties, sha256: Type.String({ description: 'Hex SHA-256 of the bytes stored.' }) });

function typeAllowed(allowed: string[], mimeType: string): boolean {
  return allowed.some((a) => (a.endsWith('/*') ? mimeType.startsWith(a.slice(0, -1)) : a === mimeType));
}

/** Seconds a client waits before trying an upload again while the malware scanner is away. */
const SCANNER_RETRY_AFTER_SECONDS = 30;

/**
 * Upload (`POST /conversations/:id/attachments`, multipart field "file") and download
 * (`GET /attachments/:id`). Both pass the conversation access check; an attachment not yet
 * sent in a message is visible to its uploader only. Videos and voice messages are checked for
 * their size, true type and playing time; with a scanner configured every upload waits for a
 * clean verdict, and none is kept while the scanner cannot be reached.
 */
export async function attachmentRoutes(
  app: FastifyInstance,
  deps: { attachments: AttachmentsService; store: AttachmentStore; config: Config; scanner?: MalwareScanner },
) {
  const { attachments, store, config, scanner } = deps;
  const { media } = config;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const largest = Math.max(config.attachmentMaxBytes, media.video.maxBytes, media.voice.maxBytes);
  await app.register(multipart, { limits: { fileSize: largest, files: 1, fields: 0, parts: 1 } });

  r.post(
    '/conversations/:id/attachments',
    {
      config: { access: 'attachment.upload' },
      schema: {
        operationId: 'uploadAttachment',
        tags,
        summary: 'Upload an attachment (multipart/form-data, one "file" part); send it with a message by its id',
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: answers({ 201: UploadedAttachment }, [404, 413, 415, 422]),
      },
    },
    async (request, reply) => {
      await attachments.checkUpload(request.principal, request.params.id);
      if (!request.isMultipart()) {
        throw new ParleyError('unsupported_media_type', 'multipart_required', 'Upload the file as multipart/form-data with one part named "file".');
      }
      let file;
      try {
        file = await request.file();
      } catch (error) {
        throw multipartError(error, largest);
      }
      // A body that ends inside the file part arrives as a stream already destroyed: nothing more will come.
      if (file && file.file.destroyed && !file.file.readableEnded) {
        throw invalid('multipart_truncated', 'The multipart body ends before its closing boundary; send the whole body again.');
      }
      if (!file || file.fieldname !== 'file') {
        file?.file.resume();
        throw invalid('file_required', 'Upload the file as multipart/form-data with one part named "file".');
      }
      const mimeType = file.mimetype.toLowerCase();
      const limits = mediaLimits(media, mimeType);
      const allowed = limits ? limits.types.includes(mimeType) : typeAllowed(config.attachmentTypes, mimeType);
      if (!allowed) {
        file.file.resume();
        const types = [...config.attachmentTypes, ...media.video.types, ...media.voice.types];
        throw new ParleyError('unsupported_media_type', 'attachment_type_not_allowed', `Files of type ${mimeType} are not accepted; allowed: ${types.join(', ')}.`);
      }
      const fileName = sanitizeFileName(file.filename);
      const written = await store.write(file.file, { maxBytes: limits?.maxBytes ?? config.attachmentMaxBytes });
      let committed = false;
      try {
        if (written.overLimit || file.file.truncated) {
          throw limits ? mediaTooLarge(mimeType, limits) : new ParleyError('payload_too_large', 'attachment_too_large', `Attachments may be at most ${config.attachmentMaxBytes} bytes.`);
        }
        if (written.size === 0) throw invalid('empty_attachment', 'The uploaded file is empty.');
        if (!contentMatchesType(mimeType, written.head) || (limits && !mediaContainerMatches(mimeType, written.head))) {
          throw invalid('attachment_type_mismatch', `The file's content is not ${mimeType}; upload it with its real type.`);
        }
        const durationMs = limits ? (await inspectMedia(written.path, mimeType, limits)).durationMs : null;
        if (scanner) await scanForMalware(scanner, written.path, request.log);
        await written.commit();
        committed = true;
        const uploaded = await attachments.record(request.principal, request.params.id, {
          id: randomUUID(),
          fileName,
          mimeType,
          size: written.size,
          sha256: written.sha256,
          key: written.key,
          durationMs,
        });
        return reply.code(201).send(uploaded);
      } catch (error) {
        // Refused, or failed on the way: nothing of the upload stays behind.
        await (committed ? store.remove(written.key) : written.discard());
        throw error;
      }
    },
  );

  r.get(
    '/attachments/:id',
    {
      config: { access: 'attachment.read' },
      schema: {
        operationId: 'downloadAttachment',
        tags,
        summary: 'Download an attachment (participants of its conversation only; one not yet sent, its uploader only)',
        params: Type.Object({ id: Type.String() }),
        response: answers({ 200: Type.String({ format: 'binary', description: "The file's bytes, with its own Content-Type." }) }, [404]),
      },
    },
    async (request, reply) => {
      const file = await attachments.open(request.principal, request.params.id);
      // Pictures, videos and voice messages show in place; other files download.
      const inline = attachmentKind(file.mimeType) !== 'file';
      return reply
        .header('Content-Type', file.mimeType)
        .header('Content-Length', String(file.size))
        .header('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'private, max-age=3600')
        .send(file.body);
    },
  );
}

/** Waits for clamd's verdict: malware is refused (422), and so is every upload while clamd cannot answer (503). */
async function scanForMalware(scanner: MalwareScanner, path: string, log: FastifyBaseLogger): Promise<void> {
  let verdict;
  try {
    verdict = await scanner.scanFile(path);
  } catch (error) {
    if (!(error instanceof ScannerUnavailable)) throw error;
    log.warn({ err: error }, 'malware scanner unavailable: upload refused');
    throw new ParleyError('unavailable', 'scanner_unavailable', `Uploads cannot be checked for malware right now, so none are accepted; nothing was stored. Try again in ${SCANNER_RETRY_AFTER_SECONDS} s.`, {
      retryAfterSeconds: SCANNER_RETRY_AFTER_SECONDS,
    });
  }
  if (!verdict.clean) {
    throw new ParleyError('unprocessable', 'malware_found', `The file was refused because the malware scanner found ${verdict.signature} in it; nothing was stored.`, {
      signature: verdict.signature,
    });
  }
}

function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? 'file').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'file').slice(0, 200);
}

function multipartError(error: unknown, max: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new ParleyError('payload_too_large', 'attachment_too_large', `Attachments may be at most ${max} bytes.`);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new ParleyError('unsupported_media_type', 'multipart_required', 'Upload the file as multipart/form-data.');
  if (code?.startsWith('FST_')) return invalid('invalid_multipart', 'The multipart body is malformed or has more than one part; send one part named "file".');
  return error;
}
