package dev.trestle.pool;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * A JFR event: an acquire that could not take an idle object at once and waited (or timed out)
 * for longer than the event's threshold (10 ms unless the recording sets another). Disabled by
 * default; enable it in a recording ({@code jfr configure}, a .jfc file, or
 * {@code Recording.enable("dev.trestle.pool.AcquireWait")}). When no recording enables it, the
 * acquire path pays one check and allocates nothing.
 */
@Name(AcquireWaitEvent.NAME)
@Label("Pool Acquire Wait")
@Category({"Trestle", "Pool"})
@Description("An acquire that waited for an object of the pool, or timed out")
@Enabled(false)
@Threshold("10 ms")
@StackTrace(false)
final class AcquireWaitEvent extends Event {

  static final String NAME = "dev.trestle.pool.AcquireWait";
  private static final EventType TYPE = EventType.getEventType(AcquireWaitEvent.class);

  @Label("Pool")
  String pool;

  @Label("Acquired")
  @Description("Whether the acquire got an object (false: it timed out, was interrupted or the pool closed)")
  boolean acquired;

  @Label("Waiting Threads")
  @Description("Threads still waiting in acquire when this one ended")
  int waitingThreads;

  /** Returns a started event if a recording enables it, else null (allocating nothing). */
  static AcquireWaitEvent start() {
    if (!TYPE.isEnabled()) {
      return null;
    }
    AcquireWaitEvent event = new AcquireWaitEvent();
    event.begin();
    return event;
  }

  /** Ends {@code event} (null: disabled) and commits it if it lasted past the threshold. */
  static void finish(AcquireWaitEvent event, String pool, boolean acquired, int waitingThreads) {
    if (event == null) {
      return;
    }
    event.end();
    if (event.shouldCommit()) {
      event.pool = pool;
      event.acquired = acquired;
      event.waitingThreads = waitingThreads;
      event.commit();
    }
  }
}
