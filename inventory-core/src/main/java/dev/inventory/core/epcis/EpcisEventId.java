package dev.inventory.core.epcis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic EPCIS event IDs: {@code urn:uuid:} followed by a name-based (version 5, SHA-1) UUID of RFC 9562
 * (formerly RFC 4122), in the namespace {@link #NAMESPACE}, of the name {@code <partitionId>/<sequence>}, the
 * sequence in decimal. The engine's event sequence is the same on every replay of the same input, so a replay gives
 * the same IDs and a downstream EPCIS repository can drop the duplicates; the partition id keeps the IDs of
 * different engines (sites, partitions) apart.
 * <p>
 * This is not the CBV 2.0 event hash ({@code ni:///sha-256;...?ver=CBV2.0}), which hashes the canonical form of the
 * event's content: two distinct events with equal content (same EPC, time, place and step) would share a hash, and
 * the engine's sequence is the identity it guarantees.
 * <p>
 * Stateless; threadsafe.
 */
public final class EpcisEventId
{
    /** The RFC 9562 namespace for URLs, 6ba7b811-9dad-11d1-80b4-00c04fd430c8. */
    public static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
    /** Namespace of inventory event IDs: the version-5 UUID of {@value #NAMESPACE_NAME} in {@link #URL_NAMESPACE}. */
    public static final UUID NAMESPACE;
    /** Name whose UUID is {@link #NAMESPACE}. */
    public static final String NAMESPACE_NAME = "urn:dev:inventory:epcis:event-id";

    static
    {
        NAMESPACE = nameUuidV5(URL_NAMESPACE, NAMESPACE_NAME);
    }

    private EpcisEventId()
    {
    }

    /**
     * @param partitionId the engine / partition the event comes from.
     * @param sequence    the engine-wide event sequence.
     * @return {@code urn:uuid:<uuid>}.
     */
    public static String of(final String partitionId, final long sequence)
    {
        return "urn:uuid:" + nameUuidV5(NAMESPACE, partitionId + '/' + sequence);
    }

    /**
     * A name-based UUID, version 5 (SHA-1).
     *
     * @param namespace namespace UUID.
     * @param name      name, hashed as UTF-8.
     * @return the UUID.
     */
    public static UUID nameUuidV5(final UUID namespace, final String name)
    {
        final MessageDigest sha1;
        try
        {
            sha1 = MessageDigest.getInstance("SHA-1");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-1 is required of every Java platform", ex);
        }
        final byte[] ns = new byte[16];
        putLong(ns, 0, namespace.getMostSignificantBits());
        putLong(ns, 8, namespace.getLeastSignificantBits());
        sha1.update(ns);
        final byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // IETF variant
        return new UUID(getLong(hash, 0), getLong(hash, 8));
    }

    private static void putLong(final byte[] bytes, final int offset, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            bytes[offset + i] = (byte)(value >>> (56 - 8 * i));
        }
    }

    private static long getLong(final byte[] bytes, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
