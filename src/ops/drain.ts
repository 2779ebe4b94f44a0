import type { Logger } from 'pino';
import type { WebSocket } from 'ws';

/** WebSocket close code 1012 "service restart": the client should reconnect (to this or another node). */
export const SERVICE_RESTART = 1012;

export interface DrainOptions {
  /** The Fastify app: closing it stops accepting and waits for requests and its onClose hooks. */
  app: { close(): PromiseLike<unknown>; websocketServer?: { clients: Set<WebSocket> } };
  /** Closed after the app: deliveries and writes finishing during the drain still need it. */
  closeDatabase: () => Promise<void>;
  logger: Logger;
  /** PARLEY_SHUTDOWN_SECONDS: the process exits by then whatever is left. */
  shutdownSeconds: number;
  exit?: (code: number) => void;
}

/**
 * Ends the process gently on SIGTERM or SIGINT, from whichever parent sent it (a terminal, npm,
 * a container runtime, systemd): stops accepting connections, tells every socket to reconnect
 * (close code 1012), lets requests in flight and the dispatcher's deliveries finish, closes the
 * database, and exits 0 — or exits 70 once PARLEY_SHUTDOWN_SECONDS have passed. A second signal
 * while draining changes nothing: Ctrl-C under `npm start` reaches the process twice (from the
 * terminal and forwarded by npm).
 */
export function drainOnSignals(options: DrainOptions): { drain: (reason: string) => Promise<void> } {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const { app, logger } = options;
  let draining: Promise<void> | undefined;

  const drain = (reason: string): Promise<void> => {
    if (draining) {
      logger.info({ signal: reason }, 'already draining');
      return draining;
    }
    const started = Date.now();
    const budgetMs = options.shutdownSeconds * 1000;
    const sockets = app.websocketServer?.clients ?? new Set<WebSocket>();
    logger.info({ signal: reason, sockets: sockets.size, shutdownSeconds: options.shutdownSeconds }, `${reason}: draining — no new connections; finishing requests and deliveries in flight; sockets told to reconnect (1012)`);

    // A socket whose client never answers the close handshake is cut just before the deadline.
    const cut = setTimeout(() => {
      for (const socket of sockets) socket.terminate();
    }, Math.max(budgetMs - 1000, budgetMs / 2));
    const overdue = setTimeout(() => {
      logger.error({ shutdownSeconds: options.shutdownSeconds }, `drain not finished after PARLEY_SHUTDOWN_SECONDS=${options.shutdownSeconds}; exiting with work unfinished (leased deliveries are taken over when their lease expires)`);
      exit(70);
    }, budgetMs);

    for (const socket of sockets) socket.close(SERVICE_RESTART, 'service restart');
    // (Keep-alive connections that go idle while closing are closed by the app itself: see app.ts.)
    draining = (async () => {
      try {
        await app.close();
        await options.closeDatabase();
      } catch (error) {
        clearTimeout(cut);
        clearTimeout(overdue);
        logger.error({ err: error }, 'drain failed');
        exit(1);
        return;
      }
      clearTimeout(cut);
      clearTimeout(overdue);
      logger.info({ ms: Date.now() - started }, 'drained; exiting');
      exit(0);
    })();
    return draining;
  };

  process.on('SIGTERM', () => void drain('SIGTERM'));
  process.on('SIGINT', () => void drain('SIGINT'));
  return { drain };
}
