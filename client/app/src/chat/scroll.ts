import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/**
 * The timeline's scrolling: it stays at the newest message unless the reader scrolled up, and
 * keeps the reader's place when older messages are added above.
 *
 * Staying at the newest reads the scroller's height, which needs the layout: that is done in
 * the next animation frame, just before the browser lays the page out for that frame anyway,
 * rather than forced right after each change (a new message, then its receipt, the inbox's row…).
 */
export function useStickyScroll(changes: unknown[], ready: boolean) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const place = useRef<{ height: number; top: number } | null>(null);
  /** The frame that will scroll to the newest, once, whatever changed before it. */
  const frame = useRef(0);
  /** Where the scroller was left at the bottom: a scroll event there is ours, not the reader's. */
  const settled = useRef(-1);

  const toBottom = (el: HTMLDivElement) => {
    el.scrollTop = el.scrollHeight;
    settled.current = el.scrollTop;
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (place.current) {
      // Older items were added above (rare): put the reader back before anything is drawn.
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      el.scrollTop = el.scrollHeight - place.current.height + place.current.top;
      place.current = null;
    } else if (atBottom.current && !frame.current) {
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        const current = scroller.current;
        if (current && !place.current) toBottom(current);
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, changes);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useEffect(() => {
    const el = scroller.current;
    const list = el?.querySelector('.timeline');
    if (!el || !list) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current && !place.current) toBottom(el);
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
      // Our own move to the bottom: the list may have grown since (the frame that follows it
      // scrolls again), so measuring now would wrongly say the reader left the bottom.
      if (el.scrollTop === settled.current) {
        atBottom.current = true;
        return;
      }
      settled.current = -1;
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    },
    /** Back to the newest message (the reader just sent one). */
    stick: () => {
      atBottom.current = true;
    },
    /** Let go of the bottom (a search result was brought into view). */
    release: () => {
      atBottom.current = false;
      settled.current = -1;
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    },
    /** Call before adding older items above: the reader stays where they were. */
    keepPlace: () => {
      const el = scroller.current;
      place.current = el ? { height: el.scrollHeight, top: el.scrollTop } : null;
    },
  };
}
