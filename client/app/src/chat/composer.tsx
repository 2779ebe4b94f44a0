import type { ComponentChildren } from 'preact';
import { t } from '../i18n.ts';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Attachment, ChatApi, OutgoingMessage, Template } from './api.ts';
import { fileSize } from './format.ts';
import { chordOf, insertTemplate, slugOf, templatesMatching } from './quick-replies.tsx';
import type { ComposerControl } from './composer-control.ts';

/** The text being written, shared by the composer and the quick-reply panel that fills it. */
export type { ComposerControl };

export function useComposer(): ComposerControl {
  const [text, setTextState] = useState('');
  const [metadata, setMetadata] = useState<Record<string, unknown> | undefined>(undefined);
  const ref = useRef<HTMLTextAreaElement>(null);
  const selectAfter = useRef<[number, number] | null>(null);
  const latest = useRef(text);
  latest.current = text;

  useLayoutEffect(() => {
    const el = ref.current;
    const range = selectAfter.current;
    if (!el || !range) return;
    selectAfter.current = null;
    el.focus();
    el.setSelectionRange(range[0], range[1]);
  }, [text]);

  const setText = (next: string) => {
    setTextState(next);
    if (next.trim() === '') setMetadata(undefined);
  };

  const insert = (inserted: string, meta?: Record<string, unknown>, replace?: [number, number]) => {
    const current = latest.current;
    const el = ref.current;
    const focused = el !== null && document.activeElement === el;
    const [start, end] = replace ?? (focused ? [el.selectionStart, el.selectionEnd] : [current.length, current.length]);
    const next = current.slice(0, start) + inserted + current.slice(end);
    const variable = /\{\{\s*[a-z_]+\s*\}\}/.exec(inserted);
    selectAfter.current = variable ? [start + variable.index, start + variable.index + variable[0].length] : [start + inserted.length, start + inserted.length];
    setTextState(next);
    if (meta) setMetadata(meta);
  };

  return { text, setText, metadata, ref, insert, reset: () => setText('') };
}

interface Upload {
  id: number;
  file: File;
  state: 'uploading' | 'ready' | 'failed';
  attachment?: Attachment;
  error?: string;
}

interface ComposerProps {
  control: ComposerControl;
  api: ChatApi;
  conversationId: string;
  /** Who the message goes to, for the label. */
  recipients: string;
  /** The seller's templates, for "/name" + Tab and keyboard shortcuts; null for everyone else. */
  templates: Template[] | null;
  onSend: (message: OutgoingMessage) => void;
  onTyping: () => void;
  tools?: ComponentChildren;
}

const slashCommand = /(^|\s)\/([\p{L}\p{N}_-]*)$/u;
let uploadIds = 0;

/** The message box: Enter sends, Shift+Enter starts a new line; files upload as they are chosen. */
export function Composer({ control, api, conversationId, recipients, templates, onSend, onTyping, tools }: ComposerProps) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const ids = useRef(`composer-${Math.random().toString(36).slice(2)}`).current;

  const slash = templates?.length ? slashCommand.exec(control.text.slice(0, caret)) : null;
  const slashStart = slash ? slash.index + slash[1]!.length : -1;
  const matches = slash && dismissedAt !== slashStart ? templatesMatching(templates!, slash[2]!).slice(0, 6) : [];
  const open = matches.length > 0;
  const chosen = open ? matches[Math.min(active, matches.length - 1)]! : null;
  const unfilled = [...new Set(control.text.match(/\{\{\s*[a-z_]+\s*\}\}/g) ?? [])];

  const track = (e: Event) => setCaret((e.currentTarget as HTMLTextAreaElement).selectionStart);

  const choose = (template: Template) => {
    insertTemplate(control, template, [slashStart, caret]);
    setActive(0);
    // Until the next key, the caret sits before the inserted text, where no "/" is open.
    setCaret(slashStart);
  };

  const addFiles = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const upload: Upload = { id: ++uploadIds, file, state: 'uploading' };
      setUploads((list) => [...list, upload]);
      api.upload(conversationId, file).then(
        (attachment) => setUploads((list) => list.map((u) => (u.id === upload.id ? { ...u, state: 'ready', attachment } : u))),
        (e: Error) => setUploads((list) => list.map((u) => (u.id === upload.id ? { ...u, state: 'failed', error: e.message } : u))),
      );
    }
  };

  const submit = () => {
    const content = control.text.trim();
    const ready = uploads.filter((u) => u.state === 'ready').map((u) => u.attachment!);
    if (uploads.some((u) => u.state === 'uploading')) return setNote(t('composer.waitUploads'));
    if (!content && ready.length === 0) return setNote(t('composer.nothing'));
    // Pictures, videos or voice recordings alone go out as such; a mix, or other files, as files.
    const kinds = new Set(ready.map((a) => a.type));
    const messageType = ready.length === 0 ? 'text' : kinds.size === 1 && !kinds.has('file') ? ready[0]!.type : 'file';
    onSend({
      ...(content ? { content } : {}),
      messageType,
      ...(ready.length ? { attachments: ready.map((a) => a.attachmentId) } : {}),
      ...(control.metadata ? { metadata: control.metadata } : {}),
    });
    control.reset();
    setUploads([]);
    setNote(null);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    if (open && chosen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if ((e.key === 'Tab' && !e.shiftKey) || e.key === 'Enter') {
        e.preventDefault();
        choose(chosen);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setDismissedAt(slashStart);
        return;
      }
    }
    const chord = templates?.length ? chordOf(e) : null;
    const byShortcut = chord ? templates!.find((x) => x.shortcut === chord) : undefined;
    if (byShortcut) {
      e.preventDefault();
      insertTemplate(control, byShortcut);
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label for={`${ids}-text`} class="visually-hidden">
        {t('composer.to', { recipients })}
      </label>
      <div class="composer-input">
        <textarea
          id={`${ids}-text`}
          ref={control.ref}
          rows={2}
          value={control.text}
          placeholder={templates?.length ? t('composer.placeholderTemplates') : t('composer.placeholder')}
          aria-describedby={`${ids}-hint`}
          aria-autocomplete={templates?.length ? 'list' : undefined}
          aria-controls={open ? `${ids}-templates` : undefined}
          aria-activedescendant={chosen ? `${ids}-t-${chosen.templateId}` : undefined}
          onInput={(e) => {
            control.setText(e.currentTarget.value);
            track(e);
            setNote(null);
            onTyping();
          }}
          onKeyDown={onKeyDown}
          onKeyUp={track}
          onClick={track}
          onSelect={track}
        />
        {open ? (
          <ul class="slash-menu" role="listbox" id={`${ids}-templates`} aria-label={t('composer.templates')}>
            {matches.map((x) => (
              <li
                key={x.templateId}
                id={`${ids}-t-${x.templateId}`}
                role="option"
                aria-selected={x === chosen}
                class={x === chosen ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(x);
                }}
              >
                <strong>/{slugOf(x.name)}</strong> <span class="muted">{x.name}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p id={`${ids}-hint`} class="visually-hidden">
        {t('composer.hint')}
        {templates?.length ? ` ${t('composer.hintTemplates')}` : ''}
      </p>
      {unfilled.length ? (
        <p class="warn-note small">
          {t('composer.unfilled', { count: unfilled.length, variables: unfilled.join(', ') })}
        </p>
      ) : null}
      {uploads.length ? (
        <ul class="uploads" aria-label={t('composer.files')}>
          {uploads.map((u) => (
            <li key={u.id} class={`upload ${u.state}`}>
              <span>
                {u.file.name} <span class="muted">({fileSize(u.file.size)})</span>
              </span>
              {u.state === 'uploading' ? <span class="muted small">{t('composer.uploading')}</span> : null}
              {u.state === 'failed' ? <span class="error small">{u.error}</span> : null}
              <button type="button" class="link-button" onClick={() => setUploads((list) => list.filter((x) => x.id !== u.id))}>
                {t('common.remove')}
                <span class="visually-hidden"> {u.file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {note ? (
        <p class="error small" role="alert">
          {note}
        </p>
      ) : null}
      <div class="composer-actions">
        <input
          type="file"
          id={`${ids}-file`}
          class="visually-hidden file-input"
          multiple
          onChange={(e) => {
            addFiles(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <label for={`${ids}-file`} class="file-label">
          {t('composer.attach')}
        </label>
        {tools}
        <button type="submit" class="send-button">
          {t('composer.send')}
        </button>
      </div>
    </form>
  );
}
