import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/** Prints CI's plain closing line for the browser tests. */
export default class CountReporter implements Reporter {
  private counts = { passed: 0, failed: 0, skipped: 0 };
  onTestEnd(_test: TestCase, result: TestResult) {
    if (result.status === "passed") this.counts.passed++;
    else if (result.status === "skipped") this.counts.skipped++;
    else this.counts.failed++;
  }
  onEnd(_result: FullResult) {
    const c = this.counts;
    console.log(`\ne2e: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  }
}
