import { type Static, Type } from '@sinclair/typebox';
import { Liquid, type Template } from 'liquidjs';
import { invalid } from '../../errors.ts';
import type { Rendered } from '../model.ts';

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

/** What template authors see in place of the two recipient links while a template is checked or previewed. */
export const SAMPLE_LINK_VARIABLES = {
  unsubscribe_url: 'https://parley.example/u/sample-token',
  preferences_url: 'https://parley.example/preferences/page/sample-token',
};

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
