/**
 * A tiny flag parser shared by the CLIs: `--name value`, `--name=value` and bare `--flag`
 * (boolean). Unknown flags are an error, so a typo never silently falls back to a default.
 */
export type FlagSpec = Record<string, 'string' | 'number' | 'boolean'>;

export type Flags<S extends FlagSpec> = {
  [K in keyof S]?: S[K] extends 'number' ? number : S[K] extends 'boolean' ? boolean : string;
};

export class ArgsError extends Error {}

export function parseFlags<S extends FlagSpec>(argv: readonly string[], spec: S): Flags<S> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new ArgsError(`Unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = spec[name];
    if (!kind) {
      throw new ArgsError(`Unknown option --${name} (known: ${Object.keys(spec).map((k) => `--${k}`).join(', ')})`);
    }
    if (kind === 'boolean') {
      out[name] = eq === -1 ? true : !/^(0|false|no)$/i.test(arg.slice(eq + 1));
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq === -1 && value.startsWith('--'))) {
      throw new ArgsError(`Option --${name} needs a value`);
    }
    if (kind === 'number') {
      const n = Number(value.replace(/_/g, ''));
      if (!Number.isFinite(n)) throw new ArgsError(`Option --${name} needs a number, got "${value}"`);
      out[name] = n;
    } else out[name] = value;
  }
  return out as Flags<S>;
}
