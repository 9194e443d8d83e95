// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
import{exitProcess,runInProcess}from"./chunks/chunk-23FND6AW.mjs";import"./chunks/chunk-BB2MGD3R.mjs";import"./chunks/chunk-PDOQHNKI.mjs";import"./chunks/chunk-DX33NTNY.mjs";import"./chunks/chunk-A42WJM2M.mjs";import"./chunks/chunk-TLKTJXRP.mjs";import"./chunks/chunk-F3QHSGIX.mjs";import"./chunks/chunk-TWSXRQ7C.mjs";import"./chunks/chunk-HXYXGMNH.mjs";import"./chunks/chunk-QTYFWIGI.mjs";exitProcess(await runInProcess(process.argv.slice(2)));
