import { Type } from '@sinclair/typebox';
import { NoContent, Shape, answers, nextCursor } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { SUPPRESSION_CHANNELS, SUPPRESSION_REASONS, type Suppressions } from './address-suppressions.ts';

const tags = ['suppressions'];
const Channel = Type.Union(SUPPRESSION_CHANNELS.map((c) => Type.Literal(c)), { description: 'email (an address), sms (an E.164 number) or push (a device token).' });
const Reason = Type.Union(SUPPRESSION_REASONS.map((r) => Type.Literal(r)));
const Cursor = Type.String({ maxLength: 400 });
const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });
const Address = Type.String({ minLength: 1, maxLength: 4096 });
const date = Type.String({ format: 'date-time' });
const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Suppression = Shape({
  channel: Type.String(),
  address: Type.String(),
  reason: Type.String({ description: `One of ${SUPPRESSION_REASONS.join(', ')}.` }),
  addedBy: nullable(Type.String({ description: 'An operator, provider:<name>, sms:<provider>, job:<name>; null for entries older than the audit trail.' })),
  note: nullable(Type.String()),
  deliveryId: nullable(Type.String({ format: 'uuid', description: 'The delivery whose bounce or complaint added it.' })),
  reportedAt: nullable(Type.String({ format: 'date-time', description: 'When the provider says the address stopped working (APNs timestamp).' })),
  createdAt: date,
});

const SuppressionEvent = Shape({
  eventId: Type.String({ format: 'uuid' }),
  channel: Type.String(),
  address: Type.String(),
  action: Type.Union([Type.Literal('added'), Type.Literal('removed')]),
  reason: Type.String(),
  actor: Type.String({ description: 'Who or what changed the list.' }),
  note: nullable(Type.String()),
  createdAt: date,
});

/** The suppression list and its audit trail: operators only. */
export async function suppressionRoutes(app: App, { suppressions }: { suppressions: Suppressions }) {
  app.get(
    '/suppressions',
    {
      config: { access: 'suppression.manage' },
      schema: {
        operationId: 'listSuppressions',
        tags,
        summary: 'The suppression list: addresses no channel sends to, newest first',
        querystring: Type.Object({ channel: Type.Optional(Channel), reason: Type.Optional(Reason), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }, { additionalProperties: false }),
        response: answers({ 200: Shape({ suppressions: Type.Array(Suppression), nextCursor }) }, [403]),
      },
    },
    async (request) => suppressions.page(request.query),
  );

  app.post(
    '/suppressions',
    {
      config: { access: 'suppression.manage' },
      schema: {
        operationId: 'addSuppression',
        tags,
        summary: 'Suppress an address by hand (reason manual)',
        description: 'Every channel stops sending to it. 409 already_suppressed when it is listed already.',
        body: Type.Object({ channel: Channel, address: Address, note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
        response: answers({ 201: Suppression }, [403, 409]),
      },
    },
    async (request, reply) => reply.code(201).send(await suppressions.addManually(request.body, request.principal.userId)),
  );

  app.delete(
    '/suppressions/:channel/:address',
    {
      config: { access: 'suppression.manage' },
      schema: {
        operationId: 'removeSuppression',
        tags,
        summary: 'Take an address off the suppression list',
        description: 'Sending to it resumes. A number that replied STOP is refused (409 stop_needs_start): only its owner lifts that, by texting START.',
        params: Type.Object({ channel: Channel, address: Address }),
        querystring: Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
        response: answers({ 204: NoContent }, [403, 404, 409]),
      },
    },
    async (request, reply) => {
      await suppressions.removeManually(request.params.channel, request.params.address, request.principal.userId, request.query.note);
      return reply.code(204).send();
    },
  );

  app.get(
    '/suppressions/events',
    {
      config: { access: 'suppression.manage' },
      schema: {
        operationId: 'listSuppressionEvents',
        tags,
        summary: 'The audit trail of the suppression list: who added or removed which address, when and why',
        querystring: Type.Object(
          { channel: Type.Optional(Channel), address: Type.Optional(Address), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
          { additionalProperties: false },
        ),
        response: answers({ 200: Shape({ events: Type.Array(SuppressionEvent), nextCursor }) }, [403]),
      },
    },
    async (request) => suppressions.events(request.query),
  );
}
