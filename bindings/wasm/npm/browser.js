// The package in a browser (and any runtime without `node:fs`): the `.wasm` file is fetched
// from beside this file on first use. A page that inlines the bytes calls `initSync(bytes)`
// (or `init(bytes)`) first, and nothing is fetched.
import * as glue from "./dist/argumap_wasm.js";
import { api } from "./core.js";

const wasm = new URL("./dist/argumap_wasm_bg.wasm", import.meta.url);
const glueUrl = new URL("./dist/argumap_wasm.js", import.meta.url);

const argumap = api(
  glue,
  async () => {
    const response = await fetch(wasm);
    if (!response.ok) throw new Error(`cannot load ${wasm}: ${response.status}`);
    return response.arrayBuffer();
  },
  (n) => import(/* @vite-ignore */ `${glueUrl.href}?instance=${n}`),
);

export const {
  ArgumapError,
  initSync,
  init,
  check,
  convert,
  render,
  evaluate,
  report,
  locate,
  template,
  formats,
  lookOptions,
  version,
} = argumap;
