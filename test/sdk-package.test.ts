import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdk, sdkDir } from '../scripts/build-sdk.ts';
import { backends } from './support/backends.ts';
import { orderConversation, sendMessage, startParley, type TestParley } from './support/parley.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const wsModule = pathToFileURL(require.resolve('ws')).href;

/** A marketplace's own frontend project: it installs the packed tarball and compiles against it. */
const consumer = {
  'package.json': JSON.stringify({ name: 'shop-frontend', private: true, type: 'module' }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      strict: true,
      types: [],
      outDir: 'out',
    },
    include: ['src'],
  }),
  // What the frontend does with the package: typed calls, typed answers, a live event.
  'src/chat.ts': `
import { ParleyApiError, ParleyClient, type Message, type MessagePage, type WebSocketConstructor } from '@parley/sdk';
import type { paths } from '@parley/sdk/api-types';

type Templates = paths['/templates']['get']['responses'][200]['content']['application/json'];

export async function chat(baseUrl: string, token: string, conversationId: string, WebSocket: WebSocketConstructor) {
  const client = new ParleyClient({ baseUrl, token, WebSocket });
  const live = new Promise<Message>((resolve) => client.on('message.created', ({ message }) => message.content === 'Reply from the seller' && resolve(message)));
  await client.connect();
  const sent: Message = await client.sendMessage(conversationId, { content: 'Sent through the package' });
  const page: MessagePage = await client.listMessages(conversationId);
  let refused = '';
  try {
    await client.getConversation('00000000-0000-4000-8000-000000000000');
  } catch (error) {
    if (error instanceof ParleyApiError) refused = error.code;
  }
  const templates: Templates | null = null;
  return { client, live, sent: { seq: sent.seq, senderId: sent.senderId }, listed: page.messages.map((m) => m.content), refused, templates, user: client.user.userId };
}
`,
  // The types are the API's, not any: each of these must be refused by the compiler.
  'src/refused.ts': `
import { ParleyClient, type Message } from '@parley/sdk';
import type { ParleyBellElement } from '@parley/sdk/elements';

export function refused(client: ParleyClient, message: Message) {
  // @ts-expect-error seq is a number
  const seq: string = message.seq;
  // @ts-expect-error content is text
  void client.sendMessage('c', { content: 42 });
  // @ts-expect-error there is no such message type
  void client.sendMessage('c', { messageType: 'telegram' });
  const bell = document.querySelector('parley-bell');
  const typed: ParleyBellElement | null = bell;
  // @ts-expect-error the element's client is a ParleyClient
  if (typed) typed.client = 'token';
  return seq;
}
`,
  'run.mjs': `
import WebSocket from ${JSON.stringify(wsModule)};
import { chat } from './out/chat.js';
const [baseUrl, token, conversationId] = process.argv.slice(2);
const result = await chat(baseUrl, token, conversationId, WebSocket);
process.stdout.write(JSON.stringify({ ...result, client: undefined, live: undefined }) + '\\n');
const reply = await result.live;
process.stdout.write(JSON.stringify({ live: reply.content }) + '\\n');
result.client.close();
`,
};

/**
 * The SDK as a marketplace gets it: built and packed (`npm pack`), installed from the tarball
 * into a project of its own, compiled there with tsc against the package's types, and run
 * against a running Parley.
 */
describe('the @parley/sdk package', () => {
  let parley: TestParley;
  let work: string;
  let tarball: string;
  let project: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'parley-sdk-package-'));
    const stage = join(work, 'package');
    mkdirSync(stage);
    copyFileSync(join(sdkDir, 'package.json'), join(stage, 'package.json'));
    copyFileSync(join(sdkDir, 'README.md'), join(stage, 'README.md'));
    [parley] = await Promise.all([startParley(backends[0]!), buildSdk(join(stage, 'dist'))]);
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: stage });
    tarball = join(work, JSON.parse(packed.stdout)[0].filename);
    project = join(work, 'shop');
    for (const [file, text] of Object.entries(consumer)) {
      mkdirSync(join(project, file, '..'), { recursive: true });
      writeFileSync(join(project, file), text);
    }
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: project });
  }, 120_000);
  afterAll(async () => {
    await parley?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the built client, the elements and their types, and nothing of the server', async () => {
    const listing = await run('tar', ['-tzf', tarball]);
    const files = listing.stdout.trim().split('\n').map((f) => f.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/api-types.d.ts', 'dist/elements/index.js', 'dist/elements/index.d.ts']));
    expect(files.filter((f) => !/^dist\/.+\.(js|d\.ts)$/.test(f) && f !== 'package.json' && f !== 'README.md')).toEqual([]);
    const installed = join(project, 'node_modules/@parley/sdk/dist');
    const scripts = readdirSync(installed, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    for (const file of scripts) {
      const text = readFileSync(join(installed, file), 'utf8');
      // Nothing to install beside it: every import is one of the package's own files.
      const imports = [
        ...text.matchAll(/(?:^|[;\s}])(?:import|export)\b[^'";]*?\bfrom\s*["']([^"']+)["']/g),
        ...text.matchAll(/\bimport\s*\(?\s*["']([^"']+)["']/g),
      ].map((m) => m[1]!);
      expect(imports.length > 0 || !file.endsWith('index.js'), `${file} imports nothing`).toBe(true);
      expect(imports.filter((i) => !i.startsWith('./') && !i.startsWith('../')), file).toEqual([]);
      expect(text, file).not.toMatch(/fastify|kysely|pglite|node:/);
    }
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/@parley/sdk/package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('compiles in a project of its own and talks to a running Parley', async () => {
    const compiled = await run(process.execPath, [tsc, '-p', project]).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`tsc refused the project:\n${error.stdout}${error.stderr}`);
    });
    expect(compiled.stdout).toBe('');

    const { conversationId } = await orderConversation(parley, 'buyer-pkg', 'seller-pkg');
    const token = await parley.token('buyer-pkg', 'buyer');
    const child = execFile(process.execPath, [join(project, 'run.mjs'), parley.url, token, conversationId], { cwd: project });
    const lines: unknown[] = [];
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const firstLine = new Promise<void>((resolve) => {
      let buffer = '';
      child.stdout!.on('data', (d) => {
        buffer += d;
        for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
          lines.push(JSON.parse(buffer.slice(0, at)));
          buffer = buffer.slice(at + 1);
          resolve();
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await Promise.race([firstLine, exited]);
    expect(lines[0], stderr).toEqual({
      sent: { seq: 1, senderId: 'buyer-pkg' },
      listed: ['Sent through the package'],
      refused: 'conversation_not_found',
      templates: null,
      user: 'buyer-pkg',
    });
    // The message is Parley's, and the program hears the seller's reply live.
    const stored = await parley.request('GET', `/conversations/${conversationId}/messages`, { as: 'seller-pkg', role: 'seller' });
    expect(stored.body.messages.map((m: { content: string }) => m.content)).toEqual(['Sent through the package']);
    expect((await sendMessage(parley, conversationId, 'Reply from the seller', { as: 'seller-pkg', role: 'seller' })).status).toBe(201);
    expect(await exited, stderr).toBe(0);
    expect(lines[1]).toEqual({ live: 'Reply from the seller' });
  });
});
