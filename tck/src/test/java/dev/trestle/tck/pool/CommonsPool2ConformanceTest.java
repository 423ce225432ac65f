package dev.trestle.tck.pool;

import dev.trestle.pool.Allocator;
import dev.trestle.pool.ObjectPool;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** commons-pool2 against the POOL rules, through {@link CommonsPool2ObjectPool}. */
class CommonsPool2ConformanceTest extends ObjectPoolTck {

  @Override
  protected ObjectPool<Probe> newPool(Allocator<Probe> allocator, PoolSpec spec) {
    return new CommonsPool2ObjectPool(allocator, spec);
  }

  @Override
  protected Set<PoolFeature> features() {
    return EnumSet.of(PoolFeature.VALIDATION, PoolFeature.FAIR, PoolFeature.STATS);
  }

  static final String ERROR_REACHES_BORROWER = "commons-pool2 calls the factory on the borrower's thread and rethrows what "
      + "makeObject() throws: an Error reaches the borrower as that Error, not as a failed acquire (PoolException); "
      + "PoolErrorFindingsTest requires that it still does";
  static final String CREATES_ON_CALLER = "commons-pool2 fails it: borrowObject() calls the factory's makeObject() on the "
      + "borrower's thread, so a hanging factory hangs the borrower past maxWait (PoolPeerFindingsTest requires that it still fails)";

  @Override
  protected Map<String, String> knownDeviations() {
    return Map.of("POOL-2.2", CREATES_ON_CALLER, "POOL-4.2", ERROR_REACHES_BORROWER);
  }

  /** The same adapter without excuses, for {@link PoolPeerFindingsTest}. */
  static class AllRules extends CommonsPool2ConformanceTest {
    @Override
    protected Map<String, String> knownDeviations() {
      return Map.of();
    }

    @Override
    protected String implementationName() {
      return "CommonsPool2";
    }
  }
}
