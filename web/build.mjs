// Builds the editor: ONE self-contained HTML file with its scripts, its worker, the core's
// WebAssembly (gzipped, base64), the diagram's font and the example maps inlined. The page
// makes no network request, and its Content-Security-Policy forbids any: scripts run only
// when their hash is listed, the worker comes from a blob, WebAssembly may be compiled,
// nothing may be fetched.
//
//   node web/build.mjs [--out FILE]      (scripts/build-web.sh runs it)
//
// It needs the npm package built by scripts/build-wasm.sh in bindings/wasm/npm, and
// `npm ci --prefix web`.

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const web = dirname(fileURLToPath(import.meta.url));
const root = dirname(web);
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : join(web, 'dist', 'editor.html');

/// The limit on the page's size.
const MAX_BYTES = 6 * 1024 * 1024;

function fail(message) {
  console.error(`build-web: ${message}`);
  process.exit(1);
}

// ARGUMAP_NPM: another build of the package (its folder), for trying the page against it.
const pkg = process.env.ARGUMAP_NPM || join(root, 'bindings', 'wasm', 'npm');
if (!existsSync(join(pkg, 'package.json'))) fail(`no npm package in ${relative(root, pkg)}: run scripts/build-wasm.sh first`);

/// The package's entry for browsers, as its package.json's conditional exports name it.
function browserEntry(dir) {
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const dot = meta.exports && (typeof meta.exports === 'string' ? meta.exports : meta.exports['.']);
  const entry = typeof dot === 'string' ? dot : (dot && (dot.browser || dot.default)) || meta.browser || meta.main;
  if (typeof entry !== 'string') fail(`${relative(root, dir)}/package.json names no entry for browsers`);
  return join(dir, entry);
}

/// The package's WebAssembly: the one .wasm file under the package (outside node_modules).
function findWasm(dir) {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.wasm')) found.push(p);
    }
  };
  walk(dir);
  if (found.length === 0) fail(`no .wasm in ${relative(root, dir)}: run scripts/build-wasm.sh first`);
  // The same core may sit in two places (one per entry point): they must agree.
  const first = readFileSync(found[0]);
  for (const other of found.slice(1)) {
    if (!readFileSync(other).equals(first)) fail(`two different .wasm files in the package: ${found.map((f) => relative(root, f)).join(', ')}`);
  }
  return first;
}

async function bundle(entry, extra = {}) {
  const result = await build({
    entryPoints: [join(web, 'src', entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome111', 'firefox113', 'safari16.4'],
    conditions: ['browser'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    alias: { argumap: browserEntry(pkg) },
    logLevel: 'warning',
    ...extra,
  });
  return result.outputFiles[0].text;
}

/// Text that goes inside a <script> element must not end it early.
function scriptSafe(name, text) {
  if (/<\/script/i.test(text) || /<!--/.test(text)) fail(`${name} holds "</script" or "<!--", which would break the page`);
  return text;
}

function packed(bytes) {
  return gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).toString('base64');
}

function sha256(text) {
  return "'sha256-" + createHash('sha256').update(text, 'utf8').digest('base64') + "'";
}

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
// The package's browser entry finds its .wasm beside itself (new URL(..., import.meta.url)):
// the worker never fetches it (the page hands it the compiled core first), but the URL must
// still parse in a bundle, where import.meta is empty.
const worker = scriptSafe('the worker', await bundle('worker.js', { define: { 'import.meta.url': JSON.stringify('file:///argumap/') } }));
const main = scriptSafe('the page script', await bundle('main.js'));
const css = (await build({ entryPoints: [join(web, 'src', 'style.css')], bundle: true, write: false, minify: true, logLevel: 'warning' })).outputFiles[0].text;
if (/<\/style/i.test(css)) fail('the style sheet holds "</style"');

const wasm = findWasm(pkg);
const fonts = join(root, 'assets', 'fonts');
const examples = {};
for (const name of readdirSync(join(root, 'maps')).filter((n) => n.endsWith('.json')).sort()) {
  const text = readFileSync(join(root, 'maps', name), 'utf8');
  examples[name.replace(/\.json$/, '')] = { title: JSON.parse(text).title, json: text };
}
// As JSON inside a <script> element: every `<` escaped, so no text can end it.
const examplesJson = JSON.stringify(examples).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/// The diagram's font for the page: the core carries it already (it measures text with
/// it), so the page takes it from there (`core:OFFSET:LENGTH` in the core's bytes) rather than
/// inlining it twice; inlined only if the core's bytes do not hold it whole.
function font(name) {
  const bytes = readFileSync(join(fonts, name));
  const at = wasm.indexOf(bytes);
  return at >= 0 ? `core:${at}:${bytes.length}` : packed(bytes);
}

const csp = [
  "default-src 'none'",
  `script-src ${sha256(main)} 'wasm-unsafe-eval'`,
  'worker-src blob:',
  "style-src 'unsafe-inline'",
  // CodeMirror draws its wavy underlines and lint icons as data: SVG images (no request).
  'img-src data:',
  "connect-src 'none'",
  "font-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const parts = {
  CSP: csp,
  VERSION: version,
  CSS: css,
  WASM: packed(wasm),
  FONT_REGULAR: font('DejaVuSans.ttf'),
  FONT_BOLD: font('DejaVuSans-Bold.ttf'),
  EXAMPLES: examplesJson,
  WORKER: worker,
  MAIN: main,
};
const template = readFileSync(join(web, 'src', 'index.html'), 'utf8');
const page = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key) => {
  if (!(key in parts)) fail(`index.html asks for {{${key}}}, which the build does not make`);
  return parts[key];
});

const size = Buffer.byteLength(page);
if (size > MAX_BYTES) fail(`editor.html is ${size} bytes, over the ${MAX_BYTES}-byte limit`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(
  `wrote ${relative(process.cwd(), out) || out}: ${kib(size)} (core ${kib(wasm.length)} -> ${kib(parts.WASM.length)} inlined, worker ${kib(worker.length)}, page script ${kib(main.length)})`,
);
