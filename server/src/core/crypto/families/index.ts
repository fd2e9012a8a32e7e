/**
 * The crypto API models of each language family, one module each: adding a language is one module here
 * and one entry below (and its code model in code/families/).
 */
import type { Family } from '../../code/family';
import type { CallShape } from '../../code/syntax';
import type { Scan } from '../collect';
import { jsCall } from './js';
import { pyCall } from './py';
import { jvmCall } from './jvm';
import { csCall } from './cs';
import { goCall } from './go';
import { rustCall } from './rust';
import { cCall } from './c';
import { swiftCall } from './swift';

/** A family's call model: records the crypto sites of one call (callee with import aliases resolved). */
export type CallModel = (s: Scan, c: CallShape, callee: string) => void;

export const CALL_MODELS: Readonly<Record<Family, CallModel>> = {
  js: jsCall,
  py: pyCall,
  java: jvmCall,
  kotlin: jvmCall,
  cs: csCall,
  go: goCall,
  rust: rustCall,
  c: cCall,
  swift: swiftCall,
};
