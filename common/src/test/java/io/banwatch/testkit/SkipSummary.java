package io.banwatch.testkit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Says on the console, once per test run, how many tests were skipped and why, so a green build
 * on a machine without PostgreSQL or Chromium cannot pass for a full one. Registered for every
 * module through this test-jar's {@code META-INF/services}; silent when nothing was skipped.
 *
 * <pre>banwatch-tests: 85 of 190 tests skipped: 80 no PostgreSQL (…); 5 no Chromium (…)</pre>
 */
public final class SkipSummary implements TestExecutionListener {
    static final String PREFIX = "banwatch-tests: ";

    private final PrintStream out;
    private final Map<String, AtomicInteger> skippedByReason = new TreeMap<>();
    private final AtomicInteger ran = new AtomicInteger();
    private TestPlan plan;

    public SkipSummary() {
        this(System.out);
    }

    SkipSummary(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        // A disabled class reports itself only: its tests are counted from the plan.
        count(reason, id.isTest() ? 1 : (int) Math.max(1, plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count()));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
            long tests = id.isTest() ? 1 : plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
            count(reason, (int) Math.max(1, tests));
        } else if (id.isTest()) {
            ran.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String line = summary();
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    /** The one line, or null when no test was skipped. */
    synchronized String summary() {
        int skipped = skippedByReason.values().stream().mapToInt(AtomicInteger::get).sum();
        if (skipped == 0) {
            return null;
        }
        int total = skipped + ran.get();
        StringBuilder line = new StringBuilder(PREFIX).append(skipped).append(" of ").append(total)
                .append(total == 1 ? " test skipped: " : " tests skipped: ");
        String sep = "";
        for (Map.Entry<String, AtomicInteger> e : skippedByReason.entrySet()) {
            line.append(sep).append(e.getValue().get()).append(' ').append(e.getKey());
            sep = "; ";
        }
        return line.toString();
    }

    private synchronized void count(String reason, int tests) {
        String why = reason == null || reason.isBlank() ? "without a reason" : reason.strip()
                .replaceFirst("^Assumption failed: ", "").replaceAll("\\s+", " ");
        skippedByReason.computeIfAbsent(why, k -> new AtomicInteger()).addAndGet(tests);
    }
}
