import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { initPostgresTemplate } from './instances.ts';

/** One initdb per run: each scenario file copies the cluster it made instead of making its own. */
export default async function setup(project: TestProject) {
  const template = await initPostgresTemplate();
  project.provide('faultPostgresTemplate', template.dir);
  return () => template.remove();
}

declare module 'vitest' {
  export interface ProvidedContext {
    faultPostgresTemplate: string;
  }
}
