import { SpanKind } from '@opentelemetry/api';
import type { Metrics } from '../../metrics.ts';
import { endSpan, tracer } from '../../ops/tracing.ts';
import type { ClaimedDelivery, HistoryEntry } from '../deliveries/delivery-types.ts';
import type { Rendered } from '../model.ts';
import type { Device } from '../preferences/preference-schemas.ts';
import { EXTERNAL_CHANNELS, type ProviderLists } from '../providers/registry.ts';
import { countSegments } from '../providers/sms-segments.ts';
import { type ExternalChannel, type MessageFor, type Platform, type Provider, ProviderError } from '../providers/types.ts';
import type { WorkerSettings } from '../settings.ts';
import type { Templates } from '../templates/notification-templates.ts';
import { TemplateError } from '../templates/template-rendering.ts';
import type { PushActionLinks } from '../push-actions/push-action-links.ts';
import { chooseWhatsAppContent } from '../whatsapp/service-windows.ts';
import type { RecipientLinks } from '../unsubscribe/recipient-links.ts';
import type { BatchContext } from './delivery-claim.ts';
import { type DroppedToken, type Outcome, failed, historyEntry, postponed, retryOrDead, skipped } from './delivery-outcome.ts';
import { ProviderChain } from './failover.ts';

/** One provider's circuit breaker in this process; `reopensAt` is 0 unless it opened (epoch ms). */
export interface BreakerReport {
  channel: ExternalChannel;
  provider: string;
  state: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  reopensAt: number;
}

/**
 * Rendering and sending: templates are rendered, then each external channel's providers are
 * tried in failover order, skipping those whose circuit breaker is open; push goes to every
 * device of the user. Every call happens outside any transaction.
 */
/** The request's metadata as a webhook receiver gets it: without the trace context kept for Parley's own spans. */
function receiverMetadata(metadata: Record<string, unknown> | null): Record<string, unknown> {
  if (!metadata || !('traceparent' in metadata)) return metadata ?? {};
  const { traceparent: _trace, ...rest } = metadata;
  return rest;
}

export function createProviderSender({
  providers,
  templates,
  metrics,
  worker,
  links,
  pushActions,
  prepareEmail,
}: {
  providers: ProviderLists;
  templates: Templates;
  metrics: Metrics;
  worker: WorkerSettings;
  /** The unsubscribe and preference links: template variables, and List-Unsubscribe on email. */
  links?: RecipientLinks;
  /** Signs the action token of a push with buttons; without it, pushes go out without buttons. */
  pushActions?: PushActionLinks;
  /** The email as sent: open pixel and tracked links added (engagement/engagement.ts). */
  prepareEmail: (row: ClaimedDelivery, rendered: Rendered) => Promise<Rendered>;
}) {
  const chains = Object.fromEntries(EXTERNAL_CHANNELS.map((c) => [c, new ProviderChain(providers[c] as Provider[], { threshold: worker.breakerThreshold, cooldownMs: worker.breakerCooldownMs })])) as {
    [C in ExternalChannel]: ProviderChain<Provider<C>>;
  };

  async function render(row: ClaimedDelivery): Promise<Rendered> {
    const content = row.content;
    if (content.kind === 'literal') return content.fields as Rendered;
    if (row.channel === 'webhook') return { payload: { template: content.key, locale: content.locale, data: content.data } };
    const template = await templates.find(content.key, row.channel, content.locale);
    if (!template) throw new TemplateError('template', `the ${row.channel} template "${content.key}" no longer exists`);
    // unsubscribe_url and preferences_url are there for every template; the request's data cannot replace them.
    return templates.render(template, links ? { ...content.data, ...links.variables(row) } : content.data);
  }

  /** Calls the first healthy provider of a channel; records the outcome on its breaker. */
  async function callProvider<C extends ExternalChannel>(channel: C, message: MessageFor[C], platform?: Platform) {
    const picked = chains[channel].pick(platform);
    if (!picked.provider) {
      const detail = `Every ${channel} provider${platform ? ` for ${platform}` : ''} is failing; waiting for one to recover.`;
      // Breakers that will let a call through again postpone the delivery; no provider at all for it is a failure.
      if (Number.isFinite(picked.retryAt)) return { ok: false as const, postponed: true as const, until: picked.retryAt, detail, provider: undefined };
      const error = new ProviderError('retryable', 'no_provider_available', `No ${channel} provider${platform ? ` for ${platform}` : ''} is configured.`);
      return { ok: false as const, postponed: false as const, error, provider: undefined };
    }
    const { provider, breaker } = picked;
    const span = tracer.startSpan('provider.send', { kind: SpanKind.CLIENT, attributes: { 'parley.provider': provider.name, 'parley.channel': channel } });
    try {
      const result = await provider.send(message as never);
      span.end();
      breaker.success();
      metrics.breakerOpen.set({ channel, provider: provider.name }, 0);
      return { ok: true as const, result, provider: provider.name };
    } catch (err) {
      const error = err instanceof ProviderError ? err : new ProviderError('retryable', 'provider_error', (err as Error).message);
      span.setAttribute('parley.error_code', error.code);
      endSpan(span, error);
      // A provider that refuses our credentials or does not answer is unhealthy; a bad address is not its fault.
      if (error.kind === 'retryable' || error.code === 'unauthorized') breaker.failure();
      else breaker.success();
      metrics.breakerOpen.set({ channel, provider: provider.name }, breaker.state === 'closed' ? 0 : 1);
      metrics.failed.inc({ channel, provider: provider.name, kind: error.kind });
      return { ok: false as const, postponed: false as const, error, provider: provider.name };
    }
  }

  function tags(row: ClaimedDelivery): Record<string, string> {
    const tags: Record<string, string> = { parley_delivery_id: row.log_id, parley_request_id: row.request_id, notification_type: row.notification_type };
    const campaign = row.metadata?.campaignId;
    if (typeof campaign === 'string') tags.campaign_id = campaign;
    return tags;
  }

  async function sendExternal(row: ClaimedDelivery, rendered: Rendered, ctx: BatchContext): Promise<Outcome> {
    const base = { deliveryId: row.log_id, requestId: row.request_id };
    const sentOutcome = (provider: string, externalId: string | undefined, extra: Partial<Outcome> = {}): Outcome => ({
      row,
      status: 'sent',
      provider,
      externalId,
      sendTime: new Date(),
      history: [historyEntry(row, 'sent', { provider, externalId })],
      attemptsDelta: 0,
      ...extra,
    });
    const single = async <C extends 'email' | 'sms' | 'webhook' | 'whatsapp'>(channel: C, message: MessageFor[C], note?: string) => {
      const call = await callProvider(channel, message);
      if (call.ok) {
        const outcome = sentOutcome(call.provider, call.result.externalId);
        if (note) outcome.history[0]!.detail = note;
        return outcome;
      }
      if (call.postponed) return postponed(row, call.until, call.detail);
      if (call.error.kind === 'permanent') return failed(row, call.error.code, call.error.message, call.provider);
      return retryOrDead(row, call.error, call.provider, worker);
    };

    switch (row.channel) {
      case 'email': {
        const headers = links?.emailHeaders(row);
        const email = await prepareEmail(row, rendered);
        const replyTo = row.content.kind === 'literal' ? row.content.fields.replyTo : row.content.replyTo;
        return single('email', {
          ...base,
          to: row.recipient.address as string,
          subject: email.subject ?? '',
          text: email.text,
          html: email.html,
          tags: tags(row),
          ...(headers && { headers }),
          ...(typeof replyTo === 'string' && { replyTo }),
        });
      }
      case 'sms': {
        const text = rendered.text ?? rendered.body ?? '';
        const segments = countSegments(text);
        return single('sms', { ...base, to: row.recipient.address as string, text }, `${segments.segments} segment(s), ${segments.encoding}`);
      }
      case 'webhook':
        return single('webhook', {
          ...base,
          payload: {
            type: 'notification',
            deliveryId: row.log_id,
            requestId: row.request_id,
            notificationType: row.notification_type,
            userId: row.user_id,
            message: rendered.payload ?? rendered,
            metadata: receiverMetadata(row.metadata),
          },
        });
      case 'push':
        return sendPush(row, rendered, ctx);
      case 'whatsapp': {
        // Free text inside the 24-hour customer-service window, the approved template outside it.
        const to = row.recipient.address as string;
        const choice = chooseWhatsAppContent({ text: rendered.text ?? rendered.body, template: rendered.template }, ctx.lastInbound.get(to), new Date());
        if ('refused' in choice) return failed(row, 'outside_service_window', choice.refused);
        const note = 'text' in choice ? 'free text (inside the 24-hour window)' : `template ${choice.template.name} (${choice.template.language})`;
        return single('whatsapp', { ...base, to, ...choice }, note);
      }
      default:
        throw new Error(`not an external channel: ${row.channel}`);
    }
  }

  /**
   * Push goes to every registered device of the user (or only recipient.deviceId). A retry sends
   * only to the devices that have not had it yet; a token the provider rejects as gone is removed.
   */
  async function sendPush(row: ClaimedDelivery, rendered: Rendered, ctx: BatchContext): Promise<Outcome> {
    const all = ctx.devices.get(row.user_id) ?? [];
    const targets = row.recipient.deviceId ? all.filter((d) => d.deviceId === row.recipient.deviceId) : all;
    if (targets.length === 0) {
      return skipped(row, 'no_device', row.recipient.deviceId ? `The user has no registered device ${row.recipient.deviceId}.` : 'The user has no registered push device.');
    }
    const done = new Set(row.history.filter((h) => h.status === 'sent' && h.device).map((h) => h.device));
    const history: HistoryEntry[] = [];
    const dropTokens: DroppedToken[] = [];
    let firstId: string | undefined;
    let firstProvider: string | undefined;
    let retryable: { error: ProviderError; provider?: string } | undefined;
    let permanent: { error: ProviderError; provider?: string } | undefined;
    let waitFor: { until: number; detail: string } | undefined;
    const priority = (row.metadata?.priority as 'low' | 'medium' | 'high' | undefined) ?? 'medium';
    // One token per delivery, whichever device answers: the first action spends it for all of them.
    const interactive = rendered.interactive && pushActions?.interaction(row.log_id, row.user_id, rendered.interactive);
    await Promise.all(
      targets
        .filter((d) => !done.has(d.deviceId))
        .map(async (device) => {
          const call = await callProvider(
            'push',
            {
              deliveryId: row.log_id,
              requestId: row.request_id,
              device: { deviceId: device.deviceId, token: device.token, platform: device.platform },
              title: rendered.title ?? '',
              body: rendered.body ?? '',
              icon: rendered.icon,
              imageUrl: rendered.imageUrl,
              action: rendered.action,
              ...(interactive ? { interactive } : {}),
              priority,
              ttlSeconds: 24 * 3600,
            },
            device.platform,
          );
          if (call.ok) {
            firstId ??= call.result.externalId;
            firstProvider ??= call.provider;
            history.push(historyEntry(row, 'sent', { provider: call.provider, device: device.deviceId, externalId: call.result.externalId }));
            return;
          }
          if (call.postponed) {
            waitFor = { until: Math.min(call.until, waitFor?.until ?? Number.POSITIVE_INFINITY), detail: call.detail };
            return;
          }
          history.push(historyEntry(row, 'attempt_failed', { provider: call.provider, device: device.deviceId, code: call.error.code, detail: call.error.message }));
          if (call.error.invalidToken) dropTokens.push({ ...device, provider: call.provider, unregisteredAt: call.error.unregisteredAt });
          if (call.error.kind === 'retryable') retryable = { error: call.error, provider: call.provider };
          else permanent = { error: call.error, provider: call.provider };
        }),
    );
    const anySent = done.size > 0 || firstId !== undefined || history.some((h) => h.status === 'sent');
    if (retryable) {
      const outcome = retryOrDead(row, retryable.error, retryable.provider, worker, history);
      outcome.dropTokens = dropTokens;
      // Out of attempts but some devices have it: that is a send, with the failures on record.
      if (outcome.status === 'dead' && anySent) return { ...outcome, status: 'sent', sendTime: new Date(), externalId: firstId, provider: firstProvider ?? retryable.provider };
      return outcome;
    }
    // Devices whose provider is behind an open breaker wait for it; those that had it are not sent to again.
    if (waitFor) return { ...postponed(row, waitFor.until, waitFor.detail, history), dropTokens };
    if (!anySent && permanent) {
      return { row, status: 'failed', errorCode: permanent.error.code, errorMessage: permanent.error.message, provider: permanent.provider, history, attemptsDelta: 0, dropTokens };
    }
    return { row, status: 'sent', provider: firstProvider, externalId: firstId, sendTime: new Date(), history, attemptsDelta: 0, dropTokens };
  }

  return {
    render,
    /** Sends an external channel's delivery; the outcome says what became of it. */
    send: sendExternal,
    /** The circuit breaker of every provider in this process, by channel, in failover order. */
    breakers(): BreakerReport[] {
      return EXTERNAL_CHANNELS.flatMap((channel) =>
        chains[channel].breakerStates().map((b) => ({ channel, provider: b.provider.name, state: b.state, consecutiveFailures: b.consecutiveFailures, reopensAt: b.reopensAt })),
      );
    },
  };
}
