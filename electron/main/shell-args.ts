/** The shell's own command-line flags: --home DIR (or --home=DIR) and --hidden (start in the tray). */
export interface ShellArgs {
  home?: string;
  hidden: boolean;
}

export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const args: ShellArgs = { hidden: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--hidden') args.hidden = true;
    else if (a === '--home' && i + 1 < argv.length) args.home = argv[++i];
    else if (a.startsWith('--home=')) args.home = a.slice('--home='.length);
  }
  return args;
}
