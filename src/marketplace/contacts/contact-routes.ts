import { Type } from '@sinclair/typebox';
import type { AccessPolicy } from '../../access/policy.ts';
import { answers, Shape } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { MarketplaceId } from '../marketplace-schemas.ts';
import type { LocaleResolver } from '../../i18n/i18n.ts';
import { ContactBody, type Contacts, type StoredContact } from './user-contacts.ts';

const tags = ['marketplace contacts'];
const params = Type.Object({ userId: MarketplaceId });
const StoredContactShape = Shape({
  userId: Type.String(),
  name: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  phoneNumber: Type.Optional(Type.String()),
  locale: Type.Optional(Type.String()),
  textLocale: Type.String({
    description:
      "The language Parley writes this user's texts in (notices, reminders, pages): `locale` when there are catalogues for it, else its base language, the default locale or English. It differs from `locale` when that fell back; the response's Content-Language says the same.",
  }),
});

/** How Parley reaches a user by email and SMS: set by the marketplace (also sent with order events). */
export async function contactRoutes(app: App, { contacts, access, resolveLocale }: { contacts: Contacts; access: AccessPolicy; resolveLocale: LocaleResolver }) {
  /** The contact with the language its texts are written in (an unknown locale falls back, logged once). */
  const withTextLocale = (contact: StoredContact, reply: { header(name: string, value: string): unknown }) => {
    const { locale } = resolveLocale(contact.locale);
    reply.header('content-language', locale);
    return { ...contact, textLocale: locale };
  };

  app.put(
    '/users/:userId/contact',
    {
      config: { access: 'contact.write' },
      schema: { operationId: 'setUserContact', tags, summary: 'Set how to reach a user (operators)', params, body: ContactBody, response: answers({ 200: StoredContactShape }, [403]) },
    },
    async (request, reply) => {
      await access.requireAccess(request.principal, 'contact.write', { userId: request.params.userId });
      await contacts.save(request.params.userId, request.body);
      return withTextLocale((await contacts.find([request.params.userId])).get(request.params.userId)!, reply);
    },
  );

  app.get(
    '/users/:userId/contact',
    {
      config: { access: 'contact.read' },
      schema: { operationId: 'getUserContact', tags, summary: 'How Parley reaches a user (the user themselves, or operators)', params, response: answers({ 200: StoredContactShape }, [403]) },
    },
    async (request, reply) => {
      await access.requireAccess(request.principal, 'contact.read', { userId: request.params.userId });
      return withTextLocale((await contacts.find([request.params.userId])).get(request.params.userId) ?? { userId: request.params.userId }, reply);
    },
  );
}
