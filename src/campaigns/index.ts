import type { Logger } from 'pino';
import type { AccessPolicy } from '../access/policy.ts';
import type { Db } from '../db/connect.ts';
import type { App } from '../http/instance.ts';
import { createJobRunner } from '../marketplace/marketplace-jobs.ts';
import type { Acceptor } from '../notifications/accept.ts';
import { createAudienceSource } from './campaign-audience.ts';
import { createCampaignDesk } from './campaign-desk.ts';
import { createCampaignExpansion } from './campaign-expansion.ts';
import type { CampaignPorts } from './campaign-ports.ts';
import { createCampaignResults } from './campaign-results.ts';
import { campaignRoutes } from './campaign-routes.ts';
import type { CampaignSettings } from './campaign-settings.ts';

/**
 * Vendors' promotional campaigns: owner of campaigns and campaign_recipients. Takes the
 * audiences, quotas, frequency caps, send-time planner and A/B functions as ports (app.ts hands
 * them in); sends through the acceptor; workers expand the campaigns in the background.
 */
export function createCampaigns({
  db,
  access,
  acceptor,
  ports,
  quietUsers,
  settings,
  worker,
  logger,
}: {
  db: Db;
  access: AccessPolicy;
  acceptor: Acceptor;
  ports: CampaignPorts;
  /** The users of this list whose quiet hours (or delivery window) hold a promotion at `at`. */
  quietUsers: (userIds: string[], at: Date) => Promise<Set<string>>;
  settings: CampaignSettings;
  /** Whether this process expands campaigns (the worker role). */
  worker: boolean;
  logger: Logger;
}) {
  const log = logger.child({ component: 'campaigns' });
  const source = createAudienceSource(ports);
  const desk = createCampaignDesk({ db, access, source, ports: { ...ports, quietUsers }, cancelScheduled: acceptor.cancelScheduledRequests });
  const results = createCampaignResults({ db, compareVariants: ports.compareVariants, conversionDays: settings.conversionDays });
  const expansion = createCampaignExpansion({ db, acceptor, source, ports, settings, log });
  const jobs = createJobRunner([{ name: 'campaign-expansion', intervalMs: settings.pollMs, run: () => expansion.runDue() }], log);

  return {
    desk,
    expansion,
    jobs,
    async register(app: App): Promise<void> {
      await app.register(campaignRoutes, { desk, results });
    },
    start(): void {
      if (worker) jobs.start();
    },
    async close(): Promise<void> {
      await jobs.stop();
    },
  };
}

export type Campaigns = ReturnType<typeof createCampaigns>;
