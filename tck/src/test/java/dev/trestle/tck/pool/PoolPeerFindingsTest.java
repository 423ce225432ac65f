package dev.trestle.tck.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.pool.Lease;
import dev.trestle.pool.PoolTimeoutException;
import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What the kit finds in the peers, kept true: the rules commons-pool2, HikariCP and Stormpot are excused
 * from still fail (or, for Stormpot, the mechanism behind its intermittent failures is still there), so the
 * excuses go when upstream fixes them.
 */
class PoolPeerFindingsTest {

  @Test
  void commonsPool2HangsTheBorrowerWhenTheFactoryHangs() {
    RuleRun run = KitSelfTest.run(CommonsPool2ConformanceTest.AllRules.class, "POOL-2.2");
    assertTrue(run.failed, "commons-pool2 now passes POOL-2.2; drop its excuse: " + run);
    assertTrue(run.message.contains("took longer than 5 s"), run.message);
  }

  @Test
  void hikariLeavesAChangedCatalogAndSchemaToTheNextBorrower() {
    RuleRun run = KitSelfTest.run(HikariDataSourceConformanceTest.AllRules.class, "DS-2.2");
    assertTrue(run.failed, "HikariCP now passes DS-2.2; drop its excuse: " + run);
    assertTrue(run.message.contains("catalog=other schema=other"), run.message);
  }

  /**
   * Why Stormpot 3.2 fails POOL-1.2 and POOL-8.1 in some runs. Its claim polls the live queue in slices of
   * at most 100 ms. An object a thread claims again through its thread-local cache stays on the live queue;
   * another claimer that polls it cannot take it and sets it aside, and the release of a cache-claimed
   * object does not put it back on the queue, so that claimer finds it only when its slice ends. A claim
   * with a 100 ms timeout therefore times out although the object was released, and idle, long before.
   * Under the kit's stress (8 threads, 3 objects) many claims lose whole slices, so the threads sometimes
   * do not finish within the kit's budget. The sequence below is deterministic; only an attempt where this
   * machine stalled so long that the release came late in the waiter's timeout is discarded and repeated.
   */
  @Test
  void stormpotLeavesAReleasedObjectToAWaiterOnlyWhenItsPollSliceEnds() throws Exception {
    int conclusive = 0;
    for (int attempt = 0; attempt < 5 && conclusive == 0; attempt++) {
      ProbeAllocator allocator = new ProbeAllocator();
      StormpotObjectPool pool = new StormpotObjectPool(allocator, new PoolSpec(1, 0, Duration.ofSeconds(5), Duration.ZERO,
          Duration.ZERO, Duration.ofSeconds(1), null));
      try {
        pool.acquire().close(); // a first claim takes the object off the live queue; the release puts it back
        Lease<Probe> held = pool.acquire(); // claimed again through this thread's cache: it stays on the queue
        long[] startedAt = new long[1];
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
          startedAt[0] = System.nanoTime();
          try (Lease<Probe> lease = pool.acquire(Duration.ofMillis(100))) {
            outcome.complete(lease.get());
          } catch (Throwable e) {
            outcome.complete(e);
          }
        }, "stormpot-waiter");
        waiter.setDaemon(true);
        waiter.start();
        while (waiter.getState() != Thread.State.TIMED_WAITING && !outcome.isDone()) {
          LockSupport.parkNanos(100_000); // it has polled the object, set it aside, and waits on the empty queue
        }
        long releasedAt = System.nanoTime();
        held.close();
        Object result = outcome.get(10, TimeUnit.SECONDS);
        if (releasedAt - startedAt[0] > TimeUnit.MILLISECONDS.toNanos(50)) {
          continue; // released too late in the waiter's 100 ms to prove anything: try again
        }
        conclusive++;
        assertInstanceOf(PoolTimeoutException.class, result,
            "Stormpot now hands a released object to a claimer that waits; drop its POOL-1.2 and POOL-8.1 excuses: " + result);
        assertEquals(1, allocator.created.get(), "one object, idle since its release, and the claim still timed out");
      } finally {
        pool.close();
      }
    }
    assertTrue(conclusive > 0, "five attempts, each released too late to judge: the machine is too loaded");
  }
}
