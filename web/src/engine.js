// The page's side of the worker: starts it from the inlined core, sends runs and calls,
// and replaces a worker stuck in a long run when a newer edit arrives (a call into the
// core cannot be interrupted, but its worker can be ended).

/// A run older than this when a newer edit arrives is ended with its worker.
const STUCK_MS = 400;

export class Engine {
  /// `workerSource`: the worker's script; `module`: the compiled core.
  constructor(workerSource, module, handlers) {
    this.url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    this.module = module;
    this.handlers = handlers; // {step(id, name, value, ms), failed(id, name, error), done(id, ms)}
    this.nextId = 1;
    this.calls = new Map(); // id -> {resolve, reject, message}
    this.running = null; // {id, started}
    this.ready = null;
    this.restarts = 0;
    this.start();
  }

  start() {
    this.worker = new Worker(this.url, { name: 'argumap core' });
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = (event) => this.receive(event.data, resolve, reject);
      this.worker.onerror = (event) => reject(new Error(event.message || 'the core did not start'));
    });
    this.worker.postMessage({ type: 'init', module: this.module });
    // Calls still waiting from an ended worker are asked again.
    for (const pending of this.calls.values()) this.worker.postMessage(pending.message);
  }

  receive(message, resolve, reject) {
    switch (message.type) {
      case 'ready':
        resolve();
        break;
      case 'broken':
        reject(new Error(message.error.message));
        break;
      case 'step':
        if (this.running && this.running.id === message.id) this.handlers.step(message.id, message.step, message.value, message.ms);
        break;
      case 'failed':
        if (this.running && this.running.id === message.id) this.handlers.failed(message.id, message.step, message.error);
        break;
      case 'done':
        if (this.running && this.running.id === message.id) {
          this.running = null;
          this.handlers.done(message.id, message.ms);
        }
        break;
      case 'fatal': {
        // The core failed inside: a fresh worker for what comes next. The run or call that
        // failed is not asked again (it would fail the same way).
        const error = new Error(`argumap failed inside: ${message.error.message}`);
        const pending = this.calls.get(message.id);
        this.calls.delete(message.id);
        this.worker.terminate();
        this.restarts += 1;
        this.start();
        if (pending) pending.reject(error);
        if (this.running && this.running.id === message.id) {
          this.running = null;
          this.handlers.failed(message.id, message.step || 'problems', { message: error.message, problems: null });
          this.handlers.done(message.id, 0);
        }
        break;
      }
      case 'result': {
        const pending = this.calls.get(message.id);
        if (!pending) break;
        this.calls.delete(message.id);
        if (message.error) {
          const error = new Error(message.error.message);
          error.problems = message.error.problems;
          pending.reject(error);
        } else {
          pending.resolve(message.value);
        }
        break;
      }
    }
  }

  /// Starts a run of `job` ({source, format, look, report}); returns its id. An older run
  /// stops at its next step, or with its worker when it has been busy too long.
  run(job) {
    const id = this.nextId++;
    if (this.running && performance.now() - this.running.started > STUCK_MS) {
      this.worker.terminate();
      this.restarts += 1;
      this.start();
    }
    this.running = { id, started: performance.now() };
    this.worker.postMessage({ type: 'run', id, ...job });
    return id;
  }

  /// One function of the core, by name, in the worker.
  call(fn, ...args) {
    const id = this.nextId++;
    const message = { type: 'call', id, fn, args };
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject, message });
      this.worker.postMessage(message);
    });
  }
}
