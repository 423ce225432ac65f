package dev.trestle.tck.pool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves the DS rules can fail: every broken DataSource is caught by the rule it breaks. */
class BrokenDataSourceSelfTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenDataSourceFailsTheRuleItBreaks() {
    return Stream.of(
        caught(BrokenDataSources.NoRollback.class, "DS-2.1"),
        caught(BrokenDataSources.NoStateReset.class, "DS-2.2"),
        caught(BrokenDataSources.NoStateReset.class, "DS-2.3"),
        caught(BrokenDataSources.ReturnsFatal.class, "DS-4.1"),
        caught(BrokenDataSources.ReturnsFatal.class, "DS-4.2"),
        caught(BrokenDataSources.LeavesStatementsOpen.class, "DS-3.1"),
        caught(BrokenDataSources.NoReuse.class, "DS-1.1"),
        caught(BrokenDataSources.UsableAfterClose.class, "DS-1.2"),
        caught(BrokenDataSources.EvictsOnAnyFailure.class, "DS-4.3"),
        caught(BrokenDataSources.HidesDriver.class, "DS-5.1"),
        caught(BrokenDataSources.ConnectsOnCaller.class, "DS-6.1"),
        caught(BrokenDataSources.NoRollbackWhenReadOnly.class, "DS-2.4"));
  }

  @TestFactory
  Stream<DynamicTest> theSameDataSourceWithoutItsFaultPassesEveryRule() {
    return KitSelfTest.ruleIds(DataSourceTck.class).stream()
        .map(rule -> DynamicTest.dynamicTest("faultless passes " + rule, () -> {
          RuleRun run = KitSelfTest.run(BrokenDataSources.Faultless.class, rule);
          assertFalse(run.failed || run.skipped, run.toString());
        }));
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyDataSource("), run.message);
    });
  }
}
