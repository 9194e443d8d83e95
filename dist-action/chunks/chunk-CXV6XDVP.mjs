// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
var UUID_HEX=/^[0-9a-f]{32}$/,known=new Map,MAX_KNOWN=1<<18;function idKey(id){let cached=known.get(id);if(cached!==void 0)return cached;let compact=id.toLowerCase().replace(/-/g,""),key=UUID_HEX.test(compact)?compact:id;return known.size>=MAX_KNOWN&&known.clear(),known.set(id,key),key}function sameId(a,b){return a==null||b===null||b===void 0?!1:a===b||idKey(a)===idKey(b)}export{idKey,sameId};
