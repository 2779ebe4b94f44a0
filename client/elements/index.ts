/**
 * Parley's web components: the web app's inbox, conversation and notification bell, for a
 * marketplace to drop into its own pages.
 *
 *   <parley-bell base-url="https://chat.example.com" token="…"></parley-bell>
 *   <parley-inbox base-url="https://chat.example.com" token="…" style="height: 600px"></parley-inbox>
 *   <parley-conversation base-url="…" token="…" conversation-id="…"></parley-conversation>
 *
 * Importing this module defines the three elements. Each shows its view in a shadow root with
 * the app's styles. Elements with the same `base-url` and `token` share one client (one live
 * connection); a page that renews tokens sets the `client` property to its own ParleyClient
 * (with a token function) instead. Links inside the elements do not leave the page: they
 * announce themselves with a `parley-navigate` event (see router.ts).
 */
import { h, render } from 'preact';
import { ParleyClient } from '../sdk/index.ts';
import { elementCss } from './styles.ts';
import { ElementError, ElementView } from './views.tsx';

interface Shared {
  client: ParleyClient;
  users: number;
}

/** Clients made from attributes, by base URL and token, so that elements of one user share one. */
const shared = new Map<string, Shared>();

function acquire(baseUrl: string | undefined, token: string): ParleyClient {
  const key = `${baseUrl ?? ''}\n${token}`;
  let entry = shared.get(key);
  if (!entry) {
    entry = { client: new ParleyClient({ baseUrl, token }), users: 0 };
    shared.set(key, entry);
  }
  entry.users++;
  return entry.client;
}

function release(client: ParleyClient): void {
  for (const [key, entry] of shared) {
    if (entry.client !== client) continue;
    if (--entry.users === 0) {
      shared.delete(key);
      client.close();
    }
    return;
  }
}

/** What the three elements share: attributes, the client, the shadow root the view renders in. */
export abstract class ParleyElement extends HTMLElement {
  static observedAttributes = ['token', 'base-url', 'conversation-id'];
  protected abstract readonly view: 'inbox' | 'conversation' | 'bell';
  private readonly root: HTMLDivElement;
  private given: ParleyClient | null = null;
  private owned: ParleyClient | null = null;
  private generation = 0;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = elementCss;
    this.root = document.createElement('div');
    this.root.className = 'parley-root';
    shadow.append(style, this.root);
  }

  /** The client the element uses: one set here by the page, or one made from the attributes. */
  get client(): ParleyClient | null {
    return this.given ?? this.owned;
  }

  set client(client: ParleyClient | null) {
    this.given = client;
    this.update();
  }

  connectedCallback(): void {
    this.update();
  }

  disconnectedCallback(): void {
    this.generation++;
    render(null, this.root);
    this.drop();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.update();
  }

  private drop(): void {
    if (this.owned) release(this.owned);
    this.owned = null;
  }

  private update(): void {
    const mine = ++this.generation;
    let client = this.given;
    if (!client) {
      const token = this.getAttribute('token');
      const baseUrl = this.getAttribute('base-url') ?? undefined;
      const next = token ? acquire(baseUrl, token) : null;
      this.drop();
      this.owned = next;
      client = next;
    } else {
      this.drop();
    }
    if (!client) {
      render(null, this.root);
      return;
    }
    const connecting = client.state === 'idle' ? client.connect() : Promise.resolve();
    const show = () => {
      if (mine !== this.generation) return;
      render(h(ElementView, { view: this.view, client: client!, conversationId: this.getAttribute('conversation-id') }), this.root);
    };
    connecting.catch(() => {});
    let known = true;
    try {
      void client.user;
    } catch {
      known = false;
    }
    // With a token function the user is known once a token was fetched: wait for it.
    if (known) show();
    else connecting.then(show, (error: unknown) => mine === this.generation && render(h(ElementError, { error }), this.root));
  }
}

/** `<parley-inbox>`: the user's conversations, and the one chosen beside them. Attributes: token, base-url, conversation-id (opened first). */
export class ParleyInboxElement extends ParleyElement {
  protected readonly view = 'inbox';
}

/** `<parley-conversation>`: one conversation, with its order, timeline and composer. Attributes: token, base-url, conversation-id. */
export class ParleyConversationElement extends ParleyElement {
  protected readonly view = 'conversation';
}

/** `<parley-bell>`: the live count of unread notifications, and their panel. Attributes: token, base-url. */
export class ParleyBellElement extends ParleyElement {
  protected readonly view = 'bell';
}

/** The elements' tag names and classes; defined when this module is imported. */
export const elements = {
  'parley-inbox': ParleyInboxElement,
  'parley-conversation': ParleyConversationElement,
  'parley-bell': ParleyBellElement,
} as const;

for (const [name, element] of Object.entries(elements)) {
  if (!customElements.get(name)) customElements.define(name, element);
}

/** Sent by an element before it follows a link: `detail.path` is the web app's path ("/c/<id>", "/notifications"). Cancel it to handle the link yourself. */
export type ParleyNavigateEvent = CustomEvent<{ path: string; replace: boolean }>;

declare global {
  interface HTMLElementTagNameMap {
    'parley-inbox': ParleyInboxElement;
    'parley-conversation': ParleyConversationElement;
    'parley-bell': ParleyBellElement;
  }
  interface HTMLElementEventMap {
    'parley-navigate': ParleyNavigateEvent;
  }
}
