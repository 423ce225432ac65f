package dev.trestle.codec.model;

import java.util.List;

/**
 * One event of an {@link EventLog}. Immutable; strings and {@code kind} may be null (absent).
 *
 * @param id the event's unique id
 * @param timestampMillis when it happened, epoch milliseconds
 * @param author who caused it
 * @param kind what happened
 * @param text the message text
 * @param replyTo the id of the event it answers
 * @param tags free-form tags, never null
 */
public record ChatEvent(String id, long timestampMillis, String author, Kind kind, String text, String replyTo,
    List<String> tags) {

  public ChatEvent {
    tags = Lists.copy(tags, "tags");
  }

  /** What a chat event records. */
  public enum Kind { MESSAGE, JOIN, LEAVE, REACTION }
}
