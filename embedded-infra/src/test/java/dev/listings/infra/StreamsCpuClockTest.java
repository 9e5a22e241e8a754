package dev.listings.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StreamsCpuClockTest {

  @Test
  void countsTheCpuOfTheApplicationsStreamThreadsOnly() throws Exception {
    StreamsCpuClock clock = StreamsCpuClock.start("clock-test");
    CountDownLatch done = new CountDownLatch(2);
    Thread own = new Thread(() -> burn(done), "clock-test-1b2c-StreamThread-1");
    Thread other = new Thread(() -> burn(done), "other-app-1b2c-StreamThread-1");
    own.start();
    other.start();
    done.await();
    long ownCpu = clock.streamThreadsNanos();
    own.join();
    other.join();

    assertThat(ownCpu).isPositive();
    // the other application's thread burnt as much, and is not counted: the total is about one thread's
    assertThat(clock.processNanos()).isGreaterThanOrEqualTo(ownCpu);
    assertThat(clock.jitCompileMillis()).isGreaterThanOrEqualTo(0);
    assertThat(clock.perLine(1_000)).matches(
        "stream threads [\\d.]+ µs CPU/record, JVM [\\d.]+ µs CPU/record, JIT compiling [\\d.]+ s");
  }

  /** Spins for about 200 ms of CPU, then waits (alive) until both threads are done, so their CPU can still be read. */
  private static void burn(CountDownLatch done) {
    long end = System.nanoTime() + 200_000_000L;
    long x = 0;
    while (System.nanoTime() < end) {
      x += Long.numberOfTrailingZeros(x + System.nanoTime());
    }
    if (x == 42) {
      System.out.print("");
    }
    done.countDown();
    try {
      done.await();
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
