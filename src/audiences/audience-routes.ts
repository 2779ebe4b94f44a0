import { Type } from '@sinclair/typebox';
import type { AccessPolicy } from '../access/policy.ts';
import { answers } from '../http/contract.ts';
import type { App } from '../http/instance.ts';
import { CustomersPage, ImportBody, ImportResult, SegmentCountBody, SegmentCountView } from './audience-schemas.ts';
import type { AudienceDesk } from './audiences.ts';

const tags = ['audiences'];
const VendorParams = Type.Object({ vendorId: Type.String({ minLength: 1, maxLength: 255, description: "The vendor: a seller's user id." }) });

/** A vendor's customers: the list, the import, and a segment's live count (a seller: their own; an operator: any vendor's). */
export async function audienceRoutes(app: App, { audiences, access, importBodyLimit }: { audiences: AudienceDesk; access: AccessPolicy; importBodyLimit: number }) {
  app.get(
    '/vendors/:vendorId/customers',
    {
      config: { access: 'audience.read' },
      schema: {
        operationId: 'listVendorCustomers',
        tags,
        summary: "A vendor's customers with their consent to the vendor's promotions per channel",
        description: 'Known from order events and imports. Paged by user id.',
        params: VendorParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: CustomersPage }, [403]),
      },
    },
    async (request) => {
      const { vendorId } = request.params;
      await access.requireAccess(request.principal, 'audience.read', { sellerId: vendorId });
      return audiences.listCustomers(vendorId, request.query);
    },
  );

  app.post(
    '/vendors/:vendorId/customers/import',
    {
      // 1,000 customers with their figures, contacts and consents pass the default body limit.
      bodyLimit: importBodyLimit,
      config: { access: 'audience.import' },
      schema: {
        operationId: 'importVendorCustomers',
        tags,
        summary: "Import a vendor's customers, with their consents and contact details (up to 1,000 a call)",
        description:
          'All or nothing: a bad row refuses the whole import (400 invalid_import_rows, details.rows names each). A consent granted needs the text shown; it is recorded in the consent log with source import. Contact details are stored only for users Parley has none for.',
        params: VendorParams,
        body: ImportBody,
        response: answers({ 200: ImportResult }, [403]),
      },
    },
    async (request) => {
      const { vendorId } = request.params;
      await access.requireAccess(request.principal, 'audience.import', { sellerId: vendorId });
      return audiences.importCustomers(vendorId, request.body.customers);
    },
  );

  app.post(
    '/vendors/:vendorId/segments/count',
    {
      config: { access: 'audience.read' },
      schema: {
        operationId: 'countVendorSegment',
        tags,
        summary: "How many of a vendor's customers a segment holds, and how many of them opt in per channel",
        description: 'Counted live in the database.',
        params: VendorParams,
        body: SegmentCountBody,
        response: answers({ 200: SegmentCountView }, [403]),
      },
    },
    async (request) => {
      const { vendorId } = request.params;
      await access.requireAccess(request.principal, 'audience.read', { sellerId: vendorId });
      return audiences.countSegment(vendorId, request.body.segment);
    },
  );
}
