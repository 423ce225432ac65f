package dev.trestle.core.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The load-balancing example of the README, run as written there. */
class ReadmeExampleTest {

  /** Stands in for the HTTP client of the README: answers in 2 ms. */
  private static String send(String server, String request) {
    return server + " answered " + request;
  }

  @Test
  void readmeExample() {
    // --- README begins
    LoadBalancer<String> servers = LoadBalancer.of(
        NodeSet.of("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080"),
        LoadBalancerConfig.builder()
            .algorithm(BalancingAlgorithm.PEAK_EWMA)      // P2C on latency x (outstanding + 1)
            .consecutiveFailures(5)                       // eject after 5 failures in a row...
            .baseEjectionTime(Duration.ofSeconds(30))     // ...for 30 s, longer if it happens again
            .maxEjectionPercent(50)                       // never more than half the servers
            .build());

    String server = servers.pick();                       // allocation-free; counts the request
    long start = System.nanoTime();
    try {
      String answer = send(server, "GET /price/42");
      servers.onSuccess(server, System.nanoTime() - start);
    } catch (RuntimeException e) {
      servers.onFailure(server, System.nanoTime() - start);
      throw e;
    }

    // A topology change is a new set; what was learned about the servers that stay is kept.
    servers.update(servers.nodes().without("10.0.0.3:8080").with("10.0.0.4:8080", 2));
    // --- README ends
    assertTrue(servers.nodes().contains("10.0.0.4:8080"));
    assertEquals(0, servers.outstanding(server));
  }
}
