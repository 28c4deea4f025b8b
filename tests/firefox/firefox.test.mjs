// The whole chain in real Firefox (Debian's firefox-esr, headless, driven by geckodriver through
// selenium-webdriver): dist/gloss-firefox.zip installed as a temporary add-on, pages served from
// 127.0.0.1. The behaviours of tests/browser/chain.test.mjs (marks and hover cards, page text left
// exactly as it was, the per-site switch driven through the popup, the toolbar title) and of
// features.test.mjs (locator map, panel, names mode, global pause, new content, live options, a
// very long page).
//
//   node --test tests/firefox/
//
// GECKODRIVER, FIREFOX and GLOSS_DIST (default dist/) override where things are.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Builder, By, Key } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { serve, ROOT } from "../browser/server.mjs";

const DIST = process.env.GLOSS_DIST ?? path.join(ROOT, "dist");
const ZIP = path.join(DIST, "gloss-firefox.zip");
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, "extension/manifest.firefox.json"), "utf8"));
const ADDON_ID = MANIFEST.browser_specific_settings.gecko.id;
// Firefox names an add-on's moz-extension:// host by a random UUID per profile; the profile is
// given this one beforehand, so the tests can open the popup page.
const UUID = "6f1c2a4e-8d3b-4b7a-9e51-0c9a7d2f3b10";
const POPUP = `moz-extension://${UUID}/popup.html?host=127.0.0.1`;
const ARTICLE = "/sample-article.html";
const LONG_PARAGRAPHS = 3000; // 9,000 names: past the names marked at once

function findBinary(envName, names, extra = []) {
  if (process.env[envName]) return process.env[envName];
  for (const name of names) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
    } catch {
      // not on PATH
    }
  }
  return extra.find((p) => fs.existsSync(p)) ?? null;
}

const GECKODRIVER = findBinary("GECKODRIVER", ["geckodriver"], [path.join(os.homedir(), ".cargo/bin/geckodriver")]);
const FIREFOX = findBinary("FIREFOX", ["firefox-esr", "firefox"]);

let server;
let driver;
let logFile;

before(async () => {
  assert.ok(fs.existsSync(ZIP), `${ZIP} is not built: run ./build.sh`);
  assert.ok(GECKODRIVER, "geckodriver is not installed (./build.sh test installs it)");
  assert.ok(FIREFOX, "Firefox is not installed (./build.sh test installs firefox-esr)");
  server = await serve({
    "/long.html": `<!doctype html><meta charset=utf-8><body>${Array.from({ length: LONG_PARAGRAPHS }, (_, i) =>
      `<p id=p${i}>Paragraph ${i}: Sergey Lavrov met Marco Rubio in Moscow.</p>`).join("\n")}</body>`,
    "/live.html": `<!doctype html><meta charset=utf-8><body><main id=feed><p>Live updates from the summit.</p></main>
      <button id=more>More</button>
      <script src="/live.js"></script></body>`,
    "/live.js": `document.getElementById("more").addEventListener("click", () => {
        const p = document.createElement("p");
        p.textContent = "Update: Keir Starmer arrived in Geneva and met Emmanuel Macron.";
        document.getElementById("feed").append(p);
      });`,
  });
  logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gloss-firefox-")), "geckodriver.log");
  const log = fs.openSync(logFile, "w");
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments("-headless")
    .setPreference("extensions.webextensions.uuids", JSON.stringify({ [ADDON_ID]: UUID }))
    // Console messages of pages, content scripts and the background go to the log, for failures.
    .setPreference("devtools.console.stdout.content", true)
    .setPreference("devtools.console.stdout.chrome", true)
    .setPreference("ui.prefersReducedMotion", 1)
    // No connection leaves the machine: Firefox's own services go to a dead proxy (127.0.0.1 is
    // never proxied), and names are not looked up.
    .setPreference("network.proxy.type", 1)
    .setPreference("network.proxy.http", "127.0.0.1")
    .setPreference("network.proxy.http_port", 9)
    .setPreference("network.proxy.ssl", "127.0.0.1")
    .setPreference("network.proxy.ssl_port", 9)
    .setPreference("network.trr.mode", 5)
    .setPreference("network.dns.disablePrefetch", true)
    .setPreference("network.connectivity-service.enabled", false);
  // Without system access WebDriver may not open moz-extension:// pages (the popup).
  const service = new firefox.ServiceBuilder(GECKODRIVER).addArguments("--allow-system-access").setStdio(["ignore", log, log]);
  driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.manage().window().setRect({ width: 1100, height: 800 });
  await driver.installAddon(ZIP, true);
});

after(async () => {
  await driver?.quit();
  await server?.close();
  // Failures quote the log's lines about the extension; the file itself is not kept.
  if (logFile) fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
});

// The last lines of Firefox's log that mention the extension, for failure messages.
function extensionLog() {
  const lines = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n") : [];
  return lines.filter((l) => /moz-extension:|Gloss/.test(l)).slice(-20).join("\n");
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const markCount = () => driver.executeScript("return document.querySelectorAll('gloss-mark').length");

async function waitFor(what, fn, timeout = 20000) {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}\n${extensionLog()}`);
    await sleep(100);
  }
}

async function openAnnotated(url, min = 8) {
  await driver.get(url);
  await waitFor(`${min} marks on ${url}`, async () => (await markCount()) >= min);
}

function marksOf() {
  return driver.executeScript(`return [...document.querySelectorAll("gloss-mark")].map((m) => ({
    text: m.textContent, id: m.getAttribute("data-gloss-id"), type: m.getAttribute("data-gloss-type") }))`);
}

// The open card's parts, read through the host's open shadow root; null while no card is shown.
function cardState() {
  return driver.executeScript(`
    const host = document.querySelector("gloss-card-host");
    const card = host?.shadowRoot?.querySelector(".card");
    if (!card || card.hidden) return null;
    const text = (sel) => card.querySelector(sel)?.textContent ?? null;
    const r = card.getBoundingClientRect();
    const style = getComputedStyle(card);
    return { name: text(".name"), type: text(".type"), description: text(".desc"), count: text(".count"),
      position: style.position, radius: style.borderTopLeftRadius,
      box: { x: r.x, y: r.y, width: r.width, height: r.height } };`);
}

// Moves the pointer onto the first mark named `name` and waits for its card.
async function hoverCard(name) {
  const mark = await driver.executeScript(
    `const m = [...document.querySelectorAll("gloss-mark")].find((m) => m.textContent === arguments[0]);
     m?.scrollIntoView({ block: "center" });
     return m;`, name);
  assert.ok(mark, `${name} is marked`);
  await driver.actions().move({ x: 1, y: 1, origin: "viewport" }).perform();
  const started = Date.now();
  await driver.actions().move({ origin: mark }).perform();
  const card = await waitFor(`the card of ${name}`, cardState, 5000);
  return { ...card, waitedMs: Date.now() - started, mark };
}

// Opens `url` (an extension page) in a new tab, runs `fn` there, and returns to the page's tab.
async function inExtensionTab(url, fn) {
  const page = await driver.getWindowHandle();
  await driver.switchTo().newWindow("tab");
  try {
    await driver.get(url);
    return await fn();
  } finally {
    await driver.close();
    await driver.switchTo().window(page);
  }
}

// Drives the popup as a person would: opens it (as a tab, for host 127.0.0.1), and clicks its
// button when the site is not already in the wanted state.
function setSiteFromPopup(on) {
  return inExtensionTab(POPUP, async () => {
    const toggle = await driver.findElement(By.id("toggle"));
    await waitFor("the popup's button", () => toggle.isDisplayed(), 5000);
    const state = await toggle.getAttribute("data-state");
    const status = await driver.findElement(By.id("state")).getText();
    assert.match(status, new RegExp(`${state} for 127\\.0\\.0\\.1`), "the popup shows the site's state");
    if ((state === "on") !== on) {
      await toggle.click();
      const want = on ? "on" : "off";
      await waitFor(`the popup to show ${want}`, async () => (await toggle.getAttribute("data-state")) === want, 5000);
    }
  });
}

// Opens the "On this page" panel on the test page's tab. In real use the popup's button or a
// keyboard command asks for it; the message is the same.
function showPanel() {
  return inExtensionTab(POPUP, () => driver.executeScript(`return (async () => {
    const tab = (await browser.tabs.query({})).find((t) => t.url.startsWith(arguments[0]));
    await browser.tabs.sendMessage(tab.id, { type: "gloss/show-panel" });
  })()`, server.base));
}

// The toolbar button titles the background set for every tab ("Gloss: N names", "Gloss: off for
// this site"), read with the extension's own API from one of its pages.
function actionTitles() {
  return inExtensionTab(POPUP, () => driver.executeScript(`return (async () => {
    const tabs = await browser.tabs.query({});
    return Promise.all(tabs.map((t) => browser.action.getTitle({ tabId: t.id })));
  })()`));
}

test("names on a news page are marked and hovering one shows its card", async () => {
  await openAnnotated(server.base + ARTICLE);
  const marks = await marksOf();
  const texts = marks.map((m) => m.text);
  for (const name of ["Sergey Lavrov", "Marco Rubio", "Heathrow Airport", "Federal Bureau of Investigation", "Politico", "NATO"]) {
    assert.ok(texts.includes(name), `${name} is marked (marked: ${texts.join(", ")})`);
  }
  const lavrov = marks.find((m) => m.text === "Sergey Lavrov");
  assert.equal(lavrov.type, "PER");
  assert.ok(lavrov.id, "Sergey Lavrov is linked to the dataset");

  const card = await hoverCard("Sergey Lavrov");
  assert.equal(card.name, "Sergey Lavrov");
  assert.match(card.description, /Foreign Minister of Russia/);
  assert.match(card.type, /Person/);
  assert.match(card.count, /Mentioned 2 times/, "the surname-only mention counts as the same person");
  assert.ok(card.waitedMs >= 400, `the card waits for the dwell (${card.waitedMs} ms)`);
  assert.deepEqual({ position: card.position, radius: card.radius }, { position: "fixed", radius: "8px" }, "the card is styled");
  // A look at the card as Firefox draws it: dist/screenshots/firefox-person-card.png.
  await sleep(300); // the fade-in
  assert.equal(await driver.executeScript(`return getComputedStyle(document.querySelector("gloss-card-host").shadowRoot.querySelector(".card")).opacity`), "1", "the card is opaque once faded in");
  fs.mkdirSync(path.join(DIST, "screenshots"), { recursive: true });
  fs.writeFileSync(path.join(DIST, "screenshots/firefox-person-card.png"), await driver.takeScreenshot(), "base64");

  // The card is below or above the name, never over it.
  const m = await driver.executeScript("const r = arguments[0].getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height };", card.mark);
  const b = card.box;
  const overlaps = b.x < m.x + m.width && m.x < b.x + b.width && b.y < m.y + m.height && m.y < b.y + b.height;
  assert.ok(!overlaps, `the card does not cover the name (card ${JSON.stringify(b)}, name ${JSON.stringify(m)})`);

  // Esc closes it.
  await driver.actions().sendKeys(Key.ESCAPE).perform();
  await waitFor("the card to close on Esc", async () => (await cardState()) === null, 2000);

  // A name inside a link gets a card, and clicking it still follows the link.
  const nato = await hoverCard("NATO");
  assert.equal(nato.name, "NATO");
  await driver.actions().move({ x: 5, y: 5, origin: "viewport" }).perform();
  await waitFor("the card to close when the pointer leaves", async () => (await cardState()) === null, 3000);
  await nato.mark.click();
  assert.match(await driver.getCurrentUrl(), /#nato$/, "clicking a marked name inside a link follows the link");
});

test("a page with a strict Content-Security-Policy is annotated and its cards styled", async () => {
  await openAnnotated(`${server.base}/csp${ARTICLE}`);
  const card = await hoverCard("Sergey Lavrov");
  assert.match(card.description, /Foreign Minister of Russia/);
  assert.deepEqual({ position: card.position, radius: card.radius }, { position: "fixed", radius: "8px" }, "the card is styled despite the policy");
});

test("the page's text is exactly the same after annotation", async () => {
  // Read the page's rendered text with Gloss off for the site, so no content script has touched
  // it; then turn it on (the same document, the same layout) and read it again.
  await setSiteFromPopup(false);
  await driver.get(server.base + ARTICLE);
  await sleep(1500);
  assert.equal(await markCount(), 0, "nothing is marked while the site is off");
  const before = await driver.executeScript("return document.body.innerText");
  const beforeContent = await driver.executeScript("return document.body.textContent");

  await setSiteFromPopup(true);
  await waitFor("marks after turning the site on", async () => (await markCount()) >= 8);
  assert.equal(await driver.executeScript("return document.body.innerText"), before, "innerText after turning on");
  assert.equal(await driver.executeScript("return document.body.textContent"), beforeContent, "textContent after turning on");

  // A fresh load with the site on: marked as the page loads, the text is still the same.
  await openAnnotated(server.base + ARTICLE);
  assert.equal(await driver.executeScript("return document.body.innerText"), before, "innerText of a page annotated on load");
  assert.ok(before.includes("Russian Foreign Minister Sergey Lavrov met"));
});

test("turning the site off in the popup removes every mark and restores the DOM; on brings them back", async () => {
  await openAnnotated(server.base + ARTICLE);
  const originalHtml = await driver.executeScript(`
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll("gloss-mark").forEach((m) => m.replaceWith(...m.childNodes));
    clone.normalize();
    return clone.innerHTML;`);

  await setSiteFromPopup(false);
  await waitFor("every mark to go", async () => (await markCount()) === 0, 5000);
  assert.equal(await driver.executeScript("return document.body.innerHTML"), originalHtml, "the original DOM is back");
  const textNodes = await driver.executeScript(`
    const p = [...document.querySelectorAll("article p")].find((e) => e.textContent.startsWith("The meeting came"));
    return [...p.childNodes].filter((n) => n.nodeType === 3).length;`);
  assert.equal(textNodes, 1, "split text nodes are joined back into one");

  await driver.navigate().refresh();
  await sleep(1500);
  assert.equal(await markCount(), 0, "still off after a reload");
  assert.ok((await actionTitles()).includes("Gloss: off for this site"), "the toolbar shows the off state");

  await setSiteFromPopup(true);
  await waitFor("the marks to come back", async () => (await markCount()) >= 8, 10000);
  const titles = await waitFor("the toolbar to show the count", async () => {
    const t = await actionTitles();
    return t.some((x) => /^Gloss: \d+ names$/.test(x)) ? t : null;
  }, 5000);
  assert.ok(titles.some((x) => /^Gloss: ([89]|\d\d+) names$/.test(x)), `the toolbar counts the names: ${titles}`);
  const card = await hoverCard("Sergey Lavrov");
  assert.equal(card.name, "Sergey Lavrov", "cards work again after turning back on");
});

test("a place card shows a locator map; a person's card has none", async () => {
  await openAnnotated(server.base + ARTICLE);
  await hoverCard("Heathrow Airport");
  const map = await waitFor("the locator map", () => driver.executeScript(`
    const map = document.querySelector("gloss-card-host").shadowRoot.querySelector(".card svg.map");
    return map && { d: map.querySelector("path")?.getAttribute("d")?.length ?? 0,
      dots: map.querySelectorAll("circle").length, label: map.getAttribute("aria-label"),
      height: map.getBoundingClientRect().height };`), 5000);
  assert.ok(map.d > 100, "the country outline is drawn");
  assert.equal(map.dots, 1, "a dot marks the airport");
  assert.equal(map.label, "Map: Heathrow Airport");
  assert.ok(map.height > 20, `the map is laid out (${map.height} px high)`);
  await driver.actions().sendKeys(Key.ESCAPE).perform();
  await waitFor("the card to close", async () => (await cardState()) === null, 2000);
  await hoverCard("Keir Starmer");
  assert.equal(await driver.executeScript(`return document.querySelector("gloss-card-host").shadowRoot.querySelectorAll(".card svg.map").length`), 0);
});

test("the On this page panel lists names by type and steps to a mention", async () => {
  await openAnnotated(server.base + ARTICLE);
  await showPanel();
  const panel = await waitFor("the panel", () => driver.executeScript(`
    const root = document.querySelector("gloss-panel-host")?.shadowRoot;
    const panel = root?.querySelector(".panel");
    if (!panel || !root.querySelector(".item")) return null;
    const lavrov = [...root.querySelectorAll(".item")].find((i) => i.textContent.includes("Sergey Lavrov"));
    return { groups: [...panel.querySelectorAll("h3")].map((h) => h.textContent),
      desc: lavrov?.querySelector(".desc")?.textContent, count: lavrov?.querySelector(".count")?.textContent };`), 5000);
  assert.deepEqual(panel.groups, ["People", "Places", "Organizations"]);
  assert.match(panel.desc, /Foreign Minister of Russia/);
  assert.match(panel.count, /×2/);
  const next = await driver.executeScript(`
    const root = document.querySelector("gloss-panel-host").shadowRoot;
    return [...[...root.querySelectorAll(".item")].find((i) => i.textContent.includes("Sergey Lavrov")).querySelectorAll("button.nav")].pop();`);
  await next.click(); // first mention
  await next.click(); // second mention ("Lavrov told reporters")
  const flashed = await waitFor("a flashed mention", () => driver.executeScript(`return document.querySelector("gloss-mark[data-gloss-flash]")?.textContent`), 3000);
  assert.equal(flashed, "Lavrov");
  await driver.actions().sendKeys(Key.ESCAPE).perform();
  await waitFor("the panel to close", async () => !(await driver.executeScript(`return document.querySelector("gloss-panel-host")?.shadowRoot?.querySelector(".panel")?.isConnected`)), 3000);
});

test("a very long page: names are marked where the reader looks, and the panel counts them all", async () => {
  await openAnnotated(server.base + "/long.html", 3);
  const marked = (i) => driver.executeScript(`return document.querySelectorAll("#p${i} gloss-mark").length`);
  await waitFor("the page to be annotated", async () => (await actionTitles()).includes("Gloss: 3 names"));
  assert.equal(await marked(LONG_PARAGRAPHS - 1), 0, "names far below the screen wait until they come near it");
  const middle = LONG_PARAGRAPHS / 2;
  await driver.executeScript(`document.getElementById("p${middle}").scrollIntoView({ block: "center" })`);
  await waitFor("the middle to be marked", async () => (await marked(middle)) === 3, 5000);
  // Names are watched through a few elements of each stretch of the page: jumps land between them.
  for (const i of [1201, 2405, 2994]) {
    await driver.executeScript(`document.getElementById("p${i}").scrollIntoView({ block: "center" })`);
    await waitFor(`paragraph ${i} to be marked`, async () => (await marked(i)) === 3, 5000);
  }
  // The panel counts every mention; "‹" from the start marks and flashes the very last one.
  await showPanel();
  const count = await waitFor("the panel", () => driver.executeScript(`
    const root = document.querySelector("gloss-panel-host")?.shadowRoot;
    return [...(root?.querySelectorAll(".item") ?? [])].find((i) => i.textContent.includes("Sergey Lavrov"))?.querySelector(".count")?.textContent;`), 5000);
  assert.match(count, /×3000/);
  const previous = await driver.executeScript(`
    const root = document.querySelector("gloss-panel-host").shadowRoot;
    return [...root.querySelectorAll(".item")].find((i) => i.textContent.includes("Sergey Lavrov")).querySelector("button.nav");`);
  await previous.click();
  const flashed = await waitFor("a flashed mention", () => driver.executeScript(`return document.querySelector("gloss-mark[data-gloss-flash]")?.parentElement.id`), 3000);
  assert.equal(flashed, `p${LONG_PARAGRAPHS - 1}`);
  await driver.actions().sendKeys(Key.ESCAPE).perform();
});

test("keyboard: names mode moves focus between names and opens their cards", async () => {
  await openAnnotated(server.base + ARTICLE);
  await driver.actions().move({ x: 2, y: 2, origin: "viewport" }).click().perform();
  const order = await driver.executeScript(`return [...document.querySelectorAll("gloss-mark")].map((m) => m.textContent)`);
  const focused = () => driver.executeScript(`return document.activeElement?.tagName === "GLOSS-MARK" ? document.activeElement.textContent : null`);
  await driver.actions().keyDown(Key.ALT).keyDown(Key.SHIFT).sendKeys("N").keyUp(Key.SHIFT).keyUp(Key.ALT).perform();
  assert.equal(await waitFor("names mode", focused, 2000), order[0], "the first name on the page has focus");
  await driver.actions().sendKeys(Key.TAB).perform();
  assert.equal(await focused(), order[1]);
  await driver.actions().sendKeys(Key.TAB).perform();
  assert.equal(await focused(), order[2]);
  const card = await waitFor("the focused name's card", cardState, 3000);
  assert.ok(card.name.includes(order[2].split(" ").pop()), `the card is the focused name's (${card.name}, focused ${order[2]})`);
  await driver.actions().keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform();
  assert.equal(await focused(), order[1]);
  await driver.actions().sendKeys(Key.ESCAPE).perform();
  await waitFor("the card to close", async () => (await cardState()) === null, 3000);
});

test("pausing Gloss everywhere removes marks and resuming brings them back", async () => {
  await openAnnotated(server.base + ARTICLE);
  const clickPause = (want) => inExtensionTab(POPUP, async () => {
    const pause = await driver.findElement(By.id("pause"));
    await waitFor("the pause button", async () => (await pause.getAttribute("data-state")) !== null, 5000);
    await pause.click();
    await waitFor(`the popup to show ${want}`, async () => (await pause.getAttribute("data-state")) === want, 5000);
    return driver.findElement(By.id("state")).getText();
  });
  assert.match(await clickPause("paused"), /paused on every site/);
  await waitFor("every mark to go", async () => (await markCount()) === 0, 5000);
  await clickPause("running");
  await waitFor("the marks to come back", async () => (await markCount()) >= 8, 10000);
});

test("names in content added after load are marked", async () => {
  await driver.get(server.base + "/live.html");
  await sleep(500);
  assert.equal(await markCount(), 0);
  await driver.findElement(By.id("more")).click();
  await waitFor("marks in the new paragraph", async () => (await markCount()) >= 2, 5000);
  const names = (await marksOf()).map((m) => m.text);
  assert.ok(names.includes("Keir Starmer") && names.includes("Emmanuel Macron"), names.join(", "));
  assert.match(await driver.executeScript(`return document.getElementById("feed").innerText`), /Update: Keir Starmer arrived in Geneva and met Emmanuel Macron\./);
});

test("options apply to open tabs at once", async () => {
  await openAnnotated(server.base + ARTICLE);
  const page = await driver.getWindowHandle();
  await driver.switchTo().newWindow("tab");
  const options = await driver.getWindowHandle();
  // Does `act` in the options tab, then waits in the page's tab until `check` holds there.
  const apply = async (what, act, check) => {
    await driver.switchTo().window(options);
    await act();
    await driver.switchTo().window(page);
    await waitFor(what, () => driver.executeScript(check), 10000);
  };
  const click = (css) => async () => driver.findElement(By.css(css)).click();
  try {
    await driver.get(`moz-extension://${UUID}/options.html`);
    await waitFor("the options page", async () => (await driver.findElements(By.css("input[name=types][value=PER]:checked"))).length === 1, 5000);
    await apply("people unmarked", click("input[name=types][value=PER]"),
      `return document.querySelectorAll("gloss-mark").length > 0 && !document.querySelector('gloss-mark[data-gloss-type="PER"]')`);
    assert.ok(await driver.executeScript(`return document.querySelectorAll('gloss-mark[data-gloss-type="LOC"]').length`) > 0, "places stay marked");
    await apply("people marked again", click("input[name=types][value=PER]"), `return !!document.querySelector('gloss-mark[data-gloss-type="PER"]')`);
    await apply("the background style", click("input[name=markStyle][value=background]"),
      `return [...document.querySelectorAll("gloss-mark")].every((m) => m.getAttribute("data-gloss-style") === "background")`);
    assert.notEqual(await driver.executeScript(`return getComputedStyle(document.querySelector("gloss-mark")).backgroundColor`), "rgba(0, 0, 0, 0)", "the background style shows");
    await apply("the underline style", click("input[name=markStyle][value=underline]"),
      `return [...document.querySelectorAll("gloss-mark")].every((m) => m.getAttribute("data-gloss-style") !== "background")`);

    // A site turned off appears in the list and can be turned back on from there.
    await setSiteFromPopup(false);
    await waitFor("every mark to go", async () => (await markCount()) === 0, 5000);
    await apply("the marks to come back", async () => {
      const row = await waitFor("the site in the list", async () => {
        for (const li of await driver.findElements(By.css("#sites li"))) if ((await li.getText()).includes("127.0.0.1")) return li;
        return null;
      }, 5000);
      await row.findElement(By.css("button")).click();
    }, `return document.querySelectorAll("gloss-mark").length >= 8`);
  } finally {
    await driver.switchTo().window(options);
    await driver.close();
    await driver.switchTo().window(page);
  }
});

test("pages without names, and empty pages, get no marks", async () => {
  for (const url of ["/no-names.html", "/empty.html"]) {
    await driver.get(server.base + url);
    await sleep(1500);
    assert.equal(await markCount(), 0, `${url}: nothing marked`);
  }
  await openAnnotated(server.base + ARTICLE); // the extension is alive
});

test("the popup reports the loaded dataset, and outside a web page says it does not run there", async () => {
  const text = await inExtensionTab(POPUP, async () => {
    const detail = await driver.findElement(By.id("detail"));
    return waitFor("the popup's dataset line", async () => (await detail.getText()) || null, 10000);
  });
  assert.match(text, /people, places and organizations · dataset/, `popup detail: ${text}`);
  // Without ?host the popup asks for the active tab, which here is the popup itself.
  const state = await inExtensionTab(POPUP.replace(/\?.*/, ""), async () => {
    const el = await driver.findElement(By.id("state"));
    return waitFor("the popup's state line", async () => ((await el.getText()) !== "…" ? el.getText() : null), 5000);
  });
  assert.equal(state, "Gloss does not run on this page.");
});

test("no errors from the extension in Firefox's console", () => {
  // Uncaught errors name their moz-extension:// script; the content script reports failures to
  // the console as "Gloss: …".
  const errors = fs.readFileSync(logFile, "utf8").split("\n")
    .filter((l) => /^JavaScript (error|warning): moz-extension:/.test(l) || l.includes('"Gloss:"'));
  assert.deepEqual(errors, []);
});
