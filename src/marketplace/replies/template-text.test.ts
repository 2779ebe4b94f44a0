import { describe, expect, it } from 'vitest';
import { ParleyError } from '../../errors.ts';
import { normaliseShortcut, parseTemplate, renderTemplate, TEMPLATE_VARIABLES } from './template-text.ts';

/** The ParleyError `run` throws. */
function refusal(run: () => unknown): ParleyError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParleyError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseTemplate', () => {
  it('lists each variable once, in order of first use, with or without spaces inside the braces', () => {
    expect(parseTemplate('Hi {{buyer_name}}, order {{ order_id }} ships with {{carrier}}. Thanks, {{buyer_name}}')).toEqual(['buyer_name', 'order_id', 'carrier']);
  });

  it('finds no variables in plain text, single braces included', () => {
    expect(parseTemplate('Use the code {SPRING} at checkout.')).toEqual([]);
  });

  it('refuses an unknown variable, naming it and the allowed ones', () => {
    const error = refusal(() => parseTemplate('Your parcel {{ parcel_number }} is on its way'));
    expect(error.status).toBe(400);
    expect(error.code).toBe('unknown_variable');
    expect(error.message).toContain('{{parcel_number}}');
    for (const name of TEMPLATE_VARIABLES) expect(error.message).toContain(`{{${name}}}`);
    expect(error.details).toEqual({ variable: 'parcel_number', allowed: [...TEMPLATE_VARIABLES] });
  });

  it.each([
    ['an opening without a closing', 'Hello {{buyer_name'],
    ['a closing without an opening', 'Hello buyer_name}} and {{seller_name}}'],
    ['an empty variable', 'Hello {{ }}'],
    ['nested braces', 'Hello {{{buyer_name}}}'],
  ])('refuses %s as malformed', (_what, content) => {
    const error = refusal(() => parseTemplate(content));
    expect(error.code).toBe('malformed_variable');
    expect(error.message).toMatch(/\{\{name\}\}\.$/);
  });
});

describe('renderTemplate', () => {
  it('fills the known values and leaves the missing ones as written', () => {
    const rendered = renderTemplate('Hi {{buyer_name}}, tracking: {{ tracking_number }} ({{carrier}}).', { buyer_name: 'Ana', carrier: 'DHL' });
    expect(rendered).toEqual({ content: 'Hi Ana, tracking: {{ tracking_number }} (DHL).', missingVariables: ['tracking_number'] });
  });

  it('inserts values as text, never as more variables', () => {
    expect(renderTemplate('Hi {{buyer_name}}', { buyer_name: '{{seller_name}}', seller_name: 'Bo' }).content).toBe('Hi {{seller_name}}');
  });

  it('counts an empty value as missing', () => {
    expect(renderTemplate('{{order_id}}', { order_id: '' })).toEqual({ content: '{{order_id}}', missingVariables: ['order_id'] });
  });
});

describe('normaliseShortcut', () => {
  it.each([
    ['alt+1', 'Alt+1'],
    ['Ctrl + Shift + t', 'Ctrl+Shift+T'],
    ['shift+ctrl+t', 'Ctrl+Shift+T'],
    ['META+alt+k', 'Alt+Meta+K'],
    ['cmd+9', 'Meta+9'],
    ['f5', 'F5'],
    ['Shift+F12', 'Shift+F12'],
  ])('writes %s as %s', (input, canonical) => {
    expect(normaliseShortcut(input)).toBe(canonical);
  });

  it.each([
    ['a letter alone', 't'],
    ['Shift and a letter', 'Shift+T'],
    ['no key', 'Ctrl+Alt'],
    ['two keys', 'Ctrl+A+B'],
    ['an unknown key', 'Ctrl+Enter'],
    ['F13', 'Ctrl+F13'],
    ['an empty part', 'Ctrl++1'],
    ['a repeated modifier', 'Ctrl+ctrl+1'],
  ])('refuses %s with a sentence that shows the way', (_what, input) => {
    const error = refusal(() => normaliseShortcut(input));
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_shortcut');
    expect(error.message).toContain(`"${input}"`);
    expect(error.message).toContain('"Ctrl+1"');
  });
});
