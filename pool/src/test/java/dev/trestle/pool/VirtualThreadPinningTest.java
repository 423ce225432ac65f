package dev.trestle.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of virtual threads share a pool of 8 without pinning a carrier: JFR's
 * {@code jdk.VirtualThreadPinned} event (threshold 0) must not fire for a stack that goes through
 * the pool. Runs on JDK 21 and later only (virtual threads); the build compiles for 17, so the
 * executor is made by reflection.
 */
class VirtualThreadPinningTest {

  private static void warmUp() throws Exception {
    ObjectPool<CountingAllocator.Thing> pool = ObjectPool.create(new CountingAllocator(),
        PoolConfig.builder().name("warm-up").maxSize(2).acquireTimeout(Duration.ofSeconds(60)).build());
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 2_000; i++) {
          try (Lease<CountingAllocator.Thing> lease = pool.acquire()) {
            lease.get();
            Thread.yield();
          }
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    pool.close();
  }

  @Test
  void thousandsOfVirtualThreadsShareAPoolOfEightWithoutPinning() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+, this is " + Runtime.version());
    ExecutorService virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    warmUp(); // links the pool's call sites first: linking one may pin a carrier once, which is the JVM's, not the pool's
    CountingAllocator allocator = new CountingAllocator();
    ObjectPool<CountingAllocator.Thing> pool = ObjectPool.create(allocator,
        PoolConfig.builder().name("virtual").maxSize(8).acquireTimeout(Duration.ofSeconds(60)).build());
    List<String> pinned = new CopyOnWriteArrayList<>();
    AtomicInteger done = new AtomicInteger();
    int tasks = 5_000;
    try (RecordingStream events = new RecordingStream()) {
      events.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
      events.onEvent("jdk.VirtualThreadPinned", (RecordedEvent event) -> {
        String stack = String.valueOf(event.getStackTrace());
        if (stack.contains("dev.trestle.pool")) {
          pinned.add(stack);
        }
      });
      events.startAsync();
      for (int i = 0; i < tasks; i++) {
        virtualThreads.execute(() -> {
          try (Lease<CountingAllocator.Thing> lease = pool.acquire()) {
            lease.get();
            Thread.yield(); // let others contend while the object is held
          }
          done.incrementAndGet();
        });
      }
      virtualThreads.shutdown();
      assertTrue(virtualThreads.awaitTermination(60, TimeUnit.SECONDS), "the virtual threads finished: " + done.get());
      Thread.sleep(1500); // JFR flushes its stream about once a second: a hang guard, not a verdict on time
    } finally {
      pool.close();
    }
    assertEquals(tasks, done.get());
    assertTrue(pinned.isEmpty(), "carriers were pinned in the pool: " + pinned.stream().limit(1).findFirst().orElse(""));
    assertTrue(allocator.created.get() <= 8, "never more than maxSize objects: " + allocator.created.get());
  }
}
