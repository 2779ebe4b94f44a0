import { Type } from '@sinclair/typebox';
import type { AccessPolicy } from '../access/policy.ts';
import { answers } from '../http/contract.ts';
import type { App } from '../http/instance.ts';
import { ConsentBody, ConsentChannelSchema, ConsentView, UserConsentsView, VendorConsentsPage } from './consent-schemas.ts';
import type { ConsentDesk } from './consent-desk.ts';

const tags = ['consents'];
const Id = Type.String({ minLength: 1, maxLength: 255 });

/** The consent log's API: a person's own consents (operators: anyone's), and a seller's consenting customers. */
export async function consentRoutes(app: App, { desk, access }: { desk: ConsentDesk; access: AccessPolicy }) {
  app.post(
    '/users/:userId/consents',
    {
      config: { access: 'consent.manage' },
      schema: {
        operationId: 'recordConsent',
        tags,
        summary: 'Give or withdraw consent to promotional messages (a vendor’s, or the marketplace’s own)',
        description: 'Appended to the consent log with the client address and user agent of the request. The latest record per vendor and channel is the consent as it stands.',
        params: Type.Object({ userId: Id }),
        body: ConsentBody,
        response: answers({ 201: ConsentView }, [403]),
      },
    },
    async (request, reply) => {
      await access.requireAccess(request.principal, 'consent.manage', { userId: request.params.userId });
      const userAgent = request.headers['user-agent'];
      const record = await desk.record(request.params.userId, request.body, { ipAddress: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null });
      return reply.code(201).send(record);
    },
  );

  app.get(
    '/users/:userId/consents',
    {
      config: { access: 'consent.manage' },
      schema: {
        operationId: 'getUserConsents',
        tags,
        summary: 'A person’s promotional consents: as they stand, and their whole history',
        params: Type.Object({ userId: Id }),
        response: answers({ 200: UserConsentsView }, [403]),
      },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'consent.manage', { userId: request.params.userId });
      return desk.ofUser(request.params.userId);
    },
  );

  app.get(
    '/vendors/:vendorId/consents',
    {
      config: { access: 'consent.vendor' },
      schema: {
        operationId: 'listVendorConsents',
        tags,
        summary: 'The customers who consent to a vendor’s promotional messages (a seller: their own)',
        description: "A seller's vendor id is their seller id. Paged by user id and channel.",
        params: Type.Object({ vendorId: Id }),
        querystring: Type.Object(
          {
            channel: Type.Optional(ConsentChannelSchema),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: VendorConsentsPage }, [403]),
      },
    },
    async (request) => {
      const { vendorId } = request.params;
      await access.requireAccess(request.principal, 'consent.vendor', { sellerId: vendorId });
      return desk.ofVendor(vendorId, request.query);
    },
  );
}
