// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
function appendAll(target,...lists){for(let list of lists)for(let item of list)target.push(item);return target}function largest(values,fallback=Number.NEGATIVE_INFINITY){let max=fallback;for(let value of values)value>max&&(max=value);return max}export{appendAll,largest};
