// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
import{exitProcess,runInProcess}from"./chunks/chunk-IRPJYPLJ.mjs";import"./chunks/chunk-F3QHSGIX.mjs";import"./chunks/chunk-TWSXRQ7C.mjs";import"./chunks/chunk-PDOQHNKI.mjs";import"./chunks/chunk-HXYXGMNH.mjs";import"./chunks/chunk-MZFXOJEJ.mjs";import"./chunks/chunk-4O7WPY6C.mjs";import"./chunks/chunk-7JWJJGZW.mjs";import"./chunks/chunk-D3BFAH3P.mjs";import"./chunks/chunk-A42WJM2M.mjs";import"./chunks/chunk-CXV6XDVP.mjs";import"./chunks/chunk-QTYFWIGI.mjs";exitProcess(await runInProcess(process.argv.slice(2)));
