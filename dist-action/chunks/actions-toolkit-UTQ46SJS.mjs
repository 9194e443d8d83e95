// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
import{ANNOTATION_LIMIT,SUMMARY_LIMIT_BYTES,annotateIssues,appendJobSummary,hasJobSummary,issuesMarkdown,setPlanOutputs,warningAnnotation}from"./chunk-JR4BLXG3.mjs";import"./chunk-5I6JTM33.mjs";import"./chunk-QTYFWIGI.mjs";export{ANNOTATION_LIMIT,SUMMARY_LIMIT_BYTES,annotateIssues,appendJobSummary,hasJobSummary,issuesMarkdown,setPlanOutputs,warningAnnotation};
