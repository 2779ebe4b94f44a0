import { useCallback, useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../ui.tsx';
import { t } from '../i18n.ts';
import type { ChatApi, Suggestion, Template } from './api.ts';
import type { ComposerControl } from './composer-control.ts';

/** A seller's templates (filled for the conversation) and the suggestions for the buyer's latest message. */
export interface SellerReplies {
  templates: Template[];
  suggestions: Suggestion[];
  loading: boolean;
  error: Error | null;
  reloadTemplates: () => void;
  reloadSuggestions: () => void;
  /** Counts a use at once; the server's count catches up on its own schedule. */
  countUse: (templateId: string) => void;
}

export function useSellerReplies(api: ChatApi, conversationId: string, enabled: boolean): SellerReplies {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<Error | null>(null);

  const reloadTemplates = useCallback(() => {
    if (!enabled) return;
    api.templates(conversationId).then(
      (r) => {
        setTemplates(r.templates);
        setLoading(false);
      },
      (e: Error) => {
        setError(e);
        setLoading(false);
      },
    );
  }, [api, conversationId, enabled]);

  const reloadSuggestions = useCallback(() => {
    if (!enabled) return;
    api.suggestions(conversationId).then((r) => setSuggestions(r.suggestions), setError);
  }, [api, conversationId, enabled]);

  useEffect(() => {
    reloadTemplates();
    reloadSuggestions();
  }, [reloadTemplates, reloadSuggestions]);

  const countUse = (templateId: string) =>
    setTemplates((list) => list.map((t) => (t.templateId === templateId ? { ...t, usageCount: t.usageCount + 1 } : t)));

  return { templates, suggestions, loading, error, reloadTemplates, reloadSuggestions, countUse };
}

/** "Shipping update" → "shipping-update": what a seller types after "/" to pick a template. */
export const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');

/** Templates whose name starts with, or has a word starting with, what follows the "/". */
export function templatesMatching(templates: Template[], query: string): Template[] {
  const q = slugOf(query);
  if (!q) return templates;
  const starts = templates.filter((t) => slugOf(t.name).startsWith(q));
  const words = templates.filter((t) => !starts.includes(t) && slugOf(t.name).split('-').some((w) => w.startsWith(q)));
  return [...starts, ...words];
}

/** A key press in the shortcut spelling the server keeps ("Ctrl+Shift+T"); null for keys no shortcut uses. */
export function chordOf(e: KeyboardEvent): string | null {
  let key: string | null = null;
  if (/^Key[A-Z]$/.test(e.code)) key = e.code.slice(3);
  else if (/^Digit[0-9]$/.test(e.code)) key = e.code.slice(5);
  else if (/^F([1-9]|1[0-2])$/.test(e.key)) key = e.key;
  if (!key) return null;
  const modifiers = [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && 'Meta'].filter(Boolean);
  return [...modifiers, key].join('+');
}

/** Puts a template into the composer, counted as a use of it when sent. */
export function insertTemplate(composer: ComposerControl, template: Template, replace?: [number, number]): void {
  composer.insert(template.rendered?.content ?? template.content, { templateId: template.templateId }, replace);
}

const reasonText = (reasons: string[]): string => {
  const triggers = reasons.filter((r) => r.startsWith('trigger:')).map((r) => `“${r.slice(8)}”`);
  if (triggers.length) return t('quickReplies.matches', { triggers: triggers.join(', ') });
  if (reasons.includes('similar')) return t('quickReplies.similar');
  return reasons.includes('popular') ? t('quickReplies.popular') : '';
};

interface PanelProps {
  replies: SellerReplies;
  composer: ComposerControl;
  buyerName: string;
}

/**
 * For sellers, beside the composer: suggestions for the buyer's latest message and the
 * seller's templates, filled for this conversation. Choosing one puts its text in the
 * composer; nothing is sent until the seller sends.
 */
export function QuickReplyPanel({ replies, composer, buyerName }: PanelProps) {
  const { templates, suggestions, loading, error } = replies;
  return (
    <aside class="quick-replies" aria-labelledby="quick-replies-title">
      <h3 id="quick-replies-title">{t('quickReplies.title')}</h3>
      <ErrorNote error={error} />
      <section aria-labelledby="suggestions-title">
        <h4 id="suggestions-title">{t('quickReplies.suggested', { buyerName })}</h4>
        {suggestions.length === 0 ? (
          <p class="muted small">{loading ? t('quickReplies.loading') : t('quickReplies.noSuggestions')}</p>
        ) : (
          <ul class="reply-list">
            {suggestions.map((s) => (
              <li key={`${s.kind}:${s.id}`}>
                <button
                  type="button"
                  class="reply-choice"
                  onClick={() => composer.insert(s.content, s.kind === 'template' ? { templateId: s.id } : { quickReplyId: s.id })}
                >
                  <span class="reply-text">{s.content}</span>
                  <span class="reply-why">
                    {s.kind === 'template' ? t('quickReplies.template') : t('quickReplies.quickReply')}
                    {reasonText(s.reasons) ? ` · ${reasonText(s.reasons)}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="templates-title">
        <h4 id="templates-title">{t('quickReplies.templates')}</h4>
        {templates.length === 0 ? (
          <p class="muted small">{loading ? t('quickReplies.loading') : t('quickReplies.noTemplates')}</p>
        ) : (
          <>
            <p class="muted small">
              {t('quickReplies.hintType')} <kbd>/</kbd> {t('quickReplies.hintName')} <kbd>Tab</kbd>
              {t('quickReplies.hintShortcut')}
            </p>
            <ul class="reply-list">
              {templates.map((tpl) => (
                <TemplateItem key={tpl.templateId} template={tpl} onInsert={() => insertTemplate(composer, tpl)} />
              ))}
            </ul>
          </>
        )}
      </section>
    </aside>
  );
}

function TemplateItem({ template: tpl, onInsert }: { template: Template; onInsert: () => void }) {
  const missing = tpl.rendered?.missingVariables ?? [];
  const previewId = `template-${tpl.templateId}`;
  return (
    <li class="template-item">
      <div class="template-head">
        <button type="button" class="reply-choice template-name" onClick={onInsert} aria-describedby={previewId}>
          {tpl.name}
        </button>
        <span class="template-keys">
          <kbd>/{slugOf(tpl.name)}</kbd>
          {tpl.shortcut ? (
            <kbd>
              <span class="visually-hidden">{t('quickReplies.shortcut')} </span>
              {tpl.shortcut}
            </kbd>
          ) : null}
        </span>
      </div>
      <p class="reply-text small" id={previewId}>
        {tpl.rendered?.content ?? tpl.content}
      </p>
      <p class="muted small">
        {t('quickReplies.used', { count: tpl.usageCount })}
      </p>
      {missing.length ? (
        <p class="warn-note small">
          {t('quickReplies.notFilled', { variables: missing.map((v) => `{{${v}}}`).join(', ') })}
        </p>
      ) : null}
    </li>
  );
}
