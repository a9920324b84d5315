// Drives the browser editor (editor.html, built by scripts/build-web.sh) in headless
// Chromium and reports what it did, as JSON on standard output, for tests/it/editor.rs to
// judge.
//
//   node tests/browser/editor_test.js CONFIG.json
//
// CONFIG: {"html", "out_dir", "samples": {"aif", "kialo"}, "perf": {"200", "1000"},
//          "hostile": {"argdown", "texts": [...]}, "walkthrough": {"screenshots": {...}}}
// Each scenario runs in a fresh browser context (empty storage) with every request routed:
// the page's own file is let through and anything else is refused and recorded. Console
// errors, page errors, dialogs and CSP violations are recorded per scenario. A scenario that
// throws records its error and the others still run. Exit status 0 means the script ran to
// the end, not that the page passed.

'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { chromium } = require(path.join(__dirname, '../js/node_modules/playwright-core'));

const VIEWPORT = { width: 1400, height: 860 };
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run', '--metrics-recording-only'];

let config;
let browser;
let pageUrl;

async function main() {
  config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  pageUrl = pathToFileURL(config.html).href;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  const report = {};
  const scenarios = { open, typing, typo, click, share, imports, downloads, hostile, perf, walkthrough };
  const only = process.env.EDITOR_ONLY ? process.env.EDITOR_ONLY.split(',') : null;
  try {
    for (const [name, fn] of Object.entries(scenarios)) {
      if (only && !only.includes(name)) continue;
      report[name] = await scenario(name, fn);
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report, null, 1) + '\n');
}

/// Runs one scenario in a fresh context; returns its report with what the page did wrong.
async function scenario(name, fn) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, acceptDownloads: true });
  const out = { console_errors: [], page_errors: [], dialogs: [], blocked: [], requests: [], csp: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.split('#')[0] === pageUrl) return route.continue();
    out.blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') out.console_errors.push(m.text());
  });
  page.on('pageerror', (e) => out.page_errors.push(String(e)));
  page.on('dialog', async (d) => {
    out.dialogs.push(d.type() + ': ' + d.message());
    await d.dismiss();
  });
  page.on('request', (r) => out.requests.push(r.url()));
  page.on('worker', (w) => out.requests.push('worker ' + w.url().slice(0, 5)));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  try {
    Object.assign(out, await fn(page, context));
  } catch (error) {
    out.error = String(error && error.stack ? error.stack : error);
  }
  try {
    out.csp = await page.evaluate(() => window.__csp);
  } catch {
    // The page is gone: its own error is recorded.
  }
  await context.close();
  return out;
}

/// Waits until `fn(arg)` is true in the page. (Playwright's waitForFunction evaluates a
/// string, which the page's Content-Security-Policy rightly refuses.)
async function waitFor(page, fn, arg, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(fn, arg).catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${fn}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function load(page, fragment = '') {
  const t0 = Date.now();
  await page.goto(pageUrl + fragment, { waitUntil: 'load' });
  await waitFor(page, () => window.argumapEditor && window.argumapEditor.timings().openedIn > 0);
  return Date.now() - t0;
}

function api(page, fn, ...args) {
  return page.evaluate(([fn, args]) => window.argumapEditor[fn](...args), [fn, args]);
}

/// The ids of the nodes drawn, and every text of the SVG.
function drawing(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('#canvas > svg');
    if (!svg) return { nodes: [], texts: [], claims: 0 };
    const nodes = Array.from(svg.querySelectorAll('g.node'), (g) => g.querySelector(':scope > title').textContent);
    const claims = svg.querySelectorAll('g.node.claim').length;
    const texts = Array.from(svg.querySelectorAll('text'), (t) => t.textContent);
    return { nodes, texts, claims };
  });
}

// ---------------------------------------------------------------- scenarios

/// Opening to a drawn example, and the page's own parts.
async function open(page) {
  // Three openings, each a fresh navigation (the example in the address wins over what
  // the page saved before).
  const openings = [];
  for (let i = 0; i < 3; i++) {
    // Away first, so the same address with its fragment is a new navigation.
    if (i) await page.goto('about:blank');
    await load(page, '#example=encryption-debate');
    openings.push(await page.evaluate(() => window.argumapEditor.timings().openedIn));
  }
  const ms = openings[openings.length - 1];
  const drawn = await drawing(page);
  const info = await page.evaluate(() => ({
    timings: window.argumapEditor.timings(),
    policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
    scripts: document.querySelectorAll('script:not([type])').length,
    format: window.argumapEditor.format(),
    look: Array.from(document.querySelectorAll('#look-list [name]'), (i) => i.name),
    status: Array.from(document.querySelectorAll('#status option'), (o) => o.value),
    examples: Array.from(document.querySelectorAll('#example-list button'), (b) => b.textContent),
    fonts: Array.from(document.fonts, (f) => `${f.family} ${f.weight} ${f.status}`),
  }));
  // The status overlay redraws the map with its marks.
  const status = info.status.includes('grounded') ? 'grounded' : info.status[1];
  await page.selectOption('#status', status);
  await api(page, 'whenIdle');
  const marked = await api(page, 'svg');
  return { wall_ms: ms, opened_in_ms: info.timings.openedIn, openings, drawn, ...info, status_svg_has_marks: /stands|falls|undecided|strength/i.test(marked), status_chosen: status };
}

/// Typing a claim makes it appear in the drawing.
async function typing(page) {
  await load(page);
  await api(page, 'setSource', '[Uniforms]: Pupils should wear uniforms.\n    - [Cost]: Uniforms cost families money.\n', 'argdown');
  const before = await drawing(page);
  // The cursor to the end, then type a new claim as a person would.
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n[Equality]: Uniforms hide who is rich and who is poor.', { delay: 15 });
  const t0 = Date.now();
  const svg = await api(page, 'svg');
  const ms = Date.now() - t0;
  const after = await drawing(page);
  const source = await api(page, 'getSource');
  // Autosave: the page opened again (same browser, no link) has the source as it was left.
  await page.waitForTimeout(500);
  await page.goto('about:blank');
  await load(page);
  const reopened = await api(page, 'getSource');
  return { before, after, svg_has_text: svg.includes('Uniforms hide who is rich'), after_key_ms: ms, source, reopened };
}

/// A typo in a relation kind: a problem at its line, explained on hover, fixed in one click.
async function typo(page) {
  await load(page);
  const source = [
    '{',
    '  "argumap": 1,',
    '  "title": "Uniforms",',
    '  "claims": [',
    '    {"id": "uniforms", "text": "Pupils should wear uniforms."},',
    '    {"id": "cost", "text": "Uniforms cost families money.", "rebutts": ["uniforms"]}',
    '  ]',
    '}',
    '',
  ].join('\n');
  await api(page, 'setSource', source, 'json');
  const problems = await api(page, 'problems');
  const underlined = await page.evaluate(() => Array.from(document.querySelectorAll('.cm-lintRange-error'), (e) => e.textContent));
  // Hover the underline: the message and its hint.
  await page.hover('.cm-lintRange-error');
  await page.waitForSelector('.cm-tooltip-lint', { timeout: 5000 });
  const tooltip = await page.textContent('.cm-tooltip-lint');
  const listed = await page.evaluate(() => Array.from(document.querySelectorAll('#problem-list .problem'), (li) => li.textContent));
  // The quick fix, from the problems list.
  await page.click('#problem-list .problem .fix');
  const fixed = await api(page, 'getSource');
  const after = await api(page, 'problems');
  const drawn = await drawing(page);
  // The same through the hover's own button.
  await api(page, 'setSource', source, 'json');
  await page.hover('.cm-lintRange-error');
  await page.waitForSelector('.cm-tooltip-lint .cm-diagnosticAction', { timeout: 5000 });
  await page.click('.cm-tooltip-lint .cm-diagnosticAction');
  const fixedByHover = await api(page, 'getSource');
  return { problems, underlined, tooltip, listed, fixed, after, drawn, fixed_by_hover: fixedByHover };
}

/// Clicking a node puts the cursor on its definition; the cursor highlights its node.
async function click(page) {
  await load(page, '#example=school-uniforms');
  const source = await api(page, 'getSource');
  const drawn = await drawing(page);
  const target = 'less-bullying';
  const box = await page.evaluate((id) => {
    for (const g of document.querySelectorAll('#canvas g.node')) {
      if (g.querySelector(':scope > title').textContent === id) {
        const r = g.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
    }
    return null;
  }, target);
  if (!box) throw new Error(`${target} is not drawn`);
  await page.mouse.click(box.x, box.y);
  const cursor = await api(page, 'cursor');
  const highlightedAfterClick = await page.evaluate(() => Array.from(document.querySelectorAll('#canvas g.node.current'), (g) => g.querySelector(':scope > title').textContent));
  // Moving the cursor onto another element's text highlights that element's node.
  const lines = source.split('\n');
  const other = 'safety';
  const line = lines.findIndex((l) => l.includes(`"id": "${other}"`)) + 1;
  await api(page, 'setCursor', line + 1, 5);
  await page.waitForTimeout(100);
  const highlighted = await page.evaluate(() => Array.from(document.querySelectorAll('#canvas g.node.current'), (g) => g.querySelector(':scope > title').textContent));
  // Pan and zoom.
  const viewBox = () => page.evaluate(() => document.querySelector('#canvas > svg').getAttribute('viewBox'));
  await page.click('#zoom-fit');
  const fit = await viewBox();
  await page.click('#zoom-in');
  const zoomed = await viewBox();
  const pane = await page.locator('#canvas').boundingBox();
  await page.mouse.move(pane.x + 200, pane.y + 200);
  await page.mouse.down();
  await page.mouse.move(pane.x + 300, pane.y + 260, { steps: 5 });
  await page.mouse.up();
  const panned = await viewBox();
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  await page.mouse.wheel(0, -300);
  await page.waitForTimeout(50);
  const wheeled = await viewBox();
  return {
    target,
    target_line: lines.findIndex((l) => l.includes(`"id": "${target}"`)) + 1,
    cursor,
    highlighted_after_click: highlightedAfterClick,
    other,
    other_line: line,
    highlighted,
    drawn: drawn.nodes.length,
    views: { fit, zoomed, panned, wheeled },
  };
}

/// A share link restores the source, opened directly and pasted into "Open a link".
async function share(page, context) {
  await load(page);
  const source = '===\ntitle: Ünïcödé & <b>tags</b> 🙂\n===\n\n[A]: First claim, with "quotes" & <angle brackets>. 🙂\n    - [B]: Its rebuttal.\n';
  await api(page, 'setSource', source, 'argdown');
  // Through the Share button, as a person would.
  await page.click('#share');
  await waitFor(page, () => document.getElementById('share-dialog').open && document.getElementById('share-text').value !== '');
  const link = await page.inputValue('#share-text');
  await page.click('#share-dialog button[value=close]');
  const opened = await context.newPage();
  opened.on('pageerror', (e) => {
    throw e;
  });
  await opened.goto(link, { waitUntil: 'load' });
  await waitFor(opened, () => window.argumapEditor && window.argumapEditor.timings().openedIn > 0);
  const restored = await api(opened, 'getSource');
  const restoredFormat = await api(opened, 'format');
  const hashAfter = await opened.evaluate(() => location.hash);
  await opened.close();
  // "Open a link": the fragment alone, pasted.
  await api(page, 'setSource', '[Other]: Something else.\n', 'argdown');
  await page.click('#open-link');
  await page.fill('#link-text', link.slice(link.indexOf('#') + 1));
  await page.click('#link-ok');
  await waitFor(page, () => !document.getElementById('link-dialog').open);
  await api(page, 'whenIdle');
  const pasted = await api(page, 'getSource');
  // A damaged link is refused with a reason.
  await page.click('#open-link');
  await page.fill('#link-text', link.slice(0, link.length - 12));
  await page.click('#link-ok');
  await waitFor(page, () => !document.getElementById('link-error').hidden);
  const damaged = await page.textContent('#link-error');
  return { source, link_length: link.length, link_scheme: link.slice(0, 8), restored, restored_format: restoredFormat, hash_after: hashAfter, pasted, damaged };
}

/// Opening the AIF and Kialo samples converts them into the editor's format.
async function imports(page) {
  await load(page);
  await api(page, 'setSource', '', 'argdown');
  const out = {};
  for (const [name, file] of Object.entries(config.samples)) {
    await page.setInputFiles('#file', file);
    await waitFor(page, (n) => !document.getElementById('notice').hidden && document.getElementById('notice-text').textContent.includes(n), path.basename(file));
    await api(page, 'whenIdle');
    out[name] = {
      format: await api(page, 'format'),
      source_start: (await api(page, 'getSource')).slice(0, 200),
      problems: await api(page, 'problems'),
      drawn: await drawing(page),
      notice: await page.textContent('#notice'),
    };
  }
  return { files: out };
}

/// Each download, through the Download menu.
async function downloads(page) {
  await load(page, '#example=school-uniforms');
  const saved = {};
  const kinds = await page.evaluate(() => Array.from(document.querySelectorAll('[data-download]'), (b) => b.dataset.download));
  for (const kind of kinds) {
    await page.click('#downloads > summary');
    if (kind === 'png') await page.selectOption('#png-scale', '2');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.click(`[data-download="${kind}"]`)]);
    const file = path.join(config.out_dir, `download-${kind}-${download.suggestedFilename()}`);
    await download.saveAs(file);
    saved[kind] = file;
  }
  // Save file: the source itself.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
  const file = path.join(config.out_dir, `save-${download.suggestedFilename()}`);
  await download.saveAs(file);
  saved.save = file;
  return { saved, source: await api(page, 'getSource') };
}

/// Hostile text stays text: in the drawing, the report, the problems, a notice.
async function hostile(page) {
  await load(page);
  await api(page, 'setSource', config.hostile.json, 'json');
  await page.click('#report-toggle');
  await api(page, 'whenIdle');
  const report = await page.textContent('#report-body');
  const drawn = await drawing(page);
  // The same map with a hostile reference: the problem quotes it.
  await api(page, 'setSource', config.hostile.broken, 'json');
  const problems = await page.textContent('#problem-list');
  const tooltipTarget = await page.$('.cm-lintRange-error');
  let tooltip = null;
  if (tooltipTarget) {
    await tooltipTarget.hover();
    await page.waitForSelector('.cm-tooltip-lint', { timeout: 5000 });
    tooltip = await page.textContent('.cm-tooltip-lint');
  }
  // A file with a hostile name that argumap cannot read.
  await page.setInputFiles('#file', { name: '<img src=x onerror=alert(9)>.json', mimeType: 'application/json', buffer: Buffer.from('{"argumap": 1, "claims": [{"id": "<b>"}]') });
  await waitFor(page, () => !document.getElementById('notice').hidden);
  const notice = await page.textContent('#notice');
  const injected = await page.evaluate(() => ({
    scripts: document.querySelectorAll('script').length,
    elements: document.querySelectorAll('body img:not(.cm-widgetBuffer), body iframe, body object, body embed, #report-body b, #problem-list b, #notice b, #canvas script, #canvas foreignObject, .cm-content b, .cm-tooltip b').length,
    handlers: Array.from(document.querySelectorAll('*')).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on'))).length,
    pwned: window.pwned === true,
    title: document.title,
  }));
  return { report, problems, tooltip, drawn, notice, injected };
}

/// Typing in a 200-claim and a 1,000-claim map: the time from the last key to the problems
/// and the picture of the text typed.
async function perf(page) {
  await load(page);
  const out = {};
  for (const [n, file] of Object.entries(config.perf)) {
    const text = fs.readFileSync(file, 'utf8');
    const format = file.endsWith('.json') ? 'json' : 'argdown';
    const t0 = Date.now();
    await api(page, 'setSource', text, format);
    const loadMs = Date.now() - t0;
    const drawn = await drawing(page);
    // Put the cursor inside the first claim's text and type a word.
    const at = format === 'json' ? text.indexOf('"text": "') + 9 : text.indexOf(']: ') + 3;
    await page.evaluate((pos) => {
      const view = window.argumapEditor.view;
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
      window.__lastKey = 0;
      view.contentDOM.addEventListener('keydown', () => (window.__lastKey = performance.now()), { capture: true });
    }, at);
    const samples = [];
    for (let round = 0; round < 5; round++) {
      await page.keyboard.type('word ', { delay: 40 });
      // From the last key to the later of the problems shown and the picture drawn.
      const ms = await page.evaluate(async () => {
        await window.argumapEditor.whenIdle();
        const t = window.argumapEditor.timings();
        return Math.max(t.problemsAt, t.pictureAt) - window.__lastKey;
      });
      samples.push(ms);
    }
    const svg = await api(page, 'svg');
    out[n] = { format, load_ms: loadMs, steps: (await api(page, 'timings')).steps, drawn: drawn.claims, after_last_key_ms: samples, svg_has_word: (svg.match(/word/g) || []).length >= 5, problems: (await api(page, 'problems')).length, restarts: (await api(page, 'timings')).restarts };
  }
  return { maps: out };
}

/// The coach's walk-through: New, a small debate typed with a rebuttal and an undercut, a
/// mistake explained, the map and its grounded status live, a PNG and the JSON downloaded.
async function walkthrough(page) {
  const shots = config.walkthrough.screenshots;
  await load(page);
  await page.click('#new');
  await api(page, 'whenIdle');
  const template = await api(page, 'getSource');
  const templateProblems = await api(page, 'problems');
  await page.selectOption('#status', 'grounded');
  // The coach clears the template and types a debate, line by line.
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  const lines = [
    '===',
    'title: School uniforms',
    '===',
    '',
    '[Uniforms]: Schools should make uniforms compulsory. {actor: "Proposition"}',
    '',
    '<Equality>: Uniforms hide differences in family income. {actor: "Proposition"}',
    '    +> [Uniforms]',
    '',
    '<Cost>: Uniforms cost poorer families more than ordinary clothes. {actor: "Opposition"}',
    '    -> [Uniforms]',
    '',
    '<Other markers>: Income still shows in shoes, phones and bags. {actor: "Opposition"}',
    // The mistake: the undercut typed at the margin, not under its argument.
    '_> <Equality>',
    '',
    '<Grants>: Schools can give uniforms to families who cannot afford them. {actor: "Proposition"}',
    '    -> <Cost>',
  ];
  const drawnWhileTyping = [];
  for (const [i, line] of lines.entries()) {
    if (i) await page.keyboard.press('Enter');
    // Enter keeps the line's indentation: select it, so what is typed replaces it.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type(line, { delay: 1 });
    if (line === '') drawnWhileTyping.push((await drawing(page)).nodes.length);
  }
  await api(page, 'whenIdle');
  const mistake = await api(page, 'problems');
  const mistakeLine = lines.indexOf('_> <Equality>') + 1;
  await page.hover('.cm-lintRange-error');
  await page.waitForSelector('.cm-tooltip-lint', { timeout: 5000 });
  await page.screenshot({ path: shots.mistake });
  // Fix it as the hint says: go to the problem from the list, indent the line.
  await page.click('#problem-list .problem .where');
  await page.keyboard.press('Home');
  await page.keyboard.type('    ', { delay: 5 });
  await api(page, 'whenIdle');
  const fixedProblems = await api(page, 'problems');
  await page.click('#report-toggle');
  await api(page, 'whenIdle');
  await page.click('#zoom-fit');
  await page.screenshot({ path: shots.map });
  const svg = await api(page, 'svg');
  const report = await page.textContent('#report-body');
  const source = await api(page, 'getSource');
  const files = {};
  for (const kind of ['png', 'json']) {
    await page.click('#downloads > summary');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20000 }).catch(async (e) => {
        throw new Error(`no ${kind} download: ${await page.textContent('#notice')} (${e.message})`);
      }),
      page.click(`[data-download="${kind}"]`),
    ]);
    const file = path.join(config.out_dir, `walkthrough.${kind}`);
    await download.saveAs(file);
    files[kind] = file;
  }
  return { template_start: template.slice(0, 120), template_problems: templateProblems, mistake, mistake_line: mistakeLine, drawn_while_typing: drawnWhileTyping, fixed_problems: fixedProblems, svg, report, source, files };
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
