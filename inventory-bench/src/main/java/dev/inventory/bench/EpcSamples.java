package dev.inventory.bench;

import java.util.SplittableRandom;

import dev.inventory.rfid.epc.EpcScheme;

/**
 * Random, valid EPC tag URIs of a given scheme (random filter, partition and field values within the partition
 * table; alphanumeric serials from letters and digits), for the EPC benchmarks. Stateless.
 */
final class EpcSamples
{
    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private EpcSamples()
    {
    }

    static String tagUri(final EpcScheme scheme, final SplittableRandom random)
    {
        final int filter = random.nextInt(8);
        // partitions 1..6: partition 0 leaves SGLN/GRAI a zero-digit reference, which TDT 1.0.0 cannot decode
        final int partition = 1 + random.nextInt(6);
        final int cpDigits = 12 - partition;
        final String cp = digits(random, cpDigits);
        final String head = "urn:epc:tag:" + scheme.tagUriName() + ':';
        switch (scheme)
        {
            case SGTIN_96:
                return head + filter + '.' + cp + '.' + digits(random, 13 - cpDigits) + '.' +
                    random.nextLong(1L << 38);
            case SGTIN_198:
                return head + filter + '.' + cp + '.' + digits(random, 13 - cpDigits) + '.' +
                    alnum(random, 1 + random.nextInt(20));
            case SSCC_96:
                return head + filter + '.' + cp + '.' + digits(random, 17 - cpDigits);
            case SGLN_96:
                return head + filter + '.' + cp + '.' + digits(random, 12 - cpDigits) + '.' +
                    random.nextLong(1L << 41);
            case GRAI_96:
                return head + filter + '.' + cp + '.' + digits(random, 12 - cpDigits) + '.' +
                    random.nextLong(1L << 38);
            case GRAI_170:
                return head + filter + '.' + cp + '.' + digits(random, 12 - cpDigits) + '.' +
                    alnum(random, 1 + random.nextInt(16));
            case GIAI_96:
                return head + filter + '.' + cp + '.' + random.nextLong(1L << 40);
            case GIAI_202:
                return head + filter + '.' + cp + '.' + alnum(random, 1 + random.nextInt(30 - cpDigits));
            case GID_96:
                return head + random.nextInt(1 << 28) + '.' + random.nextInt(1 << 24) + '.' + random.nextLong(1L << 36);
            default:
                throw new IllegalArgumentException(scheme.toString());
        }
    }

    private static String digits(final SplittableRandom random, final int n)
    {
        final StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++)
        {
            sb.append((char)('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private static String alnum(final SplittableRandom random, final int n)
    {
        final StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++)
        {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }
}
