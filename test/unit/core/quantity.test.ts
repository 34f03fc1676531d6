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

	it('describes quantities exactly, with a binary reading of decimal byte counts and the milli-byte slip', () => {
		assert.equal(describeQuantity('cpu', '1234567m'), '1234.567 CPU (1234567 millicores)');
		assert.equal(describeQuantity('cpu', 0.5), '0.5 CPU (500 millicores)');
		assert.equal(describeQuantity('cpu', '0.0001'), '0.0001 CPU (0.1 millicores; Kubernetes has no cpu precision finer than 1m)');
		assert.equal(describeQuantity('memory', '1Gi'), '1,073,741,824 bytes');
		assert.equal(describeQuantity('memory', '1G'), '1,000,000,000 bytes (about 953.67 MiB)');
		assert.equal(describeQuantity('memory', 134217728), '134,217,728 bytes (128 MiB)');
		assert.equal(describeQuantity('memory', '1'), '1 byte');
		assert.equal(describeQuantity('memory', '500m'), '0.5 bytes: a fraction of a byte, rounded up to a whole byte (`m` is milli, a thousandth: for mebibytes write `500Mi`, for megabytes `500M`)');
		assert.equal(describeQuantity('ephemeral-storage', '2Gi'), '2,147,483,648 bytes');
		assert.equal(describeQuantity('nvidia.com/gpu', '2'), '2');
		assert.equal(describeQuantity('memory', '1Ei'), '1,152,921,504,606,846,976 bytes');
	});
});
