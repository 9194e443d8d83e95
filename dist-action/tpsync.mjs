// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
import{exitProcess,runInProcess}from"./chunks/chunk-TSF3CNDX.mjs";import"./chunks/chunk-F3QHSGIX.mjs";import"./chunks/chunk-5TAVW53H.mjs";import"./chunks/chunk-EL6IYVBW.mjs";import"./chunks/chunk-HXYXGMNH.mjs";import"./chunks/chunk-APVTVVHN.mjs";import"./chunks/chunk-KWFOG25P.mjs";import"./chunks/chunk-7JWJJGZW.mjs";import"./chunks/chunk-M3RDB5H6.mjs";import"./chunks/chunk-2FRF4AZV.mjs";import"./chunks/chunk-2CNK6MTV.mjs";import"./chunks/chunk-CXV6XDVP.mjs";import"./chunks/chunk-QTYFWIGI.mjs";exitProcess(await runInProcess(process.argv.slice(2)));
