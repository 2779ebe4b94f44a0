import { type ComponentType, type FunctionComponent, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNote, Loading } from './ui.tsx';
import { t } from './i18n.ts';

/**
 * A view whose code is fetched the first time it is shown (a separate bundle chunk), so the
 * inbox does not load the dashboards and their charts.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return function LazyView(props: P) {
    const [view, setView] = useState(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (view) return;
      pending ??= load().then((c) => (loaded = c));
      pending.then(
        (c) => setView(() => c),
        () => {
          pending = undefined;
          setFailed(true);
        },
      );
    }, [view]);
    if (failed) return <ErrorNote error={t('app.pageFailed')} />;
    return view ? h(view, props) : <Loading />;
  };
}
