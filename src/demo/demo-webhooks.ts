import type { Config } from '../config.ts';
import type { App } from '../http/instance.ts';
import { DEMO_RECEIVER_PATH, demoReceiverUrl, signDemoToken } from './demo-routes.ts';
import { larkspur } from './story.ts';
import type { DemoUser } from './users.ts';

/**
 * Larkspur Ceramics' CRM takes its order, message and dispute events by webhook. Demo mode's
 * own receiver (POST /demo/crm-receiver, demo-routes.ts) stands in for the CRM: it verifies the
 * signature with the endpoint's secret and answers 204, so the delivery log holds real
 * deliveries. The endpoint is registered through the API as the seller registers one.
 */

/** The events Larkspur Ceramics' CRM takes. */
export const DEMO_WEBHOOK_EVENTS = ['order.*', 'message.created', 'dispute.*'];
const DESCRIPTION = 'CRM (the demo receiver)';

/** A request as a demo user, as seeding makes it (a refusal throws). */
type Call = (who: DemoUser, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => Promise<{ body: any }>;

/** Larkspur Ceramics' endpoint at the demo receiver (at this or an earlier public URL), if registered. */
async function demoCrmEndpoint(call: Call): Promise<{ endpointId: string; url: string; enabled: boolean; disabledReason: string | null } | undefined> {
  const listed = (await call(larkspur, 'GET', '/webhook-endpoints')).body.endpoints as { endpointId: string; url: string; enabled: boolean; disabledReason: string | null }[];
  return listed.find((e) => new URL(e.url).pathname === DEMO_RECEIVER_PATH);
}

/**
 * Registers the endpoint, first of all, so every event of the story reaches it; paused while
 * seeding, since Parley does not listen yet (its events wait): `resumeDemoWebhooks` resumes it
 * once Parley listens. Returns whether it was registered (or moved to a new address) now.
 */
export async function registerDemoCrm(call: Call, publicUrl: string): Promise<boolean> {
  const found = await demoCrmEndpoint(call);
  if (found && found.url === demoReceiverUrl(publicUrl)) return false;
  if (found) {
    // Demo mode started at another address (PORT, PARLEY_PUBLIC_URL): the receiver moved with it.
    await call(larkspur, 'PATCH', `/webhook-endpoints/${found.endpointId}`, { url: demoReceiverUrl(publicUrl) });
    return true;
  }
  const created = (await call(larkspur, 'POST', '/webhook-endpoints', { url: demoReceiverUrl(publicUrl), eventTypes: DEMO_WEBHOOK_EVENTS, description: DESCRIPTION })).body as { endpointId: string };
  await call(larkspur, 'PATCH', `/webhook-endpoints/${created.endpointId}`, { enabled: false });
  return true;
}

/**
 * Once Parley listens: resumes the paused endpoint, so the story's events that waited are
 * delivered to the demo receiver, signed, as any receiver gets them. One disabled for failing
 * stays disabled. Returns whether it resumed it.
 */
export async function resumeDemoWebhooks(app: App, config: Config): Promise<boolean> {
  if (!config.jwtSecret) throw new Error("demo mode needs PARLEY_JWT_SECRET to sign its users' tokens");
  const token = (await signDemoToken(config.jwtSecret, larkspur, 600)).token;
  const call: Call = async (_who, method, url, body) => {
    const response = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    if (response.statusCode !== 200) throw new Error(`demo: ${method} ${url} answered ${response.statusCode}: ${response.body}`);
    return { body: JSON.parse(response.body) };
  };
  const crm = await demoCrmEndpoint(call);
  if (!crm || crm.enabled || crm.disabledReason !== 'by_owner') return false;
  await call(larkspur, 'PATCH', `/webhook-endpoints/${crm.endpointId}`, { enabled: true });
  return true;
}
