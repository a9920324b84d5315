// The package in Node: the `.wasm` file is read from beside this file (Node's fetch cannot
// read `file:` URLs).
import { readFile } from "node:fs/promises";
import * as glue from "./dist/argumap_wasm.js";
import { api } from "./core.js";

const wasm = new URL("./dist/argumap_wasm_bg.wasm", import.meta.url);
const glueUrl = new URL("./dist/argumap_wasm.js", import.meta.url);

const argumap = api(
  glue,
  () => readFile(wasm),
  (n) => import(`${glueUrl.href}?instance=${n}`),
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
