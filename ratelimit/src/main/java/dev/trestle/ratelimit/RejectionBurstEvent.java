package dev.trestle.ratelimit;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * A JFR event: a rate limiter (a local one, or a {@link RedisRateLimiter} over all its keys) began to
 * refuse requests in bulk, {@value RejectionBursts#REJECTIONS}
 * refusals within one window of {@value RejectionBursts#WINDOW_SECONDS} s on the limiter's ticker (the
 * system clock for a Redis limiter, whose decisions count refusals in fail-closed mode too). It
 * is committed once per burst, when the burst is detected (with the stack trace of the request that
 * crossed the line, which shows who calls); a burst ends once a window passes with fewer refusals.
 * Disabled by default; enable {@value #NAME} in a recording. When no recording enables it, a refusal
 * pays one check and allocates nothing, and an admitted request pays nothing.
 */
@Name(RejectionBurstEvent.NAME)
@Label("Rate Limiter Rejection Burst")
@Category({"Trestle", "Rate Limiter"})
@Description("A rate limiter refused many requests within a short window")
@Enabled(false)
final class RejectionBurstEvent extends Event {

  static final String NAME = "dev.trestle.ratelimit.RejectionBurst";
  static final EventType TYPE = EventType.getEventType(RejectionBurstEvent.class);

  @Label("Limiter")
  String limiter;

  @Label("Algorithm")
  String algorithm;

  @Label("Rejections")
  int rejections;

  @Label("Within")
  @Timespan(Timespan.NANOSECONDS)
  long within;
}
