package dev.trestle.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.internal.WaiterQueue.ParkedWaiter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaiterQueueTest {

  private final ManualTicker ticker = new ManualTicker();
  private final WaiterQueue<ParkedWaiter> queue = new WaiterQueue<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
  }

  private ParkedWaiter queued(ParkedWaiter waiter) {
    queue.lock();
    try {
      queue.add(waiter);
    } finally {
      queue.unlock();
    }
    return waiter;
  }

  @Test
  void grantsInArrivalOrderOrNewestFirst() {
    ParkedWaiter a = queued(new ParkedWaiter());
    ParkedWaiter b = queued(new ParkedWaiter());
    ParkedWaiter c = queued(new ParkedWaiter());
    queue.lock();
    try {
      assertSame(a, queue.grantFirst());
      assertSame(c, queue.grantLast());
      assertEquals(1, queue.size());
    } finally {
      queue.unlock();
    }
    assertEquals(WaiterQueue.GRANTED, a.state());
    assertEquals(WaiterQueue.GRANTED, c.state());
    assertEquals(WaiterQueue.WAITING, b.state());
  }

  @Test
  void aWaitersFateIsDecidedOnce() {
    ParkedWaiter granted = queued(new ParkedWaiter());
    ParkedWaiter abandoned = queued(new ParkedWaiter());
    queue.lock();
    try {
      queue.grantFirst();
    } finally {
      queue.unlock();
    }
    assertFalse(queue.abandon(granted), "a granted waiter cannot abandon: it must use what it was given");
    assertTrue(queue.abandon(abandoned));
    assertFalse(queue.abandon(abandoned));
    assertEquals(WaiterQueue.ABANDONED, abandoned.state());
    queue.lock();
    try {
      assertNull(queue.grantFirst(), "an abandoned waiter is no longer queued");
      assertTrue(queue.isEmpty());
    } finally {
      queue.unlock();
    }
  }

  @Test
  void closeAllClosesEveryWaiterAndEmptiesTheQueue() {
    ParkedWaiter a = queued(new ParkedWaiter());
    ParkedWaiter b = queued(new ParkedWaiter());
    List<ParkedWaiter> closed;
    queue.lock();
    try {
      closed = queue.closeAll();
      assertTrue(queue.isEmpty());
    } finally {
      queue.unlock();
    }
    assertEquals(List.of(a, b), closed);
    assertEquals(WaiterQueue.CLOSED, a.state());
    assertFalse(queue.abandon(b));
  }

  @Test
  void aParkedWaiterWakesWhenGrantedAndReportsTheEndOfItsWait() throws Exception {
    Future<Integer> granted = threads.submit(() -> {
      ParkedWaiter me = queued(new ParkedWaiter());
      try (TimedPark park = TimedPark.start(ticker, ticker, ticker.read(), 1_000_000)) {
        int outcome;
        do {
          outcome = me.awaitOnce(park, this);
        } while (outcome == WaiterQueue.WAITING);
        return outcome;
      }
    });
    ParkedWaiter waiter;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    do {
      queue.lock();
      try {
        waiter = queue.grantFirst();
      } finally {
        queue.unlock();
      }
      assertTrue(System.nanoTime() < end, "the waiter never queued");
    } while (waiter == null);
    waiter.wake();
    assertEquals(WaiterQueue.GRANTED, granted.get(10, TimeUnit.SECONDS));

    Future<Integer> timedOut = threads.submit(() -> {
      ParkedWaiter me = queued(new ParkedWaiter());
      try (TimedPark park = TimedPark.start(ticker, ticker, ticker.read(), 1_000)) {
        int outcome;
        do {
          outcome = me.awaitOnce(park, this);
        } while (outcome == WaiterQueue.WAITING);
        return outcome;
      }
    });
    while (ticker.pendingTasks() == 0) {
      assertTrue(System.nanoTime() < end, "the second waiter never started its park");
      Thread.onSpinWait();
    }
    ticker.advance(1_000, TimeUnit.NANOSECONDS);
    assertEquals(WaiterQueue.TIMED_OUT, timedOut.get(10, TimeUnit.SECONDS));
  }

  @Test
  void anInterruptEndsTheAwaitAndIsCleared() {
    ParkedWaiter me = queued(new ParkedWaiter());
    try (TimedPark park = TimedPark.start(ticker, ticker, ticker.read(), 1_000)) {
      Thread.currentThread().interrupt();
      assertEquals(WaiterQueue.INTERRUPTED, me.awaitOnce(park, this));
      assertFalse(Thread.currentThread().isInterrupted());
      assertEquals(WaiterQueue.WAITING, me.state(), "an interrupt decides nothing: the caller withdraws");
    }
  }
}
