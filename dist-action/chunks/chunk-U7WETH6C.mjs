// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
var VIOLATION_KINDS=["unplanned-event","unplanned-property","missing-required","wrong-type","value-not-in-enum","invalid-json"];export{VIOLATION_KINDS};
