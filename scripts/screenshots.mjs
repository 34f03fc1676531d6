// Refreshes the README screenshots in docs/images/ from the code-server e2e suite: runs the suite (skip
// with --no-run to reuse the last run's test-results/e2e/), then re-encodes the step screenshots the
// README shows as WebP, which keeps them small enough to ship inside the .vsix. Never edit them by hand:
// `node scripts/screenshots.mjs` (needs scripts/setup-e2e.sh to have run).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const RESULTS = 'test-results/e2e';
const IMAGES = 'docs/images';
const WEBP_QUALITY = 0.85;
// e2e step name -> README image name.
const SHOTS = {
	problems: 'problems',
	hover: 'hover',
	'quick-fix-menu': 'quick-fix',
	'pdb-companion': 'pdb-companion',
};

if (!process.argv.includes('--no-run')) {
	const suite = spawnSync('npx', ['mocha', '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '600000', 'test/e2e/codeserver/bosun.test.ts'], { stdio: 'inherit' });
	if (suite.status !== 0) {
		console.error('screenshots: the e2e suite failed; docs/images/ left as it was');
		process.exit(1);
	}
}

const taken = readdirSync(RESULTS);
const sources = Object.entries(SHOTS).map(([step, image]) => {
	const file = taken.find((f) => f.replace(/^\d+-/, '') === `${step}.png`);
	if (!file) {
		console.error(`screenshots: ${RESULTS} has no screenshot of step "${step}"`);
		process.exit(1);
	}
	return { from: join(RESULTS, file), to: join(IMAGES, `${image}.webp`) };
});

mkdirSync(IMAGES, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.BOSUN_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
	const page = await browser.newPage();
	for (const { from, to } of sources) {
		const png = `data:image/png;base64,${readFileSync(from).toString('base64')}`;
		const webp = await page.evaluate(async ([src, quality]) => {
			const image = new Image();
			image.src = src;
			await image.decode();
			const canvas = document.createElement('canvas');
			canvas.width = image.width;
			canvas.height = image.height;
			canvas.getContext('2d').drawImage(image, 0, 0);
			return canvas.toDataURL('image/webp', quality);
		}, [png, WEBP_QUALITY]);
		if (!webp.startsWith('data:image/webp;base64,')) throw new Error(`Chromium did not encode ${from} as WebP`);
		writeFileSync(to, Buffer.from(webp.slice(webp.indexOf(',') + 1), 'base64'));
		console.log(`screenshots: ${from} -> ${to}`);
	}
} finally {
	await browser.close();
}
