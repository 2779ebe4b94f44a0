import { Type } from '@sinclair/typebox';
import type { AccessPolicy } from '../../access/policy.ts';
import { answers, Shape } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { MarketplaceId } from '../marketplace-schemas.ts';
import { ContactBody, type Contacts } from './user-contacts.ts';

const tags = ['marketplace contacts'];
const params = Type.Object({ userId: MarketplaceId });
const StoredContactShape = Shape({
  userId: Type.String(),
  name: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  phoneNumber: Type.Optional(Type.String()),
  locale: Type.Optional(Type.String()),
});

/** How Parley reaches a user by email and SMS: set by the marketplace (also sent with order events). */
export async function contactRoutes(app: App, { contacts, access }: { contacts: Contacts; access: AccessPolicy }) {
  app.put(
    '/users/:userId/contact',
    {
      config: { access: 'contact.write' },
      schema: { operationId: 'setUserContact', tags, summary: 'Set how to reach a user (operators)', params, body: ContactBody, response: answers({ 200: StoredContactShape }, [403]) },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'contact.write', { userId: request.params.userId });
      await contacts.save(request.params.userId, request.body);
      return (await contacts.find([request.params.userId])).get(request.params.userId)!;
    },
  );

  app.get(
    '/users/:userId/contact',
    {
      config: { access: 'contact.read' },
      schema: { operationId: 'getUserContact', tags, summary: 'How Parley reaches a user (the user themselves, or operators)', params, response: answers({ 200: StoredContactShape }, [403]) },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'contact.read', { userId: request.params.userId });
      return (await contacts.find([request.params.userId])).get(request.params.userId) ?? { userId: request.params.userId };
    },
  );
}
