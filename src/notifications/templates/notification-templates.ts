import type { Template } from 'liquidjs';
import type { Db } from '../../db/connect.ts';
import { conflict, invalid, notFound } from '../../errors.ts';
import type { Channel, Rendered } from '../model.ts';
import { deleteTemplate } from './sql/deleteTemplate.ts';
import { findTemplate, findTemplatesInLocales } from './sql/findTemplate.ts';
import { insertTemplate } from './sql/insertTemplate.ts';
import { listTemplates } from './sql/listTemplates.ts';
import { updateTemplateContent } from './sql/updateTemplateContent.ts';
import { SAMPLE_LINK_VARIABLES, type TemplateChannel, type TemplateContent, type TemplateError, type TemplateRow, localeChain, renderParsed, validateTemplate } from './template-rendering.ts';

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


/**
 * Notification templates: owner of notification_templates. The acceptor checks a template
 * exists, the dispatcher renders it; lookups and parsed templates are cached, and dropped on
 * every node when a key changes.
 */
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
      // unsubscribe_url and preferences_url are given to every template at send time: sample ones here.
      return await renderParsed(parsed, { ...SAMPLE_LINK_VARIABLES, ...sampleData });
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
      const row = await insertTemplate(db, { key: input.key, channel: input.channel, locale, content: input.content });
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
      const row = await updateTemplateContent(db, templateId, input.content);
      if (!row) throw notFound('template');
      forget(row.template_key);
      changed?.(row.template_key);
      return toRow(row);
    },

    async remove(templateId: string): Promise<void> {
      const key = await deleteTemplate(db, templateId);
      if (key === undefined) throw notFound('template');
      forget(key);
      changed?.(key);
    },

    async get(templateId: string): Promise<TemplateRow> {
      const row = await findTemplate(db, templateId);
      if (!row) throw notFound('template');
      return toRow(row);
    },

    async list(filter: { key?: string; channel?: string }): Promise<TemplateRow[]> {
      return (await listTemplates(db, filter)).map(toRow);
    },

    /** The template for a key and channel in the best available locale, or null. */
    async find(key: string, channel: Channel, locale: string | undefined): Promise<TemplateRow | null> {
      const chain = localeChain(locale, defaultLocale);
      const cacheKey = `${key}\n${channel}\n${chain.join(',')}`;
      const cached = lookupCache.get(cacheKey);
      if (cached !== undefined) return cached;
      const rows = await findTemplatesInLocales(db, key, channel, chain);
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
