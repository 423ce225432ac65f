package dev.trestle.tck.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves each CACHE rule named here can fail: every broken cache is caught by the rule it breaks. */
class BrokenCacheSelfTest {

  private static final String[] RULES = {"CACHE-1.2", "CACHE-2.1", "CACHE-2.2", "CACHE-3.1", "CACHE-3.2", "CACHE-4.1",
      "CACHE-4.4", "CACHE-5.2", "CACHE-5.3", "CACHE-6.1", "CACHE-6.2", "CACHE-8.1", "CACHE-8.2",
      "CACHE-1.5", "CACHE-1.6", "CACHE-1.7", "CACHE-9.1", "CACHE-9.2", "CACHE-9.3", "CACHE-9.4", "CACHE-9.5"};

  @TestFactory
  Stream<DynamicTest> eachBrokenCacheFailsTheRuleItBreaks() {
    return Stream.of(
        caught(BrokenCaches.EvictsMostRecent.class, "CACHE-3.1"),
        caught(BrokenCaches.EvictsMostRecent.class, "CACHE-3.2"),
        caught(BrokenCaches.ExceedsBound.class, "CACHE-2.1"),
        caught(BrokenCaches.ExceedsBound.class, "CACHE-2.2"),
        caught(BrokenCaches.ServesExpired.class, "CACHE-4.1"),
        caught(BrokenCaches.IgnoresScheduler.class, "CACHE-4.4"),
        caught(BrokenCaches.SchedulesOnce.class, "CACHE-4.4"),
        caught(BrokenCaches.LoadsTwice.class, "CACHE-5.2"),
        caught(BrokenCaches.CachesException.class, "CACHE-5.3"),
        caught(BrokenCaches.MissesRemovalNotice.class, "CACHE-6.1"),
        caught(BrokenCaches.MissesRemovalNotice.class, "CACHE-6.2"),
        caught(BrokenCaches.ServesInvalidated.class, "CACHE-1.2"),
        caught(BrokenCaches.ServesInvalidated.class, "CACHE-8.1"),
        caught(BrokenCaches.LosesUpdate.class, "CACHE-8.2"),
        caught(BrokenCaches.ComputesUnlocked.class, "CACHE-1.5"),
        caught(BrokenCaches.ComputesUnlocked.class, "CACHE-1.6"),
        caught(BrokenCaches.KeepsOnNull.class, "CACHE-1.7"),
        caught(BrokenCaches.LoadsThenPuts.class, "CACHE-9.1"),
        caught(BrokenCaches.LoadsThenPuts.class, "CACHE-9.2"),
        caught(BrokenCaches.DetachedViews.class, "CACHE-9.3"),
        caught(BrokenCaches.StrandsOnError.class, "CACHE-9.4"),
        caught(BrokenCaches.LoadTimeInMillis.class, "CACHE-9.5"));
  }

  @TestFactory
  Stream<DynamicTest> theSameCacheWithoutItsFaultPassesThoseRules() {
    return Stream.of(RULES).map(rule -> DynamicTest.dynamicTest("faultless passes " + rule, () -> {
      RuleRun run = KitSelfTest.run(BrokenCaches.Faultless.class, rule);
      assertFalse(run.failed || run.skipped, run.toString());
    }));
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyCache("), run.message);
    });
  }
}
