import assert from 'node:assert/strict';
import { compareQuantities, describeQuantity, isValidQuantity, parseQuantity, quantityProblem } from '../../../server/src/core/quantity';

describe('quantity', () => {
	it('accepts the forms the API server accepts', () => {
		for (const q of ['0.5', '500m', '1e3', '1E-3', '1Ki', '128Mi', '1G', '2', '+1', '.5', '1.', '1.G', '100n', '5u', '1k', '1E', 0.5, 2, 5e8, 0]) {
			assert.ok(isValidQuantity(q), `${q} should be valid`);
		}
	});

	it('rejects what the API server rejects', () => {
		for (const q of ['1.5.0', '12 Mi', '-1', -1, '1.5Gix', '512MB', '1gb', '1K', '1e', 'm', '', 'abc', Infinity, true, null, {}]) {
			assert.equal(parseQuantity(q), null, `${String(q)} should be invalid`);
		}
	});

	it('parses to cores and bytes', () => {
		assert.equal(parseQuantity('500m'), 0.5);
		assert.equal(parseQuantity('1Gi'), 2 ** 30);
		assert.equal(parseQuantity('1e3'), 1000);
		assert.equal(parseQuantity(0.75), 0.75);
	});

	it('compares exactly, across units and YAML numbers', () => {
		assert.equal(compareQuantities('500m', '1'), -1);
		assert.equal(compareQuantities(0.5, '500m'), 0);
		assert.equal(compareQuantities('0.3', '300m'), 0, 'no binary float rounding');
		assert.equal(compareQuantities('1Gi', '1000Mi'), 1);
		assert.equal(compareQuantities('1Gi', '1G'), 1);
		assert.equal(compareQuantities('1G', '1Gi'), -1);
		assert.equal(compareQuantities('1024Ki', '1Mi'), 0);
		assert.equal(compareQuantities('1e3', '1k'), 0);
		assert.equal(compareQuantities(1e21, '1Z'), null);
		assert.equal(compareQuantities('1.5.0', '1'), null);
		assert.equal(compareQuantities('1e2000', '1'), 1, 'huge exponents fall back to floats');
	});

	it('explains the usual mistakes', () => {
		assert.equal(quantityProblem('128Mi'), null);
		assert.match(quantityProblem('12 Mi')!, /space/);
		assert.match(quantityProblem('-1')!, /negative/);
		assert.match(quantityProblem(-2)!, /negative/);
		assert.equal(quantityProblem('512MB'), 'unknown unit "MB" (write 512Mi for binary or 512M for decimal units)');
		assert.equal(quantityProblem('1kb'), 'unknown unit "kb" (write 1Ki for binary or 1k for decimal units)');
		assert.match(quantityProblem('1.5Gix')!, /unknown unit "Gix"/);
		assert.match(quantityProblem('1.5.0')!, /not a number/);
		assert.match(quantityProblem(true)!, /not a number or a string/);
	});

	it('describes quantities for hovers', () => {
		assert.equal(describeQuantity('cpu', '250m'), '0.25 CPU (250 millicores)');
		assert.equal(describeQuantity('memory', '1Ki'), '1,024 bytes');
		assert.equal(describeQuantity('memory', '1 Ki'), null);
	});
});
