import base from '../app/src/styles.css?inline';
import chat from '../app/src/chat/chat.css?inline';
import notifications from '../app/src/notifications/notifications.css?inline';

/**
 * The web app's style sheets, for an element's shadow root: they style the element's inside
 * and nothing of the page around it, and the page's styles do not reach in. The app's colours
 * and font, set on :root there, are set on the element here.
 */
const own = `
:host { display: block; color: var(--text); }
:host([hidden]) { display: none; }
:host(parley-bell) { display: inline-block; background: transparent; }
.parley-root { height: 100%; display: flex; flex-direction: column; }
.parley-root > .inbox { flex: 1; min-height: 0; }
.parley-root > .conversation, .parley-root > * { min-height: 0; }
`;

export const elementCss = [base.replace(/:root\b/g, ':host'), chat, notifications, own].join('\n');
