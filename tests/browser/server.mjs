// The static test server, shared by the Chromium harness (harness.mjs) and the Firefox tests
// (tests/firefox/): serves tests/fixtures (or given pages) on 127.0.0.1. No browser imports here.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(ROOT, "tests/fixtures");
export const STRICT_CSP = "default-src 'none'; script-src 'self'";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };

// Serves FIXTURES (or `pages`, a map from path to HTML string) on 127.0.0.1. `/csp/NAME` serves
// NAME with the strict Content-Security-Policy header.
export async function serve(pages = {}) {
  const server = http.createServer((req, res) => {
    let url = new URL(req.url, "http://x").pathname;
    const headers = {};
    if (url.startsWith("/csp/")) {
      headers["Content-Security-Policy"] = STRICT_CSP;
      url = url.slice(4);
    }
    if (url.startsWith("/static/")) headers["Content-Security-Policy"] = "script-src 'none'";
    if (url === "/favicon.ico") {
      res.writeHead(204, headers).end();
      return;
    }
    let body = pages[url];
    if (body === undefined) {
      const file = path.join(FIXTURES, path.normalize(url).replace(/^(\.\.[/\\])+/, ""));
      if (file.startsWith(FIXTURES) && fs.existsSync(file) && fs.statSync(file).isFile()) body = fs.readFileSync(file);
    }
    if (body === undefined) {
      res.writeHead(404, headers).end("not found");
      return;
    }
    // Under the strict policy the page's own inline <style> would be refused (a console error of
    // the page's, not ours), so it is left out there.
    if (headers["Content-Security-Policy"]) body = String(body).replace(/<style>[\s\S]*?<\/style>/g, "");
    headers["Content-Type"] = TYPES[path.extname(url)] ?? "text/html; charset=utf-8";
    res.writeHead(200, headers).end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
}
