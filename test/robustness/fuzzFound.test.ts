// Inputs the fuzz suite found failing, kept as they were found so the failure cannot come back.
// Each goes through every fuzz property (test/fuzz/properties.ts).
import { checkText, newStats } from '../fuzz/properties';

const FOUND: Record<string, string> = {
	// The fix engine read the style of a broken document in the same file, whose sequence dash sat left of its
	// key, and rendered a fix at a negative column: String.repeat threw out of the CLI (`bosun: internal error`).
	'negative sequence offset from a broken neighbour document': "          #>+  value: password\r\napiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: ratings-v2\r\n  labels:\r\n    app: ratings\r\n    version: v2\r\nspec:\r\n  replicas: 1\r\n  selector:\r\n    matchLabels:\r\n      app: ratings\r\n      version: v2\r\n  template:\r\n    metadata:\r\n      labels:\r\n        app: ratings\r\n        version: v2\r\n    spec:\r\n      serviceAccountName: bookinfo-ratings-v2\r\n      containers:\r\n      - name: ratings\r\n        image: registry.istio.io/release/examples-bookinfo-ratings-v2:1.20.3\r\n        imagePullPolicy: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\r\n        env:\r\n          # ratings-v2 will use mongodb as the default db backend.\r\n          # if you would like to use mysqldb then set DB_TYPE = 'mysql', set\r\n          # the rest of the parameters shown here and also create the\r\n          # mysqldb service using bookinfo-mysql.yaml\r\n          # - name: DB_TYPE #default to\r\n          #   value: \"mysql\"\r\n          # - name: MYSQL_DB_HOST\r\n          #   value: mysqldb\r\n          # - name: MYSQL_DB_PORT\r\n          #   value: \"3306\"\r\n          # - name: MYSQL_DB_USER\r\n          #   value: root\r\n          # - name: MYSQL_DB_PASSWORD\r\n\ufeff---\r\n          - name: MONGO_DB_URL\r\n            value: mongodb://mongodb:27017/test\r\n        ports:\r\n        - containerPort: 9080\r\n---\nkind: ReplicationController\napiVersion: v1\nmetadata:\n  name: guestbook\n  labels:\n    app: guestbook\nspec:\n  replicas: 3\n  selector:\n    app: guestbook\n  template:\n    metadata:\n      labels:\n        app: guestbook\n    spec:\n      containers:",
};

describe('robustness: inputs found by fuzzing', () => {
	for (const [name, text] of Object.entries(FOUND)) {
		it(name, () => checkText(text, newStats()));
	}
});
