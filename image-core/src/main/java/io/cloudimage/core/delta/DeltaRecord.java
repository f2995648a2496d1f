package io.cloudimage.core.delta;

/**
 * One record of a delta, as read: where it goes in the target, how long it is, and its source.
 *
 * @param type one of the {@code DeltaHeader.RECORD_*} codes
 * @param fileOffset where the record starts in the delta file, for messages
 * @param offset where it goes in the target
 * @param length target bytes it covers
 * @param baseOffset where a copy reads in the base; 0 otherwise
 * @param payload the compressed bytes of an XOR or data record, in {@code payload[0,
 *     payloadLength)}; shared between records
 * @param payloadLength the compressed length
 */
record DeltaRecord(
    int type,
    long fileOffset,
    long offset,
    long length,
    long baseOffset,
    byte[] payload,
    int payloadLength) {}
