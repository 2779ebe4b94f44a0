import { randomUUID } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import { Liquid, type Template } from 'liquidjs';
import type { Db } from '../db/connect.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { Channel, Rendered } from './model.ts';

/** The channels a template can be written for, with the fields each takes. Webhooks carry data, not text. */
export const TEMPLATE_FIELDS = {
  email: { required: ['subject'], oneOf: ['text', 'html'], optional: [] },
  sms: { required: ['text'], oneOf: [], optional: [] },
  push: { required: ['title', 'body'], oneOf: [], optional: ['icon', 'actionUrl'] },
  'in-app': { required: ['title', 'body'], oneOf: [], optional: ['imageUrl', 'actionUrl'] },
} as const satisfies Record<string, { required: readonly string[]; oneOf: readonly string[]; optional: readonly string[] }>;
export type TemplateChannel = keyof typeof TEMPLATE_FIELDS;
export const TEMPLATE_CHANNELS = Object.keys(TEMPLATE_FIELDS) as TemplateChannel[];

const field = Type.String({ minLength: 1, maxLength: 100_000 });
export const TemplateContent = Type.Object(
  {
    subject: Type.Optional(field),
    text: Type.Optional(field),
    html: Type.Optional(Type.String({ minLength: 1, maxLength: 500_000 })),
    title: Type.Optional(field),
    body: Type.Optional(field),
    icon: Type.Optional(field),
    imageUrl: Type.Optional(field),
    actionUrl: Type.Optional(field),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type TemplateContent = Static<typeof TemplateContent>;

export interface TemplateRow {
  templateId: string;
  key: string;
  channel: TemplateChannel;
  locale: string;
  content: TemplateContent;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Limits that keep one template from taking the worker down: source size, render time, memory. */
const limits = { parseLimit: 200_000, renderLimit: 500, memoryLimit: 16 * 1024 * 1024 };
// Strict: an unknown variable or filter is an error, not an empty string; only own properties.
const strict = { strictVariables: true, strictFilters: true, ownPropertyOnly: true, ...limits };
const plain = new Liquid(strict);
// HTML bodies escape every output, so data cannot inject markup.
const html = new Liquid({ ...strict, outputEscape: 'escape' });

export class TemplateError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function engineFor(fieldName: string): Liquid {
  return fieldName === 'html' ? html : plain;
}

function parse(fieldName: string, source: string): Template[] {
  try {
    return engineFor(fieldName).parse(source);
  } catch (err) {
    throw new TemplateError(fieldName, firstLine(err));
  }
}

function firstLine(err: unknown): string {
  return String((err as Error).message ?? err).split('\n')[0] ?? '';
}

/** Checks the fields a channel needs and parses each; throws a 400 with the reason when broken. */
export function validateTemplate(channel: TemplateChannel, content: TemplateContent): Map<string, Template[]> {
  const spec = TEMPLATE_FIELDS[channel];
  const allowed = new Set<string>([...spec.required, ...spec.oneOf, ...spec.optional]);
  for (const name of Object.keys(content)) {
    if (!allowed.has(name)) throw invalid('invalid_template', `A ${channel} template has no field "${name}"; it takes ${[...allowed].join(', ')}.`, { field: name });
  }
  for (const name of spec.required) {
    if (!content[name as keyof TemplateContent]) throw invalid('invalid_template', `A ${channel} template needs "${name}".`, { field: name });
  }
  if (spec.oneOf.length && !spec.oneOf.some((n) => content[n as keyof TemplateContent])) {
    throw invalid('invalid_template', `A ${channel} template needs ${spec.oneOf.map((n) => `"${n}"`).join(' or ')}.`);
  }
  const parsed = new Map<string, Template[]>();
  for (const [name, source] of Object.entries(content)) {
    try {
      parsed.set(name, parse(name, source as string));
    } catch (err) {
      throw invalid('invalid_template', `The template does not parse: ${(err as Error).message}.`, { field: (err as TemplateError).field });
    }
  }
  return parsed;
}

/** Renders parsed fields with data. A missing variable, an unknown filter or a limit reached throws TemplateError. */
export async function renderParsed(parsed: Map<string, Template[]>, data: Record<string, unknown>): Promise<Rendered> {
  const out: Record<string, string> = {};
  for (const [name, templates] of parsed) {
    try {
      out[name] = await engineFor(name).render(templates, data);
    } catch (err) {
      throw new TemplateError(name, firstLine(err));
    }
  }
  const { actionUrl, ...rest } = out;
  return actionUrl ? { ...rest, action: { type: 'custom', url: actionUrl } } : rest;
}

function toRow(row: {
  template_id: string;
  template_key: string;
  channel: string;
  locale: string;
  content: unknown;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}): TemplateRow {
  return {
    templateId: row.template_id,
    key: row.template_key,
    channel: row.channel as TemplateChannel,
    locale: row.locale,
    content: row.content as TemplateContent,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Locales to try for a requested one: "fr-CA" → fr-CA, fr, then the default. */
export function localeChain(requested: string | undefined, defaultLocale: string): string[] {
  const chain: string[] = [];
  if (requested) {
    chain.push(requested);
    const language = requested.split('-')[0] ?? requested;
    if (language !== requested) chain.push(language);
  }
  if (!chain.includes(defaultLocale)) chain.push(defaultLocale);
  return chain;
}

export function createTemplates({ db, defaultLocale, changed }: { db: Db; defaultLocale: string; changed?: (key: string) => void }) {
  // Parsed templates, by id and version: parsing is the expensive part of rendering.
  const parsedCache = new Map<string, Map<string, Template[]>>();
  // Lookups (key, channel, locale chain) → row, dropped when that key changes on any node.
  const lookupCache = new Map<string, TemplateRow | null>();

  function forget(key: string): void {
    for (const cacheKey of lookupCache.keys()) if (cacheKey.startsWith(`${key}\n`)) lookupCache.delete(cacheKey);
  }

  async function trialRender(channel: TemplateChannel, content: TemplateContent, sampleData: Record<string, unknown> | undefined) {
    const parsed = validateTemplate(channel, content);
    if (sampleData === undefined) return undefined;
    try {
      return await renderParsed(parsed, sampleData);
    } catch (err) {
      throw invalid('template_render_failed', `The template does not render with the sample data: ${(err as Error).message}.`, { field: (err as TemplateError).field });
    }
  }

  return {
    forget,
    forgetAll: () => lookupCache.clear(),

    async create(input: { key: string; channel: TemplateChannel; locale?: string; content: TemplateContent; sampleData?: Record<string, unknown> }): Promise<TemplateRow> {
      await trialRender(input.channel, input.content, input.sampleData);
      const locale = input.locale ?? defaultLocale;
      const row = await db
        .insertInto('notification_templates')
        .values({ template_id: randomUUID(), template_key: input.key, channel: input.channel, locale, content: JSON.stringify(input.content), created_at: new Date(), updated_at: new Date() })
        .onConflict((oc) => oc.columns(['template_key', 'channel', 'locale']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        throw conflict('template_exists', `A ${input.channel} template "${input.key}" for locale ${locale} exists already; change it with PUT /templates/{templateId}.`);
      }
      forget(input.key);
      changed?.(input.key);
      return toRow(row);
    },

    async update(templateId: string, input: { content: TemplateContent; sampleData?: Record<string, unknown> }): Promise<TemplateRow> {
      const current = await this.get(templateId);
      await trialRender(current.channel, input.content, input.sampleData);
      const row = await db
        .updateTable('notification_templates')
        .set((eb) => ({ content: JSON.stringify(input.content), version: eb('version', '+', 1), updated_at: new Date() }))
        .where('template_id', '=', templateId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound('template');
      forget(row.template_key);
      changed?.(row.template_key);
      return toRow(row);
    },

    async remove(templateId: string): Promise<void> {
      const row = await db.deleteFrom('notification_templates').where('template_id', '=', templateId).returning('template_key').executeTakeFirst();
      if (!row) throw notFound('template');
      forget(row.template_key);
      changed?.(row.template_key);
    },

    async get(templateId: string): Promise<TemplateRow> {
      const row = await db.selectFrom('notification_templates').selectAll().where('template_id', '=', templateId).executeTakeFirst();
      if (!row) throw notFound('template');
      return toRow(row);
    },

    async list(filter: { key?: string; channel?: string }): Promise<TemplateRow[]> {
      let q = db.selectFrom('notification_templates').selectAll().orderBy('template_key').orderBy('channel').orderBy('locale').limit(1000);
      if (filter.key) q = q.where('template_key', '=', filter.key);
      if (filter.channel) q = q.where('channel', '=', filter.channel);
      return (await q.execute()).map(toRow);
    },

    /** The template for a key and channel in the best available locale, or null. */
    async find(key: string, channel: Channel, locale: string | undefined): Promise<TemplateRow | null> {
      const chain = localeChain(locale, defaultLocale);
      const cacheKey = `${key}\n${channel}\n${chain.join(',')}`;
      const cached = lookupCache.get(cacheKey);
      if (cached !== undefined) return cached;
      const rows = await db
        .selectFrom('notification_templates')
        .selectAll()
        .where('template_key', '=', key)
        .where('channel', '=', channel)
        .where('locale', 'in', chain)
        .execute();
      const best = chain.map((l) => rows.find((r) => r.locale === l)).find(Boolean);
      const result = best ? toRow(best) : null;
      if (lookupCache.size > 10_000) lookupCache.clear();
      lookupCache.set(cacheKey, result);
      return result;
    },

    /** Renders a stored template; TemplateError when the data does not fit it. */
    async render(template: TemplateRow, data: Record<string, unknown>): Promise<Rendered> {
      const cacheKey = `${template.templateId}:${template.version}`;
      let parsed = parsedCache.get(cacheKey);
      if (!parsed) {
        parsed = validateTemplate(template.channel, template.content);
        if (parsedCache.size > 5_000) parsedCache.clear();
        parsedCache.set(cacheKey, parsed);
      }
      return renderParsed(parsed, data);
    },

    /** Renders unsaved or saved content with sample data, for the preview endpoint. */
    async preview(channel: TemplateChannel, content: TemplateContent, data: Record<string, unknown>): Promise<Rendered> {
      const rendered = await trialRender(channel, content, data);
      return rendered as Rendered;
    },
  };
}

export type Templates = ReturnType<typeof createTemplates>;
