package dev.trestle.tck.pool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import org.junit.jupiter.api.Test;

/** The peers excused from POOL-4.2 (an allocator that throws an Error), run without the excuse: each must keep failing. */
class PoolErrorFindingsTest {

  @Test
  void commonsPool2LetsTheFactorysErrorReachTheBorrower() {
    RuleRun run = KitSelfTest.run(CommonsPool2ConformanceTest.AllRules.class, "POOL-4.2");
    assertTrue(run.failed && run.message.contains("but saw threw java.lang.AssertionError"), run.toString());
  }

  @Test
  void stormpotAllocatesNothingAfterAnAllocatorError() {
    RuleRun run = KitSelfTest.run(StormpotConformanceTest.AllRules.class, "POOL-4.2");
    assertTrue(run.failed && run.message.contains("a lease once the allocator stops throwing"), run.toString());
  }
}
