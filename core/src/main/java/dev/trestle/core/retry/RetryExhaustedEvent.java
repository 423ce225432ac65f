package dev.trestle.core.retry;

import dev.trestle.core.retry.RetryListener.GiveUp;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event: a retry ran out of retries for a call, because it made {@code maxAttempts}
 * attempts ({@code EXHAUSTED}), the budget denied the next one ({@code BUDGET_DENIED}) or the
 * deadline left no time for it ({@code DEADLINE}). Calls that failed with an exception the config
 * does not retry are not events. Disabled by default; enable {@value #NAME} in a recording. When no
 * recording enables it, giving up pays one check and allocates nothing.
 */
@Name(RetryExhaustedEvent.NAME)
@Label("Retry Exhausted")
@Category({"Trestle", "Retry"})
@Description("A call failed after its retries ran out: attempts, budget or deadline")
@Enabled(false)
@StackTrace(false)
final class RetryExhaustedEvent extends Event {

  static final String NAME = "dev.trestle.retry.RetryExhausted";
  private static final EventType TYPE = EventType.getEventType(RetryExhaustedEvent.class);

  @Label("Retry")
  String retry;

  @Label("Attempts")
  int attempts;

  @Label("Reason")
  String reason;

  @Label("Last Failure")
  Class<?> lastFailure;

  static void commit(String retry, int attempts, GiveUp reason, Throwable lastFailure) {
    if (reason != GiveUp.EXHAUSTED && reason != GiveUp.BUDGET_DENIED && reason != GiveUp.DEADLINE) {
      return;
    }
    if (!TYPE.isEnabled()) {
      return;
    }
    RetryExhaustedEvent event = new RetryExhaustedEvent();
    if (event.shouldCommit()) {
      event.retry = retry;
      event.attempts = attempts;
      event.reason = reason.name();
      event.lastFailure = lastFailure == null ? null : lastFailure.getClass();
      event.commit();
    }
  }
}
