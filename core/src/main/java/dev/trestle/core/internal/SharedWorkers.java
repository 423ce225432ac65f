package dev.trestle.core.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor of time limiters: a cached pool of daemon threads, created on first use.
 * Threads are reused across calls and end after a minute idle, so no call leaves one behind.
 *
 * <p>Internal: exported only to Trestle's own modules. Thread-safe.
 */
public final class SharedWorkers {

  private SharedWorkers() {}

  /** Returns the shared executor, starting it on first use. */
  public static ExecutorService executor() {
    return Holder.EXECUTOR;
  }

  private static final class Holder {
    private static final AtomicInteger COUNT = new AtomicInteger();
    static final ExecutorService EXECUTOR = new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "trestle-time-limiter-" + COUNT.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
