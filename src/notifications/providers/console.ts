import type { Logger } from 'pino';
import type { ExternalChannel, MessageFor, Provider, SendResult } from './types.ts';

/** The embedded default for every external channel: logs what would be sent, and succeeds. */
export function consoleProvider<C extends ExternalChannel>(channel: C, name: string, log: Logger): Provider<C> {
  return {
    channel,
    type: 'console',
    name,
    platforms: channel === 'push' ? ['android', 'ios', 'web'] : undefined,
    async send(message: MessageFor[C]): Promise<SendResult> {
      log.info({ channel, provider: name, message: summary(channel, message) }, 'console provider: would send');
      return { externalId: `console-${message.deliveryId}` };
    },
  };
}

function summary(channel: ExternalChannel, message: MessageFor[ExternalChannel]): Record<string, unknown> {
  switch (channel) {
    case 'email': {
      const m = message as MessageFor['email'];
      return { deliveryId: m.deliveryId, to: m.to, subject: m.subject, text: m.text, html: m.html ? `${m.html.length} chars` : undefined, headers: m.headers, ...(m.replyTo && { replyTo: m.replyTo }) };
    }
    case 'sms': {
      const m = message as MessageFor['sms'];
      return { deliveryId: m.deliveryId, to: m.to, text: m.text };
    }
    case 'push': {
      const m = message as MessageFor['push'];
      return { deliveryId: m.deliveryId, deviceId: m.device.deviceId, platform: m.device.platform, title: m.title, body: m.body, ...(m.interactive ? { interactive: m.interactive } : {}) };
    }
    case 'webhook': {
      const m = message as MessageFor['webhook'];
      return { deliveryId: m.deliveryId, payload: m.payload };
    }
    case 'whatsapp': {
      const m = message as MessageFor['whatsapp'];
      return { deliveryId: m.deliveryId, to: m.to, text: m.text, template: m.template };
    }
  }
}
