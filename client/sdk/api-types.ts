/**
 * The API's types, generated from the route schemas (GET /openapi.json) by openapi-typescript.
 * Do not edit: change the route's schema and run `npm run sdk:types`.
 */

export interface paths {
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API description (OpenAPI 3.0) */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database reachable and migrations applied (503 otherwise); Redis reported, "degraded" while it is away */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's conversations, most recent activity first, each with its latest message as the caller sees it */
        get: operations["listConversations"];
        put?: never;
        /**
         * Create a conversation (idempotent: one per order, one per buyer and product for inquiries)
         * @description 201 with a new conversation; 200 with the one that already exists for the same order or inquiry.
         */
        post: operations["createConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One conversation, with who is online */
        get: operations["getConversation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive for the caller (participants only) */
        post: operations["archiveConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{id}/unarchive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bring back from the archive (participants only) */
        post: operations["unarchiveConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{id}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a participant (operators: a moderator to a dispute, say) */
        post: operations["addParticipant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages in sequence order: the newest page, or before/after a sequence number */
        get: operations["listMessages"];
        put?: never;
        /**
         * Send a message (idempotent on clientMessageId)
         * @description 201 with the new message; 200 with the stored one when its clientMessageId was sent before.
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{id}/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete your own message within the edit window; it stays as "deleted" (answered with it) */
        delete: operations["deleteMessage"];
        options?: never;
        head?: never;
        /** Edit your own message within the edit window */
        patch: operations["editMessage"];
        trace?: never;
    };
    "/conversations/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark messages read up to a sequence number (default: all) */
        post: operations["markConversationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search messages in the conversations you can see (every word must match) */
        get: operations["searchMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload an attachment (multipart/form-data, one "file" part); send it with a message by its id */
        post: operations["uploadAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an attachment (participants of its conversation only; one not yet sent, its uploader only) */
        get: operations["downloadAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a notification (idempotent on requestId; durable before the 202)
         * @description Content is literal (message.subject/body/htmlBody/smsText/pushNotification/inAppMessage) or message.template {key, locale, data}. Channels: email, sms, push, in-app, webhook, whatsapp. A repeated request is answered with its first answer and the header Idempotent-Replayed: true; a reused requestId with a different body is 409 request_id_reused.
         */
        post: operations["sendNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept up to 1,000 notifications in one transaction
         * @description Every request is validated first: if any is invalid, none is accepted (400 invalid_batch lists them). A reused requestId with a different body is reported per item as a conflict; the rest are accepted.
         */
        post: operations["sendNotificationBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries that ran out of attempts, oldest first */
        get: operations["listDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/dead-letters/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue dead-lettered (or failed) deliveries again, with their attempts reset */
        post: operations["replayDeadLetters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{requestId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status per channel, with the history of each delivery (operators, or the recipient) */
        get: operations["getNotificationStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Delivery analytics per channel, hourly series and provider health (operators); deliveryRate = delivered ÷ attempted, sentRate = sent ÷ attempted
         * @description Every figure is about the deliveries (one per notification and channel) accepted in the window, in the state they are in now, read from the database: every node answers the same. The window is the current hour and the hours − 1 whole hours before it (UTC), ending now; series has one point per hour for each channel with deliveries in the window. Per channel: accepted; pending (queued, a fallback step waiting, or being sent); attempted (sent at least once, or failed, bounced or dead-lettered: skipped, cancelled and pending ones are not); sent (handed to a provider or the in-app feed at least once, delivered ones included); delivered (confirmed by a provider callback or an in-app socket, or opened, read, clicked since); failed (for good: a permanent refusal, a template error, a bounce or a failure the provider reported); deadLettered (ran out of retries); skipped (preferences, limits, suppressed addresses, an earlier fallback step delivered, no device); cancelled. sentRate = sent ÷ attempted; deliveryRate = delivered ÷ attempted (null when nothing was attempted). Only in-app sockets and the SendGrid and Twilio callbacks confirm delivery: on other providers deliveries stay sent, so read sentRate there. latencyMs: from acceptance to the provider call that sent it (sentP50, sentP95; this includes any schedule.sendAt, fallback wait and retries) and to confirmed delivery (deliveredP50, deliveredP95); null when none. errors: error codes of the failed and dead-lettered deliveries; skipReasons: why deliveries were skipped. engagement: opened and clicked count the deliveries a person opened or clicked (an email's pixel and tracked links, or the app's reports for push and in-app; a click counts as an open); openRate = opened ÷ sent, clickRate = clicked ÷ sent. Opens and clicks judged a machine's (mail privacy proxies, security scanners) are in neither: machineOnlyOpened and machineOnlyClicked count the deliveries that only machines opened or clicked. providers: each configured provider in failover order with this process's circuit breaker (state closed, open or half_open; null on a node without the worker role: breakers are per process), and from the window's deliveries the number it sent and its failed calls.
         */
        get: operations["getNotificationAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's in-app notifications, newest first */
        get: operations["listMyNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many in-app notifications are unread */
        get: operations["countMyUnreadNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark notifications read (logIds, or all) */
        post: operations["markMyNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications/seen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark notifications seen (the list was shown) */
        post: operations["markMyNotificationsSeen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications/{logId}/click": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that the user followed a notification's action */
        post: operations["clickMyNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's communication preferences and devices */
        get: operations["getUserPreferences"];
        /**
         * Replace a user’s preferences (applied to every delivery not yet sent)
         * @description dailyLimits.promotionalSentToday and lastResetDate are kept by Parley; values sent for them are ignored. Devices have their own endpoints.
         */
        put: operations["replaceUserPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register (or refresh) a push device token
         * @description 201 when the device is new, 200 when a registered device got a new token or platform.
         */
        post: operations["registerDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/devices/{deviceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a push device */
        delete: operations["removeDevice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List templates */
        get: operations["listNotificationTemplates"];
        put?: never;
        /**
         * Create a template for a key, channel and locale (LiquidJS, strict variables)
         * @description A template that does not parse is refused with the reason; with sampleData it must also render.
         */
        post: operations["createNotificationTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/templates/{templateId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One template */
        get: operations["getNotificationTemplate"];
        /** Replace a template’s content (its version goes up) */
        put: operations["replaceNotificationTemplate"];
        post?: never;
        /** Delete a template */
        delete: operations["deleteNotificationTemplate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/templates/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render a saved template, or unsaved content, with sample data */
        post: operations["previewNotificationTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/callbacks/sendgrid/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * SendGrid Event Webhook (signed with ECDSA)
         * @description Called by SendGrid, not by API clients: no bearer token. Authenticated by the Event Webhook signature: X-Twilio-Email-Event-Webhook-Signature (ECDSA over the timestamp and the raw body, verified with the provider entry's eventWebhookPublicKey) and X-Twilio-Email-Event-Webhook-Timestamp (at most 10 minutes off). Missing, stale or wrong: 401 invalid_signature.
         */
        post: operations["receiveSendGridEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/callbacks/twilio/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Twilio message status callback (X-Twilio-Signature)
         * @description Called by Twilio, not by API clients: no bearer token. Authenticated by X-Twilio-Signature (HMAC-SHA1 with the account's auth token over the configured statusCallbackUrl and the form parameters). Missing or wrong: 401 invalid_signature.
         */
        post: operations["receiveTwilioStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/u/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The unsubscribe confirmation page (changes nothing: link scanners follow GETs) */
        get: operations["showUnsubscribePage"];
        put?: never;
        /**
         * One-click unsubscribe (RFC 8058): takes effect at once
         * @description Mail clients post `List-Unsubscribe=One-Click` as application/x-www-form-urlencoded (or multipart/form-data). The signed token says who and from what; the body is not needed. Answers JSON, or the confirmation page when the Accept header asks for text/html (the button on the GET page).
         */
        post: operations["unsubscribeOneClick"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/preferences/page/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hosted preference page: a recipient's notification types, channels and vendor consents */
        get: operations["showPreferencePage"];
        put?: never;
        /**
         * Saves the hosted preference page (a form post; answers the page again, saying it is saved)
         * @description The form the page shows, application/x-www-form-urlencoded: one field per notification type listing its channels, optOut, vendors and vendor:{id}, and the page's nonce.
         */
        post: operations["savePreferencePage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/callbacks/twilio/{provider}/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Twilio inbound SMS webhook: STOP, START and HELP (X-Twilio-Signature)
         * @description Called by Twilio, not by API clients: no bearer token. Set it as the number's (or messaging service's) incoming message webhook: PARLEY_PUBLIC_URL/callbacks/twilio/{provider}/inbound. Authenticated by X-Twilio-Signature (HMAC-SHA1 with the account's auth token over that URL and the form parameters); missing or wrong: 403 invalid_signature and nothing changes. Answers TwiML: the confirmation of a first STOP or START, the HELP text, or nothing.
         */
        post: operations["receiveTwilioInboundSms"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/callbacks/vonage/{provider}/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Vonage inbound SMS webhook: STOP, START and HELP (signed, sig parameter)
         * @description Called by Vonage, not by API clients: no bearer token. Set it as the number's inbound webhook (POST, form or JSON) with signed webhooks on. Authenticated by the `sig` parameter made with the provider entry's signatureSecret and signatureMethod (md5hash, md5, sha1, sha256 or sha512) over the other parameters, and a `timestamp` at most 10 minutes off; missing, stale or wrong: 403 invalid_signature and nothing changes. Replies (a first STOP or START, HELP) are sent through the same Vonage account.
         */
        post: operations["receiveVonageInboundSms"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/callbacks/whatsapp/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WhatsApp webhook verification request (hub.challenge)
         * @description Called by Meta when the webhook is set up in the app dashboard, not by API clients. With hub.mode=subscribe and the provider entry's verifyToken as hub.verify_token, answers hub.challenge as it came; a wrong token: 403 invalid_verify_token.
         */
        get: operations["verifyWhatsAppWebhook"];
        put?: never;
        /**
         * WhatsApp webhook: message statuses and inbound messages (X-Hub-Signature-256)
         * @description Called by Meta, not by API clients: no bearer token. Authenticated by X-Hub-Signature-256 (sha256= and an HMAC-SHA256 of the raw body keyed with the provider entry's appSecret); missing or wrong: 401 invalid_signature and nothing is written. Statuses (sent, delivered, read, failed) update the delivery with that wamid; each inbound message opens its number's 24-hour customer-service window; STOP and START stop and restart WhatsApp messages to the number.
         */
        post: operations["receiveWhatsAppEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The suppression list: addresses no channel sends to, newest first */
        get: operations["listSuppressions"];
        put?: never;
        /**
         * Suppress an address by hand (reason manual)
         * @description Every channel stops sending to it. 409 already_suppressed when it is listed already.
         */
        post: operations["addSuppression"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/suppressions/{channel}/{address}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Take an address off the suppression list
         * @description Sending to it resumes. A number that replied STOP is refused (409 stop_needs_start): only its owner lifts that, by texting START.
         */
        delete: operations["removeSuppression"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/suppressions/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail of the suppression list: who added or removed which address, when and why */
        get: operations["listSuppressionEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/o/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An email's open pixel: records the open, answers a 1×1 GIF
         * @description Written into every tracked email as a 1×1 image. Always the same transparent GIF, never cached, whatever the token: a forged, altered or unknown token records nothing and tells nothing. A person's first open sets the delivery's openedAt; opens judged a machine's (HEAD requests, Apple Mail Privacy Protection, security scanners, a fetch within 2 s of sending) are recorded apart.
         */
        get: operations["getOpenPixel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/t/c/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tracked link of an email: records the click, redirects (302) to the link as it was written
         * @description Every http(s) link of a tracked email leads here. The token names the delivery and the link's place in that message; the redirect goes only to the URL stored for it when the message was sent (never to a URL from the request). A forged or altered token, or a link the message does not have, is 404 link_not_found and records nothing. A person's first click sets the delivery's clickedAt; clicks judged a machine's (HEAD requests, security scanners, within 2 s of sending, every link at once) are recorded apart.
         */
        get: operations["followTrackedLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{logId}/opened": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report that the recipient opened a push or in-app notification
         * @description For the app and the SDK: the signed-in recipient reports their own notification (logId: the delivery's id, as the feed item's logId, or the push payload's parley_delivery_id). Anyone else's, or an unknown id, is 404. Email is not reported this way (409 tracked_by_message): its pixel and links record it. A notification not yet sent is 409 not_delivered. Repeating it records another open, never a second first one.
         */
        post: operations["reportNotificationOpened"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{logId}/clicked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report that the recipient followed a push or in-app notification's action
         * @description For the app and the SDK: the signed-in recipient reports their own notification (logId: the delivery's id, as the feed item's logId, or the push payload's parley_delivery_id). Anyone else's, or an unknown id, is 404. Email is not reported this way (409 tracked_by_message): its pixel and links record it. A notification not yet sent is 409 not_delivered. Repeating it records another click, never a second first one. An in-app notification clicked is read too.
         */
        post: operations["reportNotificationClicked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/orders/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take an order event (idempotent on eventId): the order conversation, a typed system message and notices follow
         * @description placed needs buyer and seller; paid needs payment; shipped needs shipment; dispute_opened needs dispute. An event that does not fit the order’s state is refused with 409 order_state_conflict and the reason. 201 when the event was taken now, 200 (with Idempotent-Replayed: true) when its eventId was taken before.
         */
        post: operations["takeOrderEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/orders/{orderId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The events taken for an order, oldest first (operators) */
        get: operations["listOrderEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/conversations/order/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The conversation of an order, created if needed (its buyer or seller; the backend for any order)
         * @description 201 when the conversation was created now, 200 when it existed.
         */
        post: operations["openOrderConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/conversations/product/{productId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask a seller about a product (one inquiry per buyer and product; asking again adds the question)
         * @description 201 when the inquiry was created now, 200 when the question was added to the existing one.
         */
        post: operations["askAboutProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/inquiry-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The questions a product inquiry can start with */
        get: operations["listInquiryTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/conversations/my-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's order conversations with each order's state, most recent activity first */
        get: operations["listMyOrderConversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/conversations/{id}/order-timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages and order events in one list, oldest first within a page (newest page by default) */
        get: operations["getOrderTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/conversations/{id}/auto-notify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Post an automated notice into the conversation (marked automated) and notify the other participants
         * @description 201 when the notice was posted now, 200 when its clientMessageId was posted before.
         */
        post: operations["postAutomatedNotice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How Parley reaches a user (the user themselves, or operators) */
        get: operations["getUserContact"];
        /** Set how to reach a user (operators) */
        put: operations["setUserContact"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/conversations/{id}/escalate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Escalate to a dispute: a moderator joins, the parties are told */
        post: operations["escalateConversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/conversations/{id}/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A conversation's disputes, newest first */
        get: operations["listConversationDisputes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The moderation queue: disputes by status and age, oldest first (moderators) */
        get: operations["listDisputeQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/disputes/{disputeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One dispute with its history */
        get: operations["getDispute"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Move a dispute along its lifecycle (its moderator; the party who opened it may close it) */
        patch: operations["changeDisputeStatus"];
        trace?: never;
    };
    "/marketplace/messaging/disputes/{disputeId}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a dispute (moderators), or assign it to a moderator (operators) */
        post: operations["assignDispute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/moderation/masking": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contact details hidden from recipients, counted per conversation and sender (moderators) */
        get: operations["countMaskedContactDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/moderation/flagged": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Conversations flagged for a buyer turning negative, newest first (moderators and operators) */
        get: operations["listFlaggedConversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/moderation/flags/{flagId}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a flag reviewed, with an optional note (moderators and operators) */
        post: operations["reviewFlag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/settings/contact-reveal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** When contact details are shown in an order’s conversation (operators) */
        get: operations["getContactRevealRule"];
        /** Set when contact details are shown: order statuses, and optionally a fulfilment such as local pickup (operators) */
        put: operations["setContactRevealRule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/disputes/{disputeId}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a dispute's evidence as one signed tar archive: messages as written, attachments, order events, moderator actions (its moderator, or operators) */
        get: operations["exportDisputeEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/parley-evidence-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public keys that verify dispute evidence archives (Ed25519, PEM); the current one signs new archives */
        get: operations["getEvidenceKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A seller's templates, by name; with conversationId, each also filled for that conversation
         * @description Sellers see their own; operators name the seller (or, with conversationId, get its seller). Filling needs the caller to be the conversation's seller or an operator.
         */
        get: operations["listReplyTemplates"];
        put?: never;
        /** Create a template (rate-limited per seller; at most 200 per seller) */
        post: operations["createReplyTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a template: name, content, category and shortcut (left out: none) */
        put: operations["replaceReplyTemplate"];
        post?: never;
        /** Delete a template */
        delete: operations["deleteReplyTemplate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/quick-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A seller's quick replies, oldest first */
        get: operations["listQuickReplies"];
        put?: never;
        /** Create a quick reply with trigger words (rate-limited per seller; at most 500 per seller) */
        post: operations["createQuickReply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/quick-replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a quick reply */
        delete: operations["deleteQuickReply"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/quick-replies/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Quick replies and templates that fit the buyer's latest message, best first
         * @description For the conversation's seller (or an operator). Each suggestion has a score and its reasons: trigger:<word>, similar, popular.
         */
        get: operations["suggestReplies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/conversations/{id}/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A conversation's response times, message counts, conversion and buyer sentiment (its seller, its moderators, operators)
         * @description Figures are precomputed by a background job (every PARLEY_ANALYTICS_INTERVAL_SECONDS, 60 by default), so they lag new messages by up to that interval. Platform and automated messages never count. A question is the buyer's first message after the seller's last reply; the seller's next message is its response; a response within 24 hours is on time, a later one is late. updatedAt is when the job last took in this conversation's messages.
         */
        get: operations["getConversationAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/seller/analytics/messaging": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A seller's messaging analytics over 7, 30 and 90 days, with the anonymised marketplace comparison
         * @description Figures are precomputed by a background job (every PARLEY_ANALYTICS_INTERVAL_SECONDS, 60 by default), so they lag new messages by up to that interval. Platform and automated messages never count. A question is the buyer's first message after the seller's last reply; the seller's next message is its response; a response within 24 hours is on time, a later one is late. A seller reads their own figures; an operator names any sellerId, or none for the whole marketplace. Each window's "marketplace" holds medians of per-seller figures, without seller ids, and is null when fewer than 5 sellers were active in the window. "satisfaction" holds the buyers' ratings of the seller's communication given in the window (read when asked, not precomputed): count, average, distribution over 1–5 and per ISO week.
         */
        get: operations["getSellerMessagingAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/push-actions/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take the action a user chose on a push notification (a reply, mark as read, confirm receipt); each notification answers once
         * @description The URL comes with the notification (FCM data parley_action_url, APNs parley_action_url, the Web Push payload's actionUrl). 404 push_action_not_valid for a forged, altered or expired token (or one signed for something else); 400 action_not_offered for an action the notification did not carry; 400 reply_text_required / reply_text_too_long for the reply's text; 409 push_action_used when the notification was answered already. A refused action changes nothing.
         */
        post: operations["takePushAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/orders/{orderId}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order's rating: whether its buyer was asked, what they gave, and whether they can rate now (its buyer, its seller, operators) */
        get: operations["getOrderRating"];
        put?: never;
        /**
         * The order's buyer rates the seller's communication (1–5, an optional comment), once per order
         * @description Possible once the order is delivered or a dispute over it is resolved (409 order_not_rateable before). A second rating is refused with 409 order_already_rated: a rating is never changed. Only the order's buyer may rate (403 buyer_only for its seller and operators, 404 for anyone else).
         */
        post: operations["rateOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/marketplace/messaging/seller/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A seller's ratings from buyers, newest first (sellers their own; operators any seller's, or every seller's without sellerId) */
        get: operations["listSellerRatings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything Parley holds about a user, as one JSON document (a download)
         * @description Conversations they take part in with every message decrypted, notifications addressed to them, preferences and devices (tokens masked), suppressions of their addresses, orders, disputes and seller replies. Written as it is read, conversation by conversation and page by page; Content-Disposition: attachment.
         */
        get: operations["exportUserData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Erase a person: everything Parley holds about them removed, or pseudonymised where others need the row
         * @description In one transaction: their messages become deleted messages, their contact, preferences, devices, templates, quick replies and attachments go, their notifications, orders, disputes, conversation places and consent records stay for others under a pseudonym with every personal field scrubbed. Answers the audit record; asking again for the same person answers the same record (200), erasing anything that arrived since.
         */
        delete: operations["eraseUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person’s promotional consents: as they stand, and their whole history */
        get: operations["getUserConsents"];
        put?: never;
        /**
         * Give or withdraw consent to promotional messages (a vendor’s, or the marketplace’s own)
         * @description Appended to the consent log with the client address and user agent of the request. The latest record per vendor and channel is the consent as it stands.
         */
        post: operations["recordConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vendors/{vendorId}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customers who consent to a vendor’s promotional messages (a seller: their own)
         * @description A seller's vendor id is their seller id. Paged by user id and channel.
         */
        get: operations["listVendorConsents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/email-replies/sendgrid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * SendGrid Inbound Parse webhook: a reply to a reply address, posted into its conversation
         * @description Called by SendGrid, not by API clients. Set the Inbound Parse URL of PARLEY_REPLY_DOMAIN to https://user:password@<Parley>/email-replies/sendgrid with the credentials of PARLEY_REPLY_SENDGRID_AUTH; wrong or missing: 401 and nothing is written. Takes the parsed form (to, from, text, html, envelope, headers) or the raw MIME ("email" field). A refused email (a reply address that is forged, unknown or expired, a sender who is not the participant, an automatic reply, nothing above the quote, too large) answers 406 with the refusal's code: neither SendGrid nor Mailgun send it again. A reply that cannot be stored just now answers 503, which both retry.
         */
        post: operations["receiveSendgridInboundReply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/email-replies/mailgun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mailgun route webhook: a reply to a reply address, posted into its conversation
         * @description Called by Mailgun, not by API clients: a route matching PARLEY_REPLY_DOMAIN with forward("https://<Parley>/email-replies/mailgun"). Authenticated by the signature, timestamp and token fields (HMAC-SHA256 of timestamp and token with PARLEY_REPLY_MAILGUN_SIGNING_KEY); a wrong signature, a timestamp more than 15 minutes off or a token used before: 403 and nothing is written. Takes the parsed form (recipient, sender, from, body-plain, message-headers) or raw MIME (body-mime). A refused email (a reply address that is forged, unknown or expired, a sender who is not the participant, an automatic reply, nothing above the quote, too large) answers 406 with the refusal's code: neither SendGrid nor Mailgun send it again. A reply that cannot be stored just now answers 503, which both retry.
         */
        post: operations["receiveMailgunInboundReply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoints the caller manages (an operator: every one, or one seller’s) */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Register an endpoint for events (an operator: every event; a seller: their own conversations and orders)
         * @description The URL must reach a public address (400 url_not_allowed otherwise). The answer carries the signing secret, shown only here and on rotation.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-endpoints/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Delete an endpoint and its delivery log */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /** Change an endpoint’s URL, event types or description, pause it, or enable it again */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/webhook-endpoints/{endpointId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the signing secret; the previous one keeps signing (a second signature) for a day */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-endpoints/{endpointId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an endpoint’s deliveries since a time again, with their original webhook-id */
        post: operations["replayWebhookDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-endpoints/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint’s delivery log, newest first */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Delivery, engagement and business KPIs over a window, each beside its target
         * @description Notifications accepted in [from, to) (default: the last 30 days; at most 366). A notification counts for a vendor when its metadata.vendorId is theirs (order notifications carry their seller). Sellers see their own KPIs (vendorId is theirs; another vendor is refused with 403); operators name any vendorId, or none for the whole marketplace. Latency runs from acceptance (created_at) to delivery; vendor response time is the average over buyer questions asked in the window, and ignores channel and type. A promotional conversion is an order by the same person (with the vendor, for a vendor) within PARLEY_KPI_ATTRIBUTION_HOURS after they opened or clicked a promotional notification.
         */
        get: operations["getKpis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/demo/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The demo users to pick from (demo mode only) */
        get: operations["listDemoUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/demo/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in as a demo user: a user JWT valid for 12 hours (demo mode only) */
        post: operations["signInAsDemoUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/demo/crm-receiver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The demo seller's CRM: takes signed event webhooks (demo mode only)
         * @description Verifies webhook-id, webhook-timestamp and webhook-signature with the secret of the endpoint registered for this URL; 204 when one matches, 401 invalid_signature otherwise.
         */
        post: operations["receiveDemoWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (behind a bearer token when PARLEY_METRICS_TOKEN is set) */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                        info: {
                            [key: string]: unknown;
                        };
                        paths: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready (or degraded): keep the node in rotation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description "degraded": serving, but Redis is away (events reach only this node's sockets). */
                        status: "ready" | "degraded" | "not_ready";
                        /** @description What was checked and how it went: database (ok, unreachable), migrations (ok, pending: ...), redis when configured (ok, unreachable). */
                        checks: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description Not ready: the database is unreachable or migrations are pending; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description "degraded": serving, but Redis is away (events reach only this node's sockets). */
                        status: "ready" | "degraded" | "not_ready";
                        /** @description What was checked and how it went: database (ok, unreachable), migrations (ok, pending: ...), redis when configured (ok, unreachable). */
                        checks: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
    listConversations: {
        parameters: {
            query?: {
                type?: "general" | "order" | "product_inquiry" | "dispute";
                orderId?: string;
                unread?: boolean;
                archived?: boolean;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        conversations: {
                            /** Format: uuid */
                            conversationId: string;
                            conversationType: string;
                            orderId: string | null;
                            productId: string | null;
                            listingId: string | null;
                            subject: string | null;
                            contextMetadata: {
                                [key: string]: unknown;
                            };
                            isAutomated: boolean;
                            participants: {
                                userId: string;
                                /** @description From the contact the marketplace gave (PUT /users/:userId/contact). */
                                name: string | null;
                                role: string;
                                lastReadSeq: number;
                                lastDeliveredSeq: number;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            lastMessageAt: string | null;
                            lastMessageSeq: number;
                            /** @description The caller's own; 0 for an operator who is not a participant. */
                            unreadCount: number;
                            /** @description Archived by the caller. */
                            archived: boolean;
                            lastMessage: {
                                /** Format: uuid */
                                messageId: string;
                                /** Format: uuid */
                                conversationId: string;
                                /** @description The message's place in its conversation: 1, 2, 3... without gaps. */
                                seq: number;
                                /** @description "system" for the platform. */
                                senderId: string;
                                messageType: string;
                                /** @description Null when deleted or without text; contact details masked when `masked`. */
                                content: string | null;
                                payload: {
                                    [key: string]: unknown;
                                } | null;
                                /** Format: date-time */
                                timestamp: string;
                                /** Format: date-time */
                                editedAt: string | null;
                                /** Format: date-time */
                                deletedAt: string | null;
                                isSystem: boolean;
                                /** @description Sent by automation (an order event, an automated notice), not typed by a person. */
                                isAutomated: boolean;
                                /** @description Contact details in the content are hidden from this viewer. */
                                masked: boolean;
                                readBy: string[];
                                status: "sent" | "delivered" | "read" | "deleted";
                                attachments: {
                                    /** Format: uuid */
                                    attachmentId: string;
                                    /** @description image, video, voice (an audio recording) or any other file, by its MIME type. */
                                    type: "image" | "video" | "voice" | "file";
                                    /** @description Where to download it (GET, with credentials). */
                                    url: string;
                                    fileName: string;
                                    mimeType: string;
                                    /** @description Bytes. */
                                    size: number;
                                    /** @description Videos and voice messages: how long they play, read from the file at upload. */
                                    durationMs?: number;
                                }[];
                                clientMessageId: string | null;
                                metadata: {
                                    [key: string]: unknown;
                                };
                            } | null;
                        }[];
                        /** @description Pass as ?cursor= for the next page; null at the end. */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    createConversation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    conversationType?: "general" | "order" | "product_inquiry" | "dispute";
                    orderId?: string;
                    productId?: string;
                    listingId?: string;
                    subject?: string;
                    contextMetadata?: {
                        [key: string]: unknown;
                    };
                    isAutomated?: boolean;
                    participants: {
                        userId: string;
                        role: "buyer" | "seller" | "moderator" | "system";
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        productId: string | null;
                        listingId: string | null;
                        subject: string | null;
                        contextMetadata: {
                            [key: string]: unknown;
                        };
                        isAutomated: boolean;
                        participants: {
                            userId: string;
                            /** @description From the contact the marketplace gave (PUT /users/:userId/contact). */
                            name: string | null;
                            role: string;
                            lastReadSeq: number;
                            lastDeliveredSeq: number;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        lastMessageAt: string | null;
                        lastMessageSeq: number;
                        /** @description The caller's own; 0 for an operator who is not a participant. */
                        unreadCount: number;
                        /** @description Archived by the caller. */
                        archived: boolean;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        productId: string | null;
                        listingId: string | null;
                        subject: string | null;
                        contextMetadata: {
                            [key: string]: unknown;
                        };
                        isAutomated: boolean;
                        participants: {
                            userId: string;
                            /** @description From the contact the marketplace gave (PUT /users/:userId/contact). */
                            name: string | null;
                            role: string;
                            lastReadSeq: number;
                            lastDeliveredSeq: number;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        lastMessageAt: string | null;
                        lastMessageSeq: number;
                        /** @description The caller's own; 0 for an operator who is not a participant. */
                        unreadCount: number;
                        /** @description Archived by the caller. */
                        archived: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        productId: string | null;
                        listingId: string | null;
                        subject: string | null;
                        contextMetadata: {
                            [key: string]: unknown;
                        };
                        isAutomated: boolean;
                        participants: {
                            userId: string;
                            /** @description From the contact the marketplace gave (PUT /users/:userId/contact). */
                            name: string | null;
                            role: string;
                            lastReadSeq: number;
                            lastDeliveredSeq: number;
                            online: boolean;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        lastMessageAt: string | null;
                        lastMessageSeq: number;
                        /** @description The caller's own; 0 for an operator who is not a participant. */
                        unreadCount: number;
                        /** @description Archived by the caller. */
                        archived: boolean;
                        /** @description Seconds after sending during which a message's sender may edit or delete it (PARLEY_EDIT_WINDOW_SECONDS). */
                        messageEditWindowSeconds: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    archiveConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        productId: string | null;
                        listingId: string | null;
                        subject: string | null;
                        contextMetadata: {
                            [key: string]: unknown;
                        };
                        isAutomated: boolean;
                        participants: {
                            userId: string;
                            /** @description From the contact the marketplace gave (PUT /users/:userId/contact). */
                            name: string | null;
                            role: string;
                            lastReadSeq: number;
                            lastDeliveredSeq: number;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        lastMessageAt: string | null;
                        lastMessageSeq: number;
                        /** @description The caller's own; 0 for an operator who is not a participant. */
                        unreadCount: number;
                        /** @description Archived by the caller. */
                        archived: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    unarchiveConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        productId: string | null;
                        listingId: string | null;
                        subject: string | null;
                        contextMetadata: {
                            [key: string]: unknown;
                        };
                        isAutomated: boolean;
                        participants: {
                            userId: string;
                            /** @description From the contact the marketplace gave (PUT /users/:userId/contact). */
                            name: string | null;
                            role: string;
                            lastReadSeq: number;
                            lastDeliveredSeq: number;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        lastMessageAt: string | null;
                        lastMessageSeq: number;
                        /** @description The caller's own; 0 for an operator who is not a participant. */
                        unreadCount: number;
                        /** @description Archived by the caller. */
                        archived: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    addParticipant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId: string;
                    role: "buyer" | "seller" | "moderator" | "system";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        productId: string | null;
                        listingId: string | null;
                        subject: string | null;
                        contextMetadata: {
                            [key: string]: unknown;
                        };
                        isAutomated: boolean;
                        participants: {
                            userId: string;
                            /** @description From the contact the marketplace gave (PUT /users/:userId/contact). */
                            name: string | null;
                            role: string;
                            lastReadSeq: number;
                            lastDeliveredSeq: number;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        lastMessageAt: string | null;
                        lastMessageSeq: number;
                        /** @description The caller's own; 0 for an operator who is not a participant. */
                        unreadCount: number;
                        /** @description Archived by the caller. */
                        archived: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listMessages: {
        parameters: {
            query?: {
                before?: number;
                after?: number;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messages: {
                            /** Format: uuid */
                            messageId: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** @description The message's place in its conversation: 1, 2, 3... without gaps. */
                            seq: number;
                            /** @description "system" for the platform. */
                            senderId: string;
                            messageType: string;
                            /** @description Null when deleted or without text; contact details masked when `masked`. */
                            content: string | null;
                            payload: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            timestamp: string;
                            /** Format: date-time */
                            editedAt: string | null;
                            /** Format: date-time */
                            deletedAt: string | null;
                            isSystem: boolean;
                            /** @description Sent by automation (an order event, an automated notice), not typed by a person. */
                            isAutomated: boolean;
                            /** @description Contact details in the content are hidden from this viewer. */
                            masked: boolean;
                            readBy: string[];
                            status: "sent" | "delivered" | "read" | "deleted";
                            attachments: {
                                /** Format: uuid */
                                attachmentId: string;
                                /** @description image, video, voice (an audio recording) or any other file, by its MIME type. */
                                type: "image" | "video" | "voice" | "file";
                                /** @description Where to download it (GET, with credentials). */
                                url: string;
                                fileName: string;
                                mimeType: string;
                                /** @description Bytes. */
                                size: number;
                                /** @description Videos and voice messages: how long they play, read from the file at upload. */
                                durationMs?: number;
                            }[];
                            clientMessageId: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                        }[];
                        hasMore: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    sendMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    content?: string;
                    messageType?: "text" | "image" | "video" | "voice" | "file" | "system" | "order_status" | "payment_confirmation" | "tracking" | "dispute_escalation" | "dispute_update" | "rating_request" | "product_inquiry";
                    attachments?: string[];
                    clientMessageId?: string;
                    payload?: {
                        [key: string]: unknown;
                    };
                    metadata?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        messageId: string;
                        /** Format: uuid */
                        conversationId: string;
                        /** @description The message's place in its conversation: 1, 2, 3... without gaps. */
                        seq: number;
                        /** @description "system" for the platform. */
                        senderId: string;
                        messageType: string;
                        /** @description Null when deleted or without text; contact details masked when `masked`. */
                        content: string | null;
                        payload: {
                            [key: string]: unknown;
                        } | null;
                        /** Format: date-time */
                        timestamp: string;
                        /** Format: date-time */
                        editedAt: string | null;
                        /** Format: date-time */
                        deletedAt: string | null;
                        isSystem: boolean;
                        /** @description Sent by automation (an order event, an automated notice), not typed by a person. */
                        isAutomated: boolean;
                        /** @description Contact details in the content are hidden from this viewer. */
                        masked: boolean;
                        readBy: string[];
                        status: "sent" | "delivered" | "read" | "deleted";
                        attachments: {
                            /** Format: uuid */
                            attachmentId: string;
                            /** @description image, video, voice (an audio recording) or any other file, by its MIME type. */
                            type: "image" | "video" | "voice" | "file";
                            /** @description Where to download it (GET, with credentials). */
                            url: string;
                            fileName: string;
                            mimeType: string;
                            /** @description Bytes. */
                            size: number;
                            /** @description Videos and voice messages: how long they play, read from the file at upload. */
                            durationMs?: number;
                        }[];
                        clientMessageId: string | null;
                        metadata: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        messageId: string;
                        /** Format: uuid */
                        conversationId: string;
                        /** @description The message's place in its conversation: 1, 2, 3... without gaps. */
                        seq: number;
                        /** @description "system" for the platform. */
                        senderId: string;
                        messageType: string;
                        /** @description Null when deleted or without text; contact details masked when `masked`. */
                        content: string | null;
                        payload: {
                            [key: string]: unknown;
                        } | null;
                        /** Format: date-time */
                        timestamp: string;
                        /** Format: date-time */
                        editedAt: string | null;
                        /** Format: date-time */
                        deletedAt: string | null;
                        isSystem: boolean;
                        /** @description Sent by automation (an order event, an automated notice), not typed by a person. */
                        isAutomated: boolean;
                        /** @description Contact details in the content are hidden from this viewer. */
                        masked: boolean;
                        readBy: string[];
                        status: "sent" | "delivered" | "read" | "deleted";
                        attachments: {
                            /** Format: uuid */
                            attachmentId: string;
                            /** @description image, video, voice (an audio recording) or any other file, by its MIME type. */
                            type: "image" | "video" | "voice" | "file";
                            /** @description Where to download it (GET, with credentials). */
                            url: string;
                            fileName: string;
                            mimeType: string;
                            /** @description Bytes. */
                            size: number;
                            /** @description Videos and voice messages: how long they play, read from the file at upload. */
                            durationMs?: number;
                        }[];
                        clientMessageId: string | null;
                        metadata: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Too many requests: wait for Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    deleteMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        messageId: string;
                        /** Format: uuid */
                        conversationId: string;
                        /** @description The message's place in its conversation: 1, 2, 3... without gaps. */
                        seq: number;
                        /** @description "system" for the platform. */
                        senderId: string;
                        messageType: string;
                        /** @description Null when deleted or without text; contact details masked when `masked`. */
                        content: string | null;
                        payload: {
                            [key: string]: unknown;
                        } | null;
                        /** Format: date-time */
                        timestamp: string;
                        /** Format: date-time */
                        editedAt: string | null;
                        /** Format: date-time */
                        deletedAt: string | null;
                        isSystem: boolean;
                        /** @description Sent by automation (an order event, an automated notice), not typed by a person. */
                        isAutomated: boolean;
                        /** @description Contact details in the content are hidden from this viewer. */
                        masked: boolean;
                        readBy: string[];
                        status: "sent" | "delivered" | "read" | "deleted";
                        attachments: {
                            /** Format: uuid */
                            attachmentId: string;
                            /** @description image, video, voice (an audio recording) or any other file, by its MIME type. */
                            type: "image" | "video" | "voice" | "file";
                            /** @description Where to download it (GET, with credentials). */
                            url: string;
                            fileName: string;
                            mimeType: string;
                            /** @description Bytes. */
                            size: number;
                            /** @description Videos and voice messages: how long they play, read from the file at upload. */
                            durationMs?: number;
                        }[];
                        clientMessageId: string | null;
                        metadata: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    editMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    content: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        messageId: string;
                        /** Format: uuid */
                        conversationId: string;
                        /** @description The message's place in its conversation: 1, 2, 3... without gaps. */
                        seq: number;
                        /** @description "system" for the platform. */
                        senderId: string;
                        messageType: string;
                        /** @description Null when deleted or without text; contact details masked when `masked`. */
                        content: string | null;
                        payload: {
                            [key: string]: unknown;
                        } | null;
                        /** Format: date-time */
                        timestamp: string;
                        /** Format: date-time */
                        editedAt: string | null;
                        /** Format: date-time */
                        deletedAt: string | null;
                        isSystem: boolean;
                        /** @description Sent by automation (an order event, an automated notice), not typed by a person. */
                        isAutomated: boolean;
                        /** @description Contact details in the content are hidden from this viewer. */
                        masked: boolean;
                        readBy: string[];
                        status: "sent" | "delivered" | "read" | "deleted";
                        attachments: {
                            /** Format: uuid */
                            attachmentId: string;
                            /** @description image, video, voice (an audio recording) or any other file, by its MIME type. */
                            type: "image" | "video" | "voice" | "file";
                            /** @description Where to download it (GET, with credentials). */
                            url: string;
                            fileName: string;
                            mimeType: string;
                            /** @description Bytes. */
                            size: number;
                            /** @description Videos and voice messages: how long they play, read from the file at upload. */
                            durationMs?: number;
                        }[];
                        clientMessageId: string | null;
                        metadata: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    markConversationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    seq?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lastReadSeq: number;
                        unreadCount: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    searchMessages: {
        parameters: {
            query: {
                q: string;
                conversationId?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messages: {
                            /** Format: uuid */
                            messageId: string;
                            /** Format: uuid */
                            conversationId: string;
                            /** @description The message's place in its conversation: 1, 2, 3... without gaps. */
                            seq: number;
                            /** @description "system" for the platform. */
                            senderId: string;
                            messageType: string;
                            /** @description Null when deleted or without text; contact details masked when `masked`. */
                            content: string | null;
                            payload: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            timestamp: string;
                            /** Format: date-time */
                            editedAt: string | null;
                            /** Format: date-time */
                            deletedAt: string | null;
                            isSystem: boolean;
                            /** @description Sent by automation (an order event, an automated notice), not typed by a person. */
                            isAutomated: boolean;
                            /** @description Contact details in the content are hidden from this viewer. */
                            masked: boolean;
                            readBy: string[];
                            status: "sent" | "delivered" | "read" | "deleted";
                            attachments: {
                                /** Format: uuid */
                                attachmentId: string;
                                /** @description image, video, voice (an audio recording) or any other file, by its MIME type. */
                                type: "image" | "video" | "voice" | "file";
                                /** @description Where to download it (GET, with credentials). */
                                url: string;
                                fileName: string;
                                mimeType: string;
                                /** @description Bytes. */
                                size: number;
                                /** @description Videos and voice messages: how long they play, read from the file at upload. */
                                durationMs?: number;
                            }[];
                            clientMessageId: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    uploadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        attachmentId: string;
                        /** @description image, video, voice (an audio recording) or any other file, by its MIME type. */
                        type: "image" | "video" | "voice" | "file";
                        /** @description Where to download it (GET, with credentials). */
                        url: string;
                        fileName: string;
                        mimeType: string;
                        /** @description Bytes. */
                        size: number;
                        /** @description Videos and voice messages: how long they play, read from the file at upload. */
                        durationMs?: number;
                        /** @description Hex SHA-256 of the bytes stored. */
                        sha256: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is well formed but its content is refused (such as a file that plays too long or carries malware). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    downloadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file's bytes, with its own Content-Type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    sendNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    requestId: string;
                    /** Format: date-time */
                    timestamp?: string;
                    notificationType: "transactional" | "promotional" | "systemAlert";
                    channels: ("email" | "sms" | "push" | "in-app" | "webhook" | "whatsapp")[];
                    recipient: {
                        userId: string;
                        /** Format: email */
                        email?: string;
                        /** @description E.164, e.g. +14155550100 */
                        phoneNumber?: string;
                        deviceId?: string;
                    };
                    message: {
                        subject?: string;
                        body?: string;
                        htmlBody?: string;
                        /** @description Longer than one segment (160 GSM-7 characters) is sent as a multi-part SMS */
                        smsText?: string;
                        pushNotification?: {
                            title: string;
                            body: string;
                            /** Format: uri */
                            icon?: string;
                            action?: {
                                type: "viewOrder" | "openProduct" | "custom";
                                /** Format: uri */
                                url?: string;
                            };
                            interactive?: {
                                /** @description parley.message: Reply and Mark as read (needs conversationId); parley.order-shipped: Confirm receipt and View order (needs orderId) */
                                category: "parley.message" | "parley.order-shipped";
                                /** Format: uuid */
                                conversationId?: string;
                                orderId?: string;
                                /** @description The language of the buttons' titles, the recipient's (e.g. de-AT); default: the service's default locale */
                                locale?: string;
                            };
                        };
                        inAppMessage?: {
                            title: string;
                            body: string;
                            /** Format: uri */
                            imageUrl?: string;
                            action?: {
                                type: "viewOrder" | "openProduct" | "custom";
                                /** Format: uri */
                                url?: string;
                            };
                        };
                        /** @description Without text, smsText or body is the free text. Without a template, a recipient whose window is closed is not reached: the delivery fails with outside_service_window. */
                        whatsapp?: {
                            /** @description Sent while the recipient wrote to the business in the last 24 hours. */
                            text?: string;
                            template?: {
                                /** @description The template name as approved in WhatsApp Manager. */
                                name: string;
                                /** @description Its language code, e.g. en_US. */
                                language: string;
                                /** @description The values of the body's {{1}}, {{2}}, ... */
                                parameters?: string[];
                            };
                        };
                        template?: {
                            key: string;
                            locale?: string;
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        /**
                         * Format: email
                         * @description The Reply-To address of the email (email channel only); replies go there instead of to the sender.
                         */
                        replyTo?: string;
                    };
                    schedule?: {
                        /** Format: date-time */
                        sendAt?: string;
                    };
                    metadata?: {
                        priority?: "low" | "medium" | "high";
                        retries?: number;
                        campaignId?: string;
                        /** @description The vendor (seller user id) the notification is sent for or about: its KPIs count it (GET /kpis?vendorId=); a promotion's unsubscribe link withdraws consent to this vendor only, and it is skipped once the user withdrew that consent. */
                        vendorId?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        requestId: string;
                        /** @enum {string} */
                        status: "accepted";
                        /** Format: date-time */
                        acceptedAt: string;
                        /** @description One delivery per channel, in the order of the request. */
                        deliveries: {
                            /** Format: uuid */
                            logId: string;
                            channel: "email" | "sms" | "push" | "in-app" | "webhook" | "whatsapp";
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The notification queue is past its configured backlog (queue_backlog): send the same request again after Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    sendNotificationBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    notifications: {
                        /** Format: uuid */
                        requestId: string;
                        /** Format: date-time */
                        timestamp?: string;
                        notificationType: "transactional" | "promotional" | "systemAlert";
                        channels: ("email" | "sms" | "push" | "in-app" | "webhook" | "whatsapp")[];
                        recipient: {
                            userId: string;
                            /** Format: email */
                            email?: string;
                            /** @description E.164, e.g. +14155550100 */
                            phoneNumber?: string;
                            deviceId?: string;
                        };
                        message: {
                            subject?: string;
                            body?: string;
                            htmlBody?: string;
                            /** @description Longer than one segment (160 GSM-7 characters) is sent as a multi-part SMS */
                            smsText?: string;
                            pushNotification?: {
                                title: string;
                                body: string;
                                /** Format: uri */
                                icon?: string;
                                action?: {
                                    type: "viewOrder" | "openProduct" | "custom";
                                    /** Format: uri */
                                    url?: string;
                                };
                                interactive?: {
                                    /** @description parley.message: Reply and Mark as read (needs conversationId); parley.order-shipped: Confirm receipt and View order (needs orderId) */
                                    category: "parley.message" | "parley.order-shipped";
                                    /** Format: uuid */
                                    conversationId?: string;
                                    orderId?: string;
                                    /** @description The language of the buttons' titles, the recipient's (e.g. de-AT); default: the service's default locale */
                                    locale?: string;
                                };
                            };
                            inAppMessage?: {
                                title: string;
                                body: string;
                                /** Format: uri */
                                imageUrl?: string;
                                action?: {
                                    type: "viewOrder" | "openProduct" | "custom";
                                    /** Format: uri */
                                    url?: string;
                                };
                            };
                            /** @description Without text, smsText or body is the free text. Without a template, a recipient whose window is closed is not reached: the delivery fails with outside_service_window. */
                            whatsapp?: {
                                /** @description Sent while the recipient wrote to the business in the last 24 hours. */
                                text?: string;
                                template?: {
                                    /** @description The template name as approved in WhatsApp Manager. */
                                    name: string;
                                    /** @description Its language code, e.g. en_US. */
                                    language: string;
                                    /** @description The values of the body's {{1}}, {{2}}, ... */
                                    parameters?: string[];
                                };
                            };
                            template?: {
                                key: string;
                                locale?: string;
                                data?: {
                                    [key: string]: unknown;
                                };
                            };
                            /**
                             * Format: email
                             * @description The Reply-To address of the email (email channel only); replies go there instead of to the sender.
                             */
                            replyTo?: string;
                        };
                        schedule?: {
                            /** Format: date-time */
                            sendAt?: string;
                        };
                        metadata?: {
                            priority?: "low" | "medium" | "high";
                            retries?: number;
                            campaignId?: string;
                            /** @description The vendor (seller user id) the notification is sent for or about: its KPIs count it (GET /kpis?vendorId=); a promotion's unsubscribe link withdraws consent to this vendor only, and it is skipped once the user withdrew that consent. */
                            vendorId?: string;
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Requests accepted now or before (replays). */
                        accepted: number;
                        /** @description Requests refused for a reused requestId. */
                        conflicts: number;
                        /** @description One per request, in the order sent. */
                        results: ({
                            /** Format: uuid */
                            requestId: string;
                            /** @enum {string} */
                            status: "accepted";
                            /** Format: date-time */
                            acceptedAt: string;
                            /** @description One delivery per channel, in the order of the request. */
                            deliveries: {
                                /** Format: uuid */
                                logId: string;
                                channel: "email" | "sms" | "push" | "in-app" | "webhook" | "whatsapp";
                            }[];
                            /** @description The same request was accepted before; this is its first answer. */
                            replayed: boolean;
                        } | {
                            /** Format: uuid */
                            requestId: string;
                            /** @enum {string} */
                            status: "conflict";
                            error: {
                                code: string;
                                message: string;
                            };
                        })[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The notification queue is past its configured backlog (queue_backlog): send the same request again after Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listDeadLetters: {
        parameters: {
            query?: {
                channel?: "email" | "sms" | "push" | "in-app" | "webhook" | "whatsapp";
                /** @description The `next` of the previous page. */
                after?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deadLetters: {
                            /** Format: uuid */
                            requestId: string;
                            userId: string;
                            notificationType: "transactional" | "promotional" | "systemAlert";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            logId: string;
                            channel: "email" | "sms" | "push" | "in-app" | "webhook" | "whatsapp";
                            /** @description queued, standby (a later fallback step), sending, sent, delivered, opened, read, clicked, failed, bounced, dead, skipped or cancelled */
                            status: string;
                            /** @description The fallback step (0 for every channel of an "all" notification). */
                            step: number;
                            provider: string | null;
                            attempts: number;
                            maxRetries: number;
                            /** Format: date-time */
                            sendTime: string | null;
                            /** Format: date-time */
                            nextAttemptAt: string | null;
                            /** Format: date-time */
                            deliveryTime: string | null;
                            externalMessageId: string | null;
                            errorCode: string | null;
                            errorMessage: string | null;
                            /**
                             * Format: date-time
                             * @description The first open by a person: an email's pixel, or an open the app reported (a click counts as one). Machines never set it.
                             */
                            openedAt: string | null;
                            /**
                             * Format: date-time
                             * @description The first click by a person. Machines never set it.
                             */
                            clickedAt: string | null;
                            history: {
                                at: string;
                                status: string;
                                attempt?: number;
                                provider?: string;
                                code?: string;
                                detail?: string;
                                device?: string;
                                externalId?: string;
                            }[];
                        }[];
                        /** Format: uuid */
                        next: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    replayDeadLetters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    logIds: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        replayed: string[];
                        /** @description Not dead-lettered or failed, or unknown. */
                        notReplayed: string[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getNotificationStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                requestId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        requestId: string;
                        notificationType: "transactional" | "promotional" | "systemAlert";
                        userId: string;
                        /** Format: date-time */
                        acceptedAt: string;
                        priority: string;
                        campaignId: string | null;
                        deliveries: {
                            /** Format: uuid */
                            logId: string;
                            channel: "email" | "sms" | "push" | "in-app" | "webhook" | "whatsapp";
                            /** @description queued, standby (a later fallback step), sending, sent, delivered, opened, read, clicked, failed, bounced, dead, skipped or cancelled */
                            status: string;
                            /** @description The fallback step (0 for every channel of an "all" notification). */
                            step: number;
                            provider: string | null;
                            attempts: number;
                            maxRetries: number;
                            /** Format: date-time */
                            sendTime: string | null;
                            /** Format: date-time */
                            nextAttemptAt: string | null;
                            /** Format: date-time */
                            deliveryTime: string | null;
                            externalMessageId: string | null;
                            errorCode: string | null;
                            errorMessage: string | null;
                            /**
                             * Format: date-time
                             * @description The first open by a person: an email's pixel, or an open the app reported (a click counts as one). Machines never set it.
                             */
                            openedAt: string | null;
                            /**
                             * Format: date-time
                             * @description The first click by a person. Machines never set it.
                             */
                            clickedAt: string | null;
                            history: {
                                at: string;
                                status: string;
                                attempt?: number;
                                provider?: string;
                                code?: string;
                                detail?: string;
                                device?: string;
                                externalId?: string;
                            }[];
                            engagement: {
                                /** @description Opens by a person (each fetch of the pixel, or each open the app reported). */
                                opens: number;
                                /** @description Opens judged a machine's: mail privacy proxies, scanners, HEAD requests, a fetch within 2 s of sending. */
                                machineOpens: number;
                                /** @description Every click recorded, oldest first (at most 100 per delivery). */
                                clicks: {
                                    /** Format: date-time */
                                    at: string;
                                    /** @description The link's place in the email (0 is its first link); null for a click the app reported. */
                                    linkIndex: number | null;
                                    /** @description Where the link led. */
                                    url: string | null;
                                    /** @description email_link (a tracked link of an email) or app (reported by the app or the SDK). */
                                    source: string;
                                    /** @description Judged a machine's (a security scanner, a link checker), not a person's. */
                                    machine: boolean;
                                    /** @description head_request, scanner_agent, too_soon or link_sweep. */
                                    machineReason: string | null;
                                }[];
                            };
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getNotificationAnalytics: {
        parameters: {
            query?: {
                /** @description The window in hours, 1 to 720 (30 days); 24 by default */
                hours?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        window: {
                            /** Format: date-time */
                            from: string;
                            /** Format: date-time */
                            to: string;
                            hours: number;
                        };
                        channels: {
                            channel: string;
                            accepted: number;
                            pending: number;
                            attempted: number;
                            sent: number;
                            delivered: number;
                            failed: number;
                            deadLettered: number;
                            skipped: number;
                            cancelled: number;
                            sentRate: number | null;
                            deliveryRate: number | null;
                            latencyMs: {
                                sentP50: number | null;
                                sentP95: number | null;
                                deliveredP50: number | null;
                                deliveredP95: number | null;
                            };
                            errors: {
                                code: string;
                                count: number;
                            }[];
                            skipReasons: {
                                code: string;
                                count: number;
                            }[];
                            engagement: {
                                opened: number;
                                clicked: number;
                                openRate: number | null;
                                clickRate: number | null;
                                machineOnlyOpened: number;
                                machineOnlyClicked: number;
                            };
                        }[];
                        series: {
                            /** Format: date-time */
                            hour: string;
                            channel: string;
                            accepted: number;
                            sent: number;
                            delivered: number;
                            failed: number;
                            deadLettered: number;
                        }[];
                        providers: {
                            name: string;
                            channel: string;
                            configured: boolean;
                            state: "closed" | "open" | "half_open" | (never | null);
                            consecutiveFailures: number | null;
                            /** Format: date-time */
                            trialAt: string | null;
                            sent: number;
                            failedAttempts: number;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listMyNotifications: {
        parameters: {
            query?: {
                unread?: boolean;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        notifications: {
                            /** Format: uuid */
                            logId: string;
                            /** Format: uuid */
                            requestId: string;
                            notificationType: string;
                            title: string;
                            body: string;
                            imageUrl: string | null;
                            action: {
                                type: string;
                                url?: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            seenAt: string | null;
                            /** Format: date-time */
                            readAt: string | null;
                            /**
                             * Format: date-time
                             * @description When the user first opened it (POST /notifications/:logId/opened or /clicked); in the feed, not in notification.created.
                             */
                            openedAt?: string | null;
                        }[];
                        /** @description Pass as ?cursor= for the next page; null at the end. */
                        nextCursor: string | null;
                        unread: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    countMyUnreadNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        unread: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    markMyNotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description logIds, or all: true. */
        requestBody: {
            content: {
                "application/json": {
                    logIds?: string[];
                    all?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Items newly marked. */
                        marked: number;
                        unread: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    markMyNotificationsSeen: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description logIds, or all: true. */
        requestBody: {
            content: {
                "application/json": {
                    logIds?: string[];
                    all?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Items newly marked. */
                        marked: number;
                        unread: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    clickMyNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                logId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        logId: string;
                        unread: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getUserPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        preferences: {
                            channels: {
                                transactional?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                                promotional?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                                systemAlert?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                            };
                            doNotDisturb: {
                                enabled: boolean;
                                /** @description HH:MM, 24-hour */
                                startTime: string;
                                /** @description HH:MM, 24-hour */
                                endTime: string;
                                /** @description IANA, e.g. America/New_York */
                                timezone: string;
                            } | null;
                            dailyLimits: {
                                promotionalLimit: number | null;
                                promotionalSentToday: number;
                                /**
                                 * Format: date
                                 * @description Today in the user's timezone.
                                 */
                                lastResetDate: string;
                            };
                            optOut: {
                                email: boolean;
                                sms: boolean;
                                push: boolean;
                                inApp: boolean;
                                whatsapp: boolean;
                            };
                            preferredTimeForDelivery: {
                                enabled: boolean;
                                /** @description HH:MM, 24-hour */
                                startTime: string;
                                /** @description HH:MM, 24-hour */
                                endTime: string;
                                /** @description IANA, e.g. America/New_York */
                                timezone: string;
                            } | null;
                            digests: {
                                transactional?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                promotional?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                systemAlert?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                chat?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                /** @description IANA, e.g. Europe/Berlin; default: the delivery-window or do-not-disturb timezone, else UTC */
                                timezone?: string;
                            };
                        };
                        deviceTokens: {
                            deviceId: string;
                            token: string;
                            platform: "android" | "ios" | "web";
                            /** Format: date-time */
                            lastUsed: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    replaceUserPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    preferences: {
                        channels?: {
                            transactional?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                            promotional?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                            systemAlert?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                        };
                        doNotDisturb?: {
                            enabled: boolean;
                            /** @description HH:MM, 24-hour */
                            startTime: string;
                            /** @description HH:MM, 24-hour */
                            endTime: string;
                            /** @description IANA, e.g. America/New_York */
                            timezone: string;
                        };
                        dailyLimits?: {
                            promotionalLimit: number;
                            promotionalSentToday?: number;
                            lastResetDate?: string;
                        };
                        optOut?: {
                            email?: boolean;
                            sms?: boolean;
                            push?: boolean;
                            inApp?: boolean;
                            whatsapp?: boolean;
                        };
                        preferredTimeForDelivery?: {
                            enabled: boolean;
                            /** @description HH:MM, 24-hour */
                            startTime: string;
                            /** @description HH:MM, 24-hour */
                            endTime: string;
                            /** @description IANA, e.g. America/New_York */
                            timezone: string;
                        };
                        digests?: {
                            transactional?: {
                                /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                mode: "off" | "hourly" | "daily";
                                /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                at?: string;
                            };
                            promotional?: {
                                /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                mode: "off" | "hourly" | "daily";
                                /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                at?: string;
                            };
                            systemAlert?: {
                                /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                mode: "off" | "hourly" | "daily";
                                /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                at?: string;
                            };
                            chat?: {
                                /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                mode: "off" | "hourly" | "daily";
                                /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                at?: string;
                            };
                            /** @description IANA, e.g. Europe/Berlin; default: the delivery-window or do-not-disturb timezone, else UTC */
                            timezone?: string;
                        };
                    };
                    userId?: string;
                    deviceTokens?: unknown[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        preferences: {
                            channels: {
                                transactional?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                                promotional?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                                systemAlert?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                            };
                            doNotDisturb: {
                                enabled: boolean;
                                /** @description HH:MM, 24-hour */
                                startTime: string;
                                /** @description HH:MM, 24-hour */
                                endTime: string;
                                /** @description IANA, e.g. America/New_York */
                                timezone: string;
                            } | null;
                            dailyLimits: {
                                promotionalLimit: number | null;
                                promotionalSentToday: number;
                                /**
                                 * Format: date
                                 * @description Today in the user's timezone.
                                 */
                                lastResetDate: string;
                            };
                            optOut: {
                                email: boolean;
                                sms: boolean;
                                push: boolean;
                                inApp: boolean;
                                whatsapp: boolean;
                            };
                            preferredTimeForDelivery: {
                                enabled: boolean;
                                /** @description HH:MM, 24-hour */
                                startTime: string;
                                /** @description HH:MM, 24-hour */
                                endTime: string;
                                /** @description IANA, e.g. America/New_York */
                                timezone: string;
                            } | null;
                            digests: {
                                transactional?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                promotional?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                systemAlert?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                chat?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                /** @description IANA, e.g. Europe/Berlin; default: the delivery-window or do-not-disturb timezone, else UTC */
                                timezone?: string;
                            };
                        };
                        deviceTokens: {
                            deviceId: string;
                            token: string;
                            platform: "android" | "ios" | "web";
                            /** Format: date-time */
                            lastUsed: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    registerDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    deviceId: string;
                    /** @description FCM registration token, APNs device token, or a Web Push subscription as JSON */
                    token: string;
                    platform: "android" | "ios" | "web";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deviceId: string;
                        token: string;
                        platform: "android" | "ios" | "web";
                        /** Format: date-time */
                        lastUsed: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deviceId: string;
                        token: string;
                        platform: "android" | "ios" | "web";
                        /** Format: date-time */
                        lastUsed: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    removeDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                deviceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listNotificationTemplates: {
        parameters: {
            query?: {
                key?: string;
                channel?: "email" | "sms" | "push" | "in-app";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        templates: {
                            /** Format: uuid */
                            templateId: string;
                            key: string;
                            channel: "email" | "sms" | "push" | "in-app";
                            locale: string;
                            content: {
                                subject?: string;
                                text?: string;
                                html?: string;
                                title?: string;
                                body?: string;
                                icon?: string;
                                imageUrl?: string;
                                actionUrl?: string;
                            };
                            /** @description Goes up with every change of the content. */
                            version: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    createNotificationTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    channel: "email" | "sms" | "push" | "in-app";
                    locale?: string;
                    content: {
                        subject?: string;
                        text?: string;
                        html?: string;
                        title?: string;
                        body?: string;
                        icon?: string;
                        imageUrl?: string;
                        actionUrl?: string;
                    };
                    sampleData?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        templateId: string;
                        key: string;
                        channel: "email" | "sms" | "push" | "in-app";
                        locale: string;
                        content: {
                            subject?: string;
                            text?: string;
                            html?: string;
                            title?: string;
                            body?: string;
                            icon?: string;
                            imageUrl?: string;
                            actionUrl?: string;
                        };
                        /** @description Goes up with every change of the content. */
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Too many requests: wait for Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getNotificationTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                templateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        templateId: string;
                        key: string;
                        channel: "email" | "sms" | "push" | "in-app";
                        locale: string;
                        content: {
                            subject?: string;
                            text?: string;
                            html?: string;
                            title?: string;
                            body?: string;
                            icon?: string;
                            imageUrl?: string;
                            actionUrl?: string;
                        };
                        /** @description Goes up with every change of the content. */
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    replaceNotificationTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                templateId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    content: {
                        subject?: string;
                        text?: string;
                        html?: string;
                        title?: string;
                        body?: string;
                        icon?: string;
                        imageUrl?: string;
                        actionUrl?: string;
                    };
                    sampleData?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        templateId: string;
                        key: string;
                        channel: "email" | "sms" | "push" | "in-app";
                        locale: string;
                        content: {
                            subject?: string;
                            text?: string;
                            html?: string;
                            title?: string;
                            body?: string;
                            icon?: string;
                            imageUrl?: string;
                            actionUrl?: string;
                        };
                        /** @description Goes up with every change of the content. */
                        version: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Too many requests: wait for Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    deleteNotificationTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                templateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    previewNotificationTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    templateId?: string;
                    channel?: "email" | "sms" | "push" | "in-app";
                    content?: {
                        subject?: string;
                        text?: string;
                        html?: string;
                        title?: string;
                        body?: string;
                        icon?: string;
                        imageUrl?: string;
                        actionUrl?: string;
                    };
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: "email" | "sms" | "push" | "in-app";
                        rendered: {
                            subject?: string;
                            text?: string;
                            html?: string;
                            title?: string;
                            body?: string;
                            icon?: string;
                            imageUrl?: string;
                            action?: {
                                type: string;
                                url?: string;
                            };
                        };
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    receiveSendGridEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Events in the body. */
                        received: number;
                        /** @description Events that matched a delivery. */
                        matched: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    receiveTwilioStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Events in the body. */
                        received: number;
                        /** @description Events that matched a delivery. */
                        matched: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    showUnsubscribePage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page with one button that posts the unsubscribe. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    unsubscribeOneClick: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        unsubscribed: true;
                        /** @description false when the user was unsubscribed already (repeating is harmless). */
                        changed: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    showPreferencePage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page, in English or German (the user's locale, else Accept-Language). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    savePreferencePage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    nonce: string;
                } & {
                    [key: string]: string | string[];
                };
            };
        };
        responses: {
            /** @description Saved: the page again, with the saved choices and a status line. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    receiveTwilioInboundSms: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description TwiML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/xml": string;
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    receiveVonageInboundSms: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keyword: "stop" | "start" | "help" | (never | null);
                        replied: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    verifyWhatsAppWebhook: {
        parameters: {
            query: {
                "hub.mode": string;
                "hub.verify_token": string;
                "hub.challenge": string;
            };
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description hub.challenge */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    receiveWhatsAppEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Statuses in the body. */
                        received: number;
                        /** @description Statuses that matched a delivery. */
                        matched: number;
                        /** @description Messages from customers in the body. */
                        inbound: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listSuppressions: {
        parameters: {
            query?: {
                /** @description email (an address), sms (an E.164 number) or push (a device token). */
                channel?: "email" | "sms" | "push" | "whatsapp";
                reason?: "hard_bounce" | "complaint" | "stop" | "manual" | "stale_token" | "unregistered";
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        suppressions: {
                            channel: string;
                            address: string;
                            /** @description One of hard_bounce, complaint, stop, manual, stale_token, unregistered. */
                            reason: string;
                            /** @description An operator, provider:<name>, sms:<provider>, job:<name>; null for entries older than the audit trail. */
                            addedBy: string | null;
                            note: string | null;
                            /**
                             * Format: uuid
                             * @description The delivery whose bounce or complaint added it.
                             */
                            deliveryId: string | null;
                            /**
                             * Format: date-time
                             * @description When the provider says the address stopped working (APNs timestamp).
                             */
                            reportedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        /** @description Pass as ?cursor= for the next page; null at the end. */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    addSuppression: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description email (an address), sms (an E.164 number) or push (a device token). */
                    channel: "email" | "sms" | "push" | "whatsapp";
                    address: string;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string;
                        address: string;
                        /** @description One of hard_bounce, complaint, stop, manual, stale_token, unregistered. */
                        reason: string;
                        /** @description An operator, provider:<name>, sms:<provider>, job:<name>; null for entries older than the audit trail. */
                        addedBy: string | null;
                        note: string | null;
                        /**
                         * Format: uuid
                         * @description The delivery whose bounce or complaint added it.
                         */
                        deliveryId: string | null;
                        /**
                         * Format: date-time
                         * @description When the provider says the address stopped working (APNs timestamp).
                         */
                        reportedAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    removeSuppression: {
        parameters: {
            query?: {
                note?: string;
            };
            header?: never;
            path: {
                /** @description email (an address), sms (an E.164 number) or push (a device token). */
                channel: "email" | "sms" | "push" | "whatsapp";
                address: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listSuppressionEvents: {
        parameters: {
            query?: {
                /** @description email (an address), sms (an E.164 number) or push (a device token). */
                channel?: "email" | "sms" | "push" | "whatsapp";
                address?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: {
                            /** Format: uuid */
                            eventId: string;
                            channel: string;
                            address: string;
                            action: "added" | "removed";
                            reason: string;
                            /** @description Who or what changed the list. */
                            actor: string;
                            note: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        /** @description Pass as ?cursor= for the next page; null at the end. */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getOpenPixel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The signed token Parley wrote into the message. */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description image/gif, 1×1, transparent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    followTrackedLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The signed token Parley wrote into the message. */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect: the Location header is the link as written in the message. */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    reportNotificationOpened: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                logId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        logId: string;
                        channel: string;
                        /** @description The delivery status after this report: it only moves forward (sent, delivered → opened → clicked). */
                        status: string;
                        /** @description This was the first open (or click) recorded for the notification. */
                        first: boolean;
                        /**
                         * Format: date-time
                         * @description The first open (a click counts as one).
                         */
                        openedAt: string | null;
                        /** Format: date-time */
                        clickedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    reportNotificationClicked: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                logId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        logId: string;
                        channel: string;
                        /** @description The delivery status after this report: it only moves forward (sent, delivered → opened → clicked). */
                        status: string;
                        /** @description This was the first open (or click) recorded for the notification. */
                        first: boolean;
                        /**
                         * Format: date-time
                         * @description The first open (a click counts as one).
                         */
                        openedAt: string | null;
                        /** Format: date-time */
                        clickedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    takeOrderEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The marketplace’s id for this event; sending it again changes nothing */
                    eventId: string;
                    type: "placed" | "paid" | "shipped" | "delivered" | "cancelled" | "refunded" | "dispute_opened";
                    orderId: string;
                    /** Format: date-time */
                    occurredAt?: string;
                    buyer?: {
                        userId: string;
                        name?: string;
                        /** Format: email */
                        email?: string;
                        /** @description E.164, e.g. +14155550100 */
                        phoneNumber?: string;
                        locale?: string;
                    };
                    seller?: {
                        userId: string;
                        name?: string;
                        /** Format: email */
                        email?: string;
                        /** @description E.164, e.g. +14155550100 */
                        phoneNumber?: string;
                        locale?: string;
                    };
                    order?: {
                        total?: number;
                        /** @description ISO 4217, e.g. EUR */
                        currency?: string;
                        /** @description How the order is fulfilled; a contact-reveal rule may require one (local pickup, say) */
                        fulfilment?: "delivery" | "local_pickup";
                        items?: {
                            productId?: string;
                            listingId?: string;
                            title?: string;
                            quantity?: number;
                            unitPrice?: number;
                        }[];
                    };
                    payment?: {
                        amount: number;
                        /** @description ISO 4217, e.g. EUR */
                        currency: string;
                        paymentId?: string;
                    };
                    shipment?: {
                        carrier: string;
                        trackingNumber: string;
                        /** Format: uri */
                        trackingUrl?: string;
                    };
                    refund?: {
                        amount?: number;
                        /** @description ISO 4217, e.g. EUR */
                        currency?: string;
                        reason?: string;
                    };
                    cancellation?: {
                        reason?: string;
                    };
                    dispute?: {
                        reason: string;
                    };
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventId: string;
                        orderId: string;
                        type: string;
                        /** @description True when this event id was taken before: nothing changed this time. */
                        replayed: boolean;
                        /** Format: uuid */
                        conversationId: string;
                        messageId: string | null;
                        order: {
                            orderId: string;
                            status: string;
                            buyerId: string;
                            sellerId: string;
                            total: number | null;
                            currency: string | null;
                            items: unknown[];
                            carrier: string | null;
                            trackingNumber: string | null;
                            trackingUrl: string | null;
                            /** Format: date-time */
                            placedAt: string;
                            /** Format: date-time */
                            paidAt: string | null;
                            /** Format: date-time */
                            shippedAt: string | null;
                            /** Format: date-time */
                            deliveredAt: string | null;
                            /** Format: date-time */
                            cancelledAt: string | null;
                            /** Format: date-time */
                            refundedAt: string | null;
                            /** @description How the order is fulfilled (delivery, local_pickup), as its "placed" event said; null when it did not. */
                            fulfilment: string | null;
                        };
                        /** @description The notification requests the event made (see GET /notifications/:requestId). */
                        notifications: string[];
                        /** @description Product inquiries this order converted. */
                        convertedInquiries: string[];
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        eventId: string;
                        orderId: string;
                        type: string;
                        /** @description True when this event id was taken before: nothing changed this time. */
                        replayed: boolean;
                        /** Format: uuid */
                        conversationId: string;
                        messageId: string | null;
                        order: {
                            orderId: string;
                            status: string;
                            buyerId: string;
                            sellerId: string;
                            total: number | null;
                            currency: string | null;
                            items: unknown[];
                            carrier: string | null;
                            trackingNumber: string | null;
                            trackingUrl: string | null;
                            /** Format: date-time */
                            placedAt: string;
                            /** Format: date-time */
                            paidAt: string | null;
                            /** Format: date-time */
                            shippedAt: string | null;
                            /** Format: date-time */
                            deliveredAt: string | null;
                            /** Format: date-time */
                            cancelledAt: string | null;
                            /** Format: date-time */
                            refundedAt: string | null;
                            /** @description How the order is fulfilled (delivery, local_pickup), as its "placed" event said; null when it did not. */
                            fulfilment: string | null;
                        };
                        /** @description The notification requests the event made (see GET /notifications/:requestId). */
                        notifications: string[];
                        /** @description Product inquiries this order converted. */
                        convertedInquiries: string[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listOrderEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: {
                            eventId: string;
                            type: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** Format: date-time */
                            recordedAt: string;
                            source: string;
                            messageId: string | null;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    openOrderConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    buyerId?: string;
                    sellerId?: string;
                    contextMetadata?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        productId: string | null;
                        listingId: string | null;
                        subject: string | null;
                        contextMetadata: {
                            [key: string]: unknown;
                        };
                        isAutomated: boolean;
                        participants: {
                            userId: string;
                            name: string | null;
                            role: string;
                            lastReadSeq: number;
                            lastDeliveredSeq: number;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        lastMessageAt: string | null;
                        lastMessageSeq: number;
                        unreadCount: number;
                        archived: boolean;
                        order: {
                            orderId: string;
                            status: string;
                            buyerId: string;
                            sellerId: string;
                            total: number | null;
                            currency: string | null;
                            items: unknown[];
                            carrier: string | null;
                            trackingNumber: string | null;
                            trackingUrl: string | null;
                            /** Format: date-time */
                            placedAt: string;
                            /** Format: date-time */
                            paidAt: string | null;
                            /** Format: date-time */
                            shippedAt: string | null;
                            /** Format: date-time */
                            deliveredAt: string | null;
                            /** Format: date-time */
                            cancelledAt: string | null;
                            /** Format: date-time */
                            refundedAt: string | null;
                            /** @description How the order is fulfilled (delivery, local_pickup), as its "placed" event said; null when it did not. */
                            fulfilment: string | null;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        productId: string | null;
                        listingId: string | null;
                        subject: string | null;
                        contextMetadata: {
                            [key: string]: unknown;
                        };
                        isAutomated: boolean;
                        participants: {
                            userId: string;
                            name: string | null;
                            role: string;
                            lastReadSeq: number;
                            lastDeliveredSeq: number;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        lastMessageAt: string | null;
                        lastMessageSeq: number;
                        unreadCount: number;
                        archived: boolean;
                        order: {
                            orderId: string;
                            status: string;
                            buyerId: string;
                            sellerId: string;
                            total: number | null;
                            currency: string | null;
                            items: unknown[];
                            carrier: string | null;
                            trackingNumber: string | null;
                            trackingUrl: string | null;
                            /** Format: date-time */
                            placedAt: string;
                            /** Format: date-time */
                            paidAt: string | null;
                            /** Format: date-time */
                            shippedAt: string | null;
                            /** Format: date-time */
                            deliveredAt: string | null;
                            /** Format: date-time */
                            cancelledAt: string | null;
                            /** Format: date-time */
                            refundedAt: string | null;
                            /** @description How the order is fulfilled (delivery, local_pickup), as its "placed" event said; null when it did not. */
                            fulfilment: string | null;
                        } | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    askAboutProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                productId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sellerId: string;
                    buyerId?: string;
                    listingId?: string;
                    productTitle?: string;
                    /** Format: uri */
                    productUrl?: string;
                    price?: number;
                    currency?: string;
                    inquiryTemplate?: "availability" | "shipping" | "sizing" | "condition" | "custom_order" | "bulk_price";
                    question?: string;
                    clientMessageId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        productId: string | null;
                        listingId: string | null;
                        subject: string | null;
                        contextMetadata: {
                            [key: string]: unknown;
                        };
                        isAutomated: boolean;
                        participants: {
                            userId: string;
                            name: string | null;
                            role: string;
                            lastReadSeq: number;
                            lastDeliveredSeq: number;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        lastMessageAt: string | null;
                        lastMessageSeq: number;
                        unreadCount: number;
                        archived: boolean;
                        message: {
                            /** Format: uuid */
                            messageId: string;
                            /** Format: uuid */
                            conversationId: string;
                            seq: number;
                            senderId: string;
                            messageType: string;
                            content: string | null;
                            payload: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            timestamp: string;
                            /** Format: date-time */
                            editedAt: string | null;
                            /** Format: date-time */
                            deletedAt: string | null;
                            isSystem: boolean;
                            isAutomated: boolean;
                            masked: boolean;
                            readBy: string[];
                            status: "sent" | "delivered" | "read" | "deleted";
                            attachments: {
                                attachmentId: string;
                                type: "image" | "video" | "voice" | "file";
                                url: string;
                                fileName: string;
                                mimeType: string;
                                size: number;
                                durationMs?: number;
                            }[];
                            clientMessageId: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        productId: string | null;
                        listingId: string | null;
                        subject: string | null;
                        contextMetadata: {
                            [key: string]: unknown;
                        };
                        isAutomated: boolean;
                        participants: {
                            userId: string;
                            name: string | null;
                            role: string;
                            lastReadSeq: number;
                            lastDeliveredSeq: number;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** Format: date-time */
                        lastMessageAt: string | null;
                        lastMessageSeq: number;
                        unreadCount: number;
                        archived: boolean;
                        message: {
                            /** Format: uuid */
                            messageId: string;
                            /** Format: uuid */
                            conversationId: string;
                            seq: number;
                            senderId: string;
                            messageType: string;
                            content: string | null;
                            payload: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            timestamp: string;
                            /** Format: date-time */
                            editedAt: string | null;
                            /** Format: date-time */
                            deletedAt: string | null;
                            isSystem: boolean;
                            isAutomated: boolean;
                            masked: boolean;
                            readBy: string[];
                            status: "sent" | "delivered" | "read" | "deleted";
                            attachments: {
                                attachmentId: string;
                                type: "image" | "video" | "voice" | "file";
                                url: string;
                                fileName: string;
                                mimeType: string;
                                size: number;
                                durationMs?: number;
                            }[];
                            clientMessageId: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Too many requests: wait for Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listInquiryTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        templates: {
                            key: string;
                            text: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listMyOrderConversations: {
        parameters: {
            query?: {
                status?: "placed" | "paid" | "shipped" | "delivered" | "cancelled" | "refunded" | "disputed";
                orderId?: string;
                as?: "buyer" | "seller";
                unread?: boolean;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        conversations: {
                            /** Format: uuid */
                            conversationId: string;
                            orderId: string | null;
                            /** @description The caller's role in it; null for an operator who is not a participant. */
                            role: string | null;
                            participants: {
                                userId: string;
                                role: string;
                            }[];
                            contextMetadata: {
                                [key: string]: unknown;
                            } | null;
                            order: {
                                orderId: string;
                                status: string;
                                buyerId: string;
                                sellerId: string;
                                total: number | null;
                                currency: string | null;
                                items: unknown[];
                                carrier: string | null;
                                trackingNumber: string | null;
                                trackingUrl: string | null;
                                /** Format: date-time */
                                placedAt: string;
                                /** Format: date-time */
                                paidAt: string | null;
                                /** Format: date-time */
                                shippedAt: string | null;
                                /** Format: date-time */
                                deliveredAt: string | null;
                                /** Format: date-time */
                                cancelledAt: string | null;
                                /** Format: date-time */
                                refundedAt: string | null;
                                /** @description How the order is fulfilled (delivery, local_pickup), as its "placed" event said; null when it did not. */
                                fulfilment: string | null;
                            } | null;
                            dispute: {
                                disputeId: string;
                                status: string;
                            } | null;
                            /** Format: date-time */
                            lastMessageAt: string | null;
                            lastMessageSeq: number;
                            unreadCount: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getOrderTimeline: {
        parameters: {
            query?: {
                before?: string;
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        orderId: string | null;
                        items: ({
                            /** @enum {string} */
                            kind: "message";
                            /** Format: date-time */
                            at: string;
                            message: {
                                /** Format: uuid */
                                messageId: string;
                                /** Format: uuid */
                                conversationId: string;
                                seq: number;
                                senderId: string;
                                messageType: string;
                                content: string | null;
                                payload: {
                                    [key: string]: unknown;
                                } | null;
                                /** Format: date-time */
                                timestamp: string;
                                /** Format: date-time */
                                editedAt: string | null;
                                /** Format: date-time */
                                deletedAt: string | null;
                                isSystem: boolean;
                                isAutomated: boolean;
                                masked: boolean;
                                readBy: string[];
                                status: "sent" | "delivered" | "read" | "deleted";
                                attachments: {
                                    attachmentId: string;
                                    type: "image" | "video" | "voice" | "file";
                                    url: string;
                                    fileName: string;
                                    mimeType: string;
                                    size: number;
                                    durationMs?: number;
                                }[];
                                clientMessageId: string | null;
                                metadata: {
                                    [key: string]: unknown;
                                };
                            };
                        } | {
                            /** @enum {string} */
                            kind: "order_event";
                            /** Format: date-time */
                            at: string;
                            event: {
                                eventId: string;
                                type: string;
                                orderId: string;
                                /** Format: date-time */
                                occurredAt: string;
                                /** Format: date-time */
                                recordedAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                messageId: string | null;
                            };
                        })[];
                        olderCursor: string | null;
                        newerCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    postAutomatedNotice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Sellers send text; the backend any of these */
                    messageType?: "text" | "order_status" | "payment_confirmation" | "tracking" | "system";
                    content?: string;
                    /**
                     * Format: uuid
                     * @description One of the seller's templates, filled from the conversation's context
                     */
                    templateId?: string;
                    payload?: {
                        [key: string]: unknown;
                    };
                    /** @description The notification title; a default names the conversation */
                    title?: string;
                    channels?: ("in-app" | "email" | "sms" | "push")[];
                    /** @description Sending again with the same id posts and notifies once */
                    clientMessageId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: {
                            /** Format: uuid */
                            messageId: string;
                            /** Format: uuid */
                            conversationId: string;
                            seq: number;
                            senderId: string;
                            messageType: string;
                            content: string | null;
                            payload: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            timestamp: string;
                            /** Format: date-time */
                            editedAt: string | null;
                            /** Format: date-time */
                            deletedAt: string | null;
                            isSystem: boolean;
                            isAutomated: boolean;
                            masked: boolean;
                            readBy: string[];
                            status: "sent" | "delivered" | "read" | "deleted";
                            attachments: {
                                attachmentId: string;
                                type: "image" | "video" | "voice" | "file";
                                url: string;
                                fileName: string;
                                mimeType: string;
                                size: number;
                                durationMs?: number;
                            }[];
                            clientMessageId: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                        };
                        notifications: string[];
                        created: boolean;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: {
                            /** Format: uuid */
                            messageId: string;
                            /** Format: uuid */
                            conversationId: string;
                            seq: number;
                            senderId: string;
                            messageType: string;
                            content: string | null;
                            payload: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            timestamp: string;
                            /** Format: date-time */
                            editedAt: string | null;
                            /** Format: date-time */
                            deletedAt: string | null;
                            isSystem: boolean;
                            isAutomated: boolean;
                            masked: boolean;
                            readBy: string[];
                            status: "sent" | "delivered" | "read" | "deleted";
                            attachments: {
                                attachmentId: string;
                                type: "image" | "video" | "voice" | "file";
                                url: string;
                                fileName: string;
                                mimeType: string;
                                size: number;
                                durationMs?: number;
                            }[];
                            clientMessageId: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                        };
                        notifications: string[];
                        created: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getUserContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        name?: string;
                        email?: string;
                        phoneNumber?: string;
                        locale?: string;
                        /** @description The language Parley writes this user's texts in (notices, reminders, pages): `locale` when there are catalogues for it, else its base language, the default locale or English. It differs from `locale` when that fell back; the response's Content-Language says the same. */
                        textLocale: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    setUserContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** Format: email */
                    email?: string;
                    /** @description E.164, e.g. +14155550100 */
                    phoneNumber?: string;
                    locale?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        name?: string;
                        email?: string;
                        phoneNumber?: string;
                        locale?: string;
                        /** @description The language Parley writes this user's texts in (notices, reminders, pages): `locale` when there are catalogues for it, else its base language, the default locale or English. It differs from `locale` when that fell back; the response's Content-Language says the same. */
                        textLocale: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    escalateConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                    moderatorId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        dispute: {
                            /** Format: uuid */
                            disputeId: string;
                            /** Format: uuid */
                            conversationId: string;
                            orderId: string | null;
                            status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                            reason: string;
                            openedBy: string;
                            moderatorId: string | null;
                            /** Format: date-time */
                            openedAt: string;
                            /** Format: date-time */
                            queuedAt: string | null;
                            /** Format: date-time */
                            resolvedAt: string | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            resolutionSeconds: number | null;
                            resolutionNote: string | null;
                            history: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                                note?: string;
                                queued?: boolean;
                                /** @description What a moderator did besides changing the status: evidence_exported */
                                action?: string;
                            }[];
                        };
                        /** Format: uuid */
                        messageId: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listConversationDisputes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        disputes: {
                            /** Format: uuid */
                            disputeId: string;
                            /** Format: uuid */
                            conversationId: string;
                            orderId: string | null;
                            status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                            reason: string;
                            openedBy: string;
                            moderatorId: string | null;
                            /** Format: date-time */
                            openedAt: string;
                            /** Format: date-time */
                            queuedAt: string | null;
                            /** Format: date-time */
                            resolvedAt: string | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            resolutionSeconds: number | null;
                            resolutionNote: string | null;
                            history: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                                note?: string;
                                queued?: boolean;
                                /** @description What a moderator did besides changing the status: evidence_exported */
                                action?: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listDisputeQueue: {
        parameters: {
            query?: {
                status?: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                unresolved?: boolean;
                queued?: boolean;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        disputes: {
                            /** Format: uuid */
                            disputeId: string;
                            /** Format: uuid */
                            conversationId: string;
                            orderId: string | null;
                            status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                            reason: string;
                            openedBy: string;
                            moderatorId: string | null;
                            /** Format: date-time */
                            openedAt: string;
                            /** Format: date-time */
                            queuedAt: string | null;
                            /** Format: date-time */
                            resolvedAt: string | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            resolutionSeconds: number | null;
                            resolutionNote: string | null;
                            history: {
                                /** Format: date-time */
                                at: string;
                                by: string;
                                status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                                note?: string;
                                queued?: boolean;
                                /** @description What a moderator did besides changing the status: evidence_exported */
                                action?: string;
                            }[];
                            conversationType: string | null;
                            ageSeconds: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getDispute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disputeId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        disputeId: string;
                        /** Format: uuid */
                        conversationId: string;
                        orderId: string | null;
                        status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                        reason: string;
                        openedBy: string;
                        moderatorId: string | null;
                        /** Format: date-time */
                        openedAt: string;
                        /** Format: date-time */
                        queuedAt: string | null;
                        /** Format: date-time */
                        resolvedAt: string | null;
                        /** Format: date-time */
                        closedAt: string | null;
                        resolutionSeconds: number | null;
                        resolutionNote: string | null;
                        history: {
                            /** Format: date-time */
                            at: string;
                            by: string;
                            status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                            note?: string;
                            queued?: boolean;
                            /** @description What a moderator did besides changing the status: evidence_exported */
                            action?: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    changeDisputeStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disputeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        disputeId: string;
                        /** Format: uuid */
                        conversationId: string;
                        orderId: string | null;
                        status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                        reason: string;
                        openedBy: string;
                        moderatorId: string | null;
                        /** Format: date-time */
                        openedAt: string;
                        /** Format: date-time */
                        queuedAt: string | null;
                        /** Format: date-time */
                        resolvedAt: string | null;
                        /** Format: date-time */
                        closedAt: string | null;
                        resolutionSeconds: number | null;
                        resolutionNote: string | null;
                        history: {
                            /** Format: date-time */
                            at: string;
                            by: string;
                            status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                            note?: string;
                            queued?: boolean;
                            /** @description What a moderator did besides changing the status: evidence_exported */
                            action?: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    assignDispute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disputeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    moderatorId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        disputeId: string;
                        /** Format: uuid */
                        conversationId: string;
                        orderId: string | null;
                        status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                        reason: string;
                        openedBy: string;
                        moderatorId: string | null;
                        /** Format: date-time */
                        openedAt: string;
                        /** Format: date-time */
                        queuedAt: string | null;
                        /** Format: date-time */
                        resolvedAt: string | null;
                        /** Format: date-time */
                        closedAt: string | null;
                        resolutionSeconds: number | null;
                        resolutionNote: string | null;
                        history: {
                            /** Format: date-time */
                            at: string;
                            by: string;
                            status: "open" | "awaiting_seller" | "awaiting_buyer" | "under_review" | "resolved_refund" | "resolved_no_refund" | "closed";
                            note?: string;
                            queued?: boolean;
                            /** @description What a moderator did besides changing the status: evidence_exported */
                            action?: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    countMaskedContactDetails: {
        parameters: {
            query?: {
                days?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        days: number;
                        senders: {
                            /** Format: uuid */
                            conversationId: string;
                            senderId: string;
                            messages: number;
                            masked: {
                                phone: number;
                                email: number;
                                link: number;
                            };
                            /** Format: date-time */
                            lastAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listFlaggedConversations: {
        parameters: {
            query?: {
                /** @description true: reviewed flags only; false: open ones only; omitted: both */
                reviewed?: boolean;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        flags: {
                            /** Format: uuid */
                            flagId: string;
                            /** Format: uuid */
                            conversationId: string;
                            conversationType: string;
                            orderId: string | null;
                            buyerId: string | null;
                            sellerId: string | null;
                            reason: string;
                            score: number | null;
                            recent: {
                                score: number;
                                comparative: number;
                            }[];
                            messageSeq: number | null;
                            /** Format: date-time */
                            flaggedAt: string;
                            /** Format: date-time */
                            reviewedAt: string | null;
                            reviewedBy: string | null;
                            reviewNote: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    reviewFlag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flagId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        flagId: string;
                        /** Format: uuid */
                        conversationId: string;
                        conversationType: string;
                        orderId: string | null;
                        buyerId: string | null;
                        sellerId: string | null;
                        reason: string;
                        score: number | null;
                        recent: {
                            score: number;
                            comparative: number;
                        }[];
                        messageSeq: number | null;
                        /** Format: date-time */
                        flaggedAt: string;
                        /** Format: date-time */
                        reviewedAt: string | null;
                        reviewedBy: string | null;
                        reviewNote: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getContactRevealRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Order statuses in which the parties see each other’s contact details; empty: always masked. */
                        orderStatuses: string[];
                        /** @description Only orders fulfilled this way (delivery, local_pickup); null: any. */
                        fulfilment: string | null;
                        updatedBy: string | null;
                        /** Format: date-time */
                        updatedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    setContactRevealRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description placed, paid, shipped, delivered, cancelled, refunded, disputed; [] masks always */
                    orderStatuses: string[];
                    /** @description delivery or local_pickup; null or left out: any */
                    fulfilment?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Order statuses in which the parties see each other’s contact details; empty: always masked. */
                        orderStatuses: string[];
                        /** @description Only orders fulfilled this way (delivery, local_pickup); null: any. */
                        fulfilment: string | null;
                        updatedBy: string | null;
                        /** Format: date-time */
                        updatedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    exportDisputeEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                disputeId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A tar archive: dispute.json, messages.json, order-events.json, moderator-actions.json, attachments/…, then manifest.json and its Ed25519 signature manifest.sig. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getEvidenceKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        algorithm: "Ed25519";
                        keys: {
                            keyId: string;
                            publicKeyPem: string;
                            current: boolean;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listReplyTemplates: {
        parameters: {
            query?: {
                /** @description Operators only: the seller these belong to. Sellers leave it out. */
                sellerId?: string;
                conversationId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        templates: {
                            /** Format: uuid */
                            templateId: string;
                            sellerId: string;
                            name: string;
                            content: string;
                            category: string | null;
                            shortcut: string | null;
                            variables: string[];
                            usageCount: number;
                            /** Format: date-time */
                            lastUsedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description Filled for the conversation, when listed for one. */
                            rendered?: {
                                content: string;
                                missingVariables: string[];
                            };
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    createReplyTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description Text with variables written {{name}}: buyer_name, seller_name, order_id, order_status, order_total, tracking_number, carrier, tracking_url, product_title, product_id, listing_id. */
                    content: string;
                    category?: "greeting" | "inquiry" | "shipping" | "delay" | "returns" | "thanks" | "other" | (never | null);
                    /** @description Modifiers Ctrl, Alt, Shift, Meta and one key A–Z, 0–9 or F1–F12, e.g. "Ctrl+1"; stored as "Ctrl+Shift+T". */
                    shortcut?: string | null;
                    /** @description Operators only: the seller these belong to. Sellers leave it out. */
                    sellerId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        templateId: string;
                        sellerId: string;
                        name: string;
                        content: string;
                        category: string | null;
                        shortcut: string | null;
                        variables: string[];
                        usageCount: number;
                        /** Format: date-time */
                        lastUsedAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Too many requests: wait for Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    replaceReplyTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description Text with variables written {{name}}: buyer_name, seller_name, order_id, order_status, order_total, tracking_number, carrier, tracking_url, product_title, product_id, listing_id. */
                    content: string;
                    category?: "greeting" | "inquiry" | "shipping" | "delay" | "returns" | "thanks" | "other" | (never | null);
                    /** @description Modifiers Ctrl, Alt, Shift, Meta and one key A–Z, 0–9 or F1–F12, e.g. "Ctrl+1"; stored as "Ctrl+Shift+T". */
                    shortcut?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        templateId: string;
                        sellerId: string;
                        name: string;
                        content: string;
                        category: string | null;
                        shortcut: string | null;
                        variables: string[];
                        usageCount: number;
                        /** Format: date-time */
                        lastUsedAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Too many requests: wait for Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    deleteReplyTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Too many requests: wait for Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listQuickReplies: {
        parameters: {
            query?: {
                /** @description Operators only: the seller these belong to. Sellers leave it out. */
                sellerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        quickReplies: {
                            /** Format: uuid */
                            quickReplyId: string;
                            sellerId: string;
                            content: string;
                            triggers: string[];
                            category: string | null;
                            usageCount: number;
                            /** Format: date-time */
                            lastUsedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    createQuickReply: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Operators only: the seller these belong to. Sellers leave it out. */
                    sellerId?: string;
                    content: string;
                    /** @description Words or phrases that, found in a buyer message (whole words, any case or accents), suggest this reply. */
                    triggers?: string[];
                    category?: "greeting" | "inquiry" | "shipping" | "delay" | "returns" | "thanks" | "other" | (never | null);
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        quickReplyId: string;
                        sellerId: string;
                        content: string;
                        triggers: string[];
                        category: string | null;
                        usageCount: number;
                        /** Format: date-time */
                        lastUsedAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Too many requests: wait for Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    deleteQuickReply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Too many requests: wait for Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    suggestReplies: {
        parameters: {
            query: {
                conversationId: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        basedOn: {
                            /** Format: uuid */
                            messageId: string;
                            seq: number;
                        } | null;
                        suggestions: {
                            kind: "quick_reply" | "template";
                            /** Format: uuid */
                            id: string;
                            content: string;
                            shortcut?: string;
                            score: number;
                            reasons: string[];
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getConversationAnalytics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        conversationId: string;
                        sellerId: string | null;
                        buyerId: string | null;
                        conversationType: string;
                        firstResponseSeconds: number | null;
                        medianResponseSeconds: number | null;
                        averageResponseSeconds: number | null;
                        responses: number;
                        responseRate24h: number | null;
                        lateResponseRate: number | null;
                        /** Format: date-time */
                        unansweredSince: string | null;
                        buyerMessages: number;
                        sellerMessages: number;
                        converted: string | null;
                        sentiment: {
                            recent: {
                                score: number;
                                comparative: number;
                            }[];
                            average: number | null;
                            flagged: boolean;
                        };
                        perDay: {
                            /** Format: date */
                            day: string;
                            buyerMessages: number;
                            sellerMessages: number;
                        }[];
                        /** Format: date-time */
                        updatedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getSellerMessagingAnalytics: {
        parameters: {
            query?: {
                sellerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sellerId: string | null;
                        /** Format: date-time */
                        generatedAt: string;
                        windows: {
                            firstResponseSeconds: number | null;
                            medianResponseSeconds: number | null;
                            averageResponseSeconds: number | null;
                            responses: number;
                            responseRate24h: number | null;
                            lateResponseRate: number | null;
                            questions: number;
                            days: number;
                            /** Format: date-time */
                            since: string;
                            inquiries: number;
                            convertedInquiries: number;
                            conversionRate: number | null;
                            messageVolume: {
                                /** Format: date */
                                day: string;
                                buyerMessages: number;
                                sellerMessages: number;
                                activeConversations: number;
                                engagedConversations: number;
                            }[];
                            engagementRate: number | null;
                            satisfaction: {
                                ratings: number;
                                averageRating: number | null;
                                distribution: {
                                    rating: number;
                                    count: number;
                                }[];
                                weekly: {
                                    /** Format: date */
                                    week: string;
                                    ratings: number;
                                    averageRating: number;
                                }[];
                            };
                            marketplace: {
                                sellers: number;
                                firstResponseSeconds: number | null;
                                medianResponseSeconds: number | null;
                                averageResponseSeconds: number | null;
                                responseRate24h: number | null;
                                lateResponseRate: number | null;
                                conversionRate: number | null;
                                engagementRate: number | null;
                                averageRating: number | null;
                            } | null;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    takePushAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The button's action id: reply, mark-read or confirm-receipt (the ones the notification offered) */
                    action: string;
                    /** @description For reply: the text the user typed (at most 10000 characters) */
                    text?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        action: "reply" | "mark-read" | "confirm-receipt";
                        conversationId?: string;
                        /** @description reply: the message posted */
                        messageId?: string;
                        /** @description mark-read: what stays unread in the conversation */
                        unreadCount?: number;
                        orderId?: string;
                        /** @description confirm-receipt: the order's status after it */
                        orderStatus?: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getOrderRating: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        orderId: string;
                        /** Format: uuid */
                        conversationId: string;
                        sellerId: string;
                        /** Format: date-time */
                        requestedAt: string | null;
                        requestedBecause: ("delivered" | "dispute_resolved") | (never | null);
                        rating: number | null;
                        comment: string | null;
                        /** Format: date-time */
                        ratedAt: string | null;
                        canRate: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    rateOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description How the seller communicated: 1 (poorly) to 5 (very well) */
                    rating: number;
                    /** @description What went well or not, in the buyer’s words */
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        orderId: string;
                        /** Format: uuid */
                        conversationId: string;
                        sellerId: string;
                        /** Format: date-time */
                        requestedAt: string | null;
                        requestedBecause: ("delivered" | "dispute_resolved") | (never | null);
                        rating: number | null;
                        comment: string | null;
                        /** Format: date-time */
                        ratedAt: string | null;
                        canRate: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The request conflicts with the current state (a reused id, a transition that is not allowed). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listSellerRatings: {
        parameters: {
            query?: {
                sellerId?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ratings: {
                            orderId: string;
                            /** Format: uuid */
                            conversationId: string;
                            sellerId: string;
                            rating: number;
                            comment: string | null;
                            /** Format: date-time */
                            ratedAt: string;
                        }[];
                        /** @description Pass as ?cursor= for the next page; null at the end. */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    exportUserData: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Everything Parley holds about a person (format parley-export/1), sent as an attachment, written as it is read. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        format: "parley-export/1";
                        userId: string;
                        /** Format: date-time */
                        exportedAt: string;
                        contact: {
                            name: string | null;
                            email: string | null;
                            phoneNumber: string | null;
                            locale: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        } | null;
                        preferences: {
                            channels: {
                                transactional?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                                promotional?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                                systemAlert?: ("email" | "sms" | "push" | "in-app" | "whatsapp")[];
                            };
                            doNotDisturb: {
                                enabled: boolean;
                                /** @description HH:MM, 24-hour */
                                startTime: string;
                                /** @description HH:MM, 24-hour */
                                endTime: string;
                                /** @description IANA, e.g. America/New_York */
                                timezone: string;
                            } | null;
                            dailyLimits: {
                                promotionalLimit: number | null;
                                promotionalSentToday: number;
                                /**
                                 * Format: date
                                 * @description Today in the user's timezone.
                                 */
                                lastResetDate: string;
                            };
                            optOut: {
                                email: boolean;
                                sms: boolean;
                                push: boolean;
                                inApp: boolean;
                                whatsapp: boolean;
                            };
                            preferredTimeForDelivery: {
                                enabled: boolean;
                                /** @description HH:MM, 24-hour */
                                startTime: string;
                                /** @description HH:MM, 24-hour */
                                endTime: string;
                                /** @description IANA, e.g. America/New_York */
                                timezone: string;
                            } | null;
                            digests: {
                                transactional?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                promotional?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                systemAlert?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                chat?: {
                                    /** @description off: each as it comes; hourly: one digest at the end of each hour; daily: one a day at `at` */
                                    mode: "off" | "hourly" | "daily";
                                    /** @description daily: the local time (HH:MM, 24-hour) the digest goes out */
                                    at?: string;
                                };
                                /** @description IANA, e.g. Europe/Berlin; default: the delivery-window or do-not-disturb timezone, else UTC */
                                timezone?: string;
                            };
                        };
                        devices: {
                            deviceId: string;
                            platform: string;
                            /** @description The push token masked to its last four characters (****abcd). */
                            token: string;
                            /** Format: date-time */
                            lastUsed: string;
                        }[];
                        /** @description Suppressions of the user's email address and phone number (bounces, complaints). */
                        suppressions: {
                            channel: string;
                            address: string;
                            reason: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        /** @description The consent log: every promotional consent given or withdrawn (per vendor, null: the marketplace; and channel), oldest first, with the text shown and where it came from. */
                        consents: {
                            consentId: string;
                            vendorId: string | null;
                            channel: string;
                            granted: boolean;
                            source: string;
                            textShown: string | null;
                            ipAddress: string | null;
                            userAgent: string | null;
                            /** Format: date-time */
                            recordedAt: string;
                        }[];
                        sellerReplies: {
                            templates: {
                                templateId: string;
                                name: string;
                                content: string;
                                category: string | null;
                                shortcut: string | null;
                                usageCount: number;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            quickReplies: {
                                quickReplyId: string;
                                content: string;
                                triggers: string[];
                                category: string | null;
                                usageCount: number;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                        /** @description The conversations the user takes part in (archived ones too), by id. */
                        conversations: {
                            conversationId: string;
                            type: string;
                            subject: string | null;
                            orderId: string | null;
                            productId: string | null;
                            listingId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            lastMessageAt: string | null;
                            participation: {
                                /** @description Their role in the conversation: buyer, seller, moderator, ... */
                                role: string;
                                /** Format: date-time */
                                joinedAt: string;
                                /** @description Their read receipt: the last message (by seq) they read. */
                                lastReadSeq: number;
                                /** @description Their delivery receipt: the last message (by seq) delivered to them. */
                                lastDeliveredSeq: number;
                                unreadCount: number;
                                /** Format: date-time */
                                archivedAt: string | null;
                            };
                            /** @description The masking record of this user's own messages here: how many had contact details hidden from recipients, and how many phone numbers, email addresses and links. */
                            contactDetailsMasked: {
                                messages: number;
                                phone: number;
                                email: number;
                                link: number;
                            };
                            disputes: {
                                disputeId: string;
                                orderId: string | null;
                                openedBy: string;
                                reason: string;
                                status: string;
                                /** Format: date-time */
                                openedAt: string;
                                /** Format: date-time */
                                resolvedAt: string | null;
                                /** Format: date-time */
                                closedAt: string | null;
                                resolutionNote: string | null;
                                /** @description The dispute's status changes, as stored. */
                                history: unknown;
                            }[];
                            /** @description Every message, oldest first, decrypted and as this user sees it in the API (others' contact details masked where masking applies to them); attachments by metadata, not bytes. */
                            messages: {
                                /** Format: uuid */
                                messageId: string;
                                /** Format: uuid */
                                conversationId: string;
                                /** @description The message's place in its conversation: 1, 2, 3... without gaps. */
                                seq: number;
                                /** @description "system" for the platform. */
                                senderId: string;
                                messageType: string;
                                /** @description Null when deleted or without text; contact details masked when `masked`. */
                                content: string | null;
                                payload: {
                                    [key: string]: unknown;
                                } | null;
                                /** Format: date-time */
                                timestamp: string;
                                /** Format: date-time */
                                editedAt: string | null;
                                /** Format: date-time */
                                deletedAt: string | null;
                                isSystem: boolean;
                                /** @description Sent by automation (an order event, an automated notice), not typed by a person. */
                                isAutomated: boolean;
                                /** @description Contact details in the content are hidden from this viewer. */
                                masked: boolean;
                                readBy: string[];
                                status: "sent" | "delivered" | "read" | "deleted";
                                attachments: {
                                    /** Format: uuid */
                                    attachmentId: string;
                                    /** @description image, video, voice (an audio recording) or any other file, by its MIME type. */
                                    type: "image" | "video" | "voice" | "file";
                                    /** @description Where to download it (GET, with credentials). */
                                    url: string;
                                    fileName: string;
                                    mimeType: string;
                                    /** @description Bytes. */
                                    size: number;
                                    /** @description Videos and voice messages: how long they play, read from the file at upload. */
                                    durationMs?: number;
                                }[];
                                clientMessageId: string | null;
                                metadata: {
                                    [key: string]: unknown;
                                };
                            }[];
                        }[];
                        /** @description Every notification addressed to the user, each channel, oldest first. */
                        notifications: {
                            logId: string;
                            requestId: string;
                            channel: string;
                            notificationType: string;
                            status: string;
                            provider: string | null;
                            /** @description Where it was addressed (email, phone number, device id, ...). */
                            recipient: unknown;
                            /** @description The content as rendered for the channel (or as given literally). */
                            content: unknown;
                            /** @description Each attempt and status change, as recorded. */
                            history: unknown;
                            attempts: number;
                            errorCode: string | null;
                            errorMessage: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            dueAt: string;
                            /** Format: date-time */
                            sentAt: string;
                            /** Format: date-time */
                            deliveredAt: string | null;
                            /** Format: date-time */
                            seenAt: string | null;
                            /** Format: date-time */
                            openedAt: string | null;
                            /** Format: date-time */
                            readAt: string | null;
                            /** Format: date-time */
                            clickedAt: string | null;
                            /** @description Opens recorded (an email pixel fetched, an app reporting it shown): by the person, and by machines such as mail privacy proxies. */
                            opens: {
                                people: number;
                                machines: number;
                            };
                            /** @description Every click recorded, oldest first. */
                            clicks: {
                                /** Format: date-time */
                                at: string;
                                /** @description The link followed in an email; null for a push or in-app notification the app reported clicked. */
                                url: string | null;
                                source: string;
                                /** @description Judged a machine (a link scanner), not the person. */
                                machine: boolean;
                            }[];
                        }[];
                        /** @description Orders the user is the buyer or the seller of. */
                        orders: {
                            orderId: string;
                            role: "buyer" | "seller";
                            buyerId: string;
                            sellerId: string;
                            status: string;
                            conversationId: string;
                            currency: string | null;
                            total: number | null;
                            /** @description The order's items, as the marketplace sent them. */
                            items: unknown;
                            carrier: string | null;
                            trackingNumber: string | null;
                            trackingUrl: string | null;
                            /** Format: date-time */
                            placedAt: string;
                            /** Format: date-time */
                            paidAt: string | null;
                            /** Format: date-time */
                            shippedAt: string | null;
                            /** Format: date-time */
                            deliveredAt: string | null;
                            /** Format: date-time */
                            cancelledAt: string | null;
                            /** Format: date-time */
                            refundedAt: string | null;
                            /** Format: date-time */
                            disputedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    eraseUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The audit record of an erasure. It holds no personal data: the person is recognised by a keyed hash of their user id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        erasureId: string;
                        /** @description What the user id became in the rows kept for others (orders, conversations, disputes, delivery figures, the consent log). */
                        pseudonym: string;
                        requestedBy: {
                            role: "self" | "operator";
                            /** @description The operator who asked; null when the person asked themself. */
                            operatorId: string | null;
                        };
                        /**
                         * Format: date-time
                         * @description When the person was first erased.
                         */
                        requestedAt: string;
                        /** Format: date-time */
                        lastRunAt: string;
                        /** @description How many times the erasure was asked for (each later run erases what arrived since). */
                        runs: number;
                        /** @description Rows removed or changed, per table, summed over runs. */
                        counts: {
                            [key: string]: number;
                        };
                        /** @description Attachment files not yet removed from disk (removed by the next request for this person). */
                        filesPending: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getUserConsents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        /** @description Consent as it stands: the latest record per vendor and channel. */
                        current: {
                            consentId: string;
                            userId: string;
                            vendorId: string | null;
                            channel: string;
                            granted: boolean;
                            source: string;
                            textShown: string | null;
                            /** @description The address the request came from, when the person did it. */
                            ipAddress: string | null;
                            /** @description The user agent of the request, when the person did it. */
                            userAgent: string | null;
                            /** Format: date-time */
                            recordedAt: string;
                        }[];
                        /** @description Every record, oldest first. */
                        history: {
                            consentId: string;
                            userId: string;
                            vendorId: string | null;
                            channel: string;
                            granted: boolean;
                            source: string;
                            textShown: string | null;
                            /** @description The address the request came from, when the person did it. */
                            ipAddress: string | null;
                            /** @description The user agent of the request, when the person did it. */
                            userAgent: string | null;
                            /** Format: date-time */
                            recordedAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    recordConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The vendor (a seller's id) whose promotions this is about; null or absent: the marketplace's own. */
                    vendorId?: string | null;
                    /** @description The channel the promotions come on. */
                    channel: "email" | "sms" | "push" | "in-app" | "whatsapp";
                    /** @description true: gives consent; false: withdraws it. */
                    granted: boolean;
                    /** @description Where it was given or withdrawn. */
                    source: "checkout" | "preferences" | "import" | "api";
                    /** @description The words the person was shown when they agreed or withdrew. */
                    textShown?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        consentId: string;
                        userId: string;
                        vendorId: string | null;
                        channel: string;
                        granted: boolean;
                        source: string;
                        textShown: string | null;
                        /** @description The address the request came from, when the person did it. */
                        ipAddress: string | null;
                        /** @description The user agent of the request, when the person did it. */
                        userAgent: string | null;
                        /** Format: date-time */
                        recordedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listVendorConsents: {
        parameters: {
            query?: {
                /** @description The channel the promotions come on. */
                channel?: "email" | "sms" | "push" | "in-app" | "whatsapp";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                vendorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        vendorId: string;
                        /** @description People whose consent to this vendor’s promotions stands, by user id and channel. */
                        customers: {
                            userId: string;
                            /** @description The name their contact gives, when Parley has one. */
                            name: string | null;
                            channel: string;
                            source: string;
                            textShown: string | null;
                            /** Format: date-time */
                            grantedAt: string;
                        }[];
                        /** @description Pass as ?cursor= for the next page; null at the end. */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    receiveSendgridInboundReply: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "posted";
                        conversationId: string;
                        messageId: string;
                        /** @description false: this email (by its Message-ID) was posted before, and nothing new was written. */
                        created: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description An inbound email was refused for good (the code says why); the mail provider does not send it again. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    receiveMailgunInboundReply: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "posted";
                        conversationId: string;
                        messageId: string;
                        /** @description false: this email (by its Message-ID) was posted before, and nothing new was written. */
                        created: boolean;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description An inbound email was refused for good (the code says why); the mail provider does not send it again. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                sellerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endpoints: {
                            /** Format: uuid */
                            endpointId: string;
                            /** @description The seller whose events it gets; null: the marketplace's (every event). */
                            sellerId: string | null;
                            url: string;
                            description: string | null;
                            eventTypes: string[];
                            enabled: boolean;
                            /** @description failing (no success for a day) or by_owner. */
                            disabledReason: string | null;
                            /** Format: date-time */
                            disabledAt: string | null;
                            /**
                             * Format: date-time
                             * @description The first failed attempt since the last success.
                             */
                            failingSince: string | null;
                            /**
                             * Format: date-time
                             * @description While a rotation overlaps: when the previous secret stops signing.
                             */
                            rotationEndsAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Where events are POSTed: http or https, to a public address (see the address rules). */
                    url: string;
                    /** @description Event types to receive: message.created, conversation.created, order.placed, order.paid, order.shipped, order.delivered, order.cancelled, order.refunded, dispute.opened, dispute.assigned, dispute.status_changed, dispute.resolved, notification.delivered, notification.opened, notification.clicked, notification.failed, notification.dead_lettered; or a family such as order.*. */
                    eventTypes: string[];
                    description?: string;
                    /** @description An operator's endpoint for one seller's events; sellers leave it out (theirs are always their own). */
                    sellerId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        endpointId: string;
                        /** @description The seller whose events it gets; null: the marketplace's (every event). */
                        sellerId: string | null;
                        url: string;
                        description: string | null;
                        eventTypes: string[];
                        enabled: boolean;
                        /** @description failing (no success for a day) or by_owner. */
                        disabledReason: string | null;
                        /** Format: date-time */
                        disabledAt: string | null;
                        /**
                         * Format: date-time
                         * @description The first failed attempt since the last success.
                         */
                        failingSince: string | null;
                        /**
                         * Format: date-time
                         * @description While a rotation overlaps: when the previous secret stops signing.
                         */
                        rotationEndsAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description The signing secret (whsec_...): shown only now; verify the webhook-signature header with it. */
                        secret: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        endpointId: string;
                        /** @description The seller whose events it gets; null: the marketplace's (every event). */
                        sellerId: string | null;
                        url: string;
                        description: string | null;
                        eventTypes: string[];
                        enabled: boolean;
                        /** @description failing (no success for a day) or by_owner. */
                        disabledReason: string | null;
                        /** Format: date-time */
                        disabledAt: string | null;
                        /**
                         * Format: date-time
                         * @description The first failed attempt since the last success.
                         */
                        failingSince: string | null;
                        /**
                         * Format: date-time
                         * @description While a rotation overlaps: when the previous secret stops signing.
                         */
                        rotationEndsAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Where events are POSTed: http or https, to a public address (see the address rules). */
                    url?: string;
                    /** @description Event types to receive: message.created, conversation.created, order.placed, order.paid, order.shipped, order.delivered, order.cancelled, order.refunded, dispute.opened, dispute.assigned, dispute.status_changed, dispute.resolved, notification.delivered, notification.opened, notification.clicked, notification.failed, notification.dead_lettered; or a family such as order.*. */
                    eventTypes?: string[];
                    description?: string | null;
                    /** @description false pauses deliveries (they wait); true resumes them, also after the endpoint was disabled for failing. */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        endpointId: string;
                        /** @description The seller whose events it gets; null: the marketplace's (every event). */
                        sellerId: string | null;
                        url: string;
                        description: string | null;
                        eventTypes: string[];
                        enabled: boolean;
                        /** @description failing (no success for a day) or by_owner. */
                        disabledReason: string | null;
                        /** Format: date-time */
                        disabledAt: string | null;
                        /**
                         * Format: date-time
                         * @description The first failed attempt since the last success.
                         */
                        failingSince: string | null;
                        /**
                         * Format: date-time
                         * @description While a rotation overlaps: when the previous secret stops signing.
                         */
                        rotationEndsAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        endpointId: string;
                        /** @description The seller whose events it gets; null: the marketplace's (every event). */
                        sellerId: string | null;
                        url: string;
                        description: string | null;
                        eventTypes: string[];
                        enabled: boolean;
                        /** @description failing (no success for a day) or by_owner. */
                        disabledReason: string | null;
                        /** Format: date-time */
                        disabledAt: string | null;
                        /**
                         * Format: date-time
                         * @description The first failed attempt since the last success.
                         */
                        failingSince: string | null;
                        /**
                         * Format: date-time
                         * @description While a rotation overlaps: when the previous secret stops signing.
                         */
                        rotationEndsAt: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description The signing secret (whsec_...): shown only now; verify the webhook-signature header with it. */
                        secret: string;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    replayWebhookDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description Deliveries created at or after this time are sent again, with their original webhook-id.
                     */
                    since: string;
                    /**
                     * @description true: only those that failed for good; false: every finished one.
                     * @default true
                     */
                    onlyFailed?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        replayed: number;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endpointId: string;
                        deliveries: {
                            deliveryId: string;
                            /** @description The webhook-id header: the same on every attempt and replay. */
                            eventId: string;
                            eventType: string;
                            status: "pending" | "delivered" | "failed";
                            attempts: number;
                            /** Format: date-time */
                            nextAttemptAt: string | null;
                            /** Format: date-time */
                            lastAttemptAt: string | null;
                            /** @description The receiver's HTTP status; null when it did not answer. */
                            lastStatus: number | null;
                            lastError: string | null;
                            lastDetail: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            deliveredAt: string | null;
                        }[];
                        /** @description Pass as ?cursor= for the next page; null at the end. */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getKpis: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                channel?: "email" | "sms" | "push" | "in-app" | "webhook" | "whatsapp";
                type?: "transactional" | "promotional" | "systemAlert";
                vendorId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        window: {
                            /** Format: date-time */
                            from: string;
                            /** Format: date-time */
                            to: string;
                        };
                        filters: {
                            channel: string | null;
                            notificationType: string | null;
                            vendorId: string | null;
                        };
                        attributionHours: number;
                        /** Format: date-time */
                        generatedAt: string;
                        kpis: {
                            name: "delivery_rate" | "delivery_latency_p50" | "delivery_latency_p95" | "delivery_latency_p99" | "error_rate" | "throughput_sustained" | "throughput_peak" | "uptime" | "email_open_rate" | "email_click_through_rate" | "push_click_through_rate" | "vendor_response_time" | "promotional_conversion_rate" | "opt_out_rate";
                            group: "operational" | "engagement";
                            /** @description The channel the KPI covers; null: every channel. */
                            channel: string | null;
                            /** @description The notification type the KPI covers; null: every type. */
                            notificationType: string | null;
                            /** @description ratio: 0 to 1 (0.995 is 99.5%); per_second: notifications a second. */
                            unit: "ratio" | "milliseconds" | "seconds" | "per_second";
                            /** @description How the actual meets the target: strictly above, strictly below, or at least. */
                            comparison: "above" | "below" | "at_least";
                            /** @description null when there is nothing to measure in the window. */
                            actual: number | null;
                            /** @description The specification's target, or PARLEY_KPI_TARGETS; null: no target. */
                            target: number | null;
                            /** @description null when actual or target is null. */
                            met: boolean | null;
                            /** @description The counts the actual was computed from. */
                            counts: {
                                /** @description Deliveries with a delivery time (latency). */
                                measured?: number;
                                /** @description Deliveries handed to a provider or the feed at least once, or failed, bounced or dead-lettered. */
                                attempted?: number;
                                /** @description Deliveries confirmed delivered (or opened, read or clicked since). */
                                delivered?: number;
                                /** @description Deliveries that failed or bounced. */
                                failed?: number;
                                /** @description Deliveries that ran out of attempts. */
                                deadLettered?: number;
                                /** @description Deliveries with an open recorded. */
                                opened?: number;
                                /** @description Deliveries with a click recorded. */
                                clicked?: number;
                                /** @description Buyer questions asked in the window. */
                                questions?: number;
                                /** @description Of them, answered by the vendor. */
                                responses?: number;
                                /** @description People who received a promotional notification. */
                                recipients?: number;
                                /** @description People who opened or clicked a promotional notification. */
                                engagedRecipients?: number;
                                /** @description Of them, people who ordered within the attribution window. */
                                convertedRecipients?: number;
                                /** @description Orders placed within the attribution window after an open or click. */
                                orders?: number;
                                /** @description Promotional deliveries on the channel. */
                                promotionalDelivered?: number;
                                /** @description Promotional consents withdrawn on the channel (unsubscribe, SMS STOP, preferences; erasures do not count). */
                                withdrawn?: number;
                                /** @description Deliveries handed over (with a delivery time) among those accepted in the window. */
                                dispatched?: number;
                                /** @description Of them, handed over in the busiest second. */
                                busiestSecond?: number;
                                /** @description Of them, handed over in the busiest five minutes (on the clock: 12:00 to 12:05…). */
                                busiestFiveMinutes?: number;
                                /** @description Minutes in which at least one Parley process was up and could write to its database. */
                                minutesUp?: number;
                                /** @description Minutes of the window since Parley first ran, up to the current minute. */
                                minutesMeasured?: number;
                            };
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The caller may not do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    listDemoUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: {
                            userId: string;
                            name: string;
                            role: "buyer" | "seller" | "moderator" | "operator";
                            description: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    signInAsDemoUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A user JWT: send it as the bearer token. */
                        token: string;
                        /** Format: date-time */
                        expiresAt: string;
                        user: {
                            userId: string;
                            name: string;
                            role: "buyer" | "seller" | "moderator" | "operator";
                            description: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description No such resource, or the caller cannot see it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    receiveDemoWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: the code says how, the message what to change. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description Missing, malformed or expired credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is larger than allowed. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The body is not of a type this route takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A dependency (the database) is unreachable: nothing was changed; retry after Retry-After seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Prometheus text exposition format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description PARLEY_METRICS_TOKEN is set and the request did not send it as a bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @description Stable and machine-readable, e.g. conversation_not_found. */
                            code: string;
                            /** @description A sentence a person can act on. */
                            message: string;
                            /** @description Facts about the refusal, such as the field at fault. */
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
}
