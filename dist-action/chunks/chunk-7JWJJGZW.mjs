// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
function durationWords(ms){let safe=Math.max(0,ms);if(safe<1e3)return`${Math.round(safe)} ms`;if(safe<1e4)return`${(Math.round(safe/100)/10).toString()} s`;let seconds=Math.round(safe/1e3);if(seconds<60)return`${seconds} s`;if(seconds<3600){let minutes2=Math.floor(seconds/60),rest2=seconds%60;return rest2===0?`${minutes2} min`:`${minutes2} min ${rest2} s`}let minutes=Math.floor(seconds/60),hours=Math.floor(minutes/60),rest=minutes%60;return rest===0?`${hours} h`:`${hours} h ${rest} min`}export{durationWords};
