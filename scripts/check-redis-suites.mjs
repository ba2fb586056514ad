// Fails unless the Redis adapter suites ran and passed: with CI=true they may never be skipped.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'test-results/vitest.json', 'utf8'));
const redisFiles = report.testResults.filter((file) => /\.redis\.test\.ts$/.test(file.name));
const problems = [];
if (redisFiles.length === 0) problems.push('no *.redis.test.ts suite ran');
for (const file of redisFiles) {
  const results = file.assertionResults;
  const notPassed = results.filter((r) => r.status !== 'passed');
  if (results.length === 0) problems.push(`${file.name}: no tests ran`);
  for (const r of notPassed) problems.push(`${file.name}: "${r.fullName}" was ${r.status}`);
}
if (problems.length > 0) {
  console.error(`Redis suites did not all run and pass:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
const count = redisFiles.reduce((n, f) => n + f.assertionResults.length, 0);
console.log(`Redis suites: ${redisFiles.length} files, ${count} tests, all passed against the real Redis.`);
