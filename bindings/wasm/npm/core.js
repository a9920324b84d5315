// What the Node and browser entries share: the API over the wasm-bindgen glue, which starts
// the module on first use, turns refusals into ArgumapError, and starts a fresh instance if
// the module ever traps, so that one failure never leaves the package unusable.

/** A map argumap cannot take, or options it does not understand. */
export class ArgumapError extends Error {
  constructor(message, problems = []) {
    super(message);
    this.name = "ArgumapError";
    /** The map's problems, each `{code, line, column, endLine, endColumn, severity, message, hint, fix}`. */
    this.problems = problems;
  }
}

/**
 * The package's API over one glue module.
 * @param {object} glue the wasm-bindgen glue (`--target web`), imported statically
 * @param {() => Promise<BufferSource>} loadBytes the `.wasm` file's bytes
 * @param {(n: number) => Promise<object>} freshGlue a new instance of the glue module
 */
export function api(glue, loadBytes, freshGlue) {
  let current = glue;
  let started = false;
  let starting = null;
  let bytes = null;
  let generation = 0;

  function startWith(wasmBytes) {
    bytes = wasmBytes;
    current.initSync({ module: wasmBytes });
    started = true;
  }

  async function ready() {
    if (started) return current;
    starting ??= (async () => {
      try {
        startWith(bytes ?? (await loadBytes()));
      } finally {
        starting = null;
      }
    })();
    await starting;
    return current;
  }

  async function restart() {
    started = false;
    generation += 1;
    current = await freshGlue(generation);
  }

  async function call(name, ...args) {
    const g = await ready();
    try {
      return g[name](...args);
    } catch (e) {
      if (typeof e === "string") {
        let refusal;
        try {
          refusal = JSON.parse(e);
        } catch {
          throw new ArgumapError(e);
        }
        throw new ArgumapError(refusal.message, refusal.problems ?? []);
      }
      if (e instanceof WebAssembly.RuntimeError) {
        // A trap leaves the instance's stack and heap as they were when it stopped: start a
        // new one for the next call.
        await restart();
        throw new ArgumapError(`argumap failed inside (${e.message}); the next call starts afresh`);
      }
      throw e;
    }
  }

  function text(source) {
    if (typeof source !== "string") {
      throw new ArgumapError(`the map's text must be a string, not ${source === null ? "null" : typeof source}`);
    }
    return source;
  }

  function options(o) {
    if (o !== undefined && o !== null && (typeof o !== "object" || Array.isArray(o))) {
      throw new ArgumapError("the options must be an object");
    }
    return JSON.stringify(o ?? {});
  }

  const decoder = new TextDecoder();

  return {
    ArgumapError,
    initSync(wasmBytes) {
      startWith(wasmBytes instanceof ArrayBuffer || ArrayBuffer.isView(wasmBytes) ? wasmBytes : wasmBytes?.module);
    },
    async init(wasmBytes) {
      if (wasmBytes !== undefined) startWith(wasmBytes);
      await ready();
    },
    async check(source, o) {
      return JSON.parse(await call("check", text(source), options(o)));
    },
    async convert(source, o) {
      return call("convert", text(source), options(o));
    },
    async render(source, o) {
      const picture = await call("render", text(source), options(o));
      const to = (o?.to ?? "svg").toLowerCase();
      return to === "png" || to === "pdf" ? picture : decoder.decode(picture);
    },
    async evaluate(source, o) {
      return JSON.parse(await call("evaluate", text(source), options(o)));
    },
    async report(source, o) {
      return JSON.parse(await call("report", text(source), options(o)));
    },
    async locate(source, o) {
      return JSON.parse(await call("locate", text(source), options(o)));
    },
    async template(format = "json") {
      return call("template", String(format));
    },
    async formats() {
      return JSON.parse(await call("formats"));
    },
    async lookOptions() {
      return JSON.parse(await call("lookOptions"));
    },
    async version() {
      return call("version");
    },
  };
}
