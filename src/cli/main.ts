/** The `tpsync` executable: runs the command line on the process's arguments (see process-main.ts). */
import { exitProcess, runInProcess } from './process-main.js';

exitProcess(await runInProcess(process.argv.slice(2)));
