import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { ParleyClient, ParleyEvent } from '../../sdk/index.ts';

const ClientContext = createContext<ParleyClient | null>(null);

export function ClientProvider({ client, children }: { client: ParleyClient; children: ComponentChildren }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The signed-in user's Parley client. */
export function useClient(): ParleyClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside a signed-in view');
  return client;
}

/** Calls the handler for each live event of this type while the component is shown. */
export function useEvent(type: string, handler: (event: ParleyEvent) => void): void {
  const client = useClient();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => client.on(type, (event) => latest.current(event)), [client, type]);
}

export interface Async<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
  set: (data: T) => void;
}

/** Runs a load when its inputs change; a newer load wins over an older one still running. */
export function useAsync<T>(load: () => Promise<T>, inputs: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === generation.current && setState({ data, loading: false }),
      (error: Error) => mine === generation.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, inputs);
  useEffect(run, [run]);
  return { data: state.data, error: state.error, loading: state.loading, reload: run, set: (data: T) => setState({ data, loading: false }) };
}
