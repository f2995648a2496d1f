package io.cloudimage.core.format.vhdx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/** MS-GUIDs as VHDX stores them: the first three fields little-endian, the rest as written. */
final class Guid {
  static final UUID BAT = UUID.fromString("2DC27766-F623-4200-9D64-115E9BFD4A08");
  static final UUID METADATA = UUID.fromString("8B7CA206-4790-4B9A-B8FE-575F050F886E");
  static final UUID FILE_PARAMETERS = UUID.fromString("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
  static final UUID VIRTUAL_DISK_SIZE = UUID.fromString("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
  static final UUID LOGICAL_SECTOR_SIZE = UUID.fromString("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");
  static final UUID PHYSICAL_SECTOR_SIZE = UUID.fromString("CDA348C7-445D-4471-9CC9-E9885251C556");

  private Guid() {}

  /** Decodes 16 bytes at {@code at}. */
  static UUID read(ByteBuffer b, int at) {
    ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long d1 = Integer.toUnsignedLong(le.getInt(at));
    long d2 = Short.toUnsignedLong(le.getShort(at + 4));
    long d3 = Short.toUnsignedLong(le.getShort(at + 6));
    long msb = (d1 << 32) | (d2 << 16) | d3;
    long lsb = b.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(at + 8);
    return new UUID(msb, lsb);
  }

  /** Encodes {@code id} at {@code at}. */
  static void write(ByteBuffer b, int at, UUID id) {
    ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long msb = id.getMostSignificantBits();
    le.putInt(at, (int) (msb >>> 32));
    le.putShort(at + 4, (short) (msb >>> 16));
    le.putShort(at + 6, (short) msb);
    b.duplicate().order(ByteOrder.BIG_ENDIAN).putLong(at + 8, id.getLeastSignificantBits());
  }
}
