package dev.inventory.core.ledger;

/**
 * The hot per-tag state of the pipeline's stages in one {@code long[]}: each tag handle owns a block of
 * {@link #stride()} longs, rounded up to whole 64-byte cache lines, and each stage owns a region of every block
 * (the ledger's sighting state, the dedup windows, the zone slots). A read then touches one block instead of one
 * place per stage's array: with many tags read in random order, each of those places is a cache miss (and often a
 * TLB miss), so fewer, adjacent lines per read is what bounds the engine's rate. {@link #touch(int)} loads the
 * leading lines of a block that most reads use, so a batch can put the misses of several reads in flight before
 * processing them.
 * <p>
 * A {@code long[]} this large is allocated at the start of a heap region (G1 humongous) with its elements 16 bytes
 * after that, so the array starts at a 6-long pad and blocks fall on line boundaries. On a heap where that is not so
 * the layout is still correct; a block then spans one line more.
 * Instances are NOT threadsafe: engine thread only.
 */
public final class TagBlocks
{
    /** Longs in a 64-byte cache line. */
    public static final int LINE_LONGS = 8;
    private static final int PAD_LONGS = 6;

    private final long[] words;
    private final int stride;
    private final int[] regionOffset;
    private final int touchLongs;

    /**
     * @param capacity    tag handles.
     * @param touchLongs  longs at the start of a block that {@link #touch(int)} loads (most reads use no others).
     * @param regionLongs longs per tag of each region, in order.
     */
    public TagBlocks(final int capacity, final int touchLongs, final int... regionLongs)
    {
        regionOffset = new int[regionLongs.length];
        int longs = 0;
        for (int r = 0; r < regionLongs.length; r++)
        {
            if (regionLongs[r] < 1)
            {
                throw new IllegalArgumentException("region " + r + " has " + regionLongs[r] + " longs");
            }
            regionOffset[r] = PAD_LONGS + longs;
            longs += regionLongs[r];
        }
        this.stride = (longs + LINE_LONGS - 1) / LINE_LONGS * LINE_LONGS;
        this.touchLongs = Math.max(1, Math.min(touchLongs, stride));
        final long total = (long)capacity * stride + PAD_LONGS;
        if (total > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException("tag capacity " + capacity + " x " + stride + " longs is too large");
        }
        this.words = new long[(int)total];
    }

    /** @return the words all regions index. */
    public long[] words()
    {
        return words;
    }

    /** @return longs per tag block (a multiple of {@link #LINE_LONGS}). */
    public int stride()
    {
        return stride;
    }

    /**
     * @param region region number, in constructor order.
     * @return offset of the region in a block, including the leading pad: tag t's region starts at
     * {@code t * stride() + offset(region)}.
     */
    public int offset(final int region)
    {
        return regionOffset[region];
    }

    /**
     * Load the leading lines of a tag's block, so that processing the tag later finds them in cache.
     *
     * @param tag handle.
     * @return a value derived from the block (consume it so the loads are not elided).
     */
    public long touch(final int tag)
    {
        final long[] words = this.words;
        final int base = tag * stride + PAD_LONGS;
        // the last word too: should the array not start on a line, the leading longs span one line more
        long sum = words[base + touchLongs - 1];
        for (int i = base, end = base + touchLongs; i < end; i += LINE_LONGS)
        {
            sum += words[i];
        }
        return sum;
    }
}
