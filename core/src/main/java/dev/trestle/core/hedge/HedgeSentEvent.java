package dev.trestle.core.hedge;

import dev.trestle.core.Ticker;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A JFR event: a hedge sent another attempt of a call whose earlier attempts had not answered.
 * Disabled by default; enable {@value #NAME} in a recording. When no recording enables it, a hedge
 * pays one check and allocates nothing.
 */
@Name(HedgeSentEvent.NAME)
@Label("Hedge Sent")
@Category({"Trestle", "Hedge"})
@Description("A hedged attempt was sent")
@Enabled(false)
@StackTrace(false)
final class HedgeSentEvent extends Event {

  static final String NAME = "dev.trestle.hedge.HedgeSent";
  private static final EventType TYPE = EventType.getEventType(HedgeSentEvent.class);

  @Label("Hedge")
  String hedge;

  @Label("Attempt")
  @Description("The attempt sent: 2 for the first hedge")
  int attempt;

  @Label("Since Call Start")
  @Timespan(Timespan.NANOSECONDS)
  long sinceCallStart;

  static void commit(String hedge, int attempt, Ticker ticker, long callStartNanos) {
    if (!TYPE.isEnabled()) {
      return;
    }
    HedgeSentEvent event = new HedgeSentEvent();
    if (event.shouldCommit()) {
      event.hedge = hedge;
      event.attempt = attempt;
      event.sinceCallStart = ticker.read() - callStartNanos;
      event.commit();
    }
  }
}
