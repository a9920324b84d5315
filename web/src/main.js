// The editor page: wires the source pane, the core's worker, the diagram, the toolbar, files,
// share links and autosave together, and exposes `window.argumapEditor` for automation.
//
// Everything the page shows from a map goes in as text (textContent) or as the core's SVG
// parsed as XML; the page makes no network request (its Content-Security-Policy says so).

import { ChangeSet, EditorSelection } from '@codemirror/state';
import { makeEditor, showProblems, offsetOf, fixRange, fixLabel, jsonIdAt, setRichText } from './editor.js';
import { Diagram } from './diagram.js';
import { Engine } from './engine.js';
import { renderReport } from './report.js';
import { makeFragment, readLink, fromBase64, gunzip } from './share.js';
import { lookControls, statusChoices, lookValues } from './look.js';
import { detectFormat, EXTENSIONS } from './formats.js';

const AUTOSAVE_KEY = 'argumap-editor';
const $ = (id) => document.getElementById(id);

const state = {
  format: 'argdown',
  fileName: null,
  info: null, // what the core says of itself: {lookOptions} (the template comes when asked)
  templates: {},
  look: {},
  status: '',
  reportOpen: false,
  run: null, // {id, doc, changes, source, format, started}
  finished: null, // {id, source, format, problems, ms}
  problems: [],
  index: [], // [{id, from, to, definition}] sorted by from, for the latest run's text
  indexDoc: null,
  indexChanges: null,
  timer: null,
  waiters: [],
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---------------------------------------------------------------- notices

function notice(text, items = [], kind = 'info') {
  $('notice-text').textContent = text;
  const list = $('notice-list');
  list.replaceChildren(...items.map((i) => el('li', null, i)));
  const box = $('notice');
  box.className = kind;
  box.hidden = false;
}
$('notice-close').addEventListener('click', () => ($('notice').hidden = true));

function describeProblem(p, name) {
  const where = p.line ? `${name ? name + ':' : 'line '}${p.line}:${p.column}` : name || '';
  return `${where}${where ? ': ' : ''}${p.severity}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}

// ---------------------------------------------------------------- the editor

const editor = makeEditor($('editor'), state.format, (update) => {
  if (update.docChanged) {
    if (state.run) state.run.changes = state.run.changes.compose(update.changes);
    if (state.indexChanges) state.indexChanges = state.indexChanges.compose(update.changes);
    schedule();
    autosave();
  }
  if (update.selectionSet || update.docChanged) followCursor();
});
const view = editor.view;

function setDoc(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: EditorSelection.cursor(0), scrollIntoView: true });
}

function setFormat(format) {
  state.format = format;
  $('format').value = format;
  editor.setLanguage(format);
}

// ---------------------------------------------------------------- runs

/// A run for the text as it now is, as soon as the keys typed in the same moment are in
/// (no wait beyond that: the worker drops a run made stale by a newer one before its next
/// step, so fast typing does not queue work).
function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(startRun, 0);
}

function runOptions() {
  return lookValues(state.info, state.look, state.status);
}

let engine = null;

function startRun() {
  clearTimeout(state.timer);
  state.timer = null;
  if (!engine || !state.info) return;
  const doc = view.state.doc;
  const source = doc.toString();
  const id = engine.run({ source, format: state.format, look: runOptions(), report: state.reportOpen });
  state.run = { id, doc, source, format: state.format, changes: ChangeSet.empty(doc.length), started: performance.now(), problems: null, steps: [] };
}

const handlers = {
  step(id, step, value, ms) {
    const run = state.run;
    if (!run || run.id !== id) return;
    const received = performance.now();
    if (step === 'problems') {
      run.problems = value;
      state.problems = value;
      state.problemsAt = performance.now();
      showProblems(view, value, run.doc, run.changes, applyFix);
      listProblems(value, run);
      const errors = value.some((p) => p.severity === 'error');
      $('stale').hidden = !errors || !diagram.svg;
      $('canvas').classList.toggle('stale', errors && !!diagram.svg);
    } else if (step === 'svg') {
      try {
        diagram.show(value);
        state.pictureAt = performance.now();
        $('stale').hidden = true;
        $('canvas').classList.remove('stale');
      } catch (error) {
        notice(`The diagram could not be shown: ${error.message}`, [], 'error');
      }
    } else if (step === 'locate') {
      buildIndex(value, run.doc);
      followCursor();
    } else if (step === 'report') {
      renderReport($('report-body'), value, goToId);
    }
    // The core's time, when the answer arrived (from the run's start), and the page's time
    // to show it.
    run.steps.push({ step, ms: Math.round(ms), at: Math.round(received - run.started), page: Math.round(performance.now() - received) });
  },
  failed(id, step, error) {
    const run = state.run;
    if (!run || run.id !== id) return;
    if (step === 'problems') {
      notice(`The core could not check the map: ${error.message}`, [], 'error');
    } else if (step === 'svg') {
      $('stale').hidden = !diagram.svg;
      if (error.problems && error.problems.length) {
        listProblems(error.problems, run);
      } else {
        notice(`The diagram could not be drawn: ${error.message}`, [], 'error');
      }
    } else if (step === 'report') {
      $('report-body').replaceChildren(el('p', 'note', `No report: ${error.message}`));
    }
  },
  done(id, ms) {
    const run = state.run;
    if (!run || run.id !== id) return;
    state.finished = { id, source: run.source, format: run.format, problems: run.problems || [], ms, svg: diagram.text, total: performance.now() - run.started, steps: run.steps };
    $('timing').textContent = `${Math.round(performance.now() - run.started)} ms`;
    settle();
  },
};

function idle() {
  return state.timer === null && (!state.run || state.finished?.id === state.run.id) && !!state.info;
}

function settle() {
  if (!idle()) return;
  const waiters = state.waiters;
  state.waiters = [];
  waiters.forEach((w) => w());
}

/// Resolves when the latest source has been checked and drawn.
function whenIdle() {
  return new Promise((resolve) => {
    state.waiters.push(resolve);
    settle();
  });
}

// ---------------------------------------------------------------- problems

function listProblems(problems, run) {
  const list = $('problem-list');
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const others = problems.length - errors - warnings;
  const parts = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  if (others) parts.push(`${others} note${others === 1 ? '' : 's'}`);
  $('problems-count').textContent = parts.length ? parts.join(', ') : 'No problems: the map loads.';
  $('problems').className = errors ? 'has-errors' : warnings ? 'has-warnings' : 'clean';
  list.replaceChildren(
    ...problems.map((p) => {
      const li = el('li', `problem ${p.severity}`);
      const head = el('div', 'problem-head');
      const where = el('button', 'where', p.line ? `${p.line}:${p.column}` : '—');
      where.type = 'button';
      where.title = 'Show it in the source';
      where.addEventListener('click', () => {
        const { from, to } = rangeNow(p, run);
        view.dispatch({ selection: EditorSelection.range(from, to), scrollIntoView: true });
        view.focus();
      });
      head.append(where, el('span', 'severity', p.severity), setRichText(el('span', 'message'), p.message));
      if (p.code) head.append(el('span', 'code', p.code));
      li.append(head);
      if (p.hint) li.append(setRichText(el('div', 'hint'), p.hint));
      if (p.fix && typeof p.fix.replacement === 'string') {
        const fix = el('button', 'fix', fixLabel(p));
        fix.type = 'button';
        fix.addEventListener('click', () => applyFix(p));
        li.append(fix);
      }
      return li;
    }),
  );
}

function rangeNow(p, run) {
  const from = run.changes.mapPos(offsetOf(run.doc, p.line, p.column), 1);
  const to = p.endLine ? run.changes.mapPos(offsetOf(run.doc, p.endLine, p.endColumn), -1) : from;
  return { from, to: Math.max(from, to) };
}

function applyFix(problem) {
  const run = state.run && state.run.problems && state.run.problems.includes(problem) ? state.run : null;
  if (!run) return;
  const change = fixRange(problem, run.doc, run.changes);
  if (!change) return;
  view.dispatch({ changes: change, selection: EditorSelection.cursor(change.from + change.insert.length), scrollIntoView: true, userEvent: 'input.fix' });
  view.focus();
}

// ---------------------------------------------------------------- ids in the text

/// The core's `locate` answer, as ranges of offsets sorted by start: each entry an id, its
/// kind, its drawn node, where it stands, and whether that is its definition.
function buildIndex(value, doc) {
  const entries = Array.isArray(value) ? value : Array.isArray(value?.elements) ? value.elements : Array.isArray(value?.ids) ? value.ids : [];
  const index = [];
  for (const e of entries) {
    if (!e || typeof e.id !== 'string' || !e.line) continue;
    const from = offsetOf(doc, e.line, e.column);
    const to = Math.max(from, offsetOf(doc, e.endLine ?? e.line, e.endColumn ?? e.column));
    index.push({ id: e.id, kind: e.kind, node: e.node ?? null, from, to, definition: e.definition !== false && e.role !== 'reference' });
    // Its references: the cursor on one shows the element it names.
    for (const r of Array.isArray(e.references) ? e.references : []) {
      if (!r || !r.line) continue;
      const rFrom = offsetOf(doc, r.line, r.column);
      const rTo = Math.max(rFrom, offsetOf(doc, r.endLine ?? r.line, r.endColumn ?? r.column));
      index.push({ id: e.id, kind: e.kind, node: e.node ?? null, from: rFrom, to: rTo, definition: false });
    }
  }
  index.sort((a, b) => a.from - b.from || b.to - a.to);
  state.index = index;
  state.indexDoc = doc;
  state.indexChanges = ChangeSet.empty(doc.length);
}

function mapped(pos, assoc) {
  return state.indexChanges ? state.indexChanges.mapPos(pos, assoc) : pos;
}

/// The element the text at `pos` is about: in a JSON map the object around it that has an
/// id; in Argdown the id under the cursor, or else the definition the block starts with.
function idAt(pos) {
  if (state.format === 'json') {
    const id = jsonIdAt(view.state, pos);
    if (id !== null) return { id };
  }
  let inside = null;
  let before = null;
  for (const e of state.index) {
    const from = mapped(e.from, -1);
    if (from > pos) break;
    const to = mapped(e.to, 1);
    if (pos <= to) inside = e;
    if (e.definition !== false) before = { entry: e, from };
  }
  if (inside) return inside;
  if (state.format === 'argdown' && before) {
    // Only within the same block: an empty line ends what the definition heads.
    const between = view.state.sliceDoc(before.from, pos);
    if (!/\n[ \t]*\n/.test(between)) return before.entry;
  }
  return null;
}

let followTimer = null;
function followCursor() {
  clearTimeout(followTimer);
  followTimer = setTimeout(() => {
    const entry = idAt(view.state.selection.main.head);
    diagram.highlight(entry ? nodeOf(entry.id) : null, true);
  }, 10);
}

/// The node that draws `id`: its own, or its bundle's (actors who take the same stances
/// share one node).
function nodeOf(id) {
  const entry = state.index.find((e) => e.id === id && e.definition);
  return (entry && entry.node) || id;
}

/// Puts the cursor on the definition of `id`.
function goToId(id) {
  const entry = state.index.find((e) => e.id === id && e.definition) || state.index.find((e) => e.id === id);
  if (!entry) {
    notice(`"${id}" is not defined in the source.`);
    return false;
  }
  const from = mapped(entry.from, -1);
  const to = Math.max(from, mapped(entry.to, 1));
  view.dispatch({ selection: EditorSelection.range(from, to), scrollIntoView: true });
  view.focus();
  return true;
}

// ---------------------------------------------------------------- the diagram

const diagram = new Diagram($('canvas'), {
  onNodeClick(id) {
    goToId(id);
    diagram.highlight(id, false);
  },
});
$('zoom-in').addEventListener('click', () => diagram.zoom(1.25));
$('zoom-out').addEventListener('click', () => diagram.zoom(0.8));
$('zoom-fit').addEventListener('click', () => diagram.fit());

// The splitter between source and diagram.
(() => {
  const splitter = $('splitter');
  const main = $('main');
  let dragging = false;
  splitter.addEventListener('pointerdown', (e) => {
    dragging = true;
    splitter.setPointerCapture(e.pointerId);
  });
  splitter.addEventListener('pointermove', (e) => {
    if (!dragging) return;
    const rect = main.getBoundingClientRect();
    const share = Math.min(0.8, Math.max(0.2, (e.clientX - rect.left) / rect.width));
    main.style.setProperty('--source-share', `${share * 100}%`);
  });
  splitter.addEventListener('pointerup', () => (dragging = false));
  splitter.addEventListener('keydown', (e) => {
    const now = parseFloat(getComputedStyle(main).getPropertyValue('--source-share')) || 42;
    const step = e.key === 'ArrowLeft' ? -5 : e.key === 'ArrowRight' ? 5 : 0;
    if (step) main.style.setProperty('--source-share', `${Math.min(80, Math.max(20, now + step))}%`);
  });
})();

// ---------------------------------------------------------------- toolbar

function closeMenus(except) {
  for (const d of document.querySelectorAll('details.menu')) if (d !== except) d.open = false;
}
for (const d of document.querySelectorAll('details.menu')) {
  d.addEventListener('toggle', () => d.open && closeMenus(d));
}
document.addEventListener('pointerdown', (e) => {
  if (!e.target.closest('details.menu')) closeMenus(null);
});

$('format').addEventListener('change', async () => {
  const to = $('format').value;
  const from = state.format;
  if (to === from) return;
  const source = view.state.doc.toString();
  if (!source.trim()) {
    setFormat(to);
    schedule();
    return;
  }
  try {
    const converted = await engine.call('convert', source, { from, to });
    state.fileName = state.fileName && state.fileName.replace(/\.[^.]*$/, to === 'json' ? '.json' : '.argdown');
    setFormat(to);
    setDoc(converted);
  } catch (error) {
    $('format').value = from;
    notice(`The source stays ${from === 'json' ? 'a JSON map' : 'Argdown'}: it must load before it can be converted.`, (error.problems || []).map((p) => describeProblem(p)), 'error');
  }
});

$('report-toggle').addEventListener('click', () => {
  state.reportOpen = !state.reportOpen;
  $('report-toggle').setAttribute('aria-pressed', String(state.reportOpen));
  $('report').hidden = !state.reportOpen;
  $('main').classList.toggle('with-report', state.reportOpen);
  if (state.reportOpen) {
    $('report-body').replaceChildren(el('p', 'note', 'Reading the map…'));
    startRun();
  }
});

$('status').addEventListener('change', () => {
  state.status = $('status').value;
  autosave();
  startRun();
});

function setUpLook() {
  const controls = lookControls(state.info, state.look, (name, value) => {
    state.look[name] = value;
    autosave();
    startRun();
  });
  $('look-list').replaceChildren(...controls);
  const status = $('status');
  status.replaceChildren(el('option', null, 'none'));
  status.firstChild.value = '';
  for (const choice of statusChoices(state.info)) {
    const option = el('option', null, choice.label);
    option.value = choice.value;
    option.title = choice.help || '';
    status.append(option);
  }
  status.value = state.status;
  if (status.value !== state.status) state.status = '';
}

// ---------------------------------------------------------------- new, examples, files

const EXAMPLES = JSON.parse($('examples-data').textContent);

function examplesMenu() {
  const list = $('example-list');
  for (const [name, example] of Object.entries(EXAMPLES)) {
    const button = el('button', null, example.title);
    button.type = 'button';
    button.dataset.example = name;
    button.addEventListener('click', () => {
      closeMenus(null);
      openExample(name);
    });
    list.append(el('div', 'menu-row'));
    list.lastChild.append(button);
  }
}

async function openExample(name) {
  const example = EXAMPLES[name];
  if (!example) return false;
  await loadText(example.json, 'json', `${name}.json`, { keepFormat: true, quiet: true });
  return true;
}

/// What `argumap new` writes, in `format`.
async function template(format) {
  state.templates[format] ??= await engine.call('template', format);
  return state.templates[format];
}

$('new').addEventListener('click', async () => {
  if (!state.info) return;
  const text = await template(state.format);
  state.fileName = null;
  setDoc(text);
  startRun();
});

/// Opens text of any format argumap reads: Argdown and our JSON go in as they are (the
/// editor takes their format) unless `keepFormat`; others are converted into the editor's
/// format, with the importer's warnings shown.
async function loadText(text, from, fileName, { keepFormat = false, quiet = false } = {}) {
  if ((!keepFormat && (from === 'argdown' || from === 'json')) || from === state.format) {
    setFormat(from);
    state.fileName = fileName;
    setDoc(text);
    startRun();
    if (!quiet) notice(`Opened ${fileName || 'the map'} (${from === 'json' ? 'a JSON map' : 'Argdown'}).`);
    return;
  }
  const to = state.format;
  let problems = [];
  try {
    problems = await engine.call('check', text, { format: from });
  } catch (error) {
    problems = error.problems || [];
  }
  try {
    const converted = await engine.call('convert', text, { from, to });
    state.fileName = fileName ? fileName.replace(/(\.[a-z]+)*$/i, to === 'json' ? '.json' : '.argdown') : null;
    setDoc(converted);
    startRun();
    const warnings = problems.filter((p) => p.severity !== 'error');
    if (!quiet) {
      notice(
        warnings.length ? `Opened ${fileName || 'the map'} (${from}), converted to ${to === 'json' ? 'a JSON map' : 'Argdown'}, with ${warnings.length} warning${warnings.length === 1 ? '' : 's'} from the importer:` : `Opened ${fileName || 'the map'} (${from}), converted to ${to === 'json' ? 'a JSON map' : 'Argdown'}.`,
        warnings.map((p) => describeProblem(p, fileName)),
        warnings.length ? 'warning' : 'info',
      );
    }
  } catch (error) {
    const list = (error.problems && error.problems.length ? error.problems : problems).map((p) => describeProblem(p, fileName));
    notice(`${fileName || 'The file'} could not be opened as ${from}: ${error.message}`, list, 'error');
  }
}

async function openFile(file) {
  let text;
  try {
    text = await file.text();
  } catch (error) {
    notice(`${file.name} could not be read: ${error.message}`, [], 'error');
    return;
  }
  const from = detectFormat(file.name, text, state.info);
  if (!from) {
    notice(`${file.name}: argumap does not know this format. It reads ${Object.values(EXTENSIONS).join(', ')}.`, [], 'error');
    return;
  }
  await loadText(text, from, file.name);
}

$('open').addEventListener('click', () => $('file').click());
$('file').addEventListener('change', () => {
  const file = $('file').files[0];
  $('file').value = '';
  if (file) openFile(file);
});
let dragDepth = 0;
window.addEventListener('dragenter', (e) => {
  if (!e.dataTransfer || !Array.from(e.dataTransfer.types).includes('Files')) return;
  dragDepth += 1;
  $('drop').hidden = false;
});
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (!dragDepth) $('drop').hidden = true;
});
window.addEventListener('dragover', (e) => {
  if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) e.preventDefault();
});
window.addEventListener('drop', (e) => {
  dragDepth = 0;
  $('drop').hidden = true;
  const file = e.dataTransfer && e.dataTransfer.files[0];
  if (!file) return;
  e.preventDefault();
  openFile(file);
});

// ---------------------------------------------------------------- downloads

const KINDS = {
  svg: { ext: 'svg', type: 'image/svg+xml' },
  png: { ext: 'png', type: 'image/png' },
  pdf: { ext: 'pdf', type: 'application/pdf' },
  json: { ext: 'json', type: 'application/json' },
  argdown: { ext: 'argdown', type: 'text/plain' },
  aif: { ext: 'aif.json', type: 'application/json' },
  dot: { ext: 'dot', type: 'text/vnd.graphviz' },
  graphml: { ext: 'graphml', type: 'application/xml' },
  mermaid: { ext: 'mmd', type: 'text/plain' },
  kialo: { ext: 'kialo.txt', type: 'text/plain' },
};

/// The name downloads take: the file's, else the map's title made into a file name.
function baseName() {
  if (state.fileName) return state.fileName.replace(/(\.[a-z]+)*$/i, '');
  const head = view.state.sliceDoc(0, 4000);
  const found = state.format === 'json' ? /"title"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(head) : /^title:\s*["']?(.*?)["']?\s*$/m.exec(head);
  const slug = (found ? found[1] : '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'map';
}

function save(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = el('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/// The bytes of a download in `kind` (see KINDS), made by the core from the current source.
async function makeDownload(kind) {
  const source = view.state.doc.toString();
  const format = state.format;
  if (kind === 'svg' || kind === 'png' || kind === 'pdf') {
    const options = { format, to: kind, ...runOptions() };
    if (kind === 'png') options.scale = Number($('png-scale').value);
    return engine.call('render', source, options);
  }
  if (kind === format) return source;
  return engine.call('convert', source, { from: format, to: kind, ...runOptions() });
}

async function download(kind) {
  closeMenus(null);
  const k = KINDS[kind];
  try {
    const bytes = await makeDownload(kind);
    save(bytes, `${baseName()}.${k.ext}`, k.type);
  } catch (error) {
    notice(`No ${kind.toUpperCase()}: ${error.message}`, (error.problems || []).map((p) => describeProblem(p)), 'error');
  }
}

for (const button of document.querySelectorAll('[data-download]')) {
  button.addEventListener('click', () => download(button.dataset.download));
}

// Ctrl+S (Cmd+S) saves the source, as the Save button does.
window.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
    e.preventDefault();
    $('save').click();
  }
});

$('save').addEventListener('click', () => {
  const ext = state.format === 'json' ? 'json' : 'argdown';
  const name = state.fileName || `${baseName()}.${ext}`;
  save(view.state.doc.toString(), name, state.format === 'json' ? 'application/json' : 'text/plain');
});

// ---------------------------------------------------------------- share links

function pageUrl() {
  return location.href.replace(/#.*$/, '');
}

async function shareLink() {
  return pageUrl() + (await makeFragment(view.state.doc.toString(), state.format));
}

$('share').addEventListener('click', async () => {
  const link = await shareLink();
  $('share-text').value = link;
  $('share-note').textContent = `${link.length.toLocaleString('en')} characters.`;
  $('share-dialog').showModal();
  $('share-text').select();
  try {
    await navigator.clipboard.writeText(link);
    $('share-note').textContent += ' Copied to the clipboard.';
  } catch {
    $('share-note').textContent += ' Select it and copy it.';
  }
});

async function openLink(text) {
  const found = await readLink(text);
  if (!found) throw new Error('this is not an argumap share link: its part after # should start with argdown= or json=');
  state.fileName = null;
  setFormat(found.format);
  setDoc(found.source);
  startRun();
  return found;
}

$('open-link').addEventListener('click', () => {
  $('link-text').value = '';
  $('link-error').hidden = true;
  $('link-dialog').showModal();
});
$('link-ok').addEventListener('click', async (e) => {
  e.preventDefault();
  try {
    await openLink($('link-text').value);
    $('link-dialog').close();
  } catch (error) {
    $('link-error').textContent = error.message;
    $('link-error').hidden = false;
  }
});

// ---------------------------------------------------------------- autosave

let saveTimer = null;
function autosave() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      localStorage.setItem(
        AUTOSAVE_KEY,
        JSON.stringify({ format: state.format, source: view.state.doc.toString(), look: state.look, status: state.status, fileName: state.fileName }),
      );
    } catch {
      // Storage full or refused (a private window): the source is still in the editor.
    }
  }, 300);
}

function restored() {
  try {
    const saved = JSON.parse(localStorage.getItem(AUTOSAVE_KEY) || 'null');
    if (saved && typeof saved.source === 'string' && (saved.format === 'json' || saved.format === 'argdown')) return saved;
  } catch {
    // A damaged entry: start afresh.
  }
  return null;
}

// ---------------------------------------------------------------- start

/// The core from the page (gzipped, base64): its compiled module, compiled while it is
/// being unpacked, and its bytes (which hold the font).
function unpackCore() {
  const text = $('core-wasm').textContent.trim();
  const packed = typeof Uint8Array.fromBase64 === 'function' ? Uint8Array.fromBase64(text) : fromBase64(text);
  const bytes = gunzip(packed);
  const module = bytes.then((b) => WebAssembly.compile(b));
  return { module, bytes };
}

/// The diagram's font (DejaVu Sans, as the core measures text with it): sliced from the
/// core's own bytes (`core:OFFSET:LENGTH`), or inlined (gzipped, base64).
async function loadFonts(core) {
  const faces = [
    ['font-regular', 'normal'],
    ['font-bold', 'bold'],
  ];
  await Promise.all(
    faces.map(async ([id, weight]) => {
      const text = $(id).textContent.trim();
      if (!text) return;
      const slice = /^core:(\d+):(\d+)$/.exec(text);
      const bytes = slice ? core.slice(Number(slice[1]), Number(slice[1]) + Number(slice[2])) : await gunzip(fromBase64(text));
      const face = new FontFace('DejaVu Sans', bytes, { weight, style: 'normal' });
      await face.load();
      document.fonts.add(face);
    }),
  );
}

async function start() {
  const t0 = performance.now();
  examplesMenu();
  // What the page opens with: a link's map, an example, what was being edited, or nothing
  // until the core gives the template.
  const saved = restored();
  let initial = null;
  const hash = location.hash;
  if (hash.startsWith('#example=')) {
    const name = decodeURIComponent(hash.slice('#example='.length));
    if (EXAMPLES[name]) initial = { source: EXAMPLES[name].json, format: 'json', fileName: `${name}.json` };
  } else if (hash.length > 1) {
    try {
      const link = await readLink(hash);
      if (link) initial = link;
    } catch (error) {
      notice(`The link's map could not be opened: ${error.message}`, [], 'error');
    }
  }
  if (!initial && saved) {
    initial = saved;
    state.look = saved.look && typeof saved.look === 'object' ? saved.look : {};
    state.status = typeof saved.status === 'string' ? saved.status : '';
    state.fileName = saved.fileName || null;
  }
  if (initial && initial.source !== undefined) {
    setFormat(initial.format);
    setDoc(initial.source);
    if (initial.fileName) state.fileName = initial.fileName;
  }
  // The map now lives in the editor (and its autosave): the address keeps no copy, so a
  // reload does not undo later edits.
  if (hash.length > 1) history.replaceState(null, '', pageUrl());

  const phases = (state.phases = {});
  const mark = (name) => (phases[name] = Math.round(performance.now() - t0));
  const core = unpackCore();
  const fonts = core.bytes
    .then(loadFonts)
    .then(() => mark('fonts'))
    .catch((error) => notice(`The diagram's font did not load (${error.message}): boxes may not fit their text.`, [], 'warning'));
  const module = await core.module;
  mark('compiled');
  engine = new Engine($('worker-source').textContent, module, handlers);
  try {
    await engine.ready;
    mark('started');
  } catch (error) {
    $('problems-count').textContent = `The core did not start: ${error.message}`;
    throw error;
  }
  // The first picture before anything else the core is asked.
  state.info = { lookOptions: [] };
  if (!initial) {
    setFormat('argdown');
    setDoc(await template('argdown'));
  }
  startRun();
  engine.call('lookOptions').then((table) => {
    state.info.lookOptions = table;
    setUpLook();
    // A look chosen in an earlier visit applies now that its names are known.
    if (Object.keys(state.look).length) startRun();
  });
  mark('run');
  // The picture may come before the font: its boxes are measured by the core, and the text
  // takes the font when it arrives.
  await Promise.all([whenIdle(), fonts]);
  mark('idle');
  // From the start of navigation (the page's own parsing included) to the first picture.
  phases.script = Math.round(t0);
  state.openedIn = state.pictureAt ?? performance.now();
}

// ---------------------------------------------------------------- automation

window.argumapEditor = {
  /// Replaces the source; resolves when it has been checked and drawn.
  async setSource(text, format = state.format) {
    if (format !== 'argdown' && format !== 'json') throw new Error(`format must be "argdown" or "json", not ${JSON.stringify(format)}`);
    await booted;
    setFormat(format);
    setDoc(String(text));
    startRun();
    await whenIdle();
  },
  getSource() {
    return view.state.doc.toString();
  },
  format() {
    return state.format;
  },
  /// The problems of the latest source, once it has been checked.
  async problems() {
    await whenIdle();
    return state.finished ? state.finished.problems : [];
  },
  /// The diagram of the latest source, once it has been drawn (the last map that loaded
  /// when the latest source has errors).
  async svg() {
    await whenIdle();
    return diagram.text;
  },
  whenIdle,
  /// What a download would hold: text, or bytes for PNG and PDF.
  download: makeDownload,
  shareLink,
  openLink,
  openExample,
  /// Opens text as a file of this name would be (format from the name and content).
  async openFile(name, text) {
    await openFile(new File([text], name));
    await whenIdle();
  },
  cursor() {
    const head = view.state.selection.main.head;
    const l = view.state.doc.lineAt(head);
    return { line: l.number, offset: head, id: idAt(head)?.id ?? null };
  },
  setCursor(line, column) {
    const pos = offsetOf(view.state.doc, line, column);
    view.dispatch({ selection: EditorSelection.cursor(pos), scrollIntoView: true });
    view.focus();
  },
  highlighted() {
    return diagram.current;
  },
  timings() {
    return { openedIn: state.openedIn, phases: state.phases, problemsAt: state.problemsAt, pictureAt: state.pictureAt, last: state.finished && state.finished.total, steps: state.finished && state.finished.steps, restarts: engine ? engine.restarts : 0 };
  },
  view,
};

const booted = start();
booted.catch((error) => {
  console.error(error);
});
