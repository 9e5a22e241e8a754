package dev.listings.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
  @Test
  void acceptsTextInEveryEncodedLength() {
    assertThat(Utf8.isValid("plain, é, €, 𝄞".getBytes(StandardCharsets.UTF_8), false)).isTrue();
  }

  @Test
  void rejectsOverlongFormsSurrogatesAndCodePointsBeyondUnicode() {
    assertThat(Utf8.isValid(bytes(0xC0, 0xAF), false)).isFalse(); // overlong '/'
    assertThat(Utf8.isValid(bytes(0xE0, 0x80, 0xAF), false)).isFalse(); // overlong
    assertThat(Utf8.isValid(bytes(0xED, 0xA0, 0x80), false)).isFalse(); // surrogate U+D800
    assertThat(Utf8.isValid(bytes(0xF4, 0x90, 0x80, 0x80), false)).isFalse(); // U+110000
    assertThat(Utf8.isValid(bytes(0xE9), false)).isFalse(); // Latin-1 'é'
    assertThat(Utf8.isValid(bytes(0x80), false)).isFalse(); // lone continuation byte
  }

  @Test
  void acceptsACharacterLeftIncompleteByACutOnlyWhenTheLineWasCut() {
    byte[] cutEuro = bytes('a', 0xE2, 0x82);
    assertThat(Utf8.isValid(cutEuro, true)).isTrue();
    assertThat(Utf8.isValid(cutEuro, false)).isFalse();
    assertThat(Utf8.isValid(bytes(0xE2, 0x28, 0xA1), true)).isFalse(); // invalid before the end stays invalid
  }

  @Test
  void agreesWithTheJdkStrictDecoderOnRandomBytes() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] data = new byte[random.nextInt(12)];
      random.nextBytes(data);
      assertThat(Utf8.isValid(data, false)).as("bytes %s", java.util.Arrays.toString(data)).isEqualTo(jdkValid(data));
    }
  }

  private static boolean jdkValid(byte[] data) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
