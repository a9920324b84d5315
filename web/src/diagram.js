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

  /// Shows a new drawing. The reader's pan and zoom stay unless the drawing changed size
  /// a lot; an unmoved view fits the new drawing.
  show(svgText) {
    this.text = svgText;
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const svg = doc.documentElement;
    if (svg.namespaceURI !== 'http://www.w3.org/2000/svg' || svg.localName !== 'svg') {
      throw new Error('the core drew no SVG');
    }
    // Nothing that runs: the core escapes every text, and this keeps it so.
    for (const s of svg.querySelectorAll('script, foreignObject')) s.remove();
    const box = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
    const size = box.length === 4 && box.every(Number.isFinite) ? { x: box[0], y: box[1], w: box[2], h: box[3] } : { x: 0, y: 0, w: 100, h: 100 };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    const adopted = document.adoptNode(svg);
    this.canvas.replaceChildren(adopted);
    this.svg = adopted;
    this.size = size;
    this.nodes = new Map();
    for (const g of adopted.querySelectorAll('g.node')) {
      const title = g.querySelector(':scope > title');
      if (title) this.nodes.set(title.textContent, g);
    }
    this.apply();
    const current = this.current;
    this.current = null;
    this.highlight(current, false);
  }

  clear() {
    this.canvas.replaceChildren();
    this.svg = null;
    this.nodes = new Map();
    this.text = '';
  }

  /// The view shown: the reader's, or the whole drawing.
  shown() {
    return this.view || this.size;
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
