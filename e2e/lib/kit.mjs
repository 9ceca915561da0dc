// Starts and stops one Safer Cities Kit process for a test file:
//   java -jar kit/target/safercities-kit.jar --data <fresh temp dir> --port <free port> [--demo]
// and waits for GET /health to answer 200 with a JSON body that names the store state.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(E2E_DIR, '..');
export const JAR = process.env.KIT_JAR || path.join(REPO_DIR, 'kit', 'target', 'safercities-kit.jar');
export const SHARED_DATA = process.env.SHARED_DATA || path.resolve(REPO_DIR, '..', 'shared', 'data');

/** The java launcher: $JAVA_HOME/bin/java when run.sh found a JDK 21+, else the one on the PATH. */
export function javaBin() {
  const home = process.env.JAVA_HOME;
  if (home && existsSync(path.join(home, 'bin', 'java'))) return path.join(home, 'bin', 'java');
  return 'java';
}

/** A TCP port that nothing listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh, empty temporary folder (removed by Kit.stop unless KEEP_DATA=1). */
export function freshDataDir(label) {
  return mkdtempSync(path.join(os.tmpdir(), `sck-e2e-${label}-`));
}

const running = new Set();
function killAll() {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
// Last resort: never leave a kit behind, even when the test process exits abruptly or is interrupted.
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => { killAll(); process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)); });
}

/**
 * Starts the kit. Options: demo (adds --demo), label (names the temp folder), prepare(dataDir) runs before the
 * start (e.g. to drop extra message bundles into <data>/locales/), args (more command-line options, e.g. --profile),
 * startTimeoutMs.
 * Returns { baseUrl, port, dataDir, logFile, health, stop() }.
 */
export async function startKit({ demo = false, label = 'kit', prepare, args: extraArgs = [], startTimeoutMs = 90_000 } = {}) {
  if (!existsSync(JAR)) {
    throw new Error(`The kit's jar is missing: ${JAR}. Build it first (mvn -q package at the repository root).`);
  }
  const dataDir = freshDataDir(label);
  if (prepare) await prepare(dataDir);
  const port = await freePort();
  // the kit's output, kept after the run for a look when a test fails (e2e/test-results/ is git-ignored)
  mkdirSync(path.join(E2E_DIR, 'test-results'), { recursive: true });
  const logFile = path.join(E2E_DIR, 'test-results', `kit-${label}.log`);
  const log = createWriteStream(logFile);
  const args = ['-jar', JAR, '--data', dataDir, '--port', String(port)];
  if (demo) args.push('--demo');
  args.push(...extraArgs);
  const child = spawn(javaBin(), args, { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      resolve(exited);
    });
    child.on('error', (err) => {
      exited = { code: -1, signal: null, error: err };
      running.delete(child);
      resolve(exited);
    });
  });
  const baseUrl = `http://127.0.0.1:${port}`;

  const kit = {
    baseUrl,
    port,
    dataDir,
    logFile,
    health: null,
    log() {
      try { return readFileSync(logFile, 'utf8'); } catch { return ''; }
    },
    /** Stops the process (TERM, then KILL after 10 s) and removes the data folder. Safe to call twice. */
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 10_000);
        await exitPromise;
        clearTimeout(timer);
      }
      log.end();
      if (process.env.KEEP_DATA !== '1') {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };

  const started = Date.now();
  try {
    for (;;) {
      if (exited) {
        throw new Error(`The kit exited during start (code ${exited.code}, signal ${exited.signal}${exited.error ? ', ' + exited.error.message : ''}).`);
      }
      if (Date.now() - started > startTimeoutMs) {
        throw new Error(`The kit did not answer GET /health with 200 within ${startTimeoutMs} ms.`);
      }
      try {
        const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
        if (res.status === 200) {
          const body = await res.json();
          if (typeof body.store !== 'string') throw new Error(`/health answered without "store": ${JSON.stringify(body)}`);
          kit.health = body;
          break;
        }
      } catch (e) {
        if (e instanceof Error && e.message.startsWith('/health answered')) throw e;
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    await kit.stop();
    throw new Error(`${e.message}\n--- kit log (${logFile}) ---\n${kit.log().slice(-4000)}`);
  }
  return kit;
}

// ---------------------------------------------------------------------------------------------------------------
// Message bundles. The kit reads locales/platform_<lang>.properties from its jar, plus any bundle dropped into
// <data>/locales/. The tests assert on translated strings only where a real bundle exists.

/** Parses a Java .properties file (UTF-8, as the kit reads them): continuation lines, \uXXXX and escapes. */
export function parseProperties(text) {
  const out = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    // join continuation lines (odd number of trailing backslashes)
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].replace(/^[ \t\f]+/, '');
    }
    let k = 0;
    let key = '';
    while (k < line.length) {
      const c = line[k];
      if (c === '\\') { key += line[k + 1] ?? ''; k += 2; continue; }
      if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
      key += c;
      k++;
    }
    let rest = line.slice(k).replace(/^[ \t\f]*/, '');
    if (rest[0] === '=' || rest[0] === ':') rest = rest.slice(1).replace(/^[ \t\f]*/, '');
    out[key] = rest.replace(/\\(u([0-9a-fA-F]{4})|.)/g, (m, esc, hex) => {
      if (hex) return String.fromCharCode(parseInt(hex, 16));
      return { t: '\t', n: '\n', r: '\r', f: '\f' }[esc] ?? esc;
    });
  }
  return out;
}

let jarEntriesCache = null;
/** The names of the entries of the kit's jar (listed once with the JDK's `jar` tool, or unzip). */
export function jarEntries() {
  if (jarEntriesCache) return jarEntriesCache;
  const home = process.env.JAVA_HOME;
  const jarTool = home && existsSync(path.join(home, 'bin', 'jar')) ? path.join(home, 'bin', 'jar') : 'jar';
  let r = spawnSync(jarTool, ['tf', JAR], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) r = spawnSync('unzip', ['-Z1', JAR], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`cannot list ${JAR}: ${r.stderr || r.error}`);
  jarEntriesCache = new Set(r.stdout.split('\n').map((s) => s.trim()).filter(Boolean));
  return jarEntriesCache;
}

/** Reads one entry of the jar as text (JDK `jar xf` into a temp folder, or unzip -p). */
export function readJarEntry(entry) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'sck-jar-'));
  try {
    const home = process.env.JAVA_HOME;
    const jarTool = home && existsSync(path.join(home, 'bin', 'jar')) ? path.join(home, 'bin', 'jar') : 'jar';
    let r = spawnSync(jarTool, ['xf', JAR, entry], { cwd: tmp });
    if (r.status === 0 && existsSync(path.join(tmp, entry))) return readFileSync(path.join(tmp, entry), 'utf8');
    r = spawnSync('unzip', ['-p', JAR, entry], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.status === 0) return r.stdout;
    throw new Error(`cannot read ${entry} from ${JAR}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Makes sure the kit will offer `lang`, and says which strings to expect:
 *  - the jar ships locales/platform_<lang>.properties: expected strings come from the jar's own copy (source "jar");
 *  - else the work tree has locales/platform_<lang>.properties (the jar predates it): that file is dropped into
 *    <data>/locales/, the kit's documented way to add a language (source "work tree, dropped into the data folder");
 *  - else an empty bundle is dropped in: the kit offers the language, every text falls back to English, and only
 *    lang/dir can be checked (source "none", bundle null).
 * Call from startKit's prepare(dataDir). Returns { lang, source, bundle }.
 */
export function provideLanguage(dataDir, lang) {
  const entry = `locales/platform_${lang}.properties`;
  const workTree = path.join(REPO_DIR, 'locales', `platform_${lang}.properties`);
  if (jarEntries().has(entry)) {
    const text = readJarEntry(entry);
    let note = '';
    if (existsSync(workTree) && readFileSync(workTree, 'utf8') !== text) {
      note = ` (NOTE: ${path.relative(REPO_DIR, workTree)} differs from the jar's copy: the jar may need a rebuild)`;
    }
    return { lang, source: 'jar' + note, bundle: parseProperties(text) };
  }
  const dropDir = path.join(dataDir, 'locales');
  mkdirSync(dropDir, { recursive: true });
  if (existsSync(workTree)) {
    const text = readFileSync(workTree, 'utf8');
    writeFileSync(path.join(dropDir, `platform_${lang}.properties`), text);
    return { lang, source: 'work tree, dropped into <data>/locales/ (the jar has no such bundle)', bundle: parseProperties(text) };
  }
  writeFileSync(path.join(dropDir, `platform_${lang}.properties`),
    `# Empty bundle written by the e2e tests: no translation exists yet, so the kit falls back to English.\n`);
  return { lang, source: 'none (empty bundle dropped in: English fallback)', bundle: null };
}
