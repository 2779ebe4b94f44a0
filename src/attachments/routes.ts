import multipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isUuid, requireConversationAccess } from '../auth/access.ts';
import { isOperator } from '../auth/principal.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import { invalid, notFound, ParleyError } from '../errors.ts';
import { attachmentView } from '../messages/service.ts';
import { type AttachmentStore, contentMatchesType } from './store.ts';

const tags = ['attachments'];

function typeAllowed(allowed: string[], mimeType: string): boolean {
  return allowed.some((a) => (a.endsWith('/*') ? mimeType.startsWith(a.slice(0, -1)) : a === mimeType));
}

/**
 * Upload (`POST /conversations/:id/attachments`, multipart field "file") and download
 * (`GET /attachments/:id`). Both pass the conversation access check; an attachment not yet
 * sent in a message is visible to its uploader only.
 */
export async function attachmentRoutes(app: FastifyInstance, deps: { db: Db; store: AttachmentStore; config: Config }) {
  const { db, store, config } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(multipart, { limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 0, parts: 1 } });

  r.post(
    '/conversations/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Upload an attachment (multipart/form-data, one "file" part); send it with a message by its id',
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      await requireConversationAccess(db, request.principal, request.params.id);
      if (!request.isMultipart()) {
        throw new ParleyError('unsupported_media_type', 'multipart_required', 'Upload the file as multipart/form-data with one part named "file".');
      }
      let file;
      try {
        file = await request.file();
      } catch (error) {
        throw multipartError(error, config.attachmentMaxBytes);
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
      const id = randomUUID();
      try {
        await written.commit();
        await db
          .insertInto('message_attachments')
          .values({
            id,
            conversation_id: request.params.id,
            uploader_id: request.principal.userId,
            file_name: fileName,
            mime_type: mimeType,
            size_bytes: written.size,
            sha256: written.sha256,
            storage_key: written.key,
          })
          .execute();
      } catch (error) {
        await written.discard();
        throw error;
      }
      return reply.code(201).send({ ...attachmentView({ id, file_name: fileName, mime_type: mimeType, size_bytes: written.size }), sha256: written.sha256 });
    },
  );

  r.get(
    '/attachments/:id',
    { schema: { tags, summary: "Download an attachment (participants of its conversation only)", params: Type.Object({ id: Type.String() }) } },
    async (request, reply) => {
      if (!isUuid(request.params.id)) throw notFound('attachment');
      const row = await db
        .selectFrom('message_attachments as a')
        .leftJoin('messages as m', 'm.id', 'a.message_id')
        .select(['a.conversation_id', 'a.message_id', 'a.uploader_id', 'a.file_name', 'a.mime_type', 'a.size_bytes', 'a.storage_key', 'm.deleted_at'])
        .where('a.id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw notFound('attachment');
      try {
        await requireConversationAccess(db, request.principal, row.conversation_id);
      } catch {
        throw notFound('attachment');
      }
      // Not yet sent in a message: a draft, its uploader's (and the operators') only.
      const draft = !row.message_id && row.uploader_id !== request.principal.userId && !isOperator(request.principal);
      if (row.deleted_at || draft) throw notFound('attachment');
      const inline = row.mime_type.startsWith('image/');
      return reply
        .header('Content-Type', row.mime_type)
        .header('Content-Length', String(row.size_bytes))
        .header('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'private, max-age=3600')
        .send(store.read(row.storage_key));
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
