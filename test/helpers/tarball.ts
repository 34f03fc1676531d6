// Writes a gzipped ustar archive in memory (as `helm package` makes chart .tgz files), for tests of
// subcharts shipped as archives.
import { gzipSync } from 'node:zlib';

function header(name: string, size: number): Buffer {
	const h = Buffer.alloc(512);
	h.write(name, 0, 100, 'utf8');
	h.write('0000644\0', 100);
	h.write('0000000\0', 108);
	h.write('0000000\0', 116);
	h.write(size.toString(8).padStart(11, '0') + '\0', 124);
	h.write('00000000000\0', 136);
	h.write('        ', 148);
	h.write('0', 156);
	h.write('ustar\0', 257);
	h.write('00', 263);
	let sum = 0;
	for (const b of h) sum += b;
	h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
	return h;
}

/** A .tgz holding `files` (paths as given, e.g. 'sub/Chart.yaml'). */
export function tgz(files: Record<string, string>): Buffer {
	const parts: Buffer[] = [];
	for (const [name, text] of Object.entries(files)) {
		const data = Buffer.from(text);
		parts.push(header(name, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
	}
	parts.push(Buffer.alloc(1024));
	return gzipSync(Buffer.concat(parts));
}
