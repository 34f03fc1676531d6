// latest-image-tag: images without a tag or tagged `latest`, unless pinned by digest.
import { WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { containerLabel } from './helpers';
import { deployTimeImages, imageName } from './deployTimeImages';
import { imageOf, literalTagOf, parseImage } from './imageRefs';
import { oncePerRange } from './securityHelpers';

export const rule: Rule = {
	id: 'latest-image-tag',
	title: 'Image has no tag or uses latest',
	category: 'Image sources',
	defaultSeverity: 'warning',
	description: 'Flags a container image (init containers included) with no tag or the tag `latest`, unless it is pinned by digest. A registry port is not a tag: `host:5000/app` is untagged. An explicit `:latest` is flagged even when another part of the reference is a placeholder (`gcr.io/$PROJECT_ID/app:latest`).',
	rationale:
		'`latest` (which an untagged image means) moves: two nodes pulling at different times run different code, a rollback redeploys the same moving target, and nothing in the manifest says what is running. A version tag, or better a digest, makes deployments reproducible.',
	remediation: 'Pin the image to a version tag (`nginx:1.27.2`) or a digest (`nginx@sha256:…`).',
	leavesAlone:
		'Digest-pinned images (`@sha256:…`, with or without a tag, even `:latest@sha256:…`), tagged images behind a registry port (`host:5000/app:1.2`), placeholders for the whole reference filled in at deploy time (`${IMAGE}`, `$IMAGE`, `{{ .Values.image }}`, an all-caps token such as `CONTAINER_IMAGE`), values that cannot be image references (`<your-image>`), and untagged images whose tag is templated (`gcr.io/$PROJECT_ID/app:${TAG}`). Images a `skaffold.yaml` of the workspace builds (`build.artifacts[].image`, profiles included): Skaffold replaces them by name with the reference it built, whatever tag the manifest carries.',
	fixKind: '-',
	kinds: WORKLOAD_KINDS,
	crossResource: true,
	examples: {
		incorrect: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:latest
`,
		correct: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		const report = oncePerRange(ctx);
		for (const container of object.containers()) {
			const image = imageOf(container);
			if (image === undefined) continue;
			const ref = parseImage(image);
			// a reference with a placeholder inside is judged by the tag it spells out, if any
			const tag = ref ? ref.tag : literalTagOf(image);
			if (ref ? ref.digest !== undefined : tag === undefined) continue;
			if (tag !== undefined && tag !== 'latest') continue;
			const name = ref && imageName(image);
			if (name && deployTimeImages(workspace).has(name)) continue;
			report({
				range: object.valueRange([...container.path, 'image']),
				message:
					tag === undefined
						? `${containerLabel(container)} uses image "${image}" without a tag: it runs whatever :latest is when the node pulls it.`
						: `${containerLabel(container)} uses image "${image}": :latest changes under the same name, so what runs depends on when each node pulled it.`,
			});
		}
	},
};
