// Drives argumap's HTML page in headless Chromium and reports what happened, as JSON on
// standard output, for tests/it/browser.rs to judge.
//
//   node tests/browser/page_test.js CONFIG.json
//
// CONFIG: {"pages": [{"name", "html", "screenshots": {"initial", "selected", "search",
//          "filtered", "help", "hostile"}, "click",
//          "search", "actor", "tag", "hostile": [ids]}]}. The page is opened from file://
// with every other request refused; console errors, page errors, dialogs (alert) and
// requests are recorded. Exit status 0 means the script ran to the end, not that the page
// passed: the Rust test checks the report. Any exception exits 1 with its stack on stderr.

'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { chromium } = require(path.join(__dirname, '../js/node_modules/playwright-core'));

const VIEWPORT = { width: 1366, height: 800 };

async function main() {
  const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const reports = [];
  try {
    for (const page of config.pages) {
      reports.push(await testPage(browser, page));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ pages: reports }, null, 1) + '\n');
}

async function testPage(browser, spec) {
  const report = {
    name: spec.name,
    console_errors: [],
    page_errors: [],
    dialogs: [],
    blocked: [],
    requests: [],
  };
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    report.blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') report.console_errors.push(m.text());
  });
  page.on('pageerror', (e) => report.page_errors.push(String(e)));
  page.on('dialog', async (d) => {
    report.dialogs.push(d.type() + ': ' + d.message());
    await d.dismiss();
  });
  page.on('request', (r) => report.requests.push(r.url()));

  const url = pathToFileURL(spec.html).href;
  await page.goto(url, { waitUntil: 'load' });
  report.url = url;
  report.title = await page.title();
  report.scripts_before = await page.evaluate(() => document.querySelectorAll('script').length);
  report.drawn = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.am-node'), (g) => g.querySelector(':scope > title').textContent));
  report.view_initial = await viewBox(page);
  // At first the whole drawing shows, as large as it fits.
  report.initial_fit = await drawingBox(page);
  await page.screenshot({ path: spec.screenshots.initial });

  // Clicking a node shows its details.
  if (spec.click) {
    await clickNode(page, spec.click);
    report.click = await selection(page);
    report.click.in_view = await page.evaluate((id) => {
      const panel = document.getElementById('am-panel').getBoundingClientRect();
      for (const g of document.querySelectorAll('.am-node')) {
        if (g.querySelector(':scope > title').textContent === id) {
          return g.getBoundingClientRect().right <= panel.left + 1;
        }
      }
      return false;
    }, spec.click);
    await page.screenshot({ path: spec.screenshots.selected });
    // Fit, with the panel open, fits the drawing beside it.
    await page.click('#am-zoom-reset');
    report.fit_beside_panel = await drawingBox(page);

    // Escape closes them; Enter on a focused node opens them again.
    await page.keyboard.press('Escape');
    report.after_escape = await selection(page);
    await page.evaluate((id) => {
      for (const g of document.querySelectorAll('.am-node')) {
        if (g.querySelector(':scope > title').textContent === id) g.focus();
      }
    }, spec.click);
    await page.keyboard.press('Enter');
    report.keyboard = await selection(page);

    // A relation in the panel leads to the element at its other end.
    const target = await page.evaluate(() => {
      const drawn = new Set(Array.from(document.querySelectorAll('.am-node'),
        (g) => g.querySelector(':scope > title').textContent));
      for (const b of document.querySelectorAll('#am-details .am-section[class*="am-rel-"] .am-jump')) {
        if (drawn.has(b.dataset.target)) return b.dataset.target;
      }
      return null;
    });
    if (target) {
      await page.locator(`#am-details .am-section[class*="am-rel-"] .am-jump[data-target="${cssString(target)}"]`).first().click();
      report.jump = { target, selected: (await selection(page)).selected, in_view: await inView(page, target) };
    }
  }

  // Search: matches highlighted, the others dimmed; Enter centres the next match.
  if (spec.search) {
    await page.fill('#am-search', spec.search);
    report.search = await marks(page);
    report.search.count_text = await page.textContent('#am-search-count');
    await page.press('#am-search', 'Enter');
    const first = await currentId(page);
    await page.press('#am-search', 'Enter');
    const second = await currentId(page);
    report.search.current = [first, second];
    report.search.current_in_view = second ? await inView(page, second) : null;
    report.search.selected = (await selection(page)).selected;
    report.search.count_after_enter = await page.textContent('#am-search-count');
    if (spec.screenshots.search) await page.screenshot({ path: spec.screenshots.search });
    await page.click('#am-show-all');
    report.after_show_all = await marks(page);
  }

  if (spec.actor) {
    await page.selectOption('#am-actor', spec.actor);
    report.actor_filter = await marks(page);
    report.actor_filter.count_text = await page.textContent('#am-filter-count');
    if (spec.screenshots.filtered) await page.screenshot({ path: spec.screenshots.filtered });
    await page.click('#am-show-all');
  }
  if (spec.tag) {
    await page.selectOption('#am-tag', spec.tag);
    report.tag_filter = await marks(page);
    await page.click('#am-show-all');
  }
  report.actor_options = await page.evaluate(() =>
    Array.from(document.querySelectorAll('#am-actor option'), (o) => [o.value, o.textContent]));
  report.tag_options = await page.evaluate(() =>
    Array.from(document.querySelectorAll('#am-tag option'), (o) => [o.value, o.textContent]));

  // The help opens and closes from its button.
  await page.click('#am-help-button');
  report.help = await selection(page);
  if (spec.screenshots.help) await page.screenshot({ path: spec.screenshots.help });
  await page.click('#am-help-button');
  report.help_closed = await page.evaluate(() => document.getElementById('am-panel').hidden);

  // Pan by dragging, zoom by wheel and by the buttons, then fit again.
  await page.click('#am-zoom-reset');
  const box = await page.locator('#am-diagram').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const before = await viewBox(page);
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 120, cy + 70, { steps: 6 });
  await page.mouse.up();
  const dragged = await viewBox(page);
  await page.mouse.move(cx, cy);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction((w) => document.querySelector('#am-diagram svg').viewBox.baseVal.width < w,
    dragged.w, { timeout: 2000 }).catch(() => {});
  const wheeled = await viewBox(page);
  await page.click('#am-zoom-in');
  const zoomedIn = await viewBox(page);
  await page.click('#am-zoom-out');
  await page.click('#am-zoom-out');
  const zoomedOut = await viewBox(page);
  await page.click('#am-zoom-reset');
  const reset = await viewBox(page);
  report.view = { before, dragged, wheeled, zoomed_in: zoomedIn, zoomed_out: zoomedOut, reset };

  // Hostile text: each node's panel as text, and nothing injected into the document.
  report.hostile = [];
  for (const id of spec.hostile || []) {
    await page.click('#am-zoom-reset');
    await clickNode(page, id);
    const s = await selection(page);
    report.hostile.push({ id, selected: s.selected, panel: s.panel });
    if (id === spec.hostile[0] && spec.screenshots.hostile) {
      await page.screenshot({ path: spec.screenshots.hostile });
    }
  }
  report.injected = await page.evaluate(() => ({
    elements: document.querySelectorAll('img, iframe, object, embed, frame, link, meta[http-equiv="refresh"], base, form:not(#am-search-form)').length,
    handlers: Array.from(document.querySelectorAll('*')).filter((e) =>
      Array.from(e.attributes).some((a) => a.name.toLowerCase().startsWith('on'))).length,
    links: Array.from(document.querySelectorAll('a[href]'), (a) => a.href),
    svg_links: Array.from(document.querySelectorAll('svg a')).filter((a) =>
      a.hasAttribute('href') || a.hasAttributeNS('http://www.w3.org/1999/xlink', 'href')).length,
    pwned: typeof window.pwned !== 'undefined',
  }));
  report.scripts_after = await page.evaluate(() => document.querySelectorAll('script').length);
  await context.close();
  return report;
}

function cssString(s) {
  return s.replace(/["\\]/g, '\\$&');
}

async function currentId(page) {
  return page.evaluate(() => {
    const g = document.querySelector('.am-node.am-current');
    return g ? g.querySelector(':scope > title').textContent : null;
  });
}

async function viewBox(page) {
  return page.evaluate(() => {
    const b = document.querySelector('#am-diagram svg').viewBox.baseVal;
    return { x: b.x, y: b.y, w: b.width, h: b.height };
  });
}

async function nodeCentre(page, id) {
  return page.evaluate((id) => {
    for (const g of document.querySelectorAll('.am-node')) {
      if (g.querySelector(':scope > title').textContent === id) {
        const r = g.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
    }
    return null;
  }, id);
}

async function clickNode(page, id) {
  const c = await nodeCentre(page, id);
  if (!c) throw new Error(`no node for ${id}`);
  await page.mouse.click(c.x, c.y);
}

// Whether a node is in the middle of the part of the diagram the panel leaves free.
async function inView(page, id) {
  return page.evaluate((id) => {
    const d = document.getElementById('am-diagram').getBoundingClientRect();
    const panel = document.getElementById('am-panel');
    const right = panel.hidden ? d.right : panel.getBoundingClientRect().left;
    for (const g of document.querySelectorAll('.am-node')) {
      if (g.querySelector(':scope > title').textContent !== id) continue;
      const r = g.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      return Math.abs(x - (d.left + right) / 2) < 5 && Math.abs(y - (d.top + d.height / 2)) < 5;
    }
    return false;
  }, id);
}

// Where the drawing lies against the diagram and the open panel.
async function drawingBox(page) {
  return page.evaluate(() => {
    const d = document.getElementById('am-diagram').getBoundingClientRect();
    const g = document.querySelector('#am-diagram svg > g').getBoundingClientRect();
    const panel = document.getElementById('am-panel');
    const p = panel.hidden ? null : panel.getBoundingClientRect();
    const right = p ? p.left : d.right;
    return {
      inside: g.left >= d.left - 1 && g.right <= right + 1 && g.top >= d.top - 1 && g.bottom <= d.bottom + 1,
      fills: Math.max(g.width / (right - d.left), g.height / d.height),
      panel_open: !!p,
    };
  });
}

async function selection(page) {
  return page.evaluate(() => {
    const sel = document.querySelector('.am-node.am-selected');
    const panel = document.getElementById('am-panel');
    const details = document.getElementById('am-details');
    const open = !panel.hidden && !details.hidden;
    return {
      selected: sel ? sel.querySelector(':scope > title').textContent : null,
      panel_open: !panel.hidden,
      details_open: open,
      panel: open ? details.textContent : '',
      heading: open ? (details.querySelector('h2') || {}).textContent || '' : '',
      help_visible: !panel.hidden && !document.getElementById('am-help').hidden,
    };
  });
}

async function marks(page) {
  return page.evaluate(() => {
    const ids = (cls) => Array.from(document.querySelectorAll('.am-node.' + cls),
      (g) => g.querySelector(':scope > title').textContent);
    const all = Array.from(document.querySelectorAll('.am-node'),
      (g) => g.querySelector(':scope > title').textContent);
    const dimmed = new Set(ids('am-dim'));
    return {
      highlighted: ids('am-match'),
      dimmed: Array.from(dimmed),
      undimmed: all.filter((id) => !dimmed.has(id)),
      dimmed_edges: document.querySelectorAll('.edge.am-dim').length,
    };
  });
}

main().catch((e) => {
  process.stderr.write((e && e.stack) || String(e));
  process.stderr.write('\n');
  process.exit(1);
});
