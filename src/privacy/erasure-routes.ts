import { Type } from '@sinclair/typebox';
import type { AccessPolicy } from '../access/policy.ts';
import { Shape, answers } from '../http/contract.ts';
import type { App } from '../http/instance.ts';
import type { UserErasure } from './user-erasure.ts';

export const ErasureRecordView = Shape(
  {
    erasureId: Type.String(),
    pseudonym: Type.String({ description: 'What the user id became in the rows kept for others (orders, conversations, disputes, delivery figures, the consent log).' }),
    requestedBy: Shape({
      role: Type.Union([Type.Literal('self'), Type.Literal('operator')]),
      operatorId: Type.Union([Type.String(), Type.Null()], { description: 'The operator who asked; null when the person asked themself.' }),
    }),
    requestedAt: Type.String({ format: 'date-time', description: 'When the person was first erased.' }),
    lastRunAt: Type.String({ format: 'date-time' }),
    runs: Type.Integer({ description: 'How many times the erasure was asked for (each later run erases what arrived since).' }),
    counts: Type.Record(Type.String(), Type.Integer(), { description: 'Rows removed or changed, per table, summed over runs.' }),
    filesPending: Type.Integer({ description: 'Attachment files not yet removed from disk (removed by the next request for this person).' }),
  },
  { description: 'The audit record of an erasure. It holds no personal data: the person is recognised by a keyed hash of their user id.' },
);

/** Erasure: a person erases their own account; operators (and the backend's API key) anyone's. */
export async function erasureRoutes(app: App, { erasure, access }: { erasure: UserErasure; access: AccessPolicy }) {
  app.delete(
    '/users/:userId',
    {
      config: { access: 'user.erase' },
      schema: {
        operationId: 'eraseUser',
        tags: ['privacy'],
        summary: 'Erase a person: everything Parley holds about them removed, or pseudonymised where others need the row',
        description:
          'In one transaction: their messages become deleted messages, their contact, preferences, devices, templates, quick replies and attachments go, their notifications, orders, disputes, conversation places and consent records stay for others under a pseudonym with every personal field scrubbed. Answers the audit record; asking again for the same person answers the same record (200), erasing anything that arrived since.',
        params: Type.Object({ userId: Type.String({ minLength: 1, maxLength: 255 }) }),
        response: answers({ 200: ErasureRecordView }, [403]),
      },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'user.erase', { userId: request.params.userId });
      return erasure.erase(request.params.userId, request.principal);
    },
  );
}
