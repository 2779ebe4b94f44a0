import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { EmailReplySettings } from './email-reply-settings.ts';
import { type InboundMailDesk, type Refusal, refusal } from './inbound-mail.ts';
import { readRawMail } from './mail-reading.ts';

/** An error smtp-server answers with: the reply code, and the enhanced status and sentence as its text. */
function smtpError(r: Refusal): Error & { responseCode: number } {
  return Object.assign(new Error(`${r.smtp[1]} ${r.message} [${r.code}]`), { responseCode: r.smtp[0] });
}

/**
 * Parley's own SMTP listener for replies (PARLEY_REPLY_SMTP_PORT): it takes mail for reply
 * addresses at PARLEY_REPLY_DOMAIN only (anything else is refused at RCPT: no relaying), one
 * reply address per message (a second is deferred with 452, and arrives as its own delivery),
 * refuses forged addresses at RCPT, and answers after DATA with 250 once the reply is posted,
 * or with the refusal's code (5xx for good, 4xx to try again). No AUTH: mail servers deliver here
 * as to any MX. STARTTLS when a key and certificate are configured.
 */
export function createSmtpListener({ settings, domain, maxBytes, inbound, log }: { settings: NonNullable<EmailReplySettings['smtp']>; domain: string; maxBytes: number; inbound: InboundMailDesk; log: Logger }) {
  const server = new SMTPServer({
    name: domain,
    banner: 'Parley reply-by-email',
    size: maxBytes,
    authOptional: true,
    disabledCommands: settings.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(settings.tls && { key: settings.tls.key, cert: settings.tls.cert }),
    logger: false,
    maxClients: 100,
    socketTimeout: 60_000,
    onRcptTo(address, session, callback) {
      const at = address.address.lastIndexOf('@');
      if (address.address.slice(at + 1).toLowerCase() !== domain) {
        return callback(Object.assign(new Error(`5.7.1 This server takes mail for ${domain} only; relaying is not allowed. [relay_denied]`), { responseCode: 550 }));
      }
      const refused = inbound.checkRecipient(address.address);
      if (refused) return callback(smtpError(refusal(refused)));
      if (session.envelope.rcptTo.length >= 1) {
        return callback(Object.assign(new Error('4.5.3 One reply address per message; send the others again. [too_many_recipients]'), { responseCode: 452 }));
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error: Error) => log.warn({ err: { message: error.message } }, 'an emailed reply was cut off'));
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) return callback(smtpError(refusal('mail_too_large')));
        const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        readRawMail(Buffer.concat(chunks), { from: envelopeFrom, to: session.envelope.rcptTo.map((r) => r.address) })
          .then(
            (mail) => inbound.receive(mail, 'smtp'),
            () => refusal('malformed_mail'),
          )
          .then(
            (outcome) => (outcome.ok ? callback(null, `2.0.0 Posted into the conversation as message ${outcome.messageId}`) : callback(smtpError(outcome))),
            (error: unknown) => {
              log.error({ err: error }, 'an emailed reply could not be taken');
              callback(smtpError(refusal('unavailable')));
            },
          );
      });
    },
  });
  server.on('error', (err) => log.warn({ err: { message: err.message } }, 'reply SMTP listener error'));

  return {
    /** Starts listening; resolves with the port (the configured one, or the one chosen for port 0). */
    listen(): Promise<number> {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.server.once('error', onError);
        server.listen(settings.port, settings.host, () => {
          server.server.off('error', onError);
          const address = server.server.address();
          const port = typeof address === 'object' && address ? address.port : settings.port;
          log.info({ host: settings.host, port, domain }, `reply SMTP listener on ${settings.host} port ${port} for ${domain}`);
          resolve(port);
        });
      });
    },
    /** Stops taking connections and waits for open sessions to end. */
    close(): Promise<void> {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
