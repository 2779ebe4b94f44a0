import { createRequire } from 'node:module';
import Sentiment from 'sentiment';

/**
 * Sentiment of buyer messages, for moderators: AFINN-165 word scores (the `sentiment` package,
 * English only) with a few marketplace adjustments, and the rule that decides when a
 * conversation is turning negative enough for a moderator to look at it.
 */

/** One scored message. `score` is the sum of its word scores; `comparative` is that per word. */
export interface MessageSentiment {
  score: number;
  comparative: number;
}

/**
 * Marketplace English on top of AFINN: politeness and everyday order talk ("sorry to bother
 * you", "no problem", "the parcel is lost") is not anger, and accusations of fraud are stronger
 * than AFINN rates them. "no" is read as a negator ("no good" is bad, "no problem" is fine).
 */
const marketplaceWords: Record<string, number> = {
  sorry: 0,
  bother: 0,
  no: 0,
  joke: 0,
  problem: -1,
  lost: -1,
  missing: -1,
  damaged: -2,
  defective: -2,
  scam: -4,
  scams: -4,
  scammed: -4,
  scammer: -4,
  scammers: -4,
  ripoff: -4,
  thief: -4,
  thieves: -4,
  fraudster: -4,
  counterfeit: -3,
  stole: -3,
};

const require = createRequire(import.meta.url);
const englishLabels = require('sentiment/languages/en/labels.json') as Record<string, number>;
const englishNegators = require('sentiment/languages/en/negators.json') as Record<string, number>;
const negators = new Set([...Object.keys(englishNegators), 'no', 'never']);

const language = 'parley-marketplace-en';
const analyzer = new Sentiment();
analyzer.registerLanguage(language, {
  labels: { ...englishLabels, ...marketplaceWords },
  scoringStrategy: {
    apply: (tokens, cursor, tokenScore) => (cursor > 0 && negators.has(tokens[cursor - 1]!) ? -tokenScore : tokenScore),
  },
});

/** Scores one message; `comparative` is rounded to three decimals, as it is stored. */
export function scoreMessage(text: string): MessageSentiment {
  const result = analyzer.analyze(text, { language });
  return { score: result.score, comparative: Math.round(result.comparative * 1000) / 1000 };
}

/** The thresholds of `turnsNegative`, named so tests and docs can refer to them. */
export const negativity = {
  /** How many of the latest scored buyer messages the run rule looks at. */
  window: 3,
  /** The run rule needs at least this many scored messages, and this many negative ones among them. */
  minMessages: 2,
  /** The run rule: the average comparative score of the window is at or below this. */
  averageAtMost: -0.3,
  /** One strongly negative message: a total score at or below this... */
  strongScoreAtMost: -6,
  /** ...and a comparative score at or below this (a long, mostly calm message is not strong). */
  strongComparativeAtMost: -0.3,
  /** How many scored messages a conversation keeps. */
  keep: 5,
} as const;

/** A message angry enough on its own: several strongly negative words in a short message. */
export function isStronglyNegative(message: MessageSentiment): boolean {
  return message.score <= negativity.strongScoreAtMost && message.comparative <= negativity.strongComparativeAtMost;
}

/**
 * Whether a conversation should be flagged for moderators, given its buyer's scored messages
 * (oldest first), the latest being the one just received. It is flagged when that latest
 * message is negative and either it is strongly negative on its own, or the latest
 * `window` messages (at least `minMessages` of them, as many negative) average at or below
 * `averageAtMost`. A single unhappy sentence among calm ones is an ordinary complaint.
 */
export function turnsNegative(recent: readonly MessageSentiment[]): boolean {
  const latest = recent.at(-1);
  if (!latest || latest.score >= 0) return false;
  if (isStronglyNegative(latest)) return true;
  const run = recent.slice(-negativity.window);
  if (run.length < negativity.minMessages) return false;
  if (run.filter((m) => m.score < 0).length < negativity.minMessages) return false;
  return averageComparative(run)! <= negativity.averageAtMost;
}

/** The average comparative score of some messages; null for none. */
export function averageComparative(messages: readonly MessageSentiment[]): number | null {
  if (messages.length === 0) return null;
  return Math.round((messages.reduce((sum, m) => sum + m.comparative, 0) / messages.length) * 1000) / 1000;
}

/** Stored sentiment scores, read defensively (jsonb written by this module). */
export function sentimentList(value: unknown): MessageSentiment[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is MessageSentiment => typeof v?.score === 'number' && typeof v?.comparative === 'number')
    .map((v) => ({ score: v.score, comparative: v.comparative }));
}
