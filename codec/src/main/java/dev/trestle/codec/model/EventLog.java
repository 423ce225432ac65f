package dev.trestle.codec.model;

import java.util.List;

/**
 * A string-heavy log of chat events on one channel. Immutable; {@code channel} may be null
 * (absent).
 *
 * @param channel the channel's name
 * @param events the events, oldest first, never null
 */
public record EventLog(String channel, List<ChatEvent> events) {
  public EventLog {
    events = Lists.copy(events, "events");
  }
}
