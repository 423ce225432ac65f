package dev.trestle.tck.pool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import org.junit.jupiter.api.Test;

/**
 * What the kit finds in the peers, kept true: the rules commons-pool2 and HikariCP are excused from still
 * fail, so the excuses go when upstream fixes them.
 */
class PoolPeerFindingsTest {

  @Test
  void commonsPool2HangsTheBorrowerWhenTheFactoryHangs() {
    RuleRun run = KitSelfTest.run(CommonsPool2ConformanceTest.AllRules.class, "POOL-2.2");
    assertTrue(run.failed, "commons-pool2 now passes POOL-2.2; drop its excuse: " + run);
    assertTrue(run.message.contains("still waiting after 5s"), run.message);
  }

  @Test
  void hikariLeavesAChangedCatalogAndSchemaToTheNextBorrower() {
    RuleRun run = KitSelfTest.run(HikariDataSourceConformanceTest.AllRules.class, "DS-2.2");
    assertTrue(run.failed, "HikariCP now passes DS-2.2; drop its excuse: " + run);
    assertTrue(run.message.contains("catalog=other schema=other"), run.message);
  }
}
