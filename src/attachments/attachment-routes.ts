import multipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.ts';
import { invalid, ParleyError } from '../errors.ts';
import { answers, Shape } from '../http/contract.ts';
import { Attachment } from './attachment-shapes.ts';
import type { AttachmentsService } from './attachment-service.ts';
import { type AttachmentStore, contentMatchesType } from './store.ts';

const tags = ['attachments'];

const UploadedAttachment = Shape({ ...Attachment.properties, sha256: Type.String({ description: 'Hex SHA-256 of the bytes stored.' }) });

function typeAllowed(allowed: string[], mimeType: string): boolean {
  return allowed.some((a) => (a.endsWith('/*') ? mimeType.startsWith(a.slice(0, -1)) : a === mimeType));
}

/**
 * Upload (`POST /conversations/:id/attachments`, multipart field "file") and download
 * (`GET /attachments/:id`). Both pass the conversation access check; an attachment not yet
 * sent in a message is visible to its uploader only.
 */
export async function attachmentRoutes(app: FastifyInstance, deps: { attachments: AttachmentsService; store: AttachmentStore; config: Config }) {
  const { attachments, store, config } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(multipart, { limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 0, parts: 1 } });

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
        response: answers({ 201: UploadedAttachment }, [404, 413, 415]),
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
        throw multipartError(error, config.attachmentMaxBytes);
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
      if (!typeAllowed(config.attachmentTypes, mimeType)) {
        file.file.resume();
        throw new ParleyError('unsupported_media_type', 'attachment_type_not_allowed', `Files of type ${mimeType} are not accepted; allowed: ${config.attachmentTypes.join(', ')}.`);
      }
      const fileName = sanitizeFileName(file.filename);
      const written = await store.write(file.file);
      if (file.file.truncated) {
        await written.discard();
        throw new ParleyError('payload_too_large', 'attachment_too_large', `Attachments may be at most ${config.attachmentMaxBytes} bytes.`);
      }
      if (written.size === 0) {
        await written.discard();
        throw invalid('empty_attachment', 'The uploaded file is empty.');
      }
      if (!contentMatchesType(mimeType, written.head)) {
        await written.discard();
        throw invalid('attachment_type_mismatch', `The file's content is not ${mimeType}; upload it with its real type.`);
      }
      try {
        await written.commit();
        const uploaded = await attachments.record(request.principal, request.params.id, {
          id: randomUUID(),
          fileName,
          mimeType,
          size: written.size,
          sha256: written.sha256,
          key: written.key,
        });
        return reply.code(201).send(uploaded);
      } catch (error) {
        await written.discard();
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
      const inline = file.mimeType.startsWith('image/');
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
