import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { LinkSigner } from '../crypto/signed-links.ts';
import type { Db } from '../db/connect.ts';
import type { App } from '../http/instance.ts';
import type { MessagesService } from '../messages/messages-service.ts';
import { createInboundMail } from './inbound-mail.ts';
import { inboundWebhookRoutes } from './inbound-webhook-routes.ts';
import { createReplyAddresses } from './reply-addresses.ts';
import { createSmtpListener } from './smtp-listener.ts';
import { deleteUserReplyAddresses } from './sql/deleteUserReplyAddresses.ts';

/**
 * Reply by email, assembled: per-recipient reply addresses for the emails Parley sends about a
 * conversation (`replyAddress`, undefined while PARLEY_REPLY_DOMAIN is unset), and the ways
 * replies come back: the SMTP listener (PARLEY_REPLY_SMTP_PORT, in processes with the API role)
 * and the SendGrid and Mailgun inbound webhooks, all through one desk (inbound-mail.ts).
 */
export function createEmailReplies({ config, db, links, messages, emailOf, log }: {
  config: Config;
  db: Db;
  links: LinkSigner;
  messages: MessagesService;
  /** A user's email address (marketplace contacts): a reply must come from it. */
  emailOf: (userId: string) => Promise<string | undefined>;
  log: Logger;
}) {
  const settings = config.emailReplies;
  const domain = settings.domain;
  const addresses = domain ? createReplyAddresses({ db, links, domain, addressDays: settings.addressDays }) : undefined;
  const inbound = addresses ? createInboundMail({ db, addresses, emailOf, messages, log: log.child({ component: 'email-replies' }) }) : undefined;
  const listener =
    inbound && domain && settings.smtp && config.notifications.roles.api
      ? createSmtpListener({ settings: settings.smtp, domain, maxBytes: settings.maxBytes, inbound, log })
      : undefined;
  let port: number | undefined;

  return {
    /** The reply-to address of a participant for an email about their conversation; undefined when reply by email is off. */
    replyAddress: addresses ? (conversationId: string, userId: string) => addresses.addressFor(conversationId, userId) : undefined,
    register: (app: App) => app.register(inboundWebhookRoutes, { settings, inbound }),
    async start() {
      if (listener) port = await listener.listen();
    },
    /** The SMTP listener's port once started (the chosen one for PARLEY_REPLY_SMTP_PORT=0). */
    smtpPort: () => port,
    close: async () => listener?.close(),
    /** Erasure: the user's reply addresses stop working. */
    eraseUser: (executor: Db, userId: string) => deleteUserReplyAddresses(executor, userId),
  };
}

export type EmailReplies = ReturnType<typeof createEmailReplies>;
