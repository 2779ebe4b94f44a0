import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * Renders deploy/helm/parley as `helm template` would, for the subset of Helm's template
 * language the chart uses: `{{ .Values.a.b }}`, `.Release.Name|Namespace|Revision`, `.Chart.*`,
 * the pipes `quote`, `toYaml`, `nindent N` and `indent N`, `{{ if [not] X }}…{{ else }}…{{ end }}`,
 * and whitespace trimming with `{{-` and `-}}`. Anything else throws, so the chart cannot drift
 * outside what this renders (and so what it checks) without the test saying so.
 */
export interface RenderContext {
  Values: Record<string, unknown>;
  Release: { Name: string; Namespace: string; Revision: number };
  Chart: Record<string, unknown>;
}

type Node = { text: string } | { expr: string } | { cond: string; then: Node[]; else: Node[] };

export function renderChart(chartDir: string, overrides: Record<string, unknown> = {}, release = { Name: 'shop', Namespace: 'default', Revision: 1 }): Map<string, string> {
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  const values = merge(parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) as Record<string, unknown>, overrides);
  const context: RenderContext = {
    Values: values,
    Release: release,
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
  };
  const out = new Map<string, string>();
  for (const file of readdirSync(join(chartDir, 'templates')).filter((f) => f.endsWith('.yaml')).sort()) {
    out.set(file, renderTemplate(readFileSync(join(chartDir, 'templates', file), 'utf8'), context, file));
  }
  return out;
}

export function renderTemplate(source: string, context: RenderContext, name = 'template'): string {
  // Split into text and actions, applying the trim markers to the neighbouring text.
  const parts: ({ text: string } | { action: string })[] = [];
  const pattern = /\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}/g;
  let last = 0;
  let trimNext = false;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    let text = source.slice(last, match.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (match[1] === '-') text = text.replace(/\s+$/, '');
    parts.push({ text });
    parts.push({ action: match[2]! });
    trimNext = match[3] === '-';
    last = pattern.lastIndex;
  }
  let tail = source.slice(last);
  if (trimNext) tail = tail.replace(/^\s+/, '');
  parts.push({ text: tail });

  // Nest the if/else/end blocks.
  const root: Node[] = [];
  const stack: { nodes: Node[]; node?: Extract<Node, { cond: string }>; inElse?: boolean }[] = [{ nodes: root }];
  for (const part of parts) {
    const top = stack[stack.length - 1]!;
    const into = top.node ? (top.inElse ? top.node.else : top.node.then) : top.nodes;
    if ('text' in part) {
      into.push(part);
      continue;
    }
    const action = part.action;
    if (action.startsWith('if ')) {
      const node = { cond: action.slice(3).trim(), then: [], else: [] };
      into.push(node);
      stack.push({ nodes: [], node });
    } else if (action === 'else') {
      if (!top.node || top.inElse) throw new Error(`${name}: else without if`);
      top.inElse = true;
    } else if (action === 'end') {
      if (!top.node) throw new Error(`${name}: end without if`);
      stack.pop();
    } else {
      into.push({ expr: action });
    }
  }
  if (stack.length !== 1) throw new Error(`${name}: an if is not ended`);
  return evaluate(root, context, name);
}

function evaluate(nodes: Node[], context: RenderContext, name: string): string {
  let out = '';
  for (const node of nodes) {
    if ('text' in node) out += node.text;
    else if ('expr' in node) out += String(pipeline(node.expr, context, name));
    else out += evaluate(truthy(condition(node.cond, context, name)) ? node.then : node.else, context, name);
  }
  return out;
}

function condition(cond: string, context: RenderContext, name: string): unknown {
  const negated = /^not\s+/.exec(cond);
  return negated ? !truthy(lookup(cond.slice(negated[0].length).trim(), context, name)) : lookup(cond, context, name);
}

function pipeline(expr: string, context: RenderContext, name: string): unknown {
  const [head, ...pipes] = expr.split('|').map((s) => s.trim());
  let value: unknown = lookup(head!, context, name);
  for (const pipe of pipes) {
    const [fn, arg] = pipe.split(/\s+/);
    if (fn === 'quote') value = JSON.stringify(String(value ?? ''));
    else if (fn === 'toYaml') value = stringify(value).replace(/\n$/, '');
    else if (fn === 'nindent') value = `\n${indent(String(value), Number(arg))}`;
    else if (fn === 'indent') value = indent(String(value), Number(arg));
    else throw new Error(`${name}: the pipe "${pipe}" is outside the subset this renders`);
  }
  return value;
}

function lookup(path: string, context: RenderContext, name: string): unknown {
  if (!/^\.(Values|Release|Chart)(\.[A-Za-z0-9_]+)*$/.test(path)) throw new Error(`${name}: "${path}" is outside the subset this renders`);
  let value: unknown = context;
  for (const key of path.slice(1).split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value ?? '';
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)
        ? merge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}
