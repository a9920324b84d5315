// The core in a Web Worker: every check, drawing and conversion runs here, so a slow
// evaluation never freezes typing.
//
// Messages in:
//   {type: 'init', module}                      the compiled core (a WebAssembly.Module)
//   {type: 'run', id, source, format, look, report}
//                                               check, then draw, locate and report; a newer
//                                               run makes an older one stop at its next step
//   {type: 'call', id, fn, args}                one function of the package (convert, render,
//                                               check, template, ...), answered once
// Messages out:
//   {type: 'ready'}                              after init
//   {type: 'step', id, step, value, ms}         one step of a run: problems, svg, locate, report
//   {type: 'failed', id, step, error}           a step that threw (the run goes on without it)
//   {type: 'done', id, ms}                      the run finished
//   {type: 'result', id, value} / {type: 'result', id, error}
//   {type: 'fatal', id, step?, error}            the core failed inside: end this worker

import * as core from 'argumap';

let latest = 0;

function describe(error) {
  return {
    name: error && error.name,
    message: String((error && error.message) || error),
    problems: (error && Array.isArray(error.problems) && error.problems) || null,
  };
}

/// A refusal of the text is an ArgumapError; anything else (a trap inside the core, which
/// leaves its memory as it stopped) means this worker must be replaced.
function fatal(error) {
  return !(error && error.name === 'ArgumapError') || /failed inside/.test(error.message || '');
}

// Lets the messages that arrived meanwhile run (a newer run sets `latest`).
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()();
function yieldNow() {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

async function run(job) {
  const started = performance.now();
  const stale = () => latest !== job.id;
  const step = async (name, fn) => {
    await yieldNow();
    if (stale()) return undefined;
    const t0 = performance.now();
    try {
      const value = await fn();
      if (!stale()) postMessage({ type: 'step', id: job.id, step: name, value, ms: performance.now() - t0 });
      return value;
    } catch (error) {
      if (fatal(error)) {
        latest = -1;
        postMessage({ type: 'fatal', id: job.id, step: name, error: describe(error) });
      } else if (!stale()) {
        postMessage({ type: 'failed', id: job.id, step: name, error: describe(error) });
      }
      return undefined;
    }
  };
  const { source, format } = job;
  const problems = await step('problems', () => core.check(source, { format }));
  if (stale()) return;
  const loads = Array.isArray(problems) && !problems.some((p) => p.severity === 'error');
  if (loads) {
    await step('svg', () => core.render(source, { format, to: 'svg', ...job.look }));
    await step('locate', () => core.locate(source, { format }));
    if (job.report) await step('report', () => core.report(source, { format }));
  } else {
    // The text still points at its ids where its syntax holds.
    await step('locate', () => core.locate(source, { format }));
  }
  if (!stale()) postMessage({ type: 'done', id: job.id, ms: performance.now() - started });
}

async function call(message) {
  try {
    const fn = core[message.fn];
    if (typeof fn !== 'function') throw new Error(`the core has no function ${message.fn}`);
    const value = await fn(...message.args);
    const transfer = value instanceof Uint8Array ? [value.buffer] : [];
    postMessage({ type: 'result', id: message.id, value }, transfer);
  } catch (error) {
    postMessage({ type: fatal(error) ? 'fatal' : 'result', id: message.id, error: describe(error) });
  }
}

onmessage = async (event) => {
  const message = event.data;
  if (message.type === 'init') {
    try {
      core.initSync({ module: message.module });
      postMessage({ type: 'ready' });
    } catch (error) {
      postMessage({ type: 'broken', error: describe(error) });
    }
  } else if (message.type === 'run') {
    latest = message.id;
    run(message);
  } else if (message.type === 'call') {
    call(message);
  }
};
