package dev.trestle.core.internal;

import jdk.jfr.FlightRecorder;

/**
 * The check every Trestle JFR event passes before its class is touched. Loading a
 * {@code jdk.jfr.Event} subclass starts the JVM's flight recorder machinery (measured here: 1.4 to
 * 2.2 s on a loaded machine, on JDK 17 and 25), so a call site must not even name an event class
 * until the flight recorder has been initialized by a recording; until then no event can be
 * enabled, and this check is one volatile read.
 */
public final class FlightRecorderGate {

  private FlightRecorderGate() {}

  /** Returns whether the flight recorder has been initialized, so a Trestle event may be enabled. */
  public static boolean open() {
    return FlightRecorder.isInitialized();
  }
}
