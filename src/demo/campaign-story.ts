import { campaignRequestId } from '../campaigns/campaign-expansion.ts';
import type { Db } from '../db/connect.ts';
import { assignVariant } from '../experiments/index.ts';
import { type DemoSettlement, settleDemoDeliveries } from '../notifications/deliveries/sql/settleDemoDeliveries.ts';
import { larkspur } from './story.ts';

/**
 * The demo's bulk messaging: Larkspur Ceramics on the Standard tier, customers imported with
 * their email consent (beside those known from orders), one finished A/B campaign whose variant B
 * won and was sent to the held-back rest, and one scheduled for next week; the month's usage
 * against the tier's quota follows from them. All through the API, as the seller and the
 * operator would; opens and clicks, which the console email provider cannot report, are settled
 * like the KPI story's.
 */

const HOUR = 3_600_000;

/** Customers from Larkspur Ceramics' shop before it came to the marketplace, imported with the consent they gave there. */
export const IMPORTED_CUSTOMERS = [
  ['Amelia Hart', 'en'], ['Bruno Keller', 'de'], ['Carla Neves', 'en'], ['Daniel Roth', 'de'], ['Emma Lindqvist', 'en'], ['Felix Wagner', 'de'],
  ['Grace Osei', 'en'], ['Hannah Vogel', 'de'], ['Isaac Moreau', 'en'], ['Julia Brandt', 'de'], ['Kofi Mensah', 'en'], ['Lena Fischer', 'de'],
  ['Maya Patel', 'en'], ['Noah Schulz', 'de'], ['Olivia Grant', 'en'], ['Paul Hoffmann', 'de'], ['Quinn Doyle', 'en'], ['Rosa Klein', 'de'],
  ['Sofia Rossi', 'en'], ['Tom Becker', 'de'], ['Uma Reddy', 'en'], ['Viktor Lang', 'de'], ['Wendy Park', 'en'], ['Yusuf Demir', 'de'],
].map(([name, locale], i) => {
  const slug = name!.toLowerCase().replace(/\s+/g, '.');
  return { userId: `demo-customer-${String(i + 1).padStart(2, '0')}`, name: name!, email: `${slug}@mail.demo.example`, locale: locale! };
});

const CONSENT_TEXT = 'Send me news and offers from Larkspur Ceramics by email.';

const email = (subject: string, text: string, deSubject: string, deText: string) => ({
  channel: 'email' as const,
  templates: [
    { locale: 'en', content: { subject, text } },
    { locale: 'de', content: { subject: deSubject, text: deText } },
  ],
});

/** The finished A/B test: variant B (the customer's name in the subject) against A, a fifth held back for the winner. */
export const SPRING_CAMPAIGN = {
  vendorId: larkspur.userId,
  name: 'Spring glazes',
  channels: [email('Spring glazes are in', 'Hello {{ customer.firstName }}, our spring glazes are out of the kiln: celadon, ash and speckled oat.', 'Die Frühlingsglasuren sind da', 'Hallo {{ customer.firstName }}, unsere Frühlingsglasuren sind aus dem Ofen: Seladon, Asche und Hafer.')],
  audience: { segment: { channels: ['email'] } },
  variants: [
    { name: 'A', percent: 40 },
    {
      name: 'B',
      percent: 40,
      channels: [email('{{ customer.firstName }}, your spring glaze is waiting', 'Hello {{ customer.firstName }}, we kept a celadon mug for you: our spring glazes are out of the kiln.', '{{ customer.firstName }}, Ihre Frühlingsglasur wartet', 'Hallo {{ customer.firstName }}, wir haben einen Seladon-Becher für Sie zurückgelegt.')],
    },
    { name: 'holdback', percent: 20 },
  ],
  idempotencyKey: 'demo-spring-glazes',
};

/** The next newsletter, scheduled: nothing of it is sent yet. */
export const scheduledCampaign = (sendAt: string) => ({
  vendorId: larkspur.userId,
  name: 'Summer studio sale',
  channels: [email('Summer studio sale: seconds at half price', 'Hello {{ customer.firstName }}, this weekend our studio sells its seconds at half price.', 'Sommerverkauf im Atelier', 'Hallo {{ customer.firstName }}, an diesem Wochenende verkauft unser Atelier B-Ware zum halben Preis.')],
  audience: { segment: { channels: ['email'] } },
  schedule: { sendAt },
  pacePerMinute: 600,
});

type Call = (who: 'backend' | typeof larkspur, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => Promise<{ status: number; body: any }>;

export interface CampaignStoryOptions {
  call: Call;
  db: Db;
  /** One round of the campaigns' background expansion (the worker's job, run here so seeding need not wait for it). */
  expand: () => Promise<unknown>;
  now: number;
  waitMs: number;
  notes: string[];
}

/** Writes the story; answers how many writes created something and how many found it there. */
export async function seedCampaignStory(options: CampaignStoryOptions): Promise<{ added: number; alreadyThere: number }> {
  const { call, now } = options;
  const counts = { added: 0, alreadyThere: 0 };
  const tally = (created: boolean) => (created ? counts.added++ : counts.alreadyThere++);
  const vendor = larkspur.userId;

  // The operator places Larkspur Ceramics on the Standard tier (10,000 emails and 5,000 bulk sends a month).
  await call('backend', 'PUT', `/vendors/${vendor}/tier`, { tier: 'standard', timeZone: 'Europe/Lisbon' });

  // The seller imports the customers of their own shop, with the consent each gave there (once).
  const known = new Set(((await call(larkspur, 'GET', `/vendors/${vendor}/customers?limit=200`)).body.customers as { userId: string }[]).map((c) => c.userId));
  const missing = IMPORTED_CUSTOMERS.filter((c) => !known.has(c.userId));
  if (missing.length) {
    await call(larkspur, 'POST', `/vendors/${vendor}/customers/import`, {
      customers: missing.map((c, i) => ({
        userId: c.userId,
        lastOrderAt: new Date(now - (20 + i * 9) * 24 * HOUR).toISOString(),
        orderCount: 1 + (i % 4),
        spend: 30 + ((i * 37) % 220),
        currency: 'EUR',
        categories: [i % 2 ? 'tableware' : 'vases'],
        contact: { name: c.name, email: c.email, locale: c.locale },
        consents: [{ channel: 'email', granted: true, textShown: CONSENT_TEXT }],
      })),
    });
  }
  tally(missing.length > 0);

  const listed = (await call(larkspur, 'GET', `/campaigns?vendorId=${vendor}`)).body.campaigns as { campaignId: string; name: string; status: string; winner: string | null }[];

  // The A/B test: created, expanded, its emails sent; then opens and clicks, and B declared the winner.
  let spring = listed.find((c) => c.name === SPRING_CAMPAIGN.name);
  if (!spring) spring = (await call(larkspur, 'POST', '/campaigns', SPRING_CAMPAIGN)).body;
  tally(!listed.some((c) => c.name === SPRING_CAMPAIGN.name));
  const springId = spring!.campaignId;
  const status = async () => (await call(larkspur, 'GET', `/campaigns/${springId}`)).body as { status: string; winner: string | null; results: { variants: { variant: string; pending: number }[] } };
  const until = async (done: (c: Awaited<ReturnType<typeof status>>) => boolean) => {
    const deadline = Date.now() + options.waitMs;
    for (let c = await status(); ; c = await status()) {
      if (done(c)) return c;
      if (Date.now() > deadline) {
        options.notes.push(`The campaign "${SPRING_CAMPAIGN.name}" did not get to its next step within ${Math.round(options.waitMs / 1000)} s (status ${c.status}).`);
        return c;
      }
      await options.expand();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const sent = (c: Awaited<ReturnType<typeof status>>) => c.results.variants.every((v) => v.pending === 0);
  let c = await until((x) => (x.status === 'awaiting_winner' && sent(x)) || x.status === 'finished');
  if (c.status === 'awaiting_winner') {
    await settleSpring(options, springId);
    await call(larkspur, 'POST', `/campaigns/${springId}/winner`, { variant: 'B' });
    c = await until((x) => x.status === 'finished' && sent(x));
  }
  tally(c.winner === 'B' && !listed.some((x) => x.name === SPRING_CAMPAIGN.name && x.winner === 'B'));
  // The held-back fifth got B: their opens and clicks too (those settled before stay as they are).
  if (c.status === 'finished') await settleSpring(options, springId);

  // The next newsletter, scheduled for next Friday's morning (Lisbon).
  if (!listed.some((x) => x.name === 'Summer studio sale')) {
    const friday = new Date(now + 7 * 24 * HOUR);
    friday.setUTCDate(friday.getUTCDate() + ((5 - friday.getUTCDay() + 7) % 7));
    friday.setUTCHours(9, 0, 0, 0);
    await call(larkspur, 'POST', '/campaigns', scheduledCampaign(friday.toISOString()));
  }
  tally(!listed.some((x) => x.name === 'Summer studio sale'));
  return counts;
}

/**
 * Opens and clicks of the campaign's emails, as the provider's reports and the tracking links
 * would record them: B's subject with the customer's name is opened and clicked more often. The
 * held-back fifth was sent the winner, B. Emails not sent yet are left for a later call.
 */
async function settleSpring(options: CampaignStoryOptions, campaignId: string): Promise<void> {
  const settlements: DemoSettlement[] = [];
  const splits = SPRING_CAMPAIGN.variants.map((v) => ({ name: v.name, percent: v.percent }));
  // Who got which (the assignment is stable), and each one's place in their variant: half of B's
  // recipients click, A's first one only (when A has four or more), so B wins whatever the split.
  const groups = IMPORTED_CUSTOMERS.map(({ userId }) => (assignVariant(`campaign:${campaignId}`, userId, splits) === 'A' ? 'A' : 'B'));
  const aCount = groups.filter((g) => g === 'A').length;
  for (const [i, { userId }] of IMPORTED_CUSTOMERS.entries()) {
    const reply = await options.call('backend', 'GET', `/notifications/${campaignRequestId(campaignId, 1, userId)}`).catch(() => undefined);
    const d = (reply?.body?.deliveries as { logId: string; channel: string; status: string }[] | undefined)?.find((x) => x.channel === 'email');
    if (!d || !['sent', 'delivered', 'opened', 'clicked'].includes(d.status)) continue;
    const place = groups.slice(0, i).filter((g) => g === groups[i]).length;
    const sentAt = new Date(reply!.body.acceptedAt).getTime();
    const b = groups[i] === 'B';
    const opened = b ? place % 4 !== 3 : place % 2 === 0;
    const clicked = b ? place % 2 === 0 : place === 0 && aCount >= 4;
    settlements.push({
      logId: d.logId,
      deliveredAt: new Date(sentAt + 1200 + ((i * 311) % 3000)),
      openedAt: opened ? new Date(sentAt + (1 + (i % 5)) * 600_000) : null,
      clickedAt: clicked ? new Date(sentAt + (1 + (i % 5)) * 660_000) : null,
    });
  }
  await settleDemoDeliveries(options.db, settlements);
}
