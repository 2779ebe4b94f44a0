import { useState } from 'preact/hooks';
import type { OrderRating } from '../../../sdk/index.ts';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote } from '../ui.tsx';
import { t } from '../i18n.ts';
import type { Message } from './api.ts';

const SCORES = [1, 2, 3, 4, 5];
/** The word for a score: Poor … Excellent. */
const word = (score: number) => t(`rating.word.${score}`);
const COMMENT_MAX = 2000;

/**
 * The ask to rate the seller's communication (a `rating_request` message): its buyer rates
 * here, 1–5 and an optional comment, once; everyone in the conversation sees the rating once
 * given, and the seller that it is awaited until then.
 */
export function RatingCard({ message }: { message: Message }) {
  const client = useClient();
  const orderId = typeof message.payload?.orderId === 'string' ? message.payload.orderId : '';
  const rating = useAsync(() => client.orderRating(orderId), [client, orderId]);
  const [given, setGiven] = useState<OrderRating | null>(null);
  const current = given ?? rating.data;
  const titleId = `rating-${message.messageId}`;

  return (
    <section class="order-card rating" aria-labelledby={titleId}>
      <p class="order-card-title" id={titleId}>
        {t('rating.title')}
      </p>
      {message.content ? <p>{message.content}</p> : null}
      {!current ? (
        rating.error ? <ErrorNote error={rating.error} /> : <p class="muted small">{t('rating.loading')}</p>
      ) : current.rating !== null ? (
        <Given rating={current} thanks={given !== null} />
      ) : current.canRate ? (
        <RatingForm orderId={orderId} labelledBy={titleId} onRated={setGiven} />
      ) : (
        <p class="muted small">{t('rating.waiting')}</p>
      )}
    </section>
  );
}

function Given({ rating, thanks }: { rating: OrderRating; thanks: boolean }) {
  const score = rating.rating ?? 0;
  return (
    <div role={thanks ? 'status' : undefined}>
      {thanks ? <p>{t('rating.thanks')}</p> : null}
      <p>
        <span class="rating-stars" aria-hidden="true">
          {'★'.repeat(score)}
          {'☆'.repeat(5 - score)}
        </span>{' '}
        {t('rating.rated', { score, word: word(score) })}
      </p>
      {rating.comment ? <blockquote class="rating-comment">{rating.comment}</blockquote> : null}
    </div>
  );
}

function RatingForm({ orderId, labelledBy, onRated }: { orderId: string; labelledBy: string; onRated: (rating: OrderRating) => void }) {
  const client = useClient();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const commentId = `${labelledBy}-comment`;

  async function submit(e: Event) {
    e.preventDefault();
    if (score === 0) {
      setError(new Error(t('rating.chooseFirst')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onRated(await client.rateOrder(orderId, { rating: score, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <form class="rating-form" onSubmit={submit}>
      <fieldset class="rating-choices">
        <legend>{t('rating.yourRating')}</legend>
        {SCORES.map((n) => (
          <label key={n}>
            <input type="radio" name={`${labelledBy}-score`} value={n} checked={score === n} onChange={() => setScore(n)} />
            <span>
              {n} <span aria-hidden="true">★</span>
              <span class="visually-hidden">{t('rating.stars', { count: n })}</span> {word(n)}
            </span>
          </label>
        ))}
      </fieldset>
      <label for={commentId}>{t('rating.comment')}</label>
      <textarea id={commentId} rows={2} maxLength={COMMENT_MAX} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('rating.sending') : t('rating.send')}
      </button>
    </form>
  );
}
