import { Type } from '@sinclair/typebox';
import { Shape } from '../http/contract.ts';

/** An uploaded attachment, as a message carries it. */
export const Attachment = Shape({
  attachmentId: Type.String({ format: 'uuid' }),
  type: Type.Union([Type.Literal('image'), Type.Literal('file')]),
  url: Type.String({ description: 'Where to download it (GET, with credentials).' }),
  fileName: Type.String(),
  mimeType: Type.String(),
  size: Type.Integer({ minimum: 0, description: 'Bytes.' }),
});
