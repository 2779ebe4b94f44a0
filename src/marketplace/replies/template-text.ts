import { invalid } from '../../errors.ts';

/** The values a seller's template may use, written `{{name}}` (spaces inside the braces allowed). */
export const TEMPLATE_VARIABLES = [
  'buyer_name',
  'seller_name',
  'order_id',
  'order_status',
  'order_total',
  'tracking_number',
  'carrier',
  'tracking_url',
  'product_title',
  'product_id',
  'listing_id',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const isTemplateVariable = (name: string): name is TemplateVariable => (TEMPLATE_VARIABLES as readonly string[]).includes(name);

/** What a template became for one conversation; variables without a value are left as written. */
export interface RenderedTemplate {
  content: string;
  missingVariables: TemplateVariable[];
}

/**
 * The variables `content` uses, each once, in order of first use. Refuses a variable that is
 * not one of TEMPLATE_VARIABLES (400 `unknown_variable`) and braces that do not pair up
 * (400 `malformed_variable`). Single braces are plain text.
 */
export function parseTemplate(content: string): TemplateVariable[] {
  const used: TemplateVariable[] = [];
  let at = 0;
  for (;;) {
    const open = content.indexOf('{{', at);
    const close = content.indexOf('}}', at);
    if (open < 0 && close < 0) return used;
    if (open < 0 || (close >= 0 && close < open)) throw malformed(content, close, 'closes with "}}" without an opening "{{"');
    const end = content.indexOf('}}', open + 2);
    if (end < 0) throw malformed(content, open, 'opens with "{{" but never closes with "}}"');
    const name = content.slice(open + 2, end).trim();
    if (name === '' || /[{}]/.test(name)) throw malformed(content, open, 'has a variable with no name or with stray braces');
    if (!isTemplateVariable(name)) {
      throw invalid('unknown_variable', `The template uses the unknown variable "{{${name}}}"; use one of ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}.`, {
        variable: name,
        allowed: [...TEMPLATE_VARIABLES],
      });
    }
    if (!used.includes(name)) used.push(name);
    at = end + 2;
  }
}

function malformed(content: string, position: number, problem: string) {
  const excerpt = content.slice(Math.max(0, position - 10), position + 20);
  return invalid('malformed_variable', `The template ${problem} near "${excerpt}"; write variables as {{name}}.`, { position });
}

/**
 * Fills each `{{variable}}` that has a value in `values`; the others stay as written and are
 * listed in `missingVariables`. Values are inserted as they are, never read as variables.
 */
export function renderTemplate(content: string, values: Readonly<Record<string, string>>): RenderedTemplate {
  const missing = new Set<TemplateVariable>();
  const rendered = content.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => {
    if (!isTemplateVariable(name)) return whole;
    const value = values[name];
    if (value) return value;
    missing.add(name);
    return whole;
  });
  return { content: rendered, missingVariables: [...missing] };
}

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
type Modifier = (typeof MODIFIERS)[number];

const modifierNames: Record<string, Modifier> = {
  ctrl: 'Ctrl',
  control: 'Ctrl',
  alt: 'Alt',
  option: 'Alt',
  shift: 'Shift',
  meta: 'Meta',
  cmd: 'Meta',
  command: 'Meta',
};

const shortcutHint = 'join modifiers (Ctrl, Alt, Shift, Meta) and one key (A–Z, 0–9 or F1–F12) with "+", such as "Ctrl+1" or "Alt+Shift+T"';

/**
 * A keyboard shortcut in its one canonical spelling: modifiers in the order Ctrl, Alt, Shift,
 * Meta, then the key in capitals ("ctrl + shift + t" becomes "Ctrl+Shift+T"). A letter or
 * digit needs a modifier other than Shift, so typing text never fires it; F1–F12 may stand
 * alone. Anything else is refused with 400 `invalid_shortcut`.
 */
export function normaliseShortcut(input: string): string {
  const parts = input.split('+').map((p) => p.trim());
  const refuse = (problem: string) => invalid('invalid_shortcut', `The shortcut "${input}" ${problem}; ${shortcutHint}.`, { shortcut: input });
  if (parts.some((p) => p === '')) throw refuse('has an empty part');
  const modifiers = new Set<Modifier>();
  const keys: string[] = [];
  for (const part of parts) {
    const modifier = modifierNames[part.toLowerCase()];
    if (!modifier) keys.push(part.toUpperCase());
    else if (modifiers.has(modifier)) throw refuse(`repeats ${modifier}`);
    else modifiers.add(modifier);
  }
  if (keys.length !== 1) throw refuse(keys.length === 0 ? 'has no key' : 'has more than one key');
  const key = keys[0]!;
  const functionKey = /^F([1-9]|1[0-2])$/.test(key);
  if (!functionKey && !/^[A-Z0-9]$/.test(key)) throw refuse(`uses the key "${key}", which is not a letter, a digit or F1–F12`);
  if (!functionKey && ![...modifiers].some((m) => m !== 'Shift')) throw refuse('needs Ctrl, Alt or Meta, or it would fire while typing');
  return [...MODIFIERS.filter((m) => modifiers.has(m)), key].join('+');
}
