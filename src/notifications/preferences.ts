/**
 * Where other modules found the preferences service before it became the preferences
 * sub-module (./preferences/): kept only until they import it from there.
 */
export type { PreferencesService } from './preferences/user-preferences.ts';
export type { Device, Preferences } from './preferences/preference-schemas.ts';
