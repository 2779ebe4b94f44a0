import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** The Fastify instance every module registers its routes on, typed for TypeBox schemas. */
export type App = FastifyInstance<any, any, any, Logger, TypeBoxTypeProvider>;
