import { Type } from '@sinclair/typebox';
import { ParleyError, forbidden, invalid } from '../../errors.ts';
import { Shape, answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { NOTIFICATION_TYPES, type NotificationType } from '../model.ts';
import { PAGE_HEADERS, pageLocale, preferencesPage, unsubscribePage } from './page-html.ts';
import { PAGE_CHANNELS, type PageChannel, type PageChoices, type RecipientChoices, VENDOR_CHANNELS } from './recipient-choices.ts';
import { PREFERENCES_PAGE_PATH, type RecipientLinks, UNSUBSCRIBE_PATH } from './recipient-links.ts';

const tags = ['recipient pages'];
const Token = Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }) });
const Html = (description: string) => ({ description, content: { 'text/html': { schema: Type.String() } } });
const Unsubscribed = Shape({ unsubscribed: Type.Literal(true), changed: Type.Boolean({ description: 'false when the user was unsubscribed already (repeating is harmless).' }) });
const FormValue = Type.Union([Type.String({ maxLength: 4096 }), Type.Array(Type.String({ maxLength: 4096 }), { maxItems: 200 })]);
const PageForm = Type.Object({ nonce: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: FormValue, maxProperties: 300 });

const notValid = () =>
  new ParleyError('not_found', 'link_not_valid', 'This link is not valid: it was changed, or it is not one Parley sent. Use the link in your latest message.');

/** A form body (application/x-www-form-urlencoded): a repeated field becomes a list. */
function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const had = out[key];
    out[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The form's fields as choices; a value the page never offers is refused (400), not ignored. */
function readChoices(form: Record<string, string | string[]>): PageChoices {
  const channelsOf = (field: string, allowed: readonly string[]) => {
    const values = listOf(form[field]);
    const bad = values.find((v) => !allowed.includes(v));
    if (bad !== undefined) throw invalid('invalid_choice', `"${bad.slice(0, 40)}" is not a channel this page offers for ${field}; reload the page and choose again.`, { field });
    return [...new Set(values)];
  };
  const channels = Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, channelsOf(t, PAGE_CHANNELS) as PageChannel[]])) as PageChoices['channels'];
  const vendors = new Map<string, (typeof VENDOR_CHANNELS)[number][]>();
  for (const vendorId of new Set(listOf(form.vendors))) vendors.set(vendorId, channelsOf(`vendor:${vendorId}`, VENDOR_CHANNELS) as (typeof VENDOR_CHANNELS)[number][]);
  for (const key of Object.keys(form)) {
    const known = key === 'nonce' || key === 'optOut' || key === 'vendors' || (NOTIFICATION_TYPES as readonly string[]).includes(key) || (key.startsWith('vendor:') && vendors.has(key.slice(7)));
    if (!known) throw invalid('invalid_choice', `The form has a field "${key.slice(0, 40)}" this page does not offer; reload the page and choose again.`, { field: key });
  }
  return { channels, optOut: channelsOf('optOut', PAGE_CHANNELS) as PageChannel[], vendors };
}

/**
 * The pages a recipient reaches from a message without signing in, through a signed token in
 * the path: one-click unsubscribe (`/u/{token}`, RFC 8058) and the hosted preference page
 * (`/preferences/page/{token}`). A forged or altered token is 404 link_not_valid and changes nothing.
 */
export async function recipientPageRoutes(app: App, { links, choices }: { links: RecipientLinks; choices: RecipientChoices }) {
  // Forms post url-encoded; RFC 8058 also allows multipart/form-data, whose body the one-click POST does not need.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, parseForm(body as string)));
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (_request, _body, done) => done(null, {}));
  // The preference page of the same user, on this host (the page is already here).
  const preferencesPath = (claim: { userId: string; type: NotificationType; vendorId?: string }) => new URL(links.forUser(claim.userId, claim.type, claim.vendorId).preferencesUrl).pathname;
  const origin = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ipAddress: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
  });

  /**
   * The page's language, told in Content-Language; a locale the catalogues lack falls back
   * (Accept-Language, else English) and leaves a log line.
   */
  const languageOf = (
    request: { headers: Record<string, string | string[] | undefined>; log: { info(obj: object, msg: string): void } },
    reply: { header(name: string, value: string): unknown },
    locale: string | undefined,
  ) => {
    const chosen = pageLocale(locale, request.headers['accept-language'] as string | undefined);
    if (chosen.fellBack) request.log.info({ requestedLocale: chosen.requested, locale: chosen.lang }, `locale "${chosen.requested}" has no catalogue; the page falls back to ${chosen.lang}`);
    reply.header('content-language', chosen.lang);
    return chosen.lang;
  };

  app.get(
    `${UNSUBSCRIBE_PATH}/:token`,
    {
      config: { access: 'public' },
      schema: {
        operationId: 'showUnsubscribePage',
        tags,
        summary: 'The unsubscribe confirmation page (changes nothing: link scanners follow GETs)',
        security: [],
        params: Token,
        response: { ...answers({}, [404], { public: true }), 200: Html('A page with one button that posts the unsubscribe.') },
      },
    },
    async (request, reply) => {
      const claim = links.readUnsubscribe(request.params.token);
      if (!claim) throw notValid();
      const lang = languageOf(request, reply, undefined);
      return reply.headers(PAGE_HEADERS).send(unsubscribePage(lang, claim, { action: `${UNSUBSCRIBE_PATH}/${request.params.token}`, preferences: preferencesPath(claim) }, false));
    },
  );

  app.post(
    `${UNSUBSCRIBE_PATH}/:token`,
    {
      config: { access: 'public' },
      schema: {
        operationId: 'unsubscribeOneClick',
        tags,
        summary: 'One-click unsubscribe (RFC 8058): takes effect at once',
        description:
          'Mail clients post `List-Unsubscribe=One-Click` as application/x-www-form-urlencoded (or multipart/form-data). The signed token says who and from what; the body is not needed. Answers JSON, or the confirmation page when the Accept header asks for text/html (the button on the GET page).',
        security: [],
        params: Token,
        response: { ...answers({ 200: Unsubscribed }, [404], { public: true }) },
      },
    },
    async (request, reply) => {
      const claim = links.readUnsubscribe(request.params.token);
      if (!claim) throw notValid();
      const { changed } = await choices.unsubscribe(claim, origin(request));
      if ((request.headers.accept ?? '').includes('text/html')) {
        const lang = languageOf(request, reply, undefined);
        return reply.headers(PAGE_HEADERS).send(unsubscribePage(lang, claim, { action: '', preferences: preferencesPath(claim) }, true));
      }
      return { unsubscribed: true as const, changed };
    },
  );

  app.get(
    `${PREFERENCES_PAGE_PATH}/:token`,
    {
      config: { access: 'public' },
      schema: {
        operationId: 'showPreferencePage',
        tags,
        summary: "The hosted preference page: a recipient's notification types, channels and vendor consents",
        security: [],
        params: Token,
        response: { ...answers({}, [404], { public: true }), 200: Html('The page, in English or German (the user\'s locale, else Accept-Language).') },
      },
    },
    async (request, reply) => {
      const claim = links.readPreferences(request.params.token);
      if (!claim) throw notValid();
      const state = await choices.state(claim);
      const lang = languageOf(request, reply, claim.locale);
      const html = preferencesPage(lang, state, { action: `${PREFERENCES_PAGE_PATH}/${request.params.token}`, nonce: links.formNonce(claim.userId) }, false);
      return reply.headers(PAGE_HEADERS).send(html);
    },
  );

  app.post(
    `${PREFERENCES_PAGE_PATH}/:token`,
    {
      config: { access: 'public' },
      schema: {
        operationId: 'savePreferencePage',
        tags,
        summary: 'Saves the hosted preference page (a form post; answers the page again, saying it is saved)',
        description:
          'The form the page shows, application/x-www-form-urlencoded: one field per notification type listing its channels, optOut, vendors and vendor:{id}, and the page\'s nonce.',
        security: [],
        params: Token,
        body: PageForm,
        response: { ...answers({}, [403, 404], { public: true }), 200: Html('Saved: the page again, with the saved choices and a status line.') },
      },
    },
    async (request, reply) => {
      const claim = links.readPreferences(request.params.token);
      if (!claim) throw notValid();
      if (!links.checkNonce(request.body.nonce, claim.userId)) throw forbidden('form_expired', 'This form is out of date or not from this page; reload the page and save again.');
      const state = await choices.save(claim, readChoices(request.body as Record<string, string | string[]>), origin(request));
      const lang = languageOf(request, reply, claim.locale);
      const html = preferencesPage(lang, state, { action: `${PREFERENCES_PAGE_PATH}/${request.params.token}`, nonce: links.formNonce(claim.userId) }, true);
      return reply.headers(PAGE_HEADERS).send(html);
    },
  );
}
