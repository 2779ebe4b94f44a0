import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { isOperator, type Principal } from '../auth/principal.ts';
import { forbidden } from '../errors.ts';
import { DeviceBody, type PreferencesService, PreferencesBody } from './preferences.ts';

const tags = ['preferences'];
const UserParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 255 }) });

/** Users read and change their own preferences and devices; operators (and the backend's API key) anyone's. */
function requireSelf(principal: Principal, userId: string): void {
  if (principal.userId !== userId && !isOperator(principal)) {
    throw forbidden('not_your_preferences', "You can only read or change your own preferences and devices.");
  }
}

export async function preferenceRoutes(app: FastifyInstance, { preferences }: { preferences: PreferencesService }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/users/:userId/preferences', { schema: { tags, summary: "A user's communication preferences and devices", params: UserParams } }, async (request) => {
    requireSelf(request.principal, request.params.userId);
    return preferences.read(request.params.userId);
  });

  r.put(
    '/users/:userId/preferences',
    {
      schema: {
        tags,
        summary: 'Replace a user’s preferences (applied to every delivery not yet sent)',
        description: 'dailyLimits.promotionalSentToday and lastResetDate are kept by Parley; values sent for them are ignored. Devices have their own endpoints.',
        params: UserParams,
        body: Type.Object({ preferences: PreferencesBody, userId: Type.Optional(Type.String()), deviceTokens: Type.Optional(Type.Array(Type.Unknown())) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      requireSelf(request.principal, request.params.userId);
      return preferences.write(request.params.userId, request.body.preferences);
    },
  );

  r.post(
    '/users/:userId/devices',
    { schema: { tags, summary: 'Register (or refresh) a push device token', params: UserParams, body: DeviceBody } },
    async (request, reply) => {
      requireSelf(request.principal, request.params.userId);
      const { device, created } = await preferences.registerDevice(request.params.userId, request.body);
      return reply.code(created ? 201 : 200).send(device);
    },
  );

  r.delete(
    '/users/:userId/devices/:deviceId',
    { schema: { tags, summary: 'Remove a push device', params: Type.Object({ userId: Type.String({ minLength: 1, maxLength: 255 }), deviceId: Type.String({ minLength: 1, maxLength: 255 }) }) } },
    async (request, reply) => {
      requireSelf(request.principal, request.params.userId);
      await preferences.removeDevice(request.params.userId, request.params.deviceId);
      return reply.code(204).send();
    },
  );
}
