// Renders media/icon.svg to media/icon.png (128x128, transparent corners), the icon the .vsix and the
// Marketplace show. Uses Debian's Chromium through playwright-core, the browser the e2e suite drives, so
// the PNG is regenerated from its source rather than edited by hand: `node scripts/render-icon.mjs`.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const SIZE = 128;
const svg = readFileSync('media/icon.svg', 'utf8');
const browser = await chromium.launch({
	executablePath: process.env.BOSUN_CHROMIUM ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu'],
});
try {
	const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
	await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
	await page.locator('svg').screenshot({ path: 'media/icon.png', omitBackground: true });
	console.log('wrote media/icon.png');
} finally {
	await browser.close();
}
