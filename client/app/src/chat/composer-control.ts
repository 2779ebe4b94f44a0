import type { RefObject } from 'preact';

/** What the composer offers the parts that fill it (templates, quick replies, suggestions). */
export interface ComposerControl {
  text: string;
  setText: (text: string) => void;
  /** templateId or quickReplyId of the reply the text came from, sent with the message. */
  metadata: Record<string, unknown> | undefined;
  ref: RefObject<HTMLTextAreaElement>;
  /** Inserts at the caret (or over `replace`), then selects the first unfilled {{variable}}, if any. */
  insert: (text: string, metadata?: Record<string, unknown>, replace?: [number, number]) => void;
  reset: () => void;
}
