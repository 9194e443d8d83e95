// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
import{exitProcess,runInProcess}from"./chunks/chunk-LHUCVAV7.mjs";import"./chunks/chunk-SWA72UQ5.mjs";import"./chunks/chunk-ZMVJU643.mjs";import"./chunks/chunk-24CERZFT.mjs";import"./chunks/chunk-5I6JTM33.mjs";import"./chunks/chunk-TLKTJXRP.mjs";import"./chunks/chunk-F3QHSGIX.mjs";import"./chunks/chunk-2IPS2MHH.mjs";import"./chunks/chunk-HXYXGMNH.mjs";import"./chunks/chunk-3HGPGAU3.mjs";import"./chunks/chunk-QTYFWIGI.mjs";exitProcess(await runInProcess(process.argv.slice(2)));
