import { Type } from '@sinclair/typebox';
import type { AccessPolicy } from '../../access/policy.ts';
import { NoContent, answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { DeviceBody, DeviceView, PreferencesBody, PreferencesView } from './preference-schemas.ts';
import type { PreferencesService } from './user-preferences.ts';

const tags = ['preferences'];
const UserId = Type.String({ minLength: 1, maxLength: 255 });
const UserParams = Type.Object({ userId: UserId });

/** Users read and change their own preferences and devices; operators (and the backend's API key) anyone's. */
export async function preferenceRoutes(app: App, { preferences, access }: { preferences: PreferencesService; access: AccessPolicy }) {
  const own = (principal: Parameters<AccessPolicy['requireAccess']>[0], userId: string) => access.requireAccess(principal, 'preference.manage', { userId });

  app.get(
    '/users/:userId/preferences',
    {
      config: { access: 'preference.manage' },
      schema: { operationId: 'getUserPreferences', tags, summary: "A user's communication preferences and devices", params: UserParams, response: answers({ 200: PreferencesView }, [403]) },
    },
    async (request) => {
      await own(request.principal, request.params.userId);
      return preferences.read(request.params.userId);
    },
  );

  app.put(
    '/users/:userId/preferences',
    {
      config: { access: 'preference.manage' },
      schema: {
        operationId: 'replaceUserPreferences',
        tags,
        summary: 'Replace a user’s preferences (applied to every delivery not yet sent)',
        description: 'dailyLimits.promotionalSentToday and lastResetDate are kept by Parley; values sent for them are ignored. Devices have their own endpoints.',
        params: UserParams,
        body: Type.Object({ preferences: PreferencesBody, userId: Type.Optional(Type.String()), deviceTokens: Type.Optional(Type.Array(Type.Unknown())) }, { additionalProperties: false }),
        response: answers({ 200: PreferencesView }, [403, 413, 415]),
      },
    },
    async (request) => {
      await own(request.principal, request.params.userId);
      return preferences.write(request.params.userId, request.body.preferences);
    },
  );

  app.post(
    '/users/:userId/devices',
    {
      config: { access: 'preference.manage' },
      schema: {
        operationId: 'registerDevice',
        tags,
        summary: 'Register (or refresh) a push device token',
        description: '201 when the device is new, 200 when a registered device got a new token or platform.',
        params: UserParams,
        body: DeviceBody,
        response: answers({ 201: DeviceView, 200: DeviceView }, [403, 413, 415]),
      },
    },
    async (request, reply) => {
      await own(request.principal, request.params.userId);
      const { device, created } = await preferences.registerDevice(request.params.userId, request.body);
      return reply.code(created ? 201 : 200).send(device);
    },
  );

  app.delete(
    '/users/:userId/devices/:deviceId',
    {
      config: { access: 'preference.manage' },
      schema: {
        operationId: 'removeDevice',
        tags,
        summary: 'Remove a push device',
        params: Type.Object({ userId: UserId, deviceId: Type.String({ minLength: 1, maxLength: 255 }) }),
        response: answers({ 204: NoContent }, [403, 404]),
      },
    },
    async (request, reply) => {
      await own(request.principal, request.params.userId);
      await preferences.removeDevice(request.params.userId, request.params.deviceId);
      return reply.code(204).send();
    },
  );
}
