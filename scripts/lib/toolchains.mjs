// @ts-check
/**
 * The compilers and interpreters the snippet tests run: python3, javac/java, g++/gcc, go.
 * Nothing here downloads anything but Debian packages: when a tool is missing and we run as root,
 * we install Debian's package with apt-get (one `apt-get update` per process); otherwise we stop
 * with the exact command to run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** @typedef {'python' | 'java' | 'cpp' | 'go'} SnippetLanguage */

/**
 * @typedef {object} Toolchain
 * @property {string[]} commands Every executable the language needs, all on PATH.
 * @property {string} apt The Debian package that provides them.
 */

/** @type {Record<SnippetLanguage, Toolchain>} */
export const TOOLCHAINS = {
  python: { commands: ['python3'], apt: 'python3' },
  java: { commands: ['javac', 'java'], apt: 'default-jdk-headless' },
  // g++ depends on gcc, so one package gives both (C snippets under cpp/ are built with gcc).
  cpp: { commands: ['g++', 'gcc'], apt: 'g++' },
  go: { commands: ['go'], apt: 'golang-go' },
};

/** The full path of `command` on PATH, or undefined. @param {string} command */
export function which(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

let aptUpdated = false;

/**
 * Makes sure every tool `language` needs is on PATH, installing its Debian package when running
 * as root. Throws with the command to run when it cannot.
 * @param {SnippetLanguage} language
 */
export function ensureToolchain(language) {
  const { commands, apt } = TOOLCHAINS[language];
  const missing = commands.filter((c) => !which(c));
  if (missing.length === 0) return;
  const install = `apt-get install -y ${apt}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `${missing.join(', ')} not found (needed for ${language} snippets). Install Debian's package as root:\n` +
        `  sudo sh -c 'apt-get update && ${install}'`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`${missing.join(', ')} missing; installing Debian's ${apt}`);
  if (!aptUpdated) {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  execFileSync('apt-get', ['install', '-y', apt], { stdio: 'inherit', env });
  const still = commands.filter((c) => !which(c));
  if (still.length) throw new Error(`apt-get installed ${apt}, but ${still.join(', ')} is still not on PATH`);
}

/**
 * @typedef {object} Command
 * @property {string} cmd
 * @property {string[]} args
 */

/**
 * How to build and run one snippet. The build writes only into `outDir` (a temp dir), never next
 * to the source.
 * @param {SnippetLanguage} language
 * @param {string} file Absolute path of the source.
 * @param {string} outDir Absolute path of an empty directory for this snippet's build output.
 * @param {string[]} args Command-line arguments for the program.
 * @returns {{ compile?: Command, run: Command }}
 */
export function buildCommands(language, file, outDir, args) {
  const base = file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  const exe = join(outDir, base);
  switch (language) {
    case 'python':
      return { run: { cmd: 'python3', args: [file, ...args] } };
    case 'java':
      // One public class per file, named after it: `java -cp out Name`.
      return {
        compile: { cmd: 'javac', args: ['-d', outDir, '-Xlint:all', file] },
        run: { cmd: 'java', args: ['-cp', outDir, base, ...args] },
      };
    case 'cpp': {
      const c = file.endsWith('.c');
      return {
        compile: c
          ? { cmd: 'gcc', args: ['-O2', '-pthread', '-std=c17', '-Wall', '-o', exe, file] }
          : { cmd: 'g++', args: ['-O2', '-pthread', '-std=c++20', '-Wall', '-o', exe, file] },
        run: { cmd: exe, args },
      };
    }
    case 'go':
      // `go build` of a single file needs no module; the build cache lives in the user's cache dir.
      return { compile: { cmd: 'go', args: ['build', '-o', exe, file] }, run: { cmd: exe, args } };
  }
}
