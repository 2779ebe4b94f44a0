import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParleyClient } from '../../../sdk/index.ts';
import { useClient } from '../context.tsx';
import type { CampaignDetail } from './campaign-types.ts';
import { isLive } from './campaign-labels.ts';

/** How often a campaign that is still sending is read again: on its own page, and in the list. */
export const REFRESH_MS = { page: 3000, list: 10_000 };

export const campaignPath = (campaignId: string) => `/campaigns/${encodeURIComponent(campaignId)}`;

export function readCampaign(client: ParleyClient, campaignId: string): Promise<CampaignDetail> {
  return client.request<CampaignDetail>('GET', campaignPath(campaignId));
}

/**
 * A campaign with its progress and results, read again every few seconds while it is still
 * sending (or waiting to), so its figures move as its messages go out.
 */
export function useCampaign(campaignId: string, refreshMs = REFRESH_MS.page): { data?: CampaignDetail; error?: unknown; set: (c: CampaignDetail) => void; reload: () => void } {
  const client = useClient();
  const [state, setState] = useState<{ data?: CampaignDetail; error?: unknown }>({});
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const mine = ++generation.current;
    const load = () =>
      readCampaign(client, campaignId).then(
        (data) => {
          if (stopped || mine !== generation.current) return;
          setState({ data });
          if (isLive(data.status) || !data.progress.expansionDone || data.results.channels.some((c) => c.pending > 0)) timer = setTimeout(load, refreshMs);
        },
        (error: unknown) => {
          if (stopped || mine !== generation.current) return;
          setState((s) => ({ ...s, error }));
        },
      );
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, campaignId, tick, refreshMs]);
  return { data: state.data, error: state.error, set: (data) => setState({ data }), reload: () => setTick((n) => n + 1) };
}
