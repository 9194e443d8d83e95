/**
 * The duration formatter, for the renderers and everything above them. It lives in the lowest
 * layer (src/duration-words.ts) because the Secoda client's own messages state durations too
 * ("no answer within 20 s"), and src/secoda may not import src/render; there is one formatter.
 */
export { durationWords } from '../duration-words.js';
