import { UsageError } from '../../errors.js';
import { didYouMean } from '../../tracking-plan/did-you-mean.js';
import { quote } from '../../render/quoted-values.js';
import type { ArgsOf } from '../args.js';
import { commandSpec, type CommandSpec } from '../command-spec.js';
import { bashCompletion } from '../completion/bash-completion.js';
import { completionModel, type CompletionModel } from '../completion/completion-model.js';
import { fishCompletion } from '../completion/fish-completion.js';
import { zshCompletion } from '../completion/zsh-completion.js';
import type { Io } from '../io.js';

const SHELLS: Readonly<Record<string, (model: CompletionModel) => string>> = {
  bash: bashCompletion,
  zsh: zshCompletion,
  fish: fishCompletion,
};

export const completionSpec = commandSpec({
  name: 'completion',
  summary: "Print a shell completion script for tpsync's commands and flags (bash, zsh or fish).",
  usage: 'tpsync completion bash|zsh|fish',
  positionals: ['bash|zsh|fish'],
  options: {},
  details: [
    'Load it from the shell:',
    '  bash, in ~/.bashrc:  eval "$(tpsync completion bash)"',
    '  zsh, in ~/.zshrc after compinit:  source <(tpsync completion zsh)',
    '  fish:  tpsync completion fish > ~/.config/fish/completions/tpsync.fish',
    'The script is generated from the same command specs as the flags tpsync parses and its help.',
  ].join('\n'),
});

/**
 * `tpsync completion <shell>`: the script for `commands` (every command's spec, this one's too),
 * on stdout. An unknown shell is a usage error with a did-you-mean.
 */
export function completionCommand(commands: readonly CommandSpec[]): (args: ArgsOf<typeof completionSpec>, io: Io) => Promise<number> {
  return (args, io) => {
    const shell = args.positionals[0] ?? '';
    const render = SHELLS[shell];
    if (render === undefined) {
      const guess = didYouMean(shell, Object.keys(SHELLS));
      throw new UsageError(
        `tpsync completion: no completion for ${quote(shell)}`,
        guess !== undefined ? `did you mean \`tpsync completion ${guess}\`?` : 'choose bash, zsh or fish',
      );
    }
    io.stdout.write(render(completionModel(commands)));
    return Promise.resolve(0);
  };
}
