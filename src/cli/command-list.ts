/** Every command of the command line, in the order the main help lists them. */
import { defineCommand, type Command } from './command.js';
import { validateCommand, validateSpec } from './commands/validate.js';
import { planCommand, planSpec } from './commands/plan.js';
import { applyCommand, applySpec } from './commands/apply.js';
import { emulatorCommand, emulatorSpec } from './commands/emulator.js';
import { pullCommand, pullSpec } from './commands/pull.js';
import { acceptCommand, acceptSpec } from './commands/accept.js';
import { schemaCommand, schemaSpec } from './commands/schema.js';
import { checkCommand, checkSpec } from './commands/check.js';
import { codegenCommand, codegenSpec } from './commands/codegen.js';
import { completionCommand, completionSpec } from './commands/completion.js';
import { importCommand, importSpec } from './commands/import.js';

const others: readonly Command[] = [
  defineCommand(validateSpec, validateCommand),
  defineCommand(planSpec, planCommand, { network: true }),
  defineCommand(applySpec, applyCommand, { network: true }),
  defineCommand(pullSpec, pullCommand, { network: true }),
  defineCommand(acceptSpec, acceptCommand, { network: true }),
  defineCommand(schemaSpec, schemaCommand),
  defineCommand(checkSpec, checkCommand),
  defineCommand(codegenSpec, codegenCommand),
  defineCommand(importSpec, importCommand),
  defineCommand(emulatorSpec, emulatorCommand),
];

/** The commands; completion covers every one, itself included. */
export const commands: readonly Command[] = [
  ...others,
  defineCommand(completionSpec, completionCommand([...others.map((c) => c.spec), completionSpec])),
];
