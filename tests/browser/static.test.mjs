// Checks on the extension's source and manifest that need no browser: no way for page text to
// become markup or code, and no permission or resource beyond what the extension uses.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./harness.mjs";

const EXT = path.join(ROOT, "extension");
const sources = fs.readdirSync(EXT).filter((f) => f.endsWith(".js") || f.endsWith(".html")).map((f) => [f, fs.readFileSync(path.join(EXT, f), "utf8")]);

test("no innerHTML, eval, new Function or string timers anywhere in the extension", () => {
  const banned = [/\.innerHTML\b/, /\.outerHTML\s*=/, /insertAdjacentHTML/, /\beval\s*\(/, /new\s+Function\s*\(/, /document\.write/, /setTimeout\s*\(\s*["'`]/, /setInterval\s*\(\s*["'`]/, /<script[^>]*>[^<]/i];
  const found = [];
  for (const [file, text] of sources) for (const re of banned) if (re.test(text)) found.push(`${file}: ${re}`);
  assert.ok(sources.length >= 8, "the extension's files were read");
  assert.deepEqual(found, []);
});

test("the manifest asks for the smallest set of permissions and exposes no resources", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXT, "manifest.json"), "utf8"));
  assert.deepEqual([...manifest.permissions].sort(), ["activeTab", "contextMenus", "storage"]);
  // Chrome adds only its side panel; Firefox's sidebar needs no permission.
  const chrome = JSON.parse(fs.readFileSync(path.join(EXT, "manifest.chrome.json"), "utf8"));
  assert.deepEqual([...chrome.permissions].sort(), ["activeTab", "contextMenus", "sidePanel", "storage"]);
  assert.equal(chrome.side_panel.default_path, "sidepanel.html");
  const firefox = JSON.parse(fs.readFileSync(path.join(EXT, "manifest.firefox.json"), "utf8"));
  assert.equal(firefox.permissions, undefined);
  assert.equal(firefox.sidebar_action.default_panel, "sidepanel.html");
  assert.equal(manifest.host_permissions, undefined, "no host permissions beyond the content script's matches");
  assert.equal(manifest.web_accessible_resources, undefined, "pages cannot load any of the extension's files");
  assert.equal(manifest.externally_connectable, undefined, "no page can message the extension");
  assert.match(manifest.content_security_policy.extension_pages, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(JSON.stringify(manifest), /https?:\/\/(?!\*)/, "no remote code or hosts");
});

test("every message the extension's pages use has an English text", () => {
  const messages = JSON.parse(fs.readFileSync(path.join(EXT, "_locales/en/messages.json"), "utf8"));
  const used = new Set();
  for (const [, text] of sources) for (const m of text.matchAll(/\bt\(\s*["'`]([A-Za-z]+)["'`]/g)) used.add(m[1]);
  for (const m of fs.readFileSync(path.join(EXT, "manifest.json"), "utf8").matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
  const missing = [...used].filter((k) => !messages[k]);
  assert.ok(used.size > 10);
  assert.deepEqual(missing, []);
});
