// Reads the entries of a zip archive (a .vsix is one) with Node alone, so the packaging tests need no
// `unzip` on the machine. Covers what vsce writes: stored or deflated entries, no zip64, no encryption.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
	name: string;
	compressedSize: number;
	size: number;
	read(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export function readZip(file: string): ZipEntry[] {
	const zip = readFileSync(file);
	// The end record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
	let end = -1;
	for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
		if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
			end = i;
			break;
		}
	}
	if (end < 0) throw new Error(`${file}: not a zip archive (no end of central directory)`);
	const count = zip.readUInt16LE(end + 10);
	let at = zip.readUInt32LE(end + 16);
	const entries: ZipEntry[] = [];
	for (let n = 0; n < count; n++) {
		if (zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) throw new Error(`${file}: corrupt central directory`);
		const method = zip.readUInt16LE(at + 10);
		const compressedSize = zip.readUInt32LE(at + 20);
		const size = zip.readUInt32LE(at + 24);
		const nameLength = zip.readUInt16LE(at + 28);
		const extraLength = zip.readUInt16LE(at + 30);
		const commentLength = zip.readUInt16LE(at + 32);
		const localHeader = zip.readUInt32LE(at + 42);
		const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
		at += 46 + nameLength + extraLength + commentLength;
		entries.push({
			name,
			compressedSize,
			size,
			read() {
				if (zip.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) throw new Error(`${file}: corrupt entry ${name}`);
				const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
				const data = zip.subarray(dataStart, dataStart + compressedSize);
				if (method === STORED) return Buffer.from(data);
				if (method === DEFLATED) return inflateRawSync(data);
				throw new Error(`${file}: entry ${name} uses unsupported compression method ${method}`);
			},
		});
	}
	return entries;
}
