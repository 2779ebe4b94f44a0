/*
 * The web app's service worker (served at /app/sw.js, scope /app/): shows Parley's Web Push
 * notifications with their action buttons and answers them.
 *
 * The payload (src/notifications/providers/webpush.ts) is JSON: title, body, icon, image, url
 * (the page the notification is about), parley_delivery_id and, for a notification with
 * buttons, category, actions [{action, title}] and actionUrl (POST /push-actions/{token}).
 * "Mark as read" and "Confirm receipt" post to actionUrl without opening anything; "Reply"
 * and "View order" open the page, where the user writes or looks; a click on the notification
 * itself opens the page too.
 */

/** Actions the service worker answers in the background, through actionUrl. */
const BACKGROUND_ACTIONS = ['mark-read', 'confirm-receipt'];

/** The title and options of the notification a push payload shows. */
function notificationFromPush(payload) {
  const p = payload && typeof payload === 'object' ? payload : {};
  const most = typeof Notification !== 'undefined' && Notification.maxActions ? Notification.maxActions : 2;
  const actions = Array.isArray(p.actions) ? p.actions.filter((a) => a && typeof a.action === 'string' && typeof a.title === 'string').slice(0, most) : [];
  return {
    title: typeof p.title === 'string' && p.title ? p.title : 'Parley',
    options: {
      body: typeof p.body === 'string' ? p.body : '',
      ...(typeof p.icon === 'string' ? { icon: p.icon } : {}),
      ...(typeof p.image === 'string' ? { image: p.image } : {}),
      // One notification per delivery: a push repeated by the push service replaces it.
      ...(typeof p.parley_delivery_id === 'string' ? { tag: p.parley_delivery_id } : {}),
      actions: actions.map((a) => ({ action: a.action, title: a.title })),
      data: { url: typeof p.url === 'string' ? p.url : undefined, actionUrl: typeof p.actionUrl === 'string' ? p.actionUrl : undefined, category: p.category },
    },
  };
}

/** Opens (or focuses) the app on `url`, or on the inbox. */
async function openPage(url) {
  const target = url || new URL('/app/', self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => w.url === target);
  if (open) return open.focus();
  return self.clients.openWindow(target);
}

/**
 * What a click does: a background action posts to the notification's actionUrl (the signed
 * token is the authority; no session is needed), and opens the page if Parley refuses it, so
 * the user sees why; anything else opens the page.
 */
async function answerClick(action, data) {
  const d = data || {};
  if (BACKGROUND_ACTIONS.includes(action) && d.actionUrl) {
    const response = await fetch(d.actionUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action }) });
    // 409: answered already (on another device, or twice): nothing more to do.
    if (response.ok || response.status === 409) return;
  }
  await openPage(d.url);
}

self.addEventListener('push', (event) => {
  let payload = {};
  try {
    payload = event.data ? event.data.json() : {};
  } catch {
    payload = { body: event.data ? event.data.text() : '' };
  }
  const { title, options } = notificationFromPush(payload);
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const answered = answerClick(event.action, event.notification.data);
  event.waitUntil(answered);
});
