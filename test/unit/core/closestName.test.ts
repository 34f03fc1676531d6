// "Did you mean": the known name closest to a misspelt one, only when it is close enough to be a typo.
import assert from 'node:assert/strict';
import { closestName, CONFIG_KEYS } from '../../../server/src/core/config';
import { RULE_IDS } from '../../../server/src/rules';

describe('closestName', () => {
	it('finds the rule id a typo was meant to be: a dropped, doubled, swapped or wrong letter', () => {
		assert.equal(closestName('missing-cpu-limt', RULE_IDS), 'missing-cpu-limit');
		assert.equal(closestName('missing-cpu-limiit', RULE_IDS), 'missing-cpu-limit');
		assert.equal(closestName('missing-pbd', RULE_IDS), 'missing-pdb');
		assert.equal(closestName('Missing-Liveness-Probe', RULE_IDS), 'missing-liveness-probe');
		assert.equal(closestName('requiredLabel', CONFIG_KEYS), 'requiredLabels');
	});

	it('suggests nothing for a name nothing resembles', () => {
		assert.equal(closestName('completely-unrelated-thing', RULE_IDS), undefined);
		assert.equal(closestName('colour', CONFIG_KEYS), undefined);
	});
});
