package dev.trestle.core.breaker;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event: a circuit breaker changed state. Disabled by default; enable
 * {@value #NAME} in a recording. When no recording enables it, a transition pays one check and
 * allocates nothing.
 */
@Name(StateTransitionEvent.NAME)
@Label("Circuit Breaker State Transition")
@Category({"Trestle", "Circuit Breaker"})
@Description("A circuit breaker moved from one state to another")
@Enabled(false)
@StackTrace(false)
final class StateTransitionEvent extends Event {

  static final String NAME = "dev.trestle.breaker.StateTransition";
  private static final EventType TYPE = EventType.getEventType(StateTransitionEvent.class);

  @Label("Breaker")
  String breaker;

  @Label("From")
  String from;

  @Label("To")
  String to;

  static void commit(String breaker, CircuitState from, CircuitState to) {
    if (!TYPE.isEnabled()) {
      return;
    }
    StateTransitionEvent event = new StateTransitionEvent();
    if (event.shouldCommit()) {
      event.breaker = breaker;
      event.from = from.name();
      event.to = to.name();
      event.commit();
    }
  }
}
