/**
 * One thread of the load generator (see generator.ts): opens the sockets of its pairs, runs
 * its share of the schedule when told, and answers what it measured.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Clients, type EndpointSpec, endpointFor, openClients, type RunOptions, runShare, type Share } from './load.ts';
import type { Pair } from './seed.ts';

export interface WorkerSetup {
  pairs: Pair[];
  endpoint: EndpointSpec;
}

export type Command = { type: 'open' } | { type: 'run'; options: RunOptions; share: Share } | { type: 'close' };

const { pairs, endpoint } = workerData as WorkerSetup;
let clients: Clients | undefined;

parentPort!.on('message', (command: Command) => {
  handle(command).then(
    (answer) => parentPort!.postMessage({ ok: true, answer }),
    (error: unknown) => parentPort!.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});

async function handle(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'open':
      clients = await openClients(pairs, endpointFor(endpoint));
      return clients.all.length;
    case 'run':
      if (!clients) throw new Error('run before open');
      return runShare(clients, command.options, command.share);
    case 'close':
      await clients?.close();
      clients = undefined;
      return null;
  }
}
