/**
 * The privacy API knowledge of each language family, one module each (see types.ts): adding a language is
 * one module here and one entry below (beside its code model in code/families/ and its crypto models in
 * crypto/families/).
 */
import type { Family } from '../../code/family';
import type { PrivacyFamily } from './types';
import { c } from './c';
import { cs } from './cs';
import { go } from './go';
import { java } from './java';
import { js } from './js';
import { kotlin } from './kotlin';
import { py } from './py';
import { rust } from './rust';
import { swift } from './swift';

export type { CallView, PrivacyFamily } from './types';

export const PRIVACY_FAMILIES: Readonly<Record<Family, PrivacyFamily>> = { js, py, java, kotlin, cs, go, rust, c, swift };
