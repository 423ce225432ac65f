package dev.trestle.pool;

import java.time.Duration;
import java.util.Optional;

/**
 * A bounded pool of reusable objects (connections, sessions, buffers) that lends each object to one
 * borrower at a time.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>An object is never lent to two borrowers at once, and the pool never holds more than
 *       {@code maxSize} objects, counting those being created.
 *   <li>{@link #acquire(Duration)} returns a lease or throws {@link PoolTimeoutException} within the
 *       timeout, even when the allocator hangs: objects are created on the pool's creator threads,
 *       never on the borrower's. Every wait (both {@code acquire} variants and
 *       {@link #shutdown(Duration)}) also ends at the calling thread's
 *       {@link dev.trestle.core.Deadline#current() current deadline} when that comes first; the
 *       {@code PoolTimeoutException} then says so.
 *   <li>Waiters are served in arrival order: an object given back goes straight to the longest
 *       waiter, and a new borrower never overtakes a waiting one.
 *   <li>Every object created is destroyed exactly once: when invalidated, when its validation fails,
 *       when it has been idle longer than {@code idleTimeout} (above {@code minIdle}), when it is
 *       past its {@code maxLifetime} and not in use, or when the pool closes.
 *   <li>A failing allocator never breaks the pool: failures are counted, retried with back-off and
 *       reported as the cause of the timeouts they lead to; the pool recovers as soon as creation
 *       works again.
 * </ul>
 *
 * <p>Thread-safe. A waiting thread checks a bounded number of times with {@code Thread.onSpinWait()}
 * (a few microseconds, so a hand-off that comes at once costs no park/unpark) and then parks; no thread
 * blocks while holding a monitor, so virtual threads waiting for an object unmount from their carriers.
 *
 * @param <T> the type of the pooled objects
 */
public interface ObjectPool<T> extends AutoCloseable {

  /**
   * Creates a pool of the objects {@code allocator} makes, with {@code config}. With
   * {@code failFast} set, creates {@code max(1, minIdle)} objects before it returns.
   *
   * @throws NullPointerException if an argument is null
   * @throws PoolException if {@code failFast} is set and an object cannot be created
   */
  static <T> ObjectPool<T> create(Allocator<T> allocator, PoolConfig config) {
    if (allocator == null) {
      throw new NullPointerException("allocator must not be null");
    }
    if (config == null) {
      throw new NullPointerException("config must not be null");
    }
    return new DefaultObjectPool<>(allocator, config);
  }

  /**
   * Borrows an object, waiting at most the configured {@code acquireTimeout}, and never past the
   * calling thread's current {@link dev.trestle.core.Deadline}.
   *
   * @throws PoolTimeoutException if no object could be lent in time
   * @throws PoolClosedException if the pool is closed
   * @throws PoolException if the thread is interrupted while it waits (the cause is the
   *     {@link InterruptedException}, and the thread's interrupt status is set again)
   */
  Lease<T> acquire();

  /**
   * Borrows an object, waiting at most {@code timeout} and never past the calling thread's current
   * {@link dev.trestle.core.Deadline}; zero waits not at all.
   *
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws PoolTimeoutException if no object could be lent in time
   * @throws PoolClosedException if the pool is closed
   * @throws PoolException if the thread is interrupted while it waits
   */
  Lease<T> acquire(Duration timeout);

  /**
   * Borrows an idle object if one can be lent at once without overtaking a waiter; never waits and
   * never creates on the calling thread (it may ask the creator threads for a new object).
   *
   * @throws PoolClosedException if the pool is closed
   */
  Optional<Lease<T>> tryAcquire();

  /** Returns a snapshot of the pool's counts and its acquire wait-time distribution. */
  PoolStats stats();

  /** Returns the pool's settings. */
  PoolConfig config();

  /**
   * Closes the pool at once: new and waiting acquires fail with {@link PoolClosedException}, idle
   * objects are destroyed now and leased ones when their lease ends. Idempotent.
   */
  @Override
  void close();

  /**
   * Closes the pool gracefully: refuses new acquires at once (waiting ones fail), destroys idle
   * objects, and waits at most {@code timeout} (and never past the calling thread's current
   * {@link dev.trestle.core.Deadline}) for the leased ones to come back (they are destroyed as
   * they do).
   *
   * @return true if every lease ended within that wait
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  boolean shutdown(Duration timeout);
}
