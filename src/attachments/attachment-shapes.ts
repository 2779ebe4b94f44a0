import { Type } from '@sinclair/typebox';
import { Shape } from '../http/contract.ts';

/** An uploaded attachment, as a message carries it. */
export const Attachment = Shape({
  attachmentId: Type.String({ format: 'uuid' }),
  type: Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('voice'), Type.Literal('file')], {
    description: 'image, video, voice (an audio recording) or any other file, by its MIME type.',
  }),
  url: Type.String({ description: 'Where to download it (GET, with credentials).' }),
  fileName: Type.String(),
  mimeType: Type.String(),
  size: Type.Integer({ minimum: 0, description: 'Bytes.' }),
  durationMs: Type.Optional(Type.Integer({ minimum: 0, description: 'Videos and voice messages: how long they play, read from the file at upload.' })),
});
