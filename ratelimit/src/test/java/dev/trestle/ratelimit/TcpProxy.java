package dev.trestle.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy to a target, for tests. It can cut (every connection is closed, and new ones are
 * closed as soon as they are accepted: Redis unreachable), stall (connections are accepted and
 * nothing is forwarded: Redis too slow, the client times out), and be restored. It listens on one
 * port for its whole life, so no other process can take the port between a cut and a restore.
 * Threads are daemons; {@link #close()} stops everything.
 */
final class TcpProxy implements AutoCloseable {

  private enum Mode { FORWARD, CUT, STALL }

  private final String targetHost;
  private volatile int targetPort;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.FORWARD;

  TcpProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Mode now = mode;
        if (now == Mode.CUT) {
          closeQuietly(client);
          continue;
        }
        sockets.add(client);
        if (now == Mode.STALL) {
          continue; // hold the connection open and never answer
        }
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException closed) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) != -1; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException closed) {
        // the other side is gone
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private void switchTo(Mode next) {
    mode = next;
    for (Socket socket : sockets) {
      closeQuietly(socket);
      sockets.remove(socket);
    }
  }

  /** Closes every connection; new ones go to {@code port} on the target host (another server, e.g. a fake one). */
  void retarget(int port) {
    targetPort = port;
    switchTo(mode);
  }

  /** Closes every connection and closes new ones at once. */
  void cut() {
    switchTo(Mode.CUT);
  }

  /** Closes every connection and holds new ones open without forwarding anything. */
  void stall() {
    switchTo(Mode.STALL);
  }

  /** Closes every connection (stalled ones included) and forwards new ones again. */
  void restore() {
    switchTo(Mode.FORWARD);
  }

  @Override
  public void close() {
    closeQuietly(server);
    switchTo(Mode.CUT);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
