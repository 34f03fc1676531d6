// Offset ↔ line/character conversion at the edges (LSP positions, CLI output). Characters are UTF-16
// code units, as in JavaScript strings and the LSP default position encoding.

export interface Position {
	/** 0-based line. */
	line: number;
	/** 0-based UTF-16 column. */
	character: number;
}

export class LineIndex {
	private readonly starts: number[];
	constructor(readonly text: string) {
		const starts = [0];
		for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
		// A lone CR ends a line too, for the LSP and for editors (YAML reads it as text and reports an error).
		if (/\r(?!\n)/.test(text)) {
			for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
			starts.sort((a, b) => a - b);
		}
		this.starts = starts;
	}

	get lineCount(): number {
		return this.starts.length;
	}

	position(offset: number): Position {
		const o = Math.max(0, Math.min(offset, this.text.length));
		let lo = 0;
		let hi = this.starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.starts[mid] <= o) lo = mid;
			else hi = mid - 1;
		}
		// Between the CR and the LF of a line break is, for the LSP, the end of the line.
		const insideCrLf = o > this.starts[lo] && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10;
		return { line: lo, character: o - this.starts[lo] - (insideCrLf ? 1 : 0) };
	}

	offset(position: Position): number {
		const line = Math.max(0, Math.min(position.line, this.starts.length - 1));
		const lineEnd = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
		return Math.min(this.starts[line] + Math.max(0, position.character), lineEnd);
	}
}
