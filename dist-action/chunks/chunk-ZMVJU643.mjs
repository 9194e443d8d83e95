// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
import{mkdir,rename,rm,writeFile}from"node:fs/promises";import{basename,dirname,join,resolve}from"node:path";var counter=0;async function replaceFile(path,text,options={}){let dir=dirname(resolve(path));await mkdir(dir,{recursive:!0});let temp=join(dir,`.${basename(path)}.${process.pid}.${++counter}.tmp`);try{await writeFile(temp,text,{encoding:"utf8",flag:"wx",flush:options.flush===!0}),await rename(temp,path)}catch(error){throw await rm(temp,{force:!0}),error}}export{replaceFile};
