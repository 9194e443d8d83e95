// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
import{buildEventSchemas,eventSchema}from"./chunk-VZD3KLAG.mjs";import"./chunk-HXW35JLP.mjs";import"./chunk-QTYFWIGI.mjs";export{buildEventSchemas,eventSchema};
