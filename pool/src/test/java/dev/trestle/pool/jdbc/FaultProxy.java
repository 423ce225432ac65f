package dev.trestle.pool.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a loopback port to a loopback target, whose faults a test switches:
 *
 * <ul>
 *   <li>{@link #blackHole()}: nothing is forwarded any more, on open connections or new ones, which
 *       are accepted and never answered; even after {@link #restore()} those connections stay silent
 *       (a peer that vanished), only new ones are forwarded again.
 *   <li>{@link #stall()}: open connections pause and new ones are held; {@link #restore()} lets all
 *       of them go on (a server that froze and came back).
 *   <li>{@link #cut()}: every connection is closed (FIN) and new ones are closed as they come.
 *   <li>{@link #reset()}: the same with a TCP reset (RST).
 * </ul>
 *
 * One listening port for its whole life; every thread is a daemon; {@link #close()} ends everything.
 */
final class FaultProxy implements AutoCloseable {

  enum Mode { FORWARD, BLACK_HOLE, STALL, CUT, RESET }

  private final int targetPort;
  private final ServerSocket server;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final List<Socket> silent = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private volatile Mode mode = Mode.FORWARD;

  FaultProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    daemon(this::accept, "fault-proxy-accept");
  }

  int port() {
    return server.getLocalPort();
  }

  /** One proxied connection: both sockets and whether its pumps still forward. */
  private final class Link {
    final Socket client;
    final Socket upstream;
    volatile boolean dead; // black-holed: reads are dropped forever

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void close(boolean reset) {
      closeQuietly(client, reset);
      closeQuietly(upstream, reset);
    }
  }

  private static void daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      switch (mode) {
        case CUT:
          closeQuietly(client, false);
          break;
        case RESET:
          closeQuietly(client, true);
          break;
        case BLACK_HOLE:
          silent.add(client);
          break;
        case STALL:
          held.add(client);
          break;
        default:
          connect(client);
      }
    }
  }

  private void connect(Socket client) {
    try {
      Socket upstream = new Socket();
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
      Link link = new Link(client, upstream);
      links.add(link);
      daemon(() -> pump(link, client, upstream), "fault-proxy-up");
      daemon(() -> pump(link, upstream, client), "fault-proxy-down");
    } catch (IOException e) {
      closeQuietly(client, false);
    }
  }

  private void pump(Link link, Socket from, Socket to) {
    byte[] buffer = new byte[16384];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) != -1; ) {
        awaitNotStalled();
        if (link.dead) {
          continue; // a black hole: swallowed
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException closed) {
      // one side is gone
    } finally {
      if (!link.dead) {
        link.close(false);
        links.remove(link);
      }
    }
  }

  private void awaitNotStalled() {
    synchronized (gate) {
      while (mode == Mode.STALL) {
        try {
          gate.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void switchTo(Mode next) {
    synchronized (gate) {
      mode = next;
      gate.notifyAll();
    }
  }

  /** Silences every open connection for good and holds new ones without an answer. */
  void blackHole() {
    switchTo(Mode.BLACK_HOLE);
    for (Link link : links) {
      link.dead = true;
      links.remove(link);
      silent.add(link.client);
      silent.add(link.upstream);
    }
  }

  /** Pauses every open connection and holds new ones, until {@link #restore()}. */
  void stall() {
    switchTo(Mode.STALL);
  }

  /** Closes every connection, and new ones as they come. */
  void cut() {
    switchTo(Mode.CUT);
    closeAll(false);
  }

  /** Resets every connection, and new ones as they come. */
  void reset() {
    switchTo(Mode.RESET);
    closeAll(true);
  }

  /** Forwards again: held connections go on, new ones are forwarded; black-holed ones stay silent. */
  void restore() {
    switchTo(Mode.FORWARD);
    for (Socket client : held) {
      held.remove(client);
      connect(client);
    }
  }

  private void closeAll(boolean reset) {
    for (Link link : links) {
      links.remove(link);
      link.close(reset);
    }
    for (Socket socket : held) {
      held.remove(socket);
      closeQuietly(socket, reset);
    }
  }

  @Override
  public void close() {
    closeQuietly(server, false);
    switchTo(Mode.CUT);
    closeAll(false);
    silent.forEach(socket -> closeQuietly(socket, false));
  }

  private static void closeQuietly(AutoCloseable closeable, boolean reset) {
    try {
      if (reset && closeable instanceof Socket) {
        ((Socket) closeable).setSoLinger(true, 0);
      }
      closeable.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
