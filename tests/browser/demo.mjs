// ./build.sh demo: shows Gloss on the sample article. With a display it opens Chromium with the
// extension for you to try; without one it hovers a name headless, saves dist/demo.png with the
// open card, and prints the names found.
import path from "node:path";
import { serve, launch, openAnnotated, marksOf, hoverCard, loadToMarksMs, ROOT } from "./harness.mjs";

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;
const server = await serve();
const url = `${server.base}/sample-article.html`;
const browser = await launch({ headless: !hasDisplay });
const page = await openAnnotated(browser.context, url, { min: 5 });

const marks = await marksOf(page);
const seen = new Set();
console.log(`Names found on ${url}:`);
for (const m of marks) {
  const key = `${m.text}|${m.id}`;
  if (seen.has(key)) continue;
  seen.add(key);
  console.log(`  ${m.type}  ${m.text.padEnd(34)} ${m.id ? `→ ${m.id}` : "(not in the dataset)"}`);
}
console.log(`${marks.length} marks, ${seen.size} distinct; first mark ${await loadToMarksMs(page)} ms after the page's load event`);

if (hasDisplay) {
  console.log("Chromium is open with Gloss: hover a name. Close the window to finish.");
  await new Promise((resolve) => browser.context.on("close", resolve));
} else {
  const card = await hoverCard(page, "Sergey Lavrov");
  console.log(`Card: ${card.name} — ${card.description}`);
  const out = path.join(ROOT, "dist/demo.png");
  await page.screenshot({ path: out });
  console.log(`Screenshot of the open card: ${out}`);
  await browser.close();
}
await server.close();
