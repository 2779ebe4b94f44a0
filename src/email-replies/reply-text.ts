/**
 * The new text of an emailed reply: what the person wrote above the quoted history and their
 * signature. Mail clients quote in a few known ways: Gmail and Apple Mail ("On <date>, <name>
 * wrote:" then ">" lines, the header sometimes wrapped over two lines), Outlook ("-----Original
 * Message-----", a line of underscores, or a "From:/Sent:/To:/Subject:" block). Signatures start
 * at the "-- " delimiter (RFC 3676) or a mobile client's "Sent from my iPhone".
 */

/** "On ... wrote:" and its translations in the languages mail clients ship most. */
const ATTRIBUTION = [
  /^On\b.*\bwrote:?\s*$/i,
  /^Am\b.*\bschrieb\b.*:\s*$/i,
  /^Le\b.*\ba écrit\s*:\s*$/i,
  /^El\b.*\bescribió:\s*$/i,
  /^Il\b.*\bha scritto:\s*$/i,
  /^Op\b.*\bschreef\b.*:\s*$/i,
  /^Em\b.*\bescreveu:\s*$/i,
];
const SEPARATOR = [/^-{2,}\s*Original Message\s*-{2,}\s*$/i, /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i, /^_{10,}\s*$/, /^Begin forwarded message:\s*$/i];
/** The first line of an Outlook header block; the block is a quote when Sent:/Date:/To:/Subject: follow. */
const HEADER_START = /^\*?(From|Von|De|Da|Van):\*?\s+\S/i;
const HEADER_NEXT = /^\*?(Sent|Date|To|Subject|Cc|Gesendet|Datum|An|Betreff|Envoyé|À|Objet|Enviado|Para|Asunto):\*?\s/i;
const SIGNATURE = [
  /^-- ?$/,
  /^Sent from (my |Mail for |Outlook|Yahoo Mail|AOL Mail|Samsung)/i,
  /^Get Outlook for /i,
  /^Sent (via|with) /i,
  /^Von meinem (iPhone|iPad|Smartphone) gesendet/i,
  /^Envoyé de mon (iPhone|iPad)/i,
  /^Enviado desde mi (iPhone|iPad)/i,
];

export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const end = lines.findIndex((line, i) => startsQuote(lines, i));
  const kept = (end < 0 ? lines : lines.slice(0, end)).filter((line) => !/^\s*>/.test(line));
  const signature = kept.findIndex((line) => SIGNATURE.some((re) => re.test(line.trimEnd())));
  const body = signature < 0 ? kept : kept.slice(0, signature);
  return body
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function startsQuote(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (ATTRIBUTION.some((re) => re.test(line))) return true;
  // Gmail wraps a long attribution: "On Mon, 7 Dec 2026 at 09:12, Parley <" / "reply+...> wrote:".
  const next = lines[i + 1]?.trim() ?? '';
  if (/^(On|Am|Le|El|Il|Op|Em)\b/.test(line) && ATTRIBUTION.some((re) => re.test(`${line} ${next}`)) && /:\s*$/.test(next)) return true;
  if (SEPARATOR.some((re) => re.test(line))) return true;
  if (HEADER_START.test(line)) {
    const following = lines.slice(i + 1, i + 5).map((l) => l.trim());
    return following.filter((l) => HEADER_NEXT.test(l)).length >= 2;
  }
  return false;
}
