/** JavaScript / TypeScript: the shared tables are written for it (console, fetch, localStorage…). */
import type { PrivacyFamily } from './types';

export const js: PrivacyFamily = {};
