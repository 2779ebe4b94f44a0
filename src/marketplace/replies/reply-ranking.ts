/**
 * Ranks a seller's quick replies and templates against the buyer's latest message, with no
 * I/O: trigger words found in the message count most, then how alike the texts are, and past
 * use only breaks near ties.
 */

/** A reply the seller could send. */
export interface ReplyCandidate {
  kind: 'quick_reply' | 'template';
  id: string;
  /** What would be sent (a template already filled for the conversation). */
  content: string;
  /** Words or phrases that, found in the buyer's message, make this reply fit. */
  triggers: string[];
  /** More text describing the reply (a template's name), used for similarity only. */
  about?: string;
  shortcut?: string | null;
  usageCount: number;
}

export interface RankedReply {
  kind: ReplyCandidate['kind'];
  id: string;
  content: string;
  shortcut?: string;
  score: number;
  /** Why it was suggested: `trigger:<word>` for each trigger found, `similar`, `popular`. */
  reasons: string[];
}

/** Below this cosine similarity a reply without a trigger hit is left out. */
export const MIN_SIMILARITY = 0.1;
/** Used this many times, a reply is called popular. */
export const POPULAR_FROM = 5;
const TRIGGER_WEIGHT = 1;
const SIMILARITY_WEIGHT = 1;
/** The most past use can add: enough to order near ties, never enough to outrank a better match. */
const USAGE_WEIGHT = 0.1;

const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing ' +
    'down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more ' +
    'most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs ' +
    'them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours yourself yourselves im ive id ill youre dont cant wont isnt arent didnt doesnt please thanks thank hi hello hey'
  ).split(' '),
);

/** Lower case, accents removed, split into words of letters and digits. */
export function words(text: string): string[] {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’]/g, '');
  return plain.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A light stem: plurals and -ing/-ed endings dropped ("packages" and "package", "shipping" and "ship"). */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d+$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && !word.endsWith('eed') && word.length > 4) return undouble(word.slice(0, -2));
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ches|shes|xes|sses|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** "shipp" → "ship", "stopp" → "stop"; "fill", "pass" and "buzz" keep their double letter. */
function undouble(root: string): string {
  return /([b-df-hj-np-rtv-z])\1$/.test(root) && !/(ll|ss|zz)$/.test(root) ? root.slice(0, -1) : root;
}

/** Every word, stemmed: what trigger phrases are looked for in. */
const terms = (text: string) => words(text).map(stem);

/** How often each word that carries meaning occurs (stop words left out), stemmed. */
function counts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of words(text)) {
    if (STOP_WORDS.has(w)) continue;
    const t = stem(w);
    out.set(t, (out.get(t) ?? 0) + 1);
  }
  return out;
}

/** Cosine similarity of two word-count vectors, 0 to 1. */
function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [term, n] of a) dot += n * (b.get(term) ?? 0);
  if (dot === 0) return 0;
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((sum, n) => sum + n * n, 0));
  return dot / (norm(a) * norm(b));
}

/** Whether `phrase` appears in `tokens` as consecutive whole words. */
function containsPhrase(tokens: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((p, j) => tokens[i + j] === p)) return true;
  }
  return false;
}

/** The candidate's triggers that the message holds; a phrase of several words counts a little more. */
function triggerHits(messageTerms: string[], triggers: string[]): { hits: string[]; score: number } {
  const hits: string[] = [];
  let score = 0;
  for (const trigger of triggers) {
    const phrase = terms(trigger);
    if (!containsPhrase(messageTerms, phrase)) continue;
    hits.push(trigger);
    score += 1 + 0.25 * (phrase.length - 1);
  }
  return { hits, score };
}

/** 0 for never used, rising with the logarithm of use to USAGE_WEIGHT at a thousand uses. */
const usageScore = (uses: number) => USAGE_WEIGHT * Math.min(1, Math.log10(1 + Math.max(0, uses)) / 3);

/**
 * The best `limit` replies for `message`, best first. A reply is suggested when one of its
 * triggers is in the message or its text is similar enough; ties go to the most used.
 */
export function rankReplies(message: string, candidates: ReplyCandidate[], limit: number): RankedReply[] {
  const messageTerms = terms(message);
  const messageCounts = counts(message);
  const scored: (RankedReply & { usageCount: number })[] = [];
  for (const c of candidates) {
    const { hits, score: triggerScore } = triggerHits(messageTerms, c.triggers);
    const similarity = cosine(messageCounts, counts([c.content, c.about ?? '', ...c.triggers].join(' ')));
    if (hits.length === 0 && similarity < MIN_SIMILARITY) continue;
    const reasons = hits.map((h) => `trigger:${h}`);
    if (similarity >= MIN_SIMILARITY) reasons.push('similar');
    if (c.usageCount >= POPULAR_FROM) reasons.push('popular');
    const score = TRIGGER_WEIGHT * triggerScore + SIMILARITY_WEIGHT * similarity + usageScore(c.usageCount);
    scored.push({
      kind: c.kind,
      id: c.id,
      content: c.content,
      ...(c.shortcut ? { shortcut: c.shortcut } : {}),
      score: Math.round(score * 1000) / 1000,
      reasons,
      usageCount: c.usageCount,
    });
  }
  scored.sort((a, b) => b.score - a.score || b.usageCount - a.usageCount || a.id.localeCompare(b.id));
  return scored.slice(0, limit).map(({ usageCount: _, ...ranked }) => ranked);
}
