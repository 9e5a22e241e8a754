package dev.listings.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void keepsThePreferredPortWhenItIsFree() throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    }
    assertThat(Ports.preferredOrFree(free)).isEqualTo(free);
  }

  @Test
  void picksAnotherPortWhenThePreferredOneIsBusy() throws IOException {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThat(Ports.isFree(busy.getLocalPort())).isFalse();
      int chosen = Ports.preferredOrFree(busy.getLocalPort());
      assertThat(chosen).isPositive().isNotEqualTo(busy.getLocalPort());
      assertThat(Ports.isFree(chosen)).isTrue();
    }
  }

  @Test
  void zeroMeansAnyFreePort() {
    assertThat(Ports.preferredOrFree(0)).isPositive();
  }

  @Test
  void recognisesBindFailuresWrappedInOtherExceptions() {
    var wrapped = new IllegalStateException("start failed", new UncheckedIOException(new BindException("in use")));
    assertThat(Ports.isBindFailure(wrapped)).isTrue();
    assertThat(Ports.isBindFailure(new IllegalStateException("other", new IOException("disk full")))).isFalse();
  }
}
