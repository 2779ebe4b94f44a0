import { describe, expect, it } from 'vitest';
import { ParleyError } from '../../errors.ts';
import { TemplateError, localeChain, renderParsed, validateTemplate } from './template-rendering.ts';

describe('templates', () => {
  it('renders strictly: a missing variable or an inherited property is an error, not a blank', async () => {
    const parsed = validateTemplate('sms', { text: 'Hi {{ name }}, {{ order.id }}' });
    expect(await renderParsed(parsed, { name: 'Ada', order: { id: 'A-1' } })).toEqual({ text: 'Hi Ada, A-1' });
    await expect(renderParsed(parsed, { name: 'Ada' })).rejects.toBeInstanceOf(TemplateError);
    const proto = validateTemplate('sms', { text: '{{ order.constructor }}' });
    await expect(renderParsed(proto, { order: {} })).rejects.toThrow(/undefined variable/);
  });

  it('stops a template that would run away', async () => {
    const loop = validateTemplate('sms', { text: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' });
    await expect(renderParsed(loop, {})).rejects.toBeInstanceOf(TemplateError);
    const huge = validateTemplate('sms', { text: '{{ s | append: s | append: s | append: s }}' });
    await expect(renderParsed(huge, { s: 'x'.repeat(8 * 1024 * 1024) })).rejects.toBeInstanceOf(TemplateError);
  });

  it('refuses fields a channel does not take and content it needs', () => {
    expect(() => validateTemplate('sms', { text: 'x', subject: 'y' })).toThrow(ParleyError);
    expect(() => validateTemplate('email', { subject: 'x' })).toThrow(/needs "text" or "html"/);
    expect(() => validateTemplate('push', { title: 'x' })).toThrow(/needs "body"/);
  });

  it('turns actionUrl into an action', async () => {
    const parsed = validateTemplate('in-app', { title: 'T', body: 'B', actionUrl: 'https://shop.example/o/{{ id }}' });
    expect(await renderParsed(parsed, { id: 7 })).toEqual({ title: 'T', body: 'B', action: { type: 'custom', url: 'https://shop.example/o/7' } });
  });

  it('falls back from a regional locale to its language, then the default', () => {
    expect(localeChain('fr-CA', 'en')).toEqual(['fr-CA', 'fr', 'en']);
    expect(localeChain('en', 'en')).toEqual(['en']);
    expect(localeChain(undefined, 'de')).toEqual(['de']);
  });
});
