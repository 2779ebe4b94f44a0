import { Type } from '@sinclair/typebox';
import { Shape, answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { PUSH_ACTION_PATH } from '../../notifications/push-actions/push-action-links.ts';
import type { PushActions } from './push-actions.ts';

const tags = ['interactive push'];

const PushActionBody = Type.Object(
  {
    action: Type.String({ minLength: 1, maxLength: 64, description: "The button's action id: reply, mark-read or confirm-receipt (the ones the notification offered)" }),
    text: Type.Optional(Type.String({ maxLength: 100_000, description: 'For reply: the text the user typed (at most 10000 characters)' })),
  },
  { additionalProperties: false },
);

const PushActionResultShape = Shape({
  action: Type.Union([Type.Literal('reply'), Type.Literal('mark-read'), Type.Literal('confirm-receipt')]),
  conversationId: Type.Optional(Type.String()),
  messageId: Type.Optional(Type.String({ description: 'reply: the message posted' })),
  unreadCount: Type.Optional(Type.Integer({ description: 'mark-read: what stays unread in the conversation' })),
  orderId: Type.Optional(Type.String()),
  orderStatus: Type.Optional(Type.String({ description: "confirm-receipt: the order's status after it" })),
});

/**
 * `POST /push-actions/{token}`: where the buttons of a push notification act. The device has no
 * session: the signed token in the path (from the notification's payload) is the authority.
 */
export async function pushActionRoutes(app: App, { pushActions }: { pushActions: PushActions }) {
  app.post(
    `${PUSH_ACTION_PATH}/:token`,
    {
      config: { access: 'public' },
      schema: {
        operationId: 'takePushAction',
        tags,
        summary: 'Take the action a user chose on a push notification (a reply, mark as read, confirm receipt); each notification answers once',
        description:
          'The URL comes with the notification (FCM data parley_action_url, APNs parley_action_url, the Web Push payload\'s actionUrl). ' +
          '404 push_action_not_valid for a forged, altered or expired token (or one signed for something else); 400 action_not_offered for an action the notification did not carry; ' +
          '400 reply_text_required / reply_text_too_long for the reply\'s text; 409 push_action_used when the notification was answered already. A refused action changes nothing.',
        security: [],
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }) }),
        body: PushActionBody,
        response: answers({ 200: PushActionResultShape }, [404, 409], { public: true }),
      },
    },
    async (request) => pushActions.act(request.params.token, request.body),
  );
}
