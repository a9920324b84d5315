// The diagram pane: shows the core's SVG, pans (drag) and zooms (wheel, + − Fit), keeps the
// reader's view across redraws, reports a click on a node by its id, and highlights the
// node of the element under the cursor.
//
// The SVG is parsed as XML (DOMParser) and adopted: it is never put in the page as HTML.

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 20;

export class Diagram {
  constructor(canvas, { onNodeClick }) {
    this.canvas = canvas;
    this.onNodeClick = onNodeClick;
    this.svg = null;
    this.size = null; // the drawing's own viewBox {x, y, w, h}
    this.view = null; // the reader's view, or null to fit
    this.current = null; // the highlighted id
    this.nodes = new Map(); // id -> <g class="node">
    this.text = '';
    this.bind();
  }

  /// Shows a new drawing; the reader's pan and zoom stay. Only the parts of the drawing
  /// that changed are parsed and replaced, so a small edit of a big map redraws little.
  show(svgText) {
    const parts = split(svgText);
    if (this.svg && parts && this.parts) {
      this.update(parts);
    } else {
      this.replace(svgText, parts);
    }
    this.text = svgText;
    this.nodes = new Map();
    for (const g of this.svg.querySelectorAll('g.node')) {
      const title = g.querySelector(':scope > title');
      if (title) this.nodes.set(title.textContent, g);
    }
    this.apply();
    const current = this.current;
    this.current = null;
    this.highlight(current, false);
  }

  /// Parses SVG text with the HTML parser in an inert template (nothing in it runs or
  /// loads; the page's policy would refuse it anyway): much faster than the XML parser.
  parse(text) {
    const template = document.createElement('template');
    template.innerHTML = text;
    for (const s of template.content.querySelectorAll('script, foreignObject, iframe')) s.remove();
    return template.content;
  }

  /// The whole drawing anew.
  replace(svgText, parts) {
    const svg = this.parse(svgText).querySelector('svg');
    if (!svg) throw new Error('the core drew no SVG');
    this.size = viewBoxOf(svg.getAttribute('viewBox'));
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    this.canvas.replaceChildren(svg);
    this.svg = svg;
    this.parts = parts;
    this.graph = parts ? svg.querySelector(':scope > g') : null;
  }

  /// Only what changed: the children of the drawing's top group, compared as text.
  update(parts) {
    const old = this.parts;
    if (this.current && this.nodes.get(this.current)) this.nodes.get(this.current).classList.remove('current');
    this.size = viewBoxOf(/viewBox="([^"]*)"/.exec(parts.head)?.[1]);
    // Where each old child's text stands among the new ones (texts repeat rarely: the
    // first unused one is taken).
    const wanted = new Map();
    parts.children.forEach((text, i) => {
      if (!wanted.has(text)) wanted.set(text, []);
      wanted.get(text).push(i);
    });
    const elements = Array.from(this.graph.children);
    const kept = new Array(parts.children.length).fill(null);
    old.children.forEach((text, i) => {
      const slots = wanted.get(text);
      if (slots && slots.length) kept[slots.shift()] = elements[i];
      else elements[i].remove();
    });
    const fresh = [];
    parts.children.forEach((text, i) => {
      if (!kept[i]) fresh.push(i);
    });
    if (fresh.length) {
      const made = this.parse(`<svg xmlns="http://www.w3.org/2000/svg"><g>${fresh.map((i) => parts.children[i]).join('')}</g></svg>`).querySelector('svg > g').children;
      const list = Array.from(made);
      fresh.forEach((i, k) => (kept[i] = list[k]));
    }
    // Put them in order, moving as little as possible.
    let cursor = this.graph.firstElementChild;
    for (const element of kept) {
      if (element === cursor) {
        cursor = cursor.nextElementSibling;
      } else {
        this.graph.insertBefore(element, cursor);
      }
    }
    this.parts = parts;
  }

  clear() {
    this.canvas.replaceChildren();
    this.svg = null;
    this.parts = null;
    this.nodes = new Map();
    this.text = '';
  }

  /// The view shown: the reader's, or the whole drawing, at most at its natural size (a
  /// point of the drawing is 4/3 of a screen pixel) so a small map does not fill the pane
  /// with huge letters.
  shown() {
    if (this.view) return this.view;
    const v = this.size;
    if (!v) return v;
    const rect = this.canvas.getBoundingClientRect();
    const k = Math.max(v.w / Math.max(rect.width, 1), v.h / Math.max(rect.height, 1));
    const natural = 0.75;
    if (k >= natural || !rect.width || !rect.height) return v;
    const w = rect.width * natural;
    const h = rect.height * natural;
    return { x: v.x - (w - v.w) / 2, y: v.y - (h - v.h) / 2, w, h };
  }

  apply() {
    if (!this.svg) return;
    const v = this.shown();
    this.svg.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
  }

  fit() {
    this.view = null;
    this.apply();
  }

  /// The drawing units per screen pixel, and the offset of the drawing in the canvas
  /// (preserveAspectRatio meet centres it).
  scale() {
    const v = this.shown();
    const rect = this.canvas.getBoundingClientRect();
    const k = Math.max(v.w / Math.max(rect.width, 1), v.h / Math.max(rect.height, 1));
    return { k, rect, v, ox: (rect.width - v.w / k) / 2, oy: (rect.height - v.h / k) / 2 };
  }

  /// Zooms by `factor` (>1 zooms in) around the screen point (cx, cy), or the centre.
  zoom(factor, cx, cy) {
    if (!this.svg) return;
    const { k, rect, v, ox, oy } = this.scale();
    const px = cx === undefined ? rect.width / 2 : cx - rect.left;
    const py = cy === undefined ? rect.height / 2 : cy - rect.top;
    // The drawing point under the pointer stays under it.
    const gx = v.x + (px - ox) * k;
    const gy = v.y + (py - oy) * k;
    const full = this.size;
    const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, full.w / v.w * factor));
    const w = full.w / zoom;
    const h = (v.h / v.w) * w;
    const k2 = k * (w / v.w);
    this.view = { x: gx - (px - ox) * k2, y: gy - (py - oy) * k2, w, h };
    this.apply();
  }

  pan(dx, dy) {
    if (!this.svg) return;
    const { k, v } = this.scale();
    this.view = { x: v.x - dx * k, y: v.y - dy * k, w: v.w, h: v.h };
    this.apply();
  }

  /// Highlights the node drawn for `id` (none when `id` is null); with `reveal`, pans it into
  /// view when it is outside.
  highlight(id, reveal) {
    if (this.current === id) return;
    if (this.current && this.nodes.get(this.current)) this.nodes.get(this.current).classList.remove('current');
    this.current = id;
    const g = id && this.nodes.get(id);
    if (!g) return;
    g.classList.add('current');
    if (reveal) this.reveal(g);
  }

  reveal(g) {
    let box;
    try {
      box = g.getBBox();
    } catch {
      return;
    }
    const v = this.shown();
    const inside = box.x >= v.x && box.y >= v.y && box.x + box.width <= v.x + v.w && box.y + box.height <= v.y + v.h;
    if (inside) return;
    this.view = { x: box.x + box.width / 2 - v.w / 2, y: box.y + box.height / 2 - v.h / 2, w: v.w, h: v.h };
    this.apply();
  }

  bind() {
    const canvas = this.canvas;
    let drag = null;
    canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!drag || drag.id !== e.pointerId) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) canvas.setPointerCapture(e.pointerId);
      drag.moved = true;
      canvas.classList.add('dragging');
      this.pan(dx, dy);
      drag.x = e.clientX;
      drag.y = e.clientY;
    });
    const end = (e) => {
      if (!drag || drag.id !== e.pointerId) return;
      const moved = drag.moved;
      drag = null;
      canvas.classList.remove('dragging');
      if (moved || e.type !== 'pointerup') return;
      const g = e.target.closest && e.target.closest('g.node');
      const title = g && g.querySelector(':scope > title');
      if (title) this.onNodeClick(title.textContent);
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    canvas.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
        this.zoom(Math.exp(-delta / 400), e.clientX, e.clientY);
      },
      { passive: false },
    );
    canvas.addEventListener('keydown', (e) => {
      const step = 40;
      const keys = {
        '+': () => this.zoom(1.25),
        '=': () => this.zoom(1.25),
        '-': () => this.zoom(0.8),
        0: () => this.fit(),
        ArrowLeft: () => this.pan(step, 0),
        ArrowRight: () => this.pan(-step, 0),
        ArrowUp: () => this.pan(0, step),
        ArrowDown: () => this.pan(0, -step),
      };
      if (keys[e.key]) {
        e.preventDefault();
        keys[e.key]();
      }
    });
    new ResizeObserver(() => this.apply()).observe(canvas);
  }
}

function viewBoxOf(text) {
  const box = (text || '').split(/[\s,]+/).map(Number);
  return box.length === 4 && box.every(Number.isFinite) ? { x: box[0], y: box[1], w: box[2], h: box[3] } : { x: 0, y: 0, w: 100, h: 100 };
}

/// The core's SVG cut into its head (up to the top group's opening tag), the texts of the
/// top group's children, and its tail; null when it is not shaped that way. The core escapes
/// every `<` in text and attributes, so a `<` always opens a tag.
export function split(text) {
  const open = text.indexOf('<g id="graph0"');
  if (open < 0) return null;
  let p = text.indexOf('>', open) + 1;
  if (p === 0) return null;
  const head = text.slice(0, p);
  const children = [];
  for (;;) {
    while (p < text.length && text.charCodeAt(p) <= 32) p++;
    if (text.startsWith('</g>', p)) break;
    if (text[p] !== '<') return null;
    const start = p;
    const name = /^<([a-zA-Z]+)/.exec(text.slice(p, p + 20));
    if (!name) return null;
    if (name[1] === 'g') {
      // The matching </g>, counting nested groups.
      let depth = 0;
      let q = p;
      for (;;) {
        const next = text.indexOf('<', q);
        if (next < 0) return null;
        if (text.startsWith('</g>', next)) {
          depth -= 1;
          q = next + 4;
          if (depth === 0) break;
        } else if (text.startsWith('<g', next) && (text[next + 2] === ' ' || text[next + 2] === '>')) {
          depth += 1;
          q = next + 2;
        } else {
          q = next + 1;
        }
      }
      p = q;
    } else {
      const close = text.indexOf('>', p);
      if (close < 0) return null;
      if (text[close - 1] === '/') {
        p = close + 1;
      } else {
        const end = text.indexOf(`</${name[1]}>`, close);
        if (end < 0) return null;
        p = end + name[1].length + 3;
      }
    }
    children.push(text.slice(start, p));
  }
  return { head, children, tail: text.slice(p) };
}
