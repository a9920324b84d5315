// The `default` (browser) entry, as a page that inlines the `.wasm` bytes uses it: started
// with `initSync(bytes)`, it fetches nothing. (Its own fetch of the file needs a page, which
// the editor's Chromium tests give it.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import * as argumap from "../browser.js";

test("the browser entry starts from inlined bytes and answers", async () => {
  const realFetch = globalThis.fetch;
  globalThis.fetch = () => {
    throw new Error("the browser entry fetched something after initSync");
  };
  try {
    argumap.initSync(readFileSync(new URL("../dist/argumap_wasm_bg.wasm", import.meta.url)));
    const map = readFileSync(new URL("../../../../maps/encryption-debate.json", import.meta.url), "utf8");
    assert.equal((await argumap.check(map)).filter((p) => p.severity === "error").length, 0);
    assert.match(await argumap.render(map), /<svg/);
    await assert.rejects(argumap.check(map, { format: "dot" }), argumap.ArgumapError);
    assert.ok((await argumap.report(map)) !== null);
  } finally {
    globalThis.fetch = realFetch;
  }
});
