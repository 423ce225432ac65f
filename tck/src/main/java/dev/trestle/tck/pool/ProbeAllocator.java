package dev.trestle.tck.pool;

import dev.trestle.pool.Allocator;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kit's allocator: makes {@link Probe}s, counts creations and destructions, tracks the most
 * probes alive at once, records a second destruction of a probe as a violation, and injects faults
 * on demand (creation fails, creation hangs until the kit releases it, a random share of creations
 * fail). Thread-safe.
 */
public final class ProbeAllocator implements Allocator<Probe> {

  private final AtomicInteger ids = new AtomicInteger();
  final AtomicInteger created = new AtomicInteger();
  final AtomicInteger destroyed = new AtomicInteger();
  final AtomicInteger alive = new AtomicInteger();
  final AtomicInteger maxAlive = new AtomicInteger();
  final AtomicInteger validations = new AtomicInteger();
  final List<Probe> all = new CopyOnWriteArrayList<>();
  final Queue<String> violations = new ConcurrentLinkedQueue<>();
  volatile RuntimeException failWith;
  /** An Error (rather than an exception) each creation throws while set. */
  volatile Error failWithError;
  volatile CountDownLatch hang;
  volatile double randomFailureRate;
  /** Only the next creation waits for this gate; the probe it then makes is {@link #late}. */
  final AtomicReference<CountDownLatch> hangOnce = new AtomicReference<>();
  volatile Probe late;

  ProbeAllocator() {}

  @Override
  public Probe create() throws Exception {
    CountDownLatch gate = hang;
    if (gate != null) {
      gate.await();
    }
    CountDownLatch once = hangOnce.getAndSet(null);
    if (once != null) {
      once.await();
      Probe probe = make();
      late = probe;
      return probe;
    }
    Error error = failWithError;
    if (error != null) {
      throw error;
    }
    RuntimeException failure = failWith;
    if (failure != null) {
      throw failure;
    }
    if (randomFailureRate > 0 && ThreadLocalRandom.current().nextDouble() < randomFailureRate) {
      throw new IllegalStateException("injected random creation failure");
    }
    return make();
  }

  private Probe make() {
    maxAlive.accumulateAndGet(alive.incrementAndGet(), Math::max);
    Probe probe = new Probe(ids.incrementAndGet());
    all.add(probe);
    created.incrementAndGet();
    return probe;
  }

  @Override
  public boolean validate(Probe probe, Duration timeout) {
    validations.incrementAndGet();
    return probe.valid;
  }

  @Override
  public void destroy(Probe probe) {
    if (probe.destroyed.incrementAndGet() > 1) {
      violations.add(probe + " destroyed " + probe.destroyed.get() + " times");
      return;
    }
    if (probe.inUse.get()) {
      violations.add(probe + " destroyed while a borrower was using it");
    }
    alive.decrementAndGet();
    destroyed.incrementAndGet();
  }
}
