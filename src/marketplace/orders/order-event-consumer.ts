import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import amqplib, { type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import { ParleyError } from '../../errors.ts';
import { type OrderAutomation, type OrderEvent, OrderEventBody } from './order-automation.ts';

/** How often an event that arrived before one it depends on is tried again before it is set aside. */
const EARLY_ATTEMPTS = 5;
const EARLY_DELAY_MS = 1_000;
const TRANSIENT_DELAY_MS = 2_000;
const ATTEMPTS_HEADER = 'x-parley-attempts';

const validate = addFormats.default(new Ajv({ removeAdditional: false, useDefaults: true, coerceTypes: false })).compile<OrderEvent>(OrderEventBody);

export interface OrderConsumer {
  close(): Promise<void>;
}

/**
 * Consumes order events from a durable RabbitMQ queue, with manual acknowledgements: a message
 * is acknowledged only after its event committed (or was found already taken), so a crash
 * loses nothing; the broker hands unacknowledged messages to the next consumer, and the event
 * id makes the repeat change nothing. Events of one order are handled in arrival order.
 *
 * What cannot be taken goes to `<queue>.rejected` (published with a confirm before the ack),
 * with the reason in its headers: malformed JSON, an invalid event, an event that does not fit
 * its order. An event that came before one it depends on ("shipped" before "paid") is put back
 * at the end of the queue a few times first. Errors of our own (the database unreachable) are
 * retried after a pause, without limit.
 */
export async function startOrderConsumer({ url, queue, orders, log, prefetch = 32 }: { url: string; queue: string; orders: OrderAutomation; log: Logger; prefetch?: number }): Promise<OrderConsumer> {
  const rejected = `${queue}.rejected`;
  const inFlight = new Set<Promise<void>>();
  const byOrder = new Map<string, Promise<void>>();
  let channel: ConfirmChannel | undefined;
  let consumerTag: string | undefined;
  let closing = false;

  const connection = await amqplib.connect(url, {
    recovery: {
      initialDelay: 200,
      maxDelay: 10_000,
      waitForConnect: false,
      async setup(model: ChannelModel) {
        const ch = await model.createConfirmChannel();
        await ch.assertQueue(queue, { durable: true });
        await ch.assertQueue(rejected, { durable: true });
        await ch.prefetch(prefetch);
        channel = ch;
        if (closing) return;
        consumerTag = (await ch.consume(queue, (message: ConsumeMessage | null) => message && track(ch, message), { noAck: false })).consumerTag;
        log.info({ queue }, 'consuming order events');
      },
    },
  });
  connection.on('disconnect', (err: Error) => log.warn({ err: err.message }, 'RabbitMQ connection lost; reconnecting'));
  connection.on('error', (err: Error) => log.warn({ err: err.message }, 'RabbitMQ error'));
  await connection.waitForConnect();

  function track(ch: ConfirmChannel, message: ConsumeMessage): void {
    const done = take(ch, message).finally(() => inFlight.delete(done));
    inFlight.add(done);
  }

  /** One message: parsed, then handled after the earlier events of its order. */
  async function take(ch: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    let event: unknown;
    try {
      event = JSON.parse(message.content.toString('utf8'));
    } catch {
      return setAside(ch, message, 'malformed_json', 'The message is not valid JSON.');
    }
    if (!validate(event)) {
      const e = validate.errors?.[0];
      return setAside(ch, message, 'invalid_event', `${e?.instancePath || 'the event'} ${e?.message ?? 'is invalid'}`);
    }
    const orderId = event.orderId;
    const previous = byOrder.get(orderId) ?? Promise.resolve();
    const mine = previous.then(() => apply(ch, message, event as OrderEvent));
    byOrder.set(orderId, mine);
    await mine;
    if (byOrder.get(orderId) === mine) byOrder.delete(orderId);
  }

  async function apply(ch: ConfirmChannel, message: ConsumeMessage, event: OrderEvent): Promise<void> {
    try {
      await orders.handle(event, 'amqp');
      ack(ch, message);
    } catch (error) {
      if (!(error instanceof ParleyError) || error.status >= 500) {
        log.warn({ err: (error as Error).message, eventId: event.eventId }, 'order event failed; it is retried');
        await pause(TRANSIENT_DELAY_MS);
        nack(ch, message);
        return;
      }
      const attempts = Number(message.properties.headers?.[ATTEMPTS_HEADER] ?? 0) + 1;
      if (error.details?.early && attempts < EARLY_ATTEMPTS) {
        await pause(EARLY_DELAY_MS);
        return requeueLater(ch, message, attempts);
      }
      await setAside(ch, message, error.code, error.message);
    }
  }

  /** Publishes to the rejected queue, waits for the broker's confirm, then acknowledges. */
  async function setAside(ch: ConfirmChannel, message: ConsumeMessage, code: string, reason: string): Promise<void> {
    log.warn({ code, reason }, 'order event set aside in the rejected queue');
    try {
      ch.sendToQueue(rejected, message.content, { persistent: true, contentType: 'application/json', headers: { ...message.properties.headers, 'x-parley-error': code, 'x-parley-reason': reason } });
      await ch.waitForConfirms();
      ack(ch, message);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'could not set the event aside; it stays in the queue');
    }
  }

  /** Puts an early event back at the end of the queue with its attempt count, then acknowledges it. */
  async function requeueLater(ch: ConfirmChannel, message: ConsumeMessage, attempts: number): Promise<void> {
    try {
      ch.sendToQueue(queue, message.content, { persistent: true, contentType: 'application/json', headers: { ...message.properties.headers, [ATTEMPTS_HEADER]: attempts } });
      await ch.waitForConfirms();
      ack(ch, message);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'could not requeue the event; it stays in the queue');
    }
  }

  // A channel that closed meanwhile cannot take the ack: the broker redelivers the message.
  function ack(ch: ConfirmChannel, message: ConsumeMessage): void {
    try {
      if (ch === channel) ch.ack(message);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'ack failed; the message will be redelivered');
    }
  }

  function nack(ch: ConfirmChannel, message: ConsumeMessage): void {
    try {
      if (ch === channel) ch.nack(message, false, true);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'nack failed; the message will be redelivered');
    }
  }

  return {
    /** Stops taking messages, lets those in hand finish, then disconnects. */
    async close(): Promise<void> {
      closing = true;
      if (channel && consumerTag) await channel.cancel(consumerTag).catch(() => {});
      await Promise.allSettled([...inFlight]);
      await connection.close().catch(() => {});
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
