package dev.listings.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Port choice for the embedded servers: the preferred port when it is free, any free port otherwise. A port found
 * free may still be taken by someone else before a server binds it, so the servers treat a bind failure
 * ({@link #isBindFailure}) as a reason to try again on another port.
 */
public final class Ports {
  private Ports() {}

  /** {@code preferred} if it can be bound on the loopback interface now; a free port when it is taken or 0. */
  public static int preferredOrFree(int preferred) {
    if (preferred > 0 && isFree(preferred)) {
      return preferred;
    }
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on the loopback interface", e);
    }
  }

  /** Whether {@code port} can be bound on the loopback interface right now. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // As the servers do: a port whose last connections linger in TIME_WAIT after a restart is still usable.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether {@code failure}, or one of its causes, is a failure to bind a port. */
  public static boolean isBindFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }
}
