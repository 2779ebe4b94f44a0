import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { AccessPolicy } from '../access/policy.ts';
import { answers } from '../http/contract.ts';
import type { App } from '../http/instance.ts';
import { UserExportDocument } from './export-shapes.ts';
import type { UserExport } from './user-export.ts';

/** A file name any browser keeps: the user id's letters, digits, dots, dashes and underscores. */
function fileName(userId: string): string {
  return `parley-export-${userId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)}.json`;
}

/** The personal-data export: a user downloads their own; operators (and the backend's API key) anyone's. */
export async function exportRoutes(app: App, { userExport, access }: { userExport: UserExport; access: AccessPolicy }) {
  app.get(
    '/users/:userId/export',
    {
      config: { access: 'user.export' },
      schema: {
        operationId: 'exportUserData',
        tags: ['privacy'],
        summary: 'Everything Parley holds about a user, as one JSON document (a download)',
        description:
          'Conversations they take part in with every message decrypted, notifications addressed to them, preferences and devices (tokens masked), suppressions of their addresses, orders, disputes and seller replies. Written as it is read, conversation by conversation and page by page; Content-Disposition: attachment.',
        params: Type.Object({ userId: Type.String({ minLength: 1, maxLength: 255 }) }),
        response: answers({ 200: UserExportDocument }, [403]),
      },
    },
    async (request, reply) => {
      const { userId } = request.params;
      await access.requireAccess(request.principal, 'user.export', { userId });
      const pieces = await userExport.document(userId);
      const body = Readable.from(pieces, { objectMode: false });
      body.on('error', (error) => request.log.error({ err: error, userId }, 'the personal-data export stopped part-way'));
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(userId)}"; filename*=UTF-8''${encodeURIComponent(`parley-export-${userId}.json`)}`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}
