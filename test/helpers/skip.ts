// Skipping a test or a suite with its reason: printed where it happens, and recorded on the test (or, from
// a hook, on its suite) so the summary reporter (skipSummaryReporter.cjs) can print one line per reason.
import type { Context, Runnable } from 'mocha';

export function skipBecause(ctx: Context, reason: string): never {
	const runnable = ctx.test as (Runnable & { type?: string }) | undefined;
	const target = runnable?.type === 'hook' ? runnable.parent : runnable;
	if (target) (target as { bosunSkipReason?: string }).bosunSkipReason = reason;
	console.log(`      skipped: ${reason}`);
	ctx.skip();
}
