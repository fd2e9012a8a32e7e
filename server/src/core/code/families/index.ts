/** Every language family, once: adding a language is one module here and one entry below. */
import type { Family, LanguageFamily } from '../family';
import { js } from './js';
import { py } from './py';
import { java } from './java';
import { kotlin } from './kotlin';
import { cs } from './cs';
import { go } from './go';
import { rust } from './rust';
import { c } from './c';
import { swift } from './swift';

export const FAMILIES: Record<Family, LanguageFamily> = { js, py, java, kotlin, cs, go, rust, c, swift };
