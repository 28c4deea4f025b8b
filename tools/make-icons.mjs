// Renders the toolbar icons (on: blue, off: grey) at every size the manifest names, with the
// same Chromium the tests use. Run once after changing the design; the PNGs are committed.
//   node tools/make-icons.mjs
import { chromium } from "playwright-core";

const svg = (color) => `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="${color}"/>
  <text x="64" y="86" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="700"
        font-size="82" fill="#fff">G</text>
  <g fill="#fff">${[30, 48, 66, 84].map((x) => `<circle cx="${x + 7}" cy="104" r="5"/>`).join("")}</g>
</svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
for (const [state, color] of [["on", "#3b5bdb"], ["off", "#868e96"]]) {
  for (const size of [16, 32, 48, 128]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<body style="margin:0;background:transparent">${svg(color).replace(/width="128" height="128"/, `width="${size}" height="${size}"`)}</body>`);
    await page.screenshot({ path: `extension/icons/${state}-${size}.png`, omitBackground: true });
  }
}
await browser.close();
