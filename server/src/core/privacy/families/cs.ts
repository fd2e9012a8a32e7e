/** C#: `Activity` tags are tracing spans; MAUI `Preferences.Set` is unencrypted storage. */
import type { PrivacyFamily } from './types';

export const cs: PrivacyFamily = {
  activityIsSpan: true,
  mauiPreferences: true,
};
