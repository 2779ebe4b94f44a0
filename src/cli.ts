import { randomBytes } from 'node:crypto';
import { type UserRole, userRoles } from './auth/principal.ts';
import { ConfigError } from './env.ts';
import { EXIT, redactedUrl } from './startup.ts';

/**
 * `parley`, the operator's command: start and migrate run the server's own entry points; the
 * others read the same environment as the server. Exit codes: 0 done, 1 a check failed or the
 * server refused, 64 wrong usage, 69 not available, 75 Parley not reachable, 78 bad
 * configuration.
 */
const USAGE = 64;

const commands: Record<string, { usage: string; help: string; run: (args: string[]) => Promise<number> }> = {
  start: {
    usage: 'parley start [--roles api,worker] [--demo]',
    help: 'Runs Parley (the compiled server) in this process; --roles sets PARLEY_ROLES. SIGTERM or SIGINT drain it.',
    async run(args) {
      const roles = option(args, '--roles');
      if (roles !== undefined) process.env.PARLEY_ROLES = roles;
      await import('./main.ts');
      return -1; // the server runs on; it exits by itself
    },
  },
  migrate: {
    usage: 'parley migrate',
    help: 'Applies pending migrations to the database of DATABASE_URL (or the embedded one) and exits: 0 when the schema is current, 75 when the database stayed unreachable.',
    async run() {
      await import('./migrate.ts');
      return -1; // migrate exits with its own code
    },
  },
  keys: {
    usage: 'parley keys create [api|jwt|encryption]',
    help: 'Prints a new random secret: an API key for PARLEY_API_KEYS (the default), a secret for PARLEY_JWT_SECRET, or a key for PARLEY_ENCRYPTION_KEY.',
    async run(args) {
      const [action, kind = 'api'] = args;
      if (action !== 'create') return usage('keys', 'say "parley keys create"');
      if (kind === 'api') out(randomBytes(24).toString('base64url'));
      else if (kind === 'jwt') out(randomBytes(32).toString('base64url'));
      else if (kind === 'encryption') out(`k${Math.floor(Date.now() / 1000)}:${randomBytes(32).toString('base64')}`);
      else return usage('keys', `unknown kind "${kind}": api, jwt or encryption`);
      return 0;
    },
  },
  token: {
    usage: 'parley token <user> <role> [--expires 1h]',
    help: `Prints a JWT for a user, signed with PARLEY_JWT_SECRET; role is one of ${userRoles.join(', ')}.`,
    async run(args) {
      const [user, role] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--expires');
      if (!user || !role) return usage('token', 'give a user id and a role');
      if (!userRoles.includes(role as UserRole)) return usage('token', `role must be one of ${userRoles.join(', ')}`);
      const secret = process.env.PARLEY_JWT_SECRET;
      if (!secret || Buffer.byteLength(secret) < 32) return fail('PARLEY_JWT_SECRET: set it (32 bytes or more) to the secret Parley verifies tokens with', EXIT.config);
      const { SignJWT } = await import('jose');
      const token = await new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject(user).setIssuedAt().setExpirationTime(option(args, '--expires') ?? '1h').sign(new TextEncoder().encode(secret));
      out(token);
      return 0;
    },
  },
  'dead-letters': {
    usage: 'parley dead-letters list [--channel email] | parley dead-letters replay <logId>... | --all',
    help: 'Lists or replays dead-lettered deliveries through a running Parley at PARLEY_URL (default http://127.0.0.1:$PORT) with the first of PARLEY_API_KEYS.',
    async run(args) {
      const [action, ...rest] = args;
      if (action === 'list') {
        const channel = option(rest, '--channel');
        const answer = await api('GET', `/notifications/dead-letters?limit=500${channel ? `&channel=${encodeURIComponent(channel)}` : ''}`);
        if (typeof answer === 'number') return answer;
        for (const d of answer.deadLetters as Record<string, unknown>[]) out(`${d.logId}\t${d.channel}\t${d.userId}\t${d.notificationType}\t${d.createdAt}\t${d.errorMessage ?? ''}`);
        return 0;
      }
      if (action === 'replay') {
        let logIds = rest.filter((a) => !a.startsWith('--'));
        if (rest.includes('--all')) {
          const answer = await api('GET', '/notifications/dead-letters?limit=500');
          if (typeof answer === 'number') return answer;
          logIds = (answer.deadLetters as { logId: string }[]).map((d) => d.logId);
          if (!logIds.length) return out('no dead letters'), 0;
        }
        if (!logIds.length) return usage('dead-letters', 'give the log ids to replay, or --all');
        const answer = await api('POST', '/notifications/dead-letters/replay', { logIds });
        if (typeof answer === 'number') return answer;
        out(JSON.stringify(answer));
        return 0;
      }
      return usage('dead-letters', 'say list or replay');
    },
  },
  'export-user': {
    usage: 'parley export-user <id> [--out file]',
    help: 'Writes everything Parley holds about a user (conversations with their messages decrypted, notifications, preferences, devices with tokens masked, orders; format parley-export/1) as JSON to stdout or to --out, from a running Parley at PARLEY_URL with the first of PARLEY_API_KEYS. The file appears only once the whole document arrived.',
    async run(args) {
      const outFile = option(args, '--out');
      const [userId] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
      if (!userId) return usage('export-user', 'give a user id');
      if (args.includes('--out') && !outFile) return usage('export-user', 'give --out a file name');
      const response = await request('GET', `/users/${encodeURIComponent(userId)}/export`);
      if (typeof response === 'number') return response;
      if (!response.ok) return refused(response);
      const { Readable } = await import('node:stream');
      const { pipeline } = await import('node:stream/promises');
      const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      if (!outFile) {
        try {
          await pipeline(body, process.stdout, { end: false });
        } catch (error) {
          return fail(`export-user: the export stopped part-way (${(error as Error).message}); what was written is incomplete`, 1);
        }
        return 0;
      }
      const { createWriteStream } = await import('node:fs');
      const { rename, rm } = await import('node:fs/promises');
      const partial = `${outFile}.partial`;
      try {
        await pipeline(body, createWriteStream(partial, { mode: 0o600 }));
        await rename(partial, outFile);
      } catch (error) {
        await rm(partial, { force: true });
        return fail(`export-user: ${outFile} not written: ${(error as Error).message}`, 1);
      }
      process.stderr.write(`parley: wrote the export of ${userId} to ${outFile}\n`);
      return 0;
    },
  },
  'verify-evidence': {
    usage: 'parley verify-evidence <archive.tar> [--key keys.json|key.pem]',
    help: "Checks a dispute evidence archive: manifest.sig must be the Ed25519 signature of manifest.json by a published key, and every file must be in the archive exactly as the manifest lists it. The keys come from --key (the JSON of /.well-known/parley-evidence-key, or one PEM public key) or from the Parley at PARLEY_URL. Exit 0 when valid, 1 when not.",
    async run(args) {
      const keyFile = option(args, '--key');
      const [archive] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--key');
      if (!archive) return usage('verify-evidence', 'give the archive file');
      if (args.includes('--key') && !keyFile) return usage('verify-evidence', 'give --key a file name');
      const { verifyEvidenceArchive } = await import('./marketplace/disputes/evidence/evidence-archive.ts');
      const { keyIdOf } = await import('./marketplace/disputes/evidence/evidence-signing.ts');
      const { createPublicKey } = await import('node:crypto');
      let keys: { keyId: string; publicKeyPem: string }[];
      try {
        let text: string;
        if (keyFile) text = (await import('node:fs')).readFileSync(keyFile, 'utf8');
        else {
          const base = process.env.PARLEY_URL || `http://127.0.0.1:${process.env.PORT || 3000}`;
          const response = await fetch(`${base}/.well-known/parley-evidence-key`).catch((error: Error) => error);
          if (response instanceof Error) return fail(`PARLEY_URL: no Parley answers at ${base}; give the public key with --key instead`, EXIT.tempfail);
          if (!response.ok) return refused(response);
          text = await response.text();
        }
        keys = text.trimStart().startsWith('-----BEGIN')
          ? [{ keyId: keyIdOf(createPublicKey(text)), publicKeyPem: text }]
          : (JSON.parse(text) as { keys: { keyId: string; publicKeyPem: string }[] }).keys;
        if (!Array.isArray(keys)) throw new Error('no "keys" list');
      } catch (error) {
        return fail(`verify-evidence: the public key cannot be read (${(error as Error).message}); use the JSON of /.well-known/parley-evidence-key or a PEM public key`, USAGE);
      }
      const result = await verifyEvidenceArchive(archive, keys);
      if (!result.valid) {
        for (const problem of result.problems) process.stderr.write(`parley: ${problem}\n`);
        return fail(`${archive} is NOT valid evidence`, 1);
      }
      const m = result.manifest!;
      out(`${archive}: valid. Dispute ${m.disputeId}, exported ${m.exportedAt} by ${m.exportedBy}; ${m.files.length} files, signed with key ${m.signature.keyId}.`);
      return 0;
    },
  },
  doctor: {
    usage: 'parley doctor',
    help: 'Checks the configuration, the database (reachable, migrations applied, clock skew against this machine), Redis, and that each configured provider\'s host answers (TCP, and TLS with a valid certificate for https; nothing is sent). Exit 0 when all is well, 1 when a check failed, 78 for bad configuration.',
    async run() {
      // Loaded here, not for every command: --help and keys stay quick.
      const { loadConfig } = await import('./config.ts');
      const { openDatabase, pendingMigrations } = await import('./db/connect.ts');
      const { createLogger } = await import('./logger.ts');
      const { connectRedis } = await import('./redis.ts');
      const { sql } = await import('kysely');
      let config;
      try {
        config = loadConfig(process.env, []);
      } catch (error) {
        if (error instanceof ConfigError) return fail(`configuration error: ${error.message}`, EXIT.config);
        throw error;
      }
      out(`ok    configuration (roles: ${Object.entries(config.notifications.roles).filter(([, on]) => on).map(([r]) => r).join(', ')})`);
      let failed = false;
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1, connectionWaitMs: 5_000 });
      const where = config.databaseUrl ? redactedUrl(config.databaseUrl) : `embedded database in ${config.dataDir}`;
      try {
        const { rows } = await sql<{ now: Date }>`SELECT now() AS now`.execute(database.db);
        const skewMs = Math.abs(new Date(rows[0]!.now).getTime() - Date.now());
        out(`ok    database ${where}`);
        if (skewMs > 2_000) {
          failed = true;
          out(`FAIL  clock skew: this machine and the database differ by ${(skewMs / 1000).toFixed(1)} s; run NTP on both (scheduling and leases depend on it)`);
        } else out(`ok    clock skew ${skewMs} ms against the database`);
        // A database never migrated has no record of migrations at all.
        const pending = await pendingMigrations(database.db).catch((error: { code?: string }) => (error.code === '42P01' ? ['all'] : Promise.reject(error)));
        if (pending.length) out(`warn  migrations pending: ${pending.join(', ')} (parley migrate)`);
        else out('ok    migrations applied');
      } catch (error) {
        failed = true;
        out(`FAIL  database ${where}: ${(error as { code?: string }).code ?? (error as Error).message}`);
      } finally {
        await database.close().catch(() => {});
      }
      if (config.redisUrl) {
        const redis = connectRedis({ url: config.redisUrl, role: 'commands', timeoutMs: 2_000, log: createLogger('silent') });
        const pong = await Promise.race([redis.ping().catch((e: Error) => e.message), new Promise<string>((r) => setTimeout(() => r('no answer within 3 s'), 3_000).unref())]);
        redis.disconnect();
        if (pong === 'PONG') out('ok    redis');
        else {
          failed = true;
          out(`FAIL  redis: ${pong}`);
        }
      } else out('ok    redis not configured (one process: fan-out and limits in-process)');
      // Each configured provider's host: reachable, and for TLS a valid certificate; nothing is sent.
      const { createProviders } = await import('./notifications/providers/registry.ts');
      const { probeEndpoint } = await import('./notifications/providers/reachability.ts');
      const configured = Object.entries(config.notifications.providers).filter(([, list]) => list?.length);
      if (!configured.length) out('info  providers none configured (in-app only)');
      const lists = createProviders(config.notifications.providers, createLogger('silent'));
      for (const [channel] of configured) {
        for (const provider of lists[channel as keyof typeof lists]) {
          if (!provider.endpoint) {
            out(`info  provider ${channel} ${provider.name} (${provider.type}): ${provider.type === 'webpush' ? 'each subscription names its push service; not checked' : 'nothing to reach'}`);
            continue;
          }
          const probe = await probeEndpoint(provider.endpoint);
          if (!probe.ok) failed = true;
          out(`${probe.ok ? 'ok   ' : 'FAIL '} provider ${channel} ${provider.name} (${provider.type}): ${probe.detail}`);
        }
      }
      await Promise.all(Object.values(lists).flat().map((p) => p.close?.().catch(() => {})));
      return failed ? 1 : 0;
    },
  },
};

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string, code: number): number {
  process.stderr.write(`parley: ${message}\n`);
  return code;
}

function usage(command: string, problem: string): number {
  return fail(`${problem}\nusage: ${commands[command]!.usage}`, USAGE);
}

/** A request to the running Parley as the operator: its response, or the exit code to end with. */
async function request(method: string, path: string, body?: unknown): Promise<Response | number> {
  const base = process.env.PARLEY_URL || `http://127.0.0.1:${process.env.PORT || 3000}`;
  const key = (process.env.PARLEY_API_KEYS ?? '').split(',')[0]?.trim();
  if (!key) return fail('PARLEY_API_KEYS: set it to an API key of the Parley at PARLEY_URL', EXIT.config);
  try {
    return await fetch(base + path, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  } catch (error) {
    return fail(`PARLEY_URL: no Parley answers at ${base} (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`, EXIT.tempfail);
  }
}

/** A refusal from Parley: its status and sentence, exit 1. */
async function refused(response: Response): Promise<number> {
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return fail(`Parley answered ${response.status}: ${(answer.error as { message?: string })?.message ?? ''}`, 1);
}

/** A request to the running Parley as the operator: the JSON answer, or the exit code to end with. */
async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown> | number> {
  const response = await request(method, path, body);
  if (typeof response === 'number') return response;
  if (!response.ok) return refused(response);
  return (await response.json().catch(() => ({}))) as Record<string, unknown>;
}

function help(): void {
  out('parley <command> [--help]\n');
  for (const [name, c] of Object.entries(commands)) out(`  ${c.usage}\n      ${c.help}`);
}

export async function cli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === 'help' || name === '-h') {
    help();
    return name ? 0 : USAGE;
  }
  const command = commands[name];
  if (!command) return fail(`unknown command "${name}"; see parley --help`, USAGE);
  if (args.includes('--help') || args.includes('-h')) {
    out(`${command.usage}\n\n${command.help}`);
    return 0;
  }
  return command.run(args);
}

cli(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`parley: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
