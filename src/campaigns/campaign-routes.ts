import { Type } from '@sinclair/typebox';
import { Shape, answers } from '../http/contract.ts';
import type { App } from '../http/instance.ts';
import type { CampaignDesk } from './campaign-desk.ts';
import type { CampaignResults } from './campaign-results.ts';
import { CampaignBody, CampaignDetail, CampaignPage, CampaignView, DryRunView, VariantName } from './campaign-schemas.ts';

const tags = ['campaigns'];
const Params = Type.Object({ campaignId: Type.String({ minLength: 1, maxLength: 64 }) });

/** The campaigns' API: create (and dry-run), list, read with results, pause, resume, cancel, declare a winner. */
export async function campaignRoutes(app: App, { desk, results }: { desk: CampaignDesk; results: CampaignResults }) {
  app.post(
    '/campaigns',
    {
      config: { access: 'campaign.manage' },
      schema: {
        operationId: 'createCampaign',
        tags,
        summary: "Create a promotional campaign to a vendor's customers (a seller: their own)",
        description:
          "Reserves the audience's recipients against the vendor's quota (422 quota_exceeded with the numbers, unless upToQuota). The background worker then expands it in batches into ordinary promotional notifications (metadata.campaignId), so preferences, quiet hours, consent, suppression, caps and tracking apply. 201 when created, 200 (Idempotent-Replayed: true) for the same idempotencyKey and body; another body with the key is 409.",
        body: CampaignBody,
        response: answers({ 201: CampaignView, 200: CampaignView }, [403, 409, 422]),
      },
    },
    async (request, reply) => {
      const { campaign, replayed } = await desk.create(request.principal, request.body);
      if (replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.code(replayed ? 200 : 201).send(campaign);
    },
  );

  app.post(
    '/campaigns/dry-run',
    {
      config: { access: 'campaign.manage' },
      schema: {
        operationId: 'dryRunCampaign',
        tags,
        summary: 'What a campaign would reach now, writing nothing',
        description: '"reaches N of M: K opted out, Q in quiet hours (delayed), C over frequency cap, U over quota", as numbers.',
        body: CampaignBody,
        response: answers({ 200: DryRunView }, [403, 422]),
      },
    },
    async (request) => desk.dryRun(request.principal, request.body),
  );

  app.get(
    '/campaigns',
    {
      config: { access: 'campaign.manage' },
      schema: {
        operationId: 'listCampaigns',
        tags,
        summary: 'Campaigns, newest first (a seller: their own; an operator: all, or one vendor’s)',
        querystring: Type.Object(
          {
            vendorId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
            status: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: CampaignPage }, [403]),
      },
    },
    async (request) => desk.list(request.principal, request.query),
  );

  app.get(
    '/campaigns/:campaignId',
    {
      config: { access: 'campaign.manage' },
      schema: {
        operationId: 'getCampaign',
        tags,
        summary: 'A campaign with its progress and results per channel and per variant',
        description:
          'Results count its notifications by status; converted: recipients who ordered from the vendor within the conversion window (7 days by default) after their message went out. significance compares each variant with the first.',
        params: Params,
        response: answers({ 200: CampaignDetail }, [403, 404]),
      },
    },
    async (request) => results.detail(await desk.mine(request.principal, request.params.campaignId)),
  );

  for (const [action, operationId, summary] of [
    ['pause', 'pauseCampaign', 'Pause a campaign: no further batches are expanded (those already accepted go out at their time)'],
    ['resume', 'resumeCampaign', 'Resume a paused campaign where it stopped'],
  ] as const) {
    app.post(
      `/campaigns/:campaignId/${action}`,
      {
        config: { access: 'campaign.manage' },
        schema: { operationId, tags, summary, params: Params, response: answers({ 200: CampaignView }, [403, 404, 409]) },
      },
      async (request) => desk[action](request.principal, request.params.campaignId),
    );
  }

  app.post(
    '/campaigns/:campaignId/cancel',
    {
      config: { access: 'campaign.manage' },
      schema: {
        operationId: 'cancelCampaign',
        tags,
        summary: 'Cancel a campaign: nothing not yet sent goes out, and the quota of recipients never sent is released',
        description: 'A finished campaign is 409 campaign_finished.',
        params: Params,
        response: answers(
          { 200: Shape({ campaign: CampaignView, withdrawn: Type.Integer({ description: 'Notifications withdrawn before they went out.' }), released: Type.Integer({ description: 'Quota units given back.' }) }) },
          [403, 404, 409],
        ),
      },
    },
    async (request) => desk.cancel(request.principal, request.params.campaignId),
  );

  app.post(
    '/campaigns/:campaignId/winner',
    {
      config: { access: 'campaign.manage' },
      schema: {
        operationId: 'declareCampaignWinner',
        tags,
        summary: 'Declare the winning variant: the held-back rest of the audience is sent it',
        params: Params,
        body: Type.Object({ variant: VariantName }, { additionalProperties: false }),
        response: answers({ 200: CampaignView }, [403, 404, 409, 422]),
      },
    },
    async (request) => desk.declareWinner(request.principal, request.params.campaignId, request.body.variant),
  );
}
