package dev.trestle.ratelimit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * A tiny RESP2 server on a loopback port for tests: it answers EVAL and EVALSHA with a chosen error
 * reply (or, with none chosen, an admission {@code [1, 4, 0]}), PING with PONG and every other
 * command with OK, so a test can make "Redis" answer LOADING, READONLY, OOM, ... on demand without
 * touching a real server. Threads are daemons; {@link #close()} stops everything.
 */
final class FakeRedis implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  final AtomicInteger scripts = new AtomicInteger();
  /** The error reply to scripts, without the leading '-'; null to admit. */
  volatile String errorReply;

  FakeRedis() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fake-redis-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Returns a new Jedis client of this server, with 5 s connect and socket timeouts; the caller closes it. */
  RedisClient client() {
    return RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", port()))
        .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(5_000).socketTimeoutMillis(5_000).build())
        .build();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        clients.add(client);
        Thread serve = new Thread(() -> serve(client), "fake-redis-client");
        serve.setDaemon(true);
        serve.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (Socket socket = client; InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      while (true) {
        List<String> command = readCommand(in);
        if (command == null) {
          return;
        }
        out.write(answer(command).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException gone) {
      // the client left
    }
  }

  private String answer(List<String> command) {
    String name = command.isEmpty() ? "" : command.get(0).toUpperCase(Locale.ROOT);
    switch (name) {
      case "EVAL":
      case "EVALSHA": {
        scripts.incrementAndGet();
        String error = errorReply;
        return error != null ? "-" + error + "\r\n" : "*3\r\n:1\r\n:4\r\n:0\r\n";
      }
      case "HELLO":
        return "-ERR unknown command 'HELLO'\r\n"; // a RESP2 server: the client falls back
      case "PING":
        return "+PONG\r\n";
      default:
        return "+OK\r\n";
    }
  }

  private static List<String> readCommand(InputStream in) throws IOException {
    String header = readLine(in);
    if (header == null) {
      return null;
    }
    if (!header.startsWith("*")) {
      throw new IOException("not a RESP array: " + header);
    }
    int count = Integer.parseInt(header.substring(1));
    List<String> parts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String length = readLine(in);
      if (length == null || !length.startsWith("$")) {
        throw new IOException("not a bulk string: " + length);
      }
      byte[] bytes = in.readNBytes(Integer.parseInt(length.substring(1)));
      readLine(in);
      parts.add(new String(bytes, StandardCharsets.UTF_8));
    }
    return parts;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, Math.max(0, bytes.length - 1), StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket client : clients) {
      client.close();
    }
  }
}
