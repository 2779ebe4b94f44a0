/** The checks every scenario makes, each a problem with a sentence that says what went wrong. */
import type { ChatSend } from './chat.ts';
import type { Answer } from './http.ts';
import { ANSWER_LIMIT_MS } from './limits.ts';
import type { Deployment } from './parley.ts';
import type { Findings } from './report.ts';

/** No Parley process exited unless the scenario killed it. */
export function checkNoExits(f: Findings, deployment: Deployment): void {
  for (const e of deployment.unexpectedExits) {
    f.problem(`${e.node} (pid ${e.pid}) exited with ${e.code !== null ? `code ${e.code}` : e.signal}; it wrote:\n${indent(e.output)}`);
  }
}

/**
 * Every request got an HTTP answer within the limit, never a 500, and every answer that is not
 * a success passes `acceptable` (which names what is wrong with it, or returns undefined).
 */
export function checkAnswers(f: Findings, what: string, answers: Answer[], acceptable: (a: Answer) => string | undefined = () => 'not a success'): void {
  const bad = new Map<string, { count: number; sample: string }>();
  const note = (reason: string, a: Answer) => {
    const entry = bad.get(reason) ?? { count: 0, sample: `${a.status} ${a.error ?? JSON.stringify(a.body)?.slice(0, 200)}` };
    entry.count++;
    bad.set(reason, entry);
  };
  for (const a of answers) {
    if (a.status === 'unanswered') note(`no answer within ${ANSWER_LIMIT_MS / 1000} s`, a);
    else if (a.status === 'refused') note('connection refused (is the process gone?)', a);
    else if (a.status === 'reset' || a.status === 'failed') note('connection dropped without an answer', a);
    else if (a.status >= 500 && a.status !== 503) note(`${a.status} answered`, a);
    else if (a.status >= 300) {
      const wrong = acceptable(a);
      if (wrong) note(wrong, a);
    }
    if (typeof a.status === 'number' && a.ms > ANSWER_LIMIT_MS) note(`answered after more than ${ANSWER_LIMIT_MS / 1000} s`, a);
  }
  for (const [reason, { count, sample }] of bad) f.problem(`${what}: ${count} of ${answers.length}: ${reason} (e.g. ${sample})`);
}

/** A 503 an outage of the database should give: Retry-After and code database_unavailable. */
export function databaseUnavailable(a: Answer): string | undefined {
  if (a.status !== 503) return `${a.status} ${a.body?.error?.code ?? ''} instead of 503 database_unavailable`;
  const problems: string[] = [];
  if (a.body?.error?.code !== 'database_unavailable') problems.push(`code ${a.body?.error?.code ?? '(none)'} instead of database_unavailable`);
  if (!a.headers?.['retry-after']) problems.push('no Retry-After header');
  return problems.length ? `503 with ${problems.join(' and ')}` : undefined;
}

/**
 * Every socket send was answered within the limit: an ack, or an error frame naming its
 * clientMessageId with one of `errorCodes`.
 */
export function checkSends(f: Findings, what: string, sends: ChatSend[], errorCodes: string[], now = Date.now()): void {
  const bad = new Map<string, number>();
  const note = (reason: string) => bad.set(reason, (bad.get(reason) ?? 0) + 1);
  for (const s of sends) {
    const waited = (s.answeredAt ?? now) - s.sentAt;
    if (s.outcome === undefined) note(`no ack or error frame naming its clientMessageId (waited ${Math.round(waited / 1000)} s or more)`);
    else if (s.outcome === 'closed') note('the socket closed before an answer');
    else if (waited > ANSWER_LIMIT_MS) note(`answered after more than ${ANSWER_LIMIT_MS / 1000} s`);
    if (s.outcome === 'error' && !errorCodes.includes(s.code ?? '')) note(`error frame with code ${s.code} (expected ${errorCodes.join(' or ') || 'none'})`);
  }
  for (const [reason, count] of bad) f.problem(`${what}: ${count} of ${sends.length} sends: ${reason}`);
}

/** "ack×1180 error:database_unavailable×20 unanswered×3" */
export function sendOutcomes(sends: ChatSend[]): string {
  const counts = new Map<string, number>();
  for (const s of sends) {
    const key = s.outcome === 'error' ? `error:${s.code}` : (s.outcome ?? 'unanswered');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k}×${n}`).join(' ') || 'none';
}

const indent = (text: string) => text.split('\n').map((l) => `      ${l}`).join('\n');
