import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/**
 * The timeline's scrolling: it stays at the newest message unless the reader scrolled up, and
 * keeps the reader's place when older messages are added above.
 */
export function useStickyScroll(changes: unknown[], ready: boolean) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const place = useRef<{ height: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (place.current) {
      el.scrollTop = el.scrollHeight - place.current.height + place.current.top;
      place.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, changes);

  useEffect(() => {
    const el = scroller.current;
    const list = el?.querySelector('.timeline');
    if (!el || !list) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current && !place.current) el.scrollTop = el.scrollHeight;
    });
    // The list grows (images load) and the scroller shrinks (the header or panel grows).
    observer.observe(list);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ready]);

  return {
    scroller,
    onScroll: () => {
      const el = scroller.current!;
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    },
    /** Back to the newest message (the reader just sent one). */
    stick: () => {
      atBottom.current = true;
    },
    /** Let go of the bottom (a search result was brought into view). */
    release: () => {
      atBottom.current = false;
    },
    /** Call before adding older items above: the reader stays where they were. */
    keepPlace: () => {
      const el = scroller.current;
      place.current = el ? { height: el.scrollHeight, top: el.scrollTop } : null;
    },
  };
}
