package dev.trestle.ratelimit;

/** Where the Lincheck model checks run: JDK 17 to 24 (Lincheck 3.7 instruments byte code the JDK 25 class files outgrow). */
final class LincheckSupport {

  static final String WHY_NOT = "Lincheck 3.7's byte-code instrumentation does not support this JDK; the model checks run on JDK 17-24";

  private LincheckSupport() {}

  static boolean runs() {
    return Runtime.version().feature() < 25;
  }
}
