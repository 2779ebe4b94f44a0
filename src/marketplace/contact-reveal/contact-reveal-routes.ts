import { Type } from '@sinclair/typebox';
import { answers, Shape } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { messagingBase as base, NullableDateTime, NullableString } from '../marketplace-schemas.ts';
import type { ContactReveal } from './contact-reveal.ts';

const tags = ['marketplace masking'];
const RuleShape = Shape({
  orderStatuses: Type.Array(Type.String(), { description: 'Order statuses in which the parties see each other’s contact details; empty: always masked.' }),
  fulfilment: Type.Union([Type.String(), Type.Null()], { description: 'Only orders fulfilled this way (delivery, local_pickup); null: any.' }),
  updatedBy: NullableString,
  updatedAt: NullableDateTime,
});

/** The operator's rule for when contact details stop being masked in an order's conversation. */
export async function contactRevealRoutes(app: App, { reveal }: { reveal: ContactReveal }) {
  app.get(
    `${base}/settings/contact-reveal`,
    {
      config: { access: 'masking.configure' },
      schema: {
        operationId: 'getContactRevealRule',
        tags,
        summary: 'When contact details are shown in an order’s conversation (operators)',
        response: answers({ 200: RuleShape }, [403]),
      },
    },
    async (request) => reveal.get(request.principal),
  );

  app.put(
    `${base}/settings/contact-reveal`,
    {
      config: { access: 'masking.configure' },
      schema: {
        operationId: 'setContactRevealRule',
        tags,
        summary: 'Set when contact details are shown: order statuses, and optionally a fulfilment such as local pickup (operators)',
        body: Type.Object(
          {
            orderStatuses: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 10, description: 'placed, paid, shipped, delivered, cancelled, refunded, disputed; [] masks always' }),
            fulfilment: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Null()], { description: 'delivery or local_pickup; null or left out: any' })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: RuleShape }, [403]),
      },
    },
    async (request) => reveal.set(request.principal, request.body),
  );
}
