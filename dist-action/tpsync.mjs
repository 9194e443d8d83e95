// tpsync, bundled by scripts/bundle.mjs from the sources of this repository. Licences: LICENSES.txt.
import { createRequire as __tpsyncCreateRequire } from 'node:module';
const require = __tpsyncCreateRequire(import.meta.url);
import{exitProcess,runInProcess}from"./chunks/chunk-DNPCCSPG.mjs";import"./chunks/chunk-VZD3KLAG.mjs";import"./chunks/chunk-WL2JGF6Z.mjs";import"./chunks/chunk-HXW35JLP.mjs";import"./chunks/chunk-EL6IYVBW.mjs";import"./chunks/chunk-XP2BVNGM.mjs";import"./chunks/chunk-RIIEYZDV.mjs";import"./chunks/chunk-VOWLM44D.mjs";import"./chunks/chunk-LN22DRZ6.mjs";import"./chunks/chunk-M3RDB5H6.mjs";import"./chunks/chunk-A42WJM2M.mjs";import"./chunks/chunk-CXV6XDVP.mjs";import"./chunks/chunk-QTYFWIGI.mjs";exitProcess(await runInProcess(process.argv.slice(2)));
