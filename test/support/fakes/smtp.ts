import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server (smtp-server) on 127.0.0.1, plain text (no STARTTLS), that parses every
 * message it accepts with mailparser. With `auth` it requires AUTH and checks the credentials
 * (535 otherwise); without, AUTH is optional and any credentials are accepted.
 */

/** What the server answers the next message with: accept it, or reject RCPT TO (550, 451) or DATA (452). */
export type SmtpAnswer = 'ok' | 'rcpt-550' | 'rcpt-451' | 'data-452';

export interface ReceivedMail {
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  subject?: string;
  text?: string;
  html?: string;
  /** Header name (lowercase) → its raw value, unfolded; a repeated header keeps its last value. */
  headers: Record<string, string>;
  /** The authenticated user, if the client logged in. */
  user?: string;
}

export interface SmtpFake {
  host: string;
  port: number;
  url: string;
  /** Accepted messages, oldest first. */
  requests: ReceivedMail[];
  /** Answers for the next messages, one each; then 'ok' again. */
  script(...answers: SmtpAnswer[]): void;
  close(): Promise<void>;
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

export async function startSmtpFake(options: { auth?: { user: string; pass: string } } = {}): Promise<SmtpFake> {
  const requests: ReceivedMail[] = [];
  const queue: SmtpAnswer[] = [];
  // The answer for the message in flight, per connection: taken at MAIL FROM, used at RCPT TO or DATA.
  const current = new Map<string, SmtpAnswer>();

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    logger: false,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      if (options.auth && (auth.username !== options.auth.user || auth.password !== options.auth.pass)) {
        return callback(smtpError(535, 'Authentication credentials invalid'));
      }
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      current.set(session.id, queue.shift() ?? 'ok');
      callback();
    },
    onRcptTo(address, session, callback) {
      const answer = current.get(session.id);
      if (answer === 'rcpt-550') return callback(smtpError(550, `<${address.address}>: Recipient address rejected: User unknown in local recipient table`));
      if (answer === 'rcpt-451') return callback(smtpError(451, `<${address.address}>: Recipient address rejected: Greylisted, try again later`));
      callback();
    },
    onData(stream, session, callback) {
      const answer = current.get(session.id);
      current.delete(session.id);
      if (answer === 'data-452') {
        // the message must be read to the end before the reply
        stream.resume();
        stream.on('end', () => callback(smtpError(452, 'Insufficient system storage')));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const headers: Record<string, string> = {};
          for (const { key, line } of mail.headerLines) headers[key] = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
          requests.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject,
            text: mail.text,
            html: typeof mail.html === 'string' ? mail.html : undefined,
            headers,
            user: typeof session.user === 'string' ? session.user : undefined,
          });
          callback();
        })
        .catch((err: Error) => callback(smtpError(554, `Message could not be parsed: ${err.message}`)));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    url: `smtp://127.0.0.1:${port}`,
    requests,
    script: (...answers) => void queue.push(...answers),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
