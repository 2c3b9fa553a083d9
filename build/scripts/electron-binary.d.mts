// Types for electron-binary.mjs (used by start.mjs and its tests).
export function electronPackageDir(fromDir: string): string | null;
export function findElectron(pkgDir: string | null, env?: NodeJS.ProcessEnv): { path: string; reason?: undefined } | { path?: undefined; reason: string };
export function tryInstallElectron(pkgDir: string, opts?: { timeoutMs?: number; env?: NodeJS.ProcessEnv; nodePath?: string }): string | null;
export function firstErrorLine(text: string): string;
