package dev.trestle.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  @Test
  void systemSchedulerRunsADueTask() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    Scheduler.system().schedule(ran::countDown, 0);
    assertTrue(ran.await(30, TimeUnit.SECONDS), "a task due now must run");
  }

  @Test
  void systemSchedulerCancelsATaskThatHasNotRun() {
    AtomicBoolean ran = new AtomicBoolean();
    Scheduler.Cancellable handle = Scheduler.system().schedule(() -> ran.set(true), Duration.ofDays(1));
    assertTrue(handle.cancel());
    assertFalse(ran.get());
  }

  @Test
  void rejectsNullArguments() {
    assertThrows(NullPointerException.class, () -> Scheduler.system().schedule(null, 1));
    assertThrows(NullPointerException.class, () -> Scheduler.system().schedule(() -> {}, (Duration) null));
  }
}
