import { Type } from '@sinclair/typebox';
import { Attachment } from '../attachments/attachment-shapes.ts';
import { Shape } from '../http/contract.ts';

const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

/** The In-platform Message Model, as the API and the socket show it (MessageView). */
export const Message = Shape(
  {
    messageId: Type.String({ format: 'uuid' }),
    conversationId: Type.String({ format: 'uuid' }),
    seq: Type.Integer({ minimum: 1, description: "The message's place in its conversation: 1, 2, 3... without gaps." }),
    senderId: Type.String({ description: '"system" for the platform.' }),
    messageType: Type.String(),
    content: nullable(Type.String({ description: 'Null when deleted or without text; contact details masked when `masked`.' })),
    payload: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    timestamp: Type.String({ format: 'date-time' }),
    editedAt: nullable(Type.String({ format: 'date-time' })),
    deletedAt: nullable(Type.String({ format: 'date-time' })),
    isSystem: Type.Boolean(),
    isAutomated: Type.Boolean({ description: 'Sent by automation (an order event, an automated notice), not typed by a person.' }),
    masked: Type.Boolean({ description: 'Contact details in the content are hidden from this viewer.' }),
    readBy: Type.Array(Type.String()),
    status: Type.Union([Type.Literal('sent'), Type.Literal('delivered'), Type.Literal('read'), Type.Literal('deleted')]),
    attachments: Type.Array(Attachment),
    clientMessageId: nullable(Type.String()),
    metadata: Type.Record(Type.String(), Type.Unknown()),
  },
);
