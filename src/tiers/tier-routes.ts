import { Type } from '@sinclair/typebox';
import type { AccessPolicy } from '../access/policy.ts';
import { answers } from '../http/contract.ts';
import type { App } from '../http/instance.ts';
import type { TierDesk } from './tier-desk.ts';
import { LimitsBody, TierCatalogue, TierView, VendorTierBody, VendorTierView, VendorUsageView } from './tier-schemas.ts';
import type { VendorQuotas } from './vendor-quotas.ts';

const tags = ['tiers'];
const Id = Type.String({ minLength: 1, maxLength: 255 });

/** Merchant tiers and quotas: the catalogue, an operator's changes, a vendor's tier and its month's usage. */
export async function tierRoutes(app: App, { desk, quotas, access }: { desk: TierDesk; quotas: VendorQuotas; access: AccessPolicy }) {
  app.get(
    '/tiers',
    {
      config: { access: 'tier.read' },
      schema: {
        operationId: 'listTiers',
        tags,
        summary: "The merchant tiers and their monthly limits of promotional sends",
        response: answers({ 200: TierCatalogue }, [403]),
      },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'tier.read');
      return desk.catalogue();
    },
  );

  app.put(
    '/tiers/:tier',
    {
      config: { access: 'tier.manage' },
      schema: {
        operationId: 'setTierLimits',
        tags,
        summary: "Change a tier's monthly limits (the kinds given)",
        description: 'Kept in the database, over PARLEY_TIERS and the built-in table. 0: not allowed; null: unlimited.',
        params: Type.Object({ tier: Type.String({ minLength: 1, maxLength: 32 }) }),
        body: LimitsBody,
        response: answers({ 200: TierView }, [400, 403]),
      },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'tier.manage');
      return desk.setTier(request.params.tier, request.body);
    },
  );

  app.put(
    '/vendors/:vendorId/tier',
    {
      config: { access: 'tier.manage' },
      schema: {
        operationId: 'setVendorTier',
        tags,
        summary: "Place a vendor in a tier, with its time zone (and, enterprise only, its own limits)",
        description: "A vendor's id is its seller id. Its months are calendar months in its time zone.",
        params: Type.Object({ vendorId: Id }),
        body: VendorTierBody,
        response: answers({ 200: VendorTierView }, [400, 403]),
      },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'tier.manage');
      return desk.placeVendor(request.params.vendorId, request.body);
    },
  );

  app.get(
    '/vendors/:vendorId/usage',
    {
      config: { access: 'usage.read' },
      schema: {
        operationId: 'getVendorUsage',
        tags,
        summary: "A vendor's usage of this month's quota (a seller: their own)",
        description: 'Per kind: used, limit and remaining (null: unlimited); the month and when it resets on the vendor’s clock.',
        params: Type.Object({ vendorId: Id }),
        response: answers({ 200: VendorUsageView }, [403]),
      },
    },
    async (request) => {
      const { vendorId } = request.params;
      await access.requireAccess(request.principal, 'usage.read', { sellerId: vendorId });
      return quotas.usage(vendorId);
    },
  );
}
