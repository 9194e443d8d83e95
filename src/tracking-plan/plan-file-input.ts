/** One file of a plan, as the loader takes it (src/files/read-plan-files.ts reads them): the path shown in messages, and its bytes. */
export interface PlanFileInput {
  readonly path: string;
  readonly bytes: Uint8Array;
}
