// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
import{ANNOTATION_LIMIT,SUMMARY_LIMIT_BYTES,annotateIssues,appendJobSummary,hasJobSummary,issuesMarkdown,setPlanOutputs,setStepOutputs,warningAnnotation}from"./chunk-PE3KRSTC.mjs";import"./chunk-2FRF4AZV.mjs";import"./chunk-2CNK6MTV.mjs";import"./chunk-QTYFWIGI.mjs";export{ANNOTATION_LIMIT,SUMMARY_LIMIT_BYTES,annotateIssues,appendJobSummary,hasJobSummary,issuesMarkdown,setPlanOutputs,setStepOutputs,warningAnnotation};
