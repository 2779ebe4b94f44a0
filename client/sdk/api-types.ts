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
        get: {
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
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create a conversation (idempotent: one per order, one per buyer and product for inquiries) */
        post: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        /** Archive for the caller */
        post: {
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
                    content?: never;
                };
            };
        };
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
        /** Bring back from the archive */
        post: {
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
                    content?: never;
                };
            };
        };
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
        post: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
        put?: never;
        /** Send a message (idempotent on clientMessageId) */
        post: {
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
                        messageType?: "text" | "image" | "file" | "system" | "order_status" | "payment_confirmation" | "tracking" | "dispute_escalation" | "dispute_update" | "product_inquiry";
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
                    content?: never;
                };
            };
        };
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
        /** Delete your own message within the edit window; it stays as "deleted" */
        delete: {
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
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Edit your own message within the edit window */
        patch: {
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
                    content?: never;
                };
            };
        };
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
        post: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        post: {
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
                    content?: never;
                };
            };
        };
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
        /** Download an attachment (participants of its conversation only) */
        get: {
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
                    content?: never;
                };
            };
        };
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
         * @description Content is literal (message.subject/body/htmlBody/smsText/pushNotification/inAppMessage) or message.template {key, locale, data}.
         */
        post: {
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
                        channels: ("email" | "sms" | "push" | "in-app" | "webhook")[];
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
                            template?: {
                                key: string;
                                locale?: string;
                                data?: {
                                    [key: string]: unknown;
                                };
                            };
                        };
                        schedule?: {
                            /** Format: date-time */
                            sendAt?: string;
                        };
                        metadata?: {
                            priority?: "low" | "medium" | "high";
                            retries?: number;
                            campaignId?: string;
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
                    content?: never;
                };
            };
        };
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
        post: {
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
                            channels: ("email" | "sms" | "push" | "in-app" | "webhook")[];
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
                                template?: {
                                    key: string;
                                    locale?: string;
                                    data?: {
                                        [key: string]: unknown;
                                    };
                                };
                            };
                            schedule?: {
                                /** Format: date-time */
                                sendAt?: string;
                            };
                            metadata?: {
                                priority?: "low" | "medium" | "high";
                                retries?: number;
                                campaignId?: string;
                            };
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
                    content?: never;
                };
            };
        };
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
        get: {
            parameters: {
                query?: {
                    channel?: "email" | "sms" | "push" | "in-app" | "webhook";
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
                    content?: never;
                };
            };
        };
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
        post: {
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
                    content?: never;
                };
            };
        };
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
        /** Status per channel, with the history of each delivery */
        get: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
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
                    content?: never;
                };
            };
        };
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
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
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
                    content?: never;
                };
            };
        };
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
        post: {
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
                    content?: never;
                };
            };
        };
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
         * @description Every figure is about the deliveries (one per notification and channel) accepted in the window, in the state they are in now, read from the database: every node answers the same. The window is the current hour and the hours − 1 whole hours before it (UTC), ending now; series has one point per hour for each channel with deliveries in the window. Per channel: accepted; pending (queued, a fallback step waiting, or being sent); attempted (sent at least once, or failed, bounced or dead-lettered: skipped, cancelled and pending ones are not); sent (handed to a provider or the in-app feed at least once, delivered ones included); delivered (confirmed by a provider callback or an in-app socket, or opened, read, clicked since); failed (for good: a permanent refusal, a template error, a bounce or a failure the provider reported); deadLettered (ran out of retries); skipped (preferences, limits, suppressed addresses, an earlier fallback step delivered, no device); cancelled. sentRate = sent ÷ attempted; deliveryRate = delivered ÷ attempted (null when nothing was attempted). Only in-app sockets and the SendGrid and Twilio callbacks confirm delivery: on other providers deliveries stay sent, so read sentRate there. latencyMs: from acceptance to the provider call that sent it (sentP50, sentP95; this includes any schedule.sendAt, fallback wait and retries) and to confirmed delivery (deliveredP50, deliveredP95); null when none. errors: error codes of the failed and dead-lettered deliveries; skipReasons: why deliveries were skipped. providers: each configured provider in failover order with this process's circuit breaker (state closed, open or half_open; null on a node without the worker role: breakers are per process), and from the window's deliveries the number it sent and its failed calls.
         */
        get: {
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
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
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
        get: {
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
                    content?: never;
                };
            };
        };
        /**
         * Replace a user’s preferences (applied to every delivery not yet sent)
         * @description dailyLimits.promotionalSentToday and lastResetDate are kept by Parley; values sent for them are ignored. Devices have their own endpoints.
         */
        put: {
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
                                transactional?: ("email" | "sms" | "push" | "in-app")[];
                                promotional?: ("email" | "sms" | "push" | "in-app")[];
                                systemAlert?: ("email" | "sms" | "push" | "in-app")[];
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
                    content?: never;
                };
            };
        };
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
        /** Register (or refresh) a push device token */
        post: {
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
                    content?: never;
                };
            };
        };
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
        delete: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
        put?: never;
        /**
         * Create a template for a key, channel and locale (LiquidJS, strict variables)
         * @description A template that does not parse is refused with the reason; with sampleData it must also render.
         */
        post: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
        /** Replace a template’s content (its version goes up) */
        put: {
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
                    content?: never;
                };
            };
        };
        post?: never;
        /** Delete a template */
        delete: {
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
                    content?: never;
                };
            };
        };
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
        post: {
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
                    content?: never;
                };
            };
        };
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
        /** SendGrid Event Webhook (signed with ECDSA) */
        post: {
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
                    content?: never;
                };
            };
        };
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
        /** Twilio message status callback (X-Twilio-Signature) */
        post: {
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
                    content?: never;
                };
            };
        };
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
         * @description placed needs buyer and seller; paid needs payment; shipped needs shipment; dispute_opened needs dispute. An event that does not fit the order’s state is refused with 409 order_state_conflict and the reason.
         */
        post: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
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
        get: {
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
                    content?: never;
                };
            };
        };
        /** Set how to reach a user (operators) */
        put: {
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
                    content?: never;
                };
            };
        };
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
        /** The conversation of an order, created if needed (its buyer or seller; the backend for any order) */
        post: {
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
                    content?: never;
                };
            };
        };
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
        /** Ask a seller about a product (one inquiry per buyer and product; asking again adds the question) */
        post: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
        put?: never;
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
        post: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        /** Post an automated notice into the conversation (marked automated) and notify the other participants */
        post: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Move a dispute along its lifecycle (its moderator; the party who opened it may close it) */
        patch: {
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
                    content?: never;
                };
            };
        };
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
        post: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create a template (rate-limited per seller; at most 200 per seller) */
        post: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
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
        put: {
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
                    content?: never;
                };
            };
        };
        post?: never;
        /** Delete a template */
        delete: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create a quick reply with trigger words (rate-limited per seller; at most 500 per seller) */
        post: {
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
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
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
        delete: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
         * @description Figures are precomputed by a background job (every PARLEY_ANALYTICS_INTERVAL_SECONDS, 60 by default), so they lag new messages by up to that interval. Platform and automated messages never count. A question is the buyer's first message after the seller's last reply; the seller's next message is its response; a response within 24 hours is on time, a later one is late. A seller reads their own figures; an operator names any sellerId, or none for the whole marketplace. Each window's "marketplace" holds medians of per-seller figures, without seller ids, and is null when fewer than 5 sellers were active in the window.
         */
        get: {
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
                    content?: never;
                };
            };
        };
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
        get: {
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
                    content?: never;
                };
            };
        };
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
        post: {
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
                    content?: never;
                };
            };
        };
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
