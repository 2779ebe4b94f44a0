import { useState } from 'preact/hooks';
import type { OrderRating } from '../../../sdk/index.ts';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote } from '../ui.tsx';
import type { Message } from './api.ts';

const words = ['Poor', 'Fair', 'Good', 'Very good', 'Excellent'];
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
        How did the seller communicate?
      </p>
      {message.content ? <p>{message.content}</p> : null}
      {!current ? (
        rating.error ? <ErrorNote error={rating.error} /> : <p class="muted small">Loading the rating…</p>
      ) : current.rating !== null ? (
        <Given rating={current} thanks={given !== null} />
      ) : current.canRate ? (
        <RatingForm orderId={orderId} labelledBy={titleId} onRated={setGiven} />
      ) : (
        <p class="muted small">Waiting for the buyer's rating.</p>
      )}
    </section>
  );
}

function Given({ rating, thanks }: { rating: OrderRating; thanks: boolean }) {
  const score = rating.rating ?? 0;
  return (
    <div role={thanks ? 'status' : undefined}>
      {thanks ? <p>Thank you for your rating.</p> : null}
      <p>
        <span class="rating-stars" aria-hidden="true">
          {'★'.repeat(score)}
          {'☆'.repeat(5 - score)}
        </span>{' '}
        Rated {score} of 5 ({words[score - 1]}).
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
      setError(new Error('Choose from 1 to 5 stars first.'));
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
        <legend>Your rating</legend>
        {words.map((word, i) => (
          <label key={word}>
            <input type="radio" name={`${labelledBy}-score`} value={i + 1} checked={score === i + 1} onChange={() => setScore(i + 1)} />
            <span>
              {i + 1} <span aria-hidden="true">★</span>
              <span class="visually-hidden">{i === 0 ? ' star' : ' stars'},</span> {word}
            </span>
          </label>
        ))}
      </fieldset>
      <label for={commentId}>Comment (optional)</label>
      <textarea id={commentId} rows={2} maxLength={COMMENT_MAX} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Sending…' : 'Send rating'}
      </button>
    </form>
  );
}
