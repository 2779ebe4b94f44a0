import { useMemo, useState } from 'preact/hooks';
import { t } from '../i18n.ts';
import { useClient } from '../context.tsx';
import { navigate } from '../router.ts';
import { ErrorNote, Link } from '../ui.tsx';

const Id = '^[A-Za-z0-9._:@\\-]+$';

/** A text field with its label; `hint` is said with it. */
function Field(props: { id: string; label: string; value: string; onInput: (v: string) => void; hint?: string; required?: boolean; pattern?: string; multiline?: boolean }) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const common = { id: props.id, value: props.value, required: props.required, 'aria-describedby': hintId };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={3} maxLength={4000} onInput={(e) => props.onInput(e.currentTarget.value)} />
      ) : (
        <input {...common} type="text" maxLength={300} pattern={props.pattern} onInput={(e) => props.onInput(e.currentTarget.value)} />
      )}
      {props.hint ? (
        <p id={hintId} class="muted small">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * `/ask`: a buyer asks a seller about a product. A marketplace's product page links here with
 * the fields filled (`/app/ask?sellerId=…&productId=…&productTitle=…`); asking again about the
 * same product adds the question to the same conversation.
 */
export function AskAboutProduct() {
  const client = useClient();
  const given = useMemo(() => new URLSearchParams(location.search), []);
  const [sellerId, setSellerId] = useState(given.get('sellerId') ?? '');
  const [productId, setProductId] = useState(given.get('productId') ?? '');
  const [productTitle, setProductTitle] = useState(given.get('productTitle') ?? '');
  const [question, setQuestion] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await client.request<{ conversationId: string }>('POST', `/marketplace/messaging/conversations/product/${encodeURIComponent(productId.trim())}`, {
        sellerId: sellerId.trim(),
        ...(productTitle.trim() ? { productTitle: productTitle.trim() } : {}),
        question: question.trim(),
      });
      navigate(`/c/${answer.conversationId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <section class="page narrow" aria-labelledby="ask-title">
      <h1 id="ask-title">{t('start.askTitle')}</h1>
      <form class="card stack" onSubmit={submit}>
        <Field id="ask-seller" label={t('start.seller')} value={sellerId} onInput={setSellerId} required pattern={Id} hint={t('start.sellerHint')} />
        <Field id="ask-product" label={t('start.productId')} value={productId} onInput={setProductId} required pattern={Id} />
        <Field id="ask-title-field" label={t('start.productName')} value={productTitle} onInput={setProductTitle} />
        <Field id="ask-question" label={t('start.question')} value={question} onInput={setQuestion} required multiline />
        <ErrorNote error={error} />
        <div class="form-actions">
          <button type="submit" disabled={busy || !sellerId.trim() || !productId.trim() || !question.trim()}>
            {busy ? t('start.sending') : t('start.send')}
          </button>
          <Link href="/">{t('common.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}

/**
 * `/start`: an operator starts a conversation with anyone (a buyer or a seller), taking part in
 * it as marketplace staff, with a subject and a first message.
 */
export function StartConversation() {
  const client = useClient();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<'buyer' | 'seller'>('buyer');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const conversation = await client.request<{ conversationId: string }>('POST', '/conversations', {
        conversationType: 'general',
        subject: subject.trim(),
        participants: [
          { userId: client.user.userId, role: 'moderator' },
          { userId: userId.trim(), role },
        ],
      });
      await client.sendMessage(conversation.conversationId, { content: text.trim() });
      navigate(`/c/${conversation.conversationId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <section class="page narrow" aria-labelledby="start-title">
      <h1 id="start-title">{t('inbox.start')}</h1>
      <form class="card stack" onSubmit={submit}>
        <Field id="start-user" label={t('start.with')} value={userId} onInput={setUserId} required pattern={Id} />
        <fieldset class="field">
          <legend>{t('start.theyAre')}</legend>
          {(['buyer', 'seller'] as const).map((r) => (
            <label key={r} class="inline">
              <input type="radio" name="start-role" value={r} checked={role === r} onChange={() => setRole(r)} /> {t(`start.role.${r}`)}
            </label>
          ))}
        </fieldset>
        <Field id="start-subject" label={t('start.subject')} value={subject} onInput={setSubject} required />
        <Field id="start-message" label={t('start.firstMessage')} value={text} onInput={setText} required multiline />
        <ErrorNote error={error} />
        <div class="form-actions">
          <button type="submit" disabled={busy || !userId.trim() || !subject.trim() || !text.trim()}>
            {busy ? t('start.starting') : t('start.startButton')}
          </button>
          <Link href="/conversations">{t('common.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}
