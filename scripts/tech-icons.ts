import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Draws the technician app's icons (public/tech-icon-*.png) from the Jaring mark: full-bleed
 * green so Android's masks never cut into it, the mark inside the central safe zone, a small
 * wrench badge. Run `npx tsx scripts/tech-icons.ts` after changing the mark.
 */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" fill="#059669"/>
<g transform="translate(6.4 6.4) scale(0.6)">
<path d="M19 7v12a5 5 0 0 1-10 0" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/>
<circle cx="24" cy="8" r="2.2" fill="#a7f3d0"/></g>
<circle cx="22.5" cy="22.5" r="3.6" fill="#a7f3d0"/>
<path d="M21 22.5h3M22.5 21v3" stroke="#065f46" stroke-width="1.2" stroke-linecap="round"/></svg>`;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<body style="margin:0">${SVG.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`,
    );
    writeFileSync(`public/tech-icon-${size}.png`, await page.screenshot({ omitBackground: false }));
  }
  await browser.close();
}

main();
