import { Type } from '@sinclair/typebox';
import { answers, Shape } from '../../../http/contract.ts';
import type { App } from '../../../http/instance.ts';
import { messagingBase as base } from '../../marketplace-schemas.ts';
import type { DisputeEvidence } from './dispute-evidence.ts';

const tags = ['marketplace disputes'];

/** The dispute evidence archive, and the public keys that verify it. */
export async function evidenceRoutes(app: App, { evidence }: { evidence: DisputeEvidence }) {
  app.get(
    `${base}/disputes/:disputeId/evidence`,
    {
      config: { access: 'dispute.export' },
      schema: {
        operationId: 'exportDisputeEvidence',
        tags,
        summary: "Download a dispute's evidence as one signed tar archive: messages as written, attachments, order events, moderator actions (its moderator, or operators)",
        params: Type.Object({ disputeId: Type.String({ format: 'uuid' }) }),
        response: answers(
          { 200: Type.String({ format: 'binary', description: 'A tar archive: dispute.json, messages.json, order-events.json, moderator-actions.json, attachments/…, then manifest.json and its Ed25519 signature manifest.sig.' }) },
          [403, 404],
        ),
      },
    },
    async (request, reply) => {
      const archive = await evidence.exportArchive(request.principal, request.params.disputeId);
      return reply
        .header('Content-Type', 'application/x-tar')
        .header('Content-Disposition', `attachment; filename="${archive.fileName}"`)
        .header('Cache-Control', 'no-store')
        .send(archive.body);
    },
  );

  app.get(
    '/.well-known/parley-evidence-key',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getEvidenceKeys',
        tags,
        summary: 'The public keys that verify dispute evidence archives (Ed25519, PEM); the current one signs new archives',
        security: [],
        response: answers(
          {
            200: Shape({
              algorithm: Type.Literal('Ed25519'),
              keys: Type.Array(Shape({ keyId: Type.String(), publicKeyPem: Type.String(), current: Type.Boolean() })),
            }),
          },
          [],
          { public: true },
        ),
      },
    },
    async () => evidence.publicKeys(),
  );
}
